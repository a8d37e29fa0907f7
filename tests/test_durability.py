"""A reviewer's change is in the database the moment the screen shows it: kill -9 loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from test_tui_fixtures import seeded

from workbench import review
from workbench.model import Status
from workbench.storage import claims, open_db

REVIEWER = """
import asyncio, sys
from workbench.storage import open_db
from workbench.tui.app import WorkbenchApp

async def main():
    app = WorkbenchApp(open_db(sys.argv[1]), "ann", "ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "r", "3", "o", *"https://example.org/a", "enter")
        await pilot.pause()
        print(app.main.claim["id"], flush=True)  # the screen shows the change: acknowledged
        await asyncio.sleep(120)  # killed here, never quits

asyncio.run(main())
"""


def test_kill_9_right_after_a_change_loses_nothing(tmp_path: Path):
    path = tmp_path / "c.db"
    seeded(path).close()
    proc = subprocess.Popen([sys.executable, "-c", REVIEWER, str(path)], stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).parent)
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
