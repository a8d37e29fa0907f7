"""Add a source: a URL or a free-text citation, with an optional note."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from workbench.model import Source, url_problem
from workbench.tui.dialogs.typed_ahead import TypedAhead


class SourceDialog(TypedAhead[Source | None]):
    """Two one-line fields; enter saves, escape cancels (with something typed, at the
    second press: a long URL and its note are not lost to one stray key)."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

    def __init__(self) -> None:
        super().__init__()
        self._warned = False

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Add a source"
            yield Label("URL or citation")
            yield Input(placeholder="https://… or “Statistics office, May 2024 report, p. 4”",
                        id="ref")
            yield Label("Note (optional)")
            yield Input(placeholder="what this source shows", id="note")
            yield Static("", classes="problem", id="problem")
            yield Static("enter saves · escape cancels", classes="hint")

    @on(Input.Submitted)
    def _submit(self) -> None:
        ref = self.query_one("#ref", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not ref:
            problem.update("a source needs a URL or a citation")
            self.query_one("#ref", Input).focus()
            return
        if (why := url_problem(ref)) is not None:
            problem.update(f"malformed URL: {why}")
            self.query_one("#ref", Input).focus()
            return
        self.dismiss(Source(ref, note))

    @on(Input.Changed)
    def _edited(self) -> None:
        """A problem pointed out stays only until the text it was about changes."""
        self.query_one("#problem", Static).update("")
        self._warned = False

    def action_cancel(self) -> None:
        if not self._unsaved("escape again drops it"):
            self.dismiss(None)

    def holds_quit(self) -> bool:
        return self._unsaved("ctrl+q again quits without it")

    def _unsaved(self, again: str) -> bool:
        """Whether typed text holds the key back this once (the line says how to go on)."""
        if self._warned or not any(i.value.strip() for i in self.query(Input)):
            return False
        self._warned = True
        ref = self.query_one("#ref", Input).value.strip()
        saves = "enter saves" if ref and url_problem(ref) is None else (
            "mend the URL, then enter saves" if ref else "a URL or citation, then enter saves")
        self.query_one("#problem", Static).update(f"not saved yet: {again} · {saves}")
        return True
