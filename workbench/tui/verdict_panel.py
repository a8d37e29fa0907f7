"""The verdict panel: the current claim in full, its verdict, its history, similar claims."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench import review
from workbench.model import Status, sources_from_json
from workbench.storage.adjudication import SETTLE
from workbench.tui.glyphs import FLAG, glyph, label
from workbench.tui.line_styles import LineStyles, eight_bit, legible, on_terminal_colours
from workbench.tui.wrap import wrap_offsets
from workbench.wording import word_edit


def _short_time(at: str) -> str:
    return at[:16].replace("T", " ")


# What a history row that changed nothing says: an undo or redo that found the claim
# changed since by another, a final verdict taken as the target already held it.
_UNCHANGED = {"undo": "nothing put back, changed since by another",
              "redo": "nothing put back, changed since by another",
              SETTLE: "kept as it stood"}


def describe_change(entry: dict[str, Any]) -> str:
    """One history entry as a short line of plain text."""
    if entry["action"] == review.CARRY_OVER and entry["entity"] == "verdict":
        return f"{_short_time(entry['at'])}  {entry['who']}  {_carried(entry)}"
    parts = []
    for key, new in entry["new"].items():
        old = entry["old"].get(key)
        if old == new:  # an undo puts back a blank confidence beside the status it restores
            continue
        if key == "status":
            parts.append(f"status {label(old or Status.UNREVIEWED)} → {label(new)}")
        elif key == "sources":
            parts.append(_sources_change(old, new))
        elif key == "notes":
            parts.append("notes edited")
        elif key == "text" and old:
            parts.append(f"text: {_text_edit(old, new)}")
        elif key == "text":
            parts.append(f"text now “{_cut(new)}”")
        elif key == "by":
            parts.append(f"attributed to {_voice(new)}, was {_voice(old)}")
        elif key == "needs_review":
            parts.append("re-reviewed" if not new else f"{FLAG} flagged for re-review")
        else:
            parts.append(f"{key} {old if old is not None else '–'} → "
                         f"{new if new is not None else '–'}")
    what = ", ".join(parts) or (_UNCHANGED.get(entry["action"], entry["action"])
                                if not entry["new"] else entry["action"])
    if entry["action"] == review.CARRY_OVER:  # a reviewer's correction made again
        what = (f"corrected as claim #{entry['old'].get('claim_id')} of the earlier version"
                f" was: {what}")
    elif entry["action"] not in ("tag",):
        what = f"{entry['action']}: {what}"
    return f"{_short_time(entry['at'])}  {entry['who']}  {what}"


def _carried(entry: dict[str, Any]) -> str:
    """A verdict a re-ingest carried from the claim's earlier version."""
    new = entry["new"]
    what = f"carried over from claim #{entry['old'].get('claim_id')} of the earlier version:"
    what += f" {label(new.get('status') or Status.UNREVIEWED)}"
    if new.get("confidence") is not None:
        what += f" {new['confidence']}"
    if not new.get("needs_review"):
        return what
    edits = []
    if "was" in entry:
        edits.append(f"text edited: {_text_edit(entry['was'], entry['now'])}")
    if "was_by" in entry:
        edits.append(f"attributed to {_voice(entry['now_by'])}, was {_voice(entry['was_by'])}")
    return what + f", flagged for re-review ({'; '.join(edits) or 'text edited'})"


def _voice(by: str) -> str:
    return by or "the article's own voice"


LEAD = 24  # characters of the words before a text's first edit that its history line shows


def _text_edit(old: str, new: str) -> str:
    """A claim's text edited, on one line: "…words before [old → new] words after"."""
    return word_edit(" ".join(old.split()), " ".join(new.split()), LEAD)


def _sources_change(old: str | None, new: str | None) -> str:
    """What a change of sources (each side as stored: JSON) added and took away."""
    before = [s.ref for s in sources_from_json(old)]
    after = [s.ref for s in sources_from_json(new)]
    moves = ([f"+{_cut(ref)}" for ref in after if ref not in before]
             + [f"−{_cut(ref)}" for ref in before if ref not in after])
    return "sources " + (", ".join(moves) if moves else "notes edited")


def _cut(text: str, most: int = 48) -> str:
    """`text` on one line, cut to `most` characters."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


HANG = 3  # cells a list item's wrapped lines are indented by, under its text
NOTES = "Notes "  # the label the notes follow on their first line
DRAWN_LINES = 500  # lines of runs whose strips the panel keeps
HISTORY_LINES = 8  # the newest changes shown
# Lines the claim's text and its attribution take at least: the verdict below stays in one
# place from claim to claim, for the eye and for the screen (a move repaints the lines
# that changed, and a claim a line longer than the last would move every line below it).
HEAD_LINES = 4
Run = tuple[str, str]  # some text and the name of its style in the panel's line styles
Line = list[Run]
_TEXT_STYLES = {"bold": Style(bold=True), "dim": Style(dim=True),
                "italic": Style(italic=True), "underline": Style(underline=True)}


def _lines(text: str, style: str = "", lead: Line | None = None) -> list[Line]:
    """`text` as lines of one style (it may hold line breaks), `lead` before the first."""
    out = [[(part, style)] for part in text.split("\n")]
    if lead:
        out[0] = [*lead, *out[0]]
    return out


def _similar_lines(similar: list[Any]) -> list[Line]:
    if not similar:
        return []
    lines: list[Line] = [[("Similar claims reviewed before", "bold"),
                          ("  (c copies the first with the same figures)", "dim")]]
    for item in similar:
        conf = item.confidence if item.confidence is not None else "–"
        alike = f" · {item.score:.0f}% alike{'' if item.same_figures else ', other figures'} · "
        lines.append([(f" {glyph(item.status)} {label(item.status)} {conf}", ""),
                      (alike, "dim"), (item.text, ""),
                      (f"  [{item.article}, {item.session}]", "dim")])
    return lines


def _draw(runs: Line, width: int, styles: dict[str, Style]) -> list[Strip]:
    """The strips a line of runs wraps to at `width`, each `width` cells long."""
    plain = "".join(t for t, _s in runs)
    if plain.startswith((NOTES, " " * len(NOTES))):  # notes: every line under the first's
        hang = len(NOTES)
    else:
        hang = HANG if plain.startswith(" ") else 0  # an item of a list: hang its lines
    base = styles[""]
    strips: list[Strip] = []
    for n, (start, end) in enumerate(wrap_offsets(plain, width, hang) if plain else [(0, 0)]):
        segments, at = [Segment(" " * hang, base)] if n and hang else [], 0
        for text, name in runs:
            a, b = max(start, at), min(end, at + len(text))
            if a < b:
                segments.append(Segment(plain[a:b], styles[name]))
            at += len(text)
        strips.append(Strip(segments).crop(0, width).adjust_cell_length(width, base))
    return strips


class VerdictPanel(LineStyles, ScrollView, can_focus=False):
    """Everything about the current claim, read-only; keys on the main screen change it.

    Lines of styled runs, wrapped and drawn by the panel itself: showing another claim
    costs well under a millisecond and repaints this panel alone, with no layout pass."""

    COMPONENT_CLASSES: ClassVar = {f"verdict-panel--{s.value}" for s in Status}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._body: list[Line] = []
        self._head = 0  # lines of runs at the top of the body padded to HEAD_LINES
        self._claim_id: int | None = None  # the claim shown
        self._similar: list[Line] = []
        self._history: list[Line] = []  # shown after the similar claims, which c acts on
        self._strips: list[Strip] = []
        self._sources_line = 0  # the body's line that heads the sources
        self._sources_at = 0  # and the strip it is drawn on
        self._wrapped_at = -1
        # The strips each line of runs was drawn as, at _wrapped_at with _drawn_styles:
        # most lines (headings, blanks, history) recur from claim to claim.
        self._drawn: dict[tuple[Run, ...], list[Strip]] = {}
        self._drawn_styles: dict[str, Style] | None = None

    def show(
        self,
        claim: dict[str, Any],
        verdict: review.Verdict,
        history: list[dict[str, Any]],
        similar: list[Any],
    ) -> None:
        """Fill the panel for one claim (`similar`: see show_similar). On a move to another
        claim its scroll range does not shrink until the similar claims are shown: the last
        claim's, gone, would otherwise redraw the scrollbar on every move."""
        same_claim, self._claim_id = claim["id"] == self._claim_id, claim["id"]
        by = claim.get("by") or "the article's own voice"
        s = str(verdict.status)
        conf = "–" if verdict.confidence is None else f"{verdict.confidence}"
        body = _lines(claim["text"], "bold")
        body.append([
            (f"#{claim['id']} · seq {claim['seq']} · ", "dim"), (str(claim["kind"]), "bold"),
            (" by ", ""), (by, "italic"),
            (f" · check-worthiness {float(claim['checkworthiness']):.2f}", "dim"),
        ])
        self._head = len(body)
        body += [[], [
            (f" {glyph(s)} {label(s).upper()}   confidence {conf} ", s),
            (f"  {verdict.reviewer} {_short_time(verdict.updated_at)}"
             if verdict.updated_at else "", "dim"),
        ]]
        if verdict.needs_review:
            body += _lines("this claim changed since the verdict, in its text or whom it is"
                           " attributed to (a new version of the article, or a reviewer's"
                           " edit, split or merge; its history says which): check it again"
                           " (a status or confidence key confirms it)",
                           lead=[(f"{FLAG} to re-review: ", "bold")])
        body.append([])
        self._sources_line = len(body)
        if verdict.sources:
            body.append([("Sources", "bold")])
            for n, src in enumerate(verdict.sources, 1):
                body.append([(f" {n}. ", ""), (src.ref, "underline"),
                             *([("  — " + src.note, "italic")] if src.note else [])])
        else:
            body.append([("Sources ", "bold"), ("none yet (o adds one)", "dim")])
        body.append([])
        if verdict.notes:  # the lines after the first under the first, not under "Notes"
            first, *rest = verdict.notes.split("\n")
            body.append([(NOTES, "bold"), (first, "")])
            body += [[(" " * len(NOTES) + line, "")] for line in rest]
        else:
            body.append([(NOTES, "bold"), ("none (n edits)", "dim")])
        if history:
            self._history = [[("History", "bold")], *(
                [(" " + describe_change(h), "")] for h in history[:HISTORY_LINES])]
        else:
            self._history = [[("History ", "bold"), ("no changes yet", "dim")]]
        self._set(body, _similar_lines(similar), settle=same_claim or bool(similar),
                  new_claim=not same_claim)

    def show_nothing(self, *, filtered: bool) -> None:
        """Say why there is no claim to show, and what to do about it."""
        self._head, self._claim_id, self._history = 0, None, []
        if filtered:
            self._set(_lines("No claims match. Press escape to clear the filters and search, "
                             "or ctrl+p to switch article or session."), [], new_claim=True)
        else:
            self._set(_lines("No claims yet. Add articles from the shell with "
                             "`workbench ingest PATH...` (.txt, .md, .html, or a folder), "
                             "then open the workbench again."), [], new_claim=True)

    def show_similar(self, similar: list[Any]) -> None:
        """The closest claims of other articles that have a verdict (see match.similar)."""
        self._set(self._body, _similar_lines(similar))

    @property
    def text(self) -> str:
        """What the panel says, as plain text."""
        return "\n".join("".join(t for t, _s in line) for line in self._all())

    def _all(self) -> list[Line]:
        similar = [[], *self._similar] if self._similar else []
        history = [[], *self._history] if self._history else []
        return [*self._body, *similar, *history]

    def _set(self, body: list[Line], similar: list[Line], settle: bool = True,
             new_claim: bool = False) -> None:
        """Show `body` and `similar`; the top of the panel when it is `new_claim`, else the
        lines in view stay where they are (a tag, a source, similar claims coming in)."""
        self._body, self._similar = body, similar
        before, top = self._strips, self.scroll_offset.y
        self._render_strips(settle)
        if new_claim and top:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.refresh()
            return
        # Repaint only the lines that changed: moving between claims keeps most of them.
        # One refresh for them all: each call walks the widget's geometry and styles again.
        after, width = self._strips, self.size.width
        changed = [Region(0, y - top, width, 1)
                   for y in range(top, top + self.scrollable_content_region.height)
                   if (before[y] if y < len(before) else None)
                   != (after[y] if y < len(after) else None)]
        if changed:
            self.refresh(*changed)

    def make_line_styles(self) -> dict[str, Style]:
        base = self.rich_style
        styles = {"": base, **{name: base + style for name, style in _TEXT_STYLES.items()}}
        ansi, few = on_terminal_colours(self), eight_bit(self)
        for s in Status:
            badge = base + self.get_component_rich_style(f"verdict-panel--{s.value}")
            if ansi and s is not Status.UNREVIEWED:  # the status's colour as the background
                badge = base + Style(color=badge.color, bold=True, reverse=True)
            styles[s.value] = legible(badge, base, eight_bit=few)
        return styles

    def _render_strips(self, settle: bool = True) -> None:
        """Draw every line at the panel's width; `settle` False keeps the scroll range
        from shrinking."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        styles = self.line_styles()
        if width != self._wrapped_at or styles is not self._drawn_styles:
            self._drawn.clear()  # another width or other colours: the lines drawn are stale
            self._wrapped_at, self._drawn_styles = width, styles
        strips: list[Strip] = []
        for n, runs in enumerate(self._all(), 1):
            if n - 1 == self._sources_line:
                self._sources_at = len(strips)
            key = tuple(runs)
            drawn = self._drawn.get(key)
            if drawn is None:
                if len(self._drawn) >= DRAWN_LINES:
                    self._drawn.clear()
                drawn = self._drawn[key] = _draw(runs, width, styles)
            strips += drawn
            if n == self._head and len(strips) < HEAD_LINES:
                strips += [Strip.blank(width, styles[""])] * (HEAD_LINES - len(strips))
        self._strips = strips
        # No shorter than the view: claims that fit leave the scrollbar as it is (full),
        # so it is not drawn again on every move.
        height = max(len(strips), self.scrollable_content_region.height)
        if not settle:
            height = max(height, self.virtual_size.height)
        size = Size(width, height)
        if size != self.virtual_size:
            # Only this panel's scroll range changes: update it without a layout pass
            # over the whole screen (the virtual_size reactive would ask for one).
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)

    def show_sources(self) -> None:
        """Scroll the sources into view (after one is added), unless they are in it."""
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if not top <= self._sources_at < top + height - 1:
            self.scroll_to(y=self._sources_at, animate=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped_at = -1  # colours come from the theme: draw the lines again

    def on_resize(self) -> None:
        self._render_strips()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._wrapped_at:
            self._render_strips()
        index = self.scroll_offset.y + y
        if index >= len(self._strips):
            return Strip.blank(width, self.line_styles()[""])
        return self._strips[index]
