"""The claims two sessions of one database both reviewed, paired by id and written by
SQLite a block of claim ids at a time: a diff's figures, and its CSV, JSON or text lines,
in one pass (verdicts.paired_block); a large diff's blocks are shared by two processes
(workbench.parallel).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from workbench import parallel
from workbench.model import Status
from workbench.parallel import Counts
from workbench.storage import Database, verdicts

T = TypeVar("T")
LABELS = tuple(s.value for s in Status if s is not Status.UNREVIEWED)
# The counts of an article: one per status pair, then how many differ in any field, how
# many have both confidences, the sum of |a - b| over those, and how many of A's verdicts
# and of B's are flagged for re-review.
PAIRS = len(LABELS) ** 2
COUNTS = PAIRS + 5
# The span of claim ids from which a second process shares the blocks (bench/diff.py: a
# million pairs as CSV in 4.9 s, not 9); below it, starting one costs more than it saves.
PARALLEL_FROM = 100_000
BLOCK_IDS = 10_000  # claim ids a statement of paired_block covers


def write(db: Database, a: int, b: int, kind: str, folder: Path, first: Callable[[], T], *,
          starts: Sequence[str] = (), escape: str = "", width: int = 0,
          changed: str = "changed") -> tuple[Counts, T]:
    """Write the output of the claims sessions `a` and `b` both reviewed as `kind` (see
    verdicts.paired_block, which takes `starts`, `escape`, `width` and `changed`) to
    files in `folder`, and return their counts per article ({article id: counts}) with
    what `first` gave (see parallel.write)."""
    span = verdicts.claim_span(db, a) or (1, 0)
    job = parallel.Job("workbench.compare.blocks:block", {
        "a": a, "b": b, "kind": kind, "starts": list(starts), "escape": escape,
        "width": width, "changed": changed}, BLOCK_IDS, *span, str(folder))
    return parallel.write(db, job, first, shared=span[1] - span[0] >= PARALLEL_FROM)


def block(db: Database, p: dict[str, Any], low: int, high: int, per: Counts) -> str:
    """A parallel task: the output of the claims with ids `low` to `high`, their figures
    added to `per`."""
    found = verdicts.paired_block(db, p["a"], p["b"], LABELS, p["kind"], low, high,
                                  starts=p["starts"], escape=p["escape"], width=p["width"],
                                  changed=p["changed"])
    if found is None:
        return ""
    _count(per, *found[1:])
    return found[0]


def _count(per: Counts, articles: str, codes: str, confidences: str) -> None:
    """Add a block of verdicts.paired_block to the counts per article."""
    at = 0
    for article, run in itertools.groupby(articles.split(",")):
        n = sum(1 for _ in run)
        counts = per.setdefault(int(article), [0] * COUNTS)
        for char, times in Counter(codes[at : at + n]).items():
            code = ord(char) - 65
            counts[code >> 3] += times
            counts[PAIRS] += times * (code & 1)
            counts[PAIRS + 3] += times * (code >> 1 & 1)
            counts[PAIRS + 4] += times * (code >> 2 & 1)
        both = confidences[at : at + n].replace(" ", "")
        counts[PAIRS + 1] += len(both)
        counts[PAIRS + 2] += sum(both.encode("latin-1")) - 48 * len(both)
        at += n
