"""Shared set-up for the TUI tests: a seeded database with a session, async tests."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path
from typing import Any

from paths import SEED
from textual.app import App
from textual.worker import WorkerCancelled

from workbench import review
from workbench.ingest import ingest_paths
from workbench.storage import Database, open_db

SIZE = (120, 40)


def seeded(path: Path, *extra: Path) -> Database:
    """A database with the seed article (and `extra` files) ingested and session 'ann'."""
    db = open_db(path)
    list(ingest_paths(db, [SEED, *extra]))
    review.start_session(db, "ann", "ann")
    return db


def run_async(test):
    """Run an async test on a fresh event loop (no async plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(pilot) -> None:
    """Wait until no worker runs (an exclusive worker replaced by a newer one is fine)."""
    while True:
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return


def notices(app: App[Any]) -> list[str]:
    """The messages of the notifications shown so far, oldest first (run_test draws none,
    so the app's list of them is read)."""
    return [n.message for n in app._notifications]
