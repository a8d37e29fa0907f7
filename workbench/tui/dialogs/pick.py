"""Pick one of a list (an article, a session, a source): enter picks, escape cancels.

Typing narrows the list to the options holding what is typed, or, where none does, to
those close to it, a typo forgiven (the field above it takes the keys even while the list
has focus); enter picks the option typed out whole, else
the one highlighted. With `new_label`, a name that narrows the list to nothing names a
new item (a new session).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.match import close_names

SHOWN = 500  # options listed at once: a longer list is narrowed by typing
MOST_ROWS = 20  # the list's height on a tall screen
LEFT_OUT = 10  # the dialog's rows besides the list: border 2, padding 2, field 4, hint 2
_MOVES = {"up": "action_cursor_up", "down": "action_cursor_down",
          "pageup": "action_page_up", "pagedown": "action_page_down"}


class PickDialog(ModalScreen[Any]):
    """Returns the picked option's value, ("new", name) for a new item, or None."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

    def __init__(self, title: str, options: list[tuple[str, Any]],
                 new_label: str | None = None, highlight: int | None = None,
                 picks: str = "picks") -> None:
        super().__init__()
        self.title_ = title
        self.picks = picks  # what enter does, as the hint says it: "removes" a source
        self.options = options
        self.new_label = new_label
        self.highlight = highlight  # the option to start on (the current session)
        self._shown: list[int] = []  # indexes into options of those listed
        self._lowered = [text.lower() for text, _v in options]  # what typing is matched in

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_
            yield Input(placeholder=self.new_label or "type to narrow the list", id="typed",
                        select_on_focus=False)
            yield OptionList(id="options")
            # one line, so that it fits beside a list as long as the screen allows (a new
            # item's name is the field's placeholder's to explain)
            yield Static(f"enter {self.picks} · typing narrows the list · escape cancels",
                         classes="hint")

    def on_resize(self) -> None:
        """The list as long as the dialog leaves room for on the screen (the dialog at most
        nine tenths of it; its border and padding, the field and the hint take LEFT_OUT
        rows): a list cut off below showed no scrollbar, and enter picked an option no
        one could see (QA, at 80x24)."""
        room = self.app.size.height * 9 // 10 - LEFT_OUT
        self.query_one(OptionList).styles.max_height = max(3, min(MOST_ROWS, room))

    def on_mount(self) -> None:
        self.on_resize()
        self._narrow("")
        listed = self.query_one(OptionList)
        if self.highlight is not None and self.highlight in self._shown:
            listed.highlighted = self._shown.index(self.highlight)
        listed.focus()

    def _narrow(self, typed: str) -> None:
        """List the options holding `typed` (any case), at most SHOWN of them."""
        words = typed.lower().split()
        matching = [i for i, text in enumerate(self._lowered) if all(w in text for w in words)]
        if not matching:  # a typo: the names close to it, as / search forgives them
            matching = close_names(typed, self._lowered)
        self._shown = matching[:SHOWN]
        listed = self.query_one(OptionList)
        listed.clear_options()
        listed.add_options([Option(Content(self.options[i][0]), id=str(i))
                            for i in self._shown])
        more = len(matching) - len(self._shown)
        if more:
            listed.add_option(Option(Content(f"… {more} more: type to narrow"), disabled=True))
        if not matching and not self.new_label:
            listed.add_option(Option(Content(f"nothing here is like {typed.strip()!r}"),
                                     disabled=True))
        if self._shown:
            listed.highlighted = 0

    @on(Input.Changed, "#typed")
    def _typed(self, event: Input.Changed) -> None:
        self._narrow(event.value)

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the list goes to the field above it; up and down typed in the
        field move the list."""
        typed = self.query_one("#typed", Input)
        listed = self.query_one(OptionList)
        if self.focused is typed and event.key in _MOVES:
            getattr(listed, _MOVES[event.key])()
        elif event.is_printable and event.character and self.focused is not typed:
            typed.focus()
            typed.insert_text_at_cursor(event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[int(event.option.id or 0)][1])

    @on(Input.Submitted, "#typed")
    def _submitted(self, event: Input.Submitted) -> None:
        """The option typed out whole, else the one highlighted among those left, else
        (with new_label) a new item of the name typed."""
        name = event.value.strip()
        named = [i for i in self._shown if self.options[i][1] == name]
        listed = self.query_one(OptionList)
        if named:
            self.dismiss(self.options[named[0]][1])
        elif self._shown and listed.highlighted is not None:
            self.dismiss(self.options[self._shown[listed.highlighted]][1])
        elif self.new_label and name:
            self.dismiss(("new", name))

    def action_cancel(self) -> None:
        self.dismiss(None)
