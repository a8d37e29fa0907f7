"""The core of adjudication: list where two sessions disagree, settle a claim into a target.

Settling goes through review.tag, so every settled verdict has its history row.
"""

from __future__ import annotations

from workbench import review
from workbench.compare.diff import CONFIDENCE, NOTES, SOURCES, STATUS, ClaimDiff, diff_sessions
from workbench.errors import WorkbenchError
from workbench.model import sources_from_json
from workbench.storage import Database, sessions


def disagreements(db: Database, a: str, b: str) -> list[ClaimDiff]:
    """Claims whose verdicts differ between sessions `a` and `b`, or that only one reviewed,
    in claim order."""
    return diff_sessions(db, a, db, b).disagreements()


def settle(db: Database, target: str, claim: ClaimDiff, *, who: str, take: str | None = None,
           verdict: review.Verdict | None = None) -> review.Verdict:
    """Write the final verdict on `claim` into session `target` (created if new): A's
    verdict (`take="a"`), B's (`take="b"`) or the given `verdict`. The claim written is
    B's where B reviewed it (the newer version after re-ingest), else A's."""
    if (take is None) == (verdict is None):
        raise WorkbenchError("settle needs either take='a'/'b' or a verdict")
    if take is not None:
        row = {"a": claim.a, "b": claim.b}.get(take)
        if take not in ("a", "b"):
            raise WorkbenchError(f"take must be 'a' or 'b', not {take!r}")
        if row is None:
            raise WorkbenchError(f"session {take.upper()} has no verdict on claim {claim.claim_id}")
        verdict = review.Verdict(row[STATUS], row[CONFIDENCE], sources_from_json(row[SOURCES]),
                                 row[NOTES])
    assert verdict is not None
    existing = sessions.get_by_name(db, target)
    session_id = existing["id"] if existing is not None else review.start_session(db, target, who)
    claim_id = claim.row[0]
    return review.tag(db, session_id, claim_id, who=who, status=verdict.status,
                      confidence=verdict.confidence, sources=list(verdict.sources),
                      notes=verdict.notes)
