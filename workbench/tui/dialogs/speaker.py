"""Whom a claim is attributed to: one line, enter saves, empty for the article's own voice."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from workbench.tui.dialogs.typed_ahead import TypedAhead


class SpeakerDialog(TypedAhead[str | None]):
    """Returns the speaker typed ("" for the article's own voice), or None."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

    def __init__(self, by: str) -> None:
        super().__init__()
        self.by = by

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Attributed to"
            yield Label("Who the article says this comes from, as it names them")
            yield Input(self.by, placeholder="empty: the article's own voice", id="by")
            yield Static("enter saves · escape cancels · other sessions' verdicts on the claim"
                         " are flagged for re-review", classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
