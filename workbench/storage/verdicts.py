"""The verdicts table: one review of one claim in one session."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from workbench.storage.db import Database

FIELDS = ("status", "confidence", "sources", "notes", "needs_review")


def get(db: Database, session_id: int, claim_id: int) -> sqlite3.Row | None:
    """The verdict on a claim in a session, or None while it has none."""
    return db.execute(
        "SELECT * FROM verdicts WHERE session_id = ? AND claim_id = ?", (session_id, claim_id)
    ).fetchone()


def upsert(
    db: Database, session_id: int, claim_id: int, values: dict[str, Any], reviewer: str, at: str
) -> None:
    """Write the given verdict fields (a subset of FIELDS), creating the row if needed."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown verdict fields {sorted(unknown)}")
    cols = list(values)
    db.execute(
        f"INSERT INTO verdicts (session_id, claim_id, reviewer, updated_at, {', '.join(cols)})"
        f" VALUES (?, ?, ?, ?, {', '.join('?' for _ in cols)})"
        " ON CONFLICT (session_id, claim_id) DO UPDATE SET reviewer = excluded.reviewer,"
        " updated_at = excluded.updated_at, "
        + ", ".join(f"{c} = excluded.{c}" for c in cols),
        (session_id, claim_id, reviewer, at, *values.values()),
    )


def stream(db: Database, session_id: int) -> Iterator[sqlite3.Row]:
    """Every verdict of a session, in claim id order."""
    yield from db.conn.execute(
        "SELECT * FROM verdicts WHERE session_id = ? ORDER BY claim_id", (session_id,)
    )
