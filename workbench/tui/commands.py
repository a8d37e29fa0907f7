"""The workbench's own commands in the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.model import Kind, Status
from workbench.tui.glyphs import label

if TYPE_CHECKING:
    from workbench.tui.main_screen import MainScreen


def commands(screen: MainScreen) -> list[tuple[str, str, Callable[[], Any]]]:
    """(name, help, callback) for every workbench command on the main screen."""
    from workbench.tui import actions, adjudicate

    found = [
        ("Switch article", "show the claims of one article", partial(actions.pick_article,
                                                                     screen)),
        ("Switch or start a session", "review in another session",
         partial(actions.pick_session, screen)),
        ("Sort by check-worthiness", "most check-worthy claims first",
         partial(actions.sort, screen, "worthiness")),
        ("Sort in article order", "article, then position (the default)",
         partial(actions.sort, screen, "article")),
        ("Export CSV", "write this session's verdict sheet to a file",
         partial(actions.export_csv, screen)),
        ("Adjudicate sessions…", "settle where two sessions disagree, into session final",
         partial(adjudicate.pick_sessions, screen)),
        ("Jump to next unreviewed", "the next claim without a verdict, or to re-review",
         screen.action_next_unreviewed),
        ("Filter: to re-review", "verdicts carried to claims a new version changed",
         partial(actions.filter_flagged, screen)),
        ("Filter: clear", "all claims of all articles", screen.action_clear_filters),
        ("Filter: all articles", "keep other filters, show every article",
         partial(actions.filter_article, screen, None)),
    ]
    for status in Status:
        found.append((f"Filter: status {label(status)}", f"only claims marked {label(status)}",
                      partial(actions.filter_status, screen, status)))
    for kind in Kind:
        found.append((f"Filter: kind {kind.value}", f"only {kind.value} claims",
                      partial(actions.filter_kind, screen, kind.value)))
    for kind in Kind:
        found.append((f"Set kind: {kind.value}", "correct the splitter's kind of this claim",
                      partial(actions.set_kind, screen, kind.value)))
    return found


# Keys the palette leaves out: the palette itself, and the filter key (its filters are in it).
_NOT_COMMANDS = frozenset({"app.command_palette", "filter"})


def key_commands(screen: MainScreen) -> list[tuple[str, str, Callable[[], Any]]]:
    """(name, help, callback) for every key of the main screen: what it does, by the name
    its binding gives the palette (tooltip) or its description, and the key."""
    from workbench.tui.dialogs.help import key_names
    from workbench.tui.main_screen import BINDINGS

    found = []
    for b in BINDINGS:
        if b.action not in _NOT_COMMANDS:
            name = b.tooltip or b.description
            found.append((name[:1].upper() + name[1:], f"key {key_names(b)}",
                          partial(screen.run_action, b.action)))
    return found


class WorkbenchCommands(Provider):
    """Commands offered on the main screen (none on dialogs): the workbench's own, then
    every key's."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        from workbench.tui.main_screen import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        return [*commands(screen), *key_commands(screen)]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class FilterCommands(WorkbenchCommands):
    """The filters alone (the `f` key)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        return [c for c in super()._commands()
                if c[0].startswith(("Filter", "Switch article"))]
