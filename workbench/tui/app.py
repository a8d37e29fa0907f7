"""The review app: opens the database in a session and shows the main screen."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App
from textual.screen import Screen

from workbench.storage import Database, sessions
from workbench.tui.commands import WorkbenchCommands
from workbench.tui.main_screen import MainScreen


class WorkbenchApp(App[None]):
    """Review the claims of a workbench database in one session."""

    CSS_PATH = "workbench.tcss"
    TITLE = "workbench"
    COMMANDS: ClassVar = App.COMMANDS | {WorkbenchCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, db: Database, session_name: str, reviewer: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.session = sessions.require(db, session_name)
        self.reviewer = reviewer

    def get_default_screen(self) -> Screen:
        """The main screen is the app's first: no blank screen is built, styled and left."""
        return MainScreen(self.db, self.session, self.reviewer)

    @property
    def main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("no main screen")


def run(db: Database, session_name: str, reviewer: str) -> None:
    """Open the review TUI on `db` in the named session (the CLI's `workbench review`)."""
    WorkbenchApp(db, session_name, reviewer).run()
