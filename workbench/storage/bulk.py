"""Bulk loads for generated corpora (benchmarks): many rows, one statement each kind."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.storage.db import Database


def insert_verdicts(
    db: Database, session_id: int, rows: Iterable[tuple[int, str, int | None, str, str]],
) -> int:
    """Insert (claim_id, status, confidence, sources_json, notes) rows into a session."""
    cur = db.conn.executemany(
        "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
        " reviewer, updated_at) SELECT ?, ?, ?, ?, ?, ?, s.reviewer, s.created_at"
        " FROM sessions s WHERE s.id = ?",
        ((session_id, *row, session_id) for row in rows),
    )
    return cur.rowcount
