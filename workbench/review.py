"""The rules of reviewing: sessions, verdicts and their history.

Every change a reviewer makes is one call here, written with its history row
in one transaction, so the CLI, the TUI and the tests share the same rules.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.model import Source, Status, sources_from_json, sources_to_json
from workbench.storage import Database, claims, history, sessions, verdicts
from workbench.storage.clock import now


@dataclass(frozen=True, slots=True)
class Verdict:
    """A claim's review in a session."""

    status: Status = Status.UNREVIEWED
    confidence: int | None = None
    sources: list[Source] = field(default_factory=list)
    notes: str = ""
    reviewer: str = ""
    updated_at: str = ""


def default_reviewer() -> str:
    """$WORKBENCH_REVIEWER, else the login name."""
    return os.environ.get("WORKBENCH_REVIEWER") or getpass.getuser()


def start_session(db: Database, name: str, reviewer: str, fork_of: str | None = None) -> int:
    """Create a session; `fork_of` names a session whose verdicts it starts from."""
    if not name.strip():
        raise WorkbenchError("a session needs a name")
    parent = sessions.require(db, fork_of)["id"] if fork_of else None
    return sessions.create(db, name.strip(), reviewer, parent)


def resolve_session(db: Database, name: str | None, reviewer: str) -> sqlite3.Row:
    """The named session (created for `reviewer` if new), else the reviewer's latest,
    else a new session named after the reviewer."""
    if name:
        row = sessions.get_by_name(db, name)
        if row is None:
            start_session(db, name, reviewer)
            row = sessions.require(db, name)
        return row
    row = sessions.latest_for_reviewer(db, reviewer)
    if row is not None:
        return row
    candidate, n = reviewer, 1
    while sessions.get_by_name(db, candidate) is not None:
        n += 1
        candidate = f"{reviewer}-{n}"
    start_session(db, candidate, reviewer)
    return sessions.require(db, candidate)


def get_verdict(db: Database, session_id: int, claim_id: int) -> Verdict:
    """A claim's verdict in a session (unreviewed when none was written)."""
    row = verdicts.get(db, session_id, claim_id)
    if row is None:
        return Verdict()
    return Verdict(
        Status(row["status"]),
        row["confidence"],
        sources_from_json(row["sources"]),
        row["notes"],
        row["reviewer"],
        row["updated_at"],
    )


def check_confidence(value: object) -> int | None:
    """A confidence as stored: None, or a whole number 0–100."""
    if value is None or value == "":
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise WorkbenchError(f"confidence must be a whole number 0-100, not {value!r}") from None
    if not 0 <= number <= 100:
        raise WorkbenchError(f"confidence must be between 0 and 100, not {number}")
    return number


def check_status(value: str) -> Status:
    """A status from its name, or an error listing the valid ones."""
    try:
        return Status(value)
    except ValueError:
        valid = ", ".join(s.value for s in Status)
        raise WorkbenchError(f"unknown status {value!r} (use one of: {valid})") from None


_UNSET = object()


def tag(
    db: Database,
    session_id: int,
    claim_id: int,
    *,
    who: str,
    status: Status | str | None = None,
    confidence: int | object | None = _UNSET,
    sources: list[Source] | None = None,
    notes: str | None = None,
) -> Verdict:
    """Change a claim's verdict in a session and log the change, in one transaction.

    Only the fields given change. Going back to unreviewed clears the
    confidence; a confidence needs a status first.
    """
    claims.get(db, claim_id)
    with db.transaction():
        before = get_verdict(db, session_id, claim_id)
        after: dict[str, object] = {}
        new_status = check_status(str(status)) if status is not None else before.status
        if status is not None and new_status != before.status:
            after["status"] = str(new_status)
        if confidence is not _UNSET:
            value = check_confidence(confidence)
            if value != before.confidence:
                after["confidence"] = value
        if new_status is Status.UNREVIEWED and before.confidence is not None:
            after["confidence"] = None
        if new_status is Status.UNREVIEWED and after.get("confidence") is not None:
            raise WorkbenchError("set a status before a confidence")
        if sources is not None and sources != before.sources:
            after["sources"] = sources_to_json(sources)
        if notes is not None and notes != before.notes:
            after["notes"] = notes
        if not after:
            return before
        old = {
            "status": str(before.status),
            "confidence": before.confidence,
            "sources": sources_to_json(before.sources),
            "notes": before.notes,
        }
        at = now()
        verdicts.upsert(db, session_id, claim_id, after, who, at)
        history.append(
            db,
            at=at,
            who=who,
            entity="verdict",
            action="tag",
            claim_id=claim_id,
            session_id=session_id,
            old={k: old[k] for k in after},
            new=after,
        )
    return get_verdict(db, session_id, claim_id)
