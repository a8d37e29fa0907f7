"""Work shared by two processes: blocks of ids taken from both ends, or a feed.

A job's blocks are written each to a file of their own: this process writes from the first
block up while a second one (`python -m workbench.parallel JOB`, on a connection of its
own) writes from the last one down, each taking a block by creating its file, until they
meet; the files, read in name order, hold the output in block order. Threads did not
help: SQLite's allocator is one lock for all the threads of a process.

What a block holds is a task's: a function named "module:function", called as
`task(db, params, low, high, counts)`, which returns the block's text and adds what it
counted to `counts` ({key: numbers}, added up key by key across the two processes).

A feed is one task run by the second process, which says a line whenever it has something
ready (a block of rows written to a file, say) for this process to take up at once: an
import's sheet is read there while the rows read so far are written here.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from workbench.errors import WorkbenchError
from workbench.storage import Database, history, open_db

T = TypeVar("T")
Counts = dict[int, list[int]]
Task = Callable[[Database, dict[str, Any], int, int, Counts], str]


@dataclass(frozen=True, slots=True)
class Job:
    """Blocks of `block_ids` ids from `low` to `high`, block k written by `task` (with
    `params`, JSON values) to the file named k (zero-padded) in `folder`, from the first
    block up, or from the last one down."""

    task: str
    params: dict[str, Any]
    block_ids: int
    low: int
    high: int
    folder: str
    downwards: bool = False
    state: tuple[int | None, ...] = ()  # history.state_mark as the first process read it


def write(db: Database, job: Job, first: Callable[[], T], *,
          shared: bool) -> tuple[Counts, T]:
    """Write the blocks of `job` and return what they counted, with a second process when
    `shared` (and the database is a file); `first` runs before this process takes a block
    (while the other starts), and what it gives is returned too. Every block is read from
    the state the database was in when this began: each process reads in one read
    transaction, and the second, which begins reading a moment later, writes no block if a
    change was saved in that moment (history.state_mark differs): this one writes them all."""
    if not shared or not db.path.is_file():
        with db.reading():
            before = first()
            return write_blocks(db, job), before
    with db.reading():
        job = replace(job, state=history.state_mark(db))  # and this state is held
        with _downwards(db, job) as theirs:
            before = first()
            counts = write_blocks(db, job)
    for key, numbers in theirs.items():
        mine = counts.setdefault(key, [0] * len(numbers))
        mine[:] = map(sum, zip(mine, numbers, strict=True))
    return counts, before


def write_blocks(db: Database, job: Job) -> Counts:
    """Write the blocks of `job` until one is taken (its file exists: another process
    wrote it), and return what those written counted."""
    module, name = job.task.split(":")
    task: Task = getattr(importlib.import_module(module), name)
    counts: Counts = {}
    starts = range(job.low, job.high + 1, job.block_ids)
    for k in reversed(range(len(starts))) if job.downwards else range(len(starts)):
        try:  # taking the block is creating its file
            taken = os.open(block_file(job, k), os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            break
        high = min(job.high, starts[k] + job.block_ids - 1)
        with open(taken, "w", encoding="utf-8", newline="\n") as out:
            out.write(task(db, job.params, starts[k], high, counts))
    return counts


def block_file(job: Job, k: int) -> str:
    """The file of block `k` of `job` (the names sort in block order)."""
    return os.path.join(job.folder, f"{k:09d}")


def read(folder: Path, *, by_line: bool = False) -> Iterator[str]:
    """The text of a job's blocks in block order, line by line or in large pieces."""
    for part in sorted(folder.iterdir()):
        with part.open(encoding="utf-8", newline="\n") as f:
            if by_line:
                yield from f
            else:
                while piece := f.read(1 << 20):
                    yield piece


def without_first_separator(pieces: Iterable[str]) -> Iterator[str]:
    """`pieces` of records that each begin with a one-character separator (so that blocks
    written apart join as they are), the first record's left out: the items of a list."""
    pieces = iter(pieces)
    for first in pieces:
        yield first[1:]
        break
    yield from pieces


@contextmanager
def _downwards(db: Database, job: Job) -> Iterator[Counts]:
    """write_blocks of `job` from the last block down, by `python -m workbench.parallel` on
    a connection of its own, while the `with` block runs (and writes from the first block
    up, till they meet); what it counted fills the dict yielded once the block ends."""
    spec = {"db": str(db.path), **asdict(replace(job, downwards=True))}
    theirs: Counts = {}
    with _second(spec) as child:
        try:
            yield theirs
        except BaseException:
            child.kill()
            raise
        out, err = child.communicate()
    _check(child, err)
    theirs.update((int(key), numbers) for key, numbers in json.loads(out).items())


@contextmanager
def fed(task: str, params: dict[str, Any]) -> Iterator[Iterator[str]]:
    """Run `task(params, say)` ("module:function") in a second process, `python -m
    workbench.parallel`, while the `with` block runs, and yield the lines it says, each as
    soon as it is said; should it fail, reading past its last line is a WorkbenchError.
    Leaving the block before the last line stops it."""
    with _second({"feed": task, "params": params}) as child:
        try:
            yield _said(child)
        finally:
            if child.poll() is None:  # left before its last line: its work is not wanted
                child.kill()


def _said(child: subprocess.Popen[str]) -> Iterator[str]:
    """The lines `child` writes, as they come; once they end, a WorkbenchError if it
    failed."""
    assert child.stdout is not None and child.stderr is not None
    for line in child.stdout:
        yield line.rstrip("\n")
    err = child.stderr.read()
    child.wait()
    _check(child, err)


def _second(spec: dict[str, Any]) -> subprocess.Popen[str]:
    """`python -m workbench.parallel SPEC`, running this workbench, its output piped."""
    package = str(Path(__file__).parents[1])  # the workbench this one is
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (package, os.environ.get("PYTHONPATH")) if p)}
    return subprocess.Popen([sys.executable, "-m", "workbench.parallel", json.dumps(spec)],
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _check(child: subprocess.Popen[str], err: str) -> None:
    """A WorkbenchError if the second process failed, with the last line it wrote."""
    if child.returncode:
        why = err.strip().splitlines()[-1] if err.strip() else f"exit {child.returncode}"
        raise WorkbenchError(f"the second process sharing the work failed ({why})")


def main(argv: list[str] | None = None) -> int:
    """`python -m workbench.parallel SPEC`. SPEC is JSON: "db" (the database's path) and
    the fields of a Job, whose blocks it writes, and then what they counted, as JSON, to
    stdout; or "feed" (a task, "module:function") and "params", for `fed`."""
    spec = json.loads((argv if argv is not None else sys.argv[1:])[0])
    if "feed" in spec:
        module, name = spec["feed"].split(":")
        getattr(importlib.import_module(module), name)(spec["params"], _say)
        return 0
    path = spec.pop("db")
    job = Job(**{**spec, "state": tuple(spec.get("state", ()))})
    with open_db(path, create=False) as db, db.reading():
        moved_on = job.state and history.state_mark(db) != job.state
        counts = {} if moved_on else write_blocks(db, job)
    sys.stdout.write(json.dumps(counts))  # json.dump encodes in Python: 0.4 s, not 0.01
    return 0


def _say(line: str) -> None:
    """Hand `line` to the process that started this one (see `fed`) at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
