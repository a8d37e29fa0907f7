"""A diff of two fully reviewed sessions, against a raw SQLite SELECT of the same rows.

    python bench/diff.py DB [--a a] [--b b] [--runs 3]

DB is built by bench/make_db.py with two sessions (`--sessions a,b --reviewed 1.0`).
Timed: `compare.diff.diff_sessions` with its figures (pairing, agreement, kappa,
per-article figures), and a diff written whole as CSV, as text and as JSON, as
`workbench diff` writes it. Baseline: a raw sqlite3 SELECT of both sessions' reviewed
rows joined to their claims. Target: 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workbench.compare.diff import diff_sessions
from workbench.compare.render import write_csv, write_json, write_text
from workbench.storage import open_db, sessions
from workbench.storage.engine import sqlite3

RAW_SELECT = (
    "SELECT c.id, c.article_id, a.origin, a.title, c.text, c.previous_claim_id,"
    " v.status, v.confidence, v.sources, v.notes"
    " FROM verdicts v JOIN claims c ON c.id = v.claim_id JOIN articles a ON a.id = c.article_id"
    " WHERE v.session_id = ? AND v.status != 'unreviewed' ORDER BY v.claim_id"
)


def median_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", type=Path)
    p.add_argument("--a", default="a")
    p.add_argument("--b", default="b")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    if not args.db.exists():
        sys.exit(f"error: {args.db}: no such database (build it with bench/make_db.py)")
    db = open_db(args.db)
    ids = [sessions.require(db, n)["id"] for n in (args.a, args.b)]
    raw = sqlite3.connect(args.db)

    def baseline() -> None:
        for sid in ids:
            for _row in raw.execute(RAW_SELECT, (sid,)):
                pass

    base = median_of(args.runs, baseline)
    result = diff_sessions(db, args.a, db, args.b)
    ag = result.agreement
    print(f"{args.db}: {args.a} vs {args.b}: {ag.n} claims compared, agreement "
          f"{ag.observed:.3f}, kappa {ag.kappa:.3f}, {len(result.articles)} articles; "
          f"SQLite {sqlite3.sqlite_version}; "
          f"median of {args.runs} runs")
    print(f"  baseline  raw SELECT of both sessions        {base:6.2f} s")
    t = median_of(args.runs, lambda: diff_sessions(db, args.a, db, args.b).figures)
    print(f"  diff      pairing + figures                  {t:6.2f} s  x{t / base:4.1f} baseline"
          f"  {'ok' if t <= 5 else 'OVER 5 s'}")
    with open(os.devnull, "w", encoding="utf-8") as null:
        for name, write in (("csv", write_csv), ("text", write_text), ("json", write_json)):
            def full(write: Callable = write) -> None:
                write(null, diff_sessions(db, args.a, db, args.b))

            t = median_of(args.runs, full)
            print(f"  diff      + whole output as {name:<4}             {t:6.2f} s  "
                  f"x{t / base:4.1f} baseline  {'ok' if t <= 5 else 'OVER 5 s'}")
    db.close()


if __name__ == "__main__":
    main()
