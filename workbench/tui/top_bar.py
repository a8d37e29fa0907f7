"""The line above the panes: article, session, reviewer and progress."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from workbench.tui.line_styles import LineStyles
from workbench.tui.wrap import wrap_offsets

Run = tuple[str, bool]  # some text, and whether it is bold
GAP, END_GAP = 2, 2  # the fewest blank cells before the list position, and those after it
TITLE_LEAST = 9  # the title's cells when it is cut shortest: 8 and "…"


class TopBar(LineStyles, Widget):
    """One line of text that repaints itself alone (a Static would ask for a layout pass
    over the screen on every update, and this one changes on every move), drawn as a
    strip of its runs: rendering a Content for it took half a millisecond a move.
    It fits its parts to its width when it draws, so a resize redraws them right.
    Its text is not for selecting, as the panes' is not."""

    ALLOW_SELECT: ClassVar = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._parts: tuple[str, tuple[str, ...], str] = ("", ("",), "")

    def show(self, title: str, middles: tuple[str, ...], where: str) -> None:
        """Say `title` in bold (cut short to leave room), then the first of `middles` (the
        same, longest first) that fits, and `where` in bold at the line's end, which is
        never cut: the last of `middles` is, where none fits (QA: at 80 columns the list
        position was cut off)."""
        self._parts = (title, middles, where)
        self.refresh()

    def _runs(self, width: int) -> list[Run]:
        """The parts fitted to `width` cells."""
        title, middles, where = self._parts
        width -= END_GAP
        least = min(TITLE_LEAST, cell_len(title))
        room = width - len(where) - GAP - least  # for the middle
        middle = next((m for m in middles if cell_len(m) <= room), middles[-1])
        if cell_len(middle) > room:
            middle = middle[: max(room - 1, 0)] + "…"
        room = width - len(where) - cell_len(middle) - GAP
        if len(title) > room:
            title = title[: max(room - 1, 8)] + "…"
        gap = max(width - cell_len(title) - cell_len(middle) - len(where), GAP)
        return [(title, True), (middle + " " * gap, False), (where, True)]

    @property
    def text(self) -> str:
        """What the bar says at its width, as plain text."""
        return "".join(text for text, _bold in self._runs(self.size.width))

    def make_line_styles(self) -> dict[str, Style]:
        base = self.rich_style  # the line's end is padded as its padding is, in background
        return {"": base, "bold": base + Style(bold=True), "end": Style(bgcolor=base.bgcolor)}

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        styles = self.line_styles()
        runs = self._runs(width)
        text = "".join(part for part, _bold in runs)
        # Too long for the line: it ends at the last word that fits, as wrapped text would.
        end = wrap_offsets(text, width)[0][1] if y == 0 and text else 0
        segments, at = [], 0
        for part, bold in runs:
            if at < end:
                segments.append(Segment(part[: end - at], styles["bold" if bold else ""]))
            at += len(part)
        return Strip(segments).adjust_cell_length(width, styles["end"])
