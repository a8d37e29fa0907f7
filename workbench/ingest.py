"""Files in, articles and claims out: each article all or nothing, a report per file."""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from multiprocessing.connection import Connection
from pathlib import Path

from workbench.compare.corrections import Corrected
from workbench.compare.versions import VersionChanges, carry_over, corrected_rows
from workbench.errors import WorkbenchError
from workbench.model import Claim
from workbench.split import split
from workbench.storage import Database, articles, claims
from workbench.storage.clock import now
from workbench.storage.engine import sqlite3
from workbench.textio import ArticleText, article_format, read_article

Splitter = Callable[[str], list[Claim]]

BATCH_SECONDS = 0.25
CHUNK = 8  # files a worker reads, or splits, per message (fewer, larger messages are cheaper)
# Chunks in flight per worker, and per writer: this bounds the memory ingest uses, and is
# work enough to keep a worker splitting while the writer indexes and commits a batch.
AHEAD = 12


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
    """A file read into reader text, with where it came from and its content hash.
    `earlier`: its text was, when read, an earlier text of another file's article; it is
    not split, and is skipped or unchanged as the database is when it would be stored (a
    file before it in the run may have put that text back as the article's newest)."""

    path: Path
    origin: str
    article: ArticleText
    content_hash: str
    earlier: bool = False


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the article files below each folder (sorted, recursively).
    A folder that cannot be listed comes as itself, for reading it to say why it is
    skipped; so does a path that cannot be looked at (in a folder that may not be
    searched)."""
    for path in paths:
        if os.path.isdir(path):  # False, not PermissionError, where it cannot be looked at
            yield from _article_files(path)
        else:
            yield path


def _article_files(folder: Path) -> list[Path]:
    """The article files below `folder` in Path order, as `rglob` finds them (a link to a
    file is a file, a link to a folder is not followed), those of an article's name that
    cannot be read as one (a broken link, a pipe), and each folder that cannot be listed,
    listed with os.scandir, which knows an entry's type without a stat: a third of the
    cost of rglob, paid before the first file can be handed out."""
    found: list[tuple[str, ...]] = []

    def walk(top: str, parts: tuple[str, ...]) -> None:
        try:
            entries = list(os.scandir(top))
        except OSError:
            found.append(parts)
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, (*parts, entry.name))
            elif article_format(entry.name) is not None and not entry.is_dir():
                # a broken link or a pipe too: reading it says why it is skipped
                found.append((*parts, entry.name))

    walk(str(folder), ())
    found.sort()
    return [folder.joinpath(*parts) for parts in found]


def ingest_file(
    db: Database, path: Path, who: str = "ingest", splitter: Splitter = split
) -> IngestResult:
    """Add one file: a no-op when its text is its article's newest, a new version when its
    origin is known (an earlier text of its own article put back included).

    A new version's claims are aligned to the previous version's in the same
    transaction, and every session's verdicts carried over (edited claims flagged).
    """
    _real_folder.cache_clear()  # folders may have moved since the last ingest
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
    who: str = "ingest",
) -> Iterator[IngestResult]:
    """Ingest files and folders; a bad file is reported and skipped, the rest go in. `who`
    is logged as the one who carried verdicts over to a new version.

    Articles are written in batches of about BATCH_SECONDS, one transaction a
    batch (one commit per article made ingest a third slower), and each batch's
    results are yielded only once it is committed, so nothing reported as added
    can be lost. An error while writing rolls the whole batch back, so each
    article is all or nothing without a savepoint of its own (savepoints cost
    the writer a tenth more). Claim text is indexed once a batch. Files are read
    and split by `workers` processes (default: one CPU fewer than there are;
    0: none) up to AHEAD chunks ahead of this one, which writes them, and splits a
    chunk itself whenever it would otherwise wait: the next one, or at the end the
    last one a worker has queued, taken back.
    """
    _real_folder.cache_clear()  # folders may have moved since the last ingest
    ready = _prepared(db, iter(expand(paths)), splitter, workers)
    with db.bulk():
        while True:
            batch: list[IngestResult] = []
            with db.transaction():
                last = claims.last_id(db)
                started, at = time.monotonic(), now()  # a batch's articles: one time, one commit
                for prepared in ready:
                    batch.append(_store(db, prepared, who, at=at))
                    if time.monotonic() - started > BATCH_SECONDS:
                        break
                claims.index_after(db, last)
            yield from batch
            if not batch:
                return


Prepared = IngestResult | tuple[_Read, list[claims.Row]]
"""A file ready to store: its read text and claim rows, or its result (skipped, unchanged)."""


def _read(path: Path) -> _Read | IngestResult:
    """Read one file, or the result that skips it (looking for the file only then)."""
    try:
        article = read_article(path)
    except WorkbenchError as e:
        return _skip(path, f"{path}: no such file or folder" if _missing(path) else str(e))
    return _Read(path, _origin(path), article, article.content_hash)


def _missing(path: Path) -> bool:
    """Whether nothing is at `path` (not: whether it may be looked at)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def _origin(path: Path) -> str:
    """The file's real path, as stored: its folder resolved once (`path.resolve()` looks up
    every folder on the way, for every file), the file itself when it is a link."""
    if path.is_symlink():
        return str(path.resolve())
    return os.path.join(_real_folder(str(path.parent)), path.name)


@functools.lru_cache(maxsize=64)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _skip(path: Path, note: str) -> IngestResult:
    return IngestResult(path, "skipped", note=note)


def _rows(splitter: Splitter, text: str) -> list[claims.Row]:
    return [claims.as_row(c) for c in splitter(text)]


def _unchanged(read: _Read, known: sqlite3.Row) -> IngestResult:
    """The result for a file whose text is stored already, as article `known`."""
    return IngestResult(
        read.path, "unchanged", known["id"], known["title"], version=known["version"]
    )


def _known(db: Database, read: _Read | IngestResult) -> _Read | IngestResult:
    """`read`, or the result that spares it a split when its text is stored already; a skip
    that a file before it in the run may undo is left to the writer (`read` marked `earlier`)."""
    if isinstance(read, IngestResult):
        return read
    result = _stored(read, articles.find_by_hash(db, read.content_hash))
    if result is None:
        return read
    return replace(read, earlier=True) if result.skipped else result


def _decided(db: Database, read: _Read) -> IngestResult:
    """The result for a file whose text is stored already, as the database has it now."""
    result = _stored(read, articles.find_by_hash(db, read.content_hash))
    assert result is not None  # a stored text is stored again only where _stored says so
    return result


def _stored(read: _Read, known: sqlite3.Row | None) -> IngestResult | None:
    """The result for a file whose text the article version `known` holds (the newest one
    that does; find_by_hash), or None when it is to be stored: a text no article has, or
    one its own article had before a newer version replaced it (an edit reverted: the text
    comes back as the article's newest version, aligned to the one it replaces).

    The text of an article's newest version is unchanged, from any path. An earlier text
    of another file's article is skipped: a copy of an old draft kept elsewhere (an archive
    folder, a backup) would otherwise put that text back as the article's newest, or add
    it a second time as an article of its own; the article's own file can bring it back."""
    if known is None:
        return None
    if known["latest"] == known["version"]:
        return _unchanged(read, known)
    if known["origin"] == read.origin:
        return None
    return _skip(read.path, f"{read.path}: its text is version {known['version']} of"
                            f" {known['title']!r}, which version {known['latest']} has"
                            " replaced; only that article's own file can put an earlier text"
                            f" back ({known['origin']})")


def _split_here(db: Database, read: _Read | IngestResult, splitter: Splitter) -> Prepared:
    """A file read in this process, split here unless its text is stored already."""
    return _split(_known(db, read), splitter)


def _split(read: _Read | IngestResult, splitter: Splitter) -> Prepared:
    """A file read, with its claim rows, unless it is skipped or known already."""
    if isinstance(read, IngestResult):
        return read
    return read, [] if read.earlier else _rows(splitter, read.article.text)


def _store(
    db: Database, prepared: Prepared, who: str = "ingest", at: str | None = None
) -> IngestResult:
    """Write one file's article and claims (ingested `at`, or now), or report it unchanged
    or skipped. The claims are left for `index_after`; the caller's transaction makes the
    article all or nothing."""
    if isinstance(prepared, IngestResult):
        return prepared
    read, rows = prepared
    if read.earlier:
        return _decided(db, read)
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
        at=at,
    )
    if article_id is None:  # its text stored earlier in this run (a copy of another file)
        return _decided(db, read)
    made: list[Corrected | None] = []
    if previous:
        rows, made = corrected_rows(db, previous["id"], rows)
    count = claims.insert_rows(db, article_id, rows)
    changes = carry_over(db, previous["id"], article_id, who=who, made=made) if previous else None
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
    count = (os.cpu_count() or 1) - 1 if workers is None else workers  # this process is one
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
    pool = _Pool(splitter, count)
    try:
        yield from pool.prepared(db, chain(head, files))
    finally:
        pool.close()


@dataclass(slots=True)
class _Chunk:
    """A few files on their way through a worker (read, then the new ones split), or
    read and split by the writer at once, or read by a worker and split by the writer
    (taken back from a worker that has more to split than the writer has to store)."""

    paths: list[Path]
    reads: list[_Read | IngestResult] | None = None
    done: list[Prepared] | None = None
    number: int = 0  # a worker's name for it, to drop it when the writer takes it back


class _Pool:
    """Forked worker processes, each behind its own pipe: a worker reads the chunks of files
    it is sent, keeps their text, and splits those the writer asks it to (the ones whose
    hash is not stored), so a text crosses a pipe once and an unchanged file is never split.

    The writer needs no thread to drive them: it hands out chunks and takes replies
    between the articles it writes. When it has nothing to write and no file left to
    split itself, it takes back the last chunk a worker has queued and splits it (at the
    end of a run, a worker may hold a dozen chunks while the writer waits). A worker
    ends when the writer's end of its pipe closes, or soon after the writer's process
    ends (killed, say) while it splits."""

    def __init__(self, splitter: Splitter, count: int) -> None:
        self._splitter = splitter
        context = multiprocessing.get_context("fork")
        pipes = [context.Pipe() for _ in range(count)]
        ends = [end for pair in pipes for end in pair]
        self._procs = [
            context.Process(target=_work, args=(splitter, child, ends, os.getpid()), daemon=True)
            for _, child in pipes
        ]
        for proc in self._procs:
            proc.start()
        for _, child in pipes:
            child.close()
        self._conns = [parent for parent, _ in pipes]
        self._owed: list[deque[_Chunk]] = [deque() for _ in pipes]  # replies due, in order
        self._numbers = itertools.count(1)
        self._worker = {conn.fileno(): w for w, conn in enumerate(self._conns)}
        self._replies = select.poll()  # one poll() a look, where conn.poll() builds a selector
        for conn in self._conns:
            self._replies.register(conn, select.POLLIN)

    def prepared(self, db: Database, files: Iterator[Path]) -> Iterator[Prepared]:
        """The files, read and split, in order, with up to AHEAD chunks a worker in flight.
        When the next chunk due is not back yet, this process reads and splits one itself
        rather than wait, or takes back the last one a worker has queued (_take_back)."""
        window: deque[_Chunk] = deque()
        limit = AHEAD * (len(self._conns) + 1)
        while True:
            while (
                len(window) < limit
                and min(map(len, self._owed)) < AHEAD
                and (paths := list(islice(files, CHUNK)))
            ):
                window.append(self._send(paths))
            if not window:
                return
            self._receive(db, block=False)
            if window[0].done is not None:
                for item in window.popleft().done:
                    yield item
                    self._receive(db, block=False)
            elif len(window) < limit and (paths := list(islice(files, CHUNK))):
                done = [_split_here(db, _read(p), self._splitter) for p in paths]
                window.append(_Chunk(paths, done=done))
            elif not self._take_back():
                self._receive(db, block=True)

    def _take_back(self) -> bool:
        """Split here the last chunk a worker has yet to split, when it has another one to
        split first, and tell the worker to drop it; False when there is none."""
        for worker, owed in enumerate(self._owed):
            queued = [c for c in owed if c.reads is not None and c.done is None]
            if len(queued) > 1:
                chunk = queued[-1]
                self._conns[worker].send(("drop", chunk.number))
                chunk.done = [_split(r, self._splitter) for r in chunk.reads]
                return True
        return False

    def close(self) -> None:
        for conn in self._conns:
            conn.close()
        for proc in self._procs:
            proc.terminate()
            proc.join()

    def _send(self, paths: list[Path]) -> _Chunk:
        """Hand a chunk of files to the worker with the fewest replies due."""
        worker = min(range(len(self._conns)), key=lambda w: len(self._owed[w]))
        chunk = _Chunk(paths)
        self._conns[worker].send(("read", [str(p) for p in paths]))
        self._owed[worker].append(chunk)
        return chunk

    def _receive(self, db: Database, *, block: bool) -> None:
        """Take every reply that has come in (waiting for one if `block`): files read are
        checked against the stored hashes and the new ones sent back to be split.

        Replies are taken until none is left, not one a worker a call: a worker that
        has read a dozen chunks waits for the word to split each, and the writer, while
        it splits a chunk of its own, would otherwise give that word once a chunk."""
        timeout = None if block else 0
        while ready := self._replies.poll(timeout):
            timeout = 0
            for fd, _ in ready:
                self._take(db, self._worker[fd])

    def _take(self, db: Database, worker: int) -> None:
        """Take one reply from a worker."""
        conn = self._conns[worker]
        try:
            reply = conn.recv()
        except EOFError:
            raise WorkbenchError("ingest: a worker process ended unexpectedly") from None
        if isinstance(reply, BaseException):
            raise reply
        chunk = self._owed[worker].popleft()
        if chunk.reads is None:
            chunk.reads = [
                _known(db, _Read(path, *r) if isinstance(r, tuple) else _skip(path, r))
                for path, r in zip(chunk.paths, reply, strict=True)
            ]
            chunk.number = next(self._numbers)
            split = [isinstance(r, _Read) and not r.earlier for r in chunk.reads]
            conn.send(("split", (chunk.number, split)))
            self._owed[worker].append(chunk)
        elif chunk.done is None:  # else the writer took it back and split it
            chunk.done = [
                r if isinstance(r, IngestResult) else (r, rows)
                for r, rows in zip(chunk.reads, reply, strict=True)
            ]


def _work(splitter: Splitter, conn: Connection, ends: list[Connection], parent: int) -> None:
    """A worker: read each chunk of files sent, split the texts asked for, reply in order.
    Errors go back to the writer, which raises them; the end of the pipe, or of the
    writer's process while this one is still splitting, ends the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    for end in ends:
        if end is not conn:
            end.close()  # so that only the writer holds the other end of this pipe
    texts: deque[list[str]] = deque()  # of the chunks read, oldest first, till split
    inbox: deque[tuple[str, list]] = deque()
    dropped: set[int] = set()  # chunks the writer took back
    waiting = select.poll()
    waiting.register(conn, select.POLLIN)
    try:
        while True:
            while not inbox or waiting.poll(0):  # every message in, so a drop is seen early
                kind, items = conn.recv()
                if kind == "drop":
                    dropped.add(items)
                else:
                    inbox.append((kind, items))
            kind, items = inbox.popleft()
            if kind == "split":
                number, items = items  # the chunk's number, which of its texts to split
                if number in dropped:
                    dropped.remove(number)
                    texts.popleft()
                    conn.send(None)
                    continue
            try:
                reply: object = _answer(kind, items, texts, splitter)
            except Exception as e:
                reply = e
            conn.send(reply)
    except (EOFError, OSError):
        return


def _answer(kind: str, items: list, texts: deque[list[str]], splitter: Splitter) -> list:
    """A worker's reply to "read" (paths): each file's origin, article and hash, or the note
    that skips it (the writer has the paths: a Path is slow to unpickle); or to "split"
    (which texts of the oldest chunk read to split): their claim rows."""
    if kind == "split":
        todo = zip(texts.popleft(), items, strict=True)
        return [_rows(splitter, text) if new else [] for text, new in todo]
    reads = [_read(Path(p)) for p in items]
    texts.append([r.article.text if isinstance(r, _Read) else "" for r in reads])
    return [
        (r.origin, r.article, r.content_hash) if isinstance(r, _Read) else r.note for r in reads
    ]


def _exit_with(parent: int) -> None:
    """End this worker once the process that started it is gone (killed, say): an orphan
    would otherwise finish a long split for no one."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
