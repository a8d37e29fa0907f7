"""SQL for adjudication: where two sessions disagree, read in pages, and the target's verdicts.

A disagreement is a claim in scope (current article versions, not dropped) that at least
one of sessions A and B reviewed, whose (status, confidence, sources, notes) differ between
them, a side without a reviewed verdict counting as empty. Pages are read by claim id, so
a page costs the same anywhere in a million claims.
"""

from __future__ import annotations

from typing import Any

from workbench.storage import history
from workbench.storage.clock import now
from workbench.storage.db import Database
from workbench.storage.verdicts import compared

_VERDICT = "{v}.status, {v}.confidence, {v}.sources, {v}.notes, {v}.reviewer, {v}.updated_at"
# (claim id, title, seq, text, by, then A's, B's and the target's six verdict fields)
_FROM = (
    "FROM claims c{title}"
    " LEFT JOIN verdicts va ON va.session_id = :a AND va.claim_id = c.id"
    "  AND va.status != 'unreviewed'"
    " LEFT JOIN verdicts vb ON vb.session_id = :b AND vb.claim_id = c.id"
    "  AND vb.status != 'unreviewed'"
    " LEFT JOIN verdicts vt ON vt.session_id = :t AND vt.claim_id = c.id"
    "  AND vt.status != 'unreviewed'"
    " WHERE NOT c.dropped AND {article} IN (SELECT id FROM current_articles)"
    " AND (va.claim_id IS NOT NULL OR vb.claim_id IS NOT NULL)"
    f" AND {compared('va', 'vb')}"
)
# Pages walk claims by id (`+` keeps SQLite off the article index, which would read every
# claim and sort them); a count reads that index alone, and no titles.
_PAGE_FROM = _FROM.format(title=" JOIN articles a ON a.id = c.article_id",
                          article="+c.article_id")
_COUNT_FROM = _FROM.format(title="", article="c.article_id")
_SELECT = ("SELECT c.id, a.title, c.seq, c.text, c.by, "
           + ", ".join(_VERDICT.format(v=v) for v in ("va", "vb", "vt")) + " ")


def page(db: Database, a: int, b: int, target: int, *, after: int | None = None,
         before: int | None = None, limit: int = 100, unsettled: bool = False) -> list[Any]:
    """Up to `limit` disagreements in claim id order: after claim `after`, or the last
    ones before claim `before`; with `unsettled`, only those the target has no verdict on."""
    where = " AND vt.claim_id IS NULL" if unsettled else ""
    params = {"a": a, "b": b, "t": target, "limit": limit}
    if before is not None:
        rows = db.query(_SELECT + _PAGE_FROM + where + " AND c.id < :before"
                       " ORDER BY c.id DESC LIMIT :limit", {**params, "before": before})
        return rows[::-1]
    return db.query(_SELECT + _PAGE_FROM + where + " AND c.id > :after ORDER BY c.id"
                   " LIMIT :limit", {**params, "after": -1 if after is None else after})


def counts(db: Database, a: int, b: int, target: int) -> tuple[int, int]:
    """(settled, total): how many disagreements there are and how many the target settled."""
    row = db.query("SELECT count(vt.claim_id), count(*) " + _COUNT_FROM,
                  {"a": a, "b": b, "t": target})[0]
    return int(row[0]), int(row[1])


def copy_agreed(db: Database, a: int, b: int, target: int, *, who: str) -> int:
    """Copy into `target` every reviewed verdict on which A and B agree (A's row, as a fork
    copies; inside the caller's transaction), logged in one history row as a fork is.
    Returns how many were copied."""
    cur = db.execute(
        "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
        " reviewer, updated_at, needs_review)"
        " SELECT :t, va.claim_id, va.status, va.confidence, va.sources, va.notes, va.reviewer,"
        " va.updated_at, va.needs_review FROM verdicts va JOIN verdicts vb"
        " ON vb.session_id = :b AND vb.claim_id = va.claim_id"
        " WHERE va.session_id = :a AND va.status != 'unreviewed'"
        f" AND {compared('va', 'vb', 'IS')}"
        " ON CONFLICT (session_id, claim_id) DO NOTHING",
        {"a": a, "b": b, "t": target},
    )
    names = dict(db.execute("SELECT id, name FROM sessions WHERE id IN (?, ?, ?)",
                            (a, b, target)).fetchall())
    history.append(db, at=now(), who=who, entity="session", action="agreed",
                   session_id=target, new={"name": names[target], "from": [names[a], names[b]],
                                           "verdicts": cur.rowcount})
    return cur.rowcount
