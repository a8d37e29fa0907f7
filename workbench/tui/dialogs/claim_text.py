"""Edit a claim's text, or split it in two at a line break: ctrl+s saves, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


class ClaimTextDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "save", priority=True),
        Binding("escape", "cancel", "cancel"),
    ]

    def __init__(self, text: str, *, split: bool) -> None:
        super().__init__()
        self.text = text
        self.split = split

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Split the claim in two" if self.split else "Edit the claim"
            yield TextArea(self.text, id="text", soft_wrap=True, show_line_numbers=False)
            hint = ("press enter where the claim should split · " if self.split else "")
            yield Static(hint + "ctrl+s saves · escape cancels · the old text stays in history",
                         classes="hint")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
