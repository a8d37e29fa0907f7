"""The review app: opens the database in a session and shows the main screen."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from workbench.storage import Database, sessions
from workbench.tui import settings
from workbench.tui.commands import WorkbenchCommands
from workbench.tui.dialogs.typed_ahead import TypedAhead, typed_before
from workbench.tui.main_screen import MainScreen

# Colour systems of a terminal with 16 colours or fewer, where the default theme's status
# colours all come out the same grey: such a terminal starts in the ANSI theme.
FEW_COLOURS = ("standard", "windows")


def starting_theme(saved: str | None, color_system: str | None) -> str | None:
    """The theme to start in: the one chosen last time; else, on a terminal of 16 colours
    or fewer (`color_system` as Rich names it), the theme of the terminal's own colours, in
    which each status has one of its own; else None, Textual's default."""
    if saved is None and color_system in FEW_COLOURS:
        return "ansi-dark"
    return saved


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
        self._started_in: str | None = None  # a theme chosen for the terminal, not saved

    def on_mount(self) -> None:
        if not gc.isenabled():
            self.call_after_refresh(_resume_collection)
        saved = settings.load().get("theme")
        theme = starting_theme(saved, None if self.is_headless else self.console.color_system)
        if theme in self.available_themes and theme != self.theme:
            self.theme = theme
        self._started_in = theme if saved is None else None
        self.theme_changed_signal.subscribe(self, self._keep_theme)

    def _keep_theme(self, theme: Theme) -> None:
        """The theme chosen (ctrl+p, "theme") is the next run's too; not the one this
        terminal started in for its few colours, which another terminal would not want."""
        if theme.name != self._started_in:
            settings.save(theme=theme.name)

    async def on_event(self, event: events.Event) -> None:
        if not typed_before(self, event):  # else: a key for a dialog opened since
            await super().on_event(event)

    async def action_quit(self) -> None:
        """ctrl+q: quit, but not over text typed in a dialog at the first press."""
        if not (isinstance(self.screen, TypedAhead) and self.screen.holds_quit()):
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands that serve here, theme alone: its quit is the
        workbench's own "Quit" twice over, its key panel would not close with escape
        (which clears filters here) and squeezed the claim list into broken words,
        maximize showed a small box mid-screen, screenshot failed where ~/Downloads is
        missing; ? shows every key."""
        keep = ("Theme",)
        yield from (c for c in super().get_system_commands(screen) if c.title in keep)

    def get_default_screen(self) -> Screen:
        """The main screen is the app's first: no blank screen is built, styled and left."""
        return MainScreen(self.db, self.session, self.reviewer)

    @property
    def main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("no main screen")


def _resume_collection() -> None:
    """Collect cycles again, as the CLI held the collector back while the app started: start-up
    makes tens of thousands of objects and little garbage, and collections over them took a
    tenth of the time to the first frame. What start-up made is frozen out of later
    collections, which then walk only what reviewing makes."""
    gc.freeze()
    gc.enable()


def run(db: Database, session_name: str, reviewer: str) -> None:
    """Open the review TUI on `db` in the named session (the CLI's `workbench review`)."""
    WorkbenchApp(db, session_name, reviewer).run()
