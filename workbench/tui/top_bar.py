"""The line above the panes: article, session, reviewer and progress."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget


class TopBar(Widget):
    """One line of text that repaints itself alone (a Static would ask for a layout pass
    over the screen on every update, and this one changes on every move)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._content = Content("")

    def show(self, content: Content) -> None:
        """Say `content`."""
        self._content = content
        self.refresh()

    def render(self) -> Content:
        return self._content
