"""Pick one of a list (an article, a session, a filter): enter picks, escape cancels.

With `new_label`, a one-line field under the list names a new item (a new session).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class PickDialog(ModalScreen[Any]):
    """Returns the picked option's value, ("new", name) for a new item, or None."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

    def __init__(self, title: str, options: list[tuple[str, Any]],
                 new_label: str | None = None) -> None:
        super().__init__()
        self.title_ = title
        self.options = options
        self.new_label = new_label

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_
            yield OptionList(*(Option(Content(text), id=str(i))
                               for i, (text, _v) in enumerate(self.options)), id="options")
            if self.new_label:
                yield Input(placeholder=self.new_label, id="new")
            yield Static("enter picks · escape cancels", classes="hint")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[int(event.option.id or 0)][1])

    @on(Input.Submitted)
    def _new(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(("new", event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
