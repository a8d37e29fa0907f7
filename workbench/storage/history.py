"""The history table: an append-only log of every change to claims and verdicts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from workbench.storage.db import Database
from workbench.storage.engine import sqlite3
from workbench.storage.verdicts import NO_VERDICT


def append(
    db: Database,
    *,
    at: str,
    who: str,
    entity: str,
    action: str,
    claim_id: int | None = None,
    session_id: int | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    step: int | None = None,
) -> int:
    """Log one change; `old` and `new` hold the changed fields before and after.

    Rows of one action after its first pass `step`, the id this returned for the first.
    """
    cur = db.execute(
        "INSERT INTO history (at, who, session_id, claim_id, entity, action, old, new, step)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at,
            who,
            session_id,
            claim_id,
            entity,
            action,
            None if old is None else json.dumps(old, ensure_ascii=False),
            None if new is None else json.dumps(new, ensure_ascii=False),
            step,
        ),
    )
    return int(cur.lastrowid)


def changes(row: sqlite3.Row) -> tuple[dict[str, Any], dict[str, Any]]:
    """A history row's changed fields, before and after. A verdict's row with no `old`
    (an import into a session without verdicts writes none, nor a merge that carries a
    verdict to a claim without one) was the claim's first verdict in the session: each
    field it set was as no verdict holds it."""
    new = json.loads(row["new"] or "null") or {}
    if row["old"] is None and row["entity"] == "verdict":
        return {k: NO_VERDICT.get(k, 0) for k in new}, new  # needs_review: 0
    return json.loads(row["old"] or "null") or {}, new


def next_id(db: Database) -> int:
    """The id the next history row will have (read with the write lock held): a bulk
    write gives it as the `step` of all its rows, the first's own id included."""
    return int(db.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'history'), 0),"
        " coalesce((SELECT max(id) FROM history), 0)) + 1").fetchone()[0])


def state_mark(db: Database) -> tuple[int | None, ...]:
    """What changes whenever what exports and diffs read does: the newest history row (every
    change to a claim, or to a verdict of a session that exists, writes one; the verdicts a
    new session starts with, forked or agreed for adjudication, are written in the
    transaction that creates it, so nothing begun before can read them) and the newest
    claim and article (ingest). Two reads that see the same mark see the same claims and
    verdicts."""
    return tuple(db.execute(
        "SELECT (SELECT max(id) FROM history), (SELECT max(id) FROM claims),"
        " (SELECT max(id) FROM articles)").fetchone())


def newest_claim_change(db: Database) -> int | None:
    """The id of the newest change to a claim itself (an edit, split, merge or drop, in
    any session), read from the index of those changes: left to choose, SQLite walks the
    whole table back from its newest row (0.44 s at a million claims, none changed)."""
    return db.execute("SELECT max(id) FROM history INDEXED BY history_claim_changes"
                      " WHERE entity = 'claim'").fetchone()[0]


def newest_in_session(db: Database, session_id: int) -> int | None:
    """The id of the session's newest change (down the history_session index)."""
    return db.execute("SELECT max(id) FROM history WHERE session_id = ?",
                      (session_id,)).fetchone()[0]


def since_in_session(db: Database, session_id: int, after_id: int | None,
                     limit: int = 1000) -> list[sqlite3.Row]:
    """The changes in the session after change `after_id` (id, claim_id), oldest first."""
    return db.query(
        "SELECT id, claim_id FROM history WHERE session_id = ? AND id > ?"
        " ORDER BY id LIMIT ?", (session_id, after_id or 0, limit))


def for_session(
    db: Database, session_id: int, before_id: int | None = None, limit: int = 200
) -> list[sqlite3.Row]:
    """A session's changes, newest first, older than `before_id` when given."""
    return db.query(
        "SELECT * FROM history WHERE session_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
        (session_id, before_id if before_id is not None else 2**62, limit),
    )


def for_claim_in_session(
    db: Database, claim_id: int, session_id: int, limit: int = 20
) -> list[sqlite3.Row]:
    """The newest changes to a claim itself and to its verdict in one session."""
    return db.query(
        "SELECT * FROM history WHERE claim_id = ? AND (entity = 'claim' OR session_id = ?)"
        " ORDER BY id DESC LIMIT ?",
        (claim_id, session_id, limit),
    )


# A flag for re-review that another's edit of a claim set on a verdict: it changes no
# judgement (see review._text_changed).
_FLAG_ONLY = json.dumps({"needs_review": 1})


def changed_by_others(db: Database, claim_id: int, session_id: int, after_id: int,
                      who: str, passed_over: tuple[str, ...]) -> str | None:
    """Who last changed the claim itself, or its verdict in the session, after change
    `after_id`, someone other than `who`; None when no one did. Changes of the
    `passed_over` actions, flags for re-review alone, and rows that changed nothing (an
    undo that found the claim changed since, a decision as it stood), are not counted."""
    skip = ", ".join("?" * len(passed_over)) or "NULL"
    row = db.execute(
        "SELECT who FROM history WHERE claim_id = ? AND (entity = 'claim' OR session_id = ?)"
        f" AND id > ? AND who != ? AND action NOT IN ({skip})"
        " AND coalesce(new, '') NOT IN (?, '{}') ORDER BY id DESC LIMIT 1",
        (claim_id, session_id, after_id, who, *passed_over, _FLAG_ONLY)).fetchone()
    return None if row is None else str(row["who"])


def earlier_texts(db: Database, claim_id: int) -> list[str]:
    """The texts a claim had before reviewers edited, split or merged it, oldest first."""
    return earlier_texts_of(db, [claim_id]).get(claim_id, [])


def earlier_texts_of(db: Database, claim_ids: Iterable[int]) -> dict[int, list[str]]:
    """earlier_texts of each of `claim_ids` that has any: the first of them is the text
    the splitter gave it."""
    found: dict[int, list[str]] = {}
    for claim_id, text in db.by_ids(
            "SELECT claim_id, json_extract(old, '$.text') FROM history WHERE claim_id IN"
            " ({ids}) AND entity = 'claim' AND json_extract(old, '$.text') IS NOT NULL"
            " ORDER BY id", claim_ids):
        found.setdefault(claim_id, []).append(text)
    return found
