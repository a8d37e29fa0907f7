"""The article beside the list, with the current claim's span highlighted and in view.

The text is wrapped once per article and width into (start, end) offsets of its lines;
moving the highlight repaints lines, never re-wraps or re-lays-out the screen, so it
stays quick for long articles.
"""

from __future__ import annotations

import bisect
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.storage import Database, articles
from workbench.tui.line_styles import LineStyles, on_terminal_colours
from workbench.tui.wrap import wrap_offsets


class ArticleView(LineStyles, ScrollView, can_focus=False):
    """One article's text; `show(claim)` highlights the claim's span and scrolls to it. A
    click on the text says where (Clicked): the screen goes to the claim there."""

    COMPONENT_CLASSES: ClassVar = {"article-view--span"}

    def __init__(self, db: Database, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.article_id: int | None = None
        self.text = ""
        self.span: tuple[int, int] | None = None
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._wrapped_at = -1

    def show(self, claim: dict[str, Any] | None) -> None:
        """Show the claim's article with its span highlighted (nothing when None)."""
        if claim is None:
            self.article_id, self.span, self.text = None, None, ""
            self.border_title = "article"
            self._wrap(force=True)
            return
        if claim["article_id"] != self.article_id:
            row = articles.get(self.db, claim["article_id"])
            self.article_id, self.text = claim["article_id"], row["text"]
            self.border_title = Content(row["title"])
            self._wrap(force=True)
        start, end = int(claim["start"]), int(claim["end"])
        valid = 0 <= start < end <= len(self.text)
        old, self.span = self.span, ((start, end) if valid else None)
        if self.span != old and self._lines:  # repaint the old and the new span's lines only
            top, width, regions = self.scroll_offset.y, self.size.width, []
            for span in (old, self.span):
                if span is not None:
                    first, last = self.line_of(span[0]), self.line_of(span[1] - 1)
                    regions.append(Region(0, first - top, width, last - first + 1))
            self.refresh(*regions)  # one call; never empty: two spans that differ are not both None
        self._scroll_to_span()

    def _wrap(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if not force and width == self._wrapped_at:
            return
        if width <= 0:  # not laid out yet: wrap once the width is known
            self._wrapped_at, self._lines, self._starts = -1, [], []
            return
        self._wrapped_at = width
        self._lines = wrap_offsets(self.text, width) if self.text else []
        self._starts = [s for s, _e in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The wrapped line holding the character at `offset`."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def _scroll_to_span(self) -> None:
        if self.span is None or not self._lines:
            return
        first, last = self.line_of(self.span[0]), self.line_of(self.span[1] - 1)
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        if first >= top and last < top + height:
            return  # already in view: do not jump
        self.scroll_to(y=max(first - height // 3, 0), animate=False, immediate=True)

    class Clicked(Message):
        """A click on the article's text, at character `offset` of it."""

        def __init__(self, article_id: int, offset: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.offset = offset

    def on_click(self, event: events.Click) -> None:
        at = event.get_content_offset(self)
        if at is None or self.article_id is None:
            return
        line = self.scroll_offset.y + at.y
        if not 0 <= line < len(self._lines):
            return
        start, end = self._lines[line]
        self.post_message(self.Clicked(self.article_id, min(start + at.x, max(end - 1, start))))

    def on_resize(self) -> None:
        self._wrap()
        self.call_after_refresh(self._scroll_to_span)  # once the new length is laid out

    def make_line_styles(self) -> dict[str, Style]:
        base = self.rich_style
        span = base + self.get_component_rich_style("article-view--span")
        if on_terminal_colours(self):  # the terminal's own text colour, light on a dark
            span += Style(color="black")  # one, was hard to read on its yellow
        return {"": base, "span": span}

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._wrapped_at:
            self._wrap()
        index = self.scroll_offset.y + y
        styles = self.line_styles()
        base = styles[""]
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        segments: list[Segment] = []
        if self.span is not None and self.span[0] < end and self.span[1] > start:
            lit = styles["span"]
            a, b = max(self.span[0], start), min(self.span[1], end)
            segments = [Segment(self.text[start:a], base),
                        Segment(self.text[a:b].rstrip() if b == end else self.text[a:b], lit),
                        Segment(self.text[b:end], base)]
        else:
            segments = [Segment(self.text[start:end], base)]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)
