"""Files in, articles and claims out: each article all or nothing, a report per file."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from workbench.compare.versions import VersionChanges, carry_over
from workbench.errors import WorkbenchError
from workbench.model import Claim
from workbench.split import split
from workbench.storage import Database, articles, claims
from workbench.textio import ArticleText, article_format, read_article

Splitter = Callable[[str], list[Claim]]

BATCH_SECONDS = 0.25
CHUNK = 8  # files a worker reads, or splits, per task (a task costs ~0.15 ms to hand over)
AHEAD = 3  # chunks in flight per worker: bounds the memory ingest uses


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one file: added, new_version, unchanged or skipped (with why)."""

    path: Path
    outcome: str
    article_id: int | None = None
    title: str = ""
    claims: int = 0
    version: int = 1
    chars: int = 0
    note: str = ""
    changes: VersionChanges | None = None  # for a new version: aligned, carried over

    @property
    def skipped(self) -> bool:
        return self.outcome == "skipped"


@dataclass(frozen=True, slots=True)
class _Read:
    """A file read into reader text, with where it came from and its content hash."""

    path: Path
    origin: str
    article: ArticleText
    content_hash: str


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the article files below each folder (sorted, recursively)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                (p for p in path.rglob("*") if p.is_file() and article_format(p) is not None),
                key=lambda p: p.parts,  # Path order, without Path's slow comparisons
            )
        else:
            yield path


def ingest_file(
    db: Database, path: Path, who: str = "ingest", splitter: Splitter = split
) -> IngestResult:
    """Add one file: a no-op when its text is known, a new version when its origin is.

    A new version's claims are aligned to the previous version's in the same
    transaction, and every session's verdicts carried over (edited claims flagged).
    """
    with db.transaction():
        last = claims.last_id(db)
        result = _store(db, _split_here(db, _read(path), splitter), who)
        claims.index_after(db, last)
    return result


def ingest_paths(
    db: Database,
    paths: Iterable[Path],
    *,
    splitter: Splitter = split,
    workers: int | None = None,
) -> Iterator[IngestResult]:
    """Ingest files and folders; a bad file is reported and skipped, the rest go in.

    Articles are written in batches of about BATCH_SECONDS, one transaction a
    batch (one commit per article made ingest a third slower), and each batch's
    results are yielded only once it is committed, so nothing reported as added
    can be lost. An error while writing rolls the whole batch back, so each
    article is all or nothing without a savepoint of its own (savepoints cost
    the writer a tenth more). Claim text is indexed once a batch. Files are read
    and split by `workers` processes (default: one per CPU; 0: none) a few
    chunks ahead of this one, which only writes.
    """
    ready = _prepared(db, iter(expand(paths)), splitter, workers)
    while True:
        batch: list[IngestResult] = []
        with db.transaction():
            last = claims.last_id(db)
            started = time.monotonic()
            for prepared in ready:
                batch.append(_store(db, prepared))
                if time.monotonic() - started > BATCH_SECONDS:
                    break
            claims.index_after(db, last)
        yield from batch
        if not batch:
            return


Prepared = IngestResult | tuple[_Read, list[claims.Row]]
"""A file ready to store: its read text and claim rows, or its result (skipped, unchanged)."""


def _read(path: Path) -> _Read | IngestResult:
    """Read one file, or the result that skips it."""
    if not path.exists():
        return IngestResult(path, "skipped", note=f"{path}: no such file or folder")
    try:
        article = read_article(path)
    except WorkbenchError as e:
        return IngestResult(path, "skipped", note=str(e))
    return _Read(path, str(path.resolve()), article, article.content_hash)


def _rows(splitter: Splitter, text: str) -> list[claims.Row]:
    return [claims.as_row(c) for c in splitter(text)]


def _unchanged(read: _Read, known: sqlite3.Row) -> IngestResult:
    """The result for a file whose text is stored already, as article `known`."""
    return IngestResult(
        read.path, "unchanged", known["id"], known["title"], version=known["version"]
    )


def _known(db: Database, read: _Read | IngestResult) -> _Read | IngestResult:
    """`read`, or the unchanged result when its text is stored already."""
    if isinstance(read, IngestResult):
        return read
    known = articles.find_by_hash(db, read.content_hash)
    return _unchanged(read, known) if known else read


def _split_here(db: Database, read: _Read | IngestResult, splitter: Splitter) -> Prepared:
    """A file read in this process, split here unless its text is stored already."""
    read = _known(db, read)
    return read if isinstance(read, IngestResult) else (read, _rows(splitter, read.article.text))


def _store(db: Database, prepared: Prepared, who: str = "ingest") -> IngestResult:
    """Write one file's article and claims, or report it unchanged or skipped. The claims
    are left for `index_after`; the caller's transaction makes the article all or nothing."""
    if isinstance(prepared, IngestResult):
        return prepared
    read, rows = prepared
    article = read.article
    previous = articles.latest_by_origin(db, read.origin)
    article_id = articles.insert(
        db,
        origin=read.origin,
        title=article.title,
        text=article.text,
        content_hash=read.content_hash,
        format=article.format,
        previous=previous,
    )
    if article_id is None:  # a copy of a file stored earlier in this run
        return _unchanged(read, articles.find_by_hash(db, read.content_hash))
    count = claims.insert_rows(db, article_id, rows)
    changes = carry_over(db, previous["id"], article_id, who=who) if previous else None
    note = f"decoded as {article.encoding} (not valid UTF-8)" if article.encoding != "utf-8" else ""
    return IngestResult(
        read.path,
        "new_version" if previous else "added",
        article_id,
        article.title,
        count,
        version=previous["version"] + 1 if previous else 1,
        chars=len(article.text),
        note=note,
        changes=changes,
    )


def _prepared(
    db: Database, files: Iterator[Path], splitter: Splitter, workers: int | None
) -> Iterator[Prepared]:
    """Each file read (and split, when new) in order: in worker processes when there is
    more than one file and this process can safely fork (it runs no other thread)."""
    count = (os.cpu_count() or 1) if workers is None else workers
    head = list(islice(files, 2))
    if (
        count < 1
        or len(head) < 2
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for path in chain(head, files):
            yield _split_here(db, _read(path), splitter)
        return
    pool = ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(splitter,),
    )
    try:
        yield from _pipeline(db, chain(head, files), pool, AHEAD * count)
    finally:
        pool.shutdown(cancel_futures=True)


@dataclass(slots=True)
class _Chunk:
    """A few files on their way through the workers: read, then the new ones split."""

    future: Future
    reads: list[_Read | IngestResult] | None = None
    rows: list[list[claims.Row] | None] | None = None


def _pipeline(
    db: Database, files: Iterator[Path], pool: ProcessPoolExecutor, ahead: int
) -> Iterator[Prepared]:
    """Chunks of files read in the pool; the text of those whose hash is not stored yet is
    split in the pool too (so an unchanged file costs no split); results in file order."""
    window: deque[_Chunk] = deque()
    while True:
        while len(window) < ahead and (paths := list(islice(files, CHUNK))):
            window.append(_Chunk(pool.submit(_read_all, paths)))
        if not window:
            return
        wait([c.future for c in window if c.rows is None], return_when=FIRST_COMPLETED)
        for chunk in window:
            if chunk.rows is not None or not chunk.future.done():
                continue
            if chunk.reads is None:
                chunk.reads = chunk.future.result()
                chunk.reads = [_known(db, r) for r in chunk.reads]
                chunk.future = pool.submit(
                    _split_all,
                    [r.article.text if isinstance(r, _Read) else None for r in chunk.reads],
                )
            else:
                chunk.rows = chunk.future.result()
        while window and window[0].rows is not None:
            done = window.popleft()
            for read, rows in zip(done.reads or (), done.rows, strict=True):
                yield read if isinstance(read, IngestResult) else (read, rows or [])


_worker_splitter: Splitter = split


def _start_worker(splitter: Splitter) -> None:
    global _worker_splitter
    _worker_splitter = splitter
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker once the process that started it is gone (killed, say): an orphan
    would otherwise wait for work forever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _read_all(paths: list[Path]) -> list[_Read | IngestResult]:
    return [_read(p) for p in paths]


def _split_all(texts: list[str | None]) -> list[list[claims.Row] | None]:
    return [None if t is None else _rows(_worker_splitter, t) for t in texts]
