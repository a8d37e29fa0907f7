"""Aligning two versions of a 2,000-claim article, against exact matching alone.

    python bench/align.py [--claims 2000] [--edited 0.1] [--runs 5]

Version 2 edits `--edited` of the claims (a word changed), drops 2% and adds 2%
new ones. Timed: `compare.align.align` (exact pairs, then rapidfuzz best matches),
and the ingest hook end to end (`compare.versions.carry_over` in a temporary
database with two sessions that reviewed every claim). Baseline: pairing identical
texts only, with a dict, in the same run. Target: under 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import sentence

from workbench.compare.align import align, normalise
from workbench.compare.versions import carry_over
from workbench.model import Claim
from workbench.storage import articles, bulk, claims, open_db, sessions


def median_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def versions(n: int, edited: float, seed: int = 5) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    old = [sentence(rng) for _ in range(n)]
    new = []
    for text in old:
        r = rng.random()
        if r < 0.02:
            continue  # removed
        if r < 0.02 + edited:
            words = text.split()
            words[rng.randrange(len(words))] = "edited"
            text = " ".join(words)
        new.append(text)
        if rng.random() < 0.02:
            new.append(sentence(rng))  # added
    return old, new


def exact_only(old: list[str], new: list[str]) -> int:
    index: dict[str, list[int]] = {}
    for i, t in enumerate(old):
        index.setdefault(normalise(t), []).append(i)
    return sum(1 for t in new if index.get(normalise(t)))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--claims", type=int, default=2000)
    p.add_argument("--edited", type=float, default=0.1)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    old, new = versions(a.claims, a.edited)
    pairs = align(old, new)
    n_edited = sum(p.edited for p in pairs)
    print(f"{len(old)} -> {len(new)} claims: {len(pairs) - n_edited} identical, {n_edited} "
          f"edited, {len(new) - len(pairs)} added, {len(old) - len(pairs)} removed; "
          f"median of {a.runs} runs")
    base = median_of(a.runs, lambda: exact_only(old, new))
    print(f"  baseline  exact matches only (dict)       {base * 1000:8.1f} ms")
    t = median_of(a.runs, lambda: align(old, new))
    print(f"  align     exact + fuzzy                   {t * 1000:8.1f} ms  "
          f"x{t / base:5.1f} baseline  {'ok' if t < 1 else 'OVER 1 s'}")
    everything_edited = [t + " (updated)" for t in old]
    t = median_of(a.runs, lambda: align(old, everything_edited))
    print(f"  align     worst case: every claim edited  {t * 1000:8.1f} ms  "
          f"x{t / base:5.1f} baseline  {'ok' if t < 1 else 'OVER 1 s'}")

    times = []
    for run in range(a.runs):
        with tempfile.TemporaryDirectory() as tmp:
            db = open_db(Path(tmp) / "align.db")
            with db.transaction():
                ids = []
                for v, texts in enumerate((old, new), 1):
                    art = articles.insert(db, origin="bench://a", title="A", text=f"v{v}",
                                          content_hash=f"{run}-{v}", format="txt",
                                          previous=articles.latest_by_origin(db, "bench://a"))
                    claims.insert_many(db, art, (Claim(i + 1, t, 0, 0)
                                                 for i, t in enumerate(texts)))
                    ids.append(art)
            for name in ("a", "b"):
                sid = sessions.create(db, name, name)
                with db.transaction():
                    bulk.insert_verdicts(db, sid, [(i, "supported", 80, "[]", "")
                                                   for i in range(1, len(old) + 1)])
            t0 = time.perf_counter()
            changes = carry_over(db, ids[0], ids[1], who="bench")
            times.append(time.perf_counter() - t0)
            db.close()
    t = statistics.median(times)
    print(f"  carry_over (align + link + copy {changes.carried} verdicts, 2 sessions) "
          f"{t * 1000:6.1f} ms  x{t / base:5.1f} baseline  {'ok' if t < 1 else 'OVER 1 s'}")


if __name__ == "__main__":
    main()
