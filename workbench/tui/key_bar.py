"""The key bar: a screen's keys on one line at the bottom, each clickable.

One widget for the whole line. Textual's Footer builds a widget per key, and at start
styling those took a fifth of the time to the first frame.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


class KeyBar(Widget):
    """The shown bindings of a screen, as `key description` pairs; a click runs one."""

    COMPONENT_CLASSES: ClassVar = {"key-bar--key"}

    def __init__(self, bindings: list[Binding], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys = [b for b in bindings if b.show]
        self._cells: list[tuple[int, Binding]] = []  # where each key's part of the line ends

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self._cells = []
        for binding in self.keys:
            if self._cells:
                line.append(" ")
            line.append(binding.key_display or binding.key.split(",")[0], key_style)
            line.append(f" {binding.description}")
            self._cells.append((line.cell_len, binding))
        return line

    async def on_click(self, event: events.Click) -> None:
        for end, binding in self._cells:
            if event.x < end:
                await self.screen.run_action(binding.action)
                return
