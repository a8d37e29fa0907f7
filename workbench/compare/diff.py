"""Comparing two sessions claim by claim, with agreement figures overall and per article.

Claims pair by id; then, for claims left over, through the alignment links of
re-ingested articles (claims.previous_claim_id); then by fuzzy text within the
same article. Only reviewed verdicts (status other than unreviewed) take part.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from workbench.compare.agreement import Agreement, from_counts
from workbench.compare.align import align
from workbench.model import Status
from workbench.storage import Database, sessions, verdicts

LABELS = tuple(s.value for s in Status if s is not Status.UNREVIEWED)
# A side's row, as storage.verdicts.reviewed_rows yields it.
ID, ARTICLE, ORIGIN, TITLE, TEXT, PREVIOUS, STATUS, CONFIDENCE, SOURCES, NOTES = range(10)
Row = tuple[Any, ...]
Links = Callable[[Iterable[int]], dict[int, int]]
Continued = Callable[[Iterable[int]], set[int]]


@dataclass(frozen=True, slots=True)
class ClaimDiff:
    """One claim compared: both verdicts (None on a side that did not review it)."""

    change: str  # same, changed, only_a, only_b
    a: Row | None
    b: Row | None
    match: str = "id"  # id, version (aligned versions), text (fuzzy), "" (unmatched)
    version: str = ""  # edited (text differs between the paired claims), added, removed

    @property
    def row(self) -> Row:
        """The side that names the claim: B's (the newer, usually), else A's."""
        return self.b if self.b is not None else self.a  # type: ignore[return-value]

    @property
    def claim_id(self) -> int:
        return (self.a if self.a is not None else self.b)[ID]  # type: ignore[index]

    @property
    def text(self) -> str:
        return self.row[TEXT]


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


@dataclass(frozen=True, slots=True)
class DiffResult:
    """Two sessions compared."""

    a: str
    b: str
    claims: list[ClaimDiff]
    agreement: Agreement
    mean_confidence_difference: float | None
    counts: dict[str, int]  # same, changed, only_a, only_b, edited, added, removed
    articles: list[ArticleSummary] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return any(self.counts[k] for k in ("changed", "only_a", "only_b"))

    def disagreements(self) -> list[ClaimDiff]:
        """Every claim that is not the same in both sessions."""
        return [c for c in self.claims if c.change != "same"]


def diff_sessions(db_a: Database, name_a: str, db_b: Database, name_b: str,
                  *, label_a: str | None = None, label_b: str | None = None) -> DiffResult:
    """Compare session `name_a` (in db_a) with `name_b` (in db_b, which may be db_a)."""
    sa = sessions.require(db_a, name_a)
    sb = sessions.require(db_b, name_b)
    same_db = db_a is db_b
    links: Links | None = None
    continued: Continued | None = None
    if same_db:
        links = lambda ids: verdicts.previous_links(db_a, ids)  # noqa: E731
        continued = lambda ids: verdicts.continued(db_a, ids)  # noqa: E731
    return compare_rows(
        verdicts.reviewed_rows(db_a, sa["id"]), verdicts.reviewed_rows(db_b, sb["id"]),
        label_a or name_a, label_b or name_b, same_db=same_db, links=links,
        continued=continued,
    )


def compare_rows(rows_a: Iterable[Row], rows_b: Iterable[Row], a: str = "a", b: str = "b", *,
                 same_db: bool = True, links: Links | None = None,
                 continued: Continued | None = None) -> DiffResult:
    """The diff of two sides' reviewed rows (pure: `links` looks up version links).

    A verdict on a claim that a newer version's claim continues, in the same session,
    is superseded by it and left out."""
    rows_a, rows_b = _current(rows_a), _current(rows_b)
    by_id = {r[ID]: r for r in rows_a}
    paired: list[tuple[Row, Row, str]] = []
    rest_b: list[Row] = []
    rest_a: list[Row] = []
    pop = by_id.pop
    for rb in rows_b:
        ra = pop(rb[ID], None)
        if ra is None:
            rest_b.append(rb)
        elif same_db or ra[TEXT] == rb[TEXT]:
            paired.append((ra, rb, "id"))
        else:
            rest_a.append(ra)
            rest_b.append(rb)
    rest_a.extend(by_id.values())
    extra: list[tuple[Row, Row, str]] = []
    if rest_a and rest_b and links is not None:
        rest_a, rest_b = _pair_by_links(rest_a, rest_b, links, extra)
    if rest_a and rest_b:
        rest_a, rest_b = _pair_by_text(rest_a, rest_b, extra, same_db=same_db)
    claims = [_claim(ra, rb, m) for ra, rb, m in paired]
    if extra or rest_a or rest_b:
        origins_a = _newest((ra for ra, _rb, _m in paired + extra), rest_a)
        origins_b = _newest((rb for _ra, rb, _m in paired + extra), rest_b)
        claims.extend(_claim(ra, rb, m) for ra, rb, m in extra)
        kept = continued([r[ID] for r in rest_a + rest_b]) if continued else set()
        claims.extend(ClaimDiff("only_a", r, None, "", _version(r, origins_b, kept))
                      for r in rest_a)
        claims.extend(ClaimDiff("only_b", None, r, "", _version(r, origins_a, kept))
                      for r in rest_b)
        claims.sort(key=lambda c: (c.claim_id, c.row[ID]))
    return _summarise(a, b, claims)


def _current(rows: Iterable[Row]) -> list[Row]:
    rows = list(rows)
    superseded = {r[PREVIOUS] for r in rows if r[PREVIOUS] is not None}
    return [r for r in rows if r[ID] not in superseded] if superseded else rows


def _newest(*groups: Iterable[Row]) -> dict[str, int]:
    """The newest article version each origin has on one side."""
    newest: dict[str, int] = {}
    for group in groups:
        for r in group:
            if r[ARTICLE] > newest.get(r[ORIGIN], -1):
                newest[r[ORIGIN]] = r[ARTICLE]
    return newest


def _claim(ra: Row, rb: Row, match: str) -> ClaimDiff:
    same = ra[STATUS:] == rb[STATUS:]
    edited = "edited" if match != "id" and ra[TEXT] != rb[TEXT] else ""
    return ClaimDiff("same" if same else "changed", ra, rb, match, edited)


def _version(r: Row, other_side: dict[str, int], continued: set[int]) -> str:
    """For a claim one side reviewed: `removed` when the other side reviewed a newer
    version of its article that has no continuation of it, `added` when the other side
    reviewed an older version and this claim continues none of its claims."""
    other = other_side.get(r[ORIGIN])
    if other is None or other == r[ARTICLE]:
        return ""
    if other > r[ARTICLE]:
        return "" if r[ID] in continued else "removed"
    return "added" if r[PREVIOUS] is None else ""


def _pair_by_links(rest_a: list[Row], rest_b: list[Row], links: Links,
                   out: list[tuple[Row, Row, str]]) -> tuple[list[Row], list[Row]]:
    """Pair claims that descend from one another through article versions."""
    prev: dict[int, int] = {}
    frontier = {r[ID] for r in rest_a} | {r[ID] for r in rest_b}
    for _ in range(100):  # at most this many versions back
        found = links(frontier)
        prev.update(found)
        frontier = {p for p in found.values() if p not in prev}
        if not frontier:
            break

    def ancestors(claim_id: int) -> Iterable[int]:
        seen = set()
        while claim_id in prev and claim_id not in seen:
            seen.add(claim_id)
            claim_id = prev[claim_id]
            yield claim_id

    free_a = {r[ID]: r for r in rest_a}
    free_b = {r[ID]: r for r in rest_b}
    for rb in rest_b:
        for anc in ancestors(rb[ID]):
            if anc in free_a:
                out.append((free_a.pop(anc), free_b.pop(rb[ID]), "version"))
                break
    for ra in list(free_a.values()):
        for anc in ancestors(ra[ID]):
            if anc in free_b:
                out.append((free_a.pop(ra[ID]), free_b.pop(anc), "version"))
                break
    return list(free_a.values()), list(free_b.values())


def _pair_by_text(rest_a: list[Row], rest_b: list[Row], out: list[tuple[Row, Row, str]],
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


def _summarise(a: str, b: str, claims: list[ClaimDiff]) -> DiffResult:
    counts = Counter({k: 0 for k in ("same", "changed", "only_a", "only_b",
                                     "edited", "added", "removed")})
    pairs: Counter[tuple[str, str]] = Counter()
    conf_total = conf_n = 0
    per: dict[str, list[Any]] = {}  # origin -> [title, pairs, conf_total, conf_n, a, b, changed]
    for c in claims:
        counts[c.change] += 1
        if c.version:
            counts[c.version] += 1
        row = c.row
        entry = per.get(row[ORIGIN])
        if entry is None:
            entry = per[row[ORIGIN]] = [row[TITLE], Counter(), 0, 0, 0, 0, 0]
        if c.a is None:
            entry[5] += 1
            continue
        if c.b is None:
            entry[4] += 1
            continue
        key = (c.a[STATUS], c.b[STATUS])
        pairs[key] += 1
        entry[1][key] += 1
        if c.change == "changed":
            entry[6] += 1
        ca, cb = c.a[CONFIDENCE], c.b[CONFIDENCE]
        if ca is not None and cb is not None:
            d = abs(ca - cb)
            conf_total += d
            conf_n += 1
            entry[2] += d
            entry[3] += 1
    articles = [
        ArticleSummary(origin, e[0], from_counts(e[1], LABELS),
                       e[2] / e[3] if e[3] else None, e[4], e[5], e[6])
        for origin, e in per.items()
    ]
    articles.sort(key=lambda s: (s.agreement.observed if s.agreement.observed is not None
                                 else 2.0, -(s.only_a + s.only_b), s.title))
    return DiffResult(a, b, claims, from_counts(pairs, LABELS),
                      conf_total / conf_n if conf_n else None, dict(counts), articles)
