"""The claims table: what the splitter produced, plus reviewers' edits."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workbench.errors import NotFound
from workbench.model import Claim, Status
from workbench.storage.db import Database
from workbench.storage.engine import sqlite3


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims a listing covers; None means any. Dropped claims never appear."""

    article_id: int | None = None
    status: Status | None = None
    kind: str | None = None
    session_id: int | None = None
    flagged: bool = False  # only claims whose verdict is flagged for re-review
    to_do: bool = False  # only claims unreviewed or flagged for re-review


Row = tuple[int, str, int, int, str, str, float]
"""A claim as stored: seq, text, start, end, by ("" for no one), kind, checkworthiness
(cheap to pickle)."""

# `by` is bound as "" and stored as NULL: Python's sqlite3 binds None by way of its
# adapter look-up, which raises and clears an AttributeError each time (4% of ingest's
# writer, bench/ingest.py).
_INSERT = (
    'INSERT INTO claims (article_id, seq, text, start, "end", by, kind, checkworthiness)'
    " VALUES (?, ?, ?, ?, ?, nullif(?, ''), ?, ?)"
)


def as_row(c: Claim) -> Row:
    """The stored fields of a claim."""
    return (c.seq, c.text, c.start, c.end, c.by or "", str(c.kind), c.checkworthiness)


def insert_many(db: Database, article_id: int, claims: Iterable[Claim]) -> int:
    """Store the claims of one article version and index their text; returns how many."""
    with db.transaction():
        last = last_id(db)
        count = insert_rows(db, article_id, map(as_row, claims))
        index_after(db, last)
    return count


def insert_rows(db: Database, article_id: int, rows: Iterable[Row]) -> int:
    """Store claim rows of one article version, not yet indexed (see `index_after`)."""
    cur = db.conn.executemany(_INSERT, ((article_id, *r) for r in rows))
    return cur.rowcount


def last_id(db: Database) -> int:
    """The highest claim id so far (0 when there is none)."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0])


def index_after(db: Database, last: int) -> None:
    """Index the text of every claim with an id above `last`, in one statement.

    Full-text indexing is done in bulk rather than by a trigger per row, which
    made ingest several times slower. Ingest calls it once per batch, outside the
    articles' savepoints: FTS5 writes its pending terms out as a new segment at
    every savepoint, so indexing article by article cost a segment (and merges)
    per article (bench/ingest.py).
    """
    db.execute(
        "INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims WHERE id > ?", (last,)
    )


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
    clauses += _verdict_clauses(f, params)
    return " AND ".join(clauses), params


# A verdict a re-ingest carried to an edited claim is flagged for re-review until tagged
# again: it counts as not reviewed yet, and as something left to do.
FLAGGED = "v.needs_review"
TO_DO = "(v.status IS NULL OR v.status = 'unreviewed' OR v.needs_review)"
REVIEWED = "v.status != 'unreviewed' AND NOT v.needs_review"


def _verdict_clauses(f: ClaimFilter, params: list[object]) -> list[str]:
    """The conditions of `f` on the verdict `v`, their values added to `params`."""
    clauses = []
    if f.status is not None:
        clauses.append("coalesce(v.status, 'unreviewed') = ?")
        params.append(str(f.status))
    if f.flagged:
        clauses.append(FLAGGED)
    if f.to_do:
        clauses.append(TO_DO)
    return clauses


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
        " v.reviewer, v.updated_at, coalesce(v.needs_review, 0) AS needs_review"
        " FROM claims c JOIN articles a ON a.id = c.article_id"
        " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.session_id = ?"
        f" WHERE {where} ORDER BY c.article_id, c.seq, c.id"
    )
    yield from db.conn.execute(sql, [f.session_id, *params])


# Paged reads for the review list: keyset pages in one of two orders, so a
# page deep in a million claims costs no more than the first one.

ORDERS = ("article", "worthiness")

_LIST_COLUMNS = (
    'c.id, c.article_id, c.seq, c.text, c.start, c."end", c.by, c.kind, c.checkworthiness,'
    " coalesce(v.status, 'unreviewed') AS status, v.confidence,"
    " coalesce(v.needs_review, 0) AS needs_review"
)
# The same, for a listing without verdicts (no session): every claim unreviewed.
_LIST_COLUMNS_BARE = (_LIST_COLUMNS.replace("coalesce(v.status, 'unreviewed')", "'unreviewed'")
                      .replace("v.confidence", "NULL AS confidence")
                      .replace("coalesce(v.needs_review, 0)", "0"))
_ORDER_BY = {
    "article": ("c.article_id, c.seq, c.id", "c.article_id DESC, c.seq DESC, c.id DESC"),
    "worthiness": ("c.checkworthiness DESC, c.id", "c.checkworthiness ASC, c.id DESC"),
}


def sort_key(row: sqlite3.Row, order: str = "article") -> tuple[object, ...]:
    """The position of a listed claim in `order`, as `page(after=...)` takes it."""
    if order == "worthiness":
        return (row["checkworthiness"], row["id"])
    return (row["article_id"], row["seq"], row["id"])


def _key_clause(order: str, key: tuple[object, ...], forward: bool) -> tuple[str, list[object]]:
    # Spelt out (not as a row value) so SQLite turns the leading column into an index range.
    lt = ">" if forward else "<"
    if order == "worthiness":
        w, cid = key
        wop = "<" if forward else ">"
        return (
            f"c.checkworthiness {wop}= ? AND (c.checkworthiness {wop} ? OR c.id {lt} ?)",
            [w, w, cid],
        )
    aid, seq, cid = key
    return (
        f"c.article_id {lt}= ? AND (c.article_id {lt} ? OR c.seq {lt} ?"
        f" OR (c.seq = ? AND c.id {lt} ?))",
        [aid, aid, seq, seq, cid],
    )


# SQL: claim `c` is of its article's current version, asked for that claim (an index
# lookup); `c.article_id IN (SELECT id FROM current_articles)` builds the whole list of
# current articles first, which pays only when most claims are read.
CURRENT_VERSION = "NOT EXISTS (SELECT 1 FROM articles b WHERE b.previous_id = c.article_id)"


def _listing(f: ClaimFilter, *, paged: bool = False) -> tuple[str, list[object]]:
    # Pages walk an index range and test each claim's article (a correlated check);
    # counts read the whole range, where a list of current articles is cheaper.
    clauses = ["NOT c.dropped"]
    params: list[object] = []
    if f.article_id is not None:
        clauses.append("c.article_id = ?")
        params.append(f.article_id)
    elif paged:
        clauses.append(CURRENT_VERSION)
    else:
        clauses.append("c.article_id IN (SELECT id FROM current_articles)")
    if f.kind is not None:
        clauses.append("c.kind = ?")
        params.append(f.kind)
    join = ""
    on_verdict = _verdict_clauses(f, params)
    clauses += on_verdict
    if on_verdict or (paged and f.session_id is not None):
        join = " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.session_id = ?"
        params = [f.session_id, *params]
    return f" FROM claims c{join} WHERE {' AND '.join(clauses)}", params


def page(
    db: Database,
    f: ClaimFilter,
    *,
    order: str = "article",
    after: tuple[object, ...] | None = None,
    before: tuple[object, ...] | None = None,
    offset: int = 0,
    limit: int = 100,
) -> list[sqlite3.Row]:
    """Up to `limit` listed claims in `order`: those just after the key `after`, or just
    before the key `before` (still in forward order), or from `offset`.

    Rows hold id, article_id, seq, text, by, kind, checkworthiness, status, confidence,
    needs_review.
    """
    forward_sql, backward_sql = _ORDER_BY[order]
    source, params = _listing(f, paged=True)
    columns = _LIST_COLUMNS if "verdicts v" in source else _LIST_COLUMNS_BARE
    sql = f"SELECT {columns}{source}"
    if after is not None or before is not None:
        clause, extra = _key_clause(
            order, after if after is not None else before, after is not None
        )
        sql += f" AND {clause}"
        params = [*params, *extra]
    if before is not None:
        sql += f" ORDER BY {backward_sql} LIMIT ?"
        rows = db.query(sql, [*params, limit])
        rows.reverse()
        return rows
    sql += f" ORDER BY {forward_sql} LIMIT ? OFFSET ?"
    return db.query(sql, [*params, limit, offset])


def newest_id(db: Database) -> int | None:
    """The id of the claim stored last (one step down the primary key)."""
    return db.execute("SELECT max(id) FROM claims").fetchone()[0]


def count(db: Database, f: ClaimFilter) -> int:
    """How many claims a listing covers."""
    source, params = _listing(f)
    return int(db.query(f"SELECT count(*){source}", params)[0][0])


def count_before(db: Database, f: ClaimFilter, order: str, key: tuple[object, ...]) -> int:
    """How many listed claims come before the claim at `key` in `order`."""
    source, params = _listing(f)
    clause, extra = _key_clause(order, key, False)
    return int(db.query(f"SELECT count(*){source} AND {clause}", [*params, *extra])[0][0])


def rows_by_ids(db: Database, session_id: int | None, ids: list[int]) -> list[sqlite3.Row]:
    """Listed claims by id, in the order of `ids` (missing or dropped ones left out)."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {
        row["id"]: row
        for row in db.query(
            f"SELECT {_LIST_COLUMNS} FROM claims c LEFT JOIN verdicts v"
            f" ON v.claim_id = c.id AND v.session_id = ? WHERE c.id IN ({marks})"
            " AND NOT c.dropped",
            [session_id, *ids],
        )
    }
    return [found[i] for i in ids if i in found]


def at_offset(db: Database, article_id: int, offset: int) -> list[int]:
    """The live claims of the article whose spans hold character `offset`: the shortest
    span first, then in article order (the claims one sentence was split into share it)."""
    return [int(r[0]) for r in db.execute(
        'SELECT id FROM claims INDEXED BY claims_live WHERE article_id = ? AND NOT dropped'
        ' AND start <= ? AND "end" > ? ORDER BY "end" - start, seq, id',
        (article_id, offset, offset))]


def is_listed(db: Database, f: ClaimFilter, claim_id: int) -> bool:
    """Whether a listing covers the claim."""
    source, params = _listing(f, paged=True)
    return bool(db.query(f"SELECT 1{source} AND c.id = ?", [*params, claim_id]))


def reviewed_count(db: Database, f: ClaimFilter) -> int:
    """How many claims of a listing are reviewed in `f.session_id`: a status other than
    unreviewed, not flagged for re-review."""
    where, params = _where(ClaimFilter(f.article_id, None, f.kind, None))
    if f.article_id is not None:  # few claims: start from them, not from the session's verdicts
        source = "claims c CROSS JOIN verdicts v ON v.claim_id = c.id AND v.session_id = ?"
    else:
        source = "verdicts v JOIN claims c ON c.id = v.claim_id AND v.session_id = ?"
    sql = f"SELECT count(*) FROM {source} WHERE {REVIEWED} AND {where}"
    return int(db.query(sql, [f.session_id, *params])[0][0])


EDITABLE = ("text", "start", "end", "by", "kind", "dropped", "seq")


def any_of_current_versions(db: Database, claim_ids: list[int]) -> bool:
    """Whether one of the claims belongs to its article's current version (dropped or
    not), rather than to a version an edited text replaced."""
    return bool(db.execute(
        "SELECT EXISTS (SELECT 1 FROM claims c WHERE c.id IN (SELECT value FROM json_each(?))"
        f" AND {CURRENT_VERSION})", (json.dumps(claim_ids),)).fetchone()[0])


def successor_sql(claim: str) -> str:
    """SQL: the id of the claim of the newest version of its article that continues the
    claim whose id is the SQL `claim`, through the versions between (v1's claim is v2's,
    which is v3's …); NULL when none does."""
    return ("(WITH RECURSIVE later(id, n) AS (SELECT id, 1 FROM claims WHERE"
            f" previous_claim_id = {claim} UNION ALL SELECT c.id, n + 1 FROM claims c JOIN"
            " later ON c.previous_claim_id = later.id WHERE n < 1000)"
            " SELECT id FROM later ORDER BY n DESC LIMIT 1)")


def successor(db: Database, claim_id: int) -> int | None:
    """The claim of the newest version of its article that continues this one, if any."""
    row = db.execute(f"SELECT {successor_sql('?')}", (claim_id,)).fetchone()
    return None if row[0] is None else int(row[0])


def update(db: Database, claim_id: int, values: dict[str, object]) -> None:
    """Change some fields of a claim (a subset of EDITABLE)."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown claim fields {sorted(unknown)}")
    if not values:
        return
    sets = ", ".join(f'"{k}" = ?' for k in values)
    db.execute(f"UPDATE claims SET {sets} WHERE id = ?", [*values.values(), claim_id])


def insert_one(db: Database, article_id: int, claim: Claim) -> int:
    """Store one claim (a reviewer's split); returns its id."""
    cur = db.execute(_INSERT, (article_id, *as_row(claim)))
    claim_id = int(cur.lastrowid)
    db.execute("INSERT INTO claims_fts (rowid, text) VALUES (?, ?)", (claim_id, claim.text))
    return claim_id


def next_in_article(db: Database, claim_id: int) -> sqlite3.Row | None:
    """The claim listed right after this one in its article, if any."""
    row = get(db, claim_id)
    return db.execute(
        "SELECT * FROM claims c WHERE c.article_id = ? AND NOT c.dropped"
        " AND (c.seq, c.id) > (?, ?) ORDER BY c.seq, c.id LIMIT 1",
        (row["article_id"], row["seq"], row["id"]),
    ).fetchone()
