"""The claims two sessions of one database both reviewed, paired by id and written by
SQLite a block of claim ids at a time: a diff's figures, and its CSV, JSON or text lines,
in one pass (verdicts.paired_block).

A large diff's blocks are shared by two processes: this one writes from the first block
up while `python -m workbench.compare.part` writes from the last one down, each taking a
block by creating its file, until they meet. Threads did not help: SQLite's allocator is
one lock for all the threads of a process.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TypeVar

from workbench.errors import WorkbenchError
from workbench.model import Status
from workbench.storage import Database, verdicts

T = TypeVar("T")
LABELS = tuple(s.value for s in Status if s is not Status.UNREVIEWED)
# The counts of an article: one per status pair, then how many differ in any field, how
# many have both confidences, and the sum of |a - b| over those.
PAIRS = len(LABELS) ** 2
# The span of claim ids from which a second process shares the blocks (bench/diff.py: a
# million pairs as CSV in 5.9 s, not 9); below it, starting one costs more than it saves.
PARALLEL_FROM = 100_000
BLOCK_IDS = 10_000  # claim ids a statement of paired_block covers

Counts = dict[int, list[int]]  # {article id: its counts}


@dataclass(frozen=True, slots=True)
class Part:
    """The claims paired by id of a one-database diff, to write as `kind` (with `starts`
    and `escape`, or `width` and `changed`, as verdicts.paired_block takes them) to
    `folder` in blocks of `block_ids` claim ids from `low` to `high`: block k to the file
    named k (zero-padded), from the first block up, or from the last one down."""

    a: int
    b: int
    kind: str
    starts: tuple[str, ...]
    escape: str
    width: int
    changed: str
    block_ids: int
    low: int
    high: int
    folder: str
    downwards: bool = False


def write(db: Database, part: Part, then: Callable[[], T]) -> tuple[Counts, T]:
    """Write the blocks of `part` and count them per article, with a second process from
    PARALLEL_FROM ids on; `then` runs once this process has no more blocks to take (while
    the other ends its last). Returns the counts and what `then` gave."""
    if part.high - part.low < PARALLEL_FROM or not db.path.is_file():
        per = write_blocks(db, part)
        return per, then()
    with _downwards(db, part) as theirs:
        per = write_blocks(db, part)
        after = then()
    for article, counts in theirs.items():
        mine = per.setdefault(article, [0] * len(counts))
        mine[:] = map(sum, zip(mine, counts, strict=True))
    return per, after


def write_blocks(db: Database, part: Part) -> Counts:
    """Write the blocks of `part` until one is taken (its file exists: another process
    wrote it), and return the counts per article of those written."""
    per: Counts = {}
    starts = range(part.low, part.high + 1, part.block_ids)
    for k in reversed(range(len(starts))) if part.downwards else range(len(starts)):
        try:  # taking the block is creating its file
            taken = os.open(block_file(part, k), os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            break
        with open(taken, "w", encoding="utf-8", newline="\n") as out:
            block = verdicts.paired_block(db, part.a, part.b, LABELS, part.kind, starts[k],
                                          min(part.high, starts[k] + part.block_ids - 1),
                                          starts=part.starts, escape=part.escape,
                                          width=part.width, changed=part.changed)
            if block is not None:
                out.write(block[0])
                _count(per, *block[1:])
    return per


def block_file(part: Part, k: int) -> str:
    """The file of block `k` of `part` (the names sort in block order)."""
    return os.path.join(part.folder, f"{k:09d}")


@contextmanager
def _downwards(db: Database, part: Part) -> Iterator[Counts]:
    """write_blocks of `part` from the last block down, by `python -m
    workbench.compare.part` on a connection of its own, while the `with` block runs (and
    writes from the first block up, till they meet); its counts per article fill the dict
    yielded once the block ends."""
    job = json.dumps({"db": str(db.path), **asdict(replace(part, downwards=True))})
    package = str(Path(__file__).parents[2])  # the workbench this one is
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (package, os.environ.get("PYTHONPATH")) if p)}
    theirs: Counts = {}
    with subprocess.Popen([sys.executable, "-m", "workbench.compare.part", job], env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as child:
        try:
            yield theirs
        except BaseException:
            child.kill()
            raise
        out, err = child.communicate()
    if child.returncode:
        why = err.strip().splitlines()[-1] if err.strip() else f"exit {child.returncode}"
        raise WorkbenchError(f"diff: the process writing its later blocks failed ({why})")
    theirs.update((int(article), counts) for article, counts in json.loads(out).items())


def _count(per: Counts, articles: str, codes: str, confidences: str) -> None:
    """Add a block of verdicts.paired_block to the counts per article."""
    at = 0
    for article, run in itertools.groupby(articles.split(",")):
        n = sum(1 for _ in run)
        counts = per.setdefault(int(article), [0] * (PAIRS + 3))
        for char, times in Counter(codes[at : at + n]).items():
            code = ord(char) - 65
            counts[code >> 1] += times
            counts[PAIRS] += times * (code & 1)
        both = confidences[at : at + n].replace(" ", "")
        counts[PAIRS + 1] += len(both)
        counts[PAIRS + 2] += sum(both.encode("latin-1")) - 48 * len(both)
        at += n
