"""The claims table: what the splitter produced, plus reviewers' edits."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workbench.errors import NotFound
from workbench.model import Claim, Status
from workbench.storage.db import Database


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims a listing covers; None means any. Dropped claims never appear."""

    article_id: int | None = None
    status: Status | None = None
    kind: str | None = None
    session_id: int | None = None


def insert_many(db: Database, article_id: int, claims: Iterable[Claim]) -> int:
    """Store the claims of one article version and index their text; returns how many.

    The full-text index is filled here in one statement rather than by a
    per-row trigger, which made ingest several times slower (bench/ingest.py).
    """
    with db.transaction():
        last_id = db.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
        cur = db.conn.executemany(
            'INSERT INTO claims (article_id, seq, text, start, "end", by, kind, checkworthiness)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (article_id, c.seq, c.text, c.start, c.end, c.by, str(c.kind), c.checkworthiness)
                for c in claims
            ),
        )
        db.execute(
            "INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims WHERE id > ?",
            (last_id,),
        )
    return cur.rowcount


def get(db: Database, claim_id: int) -> sqlite3.Row:
    """One claim by id, with its article's title."""
    row = db.execute(
        "SELECT c.*, a.title AS article FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE c.id = ?",
        (claim_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no claim with id {claim_id}")
    return row


def _where(f: ClaimFilter) -> tuple[str, list[object]]:
    clauses = ["NOT c.dropped"]
    params: list[object] = []
    if f.article_id is not None:
        clauses.append("c.article_id = ?")
        params.append(f.article_id)
    else:
        clauses.append("c.article_id IN (SELECT id FROM current_articles)")
    if f.kind is not None:
        clauses.append("c.kind = ?")
        params.append(f.kind)
    if f.status is not None:
        clauses.append("coalesce(v.status, 'unreviewed') = ?")
        params.append(str(f.status))
    return " AND ".join(clauses), params


def stream(db: Database, f: ClaimFilter = ClaimFilter()) -> Iterator[sqlite3.Row]:
    """Claims in article order, each joined to its verdict in `f.session_id` (if any).

    Rows are yielded as SQLite produces them, so memory does not grow with
    the number of claims.
    """
    where, params = _where(f)
    sql = (
        'SELECT c.id, c.article_id, a.title AS article, c.seq, c.text, c.start, c."end",'
        " c.by, c.kind, c.checkworthiness,"
        " coalesce(v.status, 'unreviewed') AS status, v.confidence, v.sources, v.notes,"
        " v.reviewer, v.updated_at"
        " FROM claims c JOIN articles a ON a.id = c.article_id"
        " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.session_id = ?"
        f" WHERE {where} ORDER BY c.article_id, c.seq, c.id"
    )
    yield from db.conn.execute(sql, [f.session_id, *params])
