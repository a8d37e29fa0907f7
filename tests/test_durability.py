"""A reviewer's change is in the database the moment the screen shows it: kill -9 loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from test_tui import open_app
from test_tui_fixtures import SIZE, notices, run_async, seeded, settle

from workbench import review
from workbench.errors import Busy
from workbench.model import Status
from workbench.storage import claims, open_db
from workbench.storage import db as storage_db

REVIEWER = """
import asyncio, sys
from workbench.storage import open_db
from workbench.tui.app import WorkbenchApp

async def main():
    path, who, keys = sys.argv[1], sys.argv[2], sys.argv[3:]
    app = WorkbenchApp(open_db(path), who, who)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()  # each key acted on before the next, as a person types
        print(app.main.claim["id"], flush=True)  # the screen shows the change: acknowledged
        await asyncio.sleep(120)  # killed here, never quits

asyncio.run(main())
"""


def reviewer(path: Path, who: str, *keys: str) -> subprocess.Popen:
    """A reviewer's TUI in a process of its own, pressing `keys` in session `who`."""
    return subprocess.Popen([sys.executable, "-c", REVIEWER, str(path), who, *keys],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent)


def test_kill_9_right_after_a_change_loses_nothing(tmp_path: Path):
    path = tmp_path / "c.db"
    seeded(path).close()
    proc = reviewer(path, "ann", "j", "r", "3", "o", *"https://example.org/a", "enter")
    try:
        claim_id = int(proc.stdout.readline())
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    db = open_db(path)
    session = review.resolve_session(db, "ann", "ann")["id"]
    v = review.get_verdict(db, session, claim_id)
    assert (v.status, v.confidence, [s.ref for s in v.sources]) == (
        Status.REFUTED, 60, ["https://example.org/a"])
    assert claims.get(db, claim_id)["seq"] == 2
    db.close()


def test_two_reviewers_at_once_on_one_database_both_keep_their_work(tmp_path: Path):
    path = tmp_path / "c.db"
    db = seeded(path)
    review.resolve_session(db, "bob", "bob")
    db.close()
    keys = {"ann": ["s", "j", "r", "j", "m"], "bob": ["x", "j", "u", "j", "s"]}
    procs = {who: reviewer(path, who, *pressed) for who, pressed in keys.items()}
    try:
        for proc in procs.values():  # both are open and have written before either is killed
            int(proc.stdout.readline())
    finally:
        for proc in procs.values():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
    db = open_db(path)
    first = [r["id"] for r in claims.stream(db, claims.ClaimFilter())][:3]
    for who, expected in (("ann", ["supported", "refuted", "misleading"]),
                          ("bob", ["not_a_claim", "unverifiable", "supported"])):
        session = review.resolve_session(db, who, who)["id"]
        assert [str(review.get_verdict(db, session, c).status) for c in first] == expected
    db.close()


def test_a_write_while_another_process_holds_the_database_says_so(tmp_path: Path,
                                                                  monkeypatch) -> None:
    """Another process writing for longer than the busy timeout (a large import): a tag
    fails with one line saying so, saves nothing, and works once the other is done."""
    path = tmp_path / "c.db"
    seeded(path).close()
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 200)
    importer = open_db(path)
    importer.execute("BEGIN IMMEDIATE")  # the other process's long write
    with open_db(path) as db:
        sid = review.find_session(db, "ann", "ann")["id"]
        try:
            review.tag(db, sid, 1, who="ann", status="refuted")
        except Busy as e:
            assert str(e).startswith("the database is busy: another process has been writing")
        else:
            raise AssertionError("the tag did not wait for the other writer")

    @run_async
    async def press_s_in_the_tui() -> None:
        app = open_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("s")
            assert app.is_running
            assert any("database is busy" in m for m in notices(app))
            importer.execute("COMMIT")
            await pilot.press("s")
            assert review.get_verdict(app.db, sid, app.main.claim["id"]).status is Status.SUPPORTED

    press_s_in_the_tui()
