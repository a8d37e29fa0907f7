"""Adjudication: walk the claims two sessions disagree on, settle each into a target session.

The claims to settle are read in pages by claim id (storage.adjudication), never all at
once, so this works the same with a million claims. Settling goes through review.tag, so
every settled verdict has its history row, and takes a side's verdict as it is when
written, never as it was shown. The target holds the verdicts A and B agree on (copied as
a fork copies, when it starts and whenever they come to agree on more), so once every
disagreement is settled it holds the whole reviewed result; where A and B come to agree
on something else than the target holds, the claim is listed again as a conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workbench import review
from workbench.errors import WorkbenchError
from workbench.model import Source, Status, sources_from_json
from workbench.storage import Database, history, sessions, verdicts
from workbench.storage import adjudication as store
from workbench.storage.clock import now
from workbench.wording import counted

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
    held: int = 0  # reviewed verdicts the target held, not from adjudicating A and B
    # history.state_mark once the target had the agreements: later ones are after it
    mark: tuple[int | None, ...] = field(default=(None, None, None), compare=False)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One claim to settle; a verdict is None on a side that did not review it."""

    claim_id: int
    title: str
    seq: int
    text: str
    by: str | None
    a: review.Verdict | None
    b: review.Verdict | None
    final: review.Verdict | None  # the target's verdict, None while it has none
    settled: bool

    @property
    def conflict(self) -> bool:
        """A and B agree (neither flagged) and the target holds another verdict."""
        return (self.a is not None and not self.differs and self.final is not None
                and (_values(self.final) != _values(self.a)))

    @property
    def listed(self) -> bool:
        """Whether it is left to settle (or was settled): A and B split on it, or a
        conflict; not when they agree and the target holds what they agree on."""
        return bool(self.differs) or self.conflict

    @property
    def differs(self) -> str:
        """What splits A and B: "only A", "only B", or the fields (status, confidence,
        sources, notes) that they set differently, then "flagged" when a side's verdict is
        flagged for re-review; "" when they agree."""
        if self.a is None and self.b is None:
            return ""
        if self.a is None or self.b is None:
            found = ["only B" if self.a is None else "only A"]
        else:
            found = [f for f in ("status", "confidence", "sources", "notes")
                     if getattr(self.a, f) != getattr(self.b, f)]
        if any(v is not None and v.needs_review for v in (self.a, self.b)):
            found.append("flagged")
        return ", ".join(found)


class SideChanged(WorkbenchError):
    """The side taken changed its verdict since it was shown: nothing was written."""

    def __init__(self, message: str, now: Disagreement) -> None:
        super().__init__(message)
        self.now = now  # the claim as it is now


def open_sides(db: Database, a: str, b: str, target: str = DEFAULT_TARGET, *,
               who: str, starting: Callable[[str], None] | None = None) -> Sides:
    """Resolve sessions A and B and the target, creating the target (with the verdicts A and
    B agree on) when it does not exist yet, after telling `starting` its name. An existing
    target gets the agreements A and B came to since they were last copied, and `held`
    counts the reviewed verdicts it had if an adjudication of A and B did not start it."""
    target = target.strip()
    if a == b:
        raise WorkbenchError("adjudicate two different sessions")
    if target in (a, b):
        raise WorkbenchError(f"settle into another session than {a!r} and {b!r}")
    a_id, b_id = sessions.require(db, a)["id"], sessions.require(db, b)["id"]
    existing = sessions.get_by_name(db, target)
    if existing is None:
        sessions.check_free(db, target)  # before saying it starts (QA: "--into Final")
        if starting is not None:
            starting(target)
        with db.transaction():
            target_id = review.start_session(db, target, who)
            store.copy_agreed(db, a_id, b_id, target_id, who=who)
            mark = history.state_mark(db)
        return Sides(a, b, target, a_id, b_id, target_id, mark=mark)
    target_id = existing["id"]
    pair = sorted((a, b))
    with db.transaction():
        held = 0 if store.started_for(db, target_id) == pair else (
            sessions.count_reviewed(db, target_id))
        since = store.last_copied(db, target_id, pair)  # None: the first time, all of them
        store.copy_agreed(db, a_id, b_id, target_id, who=who, log_none=since is None,
                          since=since)
        mark = history.state_mark(db)
    return Sides(a, b, target, a_id, b_id, target_id, held, mark)


def held_notice(sides: Sides) -> str | None:
    """What to tell the adjudicator when the target held verdicts of its own before."""
    if not sides.held:
        return None
    return (f"{sides.target!r} already held {counted(sides.held, 'verdict')}, not from "
            f"adjudicating {sides.a!r} and {sides.b!r}: claims it has a verdict on show as "
            "settled")


def check_sessions(db: Database, sides: Sides) -> None:
    """Refuse when A, B or the target was deleted since they were opened."""
    for name, session_id in ((sides.target, sides.target_id), (sides.a, sides.a_id),
                             (sides.b, sides.b_id)):
        if not sessions.exists(db, session_id):
            raise WorkbenchError(f"session {name!r} was deleted (by another process?)")


def follow_agreements(db: Database, sides: Sides, *, who: str, since: int | None) -> int:
    """Copy into the target what A and B came to agree on after history row `since` (see
    open_sides); how many. Refused when a session was deleted."""
    with db.transaction():
        check_sessions(db, sides)
        return store.copy_agreed(db, sides.a_id, sides.b_id, sides.target_id, who=who,
                                 log_none=False, since=since or 0)


def page(db: Database, sides: Sides, *, after: int | None = None, before: int | None = None,
         limit: int = 100) -> list[Disagreement]:
    """Up to `limit` claims to settle in claim id order, after claim `after` (from the first
    when None) or, with `before`, the last ones before that claim."""
    rows = store.page(db, sides.a_id, sides.b_id, sides.target_id, after=after,
                      before=before, limit=limit)
    return [_disagreement(r) for r in rows]


def read(db: Database, sides: Sides, claim_id: int) -> Disagreement | None:
    """A claim as it is now, listed or not; None when it is out of scope."""
    row = store.one(db, sides.a_id, sides.b_id, sides.target_id, claim_id)
    return None if row is None else _disagreement(row)


def next_unsettled(db: Database, sides: Sides, after: int | None = None) -> Disagreement | None:
    """The first unsettled claim after claim `after`, else the first from the top; None
    when every one is settled."""
    for start in ((after, None) if after is not None else (None,)):
        rows = store.page(db, sides.a_id, sides.b_id, sides.target_id, after=start, limit=1,
                          unsettled=True)
        if rows:
            return _disagreement(rows[0])
    return None


def progress(db: Database, sides: Sides) -> tuple[int, int]:
    """(settled, total) claims to settle."""
    return store.counts(db, sides.a_id, sides.b_id, sides.target_id)


def settle(db: Database, sides: Sides, claim: Disagreement, *, who: str,
           take: str | None = None, verdict: review.Verdict | None = None) -> Disagreement:
    """Write the final verdict on `claim` into the target: A's (`take="a"`), B's
    (`take="b"`) or the given `verdict`. Returns the claim as it is then. A side is taken
    as it is now: SideChanged (nothing written) when it differs from the one in `claim`."""
    if (take is None) == (verdict is None):
        raise WorkbenchError("settle needs either take='a'/'b' or a verdict")
    if take is not None and take not in ("a", "b"):
        raise WorkbenchError(f"take must be 'a' or 'b', not {take!r}")
    with db.transaction():
        check_sessions(db, sides)
        current = read(db, sides, claim.claim_id)
        if current is None:
            raise WorkbenchError(f"claim {claim.claim_id} is no longer current (dropped, or"
                                 " its article has a newer version)")
        if take is not None:
            name = sides.a if take == "a" else sides.b
            shown, verdict = (claim.a, current.a) if take == "a" else (claim.b, current.b)
            if _values(verdict) != _values(shown):
                raise SideChanged(f"{name!r} changed its verdict on claim {claim.claim_id} "
                                  f"since it was shown: now {describe(verdict)}; nothing "
                                  "written", current)
            if verdict is None:
                raise WorkbenchError(f"session {name!r} has no verdict on claim "
                                     f"{claim.claim_id}")
        assert verdict is not None
        if verdict.status is Status.UNREVIEWED:
            raise WorkbenchError("a settled verdict needs a status")
        change = review.tag_change(
            db, sides.target_id, claim.claim_id, who=who, status=verdict.status,
            confidence=verdict.confidence, sources=list(verdict.sources), notes=verdict.notes)
        if change.after == change.before:  # the target held it (copied, or forked): a
            # decision all the same, logged so that the claim counts as settled, and the
            # verdict is the adjudicator's now (QA: the export named whom it was copied from)
            at = now()
            verdicts.upsert(db, sides.target_id, claim.claim_id,
                            {"status": str(verdict.status)}, who, at)
            history.append(db, at=at, who=who, entity="verdict", action=store.SETTLE,
                           claim_id=claim.claim_id, session_id=sides.target_id, old={},
                           new={})
        settled = read(db, sides, claim.claim_id)
    assert settled is not None
    return settled


def describe(verdict: review.Verdict | None) -> str:
    """A verdict in a few words: "misleading 70, 2 sources", or "no verdict"."""
    if verdict is None:
        return "no verdict"
    words = str(verdict.status) + ("" if verdict.confidence is None
                                   else f" {verdict.confidence}")
    return f"{words}, {counted(len(verdict.sources), 'source')}" + (
        ", flagged for re-review" if verdict.needs_review else "")


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


def _values(verdict: review.Verdict | None) -> tuple[Any, ...] | None:
    """What a reviewer set on a verdict (and its flag): what taking it would write."""
    if verdict is None:
        return None
    return (verdict.status, verdict.confidence, verdict.sources, verdict.notes,
            verdict.needs_review)


def _verdict(fields: Any) -> review.Verdict | None:
    status, confidence, sources, notes, reviewer, updated_at, needs_review = fields
    if status is None:
        return None
    return review.Verdict(Status(status), confidence, sources_from_json(sources), notes,
                          reviewer, updated_at, bool(needs_review))


def _disagreement(row: Any) -> Disagreement:
    return Disagreement(row[0], row[1], row[2], row[3], row[4], _verdict(row[5:12]),
                        _verdict(row[12:19]), _verdict(row[19:26]), bool(row[26]))
