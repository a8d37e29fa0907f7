"""Edit a claim's text, or split it in two at a line break: ctrl+s saves, escape cancels."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static, TextArea

from workbench import review
from workbench.tui.dialogs.text_edit import TextEditDialog


class ClaimTextDialog(TextEditDialog):
    def __init__(self, text: str, *, split: bool) -> None:
        super().__init__(text, cursor_at_end=not split)  # a split starts at the start
        self.split = split

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Split the claim in two" if self.split else "Edit the claim"
            yield TextArea(self.original, id="text", soft_wrap=True, show_line_numbers=False)
            hint = ("press enter where the claim should split · " if self.split else "")
            yield Static(hint + "ctrl+s saves · escape cancels · the old text stays in history",
                         classes="hint")

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        problem = review.claim_text_problem(text, split=self.split)
        if problem:  # said here, the text still there to mend
            self.query_one(".hint", Static).update(problem)
            return
        self.dismiss(text)

