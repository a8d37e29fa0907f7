"""Edit a verdict's notes in a multi-line field: ctrl+s saves, escape cancels."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static, TextArea

from workbench.tui.dialogs.text_edit import TextEditDialog


class NotesDialog(TextEditDialog):
    def __init__(self, notes: str) -> None:
        super().__init__(notes)

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Notes"
            yield TextArea(self.original, id="notes", soft_wrap=True, show_line_numbers=False)
            yield Static("ctrl+s saves · escape cancels", classes="hint")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

