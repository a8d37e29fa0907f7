"""The key bar: a screen's keys on one line at the bottom, each clickable.

One widget for the whole line. Textual's Footer builds a widget per key, and at start
styling those took a fifth of the time to the first frame.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


def _key(binding: Binding) -> str:
    """The key as shown."""
    return binding.key_display or binding.key.split(",")[0]


class KeyBar(Widget):
    """The shown bindings of a screen, as `key description` pairs; a click runs one.

    On a wide line the keys whose actions are in `wide` join them (undo, the palette). On a
    narrow one the keys whose actions are in `short` are described by their short form (a
    status key by its glyph); if the line is still too long, the keys whose actions are in
    `keep` (help, quit) stay and the others give way from the right."""

    COMPONENT_CLASSES: ClassVar = {"key-bar--key"}

    def __init__(self, bindings: list[Binding], keep: Collection[str] = (),
                 short: Mapping[str, str] | None = None, wide: Collection[str] = (),
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys = [b for b in bindings if b.show]
        self.keep = keep
        self.short = short or {}
        # Keys not shown (show=False) that a line wide enough for every key has room for.
        self.wide = [b for b in bindings if b.show or b.action in wide]
        self._cells: list[tuple[int, Binding]] = []  # where each key's part of the line ends

    def _fitting(self, width: int) -> list[tuple[Binding, str]]:
        """The keys that fit in `width` cells, in their order, each with its description."""
        for keys in (self.wide, self.keys):
            full = [(b, b.description) for b in keys]
            if _cells(full) <= width:
                return full
        labelled = [(b, self.short.get(b.action, d)) for b, d in full]
        shown = [key for key in labelled if key[0].action in self.keep]
        for key in labelled:
            if key[0].action not in self.keep and _cells([*shown, key]) <= width:
                shown.append(key)
        return sorted(shown, key=labelled.index)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self._cells = []
        for binding, description in self._fitting(self.size.width):
            if self._cells:
                line.append(" ")
            line.append(_key(binding), key_style)
            line.append(f" {description}")
            self._cells.append((line.cell_len, binding))
        return line

    async def on_click(self, event: events.Click) -> None:
        for end, binding in self._cells:
            if event.x < end:
                await self.screen.run_action(binding.action)
                return


def _cells(keys: list[tuple[Binding, str]]) -> int:
    """The cells `keys` take on the line, a space between two."""
    return sum(cell_len(f"{_key(b)} {d}") + 1 for b, d in keys) - 1 if keys else 0
