"""Export and import of a whole session, against raw SQLite baselines measured in the same run.

    python bench/exchange.py DB [--session a] [--runs 3] [--formats csv,jsonl,claimreview]

DB is built by bench/make_db.py (e.g. `python bench/make_db.py /tmp/b.db --claims 1000000
--sessions a,b`). Export writes each format to a temporary file; its baseline is a raw
sqlite3 SELECT of the same joined rows. Import reads the exported CSV into a new session
(every row a change: a verdict and a history row each) and back into the session it came
from (every row checked, none changed); its baseline is csv.reader over the file plus a
plain executemany INSERT of the same rows into a scratch table. Targets: 10 s each.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.exchange.export import export_session
from workbench.exchange.importer import import_sheet
from workbench.storage import open_db, sessions
from workbench.storage.engine import sqlite3

RAW_SELECT = (
    'SELECT c.id, c.article_id, a.title, a.origin, c.seq, c.text, c.start, c."end", c.by,'
    " c.kind, v.status, v.confidence, v.sources, v.notes, v.reviewer, v.updated_at"
    " FROM claims c JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.session_id = ?"
    " WHERE NOT c.dropped AND c.article_id IN (SELECT id FROM current_articles)"
    " ORDER BY c.article_id, c.seq, c.id"
)


def median_of(runs: int, fn: Callable[[int], object], times: list[float] | None = None) -> float:
    """The median time of `runs` calls of fn(n); each time is added to `times` if given."""
    times = [] if times is None else times
    for n in range(runs):
        t0 = time.perf_counter()
        fn(n)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", type=Path)
    p.add_argument("--session", default="a")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--formats", default="csv,jsonl,claimreview")
    a = p.parse_args()
    if not a.db.exists():
        sys.exit(f"error: {a.db}: no such database (build it with bench/make_db.py)")
    db = open_db(a.db)
    sid = sessions.require(db, a.session)["id"]
    raw = sqlite3.connect(a.db)
    n_rows = raw.execute("SELECT count(*) FROM claims").fetchone()[0]
    print(f"{a.db}: {n_rows} claims, session {a.session!r}, SQLite {sqlite3.sqlite_version},"
          f" median of {a.runs} runs")

    def raw_select(_n: int) -> None:
        for _row in raw.execute(RAW_SELECT, (sid,)):
            pass

    base = median_of(a.runs, raw_select)
    print(f"  baseline  raw SELECT of the same rows          {base:6.2f} s")
    scratch = tempfile.TemporaryDirectory(prefix="wb-bench-")  # 185 MB a million rows
    tmp = Path(scratch.name)
    for fmt in a.formats.split(","):
        target = tmp / f"out.{fmt}"

        def export(_n: int, fmt: str = fmt, target: Path = target) -> None:
            with target.open("w", encoding="utf-8", newline="") as out:
                export_session(db, a.session, fmt, out)

        t = median_of(a.runs, export)
        mb = target.stat().st_size / 1e6
        flag = "ok" if t <= 10 else "OVER 10 s"
        print(f"  export    {fmt:<12} {mb:7.0f} MB            {t:6.2f} s  "
              f"x{t / base:4.1f} baseline  {flag}")

    sheet = tmp / "out.csv"
    if not sheet.exists():
        with sheet.open("w", encoding="utf-8", newline="") as out:
            export_session(db, a.session, "csv", out)

    def raw_import(n: int) -> None:
        raw.execute(f"CREATE TEMP TABLE scratch{n} (claim_id, status, confidence, sources,"
                    " notes)")
        with sheet.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            next(reader)
            raw.executemany(f"INSERT INTO scratch{n} VALUES (?, ?, ?, ?, ?)",
                            ((r[0], r[5], r[6], r[7], r[8]) for r in reader))
        raw.commit()

    base_in = median_of(a.runs, raw_import)
    print(f"  baseline  csv.reader + raw INSERT             {base_in:6.2f} s")
    stamp = int(time.time())

    def into_new(n: int) -> None:
        result = import_sheet(db, sheet, f"bench-import-{stamp}-{n}", "bench")
        assert result.changed > 0

    runs: list[float] = []
    t = median_of(a.runs, into_new, runs)
    print(f"  import    into a new session (all changes)    {t:6.2f} s  "
          f"x{t / base_in:4.1f} baseline  {'ok' if t <= 10 else 'OVER 10 s'}")
    print("            runs in turn, each into a file a session larger: "
          + ", ".join(f"{r:.2f}" for r in runs) + " s")

    def into_same(_n: int) -> None:
        result = import_sheet(db, sheet, a.session, "bench")
        assert result.changed == 0, result

    t = median_of(a.runs, into_same)
    print(f"  import    into its own session (no changes)   {t:6.2f} s  "
          f"x{t / base_in:4.1f} baseline  {'ok' if t <= 10 else 'OVER 10 s'}")
    for n in range(a.runs):
        sessions.delete(db, f"bench-import-{stamp}-{n}", "bench", force=True)
    db.close()
    scratch.cleanup()


if __name__ == "__main__":
    main()
