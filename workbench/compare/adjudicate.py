"""Adjudication: walk the claims two sessions disagree on, settle each into a target session.

Disagreements are read in pages by claim id (storage.adjudication), never all at once, so
this works the same with a million claims. Settling goes through review.tag, so every
settled verdict has its history row. A target created here starts with the verdicts A
and B agree on (copied as a fork copies), so once every disagreement is settled it holds
the whole reviewed result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from workbench import review
from workbench.errors import WorkbenchError
from workbench.model import Source, Status, sources_from_json
from workbench.storage import Database, sessions
from workbench.storage import adjudication as store

DEFAULT_TARGET = "final"


@dataclass(frozen=True, slots=True)
class Sides:
    """The two sessions compared and the session their disagreements are settled into."""

    a: str
    b: str
    target: str
    a_id: int
    b_id: int
    target_id: int


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One claim A and B disagree on; a verdict is None on a side that did not review it."""

    claim_id: int
    title: str
    seq: int
    text: str
    by: str | None
    a: review.Verdict | None
    b: review.Verdict | None
    final: review.Verdict | None  # the target's verdict: None while unsettled

    @property
    def settled(self) -> bool:
        return self.final is not None

    @property
    def differs(self) -> str:
        """What differs: "only A", "only B", or the fields (status, confidence, sources,
        notes) that A and B set differently."""
        if self.a is None or self.b is None:
            return "only B" if self.a is None else "only A"
        return ", ".join(f for f in ("status", "confidence", "sources", "notes")
                         if getattr(self.a, f) != getattr(self.b, f))


def open_sides(db: Database, a: str, b: str, target: str = DEFAULT_TARGET, *,
               who: str, starting: Callable[[str], None] | None = None) -> Sides:
    """Resolve sessions A and B and the target, creating the target (with the verdicts A and
    B agree on) when it does not exist yet, after telling `starting` its name."""
    target = target.strip()
    if a == b:
        raise WorkbenchError("adjudicate two different sessions")
    if target in (a, b):
        raise WorkbenchError(f"settle into another session than {a!r} and {b!r}")
    a_id, b_id = sessions.require(db, a)["id"], sessions.require(db, b)["id"]
    existing = sessions.get_by_name(db, target)
    if existing is not None:
        target_id = existing["id"]
    else:
        if starting is not None:
            starting(target)
        with db.transaction():
            target_id = review.start_session(db, target, who)
            store.copy_agreed(db, a_id, b_id, target_id, who=who)
    return Sides(a, b, target, a_id, b_id, target_id)


def page(db: Database, sides: Sides, *, after: int | None = None, before: int | None = None,
         limit: int = 100) -> list[Disagreement]:
    """Up to `limit` disagreements in claim id order, after claim `after` (from the first
    when None) or, with `before`, the last ones before that claim."""
    rows = store.page(db, sides.a_id, sides.b_id, sides.target_id, after=after,
                      before=before, limit=limit)
    return [_disagreement(r) for r in rows]


def next_unsettled(db: Database, sides: Sides, after: int | None = None) -> Disagreement | None:
    """The first unsettled disagreement after claim `after`, else the first from the top;
    None when every one is settled."""
    for start in ((after, None) if after is not None else (None,)):
        rows = store.page(db, sides.a_id, sides.b_id, sides.target_id, after=start, limit=1,
                          unsettled=True)
        if rows:
            return _disagreement(rows[0])
    return None


def progress(db: Database, sides: Sides) -> tuple[int, int]:
    """(settled, total) disagreements."""
    return store.counts(db, sides.a_id, sides.b_id, sides.target_id)


def settle(db: Database, sides: Sides, claim: Disagreement, *, who: str,
           take: str | None = None, verdict: review.Verdict | None = None) -> Disagreement:
    """Write the final verdict on `claim` into the target: A's (`take="a"`), B's
    (`take="b"`) or the given `verdict`. Returns the claim with its new final verdict."""
    if (take is None) == (verdict is None):
        raise WorkbenchError("settle needs either take='a'/'b' or a verdict")
    if take is not None:
        if take not in ("a", "b"):
            raise WorkbenchError(f"take must be 'a' or 'b', not {take!r}")
        verdict = claim.a if take == "a" else claim.b
        if verdict is None:
            name = sides.a if take == "a" else sides.b
            raise WorkbenchError(f"session {name!r} has no verdict on claim {claim.claim_id}")
    assert verdict is not None
    if verdict.status is Status.UNREVIEWED:
        raise WorkbenchError("a settled verdict needs a status")
    final = review.tag(db, sides.target_id, claim.claim_id, who=who, status=verdict.status,
                       confidence=verdict.confidence, sources=list(verdict.sources),
                       notes=verdict.notes)
    return replace(claim, final=final)


def merged_sources(claim: Disagreement) -> list[Source]:
    """The final verdict's sources, else A's and B's together (each once): where an edited
    verdict starts from."""
    if claim.final is not None:
        return list(claim.final.sources)
    found: list[Source] = []
    for side in (claim.a, claim.b):
        for source in side.sources if side is not None else ():
            if source not in found:
                found.append(source)
    return found


def _verdict(fields: Any) -> review.Verdict | None:
    status, confidence, sources, notes, reviewer, updated_at = fields
    if status is None:
        return None
    return review.Verdict(Status(status), confidence, sources_from_json(sources), notes,
                          reviewer, updated_at)


def _disagreement(row: Any) -> Disagreement:
    return Disagreement(row[0], row[1], row[2], row[3], row[4], _verdict(row[5:11]),
                        _verdict(row[11:17]), _verdict(row[17:23]))
