"""The sessions table: named passes of review."""

from __future__ import annotations

import sqlite3

from workbench.errors import NotFound, WorkbenchError
from workbench.storage.clock import now
from workbench.storage.db import Database


def create(db: Database, name: str, reviewer: str, forked_from: int | None = None) -> int:
    """Add a session; with `forked_from`, copy that session's verdicts into it."""
    if get_by_name(db, name) is not None:
        raise WorkbenchError(f"session {name!r} already exists")
    with db.transaction():
        cur = db.execute(
            "INSERT INTO sessions (name, reviewer, created_at, forked_from) VALUES (?, ?, ?, ?)",
            (name, reviewer, now(), forked_from),
        )
        session_id = int(cur.lastrowid)
        if forked_from is not None:
            db.execute(
                "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
                " reviewer, updated_at, needs_review)"
                " SELECT ?, claim_id, status, confidence, sources, notes, reviewer, updated_at,"
                " needs_review FROM verdicts WHERE session_id = ?",
                (session_id, forked_from),
            )
    return session_id


def get_by_name(db: Database, name: str) -> sqlite3.Row | None:
    """The session called `name`, or None."""
    return db.execute("SELECT * FROM sessions WHERE name = ?", (name,)).fetchone()


def require(db: Database, name: str) -> sqlite3.Row:
    """The session called `name`; NotFound names it when there is none."""
    row = get_by_name(db, name)
    if row is None:
        raise NotFound(f"no session named {name!r}")
    return row


def latest_for_reviewer(db: Database, reviewer: str) -> sqlite3.Row | None:
    """The reviewer's most recently created session."""
    return db.execute(
        "SELECT * FROM sessions WHERE reviewer = ? ORDER BY created_at DESC, id DESC LIMIT 1",
        (reviewer,),
    ).fetchone()


def list_with_progress(db: Database) -> list[sqlite3.Row]:
    """Every session with reviewed / total claims over the current article versions."""
    return db.query(
        "WITH scope AS (SELECT c.id FROM claims c"
        "   WHERE NOT c.dropped AND c.article_id IN (SELECT id FROM current_articles))"
        " SELECT s.id, s.name, s.reviewer, s.created_at, f.name AS forked_from,"
        "  (SELECT count(*) FROM verdicts v WHERE v.session_id = s.id"
        "    AND v.status != 'unreviewed' AND v.claim_id IN scope) AS reviewed,"
        "  (SELECT count(*) FROM scope) AS total"
        " FROM sessions s LEFT JOIN sessions f ON f.id = s.forked_from ORDER BY s.id"
    )


def set_cursor(db: Database, session_id: int, claim_id: int) -> None:
    """Remember the claim a session was left on."""
    db.execute("UPDATE sessions SET last_claim_id = ? WHERE id = ?", (claim_id, session_id))
