"""SQL for version alignment: claim texts, links between versions, carried-over verdicts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workbench.storage.db import Database

CARRY_OVER = "carry_over"  # the action of the history rows carry_verdicts writes


def claim_texts(db: Database, article_id: int) -> list[tuple[int, str, str, bool]]:
    """(id, text, by or "", dropped) of an article version's claims, in seq order; not
    those dropped by a merge (their text lives on in the claim they were merged into)."""
    cur = db.conn.cursor()
    cur.row_factory = None
    return [(i, t, b or "", bool(d)) for i, t, b, d in cur.execute(
        "SELECT id, text, by, dropped FROM claims c WHERE article_id = ? AND (NOT dropped"
        " OR coalesce((SELECT h.action FROM history h WHERE h.claim_id = c.id"
        " AND h.entity = 'claim' ORDER BY h.id DESC LIMIT 1), '') != 'merge')"
        " ORDER BY seq, id", (article_id,))]


def claims_and_changes(db: Database, article_id: int
                       ) -> tuple[list[dict[str, Any]], list[tuple[int, str, str, str]]]:
    """An article version's claims (id, seq, text, by, kind, start, end, dropped), in seq,
    id order, and the history of changes to them: (claim id, action, old, new JSON), in
    order."""
    claims = [dict(r) for r in db.execute(
        'SELECT id, seq, text, by, kind, start, "end", dropped FROM claims'
        " WHERE article_id = ? ORDER BY seq, id", (article_id,))]
    changes = db.conn.execute(
        "SELECT h.claim_id, h.action, h.old, h.new FROM claims c JOIN history h"
        " ON h.claim_id = c.id AND h.entity = 'claim' WHERE c.article_id = ? ORDER BY h.id",
        (article_id,)).fetchall()
    return claims, [tuple(r) for r in changes]


def versions_back(db: Database, article_id: int) -> list[int]:
    """The article version `article_id` and the versions before it, newest first."""
    return [i for (i,) in db.conn.execute(
        "SELECT b.id FROM articles a JOIN articles b ON b.origin = a.origin"
        " AND b.version <= a.version WHERE a.id = ? ORDER BY b.version DESC", (article_id,))]


def record_corrections(db: Database, article_id: int,
                       made: Sequence[tuple[str, int, dict[str, Any], dict[str, Any]] | None],
                       *, who: str, at: str) -> None:
    """Log the corrections made again on an article version's claims (`made`, one a claim
    in seq, id order: how, the earlier claim it follows, fields before and after, or None)
    and drop the claims a merge folded away."""
    ids = [i for (i,) in db.conn.execute(
        "SELECT id FROM claims WHERE article_id = ? ORDER BY seq, id", (article_id,))]
    rows = []
    for claim_id, note in zip(ids, made, strict=True):
        if note is None:
            continue
        how, follows, old, new = note
        if how == "merged":
            db.execute("UPDATE claims SET dropped = 1 WHERE id = ?", (claim_id,))
        rows.append((at, who, claim_id, "merge" if how == "merged" else CARRY_OVER,
                     json.dumps({**old, "claim_id": follows}, ensure_ascii=False),
                     json.dumps(new, ensure_ascii=False)))
    db.conn.executemany("INSERT INTO history (at, who, claim_id, entity, action, old, new)"
                        " VALUES (?, ?, ?, 'claim', ?, ?, ?)", rows)


def keep_dropped(db: Database, pairs: list[tuple[int, int]], *, who: str, at: str) -> None:
    """Drop each new claim of `pairs` (old claim, new claim): its old claim, the same
    text, was dropped by a reviewer (a heading, a splitting error), and stays so."""
    db.conn.executemany("UPDATE claims SET dropped = 1 WHERE id = ?", ((n,) for _o, n in pairs))
    db.conn.executemany(
        "INSERT INTO history (at, who, claim_id, entity, action, old, new)"
        f" VALUES (?, ?, ?, 'claim', '{CARRY_OVER}', json_object('dropped', 0,"
        " 'claim_id', ?), json_object('dropped', 1))",
        ((at, who, n, o) for o, n in pairs))


def link(db: Database, pairs: list[tuple[int, int]]) -> None:
    """Record for each (new claim, old claim) that the new one continues the old one."""
    db.conn.executemany(
        "UPDATE claims SET previous_claim_id = ? WHERE id = ?", ((o, n) for n, o in pairs)
    )


def earlier_claims(db: Database, old_article: int, new_article: int) -> dict[tuple[str, str], int]:
    """{(text, by or ""): claim} of the live claims of the versions of `new_article`'s
    article before `old_article`, the one it follows (of a text several held, the newest
    version's claim)."""
    found: dict[tuple[str, str], int] = {}
    for i, t, b in db.conn.execute(
            "SELECT c.id, c.text, coalesce(c.by, '') FROM articles a JOIN claims c"
            " ON c.article_id = a.id AND NOT c.dropped WHERE a.origin = (SELECT origin FROM"
            " articles WHERE id = :new) AND a.version < (SELECT version FROM articles"
            " WHERE id = :old) ORDER BY a.version, c.id", {"new": new_article, "old": old_article}):
        found[(t, b)] = i
    return found


def carry_verdicts(db: Database, pairs: list[tuple[int, int, bool]], *, who: str, at: str,
                   unless_newer: dict[int, int] | None = None) -> int:
    """Copy every session's verdict on each old claim to its new claim, flagging it for
    re-review when it is `edited`, with a history row per copy (at `at`; the verdict keeps
    the time it was made, so a sheet does not show it as checked at the ingest), in the
    sessions that have no verdict on the new claim yet (pairs carried first come first).
    `pairs` holds (old claim, new claim, edited). With `unless_newer` ({new claim: a
    claim}), not in a session whose verdict on that claim, not flagged, is newer (an
    earlier version's verdict brought back, unless the reviewer has judged since).
    Returns how many verdicts were carried."""
    missing = ("FROM verdicts v WHERE v.claim_id = :old AND v.session_id IN (SELECT id FROM"
               " sessions) AND NOT EXISTS (SELECT 1 FROM verdicts w WHERE w.session_id ="
               " v.session_id AND w.claim_id = :new)"  # each by its primary key
               " AND NOT EXISTS (SELECT 1 FROM verdicts p WHERE p.session_id = v.session_id"
               " AND p.claim_id = :newer AND NOT p.needs_review AND p.updated_at > v.updated_at)")
    flag = "CASE WHEN :edited THEN 1 ELSE v.needs_review END"
    newer = unless_newer or {}
    rows = [{"old": o, "new": n, "edited": e, "at": at, "who": who, "newer": newer.get(n)}
            for o, n, e in pairs]
    db.conn.executemany(  # logged first: the copy below makes the condition false
        "INSERT INTO history (at, who, session_id, claim_id, entity, action, old, new)"
        f" SELECT :at, :who, v.session_id, :new, 'verdict', '{CARRY_OVER}',"
        " json_object('claim_id', :old), json_object('status', v.status, 'confidence',"
        " v.confidence, 'sources', json(v.sources), 'notes', v.notes, 'needs_review',"
        f" {flag}) {missing}", rows)
    before = db.conn.total_changes
    db.conn.executemany(
        "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
        " reviewer, updated_at, needs_review) SELECT v.session_id, :new, v.status,"
        f" v.confidence, v.sources, v.notes, v.reviewer, v.updated_at, {flag} {missing}",
        rows)
    return db.conn.total_changes - before
