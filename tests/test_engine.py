"""The workbench on either SQLite: pysqlite3's where its wheel installs, Python's own
elsewhere (storage/engine.py). CI has the first; this runs a user's round trip on both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from paths import SEED

ROUND_TRIP = """
import sys
if sys.argv[1] == "own":
    sys.modules["pysqlite3"] = None  # as where pysqlite3-binary has no wheel
from workbench.cli import main
from workbench.storage.engine import sqlite3

print(sqlite3.__name__)
steps = [
    ["ingest", sys.argv[2]],
    ["sessions", "new", "b"],
    ["tag", "2", "--status", "refuted", "--confidence", "80", "--source", "https://x.org :: p 2"],
    ["tag", "3", "--status", "supported", "--note", "=quoted, \\"twice\\""],
    ["export", "-o", "a.csv"],
    ["import", "a.csv", "--session", "c"],
    ["tag", "3", "--session", "c", "--status", "misleading"],
    ["diff", "b", "c", "--format", "csv", "-o", "d.csv"],
    ["diff", "b", "c", "--format", "json", "-o", "d.json"],
    ["diff", "b", "c", "--exit-code", "--format", "csv", "-o", "e.csv"],
]
print(*(main(step) for step in steps))
"""


def round_trip(tmp_path: Path, engine: str) -> tuple[str, str, str]:
    """Run ROUND_TRIP in a fresh folder; its output, and the diff it wrote as CSV and JSON."""
    folder = tmp_path / engine
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP, engine, str(SEED)], cwd=folder, text=True,
        capture_output=True, check=True,
        env={"PATH": "/usr/bin:/bin", "WORKBENCH_DB": str(folder / "c.db"),
             "WORKBENCH_REVIEWER": "ann", "PYTHONPATH": str(Path(__file__).parents[1])})
    return (done.stdout, (folder / "d.csv").read_text(encoding="utf-8"),
            (folder / "d.json").read_text(encoding="utf-8"))


def test_a_round_trip_gives_the_same_on_either_sqlite(tmp_path: Path) -> None:
    """Ingest, tag (a formula-like note with quotes), export, import into a new session,
    and diff as CSV and JSON: every step succeeds on Python's own SQLite, and the diffs
    are the same text as on the workbench's own."""
    own = round_trip(tmp_path, "own")
    usual = round_trip(tmp_path, "usual")
    said = own[0].splitlines()
    assert (said[0], said[-1]) == ("sqlite3", "0 0 0 0 0 0 0 0 0 1")
    assert own[1:] == usual[1:]
    assert "refuted,misleading" not in own[1] and "supported,misleading" in own[1]
