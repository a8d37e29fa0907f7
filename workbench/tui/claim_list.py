"""The claim list: a virtual list over the claims in SQLite, drawn line by line.

It never holds every claim: `render_line` draws from a small cache of pages, and a
page is read by sort key from its neighbour (cheap anywhere in a million rows) or,
after a jump, by offset in a thread worker while placeholders show. Counting runs in
a worker too.

Each claim is wrapped whole over as many lines as it needs, so the scroll axis counts
claims, not lines: `scroll_offset.y` is the claim at the top, and only the claims in
view are wrapped (`_layout`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench import review
from workbench.model import Status
from workbench.storage import Database, articles
from workbench.tui.glyphs import FLAG, glyph
from workbench.tui.line_styles import LineStyles, eight_bit, legible, on_terminal_colours
from workbench.tui.wrap import wrap_offsets

PAGE = 100
CACHE_ROWS = 3000
GLYPH, SEQ, CONFIDENCE = 2, 5, 6  # the cells of the columns around a claim's text


class ClaimList(LineStyles, ScrollView, can_focus=True):
    """The claims of the current list query, each wrapped whole."""

    BINDINGS: ClassVar = [
        Binding("up,k", "move(-1)", "up", show=False),
        Binding("down,j", "move(1)", "down", show=False),
        Binding("pageup", "page(-1)", "page up", show=False),
        Binding("pagedown,space", "page(1)", "page down", show=False),
        Binding("home,g", "first", "first", show=False),
        Binding("end,G", "last", "last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar = {
        "claim-list--cursor",
        "claim-list--seq",
        "claim-list--confidence",
        "claim-list--placeholder",
        *(f"claim-list--{s.value}" for s in Status),
    }

    class Counted(Message):
        """The list's length is known."""

        def __init__(self, total: int) -> None:
            super().__init__()
            self.total = total

    class Placed(Message):
        """The index of a claim opened deep in the list is known (see `placed`)."""

    def __init__(self, db: Database, query: review.ListQuery,
                 on_highlight: Callable[[dict[str, Any] | None], None], **kwargs: Any) -> None:
        """`on_highlight(row)` is called at once whenever the cursor lands on a (new) claim,
        `row` None when the list is empty: at once, not by message, so the claim's panels
        repaint in the same frame as the list."""
        super().__init__(**kwargs)
        self.on_highlight = on_highlight
        self.db = db
        self.query_ = query
        self.cursor = 0
        self.total = 0
        self.counted = False
        self._rows: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._loading: set[int] = set()
        self._generation = 0
        self._announced: int | None = None
        self.placed = True  # False while a claim opened deep in the list has a stand-in index
        self._standin = 0  # that claim
        self._wrapped: dict[int, tuple[str, int, int, str, list[str]]] = {}
        self._titles: dict[int, str] = {}  # article titles, for the headings of a list of several
        self._several = False  # whether the database holds more than one article
        self._layout_key: tuple[int, ...] = ()
        self._layout_lines: list[tuple[int, int, str]] = []
        self._layout_fit = (1, 1)

    # -- data -------------------------------------------------------------------------

    def load(self, query: review.ListQuery, claim_id: int | None = None) -> None:
        """Show a new list (filter, order, search, session), on `claim_id` if it is in it."""
        self._generation += 1
        self.query_ = query
        self._several = articles.several(self.db)  # one article: its title heads nothing
        self._rows.clear()
        self._wrapped.clear()
        self._loading.clear()
        self._announced = None
        self.placed = True
        index = start = 0
        rows = review.page(self.db, query, 0, PAGE)
        first_ids = [r["id"] for r in rows]
        if claim_id in first_ids:
            index = first_ids.index(claim_id)  # near the top: no need to count rows
        elif claim_id is not None and query.ids is None:
            ahead = review.page_from(self.db, query, claim_id, PAGE)
            if ahead and ahead[0]["id"] == claim_id:
                # Deep in the list: show it now at a stand-in index; counting the claims
                # before it (a fifth of a second at a million) happens in a worker.
                index, start, rows, self.placed = PAGE, PAGE, ahead, False
                self._standin = claim_id
                self.call_after_refresh(self._locate, self._generation, claim_id)
        elif claim_id is not None:
            index = review.locate(self.db, query, claim_id) or 0
        if index >= len(rows) and claim_id is not None and self.placed:
            start, rows = index, review.page_from(self.db, query, claim_id, PAGE)
        self._put(start, rows)
        self._put_before(start, query)
        ends_here = len(rows) < PAGE
        # A stand-in index makes a stand-in total too: counted only once it is placed.
        self.counted = (ends_here and self.placed) or query.ids is not None
        self.total = start + len(rows) + (0 if ends_here else PAGE)
        if query.ids is not None:
            self.total = review.count(self.db, query)
        self._resize()
        self.cursor = min(index, max(self.total - 1, 0))
        self._show_cursor_high()
        if not self.scrollable_content_region.height:  # not laid out yet: again once it is
            self.call_after_refresh(self._show_cursor_high)
        if not self.counted:  # once this frame is out: the count must not delay it
            self.call_after_refresh(self._count, self._generation)
        self.refresh()
        self._announce()

    @work(thread=True, exclusive=True, group="locate")
    def _locate(self, generation: int, claim_id: int) -> None:
        index = review.locate(self.db, self.query_, claim_id)
        self.app.call_from_thread(self._located, generation, index)

    def _located(self, generation: int, index: int | None) -> None:
        if generation == self._generation and not self.placed:
            self._place(index)

    def _place_now(self) -> None:
        """Find the stand-in claim's real index at once (before a jump to an end)."""
        if not self.placed:
            self._place(review.locate(self.db, self.query_, self._standin))

    def _place(self, index: int | None) -> None:
        """Move every cached claim by as much as the stand-in index was off (start again
        from the top if the claim left the list meanwhile, dropped by another reviewer)."""
        if index is None:
            self.load(self.query_)
            return
        delta = index - PAGE
        self._rows = OrderedDict((i + delta, row) for i, row in self._rows.items())
        self._wrapped = {i + delta: wrapped for i, wrapped in self._wrapped.items()}
        self._loading.clear()
        if not self.counted:
            self.total += delta
        self.placed = True
        self.cursor += delta
        top = self.scroll_offset.y + delta
        self._resize()
        self._scroll_top(top)
        self._layout_key = ()
        self.refresh()
        self.post_message(self.Placed())

    def _show_cursor_high(self) -> None:
        """Scroll so the cursor sits a third of the way down, with claims after it in view."""
        height = self.scrollable_content_region.height
        self._scroll_top(self._top_above(self.cursor, height // 3 + 1))

    def _put_before(self, index: int, query: review.ListQuery) -> None:
        first = self._rows.get(index)
        if first is None or index == 0:
            return
        rows = review.page(self.db, query, before=review.sort_key(query, _Row(first)),
                           limit=min(PAGE, index))
        self._put(index - len(rows), rows)

    def _put(self, start: int, rows: list[Any]) -> None:
        for i, row in enumerate(rows, start):
            self._rows[i] = dict(row)
            self._rows.move_to_end(i)
            self._rows[i]["part"] = _part(self._rows.get(i - 1), self._rows[i])
            self._rows[i]["opens"] = _opens(i, self._rows.get(i - 1), self._rows[i])
        after = self._rows.get(start + len(rows))  # read before these: now its neighbour is
        if after is not None and rows:
            after["opens"] = _opens(start + len(rows), self._rows[start + len(rows) - 1], after)
        while len(self._rows) > CACHE_ROWS:
            self._rows.popitem(last=False)
        self._layout_key = ()  # placeholders may have become claims of several lines

    @work(thread=True, exclusive=True, group="count")
    def _count(self, generation: int) -> None:
        total = review.count(self.db, self.query_)
        self.app.call_from_thread(self._counted, generation, total)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self.total, self.counted = total, True
        self._resize()
        if self.cursor >= total:
            self.move_to(max(total - 1, 0))
        self.refresh()
        self.post_message(self.Counted(total))

    def _resize(self) -> None:
        """Scroll as far as the claim at the top when the last claims fill the view."""
        region = self.scrollable_content_region
        last_top = self._top_above(self.total - 1, region.height) if self.total else 0
        size = Size(region.width, last_top + region.height)
        if size != self.virtual_size:
            self.virtual_size = size
            # Textual settles the scrollbars when a widget's size changes, not its scroll
            # range: a list that now fits would keep an empty scrollbar track
            self._scroll_update(size)

    def row(self, index: int) -> dict[str, Any] | None:
        """The claim at `index`, if it is in the cache."""
        return self._rows.get(index)

    @property
    def current(self) -> dict[str, Any] | None:
        return self._rows.get(self.cursor)

    def _ensure(self, index: int) -> bool:
        """Make the page holding `index` present; True when it already is or was read now."""
        if index in self._rows or not 0 <= index < self.total:
            return index in self._rows
        page = index // PAGE
        start = page * PAGE
        if page in self._loading:
            return False
        q = self.query_
        if q.ids is not None:
            self._put(start, review.page(self.db, q, start, PAGE))
            return index in self._rows
        before = self._rows.get(start - 1) if start else None
        if not self.placed and before is None and self._next_known(index) is None:
            return False  # no read by position until the stand-in index is replaced
        if start == 0:
            self._put(0, review.page(self.db, q, 0, PAGE))
        elif before is not None:
            self._put(start, review.page(self.db, q, after=review.sort_key(q, _Row(before)),
                                         limit=PAGE))
        elif (after := self._next_known(index)) is not None:
            known, row = after
            rows = review.page(self.db, q, before=review.sort_key(q, _Row(row)),
                               limit=min(known, known - start))
            self._put(known - len(rows), rows)
        elif self.counted and start + PAGE >= self.total:
            rows = review.page(self.db, q, before=_END[q.order], limit=self.total - start)
            self._put(self.total - len(rows), rows)
        else:
            self._loading.add(page)
            self._read_page(self._generation, page)
            return False
        return index in self._rows

    def _next_known(self, index: int) -> tuple[int, dict[str, Any]] | None:
        for known in range(index + 1, min(index + PAGE + 1, self.total)):
            if known in self._rows:
                return known, self._rows[known]
        return None

    @work(thread=True, group="pages")
    def _read_page(self, generation: int, page: int) -> None:
        rows = review.page(self.db, self.query_, page * PAGE, PAGE)
        self.app.call_from_thread(self._page_read, generation, page, rows)

    def _page_read(self, generation: int, page: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._loading.discard(page)
        self._put(page * PAGE, rows)
        self._resize()
        if self.cursor >= self.scroll_offset.y and self.cursor not in self._whole_in_view():
            self._scroll_top(self._top_above(self.cursor, self.scrollable_content_region.height))
        self.refresh()
        self._announce()

    def update_row(self, claim_id: int, **values: Any) -> None:
        """Change a cached claim in place (after a tag) and repaint its line."""
        for index, row in self._rows.items():
            if row["id"] == claim_id:
                row.update(values)
                self._refresh_claim(index)
                if index == self.cursor:
                    self._announced = None

    def differs(self, claim_id: int, values: dict[str, Any]) -> bool:
        """Whether the list shows claim `claim_id` with other `values`, or has not read
        it."""
        rows = [row for row in self._rows.values() if row["id"] == claim_id]
        return not rows or any(row[k] != v for row in rows for k, v in values.items())

    def reload(self) -> None:
        """Read everything again (after claims were edited, split, merged or dropped, or
        re-ingested: the cursor goes to what its claim became, or to the claim after it
        where it was dropped)."""
        row = self.current
        target = None if row is None else review.now_claim(self.db, row["id"])
        if row is not None and target is None and self.query_.ids is None:
            after = review.page_from(self.db, self.query_, row["id"], 1)
            target = after[0]["id"] if after else None
        self.load(self.query_, target)

    # -- moving -----------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        """Put the cursor on `index` and keep it in view."""
        if self.total == 0:
            self.cursor = 0
            self.refresh()
            self._announce()
            return
        index = max(0, min(index, self.total - 1))
        if not self.counted and index >= self.total - PAGE:
            self.total = index + PAGE  # still counting: let the list grow as it is read
            self._resize()
        self._ensure(index)
        old, self.cursor = self.cursor, index
        height = max(self.scrollable_content_region.height, 1)
        # Past an edge, the view jumps so that the claims the reviewer is heading for show
        # (the cursor a third of the way down going on, two thirds going back), rather
        # than creeping a claim a key and redrawing the whole list each time.
        if index < self.scroll_offset.y:
            self._scroll_top(self._top_above(index, 2 * height // 3))
        elif index not in self._whole_in_view():
            if index >= self.total - height:
                self._resize()  # the last claims' lines are known now
            self._show_cursor_high()
        else:
            self._refresh_claim(old, index)
        self._announce()

    def _scroll_top(self, top: int) -> None:
        self.scroll_to(y=top, animate=False, immediate=True)

    def _announce(self) -> None:
        row = self._rows.get(self.cursor)
        if row is None and self.total:
            return  # announced when its page arrives
        key = None if row is None else row["id"]
        if key == self._announced and key is not None:
            return
        self._announced = key
        self.on_highlight(row)

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        """A page on (`delta` 1) or back (-1), as a pager turns them: the next page starts
        with the claim after the last one wholly in view, the one before ends with the
        claim before the first, so paging shows every claim; the cursor keeps its place
        on the page."""
        whole = sorted(self._whole_in_view())
        if not whole:
            self.move_to(self.cursor + delta)
            return
        top, offset = whole[0], max(self.cursor - whole[0], 0)
        if delta > 0 and whole[-1] + 1 >= self.total:
            self.move_to(self.total - 1)
            return
        if delta < 0 and top == 0:
            self.move_to(0)
            return
        if delta > 0:
            new_top = whole[-1] + 1
            self._ensure(new_top)
        else:
            self._ensure(top - 1)
            new_top = self._top_above(top - 1, max(self.scrollable_content_region.height, 1))
        self._scroll_top(new_top)
        self.move_to(min(new_top + offset, max(self._whole_in_view(), default=new_top)))

    def action_first(self) -> None:
        self._place_now()
        self.move_to(0)

    def action_last(self) -> None:
        self._place_now()
        if not self.counted:
            self.notify("still counting the claims…", timeout=2)
            return
        self.move_to(self.total - 1)

    def on_click(self, event: events.Click) -> None:
        self.focus()
        offset = event.get_content_offset(self)
        if offset is not None and (index := self.index_at(offset.y)) is not None:
            self.move_to(index)

    def on_resize(self, event: events.Resize) -> None:
        self._resize()
        if self.cursor not in self._whole_in_view():  # the view shrank, or claims wrap longer
            self._show_cursor_high()

    # -- wrapping ---------------------------------------------------------------------

    def _lines_of(self, index: int, fit: tuple[int, int]) -> list[str]:
        """The lines claim `index` wraps to in `fit` (see _fit; one placeholder line while it
        is read)."""
        row = self._rows.get(index)
        if row is None:
            return [""]
        width, height = fit
        text, heading = _shown(row), self.heading(row)
        cached = self._wrapped.get(index)
        if cached is not None and cached[:4] == (text, width, height, heading):
            return cached[4]
        flat = " ".join(text.split())
        lines = [flat[a:b].rstrip() for a, b in wrap_offsets(flat, width)]
        if heading:  # the first claim of an article, in a list of several: its title above
            lines.insert(0, heading)
        if len(lines) > height:  # taller than the list: its end is in the verdict panel
            lines = lines[:height]
            lines[-1] = set_cell_size(lines[-1], width - 1) + "…"
        if len(self._wrapped) > CACHE_ROWS:
            self._wrapped.clear()
        self._wrapped[index] = (text, width, height, heading, lines)
        return lines

    def heading(self, row: dict[str, Any]) -> str:
        """The title of the article `row` opens, in a list of several articles in article
        order (where one article's claims end and the next's begin); else "" (and in a
        database of one article, whose title the top line gives)."""
        q = self.query_
        if not row.get("opens") or q.article_id is not None or q.ids is not None:
            return ""  # one article; or search results, in the order of how well they match
        if not self._several:
            return ""
        if q.order != "article":
            return ""
        article = row["article_id"]
        if article not in self._titles:
            self._titles[article] = articles.get(self.db, article)["title"]
        return self._titles[article]

    @staticmethod
    def _fit(region: Region) -> tuple[int, int]:
        """(cells for a claim's text, most lines a claim may take) in the list's `region`."""
        return max(region.width - GLYPH - SEQ - CONFIDENCE, 1), max(region.height, 1)

    def _top_above(self, index: int, lines: int) -> int:
        """The top claim that shows `index` last in `lines` lines (or first, if it alone is
        taller)."""
        fit = self._fit(self.scrollable_content_region)
        top, used = index, len(self._lines_of(index, fit))
        while top > 0:
            used += len(self._lines_of(top - 1, fit))
            if used > lines:
                break
            top -= 1
        return top

    def _layout(self, region: Region | None = None) -> list[tuple[int, int, str]]:
        """(claim index, line of that claim, its text) for each line in view, worked out
        once per scroll position, size and page read (`region`: the list's text area, when
        the caller has it: Textual works it out afresh on every call)."""
        region = region or self.scrollable_content_region
        top = self.scroll_offset.y
        key = (top, region.width, region.height, self.total, self._generation)
        if key != self._layout_key:
            fit = self._fit(region)
            lines: list[tuple[int, int, str]] = []
            index = top
            while len(lines) < region.height and index < self.total:
                lines.extend((index, n, t) for n, t in enumerate(self._lines_of(index, fit)))
                index += 1
            self._layout_key, self._layout_lines = key, lines[: region.height]
            self._layout_fit = fit
        return self._layout_lines

    def index_at(self, y: int) -> int | None:
        """The claim drawn on line `y` of the list's content, if any."""
        layout = self._layout()
        return layout[y][0] if 0 <= y < len(layout) else None

    def _whole_in_view(self) -> set[int]:
        """The claims every line of which is in view."""
        layout = self._layout()
        shown = {index for index, *_line in layout}
        if layout and layout[-1][1] < len(self._lines_of(layout[-1][0], self._layout_fit)) - 1:
            shown.discard(layout[-1][0])  # its last lines are below the view
        return shown

    def _refresh_claim(self, *indexes: int) -> None:
        """Repaint the lines of the claims at `indexes` that are in view, in one refresh."""
        lines = [y for y, (at, *_line) in enumerate(self._layout()) if at in indexes]
        if lines:  # lines of the view (refresh_line would count them on the claim axis)
            width = self.size.width
            self.refresh(*(Region(0, y, width, 1) for y in lines))

    # -- drawing ----------------------------------------------------------------------

    def make_line_styles(self) -> dict[str, Style]:
        base = self.rich_style
        part = self.get_component_rich_style
        styles = {"": base, "placeholder": part("claim-list--placeholder"),
                  "heading": base + part("claim-list--seq", partial=True) + Style(bold=True)}
        cursor = base + part("claim-list--cursor")
        if self.app.no_color:  # its background one grey from the list's: reversed, it shows
            cursor += Style(reverse=True)
        elif on_terminal_colours(self):  # no tint: a blue row hid the blue of unverifiable
            cursor = base + Style(bold=True, reverse=True)
        few = eight_bit(self)
        for prefix, under in (("", base), ("cursor ", cursor)):
            styles[prefix] = under
            styles[prefix + "seq"] = under + part("claim-list--seq", partial=True)
            for status in Status:
                styles[prefix + status.value] = legible(
                    under + part(f"claim-list--{status.value}", partial=True), under,
                    eight_bit=few)
        return styles

    def render_line(self, y: int) -> Strip:
        region = self.scrollable_content_region
        width = region.width
        styles = self.line_styles()
        layout = self._layout(region)
        if y >= len(layout):
            return Strip.blank(width, styles[""])
        index, line, line_text = layout[y]
        row = self._rows.get(index)
        if row is None:
            self.call_later(self._ensure_and_refresh, index)
            return Strip([Segment(set_cell_size("  …", width), styles["placeholder"])], width)
        heading = 1 if self.heading(row) else 0
        if line < heading:  # the article's title, a rule across the list
            title = f"── {line_text} "
            if cell_len(title) > width - 1:
                title = set_cell_size(title, max(width - 2, 0)) + "…"
            rule = title + "─" * max(width - cell_len(title), 0)
            return Strip([Segment(rule, styles["heading"])], width)
        line -= heading
        prefix = "cursor " if index == self.cursor else ""
        base = styles[prefix]
        text = Segment(set_cell_size(line_text, self._layout_fit[0]), base)
        if line:  # a wrapped claim's later lines: its text only
            segments = [Segment(" " * (GLYPH + SEQ), base), text]
        else:
            status_style = styles[prefix + row["status"]]
            conf = "" if row["confidence"] is None else str(row["confidence"])
            segments = [
                Segment(glyph(row["status"]) + (FLAG if row["needs_review"] else " "),
                        status_style),
                Segment(f"{_seq(row):>4} ", styles[prefix + "seq"]),
                text,
                Segment(f"{conf:>5} ", status_style),  # "100" two cells from the text
            ]
        return Strip(segments).adjust_cell_length(width, base)

    def _ensure_and_refresh(self, index: int) -> None:
        if self._ensure(index):
            self.refresh()
            self._announce()


SPEAKER = 60  # characters of a speaker's name a row shows before the claim: a name, whole


def _opens(index: int, before: dict[str, Any] | None, row: dict[str, Any]) -> bool:
    """Whether the row at `index` is the first of its article in the list (unknown, and
    so not, while the row before it is unread)."""
    return index == 0 or (before is not None and before["article_id"] != row["article_id"])


def _part(before: dict[str, Any] | None, row: dict[str, Any]) -> int:
    """Which part of a split claim a row is: 1 unless the row listed before it is of the
    same article and seq (the halves of a split share a seq), then one more than it."""
    if (before is None or before["article_id"] != row["article_id"]
            or before["seq"] != row["seq"]):
        return 1
    return int(before.get("part", 1)) + 1


def _seq(row: dict[str, Any]) -> str:
    """A row's seq as the list shows it: "4", and "4.2" for the second half of a split
    claim 4, so two halves do not read as one claim listed twice."""
    seq = str(row["seq"])
    shown = seq if row.get("part", 1) == 1 else f"{seq}.{row['part']}"
    return shown if len(shown) <= SEQ - 1 else seq


def _shown(row: Any) -> str:
    """A claim's text as its row shows it: whom it is attributed to first, "[Patel] …",
    as `workbench claims` shows it, so a quote does not read as the article's own voice."""
    by = row["by"]
    if not by:
        return row["text"]
    return f"[{by if len(by) <= SPEAKER else by[: SPEAKER - 1] + '…'}] {row['text']}"


class _Row(dict):
    """A cached row read like an sqlite3.Row by the sort-key helpers."""


_END: dict[str, tuple[object, ...]] = {
    "article": (2**62, 0, 0),
    "worthiness": (-1.0, 0),
}
