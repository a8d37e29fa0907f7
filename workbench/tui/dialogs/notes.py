"""Edit a verdict's notes in a multi-line field: ctrl+s saves, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


class NotesDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "save", priority=True),
        Binding("escape", "cancel", "cancel"),
    ]

    def __init__(self, notes: str) -> None:
        super().__init__()
        self.notes = notes

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Notes"
            yield TextArea(self.notes, id="notes", soft_wrap=True, show_line_numbers=False)
            yield Static("ctrl+s saves · escape cancels", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
