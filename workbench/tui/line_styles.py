"""Styles for widgets that draw their own lines, worked out once per theme and focus.

Reading a widget's rich style walks its ancestors' CSS; doing it for every line of
every frame made a move through the claims cost tens of milliseconds.
"""

from __future__ import annotations

from rich.style import Style


class LineStyles:
    """Mixin for a Widget: `line_styles()` returns `make_line_styles()`, cached until the
    theme, the CSS or the widget's focus changes."""

    _line_styles: dict[str, Style] | None = None

    def make_line_styles(self) -> dict[str, Style]:
        """Every style the widget's lines use, by name ("" is the widget's own)."""
        raise NotImplementedError

    def line_styles(self) -> dict[str, Style]:
        if self._line_styles is None:
            self._line_styles = self.make_line_styles()
        return self._line_styles

    def notify_style_update(self) -> None:
        self._line_styles = None
        super().notify_style_update()  # type: ignore[misc]

    def on_focus(self) -> None:
        self._line_styles = None

    def on_blur(self) -> None:
        self._line_styles = None
