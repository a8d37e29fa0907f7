"""Comparing two sessions claim by claim, with agreement figures overall and per article.

Claims pair by id (across two databases: by their article's text and their own); then,
for claims left over, through the alignment links of re-ingested articles
(claims.previous_claim_id); then by fuzzy text within the same article. Only reviewed
verdicts (status other than unreviewed) on claims not dropped take part. A verdict a
re-ingest carried to a reworded claim and flagged for re-review takes part as the
verdict of record, as export gives it, and is marked as such (`flagged`), with how many
each side has among the figures.

A claim of an article version older than the newest one either session reviewed, that
no claim of a newer version continues, was removed from the article: it is listed,
marked, and left out of the figures, as progress, export and adjudication leave it out.

Two sessions of one database pair by id in SQL, which also counts their figures per
article and writes the output of the claims so paired (those of current article
versions), a block of claim ids at a time (two processes share a large diff); only the
claims left over come to Python. A million reviewed claims a side diff in 3 to 7
seconds that way (bench/diff.py), where pairing a million rows in Python took 20.
"""

from __future__ import annotations

import heapq
import operator
import os
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench import parallel
from workbench.compare import blocks
from workbench.compare.agreement import Agreement, from_matrix
from workbench.compare.align import align
from workbench.compare.blocks import LABELS, PAIRS
from workbench.errors import WorkbenchError
from workbench.storage import Database, sessions, verdicts

# A side's row, as storage.verdicts.reviewed_rows yields it.
(ID, ARTICLE, ORIGIN, TITLE, TEXT, PREVIOUS, STATUS, CONFIDENCE, SOURCES, NOTES,
 NEEDS_REVIEW) = range(11)
VERDICT = slice(STATUS, NOTES + 1)  # the fields a reviewer sets: verdicts.VALUE_COLUMNS
Row = tuple[Any, ...]
Links = Callable[[Iterable[int]], dict[int, int]]
Continued = Callable[[Iterable[int]], set[int]]
Seen = tuple[str, int]  # (origin, article id) of a claim a side reviewed
Pair = tuple[Row, Row, str]  # A's row, B's, how they paired


@dataclass(frozen=True, slots=True)
class ClaimDiff:
    """One claim compared: both verdicts (None on a side that did not review it)."""

    change: str  # same, changed, only_a, only_b
    a: Row | None
    b: Row | None
    match: str = "id"  # id, version (aligned versions), text, "" (unmatched)
    version: str = ""  # edited (text differs between the paired claims), added, removed
    # The sides are two databases, so B's ids name other claims in A's; of a claim only B
    # reviewed, `id_in_a` is the same claim's id in A's database (None: A has no such claim).
    other_db: bool = False
    id_in_a: int | None = None

    @property
    def row(self) -> Row:
        """The side that names the article: B's (the newer, usually), else A's."""
        return self.b if self.b is not None else self.a  # type: ignore[return-value]

    @property
    def claim_id(self) -> int | None:
        """The claim's id in A's database: A's claim, else B's (one database), else the
        same claim of A's database, if it has one."""
        if self.a is not None:
            return self.a[ID]
        return self.id_in_a if self.other_db else self.b[ID]  # type: ignore[index]

    @property
    def claim_id_b(self) -> int | None:
        """B's claim where claim_id does not name it: paired, or in another database."""
        if self.b is None or (self.a is None and not self.other_db):
            return None
        return self.b[ID]

    @property
    def text(self) -> str:
        """The claim's text: A's, else B's."""
        return self._named[TEXT]

    @property
    def text_b(self) -> str:
        """B's text where it is not A's (an edited claim), else ""."""
        if self.a is None or self.b is None or self.b[TEXT] == self.a[TEXT]:
            return ""
        return self.b[TEXT]

    @property
    def differs(self) -> list[str]:
        """The fields (verdicts.VALUE_COLUMNS) both sides set differently."""
        if self.change != "changed":
            return []
        a, b = self.a, self.b
        return [f for i, f in enumerate(verdicts.VALUE_COLUMNS, STATUS)
                if a[i] != b[i]]  # type: ignore[index]

    @property
    def flagged(self) -> list[str]:
        """The sides ("a", "b") whose verdict is flagged for re-review: carried by a
        re-ingest to a reworded claim, not yet confirmed."""
        return [name for name, row in (("a", self.a), ("b", self.b))
                if row is not None and row[NEEDS_REVIEW]]

    @property
    def _named(self) -> Row:
        return self.a if self.a is not None else self.b  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """Agreement on one article (keyed by origin, so its versions count together)."""

    origin: str
    title: str
    agreement: Agreement
    mean_confidence_difference: float | None
    only_a: int
    only_b: int
    changed: int


class Figures:
    """A diff's figures: agreement, counts, per-article summaries. The summaries are worked
    out on first use: a diff as CSV shows none, and ten thousand articles' kappas took a
    twentieth of a million-claim diff."""

    __slots__ = ("_articles", "agreement", "counts", "mean_confidence_difference")

    def __init__(self, agreement: Agreement, mean_confidence_difference: float | None,
                 counts: dict[str, int],
                 articles: list[ArticleSummary] | Callable[[], list[ArticleSummary]]) -> None:
        self.agreement = agreement
        self.mean_confidence_difference = mean_confidence_difference
        self.counts = counts  # same, changed (changed_status, changed_other), only_a,
        # only_b; across article versions: edited, added, removed (not in the others);
        # flagged_a, flagged_b: verdicts flagged for re-review among those compared
        self._articles = articles

    @property
    def articles(self) -> list[ArticleSummary]:
        """Agreement per article, the least agreed first."""
        if callable(self._articles):
            self._articles = self._articles()
        return self._articles


class DiffResult:
    """Two sessions compared: `claims` in claim order (in a one-database diff, read from
    the database when walked), and the figures, counted on first use unless a pass that
    writes the claims (claim_output) counted them already."""

    __slots__ = ("_figures", "a", "b", "claims")

    def __init__(self, a: str, b: str, claims: Iterable[ClaimDiff],
                 figures: Figures | Callable[[], Figures]) -> None:
        self.a, self.b, self.claims = a, b, claims
        self._figures = figures

    @property
    def figures(self) -> Figures:
        if not isinstance(self._figures, Figures):
            self._figures = self._figures()
        return self._figures

    @property
    def agreement(self) -> Agreement:
        return self.figures.agreement

    @property
    def mean_confidence_difference(self) -> float | None:
        return self.figures.mean_confidence_difference

    @property
    def counts(self) -> dict[str, int]:
        return self.figures.counts

    @property
    def articles(self) -> list[ArticleSummary]:
        return self.figures.articles

    @property
    def differs(self) -> bool:
        return any(self.counts[k] for k in ("changed", "only_a", "only_b"))


def diff_sessions(db_a: Database, name_a: str, db_b: Database, name_b: str,
                  *, label_a: str | None = None, label_b: str | None = None) -> DiffResult:
    """Compare session `name_a` (in db_a) with `name_b` (in db_b, which may be db_a)."""
    sa = sessions.require(db_a, name_a)
    sb = sessions.require(db_b, name_b)
    a, b = label_a or name_a, label_b or name_b
    if sa["id"] == sb["id"] and (db_a is db_b or os.path.samefile(db_a.path, db_b.path)):
        raise WorkbenchError("diff two different sessions")
    if db_a is not db_b:
        rows = list(verdicts.live_rows(db_a, sa["id"])), list(verdicts.live_rows(db_b, sb["id"]))
        return _result(*rows, a, b, _TwoDatabases((db_a, db_b), rows))
    claims = _PairedClaims(db_a, sa["id"], sb["id"])
    return DiffResult(a, b, claims, claims.figures)


class _PairedClaims:
    """The claims of a one-database diff: those paired by id streamed from SQL, merged in
    claim order with the few paired or left over in Python (`extra`, found by a pass)."""

    def __init__(self, db: Database, a: int, b: int) -> None:
        self.db, self.a, self.b = db, a, b
        self.extra: list[ClaimDiff] = []
        self.counted: Figures | None = None

    def figures(self) -> Figures:
        """The figures, counted in a pass over the claims (see run) unless one that wrote
        them counted them already."""
        if self.counted is None:
            with tempfile.TemporaryDirectory(prefix="workbench-diff-") as folder:
                self.run("figures", Path(folder))
        assert self.counted is not None
        return self.counted

    def __iter__(self) -> Iterator[ClaimDiff]:
        rows = verdicts.paired_rows(self.db, self.a, self.b)
        return self._merged((_claim(r[:11], r[:6] + r[11:], "id") for r in rows), None)

    def differing(self) -> Iterator[ClaimDiff]:
        """The claims that differ or pair across versions: SQL hands over only those."""
        rows = verdicts.paired_rows(self.db, self.a, self.b, differing=True)
        return self._merged((_claim(r[:11], r[:6] + r[11:], "id") for r in rows), _differs)

    def _merged(self, by_id: Iterator[ClaimDiff],
                only: Callable[[ClaimDiff], bool] | None) -> Iterator[ClaimDiff]:
        self.figures()  # and the claims left over
        extra = [c for c in self.extra if only is None or only(c)]
        return heapq.merge(by_id, extra, key=_order) if extra else by_id

    def run(self, kind: str, folder: Path, *, starts: Sequence[str] = (), escape: str = "",
            width: int = 0, changed: str = "changed") -> None:
        """Write the output of the claims paired by id (verdicts.paired_block of `kind`; for
        "figures", none) to files in `folder`, a block of claim ids each, counting the
        figures as they go (blocks.write: two processes share a large diff). Then the
        claims left over are paired in Python, and the figures set: all read from one
        state of the database (in this process; see parallel.write)."""
        with self.db.reading():
            per, reviewed = blocks.write(self.db, self.a, self.b, kind, folder,
                                         self._reviewed, starts=starts, escape=escape,
                                         width=width, changed=changed)
            names = verdicts.article_names(self.db, per)
            groups = []
            paired = 0
            for article in sorted(per):  # as SQLite groups them
                counts, (origin, title) = per[article], names[article]
                paired += sum(counts[:PAIRS])
                groups.append((origin, article, title, counts[:PAIRS],
                               counts[PAIRS], float(counts[PAIRS + 2]), counts[PAIRS + 1],
                               counts[PAIRS + 3], counts[PAIRS + 4]))
            self._settle(groups, paired, reviewed)

    def _reviewed(self) -> tuple[int, int]:
        """How many claims each session reviewed."""
        return sessions.count_reviewed(self.db, self.a), sessions.count_reviewed(self.db, self.b)

    def _settle(self, groups: list[tuple[str, int, str, list[int], int, float, int, int,
                                         int]], paired: int, reviewed: tuple[int, int]) -> None:
        """The figures from the claims paired by id, counted per article (`groups`, in
        article order) with the claims left over, which are paired here (`reviewed`: how
        many claims each session reviewed, to know if any are left)."""
        tally = _Tally()
        for group in groups:
            tally.add_group(*group)
        seen = [(origin, article) for origin, article, *_rest in groups]
        db, a, b = self.db, self.a, self.b
        rest_a = list(verdicts.unpaired_rows(db, a, b)) if reviewed[0] > paired else []
        rest_b = list(verdicts.unpaired_rows(db, b, a)) if reviewed[1] > paired else []
        self.extra = _pair_rest(rest_a, rest_b, _OneDatabase(
            lambda ids: verdicts.previous_links(db, ids),
            lambda ids: verdicts.continued(db, ids)), seen, seen)
        for c in self.extra:
            tally.add(c)
        self.counted = tally.figures()


def _differs(c: ClaimDiff) -> bool:
    return c.change != "same" or bool(c.version)


@contextmanager
def claim_output(result: DiffResult, kind: str, line: Callable[[ClaimDiff], str], *,
                 starts: Sequence[str] = (), escape: str = "", width: int = 0,
                 changed: str = "changed") -> Iterator[Iterable[str]]:
    """The result's claims as `line` writes each, in claim order: every claim for `kind`
    "csv" or "json", only those that differ or pair across article versions for "text";
    the result's figures are known when the block begins. In a one-database diff the
    claims paired by id are written by SQLite (see verdicts.paired_block: the diff CSV
    line with formula starts `starts` escaped by `escape`, the JSON of a claim, or the
    text line of a claim that differs, its text cut to `width` and its change shown as
    `changed`; a test checks them against `line`) in the pass that counts the figures
    too, waiting in temporary files until it ends. Pieces of "csv" and "json" end
    anywhere (a JSON claim is ",\n  " and its object); of "text", each is one line,
    "\n" at its end."""
    claims = result.claims
    if not isinstance(claims, _PairedClaims):
        yield (line(c) for c in claims if kind != "text" or _differs(c))
        return
    with tempfile.TemporaryDirectory(prefix="workbench-diff-") as folder:
        claims.run(kind, Path(folder), starts=starts, escape=escape, width=width,
                   changed=changed)
        if claims.extra:  # rare: read the pairs again, merged with the claims left over
            yield (_merged_output(claims, kind, line, starts, escape) if kind != "text"
                   else (line(c) for c in claims.differing()))
            return
        yield parallel.read(Path(folder), by_line=kind == "text")


def _merged_output(claims: _PairedClaims, kind: str, line: Callable[[ClaimDiff], str],
                   starts: Sequence[str], escape: str) -> Iterator[str]:
    """The lines of a pass over the pairs, merged in claim order with the claims left
    over (a second pass: the first found those)."""
    paired = ((claim_id, claim_id, out) for claim_id, out in verdicts.paired_stream(
        claims.db, claims.a, claims.b, kind, starts=starts, escape=escape))
    extra = ((*_order(c), line(c)) for c in claims.extra)
    return (text for *_key, text in heapq.merge(paired, extra, key=_key))


def _key(item: tuple[int, int, str]) -> tuple[int, int]:
    return item[0], item[1]


def _order(c: ClaimDiff) -> tuple[int, int]:
    """claim_id (claims A's database lacks last), then the id of the claim of `row`."""
    a, b = c.a, c.b
    if a is not None:
        return a[ID], (b or a)[ID]
    if c.other_db:
        return (c.id_in_a if c.id_in_a is not None else sys.maxsize), b[ID]  # type: ignore[index]
    return b[ID], b[ID]  # type: ignore[index]


def compare_rows(rows_a: Iterable[Row], rows_b: Iterable[Row], a: str = "a", b: str = "b", *,
                 links: Links | None = None, continued: Continued | None = None) -> DiffResult:
    """The diff of two sessions' reviewed rows of one database (pure: `links` and
    `continued` look up version links, as verdicts.previous_links and verdicts.continued).

    A verdict on a claim that a newer version's claim continues, in the same session,
    is superseded by it and left out."""
    return _result(_current(rows_a), _current(rows_b), a, b, _OneDatabase(links, continued))


def _result(rows_a: list[Row], rows_b: list[Row], a: str, b: str,
            frame: _OneDatabase) -> DiffResult:
    """The diff of two sides' rows, all paired in Python."""
    claims = _pair_rest(rows_a, rows_b, frame)
    tally = _Tally()
    for c in claims:
        tally.add(c)
    return DiffResult(a, b, claims, tally.figures())


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


class _OneDatabase:
    """Both sides in one database: a claim is named by its id, and article versions are
    ordered by id. `links` and `continued` as compare_rows takes them."""

    same_db = True

    def __init__(self, links: Links | None = None, continued: Continued | None = None) -> None:
        self._links, self._continued = links, continued

    def key(self, side: int) -> Callable[[Row], Hashable]:
        """What names a side's claim on both sides."""
        return _ID

    def links(self, side: int, ids: Iterable[int]) -> dict[int, int]:
        """{claim: the claim of the previous version it continues} of a side's claims."""
        return self._links(ids) if self._links else {}

    def keys(self, side: int, ids: Iterable[int]) -> dict[int, Hashable]:
        """{claim: its key} of a side's claims."""
        return {i: i for i in ids}

    def continued(self, side: int, rows: list[Row]) -> set[int]:
        """The ids of those of a side's `rows` that a claim of a newer version continues."""
        return self._continued([r[ID] for r in rows]) if self._continued and rows else set()

    def twins(self, side: int, rows: list[Row]) -> dict[int, int]:
        """{claim: the same claim in the other side's database} of those of a side's `rows`
        that database holds, when it is another database."""
        return {}

    def order(self, side: int, article: int, other: int, other_article: int) -> int | None:
        """-1, 0 or 1 as side `side`'s article is an older version than side `other`'s, the
        same or a newer one; None when no database tells."""
        return _sign(article - other_article)


_ID = operator.itemgetter(ID)


class _TwoDatabases(_OneDatabase):
    """Each side in its own database, ids of one naming nothing in the other: a claim is
    named by its article's text (content hash) and its own text; two article versions
    compare in a database that holds both. `rows`: each side's rows (verdicts.live_rows)."""

    same_db = False

    def __init__(self, dbs: tuple[Database, Database],
                 rows: tuple[list[Row], list[Row]]) -> None:
        super().__init__()
        self.dbs = dbs
        self.hashes = tuple(verdicts.article_hashes(db, {r[ARTICLE] for r in side})
                            for db, side in zip(dbs, rows, strict=True))
        self._placed: dict[tuple[int, str], int | None] = {}

    def key(self, side: int) -> Callable[[Row], Hashable]:
        hashes = self.hashes[side]
        return lambda r: (hashes[r[ARTICLE]], r[TEXT])

    def links(self, side: int, ids: Iterable[int]) -> dict[int, int]:
        return verdicts.previous_links(self.dbs[side], ids)

    def keys(self, side: int, ids: Iterable[int]) -> dict[int, Hashable]:
        return dict(verdicts.claim_keys(self.dbs[side], ids))

    def continued(self, side: int, rows: list[Row]) -> set[int]:
        """Continued in their own database or, the same claim, in the other's."""
        if not rows:
            return set()
        other, key = self.dbs[1 - side], self.key(side)
        there = verdicts.claims_by_key(other, set(map(key, rows)))
        later = verdicts.continued(other, there.values())
        return verdicts.continued(self.dbs[side], [r[ID] for r in rows]) | {
            r[ID] for r in rows if there.get(key(r)) in later}

    def twins(self, side: int, rows: list[Row]) -> dict[int, int]:
        if not rows:
            return {}
        key = self.key(side)
        there = verdicts.claims_by_key(self.dbs[1 - side], set(map(key, rows)))
        return {r[ID]: there[key(r)] for r in rows if key(r) in there}

    def order(self, side: int, article: int, other: int, other_article: int) -> int | None:
        if side == other:
            return _sign(article - other_article)
        mine, theirs = self.hashes[side][article], self.hashes[other][other_article]
        if mine == theirs:
            return 0
        here = self._place(side, theirs)
        if here is not None:
            return _sign(article - here)
        there = self._place(other, mine)
        return None if there is None else _sign(there - other_article)

    def _place(self, side: int, content_hash: str) -> int | None:
        """The id of the article with that text in side `side`'s database, if any."""
        if (side, content_hash) not in self._placed:
            self._placed[side, content_hash] = verdicts.articles_by_hash(
                self.dbs[side], [content_hash]).get(content_hash)
        return self._placed[side, content_hash]


def _pair_rest(rest_a: list[Row], rest_b: list[Row], frame: _OneDatabase,
               seen_a: Iterable[Seen] = (), seen_b: Iterable[Seen] = ()) -> list[ClaimDiff]:
    """Claims the pairing in SQL left (all, in Python): paired by key (see frame), through
    version links, then by text, the rest one side's only; in claim order. `seen_a` and
    `seen_b` hold the (origin, article) of the claims paired in SQL on each side: with the
    rest they tell the newest version of each article a side reviewed."""
    if not rest_a and not rest_b:
        return []
    pairs: list[Pair] = []
    rest_a, rest_b = _pair_by_key(rest_a, rest_b, frame, pairs)
    twins_b = frame.twins(1, rest_b)  # B's claims A's database holds too (see below)
    if rest_a and rest_b:
        rest_a, rest_b = _pair_by_links(rest_a, rest_b, frame, pairs)
    if rest_a and rest_b:
        # In two databases, a claim whose very text the other database holds is that claim,
        # which the other side left unreviewed: never paired with another by its likeness.
        twins_a = frame.twins(0, rest_a)
        fuzzy_a = [r for r in rest_a if r[ID] not in twins_a]
        fuzzy_b = [r for r in rest_b if r[ID] not in twins_b]
        left_a, left_b = _pair_by_text(fuzzy_a, fuzzy_b, pairs, same_db=frame.same_db)
        rest_a = [r for r in rest_a if r[ID] in twins_a] + left_a
        rest_b = [r for r in rest_b if r[ID] in twins_b] + left_b
    sides = [p[0] for p in pairs] + rest_a, [p[1] for p in pairs] + rest_b
    versions = _Versions(frame, (_seen(seen_a, sides[0]), _seen(seen_b, sides[1])))
    gone = versions.removed(0, sides[0]), versions.removed(1, sides[1])
    claims = [_claim(ra, rb, m, ra[ID] in gone[0] and rb[ID] in gone[1]) for ra, rb, m in pairs]
    claims.extend(ClaimDiff("only_a", r, None, "", versions.label(0, r, gone[0]))
                  for r in rest_a)
    claims.extend(ClaimDiff("only_b", None, r, "", versions.label(1, r, gone[1]),
                            not frame.same_db, twins_b.get(r[ID])) for r in rest_b)
    claims.sort(key=_order)
    return claims


def _current(rows: Iterable[Row]) -> list[Row]:
    rows = list(rows)
    superseded = {r[PREVIOUS] for r in rows if r[PREVIOUS] is not None}
    return [r for r in rows if r[ID] not in superseded] if superseded else rows


def _claim(ra: Row, rb: Row, match: str, removed: bool = False) -> ClaimDiff:
    same = ra[VERDICT] == rb[VERDICT]
    edited = "edited" if match != "id" and ra[TEXT] != rb[TEXT] else ""
    return ClaimDiff("same" if same else "changed", ra, rb, match,
                     "removed" if removed else edited)


def _seen(seen: Iterable[Seen], rows: list[Row]) -> set[Seen]:
    """The (origin, article) of a side's claims: `seen`, and those of `rows`."""
    return {*seen, *map(_SEEN, rows)}


_SEEN = operator.itemgetter(ORIGIN, ARTICLE)


class _Versions:
    """The newest version of each article (origin) each side reviewed, from the (origin,
    article) of its claims (`seen`, a set a side)."""

    def __init__(self, frame: _OneDatabase, seen: tuple[set[Seen], set[Seen]]) -> None:
        self.frame, self.seen = frame, seen
        self.newest = tuple(_newest(side) for side in seen)
        self._known: dict[tuple[int, int, int], int | None] = {}

    def removed(self, side: int, rows: list[Row]) -> set[int]:
        """The ids of those of a side's `rows` removed from their article: of a version
        older than the newest either side reviewed, and continued by no newer claim."""
        old = {article for origin, article in self.seen[side]
               if any(self._compared(side, origin, article, other) == -1
                      for other in (side, 1 - side))}
        older = [r for r in rows if r[ARTICLE] in old] if old else []
        return {r[ID] for r in older} - self.frame.continued(side, older)

    def label(self, side: int, r: Row, removed: set[int]) -> str:
        """A claim one side reviewed: `removed` (see removed), `added` when the other side
        reviewed an older version of its article and it continues no claim, else ""."""
        if r[ID] in removed:
            return "removed"
        newer = self._compared(side, r[ORIGIN], r[ARTICLE], 1 - side) == 1
        return "added" if newer and r[PREVIOUS] is None else ""

    def _compared(self, side: int, origin: str, article: int, other: int) -> int | None:
        """How a side's article compares with the newest version of it side `other`
        reviewed (asked once an article)."""
        key = (side, article, other)
        if key not in self._known:
            newest = self.newest[other].get(origin)
            self._known[key] = (None if newest is None
                                else self.frame.order(side, article, other, newest))
        return self._known[key]


def _newest(seen: Iterable[Seen]) -> dict[str, int]:
    """The newest article version each origin has on one side."""
    newest: dict[str, int] = {}
    for origin, article in seen:
        if article > newest.get(origin, -1):
            newest[origin] = article
    return newest


def _pair_by_key(rest_a: list[Row], rest_b: list[Row], frame: _OneDatabase,
                 out: list[Pair]) -> tuple[list[Row], list[Row]]:
    """Pair the claims both sides name alike (see frame.key): those of one id first (in
    one database, or two where one is a copy of the other), then, in two, the others by
    key, in claim order where two claims of a side have one."""
    key_a, key_b = frame.key(0), frame.key(1)
    waiting = dict(zip(map(_ID, rest_a), rest_a, strict=True))
    left_b = []
    for rb in rest_b:
        ra = waiting.get(rb[ID])
        if ra is not None and (frame.same_db or key_a(ra) == key_b(rb)):
            del waiting[rb[ID]]
            out.append((ra, rb, "id"))
        else:
            left_b.append(rb)
    if frame.same_db or not waiting or not left_b:
        return list(waiting.values()), left_b
    named: dict[Hashable, list[Row]] = defaultdict(list)
    for ra in waiting.values():
        named[key_a(ra)].append(ra)
    rest_b, left_b = left_b, []
    for rb in rest_b:
        alike = named.get(key_b(rb))
        if alike:
            ra = alike.pop(0)
            del waiting[ra[ID]]
            out.append((ra, rb, "text"))
        else:
            left_b.append(rb)
    return list(waiting.values()), left_b


def _pair_by_links(rest_a: list[Row], rest_b: list[Row], frame: _OneDatabase,
                   out: list[Pair]) -> tuple[list[Row], list[Row]]:
    """Pair claims that descend from one another through article versions: B's with
    their nearest ancestor A has, then A's left with theirs B has."""
    free = ({r[ID]: r for r in rest_a}, {r[ID]: r for r in rest_b})
    for side in (1, 0):
        mine, theirs = free[side], free[1 - side]
        named: dict[Hashable, list[int]] = defaultdict(list)
        key = frame.key(1 - side)
        for r in theirs.values():
            named[key(r)].append(r[ID])
        for claim_id, keys in _ancestry(frame, side, list(mine)).items():
            found = next((i for k in keys for i in named.get(k, ()) if i in theirs), None)
            if found is not None:
                r, other = mine.pop(claim_id), theirs.pop(found)
                out.append((other, r, "version") if side else (r, other, "version"))
    return list(free[0].values()), list(free[1].values())


def _ancestry(frame: _OneDatabase, side: int, ids: list[int]) -> dict[int, list[Hashable]]:
    """{claim: the keys of the claims of earlier versions it descends from, nearest
    first} for those of a side's claims `ids` that have any."""
    prev: dict[int, int] = {}
    frontier = set(ids)
    for _ in range(100):  # at most this many versions back
        found = frame.links(side, frontier)
        prev.update(found)
        frontier = {p for p in found.values() if p not in prev}
        if not frontier:
            break
    if not prev:
        return {}
    keys = frame.keys(side, set(prev.values()))
    lines = {}
    for claim_id in ids:
        line, at, seen = [], claim_id, set()
        while at in prev and at not in seen:
            seen.add(at)
            at = prev[at]
            if at in keys:
                line.append(keys[at])
        if line:
            lines[claim_id] = line
    return lines


def _pair_by_text(rest_a: list[Row], rest_b: list[Row], out: list[Pair],
                  *, same_db: bool) -> tuple[list[Row], list[Row]]:
    """Pair leftover claims of the same article (origin) by fuzzy text. In one database,
    two claims of the same article version are different claims, so only claims of
    different versions pair."""
    groups_a: dict[str, dict[int, list[Row]]] = defaultdict(lambda: defaultdict(list))
    groups_b: dict[str, dict[int, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for r in rest_a:
        groups_a[r[ORIGIN]][r[ARTICLE]].append(r)
    for r in rest_b:
        groups_b[r[ORIGIN]][r[ARTICLE]].append(r)
    for origin, versions_a in groups_a.items():
        versions_b = groups_b.get(origin)
        if not versions_b:
            continue
        for art_a, ga in versions_a.items():
            for art_b, gb in versions_b.items():
                if (same_db and art_a == art_b) or not ga or not gb:
                    continue
                pairs = align([r[TEXT] for r in ga], [r[TEXT] for r in gb])
                out.extend((ga[p.old], gb[p.new], "text") for p in pairs)
                used_a = {p.old for p in pairs}
                used_b = {p.new for p in pairs}
                ga[:] = [r for i, r in enumerate(ga) if i not in used_a]
                gb[:] = [r for i, r in enumerate(gb) if i not in used_b]
    left_a = [r for versions in groups_a.values() for g in versions.values() for r in g]
    left_b = [r for versions in groups_b.values() for g in versions.values() for r in g]
    return left_a, left_b


_LABEL = {label: i for i, label in enumerate(LABELS)}


def _pair(status_a: str, status_b: str) -> int:
    """Where a pair of statuses is counted among an article's PAIRS counts: len(LABELS) * i
    + j for status_a = LABELS[i] and status_b = LABELS[j] (a status not in LABELS counts
    as the last one), as verdicts.paired_block codes it."""
    last = len(LABELS) - 1
    return _LABEL.get(status_a, last) * len(LABELS) + _LABEL.get(status_b, last)


def _agreement(pairs: list[int]) -> Agreement:
    """The agreement figures of PAIRS counts."""
    k = len(LABELS)
    return from_matrix(LABELS, [pairs[i * k : (i + 1) * k] for i in range(k)])


@dataclass(slots=True)
class _Article:
    """Figures of one article (origin) as they add up."""

    article: int  # the newest version seen, whose title names it
    title: str
    pairs: list[int] = field(default_factory=lambda: [0] * PAIRS)  # see _pair
    conf_total: float = 0.0
    conf_n: int = 0
    only_a: int = 0
    only_b: int = 0
    changed: int = 0


class _Tally:
    """Counts, status pairs and confidence differences, overall and per article."""

    def __init__(self) -> None:
        self.counts = Counter({k: 0 for k in (
            "same", "changed", "changed_status", "changed_other", "only_a", "only_b",
            "edited", "added", "removed", "flagged_a", "flagged_b")})
        self.per: dict[str, _Article] = {}

    def _article(self, origin: str, article: int, title: str) -> _Article:
        entry = self.per.get(origin)
        if entry is None:
            entry = self.per[origin] = _Article(article, title)
        elif article > entry.article:
            entry.article, entry.title = article, title
        return entry

    def add_group(self, origin: str, article: int, title: str, pairs: list[int],
                  changed: int, conf_total: float, conf_n: int, flagged_a: int = 0,
                  flagged_b: int = 0) -> None:
        """Claims of one article paired by id, counted already (`pairs` as _pair)."""
        entry = self._article(origin, article, title)
        self.counts["same"] += sum(pairs) - changed
        self.counts["changed"] += changed
        self.counts["flagged_a"] += flagged_a
        self.counts["flagged_b"] += flagged_b
        entry.pairs[:] = map(operator.add, entry.pairs, pairs)
        entry.changed += changed
        entry.conf_total += conf_total
        entry.conf_n += conf_n

    def add(self, c: ClaimDiff) -> None:
        """One compared claim; one removed from its article is only counted so."""
        row = c.row
        if c.version:
            self.counts[c.version] += 1
            if c.version == "removed":
                return
        entry = self._article(row[ORIGIN], row[ARTICLE], row[TITLE])
        for side in c.flagged:
            self.counts["flagged_" + side] += 1
        if c.a is None or c.b is None:
            self.counts[c.change] += 1
            if c.a is None:
                entry.only_b += 1
            else:
                entry.only_a += 1
            return
        ca, cb = c.a[CONFIDENCE], c.b[CONFIDENCE]
        both = ca is not None and cb is not None
        pairs = [0] * PAIRS
        pairs[_pair(c.a[STATUS], c.b[STATUS])] = 1
        self.add_group(row[ORIGIN], row[ARTICLE], row[TITLE], pairs, c.change == "changed",
                       abs(ca - cb) if both else 0, both)

    def figures(self) -> Figures:
        pairs = [0] * PAIRS
        conf_total = conf_n = 0.0
        for e in self.per.values():
            conf_total += e.conf_total
            conf_n += e.conf_n
        if self.per:
            pairs = list(map(sum, zip(*(e.pairs for e in self.per.values()), strict=True)))
        agreement = _agreement(pairs)
        counts = dict(self.counts)  # changed: in status, or in other fields only
        counts["changed_status"] = agreement.n - agreement.agreed
        counts["changed_other"] = counts["changed"] - counts["changed_status"]
        return Figures(agreement, conf_total / conf_n if conf_n else None, counts,
                       self._articles)

    def _articles(self) -> list[ArticleSummary]:
        articles = [
            ArticleSummary(origin, e.title, _agreement(e.pairs),
                           e.conf_total / e.conf_n if e.conf_n else None, e.only_a, e.only_b,
                           e.changed)
            for origin, e in self.per.items()
        ]
        articles.sort(key=lambda s: (s.agreement.observed if s.agreement.observed is not None
                                     else 2.0, -(s.only_a + s.only_b), s.title))
        return articles
