"""What the palette's commands do on the main screen (pickers, filters, sort, export)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from workbench import review
from workbench.errors import WorkbenchError
from workbench.model import Status
from workbench.storage import articles, sessions
from workbench.tui.dialogs.export_path import ExportPathDialog
from workbench.tui.dialogs.pick import PickDialog
from workbench.wording import counted

if TYPE_CHECKING:
    from textual.screen import Screen

    from workbench.tui.main_screen import MainScreen

T = TypeVar("T")


def filter_status(screen: MainScreen, status: Status) -> None:
    screen.set_query(screen.query_.filtered(status=status))


def filter_flagged(screen: MainScreen) -> None:
    screen.set_query(screen.query_.filtered(flagged=True))


def filter_kind(screen: MainScreen, kind: str) -> None:
    screen.set_query(screen.query_.filtered(kind=kind))


def filter_article(screen: MainScreen, article_id: int | None, title: str = "") -> None:
    screen.set_query(screen.query_.filtered(article_id=article_id, article_title=title))


def set_kind(screen: MainScreen, kind: str) -> None:
    if screen.claim is not None:
        screen.describe_claim(screen.claim["id"], kind=kind)


def sort(screen: MainScreen, order: str) -> None:
    screen.set_query(replace(screen.query_, order=order))


def read_then(screen: Screen, read: Callable[[], T], then: Callable[[T], None]) -> None:
    """Run `read` (a database read that may take seconds at a million claims) in a thread,
    then `then(result)` on the screen: the keys and the screen never wait for it."""

    def work() -> None:
        result = read()
        screen.app.call_from_thread(then, result)

    screen.run_worker(work, thread=True, exclusive=True, group="read-then")


def pick_article(screen: MainScreen) -> None:
    def show(rows: list) -> None:
        titles.update((r["id"], r["title"]) for r in rows)
        options = [(f"{r['title']}  ({counted(r['claims'], 'claim')})", r["id"]) for r in rows]
        # the article listed alone, else the current claim's (QA: it opened on the first)
        shown = screen.query_.article_id or (screen.claim or {}).get("article_id")
        current = next((n for n, r in enumerate(rows) if r["id"] == shown), None)
        screen.app.push_screen(PickDialog("Switch article", options, highlight=current), done)

    def done(article_id: int | None) -> None:
        if article_id is not None:
            filter_article(screen, article_id, titles.get(article_id, ""))

    titles: dict[int, str] = {}

    read_then(screen, lambda: articles.list_current(screen.db), show)


def pick_session(screen: MainScreen) -> None:
    def show(rows: list) -> None:
        here = screen.session["id"]
        options = [(f"{r['name']}  ({r['reviewer']}, {r['reviewed']}/{r['total']} reviewed"
                    + (", blind" if r["blind"] else "") + ")"
                    + ("  · this one" if r["id"] == here else ""), r["name"]) for r in rows]
        current = next((n for n, r in enumerate(rows) if r["id"] == here), None)
        screen.app.push_screen(
            PickDialog("Switch or start a session", options,
                       new_label="type to narrow the list, or a new session's name",
                       highlight=current), done)

    def done(choice: object) -> None:
        if choice is None:
            return
        try:
            if isinstance(choice, tuple):
                review.start_session(screen.db, choice[1], screen.reviewer)
                name = choice[1]
            else:
                name = str(choice)
            screen.set_session(sessions.require(screen.db, name))
        except WorkbenchError as e:
            screen.notify(str(e), severity="error")

    read_then(screen, lambda: sessions.list_with_progress(screen.db), show)


def export_path(session_name: str) -> Path:
    """Where 'Export CSV' writes: ./<session>.csv, numbered when it exists."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in session_name)
    path = Path(f"{safe}.csv")
    n = 2
    while path.exists():
        path = Path(f"{safe}-{n}.csv")
        n += 1
    return path


def export_csv(screen: MainScreen) -> None:
    """Ask where to write the session's verdict sheet (the next free name proposed), then
    write it in a worker."""
    def chosen(path: Path | None) -> None:
        if path is not None:
            screen.run_worker(partial(_export, screen, path), thread=True, group="export")

    screen.app.push_screen(ExportPathDialog(export_path(screen.session["name"]), Path.cwd()),
                           chosen)


def _export(screen: MainScreen, path: Path) -> None:
    from workbench.exchange.export import export_session
    from workbench.outfile import written_whole

    try:
        with written_whole(path) as out:
            count = export_session(screen.db, screen.session["name"], "csv", out)
    except WorkbenchError as e:
        screen.app.call_from_thread(screen.notify, f"export failed: {e}", severity="error")
        return
    screen.app.call_from_thread(  # the whole path: the shell it opened in may be long gone
        screen.notify, f"wrote {count} rows to {path.resolve()}", timeout=10)
