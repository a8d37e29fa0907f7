"""Ingest throughput: MB/s and claims/s end to end, against a raw SQLite insert of the same rows.

    python bench/ingest.py [--articles 1000] [--runs 5] [--workers N] [--no-memory]

Writes a synthetic corpus (bench/corpus.py) to a temporary folder and, in each
run, into fresh databases:

- ceiling: the same articles and claims, split beforehand, inserted with plain
  sqlite3 (one transaction, executemany, one full-text statement) into the same
  schema: the fastest the database side of ingest can be;
- ingest with the sentence splitter only (sentence segmentation, no filters,
  decomposition or scoring), which shows the cost of everything around the splitter;
- ingest with the full atomic splitter (`workbench.split.split`).

Each is reported as the median over runs, with the median of the same-run
ratios to its ceiling (a ratio is steadier than a rate on a shared machine),
and the CPU seconds spent: on a busy machine the wall clock shows the share of
CPU ingest got, the CPU seconds what it cost. Ingest's writer (this process)
writes; the workers read and split, and the writer splits a chunk itself only
when it would otherwise wait for one, so with the sentence splitter MB per
writer CPU-second is about the speed ingest reaches when there are CPUs enough
for the workers to keep up.
Peak memory is measured in child processes at one and three times the corpus
size: it should not grow.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import article

from workbench.ingest import Splitter, ingest_paths
from workbench.model import Claim
from workbench.split import split
from workbench.split.sentences import sentences
from workbench.storage import Database, claims, open_db
from workbench.storage.clock import now
from workbench.textio import read_article


def sentence_claims(text: str) -> list[Claim]:
    """Every sentence of `text` as a claim: the splitter's segmentation and nothing else."""
    return [Claim(i, s.text, s.start, s.end) for i, s in enumerate(sentences(text), 1)]


SPLITTERS: dict[str, Splitter] = {"sentences": sentence_claims, "atomic": split}


def write_corpus(folder: Path, n: int, seed: int = 11) -> int:
    """Write n article files; returns the number of characters written."""
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        text = article(rng, rng.randint(20, 60))
        (folder / f"article-{i:05d}.txt").write_text(text)
        total += len(text)
    return total


@contextmanager
def fresh_db(folder: Path) -> Iterator[Database]:
    """A new database in `folder`, removed afterwards."""
    with tempfile.TemporaryDirectory(dir=folder) as tmp, open_db(Path(tmp) / "x.db") as db:
        yield db


def time_ingest(
    folder: Path, tmp: Path, splitter: Splitter = split, workers: int | None = None
) -> tuple[float, int, float, float]:
    """Seconds to ingest the folder into a new database, the claims stored, and the CPU
    seconds of this process (the writer) and of the worker processes."""
    with fresh_db(tmp) as db:
        children = _children_cpu()
        t0, cpu0 = time.perf_counter(), time.process_time()
        results = ingest_paths(db, [folder], splitter=splitter, workers=workers)
        count = sum(r.claims for r in results)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        return elapsed, count, cpu, _children_cpu() - children


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


Prepared = list[tuple[str, str, str, str, list[claims.Row]]]


def prepare(folder: Path, splitter: Splitter) -> Prepared:
    """(origin, title, text, hash, rows) of every file, read and split as ingest would."""
    out = []
    for path in sorted(folder.iterdir()):
        art = read_article(path)
        rows = [claims.as_row(c) for c in splitter(art.text)]
        out.append((str(path), art.title, art.text, art.content_hash, rows))
    return out


def time_ceiling(prepared: Prepared, tmp: Path) -> tuple[float, float]:
    """Seconds (and CPU seconds) to insert the prepared rows with plain sqlite3 in one
    transaction."""
    with fresh_db(tmp) as db:
        conn, at = db.conn, now()
        t0, cpu0 = time.perf_counter(), time.process_time()
        conn.execute("BEGIN IMMEDIATE")
        for origin, title, text, content_hash, rows in prepared:
            article_id = conn.execute(
                "INSERT INTO articles (origin, title, text, content_hash, version, format,"
                " ingested_at) VALUES (?, ?, ?, ?, 1, 'txt', ?)",
                (origin, title, text, content_hash, at),
            ).lastrowid
            conn.executemany(
                'INSERT INTO claims (article_id, seq, text, start, "end", by, kind,'
                " checkworthiness) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(article_id, *r) for r in rows],
            )
        conn.execute("INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims")
        conn.execute("COMMIT")
        return time.perf_counter() - t0, time.process_time() - cpu0


def time_split(texts: list[str], splitter: Splitter) -> float:
    t0 = time.perf_counter()
    for text in texts:
        splitter(text)
    return time.perf_counter() - t0


def peak_rss_mb(n_articles: int, workers: int | None) -> tuple[float, float]:
    """Peak RSS of a child process that ingests n articles, and of its largest worker."""
    code = (
        "import sys, resource; from pathlib import Path; sys.path.insert(0, 'bench');"
        "import ingest as b; d = Path(sys.argv[1]); (d / 'c').mkdir();"
        f"b.write_corpus(d / 'c', {n_articles});"
        f"b.time_ingest(d / 'c', d, workers={workers});"
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child of this
        # (large) process would report this process's size.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1];"
        "print(hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    with tempfile.TemporaryDirectory() as tmp:  # the corpus goes with it
        out = subprocess.run(
            [sys.executable, "-c", code, tmp],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
    main_kb, worker_kb = out.stdout.split()[-2:]
    return int(main_kb) / 1024, int(worker_kb) / 1024


def main() -> None:
    p = argparse.ArgumentParser(description="ingest throughput")
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--workers", type=int, default=None, help="split processes (default: CPUs-1)")
    p.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        mb = write_corpus(folder, a.articles) / 1e6
        prepared = {name: prepare(folder, s) for name, s in SPLITTERS.items()}
        texts = [text for _, _, text, _, _ in prepared["sentences"]]
        times: dict[str, list[float]] = defaultdict(list)
        counts: dict[str, int] = {}
        for _ in range(a.runs):
            for name, splitter in SPLITTERS.items():
                elapsed, cpu = time_ceiling(prepared[name], Path(tmp))
                times[f"ceiling {name}"].append(elapsed)
                times[f"ceiling cpu {name}"].append(cpu)
                elapsed, counts[name], cpu, workers_cpu = time_ingest(
                    folder, Path(tmp), splitter, a.workers
                )
                times[f"ingest {name}"].append(elapsed)
                times[f"writer cpu {name}"].append(cpu)
                times[f"workers cpu {name}"].append(workers_cpu)
                times[f"split {name}"].append(time_split(texts, splitter))
        pool = "CPUs - 1" if a.workers is None else a.workers
        print(f"corpus: {a.articles} articles, {mb:.2f} MB; workers: {pool};", end="")
        print(f" medians of {a.runs} runs")
        for name in SPLITTERS:
            n = counts[name]
            ceiling, ingest, split_s = (
                statistics.median(times[f"{k} {name}"]) for k in ("ceiling", "ingest", "split")
            )
            ratio = statistics.median(
                c / i
                for c, i in zip(times[f"ceiling {name}"], times[f"ingest {name}"], strict=True)
            )
            print(f"{name} splitter ({n} claims):")
            print(f"  raw SQLite ceiling : {mb / ceiling:6.2f} MB/s {n / ceiling:9.0f} claims/s")
            print(
                f"  ingest end to end  : {mb / ingest:6.2f} MB/s {n / ingest:9.0f} claims/s"
                f"  ({ratio:.2f} of the ceiling, same-run median)"
            )
            floor, writer, workers = (
                statistics.median(times[f"{k} cpu {name}"])
                for k in ("ceiling", "writer", "workers")
            )
            print(
                f"  CPU seconds        : ceiling {floor:.2f}; ingest writer {writer:.2f},"
                f" workers {workers:.2f} ({mb / writer:.2f} MB per writer CPU-second)"
            )
            print(f"  split only, 1 CPU  : {mb / split_s:6.2f} MB/s")
    if not a.no_memory:
        (small, small_w), (large, large_w) = (
            peak_rss_mb(n, a.workers) for n in (a.articles, 3 * a.articles)
        )
        print(
            f"peak RSS (atomic)  : {small:.0f} MB at {a.articles} articles, {large:.0f} MB at "
            f"{3 * a.articles} ({large / small:.2f}x for 3x the corpus); largest worker "
            f"{small_w:.0f} MB, {large_w:.0f} MB"
        )


if __name__ == "__main__":
    main()
