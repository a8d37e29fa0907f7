"""The verdict panel: the current claim in full, its verdict, its history, similar claims."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from workbench import review
from workbench.tui.glyphs import glyph, label
from workbench.tui.line_styles import LineStyles

STATUSES = ("unreviewed", "supported", "refuted", "misleading", "unverifiable", "not_a_claim")


def _short_time(at: str) -> str:
    return at[:16].replace("T", " ")


def describe_change(entry: dict[str, Any]) -> str:
    """One history entry as a short line of plain text."""
    parts = []
    for key, new in entry["new"].items():
        old = entry["old"].get(key)
        if key == "sources":
            parts.append("sources changed")
        elif key == "notes":
            parts.append("notes edited")
        elif key == "text":
            parts.append("text edited")
        else:
            parts.append(f"{key} {old if old is not None else '–'} → "
                         f"{new if new is not None else '–'}")
    what = ", ".join(parts) or entry["action"]
    if entry["action"] not in ("tag",):
        what = f"{entry['action']}: {what}"
    return f"{_short_time(entry['at'])}  {entry['who']}  {what}"


class VerdictPanel(LineStyles, ScrollView, can_focus=False):
    """Everything about the current claim, read-only; keys on the main screen change it.

    One block of text drawn line by line: showing another claim re-wraps a few dozen
    lines and repaints this panel alone, with no layout pass over the screen."""

    COMPONENT_CLASSES: ClassVar = {f"verdict-panel--{s}" for s in STATUSES}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._body = Content("")
        self._similar = Content("")
        self._strips: list[Strip] = []
        self._wrapped_at = -1

    def show(
        self,
        claim: dict[str, Any] | None,
        verdict: review.Verdict | None,
        history: list[dict[str, Any]],
    ) -> None:
        """Fill the panel for one claim (or say there is none)."""
        if claim is None or verdict is None:
            self._set(Content("No claims match. Press escape to clear the filters, "
                              "or ctrl+p to switch article or session."), Content(""))
            return
        by = claim.get("by") or "the article's own voice"
        meta = Content.assemble(
            (f"#{claim['id']} · seq {claim['seq']} · ", "dim"),
            (str(claim["kind"]), "bold"),
            " by ",
            (by, "italic"),
            (f" · check-worthiness {float(claim['checkworthiness']):.2f}", "dim"),
        )
        s = str(verdict.status)
        conf = "–" if verdict.confidence is None else f"{verdict.confidence}"
        status_style = Style.from_rich_style(self.line_styles()[s])
        status = Content.assemble(
            (f" {glyph(s)} {label(s).upper()}   confidence {conf} ", status_style),
            (f"  {verdict.reviewer} {_short_time(verdict.updated_at)}"
             if verdict.updated_at else "", "dim"),
        )
        if verdict.sources:
            lines = [Content.assemble(("Sources", "bold"))]
            for n, src in enumerate(verdict.sources, 1):
                line = Content.assemble(f" {n}. ", (src.ref, "underline"))
                if src.note:
                    line = Content.assemble(line, ("  — " + src.note, "italic"))
                lines.append(line)
            sources = Content("\n").join(lines)
        else:
            sources = Content.assemble(("Sources ", "bold"), ("none yet (o adds one)", "dim"))
        notes = (Content.assemble(("Notes ", "bold"), verdict.notes) if verdict.notes
                 else Content.assemble(("Notes ", "bold"), ("none (n edits)", "dim")))
        if history:
            lines = [Content.assemble(("History", "bold"))]
            lines += [Content(" " + describe_change(h)) for h in history[:8]]
            changes = Content("\n").join(lines)
        else:
            changes = Content.assemble(("History ", "bold"), ("no changes yet", "dim"))
        claim_text = Content.assemble((claim["text"], "bold"))
        body = Content("\n").join(
            [claim_text, meta, Content(""), status, Content(""), sources, Content(""), notes,
             Content(""), changes])
        self._set(body, Content(""))

    def show_similar(self, similar: list[Any]) -> None:
        """The closest claims of other articles that have a verdict (see match.similar)."""
        if not similar:
            self._set(self._body, Content(""))
            return
        lines = [Content.assemble(("Similar claims reviewed before", "bold"),
                                  ("  (c copies the first verdict)", "dim"))]
        for item in similar:
            lines.append(Content.assemble(
                f" {glyph(item.status)} {label(item.status)}",
                (f" {item.confidence if item.confidence is not None else '–'}", "dim"),
                (f" {item.score:.0f}% ", "dim"),
                item.text,
                (f"  [{item.article}, {item.session}]", "dim"),
            ))
        self._set(self._body, Content("\n").join(lines))

    @property
    def text(self) -> str:
        """What the panel says, as plain text (for tests and screen readers)."""
        return self._content().plain

    def _content(self) -> Content:
        if not self._similar:
            return self._body
        return Content("\n").join([self._body, Content(""), self._similar])

    def _set(self, body: Content, similar: Content) -> None:
        changed_claim = body is not self._body
        self._body, self._similar = body, similar
        self._wrapped_at = -1
        self._render_strips()
        if changed_claim:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _render_strips(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._wrapped_at = width
        style = self.visual_style
        self._strips = [Strip(line.render_segments(style)) for line in
                        self._content().wrap(width)]
        size = Size(width, len(self._strips))
        if size != self.virtual_size:
            # Only this panel's scroll range changes: update it without a layout pass
            # over the whole screen (the virtual_size reactive would ask for one).
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)

    def on_resize(self) -> None:
        self._render_strips()

    def make_line_styles(self) -> dict[str, RichStyle]:
        styles = {"": self.rich_style}
        for s in STATUSES:
            styles[s] = self.get_component_rich_style(f"verdict-panel--{s}")
        return styles

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._wrapped_at:
            self._render_strips()
        index = self.scroll_offset.y + y
        base = self.line_styles()[""]
        if index >= len(self._strips):
            return Strip.blank(width, base)
        return self._strips[index].crop(0, width).adjust_cell_length(width, base)
