"""The line above the panes: article, session, reviewer and progress."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from workbench.tui.line_styles import LineStyles
from workbench.tui.wrap import wrap_offsets

Run = tuple[str, bool]  # some text, and whether it is bold


class TopBar(LineStyles, Widget):
    """One line of text that repaints itself alone (a Static would ask for a layout pass
    over the screen on every update, and this one changes on every move), drawn as a
    strip of its runs: rendering a Content for it took half a millisecond a move.
    Its text is not for selecting, as the panes' is not."""

    ALLOW_SELECT: ClassVar = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._runs: list[Run] = []

    def show(self, runs: list[Run]) -> None:
        """Say `runs`."""
        self._runs = runs
        self.refresh()

    @property
    def text(self) -> str:
        """What the bar says, as plain text."""
        return "".join(text for text, _bold in self._runs)

    def make_line_styles(self) -> dict[str, Style]:
        base = self.rich_style  # the line's end is padded as its padding is, in background
        return {"": base, "bold": base + Style(bold=True), "end": Style(bgcolor=base.bgcolor)}

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        styles = self.line_styles()
        text = self.text
        # Too long for the line: it ends at the last word that fits, as wrapped text would.
        end = wrap_offsets(text, width)[0][1] if y == 0 and text else 0
        segments, at = [], 0
        for part, bold in self._runs:
            if at < end:
                segments.append(Segment(part[: end - at], styles["bold" if bold else ""]))
            at += len(part)
        return Strip(segments).adjust_cell_length(width, styles["end"])
