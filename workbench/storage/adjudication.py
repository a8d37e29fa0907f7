"""SQL for adjudication: the claims left to settle between two sessions, read in pages, and
the target's verdicts.

A claim is listed when it is in scope (current article versions, not dropped), at least
one of sessions A and B reviewed it, and either A and B split on it (their status,
confidence, sources or notes differ, a side without a reviewed verdict counting as empty,
or a side's verdict is flagged for re-review) or they agree and the target holds another
verdict (or a flagged one): a conflict. A split is settled by a target verdict not
flagged, written (or brought in by the target's start, as a fork brings its own) after A's
and B's last change to the claim; a conflict only by one written after that (by the
history's order). So an agreement copied in that has broken since settles nothing. Pages
are read by claim id, so a page costs the same anywhere in a million claims.
"""

from __future__ import annotations

import json
from typing import Any

from workbench.storage import history
from workbench.storage.align import CARRY_OVER
from workbench.storage.clock import now
from workbench.storage.db import Database
from workbench.storage.verdicts import compared

SETTLE = "settle"  # the history's action for a final verdict taken as the target held it

_VERDICT = ("{v}.status, {v}.confidence, {v}.sources, {v}.notes, {v}.reviewer, {v}.updated_at,"
            " {v}.needs_review")
_SPLIT = (f"({compared('va', 'vb')} OR coalesce(va.needs_review, 0)"
          " OR coalesce(vb.needs_review, 0))")
_HOLDS_OTHER = f"({compared('vt', 'va')} OR vt.needs_review)"  # with vt there
# A conflict's target verdict settles it when written after A's and B's last change to the
# claim; verdicts a re-ingest carried over were not written by anyone then.
_CHANGED = (f"coalesce((SELECT max(h.id) FROM history h WHERE h.session_id IN ({{s}})"
            f" AND h.claim_id = c.id AND h.action != '{CARRY_OVER}'), 0)")
# A split's target verdict settles it when written, or brought in by the target's start (a
# fork: verdicts of its own), after A's and B's last change to the claim: not one an
# agreement copied in that has broken since.
_SINCE_START = "coalesce((SELECT min(h.id) FROM history h WHERE h.session_id = :t), 0)"
_SETTLED = (
    "CASE WHEN vt.claim_id IS NULL OR vt.needs_review THEN 0"
    f" WHEN {_SPLIT} THEN max({_CHANGED.format(s=':t')}, {_SINCE_START})"
    f" > {_CHANGED.format(s=':a, :b')}"
    f" WHEN NOT {_HOLDS_OTHER} THEN 1"
    f" ELSE {_CHANGED.format(s=':t')} > {_CHANGED.format(s=':a, :b')} END"
)
# (claim id, title, seq, text, by, A's, B's and the target's seven verdict fields, settled)
_FROM = (
    "FROM claims c{title}"
    " LEFT JOIN verdicts va ON va.session_id = :a AND va.claim_id = c.id"
    "  AND va.status != 'unreviewed'"
    " LEFT JOIN verdicts vb ON vb.session_id = :b AND vb.claim_id = c.id"
    "  AND vb.status != 'unreviewed'"
    " LEFT JOIN verdicts vt ON vt.session_id = :t AND vt.claim_id = c.id"
    "  AND vt.status != 'unreviewed'"
    " WHERE NOT c.dropped AND {article} IN (SELECT id FROM current_articles)"
)
_LISTED = (" AND (va.claim_id IS NOT NULL OR vb.claim_id IS NOT NULL)"
           f" AND ({_SPLIT} OR (vt.claim_id IS NOT NULL AND {_HOLDS_OTHER}))")
# Pages walk claims by id (`+` keeps SQLite off the article index, which would read every
# claim and sort them); a count reads that index alone, and no titles.
_PAGE_FROM = _FROM.format(title=" JOIN articles a ON a.id = c.article_id",
                          article="+c.article_id")
_COUNT_FROM = _FROM.format(title="", article="c.article_id") + _LISTED
_SELECT = ("SELECT c.id, a.title, c.seq, c.text, c.by, "
           + ", ".join(_VERDICT.format(v=v) for v in ("va", "vb", "vt"))
           + f", {_SETTLED} AS settled ")


def page(db: Database, a: int, b: int, target: int, *, after: int | None = None,
         before: int | None = None, limit: int = 100, unsettled: bool = False) -> list[Any]:
    """Up to `limit` listed claims in claim id order: after claim `after`, or the last
    ones before claim `before`; with `unsettled`, only those the target has not settled."""
    where = _LISTED + (f" AND NOT ({_SETTLED})" if unsettled else "")
    params = {"a": a, "b": b, "t": target, "limit": limit}
    if before is not None:
        rows = db.query(_SELECT + _PAGE_FROM + where + " AND c.id < :before"
                       " ORDER BY c.id DESC LIMIT :limit", {**params, "before": before})
        return rows[::-1]
    return db.query(_SELECT + _PAGE_FROM + where + " AND c.id > :after ORDER BY c.id"
                   " LIMIT :limit", {**params, "after": -1 if after is None else after})


def one(db: Database, a: int, b: int, target: int, claim_id: int) -> Any | None:
    """A claim in scope as a page gives it, listed or not (A and B may agree on it now);
    None when it is out of scope (dropped, or of an earlier version of its article)."""
    rows = db.query(_SELECT + _PAGE_FROM + " AND c.id = :claim",
                    {"a": a, "b": b, "t": target, "claim": claim_id})
    return rows[0] if rows else None


def counts(db: Database, a: int, b: int, target: int) -> tuple[int, int]:
    """(settled, total): how many claims are listed and how many the target settled."""
    row = db.query(f"SELECT coalesce(sum({_SETTLED}), 0), count(*) " + _COUNT_FROM,
                  {"a": a, "b": b, "t": target})[0]
    return int(row[0]), int(row[1])


def started_for(db: Database, target: int) -> list[str] | None:
    """The sessions whose adjudication started `target` (as named then), or None when it
    began otherwise (new, forked): its first session-wide history row says which."""
    row = db.execute("SELECT action, new FROM history WHERE session_id = ? AND claim_id IS NULL"
                     " ORDER BY id LIMIT 1", (target,)).fetchone()
    if row is None or row["action"] != "agreed":
        return None
    return sorted(json.loads(row["new"])["from"])


def last_copied(db: Database, target: int, pair: list[str]) -> int | None:
    """The history row of the last copy of agreements of sessions `pair` (sorted names)
    into `target`, or None when there was none."""
    for row in db.execute("SELECT id, new FROM history WHERE session_id = ?"
                          " AND claim_id IS NULL AND action = 'agreed' ORDER BY id DESC",
                          (target,)):
        if sorted(json.loads(row["new"])["from"]) == pair:
            return int(row["id"])
    return None


def copy_agreed(db: Database, a: int, b: int, target: int, *, who: str,
                log_none: bool = True, since: int | None = None) -> int:
    """Copy into `target` every reviewed verdict on which A and B agree, neither flagged for
    re-review, where the target has no reviewed verdict (A's row, as a fork copies; inside
    the caller's transaction), logged in one history row as a fork is (unless nothing was
    copied and not `log_none`). With `since`, only on claims whose verdict A or B changed
    after that history row (a look down the history's key, not at every verdict). Returns
    how many were copied."""
    cur = db.execute(
        "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
        " reviewer, updated_at, needs_review)"
        " SELECT :t, va.claim_id, va.status, va.confidence, va.sources, va.notes, va.reviewer,"
        " va.updated_at, 0 FROM verdicts va JOIN verdicts vb"
        " ON vb.session_id = :b AND vb.claim_id = va.claim_id"
        " WHERE va.session_id = :a AND va.status != 'unreviewed'"
        " AND NOT va.needs_review AND NOT vb.needs_review"
        f" AND {compared('va', 'vb', 'IS')}"
        + ("" if since is None else " AND va.claim_id IN (SELECT h.claim_id FROM history h"
           " WHERE h.id > :since AND h.session_id IN (:a, :b))")
        + " ON CONFLICT (session_id, claim_id) DO UPDATE SET status = excluded.status,"
        " confidence = excluded.confidence, sources = excluded.sources,"
        " notes = excluded.notes, reviewer = excluded.reviewer,"
        " updated_at = excluded.updated_at, needs_review = 0"
        " WHERE verdicts.status = 'unreviewed'",
        {"a": a, "b": b, "t": target, "since": since},
    )
    if cur.rowcount or log_none:
        names = dict(db.execute("SELECT id, name FROM sessions WHERE id IN (?, ?, ?)",
                                (a, b, target)).fetchall())
        history.append(db, at=now(), who=who, entity="session", action="agreed",
                       session_id=target,
                       new={"name": names[target], "from": [names[a], names[b]],
                            "verdicts": cur.rowcount})
    return cur.rowcount
