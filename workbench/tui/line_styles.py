"""Styles for widgets that draw their own lines, worked out once per theme and focus.

Reading a widget's rich style walks its ancestors' CSS; doing it for every line of
every frame made a move through the claims cost tens of milliseconds.
"""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from textual.color import Color
from textual.widget import Widget

# The least contrast of a status's colour against the background it is drawn on (WCAG's
# ratio for large or bold text is 3; 4.5 for any text): some themes' own success and
# warning colours fall short of it on their light backgrounds (textual-light's green on
# the cursor row: 2.1).
LEGIBLE = 4.5


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


def legible(style: Style, under: Style, *, eight_bit: bool = False) -> Style:
    """`style` with its colour darkened (on a light background) or lightened (on a dark
    one) until it reads against its own background, or else `under`'s, at LEGIBLE
    contrast; as it is where either is a colour of the terminal's own (no RGB to weigh).
    On a terminal of 256 colours (`eight_bit`) the contrast weighed is that of the
    nearest two the terminal has, which is what it shows (tmux's default)."""
    fg, bg = style.color, style.bgcolor or under.bgcolor
    if fg is None or bg is None or fg.triplet is None or bg.triplet is None:
        return style
    back = _shown(Color.from_rich_color(bg), eight_bit)
    colour = Color.from_rich_color(fg)
    step = 0.05 if back.brightness < 0.5 else -0.05
    for _ in range(20):
        if _contrast(_shown(colour, eight_bit), back) >= LEGIBLE:
            break
        colour = colour.lighten(step)
    return style + Style(color=RichColor.from_rgb(colour.r, colour.g, colour.b))


def _shown(c: Color, eight_bit: bool) -> Color:
    """The colour a terminal shows for `c`: itself, or the nearest of 256."""
    if not eight_bit:
        return c
    seen = RichColor.from_rgb(c.r, c.g, c.b).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return Color(seen.red, seen.green, seen.blue)


def eight_bit(widget: Widget) -> bool:
    """Whether the terminal the widget draws on has 256 colours (truecolour is brought
    down to them, each to the nearest)."""
    return widget.app.console.color_system == "256"


def _contrast(a: Color, b: Color) -> float:
    """WCAG 2's contrast ratio of two colours, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(c: Color) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def on_terminal_colours(widget: Widget) -> bool:
    """Whether the theme draws in the terminal's own 16 colours (ansi-dark): no two of
    them blend, so a tinted background is the colour itself, as blue as blue text on it."""
    return bool(widget.app.native_ansi_color)
