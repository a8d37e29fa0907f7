"""Fuzzy search over claim text: type, enter shows the matches in the list."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from workbench.storage import Database
from workbench.tui.dialogs.typed_ahead import TypedAhead


class SearchDialog(TypedAhead[tuple[str, list[int]] | None]):
    """Returns the words searched for and the matching claim ids, best first (an empty
    list when none match)."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

    def __init__(self, db: Database, article_id: int | None = None) -> None:
        super().__init__()
        self.db = db
        self.article_id = article_id  # the article the list is filtered to: search in it

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Search claims"
            yield Input(placeholder="words from the claim (typos are fine)", id="query")
            yield Static("enter searches · escape cancels · escape in the list clears the search",
                         classes="hint", id="status")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss(None)
            return
        self.query_one("#status", Static).update("searching…")
        self._search(text)

    @work(thread=True, exclusive=True)
    def _search(self, text: str) -> None:
        from workbench import match

        ids = match.search_claims(self.db, text, article_id=self.article_id)
        self.app.call_from_thread(self.dismiss, (text, ids))

    def action_cancel(self) -> None:
        self.dismiss(None)
