"""The key bar: a screen's keys on one line at the bottom, each clickable.

One widget for the whole line. Textual's Footer builds a widget per key, and at start
styling those took a fifth of the time to the first frame.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


def _label(binding: Binding) -> tuple[str, str]:
    """The key as shown, and what it does."""
    return binding.key_display or binding.key.split(",")[0], binding.description


class KeyBar(Widget):
    """The shown bindings of a screen, as `key description` pairs; a click runs one.

    On a narrow line the keys whose actions are in `keep` (help, quit) stay; the others
    give way from the right."""

    COMPONENT_CLASSES: ClassVar = {"key-bar--key"}

    def __init__(self, bindings: list[Binding], keep: Collection[str] = (),
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys = [b for b in bindings if b.show]
        self.keep = keep
        self._cells: list[tuple[int, Binding]] = []  # where each key's part of the line ends

    def _fitting(self, width: int) -> list[Binding]:
        """The keys that fit in `width` cells, in their order."""
        def cells(binding: Binding) -> int:
            return cell_len(" ".join(_label(binding))) + 1  # and the space before it

        room = width + 1 - sum(cells(b) for b in self.keys if b.action in self.keep)
        shown = []
        for binding in self.keys:
            if binding.action not in self.keep:
                room -= cells(binding)
                if room < 0:
                    continue
            shown.append(binding)
        return shown

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self._cells = []
        for binding in self._fitting(self.size.width):
            if self._cells:
                line.append(" ")
            key, description = _label(binding)
            line.append(key, key_style)
            line.append(f" {description}")
            self._cells.append((line.cell_len, binding))
        return line

    async def on_click(self, event: events.Click) -> None:
        for end, binding in self._cells:
            if event.x < end:
                await self.screen.run_action(binding.action)
                return
