"""Full-text candidates for search and similar claims (the claims_fts index)."""

from __future__ import annotations

import re
import sqlite3

from workbench.storage.db import Database

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str, *, prefix: bool = False, max_terms: int = 12) -> str:
    """An FTS5 MATCH expression: any of the words of `text` (quoted, so no syntax leaks)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 2 or w.isdigit()]
    seen: list[str] = []
    for w in words:
        if w not in seen:
            seen.append(w)
    seen.sort(key=len, reverse=True)
    terms = [f'"{w}"' + ("*" if prefix else "") for w in seen[:max_terms]]
    return " OR ".join(terms)


def candidates(db: Database, text: str, *, limit: int = 300, prefix: bool = False) -> list[int]:
    """Ids of live claims of current articles whose text shares words with `text`, best first."""
    match = fts_query(text, prefix=prefix)
    if not match:
        return []
    return [r[0] for r in db.query(
        "SELECT f.rowid FROM claims_fts f JOIN claims c ON c.id = f.rowid"
        " WHERE claims_fts MATCH ? AND NOT c.dropped"
        " AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.previous_id = c.article_id)"
        " ORDER BY f.rank LIMIT ?",
        (match, limit),
    )]


def reviewed_candidates(
    db: Database, text: str, exclude_article: int, *, limit: int = 200
) -> list[sqlite3.Row]:
    """Claims of other articles sharing words with `text` that have a verdict (not
    unreviewed) in any session: claim id, text, article title, status, confidence, session."""
    match = fts_query(text)
    if not match:
        return []
    return db.query(
        "WITH hits AS (SELECT rowid AS id, rank FROM claims_fts WHERE claims_fts MATCH ?"
        "   ORDER BY rank LIMIT ?)"
        " SELECT c.id, c.text, a.title AS article, v.status, v.confidence, s.name AS session,"
        "  v.updated_at"
        " FROM hits h JOIN claims c ON c.id = h.id JOIN articles a ON a.id = c.article_id"
        " JOIN verdicts v ON v.claim_id = c.id AND v.status != 'unreviewed'"
        " JOIN sessions s ON s.id = v.session_id"
        " WHERE c.article_id != ? AND NOT c.dropped ORDER BY h.rank, v.updated_at DESC",
        (match, limit, exclude_article),
    )
