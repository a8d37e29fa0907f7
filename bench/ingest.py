"""Ingest throughput: MB/s and claims/s end to end, against a raw SQLite insert of the same rows.

    python bench/ingest.py [--articles 1000] [--runs 3]

Writes a synthetic corpus (bench/corpus.py) to a temporary folder, ingests it
into a fresh database `--runs` times, and prints medians. The ceiling is the
same articles and claims (split beforehand) inserted with plain sqlite3
executemany into the same schema, in the same run. Peak memory is measured in
child processes at one and three times the corpus size: it should not grow.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import article

from workbench.ingest import ingest_paths
from workbench.split import split
from workbench.storage import articles, claims, open_db
from workbench.textio import ArticleText


def write_corpus(folder: Path, n: int, seed: int = 11) -> int:
    """Write n article files; returns the number of characters written."""
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        text = article(rng, rng.randint(20, 60))
        (folder / f"article-{i:05d}.txt").write_text(text)
        total += len(text)
    return total


def time_ingest(folder: Path, db_path: Path) -> tuple[float, int]:
    db = open_db(db_path)
    t0 = time.perf_counter()
    count = sum(r.claims for r in ingest_paths(db, [folder]))
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed, count


def time_raw_insert(folder: Path, db_path: Path) -> float:
    """Insert the same rows through storage's executemany path, split beforehand, in one
    transaction: the fastest the database side of ingest can be."""
    prepared = []
    for path in sorted(folder.iterdir()):
        text = path.read_text().rstrip()
        prepared.append((str(path), ArticleText(text, text.split("\n", 1)[0], "txt"), split(text)))
    db = open_db(db_path)
    t0 = time.perf_counter()
    with db.transaction():
        for origin, art, found in prepared:
            article_id = articles.insert(
                db,
                origin=origin,
                title=art.title,
                text=art.text,
                content_hash=art.content_hash,
                format="txt",
            )
            claims.insert_many(db, article_id, found)
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed


def time_split(folder: Path) -> float:
    texts = [p.read_text() for p in sorted(folder.iterdir())]
    t0 = time.perf_counter()
    for text in texts:
        split(text)
    return time.perf_counter() - t0


def peak_rss_mb(n_articles: int) -> float:
    """Peak RSS of a child process that ingests n articles."""
    code = (
        "import sys, tempfile, resource; from pathlib import Path; sys.path.insert(0, 'bench');"
        "import ingest as b; d = Path(tempfile.mkdtemp()); (d / 'c').mkdir();"
        f"b.write_corpus(d / 'c', {n_articles}); b.time_ingest(d / 'c', d / 'x.db');"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    p = argparse.ArgumentParser(description="ingest throughput")
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        chars = write_corpus(folder, a.articles)
        mb = chars / 1e6
        ingest_times, raw_times, split_times, n_claims = [], [], [], 0
        for run in range(a.runs):
            elapsed, n_claims = time_ingest(folder, Path(tmp) / f"ingest-{run}.db")
            ingest_times.append(elapsed)
            raw_times.append(time_raw_insert(folder, Path(tmp) / f"raw-{run}.db"))
            split_times.append(time_split(folder))
        ingest_s, raw_s, split_s = (
            statistics.median(t) for t in (ingest_times, raw_times, split_times)
        )
        print(
            f"corpus: {a.articles} articles, {mb:.2f} MB, {n_claims} claims; "
            f"medians of {a.runs} runs"
        )
        print(f"ingest end to end : {mb / ingest_s:6.2f} MB/s  {n_claims / ingest_s:9.0f} claims/s")
        print(f"split only        : {mb / split_s:6.2f} MB/s")
        print(
            f"raw SQLite insert : {mb / raw_s:6.2f} MB/s  {n_claims / raw_s:9.0f} claims/s "
            "(ceiling: same rows, split beforehand)"
        )
        print(f"ingest / ceiling  : {raw_s / ingest_s:6.2f}")
    if not a.no_memory:
        small, large = peak_rss_mb(a.articles), peak_rss_mb(3 * a.articles)
        print(
            f"peak RSS          : {small:.0f} MB at {a.articles} articles, {large:.0f} MB at "
            f"{3 * a.articles} ({large / small:.2f}x for 3x the corpus)"
        )


if __name__ == "__main__":
    main()
