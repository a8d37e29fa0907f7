"""The verdicts table: one review of one claim in one session."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from workbench.storage.claims import REVIEWED, successor_sql
from workbench.storage.db import Database
from workbench.storage.engine import sqlite3

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


def on_claim(db: Database, claim_id: int) -> list[sqlite3.Row]:
    """A claim's verdicts, one a session that has one (looked up session by session, by
    the primary key: no index takes verdicts by claim)."""
    return db.query("SELECT v.* FROM sessions s JOIN verdicts v ON v.session_id = s.id"
                    " AND v.claim_id = ?", (claim_id,))


def flag(db: Database, session_id: int, claim_id: int) -> None:
    """Flag a verdict for re-review, leaving who made it and when as they were."""
    db.execute("UPDATE verdicts SET needs_review = 1 WHERE session_id = ? AND claim_id = ?",
               (session_id, claim_id))


def copy_flagged(db: Database, session_id: int, from_claim: int, to_claim: int) -> None:
    """Copy a session's verdict on one claim to another that has none there, flagged for
    re-review, with who made it and when."""
    db.execute("INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
               " reviewer, updated_at, needs_review) SELECT session_id, ?, status, confidence,"
               " sources, notes, reviewer, updated_at, 1 FROM verdicts WHERE session_id = ?"
               " AND claim_id = ?", (to_claim, session_id, from_claim))


def stream(db: Database, session_id: int) -> Iterator[sqlite3.Row]:
    """Every verdict of a session, in claim id order."""
    yield from db.conn.execute(
        "SELECT * FROM verdicts WHERE session_id = ? ORDER BY claim_id", (session_id,)
    )


# Bulk reads and writes for exchange (import/export) and compare (diff), as plain
# tuples: a million rows through sqlite3.Row objects costs seconds.

VALUE_COLUMNS = ("status", "confidence", "sources", "notes")


def compared(a: str, b: str, op: str = "IS NOT") -> str:
    """SQL: the fields a reviewer sets (VALUE_COLUMNS) of verdicts `a` and `b` differ, or
    with `op` "IS" are the same; a missing verdict's NULLs compare as values."""
    def fields(v: str) -> str:
        return ", ".join(f"{v}.{c}" for c in VALUE_COLUMNS)

    return f"({fields(a)}) {op} ({fields(b)})"


def _tuples(db: Database, sql: str, params: Any = ()) -> sqlite3.Cursor:
    cur = db.conn.cursor()
    cur.row_factory = None
    return cur.execute(sql, params)


# What a claim without a verdict holds, for each of VALUE_COLUMNS.
NO_VERDICT: dict[str, str | None] = {"status": "unreviewed", "confidence": None,
                                     "sources": "[]", "notes": ""}


def _literal(value: str | None) -> str:
    """`value` as an SQL literal (NULL for None)."""
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


# concat() (SQLite 3.44 on) joins the pieces of a line without reading a format each row:
# an export's or a JSON diff's line took a tenth less time than with printf, a CSV diff's
# a twentieth. An older SQLite (Python's own, off Linux x86-64) gets printf, which writes
# the same text.
JOIN_BY_CONCAT = sqlite3.sqlite_version_info >= (3, 44)
Piece = str | tuple[str, str]  # text as it is, or (printf format, SQL expression)


def _joined(pieces: Iterable[Piece]) -> str:
    """SQL: `pieces` one after another: a str as it is, a ("%d" or "%s", expression) pair
    the expression's value as printf writes it ('' for NULL; "%d" only for whole numbers
    that are never NULL, which concat writes alike)."""
    parts: list[Piece] = []
    for piece in pieces:  # adjacent texts as one
        if isinstance(piece, str) and parts and isinstance(parts[-1], str):
            parts[-1] += piece
        elif piece != "":
            parts.append(piece)
    texts = [p for p in parts if isinstance(p, str)]
    if len(texts) == len(parts):  # no expression: printf would take no arguments
        return _literal("".join(texts))
    if JOIN_BY_CONCAT:
        return "concat(" + ", ".join(
            _literal(p) if isinstance(p, str) else p[1] for p in parts) + ")"
    form = "".join(p.replace("%", "%%") if isinstance(p, str) else p[0] for p in parts)
    return (f"printf({_literal(form)}, "
            + ", ".join(p[1] for p in parts if not isinstance(p, str)) + ")")


def _csv_joined(cells: Sequence[Piece], end: str) -> str:
    """SQL: a CSV line of `cells` (see _joined), `end` after the last."""
    pieces: list[Piece] = []
    for cell in cells:
        pieces += [",", cell]
    return _joined([*pieces[1:], end])


STAGED = "temp.incoming"  # where rows to import are held, unless a caller says otherwise

# What an import writes of a verdict: the fields a reviewer sets, and its flag for re-review.
# A verdict new to the session comes flagged as its needs_review cell says; one the session
# holds keeps its flag, or loses it where the cell is empty (confirmed) or the row sets
# another status or confidence (judged again, as with `tag`), but is never flagged by a
# sheet: the flag says its claim changed since, which a cell cannot make so. An unreviewed
# claim has nothing to review again.
IMPORTED = (*VALUE_COLUMNS, "needs_review")


def _incoming_changes(keep: frozenset[str] = frozenset()) -> str:
    """SQL: the staged rows that differ from the session's verdicts (:s), each with the
    verdict it replaces (o_…, and its updated_at as o_updated_at); the fields in `keep`
    (a sheet without their columns) are the verdict's own, but for a confidence under a
    status set back to unreviewed."""
    def value(c: str) -> str:
        if c not in keep:
            return f"i.{c}"
        kept = f"coalesce(v.{c}, {_literal(NO_VERDICT[c])})"
        return (f"CASE WHEN i.status = 'unreviewed' THEN NULL ELSE {kept} END"
                if c == "confidence" else kept)

    rejudged = f"(i.status IS NOT v.status OR {value('confidence')} IS NOT v.confidence)"
    return (
        "(SELECT i.line, i.claim_id, "
        + ", ".join(f"{value(c)} AS {c}" for c in VALUE_COLUMNS)
        + f", CASE WHEN i.status = 'unreviewed' OR (v.claim_id NOT NULL AND {rejudged})"
        " THEN 0 WHEN v.claim_id NOT NULL THEN v.needs_review * coalesce(i.needs_review, 1)"
        " ELSE coalesce(i.needs_review, 0) END AS needs_review"
        + ", i.reviewer, i.updated_at, v.updated_at AS o_updated_at, "
        + ", ".join(f"coalesce(v.{c}, {_literal(d)}) AS o_{c}" for c, d in NO_VERDICT.items())
        + ", coalesce(v.needs_review, 0) AS o_needs_review"
        f" FROM {STAGED} i LEFT JOIN verdicts v ON v.session_id = :s"
        " AND v.claim_id = i.claim_id) AS n WHERE ("
        + ", ".join(f"n.o_{c}" for c in IMPORTED) + ") IS NOT ("
        + ", ".join(f"n.{c}" for c in IMPORTED) + ")"
    )


_CHANGED = " | ".join(f"((n.o_{c} IS NOT n.{c}) << {i})" for i, c in enumerate(IMPORTED))
# The same bits for an incoming row `n` (see _new_rows) against no verdict.
_CHANGED_FROM_NONE = " | ".join(
    f"((n.{c} IS NOT {_literal(NO_VERDICT[c]) if c in NO_VERDICT else 0}) << {i})"
    for i, c in enumerate(IMPORTED))


def _json_values(side: str) -> dict[str, list[Piece]]:
    """Each of IMPORTED of `n.{side}…` as the pieces of its JSON text (see _joined),
    as json_quote writes it. A status (one of a few plain words, by the table's CHECK and
    the importer's) needs only its quotes, and a confidence (a whole number, or NULL)
    none, nor a flag (0 or 1): half the cost of json_quote on every value."""
    return {"status": ['"', ("%s", f"n.{side}status"), '"'],
            "confidence": [("%s", f"coalesce(n.{side}confidence, 'null')")],
            "sources": [("%s", f"json_quote(n.{side}sources)")],
            "notes": [("%s", f"json_quote(n.{side}notes)")],
            "needs_review": [("%d", f"n.{side}needs_review")]}


def _logged(values: dict[str, list[Piece]]) -> str:
    """SQL: JSON of the fields that differ between a row's verdict and the incoming one
    (bit i of `n.changed` for IMPORTED[i]), with `values` the pieces of each field's
    JSON text, as review.tag logs them (json.dumps of a dict): one join of pieces for each
    set of fields (a million history rows: 0.3 s less than joining with ||)."""
    whens = []
    for bits in range(1, 2 ** len(IMPORTED)):
        pieces: list[Piece] = ["{"]
        for k, c in enumerate(c for i, c in enumerate(IMPORTED) if bits >> i & 1):
            pieces += [", " * bool(k) + f'"{c}": ', *values[c]]
        whens.append(f"WHEN {bits} THEN {_joined([*pieces, '}'])}")
    return f"CASE n.changed {' '.join(whens)} END"


def stage(db: Database, rows: Iterable[tuple[
        int, int, str, int | None, str, str, str, str | None, str | None, int, str]], *,
        flags: bool = True) -> None:
    """Hold rows to import, (line, claim_id, status, confidence, sources JSON, notes,
    reviewer, the claim's text as the sheet gives it or None, the verdict's updated_at as
    the sheet gives it or None, its needs_review (0 or 1; not staged unless `flags`: a
    sheet without the column), the sheet's session cell, not staged), in a temporary
    table of this connection for the calls below (run them in the same transaction: a
    rollback empties it)."""
    _incoming(db)
    # the texts apart, for staged_texts_differing: stage_cells checks the texts as it reads
    # them (a million of them written and read again cost 1.5 s of an import)
    db.execute(f"CREATE TABLE IF NOT EXISTS {_texts(STAGED)} (claim_id INTEGER PRIMARY KEY,"
               " claim)")
    db.execute(f"DELETE FROM {_texts(STAGED)}")
    rows = list(rows)
    db.conn.executemany(
        f"INSERT INTO {STAGED} (line, claim_id, status, confidence, sources, notes,"
        " reviewer, updated_at, needs_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*row[:7], row[8], row[9] if flags else None) for row in rows))
    db.conn.executemany(f"INSERT OR IGNORE INTO {_texts(STAGED)} VALUES (?, ?)",
                        ((row[1], row[7]) for row in rows if row[7] is not None))


def _incoming(db: Database, staged: str = STAGED) -> None:
    """An empty table of rows to import, `staged` (schema.table)."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {staged} (claim_id INTEGER PRIMARY KEY,"
               " line, status, confidence, sources, notes, reviewer, updated_at, needs_review)")
    db.execute(f"DELETE FROM {staged}")


def _texts(staged: str) -> str:
    """The table beside `staged` that holds the claims' texts its rows give."""
    return f"{staged}_text"


SHEET_COLUMNS = ("claim_id", "status", "confidence", "sources", "notes", "reviewer", "claim",
                 "updated_at", "needs_review")


def stage_cells(db: Database, rows: Iterable[Sequence[str]], given: Sequence[bool], *,
                escape: str, verdict: Callable[[str, str], tuple[str, int | None] | None],
                flags: Mapping[str, int],
                reviewer: Callable[[str], str], sources: Callable[[str], str],
                staged: str = STAGED, claims: str = "claims") -> int | None:
    """Stage a sheet's rows as `stage` does, each row the raw cells of those
    SHEET_COLUMNS that `given` marks (the others read as ""). The cells go to SQLite as
    they are, and are read there without a line of Python a row (a million rows: 7 s
    where reading them in Python took 11): the few distinct (status, confidence) pairs
    and reviewers by the caller's rules, once each (`verdict` gives a pair as stored, or
    None for a bad one; `reviewer` a reviewer as stored); a sources cell as `sources`
    stores it (one plain reference is written in SQL); notes lose a leading `escape`; a
    claim id must be a whole number as SQLite writes it; a claim's text, where the sheet
    gives one, must be the text of that claim in `claims` (a table of this connection);
    an updated_at cell loses a leading `escape`, and is NULL when empty or not `given`; a
    needs_review cell is one of `flags` (a cell as written: the flag it stands for), NULL
    when not `given`.
    Returns how many rows were read when all are good so and no claim id comes twice;
    else None, with nothing staged, for the caller to read the rows one by one and say
    which is bad (or take one SQLite was stricter about: claim 007, say, or a text the
    claim had before an edit). Only temporary tables are written, outside the caller's
    transaction, so other writers need not wait while a file is read; staged_unknown
    checks that the claims exist. The rows go to `staged`, the table `stage` fills unless
    a caller (a second process staging blocks) says otherwise."""
    conn = db.conn
    # the cell goes as bytes: pysqlite3 hands a function text only up to its first NUL
    conn.create_function("sources_json", 1, lambda cell: sources(cell.decode()),
                         deterministic=True)
    with db.transaction(deferred=True):  # it writes only temporary tables
        _incoming(db, staged)
        for table, columns in (
            ("sheet", ", ".join(f"{c} DEFAULT ''" for c in SHEET_COLUMNS)),
            ("sheet_verdicts", "status, confidence, s, c, PRIMARY KEY (status, confidence)"),
            ("sheet_reviewers", "cell PRIMARY KEY, stored"),
        ):
            db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})"
                       + (" WITHOUT ROWID" if table != "sheet" else ""))
            db.execute(f"DELETE FROM temp.{table}")
        cols = [c for c, g in zip(SHEET_COLUMNS, given, strict=True) if g]
        texts = given[SHEET_COLUMNS.index("claim")]
        stamps = given[SHEET_COLUMNS.index("updated_at")]
        flagged = given[SHEET_COLUMNS.index("needs_review")]
        flag_cells = ", ".join(map(_literal, flags))
        read = _insert_many(db, f"temp.sheet ({', '.join(cols)})", len(cols), rows)
        pairs = _tuples(db, "SELECT DISTINCT status, confidence FROM temp.sheet").fetchall()
        conn.executemany("INSERT INTO temp.sheet_verdicts VALUES (?, ?, ?, ?)",
                         [(*pair, *stored) for pair in pairs
                          if (stored := verdict(*pair)) is not None])
        cells = _tuples(db, "SELECT DISTINCT reviewer FROM temp.sheet").fetchall()
        conn.executemany("INSERT INTO temp.sheet_reviewers VALUES (?, ?)",
                         [(cell, reviewer(cell)) for cell, in cells])
        kept = db.execute(
            f"INSERT OR IGNORE INTO {staged} (claim_id, status, confidence, sources,"
            " notes, reviewer" + (", updated_at" if stamps else "")
            + (", needs_review" if flagged else "")
            + ") SELECT CAST(t.claim_id AS INTEGER), v.s, v.c,"
            f" CASE WHEN t.sources = '' THEN '[]' WHEN {_one_ref('t.sources', escape)}"
            """ THEN '[{"ref": ' || json_quote(t.sources) || ', "note": ""}]'"""
            " ELSE sources_json(CAST(t.sources AS BLOB)) END,"
            f" {_unescaped('t.notes', escape)}, r.stored"
            + (f", nullif({_unescaped('t.updated_at', escape)}, '')" if stamps else "")
            + (", CASE trim(t.needs_review) " + " ".join(
                f"WHEN {_literal(cell)} THEN {int(flag)}" for cell, flag in flags.items())
               + " END" if flagged else "")
            + " FROM temp.sheet t"
            " CROSS JOIN temp.sheet_verdicts v ON v.status = t.status"
            "  AND v.confidence = t.confidence"
            " CROSS JOIN temp.sheet_reviewers r ON r.cell = t.reviewer"
            # a join, not a subquery a row: a third of the statement's time (3.1 -> 2.2 s)
            + (f" LEFT JOIN {claims} c ON c.id = CAST(t.claim_id AS INTEGER)" if texts else "")
            + " WHERE CAST(CAST(t.claim_id AS INTEGER) AS TEXT) = t.claim_id"
            " AND CAST(t.claim_id AS INTEGER) >= 0"
            + (f" AND trim(t.needs_review) IN ({flag_cells})" if flagged else "")
            # a row whose text is not its claim's is left for the reading one by one
            + (f" AND (t.claim = '' OR {_unescaped('t.claim', escape)} IS c.text)"
               if texts else "")).rowcount
        for table in ("sheet", "sheet_verdicts", "sheet_reviewers"):
            db.execute(f"DELETE FROM temp.{table}")
        if kept != read:
            db.execute(f"DELETE FROM {staged}")
    return read if kept == read else None


def _insert_many(db: Database, table: str, width: int, rows: Iterable[Sequence[Any]],
                 per: int = 100) -> int:
    """Insert `rows` (each `width` values) into `table`, `per` rows a statement: binding
    and stepping a statement a row cost a third more (a million rows of a sheet: 3 s).
    Returns how many rows went in."""
    one = f"({', '.join('?' * width)})"
    rest: list[Sequence[Any]] = []
    rows = iter(rows)

    def groups() -> Iterator[tuple[Any, ...]]:
        while True:
            group = list(itertools.islice(rows, per))
            if len(group) < per:
                rest.extend(group)
                return
            yield tuple(itertools.chain.from_iterable(group))

    conn = db.conn
    n = conn.executemany(f"INSERT INTO {table} VALUES {', '.join([one] * per)}",
                         groups()).rowcount
    return max(n, 0) + max(conn.executemany(f"INSERT INTO {table} VALUES {one}",
                                            rest).rowcount, 0)


def _unescaped(x: str, escape: str) -> str:
    """SQL: cell `x` without a leading `escape` (cut by bytes: a text function stops at a
    NUL)."""
    return (f"CASE WHEN substr({x}, 1, 1) = {_literal(escape)} THEN CAST(substr("
            f"CAST({x} AS BLOB), {len(escape.encode()) + 1}) AS TEXT) ELSE {x} END")


def _one_ref(x: str, escape: str) -> str:
    """SQL: cell `x` is one source, a reference without a note, as JSON is written by
    json_quote as by Python's encoder: ASCII (so no NUL) without a `|`, a backslash or a
    `::`, no space or control character at either end, not starting with `escape` (a
    URL, most often). A few scans in C, where handing the cell to Python cost 4 µs."""
    return (f"(instr({x}, '|') = 0 AND instr({x}, '\\') = 0 AND instr({x}, '::') = 0"
            f" AND length({x}) = length(CAST({x} AS BLOB)) AND substr({x}, 1, 1) > ' '"
            f" AND substr({x}, -1) > ' ' AND substr({x}, 1, 1) != {_literal(escape)})")


def clear_staged(db: Database) -> None:
    """Drop the staged rows (after an import that failed outside a transaction, or once
    they are written)."""
    for table in (STAGED, _texts(STAGED)):
        db.execute(f"DROP TABLE IF EXISTS {table}")


# SQL: staged row `i` names a claim reviewers see: not dropped, of an article's current
# version (a sheet exported before a re-ingest names the claims of the version before).
_CURRENT_CLAIM = ("SELECT 1 FROM claims c WHERE c.id = i.claim_id AND NOT c.dropped"
                  " AND c.article_id IN (SELECT id FROM current_articles)")


def staged_unknown(db: Database) -> list[tuple[int, int, int | None, str]]:
    """(line, claim_id, the claim of the newest version it became, if any, and what the
    claim is: "none" (no such claim), "dropped" or "earlier" (of an article's earlier
    version)) of staged rows that name no current claim."""
    return _tuples(db, f"SELECT i.line, i.claim_id, {successor_sql('i.claim_id')},"
                   " CASE (SELECT dropped FROM claims WHERE id = i.claim_id) WHEN 1 THEN"
                   " 'dropped' WHEN 0 THEN 'earlier' ELSE 'none' END FROM"
                   f" {STAGED} i WHERE NOT EXISTS ({_CURRENT_CLAIM}) ORDER BY i.line").fetchall()


def staged_texts_differing(db: Database) -> list[tuple[int, int, str, str]]:
    """(line, claim_id, the claim's text as the sheet gives it, its text here) of rows
    `stage` staged whose text is not the claim's."""
    return _tuples(db, f"SELECT i.line, x.claim_id, x.claim, c.text FROM {_texts(STAGED)} x"
                   " JOIN claims c ON c.id = x.claim_id JOIN"
                   f" {STAGED} i ON i.claim_id = x.claim_id WHERE x.claim != c.text"
                   " ORDER BY i.line").fetchall()


# SQL: row `n` of _incoming_changes conflicts: the verdict it would change has an updated_at
# (NULL for none) other than the one the row gives (NULL for none): the verdict was made or
# changed after the sheet was, or the row is of another session's sheet.
# A spreadsheet may have written the time its own way ("2026-11-26 17:51:25" for
# "2026-11-26T17:51:25.775Z"): to the second, with a space for the T, it is the same time.
_CONFLICT = ("n.o_updated_at IS NOT n.updated_at AND NOT coalesce(length(n.updated_at) = 19"
             " AND replace(n.updated_at, ' ', 'T') = substr(n.o_updated_at, 1, 19), 0)")


def staged_conflicts(db: Database, session_id: int, keep: frozenset[str] = frozenset()
                     ) -> list[tuple[int, int, str | None, str | None]]:
    """(line, claim_id, the verdict's updated_at, the row's; None for none) of the rows
    `stage` staged that would change the session's verdicts (as import_staged writes
    them, with `keep`) and conflict with them (see _CONFLICT)."""
    return _tuples(db, "SELECT n.line, n.claim_id, n.o_updated_at, n.updated_at FROM"
                   f" {_incoming_changes(keep)} AND {_CONFLICT}", {"s": session_id}).fetchall()


def attach_staged(db: Database, path: str, k: int, *, writing: bool = False) -> str:
    """Attach block `k` of staged rows, a scratch file, to this connection: to be written
    by stage_cells in one process (`writing`: no syncing, its journal in memory, as
    nothing in it outlives the import), and read by another. Returns the name of its
    table, for the calls here that take one. Inside a transaction the blocks stay
    attached till it ends: see detach_staged."""
    schema = f"staged{int(k)}"
    db.execute(f"ATTACH ? AS {schema}", (path,))
    if writing:
        db.execute(f"PRAGMA {schema}.journal_mode = MEMORY")
        db.execute(f"PRAGMA {schema}.synchronous = OFF")
    return f"{schema}.incoming"


ATTACHED_CLAIMS = "workbench.claims"  # the claims attach_claims makes readable


def attach_claims(db: Database, path: str) -> None:
    """Attach the workbench database at `path` to this connection (a scratch one, staging
    a sheet in a second process), to read its claims as ATTACHED_CLAIMS."""
    db.execute("ATTACH ? AS workbench", (path,))


def detach_staged(db: Database) -> None:
    """Detach every block attach_staged attached (outside a transaction)."""
    for _seq, name, _file in _tuples(db, "PRAGMA database_list").fetchall():
        if name.startswith("staged"):
            db.execute(f"DETACH {name}")


def note_staged(db: Database, staged: str) -> bool:
    """Add the claims of the rows in `staged` to those noted before on this connection
    (since forget_noted); False when one of them was noted before (a claim named again,
    in another block)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS staged_claims (id INTEGER PRIMARY KEY)")
    try:
        db.execute(f"INSERT INTO temp.staged_claims SELECT claim_id FROM {staged}")
    except sqlite3.IntegrityError:
        return False
    return True


def forget_noted(db: Database) -> None:
    """Forget the claims note_staged noted."""
    db.execute("DROP TABLE IF EXISTS temp.staged_claims")


def live_claim_span(db: Database) -> tuple[int, int] | None:
    """The lowest and the highest claim id when every id between them is a current claim
    (see staged_unknown), else None: no claim dropped, and no article with an earlier
    version, between them (two counts: 40 ms at a million claims)."""
    live, low, high, old = db.execute(
        "SELECT (SELECT count(*) FROM claims WHERE NOT dropped), (SELECT min(id) FROM claims),"
        " (SELECT max(id) FROM claims),"
        " (SELECT count(*) FROM articles WHERE previous_id IS NOT NULL)").fetchone()
    return (low, high) if low is not None and live == high - low + 1 and not old else None


def any_staged_unknown(db: Database, staged: str = STAGED, *,
                       live_span: tuple[int, int] | None = None) -> bool:
    """Whether a staged row names no current claim (see staged_unknown). Rows within
    `live_span` (live_claim_span's, read in this transaction) are known without looking
    each up: a million looks took half a second of an import."""
    if live_span is not None:
        low, high = db.execute(f"SELECT (SELECT min(claim_id) FROM {staged}),"
                               f" (SELECT max(claim_id) FROM {staged})").fetchone()
        if low is None or live_span[0] <= low <= high <= live_span[1]:
            return False
    return bool(_tuples(db, f"SELECT EXISTS (SELECT 1 FROM {staged} i WHERE NOT EXISTS"
                        f" ({_CURRENT_CLAIM}))").fetchone()[0])


_HISTORY = ("INSERT INTO history (at, who, session_id, claim_id, entity, action, old, new,"
            " step) SELECT :at, :who, :s, n.claim_id, 'verdict', :action, {old}, {new}, :step"
            " FROM")


def import_staged(db: Database, session_id: int, *, who: str, at: str, action: str,
                  step: int, keep: frozenset[str] = frozenset(),
                  checked: bool = False) -> int | None:
    """Write the staged rows into the session. A row the session holds already, or that says
    no more than "unreviewed" where there is no verdict, is left alone; each other gets a
    history row with the fields that changed, as review.tag writes them. The fields in
    `keep` (of VALUE_COLUMNS: the sheet has no column for them) stay as the session has
    them. Every history row is of one `step` (see history.next_id), which an undo takes
    back as one. Comparing and logging run in SQL; the rows that change are found once,
    into a temporary table, unless the session has no verdicts: then each row is compared
    with the defaults as it is written (import_new). Returns how many verdicts changed;
    or, when `checked` and a row that changes a verdict conflicts with it (see
    staged_conflicts; never in a session without verdicts), None, with nothing written
    and the staged rows kept."""
    params = {"s": session_id, "at": at, "who": who, "action": action, "step": step}
    if not has_any(db, session_id):
        changed = import_new(db, session_id, who=who, at=at, action=action, step=step)
        clear_staged(db)
        return changed
    db.execute("DROP TABLE IF EXISTS temp.changes")
    db.execute(f"CREATE TEMP TABLE changes AS SELECT n.*, {_CHANGED} AS changed"
               f" FROM {_incoming_changes(keep)}", {"s": session_id})
    if checked and db.execute("SELECT EXISTS (SELECT 1 FROM temp.changes n WHERE"
                              f" {_CONFLICT})").fetchone()[0]:
        db.execute("DROP TABLE temp.changes")
        return None
    changed = db.execute(
        _HISTORY.format(old=_logged(_json_values("o_")), new=_logged(_json_values("")))
        + " temp.changes n", params).rowcount
    db.execute(
        "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
        " needs_review, reviewer, updated_at) SELECT :s, n.claim_id, n.status, n.confidence,"
        " n.sources, n.notes, n.needs_review, n.reviewer, :at FROM temp.changes n WHERE true"
        " ON CONFLICT (session_id, claim_id) DO UPDATE SET status = excluded.status,"
        " confidence = excluded.confidence, sources = excluded.sources,"
        " notes = excluded.notes, needs_review = excluded.needs_review,"
        " reviewer = excluded.reviewer, updated_at = excluded.updated_at",
        params,
    )
    db.execute("DROP TABLE temp.changes")
    clear_staged(db)
    return changed


def has_any(db: Database, session_id: int) -> bool:
    """Whether the session holds a verdict."""
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM verdicts WHERE session_id = ?)",
                           (session_id,)).fetchone()[0])


def import_new(db: Database, session_id: int, *, who: str, at: str, action: str,
               step: int, staged: str = STAGED) -> int:
    """Write staged rows into a session that holds none of their claims, as import_staged
    does, but for the history rows' `old`: NULL, for "no verdict" (see history.changes;
    a copy of the defaults was a quarter of what a million rows wrote, 75 of 308 MB).
    Returns how many verdicts changed."""
    params = {"s": session_id, "at": at, "who": who, "action": action, "step": step}
    rows = (f"(SELECT i.claim_id, i.status, i.confidence, i.sources, i.notes, i.reviewer,"
            " CASE WHEN i.status = 'unreviewed' THEN 0 ELSE coalesce(i.needs_review, 0) END"
            f" AS needs_review FROM {staged} i) n")
    changed = db.execute(
        _HISTORY.format(old="NULL", new=_logged(_json_values("")))
        + f" (SELECT n.*, {_CHANGED_FROM_NONE} AS changed FROM {rows}) n"
        " WHERE n.changed", params).rowcount
    db.execute(
        "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
        " needs_review, reviewer, updated_at) SELECT :s, n.claim_id, n.status, n.confidence,"
        f" n.sources, n.notes, n.needs_review, n.reviewer, :at FROM {rows}"
        f" WHERE {_CHANGED_FROM_NONE}", params)
    return int(changed)


def _scope(reviewed_only: bool = False, where: str = "") -> str:
    """FROM and WHERE of a block of an export: claims in scope of the articles with ids :lo
    to :hi joined to verdict `v` of session :s (only reviewed ones, not flagged for
    re-review, when `reviewed_only`; and `where`, more SQL conditions)."""
    only = (f" AND {REVIEWED}" if reviewed_only else "") + where
    join = "JOIN" if reviewed_only else "LEFT JOIN"
    return (  # article by article: its row is read once, not once a claim
        " FROM current_articles a CROSS JOIN claims c ON c.article_id = a.id"
        f" {join} verdicts v ON v.claim_id = c.id AND v.session_id = :s"
        f" WHERE a.id BETWEEN :lo AND :hi AND NOT c.dropped{only} ORDER BY a.id, c.seq, c.id"
    )


def _block(db: Database, line: str, scope: str, params: dict[str, Any], low: int,
           high: int) -> tuple[str, int]:
    """The lines SQL `line` builds over `scope` (see _scope) for the articles with ids `low`
    to `high`, joined in order, and how many: handed to Python a block at a time, not a
    line at a time."""
    text, n = _tuples(db, f"SELECT group_concat(line, ''), count(*) FROM (SELECT {line}"
                          f" AS line {scope})", {**params, "lo": low, "hi": high}).fetchone()
    return text or "", n


def article_span(db: Database) -> tuple[int, int, int] | None:
    """The lowest and the highest article id, and the highest claim id; None without
    articles."""
    low, high, claims = db.execute(
        "SELECT (SELECT min(id) FROM articles), (SELECT max(id) FROM articles),"
        " (SELECT max(id) FROM claims)").fetchone()
    return None if low is None else (low, high, claims or 0)


def _csv_cell(x: str, starts: Sequence[str], breaks: str = "\r\n") -> str:
    """SQL: text `x` as a CSV cell ('' for NULL): `:esc` in front when it starts with one
    of `starts`, then quoted where csv.writer quotes (a comma, a quote, or one of `breaks`,
    the characters of its line terminator). Each test is a call or two on `x`: a GLOB over
    the cell cost three times as much."""
    whens = " ".join(f"WHEN {ord(s)} THEN :esc || {x}" for s in starts)
    shown = f"(CASE unicode({x}) {whens} ELSE {x} END)"
    special = " OR ".join(f"instr({x}, {ch})" for ch in (
        "','", "'\"'", *(f"char({ord(b)})" for b in breaks)))
    return (f"CASE WHEN {x} IS NULL OR {x} = '' THEN '' WHEN {special} THEN CASE WHEN"
            f" instr({x}, '\"') THEN printf('\"%w\"', {shown}) ELSE '\"' || {shown} || '\"' END"
            f" ELSE {shown} END")  # printf's %w costs a microsecond: only for quotes


def _sources_cell(v: str, starts: Sequence[str], breaks: str = "\r\n") -> str:
    """SQL: verdict `v`'s sources as a CSV cell, joined as model.format_sources joins them,
    made safe and quoted as `_csv_cell` does ('' for none). One reference without a note
    (a URL, most often) that neither JSON, format_source nor the cell needs to escape or
    quote is cut from the stored JSON as it is: a third of the cost of json_each."""
    ref, note = "j.value ->> 'ref'", "j.value ->> 'note'"
    joined = (f"group_concat({_escaped(ref)} || CASE WHEN {note} != ''"
              f" THEN ' :: ' || {_escaped(note)} ELSE '' END, ' | ')")
    x = f"{v}.sources"
    starters = ", ".join(str(ord(s)) for s in starts)
    # [{"ref": "…", "note": ""}] with no backslash (so nothing escaped), no | or :: in
    # it, and no comma or quote in the reference (the first of each is the suffix's);
    # a break would be escaped in JSON
    plain = (f"substr({x}, 1, 10) = '[{{\"ref\": \"' AND substr({x}, -15) ="
             f" '\", \"note\": \"\"}}]' AND instr({x}, '\\') = 0 AND instr({x}, '|') = 0"
             f" AND instr({x}, '::') = 0 AND instr({x}, ',') = length({x}) - 13"
             f" AND instr(substr({x}, 11), '\"') = length({x}) - 24"
             f" AND unicode(substr({x}, 11, 1)) NOT IN ({starters})")
    # one group_concat however often the cell names it: SQLite computes an aggregate once
    return (f"CASE WHEN {x} = '[]' THEN '' WHEN {plain} THEN substr({x}, 11, length({x}) - 25)"
            f" ELSE (SELECT {_csv_cell(joined, starts, breaks)} FROM json_each({x}) j) END")


def _escaped(x: str) -> str:
    """SQL: a source's ref or note escaped as model.format_source escapes it."""
    return f"replace(replace(replace({x}, '\\', '\\\\'), '|', '\\|'), '::', ':\\:')"


def sheet_block(db: Database, session_id: int, session_cell: str, starts: Sequence[str],
                escape: str, flagged: str, low: int, high: int) -> tuple[str, int]:
    """The claims in scope (current article versions, not dropped) of the articles with ids
    `low` to `high`, with their verdicts in the session, in article order, as lines of the
    verdict CSV built by SQLite (CRLF at the end of each), joined, and how many: claim_id,
    article, seq, claim, by, status, confidence, sources, notes, reviewer, session
    (`session_cell` as given), updated_at, title, kind, start, end, needs_review
    (`flagged`, a cell that needs no quoting, else empty). Text cells are
    formula-safe with `escape` and quoted by `_csv_cell`; sources joined as
    model.format_sources joins them (a property test checks the lines against csv.writer)."""
    cells = (
        ("%d", "c.id"), ("%d", "c.article_id"), ("%d", "c.seq"),
        ("%s", _csv_cell("c.text", starts)), ("%s", _csv_cell("c.by", starts)),
        ("%s", "coalesce(v.status, 'unreviewed')"), ("%s", "coalesce(v.confidence, '')"),
        ("%s", _sources_cell("v", starts)), ("%s", _csv_cell("v.notes", starts)),
        ("%s", _csv_cell("v.reviewer", starts)), ("%s", ":session"),
        ("%s", _csv_cell("v.updated_at", starts)), ("%s", _csv_cell("a.title", starts)),
        ("%s", "c.kind"), ("%d", "c.start"), ("%d", 'c."end"'),
        ("%s", "CASE WHEN v.needs_review THEN :flagged ELSE '' END"),
    )
    return _block(db, _csv_joined(cells, "\r\n"), _scope(),
                  {"s": session_id, "session": session_cell, "esc": escape,
                   "flagged": flagged}, low, high)


def json_block(db: Database, session_id: int, session: str, fields: Sequence[str], low: int,
               high: int) -> tuple[str, int]:
    """The claims of sheet_block as JSON objects built by SQLite, a line each ("\n" at the
    end), joined, and how many, with keys `fields` in order (a subset of: claim_id,
    article, seq, claim, by, status, confidence, sources as a list, notes, reviewer,
    session, updated_at, title, origin, version, kind, start, end, checkworthiness,
    needs_review as a boolean, previous_claim_id)."""
    values = {
        "claim_id": "c.id", "article": "c.article_id", "seq": "c.seq", "claim": "c.text",
        "by": "c.by", "status": "coalesce(v.status, 'unreviewed')",
        "confidence": "v.confidence", "sources": "json(coalesce(v.sources, '[]'))",
        "notes": "coalesce(v.notes, '')", "reviewer": "v.reviewer", "session": ":session",
        "updated_at": "v.updated_at", "title": "a.title", "origin": "a.origin",
        "version": "a.version", "kind": "c.kind", "start": "c.start", "end": 'c."end"',
        "checkworthiness": "c.checkworthiness",
        "needs_review": "json(CASE WHEN v.needs_review THEN 'true' ELSE 'false' END)",
        "previous_claim_id": "c.previous_claim_id",
    }
    pairs = ", ".join(f"'{f}', {values[f]}" for f in fields)
    return _block(db, f"json_object({pairs}) || char(10)", _scope(),
                  {"s": session_id, "session": session}, low, high)


def claim_review_block(db: Database, session_id: int, low: int, high: int, *,
                       ratings: dict[str, tuple[int, str]], best: int, worst: int,
                       organisation: str | None, base_url: str | None,
                       file_uri: Callable[[str], str],
                       by_type: Callable[[str], str]) -> tuple[str, int]:
    """schema.org ClaimReview objects built by SQLite, one per reviewed claim in scope of
    the articles with ids `low` to `high` whose status has a rating (`ratings`: status ->
    (value, name)), each ",\n" and its JSON, joined, and how many. The review's url is
    `base_url`, else the article's origin when it is a URL, else `file_uri(origin)` for an
    absolute path, else nothing; then `#claim-ID`. Its author, the same in every review, is
    `organisation` (an Organization), else the session's reviewer (a Person). The claim's
    author is as _claim_author gives it, and left out where the article names none and
    came from no web address."""
    db.conn.create_function("file_uri", 1, file_uri, deterministic=True)
    db.conn.create_function("by_type", 1, by_type, deterministic=True)
    value = " ".join(f"WHEN '{s}' THEN {n}" for s, (n, _name) in ratings.items())
    name = " ".join(f"WHEN '{s}' THEN '{label}'" for s, (_n, label) in ratings.items())
    statuses = ", ".join(f"'{s}'" for s in ratings)

    def review(claim_author: str) -> str:
        return (
            "json_object('@context', 'https://schema.org', '@type', 'ClaimReview',"
            " 'url', CASE WHEN :base IS NOT NULL THEN :base WHEN instr(a.origin, '://')"
            "  THEN a.origin WHEN a.origin LIKE '/%' THEN file_uri(a.origin) ELSE '' END"
            "  || '#claim-' || c.id,"
            " 'claimReviewed', c.text,"
            # no datePublished: when the claim was made is not known (the ingest's date,
            # which it was, is when the workbench read the article, not when it appeared)
            f" 'itemReviewed', json_object('@type', 'Claim',{claim_author}"
            "  'appearance', json(CASE WHEN instr(a.origin, '://') THEN json_object('@type',"
            "   'CreativeWork', 'headline', a.title, 'url', a.origin) ELSE json_object('@type',"
            "   'CreativeWork', 'headline', a.title) END)),"
            " 'author', json_object('@type', :author_type, 'name',"
            "  coalesce(:org, (SELECT reviewer FROM sessions WHERE id = :s))),"
            " 'datePublished', substr(coalesce(v.updated_at, ''), 1, 10),"
            " 'reviewRating', json_object('@type', 'Rating',"
            f"  'ratingValue', CASE v.status {value} END, 'bestRating', :best,"
            f"  'worstRating', :worst, 'alternateName', CASE v.status {name} END))"
        )

    # two objects, with the claim's author and without: a key left out, not null
    with_author = review(f" 'author', {_claim_author()},")
    line = (f"',' || char(10) || CASE WHEN coalesce(c.by, '') != '' OR {_FROM_THE_WEB}"
            f" THEN {with_author} ELSE {review('')} END")
    return _block(db, line, _scope(reviewed_only=True, where=f" AND v.status IN ({statuses})"),
                  {"s": session_id, "base": base_url, "org": organisation,
                   "author_type": "Organization" if organisation else "Person",
                   "best": best, "worst": worst}, low, high)


# SQL: article `a` came from a web address, which names the site that published it.
_FROM_THE_WEB = "(a.origin LIKE 'http://%' OR a.origin LIKE 'https://%')"


def _claim_author() -> str:
    """SQL: the JSON of claim `c`'s author where it is known: whoever article `a` attributes
    it to, typed by by_type(); in the article's own voice, the site of the article's web
    address, an Organization named by its host. Never the headline or a file's name,
    which say nothing of who published the article."""
    rest = "substr(a.origin, instr(a.origin, '://') + 3)"
    host = (f"substr({rest}, 1, instr(replace(replace({rest}, '?', '/'), '#', '/') || '/',"
            " '/') - 1)")
    return ("CASE WHEN coalesce(c.by, '') != '' THEN json_object('@type', by_type(c.by),"
            f" 'name', c.by) ELSE json_object('@type', 'Organization', 'name', {host},"
            f" 'url', substr(a.origin, 1, instr(a.origin, '://') + 2) || {host} || '/') END")


_ROW = ("c.id, c.article_id, a.origin, a.title, c.text, c.previous_claim_id,"
        " {v}.status, {v}.confidence, {v}.sources, {v}.notes, {v}.needs_review")


def _current(v: str, session: str, versions: bool = True) -> str:
    """SQL: verdict `v` is reviewed and not superseded by a verdict of the same session on a
    newer version's claim that continues its claim: one set back to unreviewed supersedes
    it too, for the reviewer withdrew what was carried (the subquery runs once, not per
    row; without `versions`, when no claim continues another, it is left out)."""
    if not versions:
        return f"{v}.status != 'unreviewed'"
    return (
        f"{v}.status != 'unreviewed' AND {v}.claim_id NOT IN (SELECT n.previous_claim_id"
        " FROM claims n WHERE n.previous_claim_id IS NOT NULL AND EXISTS (SELECT 1"
        f" FROM verdicts vn WHERE vn.session_id = :{session} AND vn.claim_id = n.id))"
    )


def has_versions(db: Database) -> bool:
    """Whether any article has a newer version."""
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM articles"
                           " WHERE previous_id IS NOT NULL)").fetchone()[0])


def reviewed_rows(db: Database, session_id: int) -> sqlite3.Cursor:
    """A session's reviewed verdicts with their claims, as tuples in claim id order:
    (claim_id, article_id, origin, title, text, previous_claim_id, status, confidence,
    sources, notes, needs_review)."""
    return _tuples(
        db,
        f"SELECT {_ROW.format(v='v')}"
        " FROM verdicts v JOIN claims c ON c.id = v.claim_id"
        " JOIN articles a ON a.id = c.article_id"
        " WHERE v.session_id = ? AND v.status != 'unreviewed' ORDER BY v.claim_id",
        (session_id,),
    )


# Two sessions of one database compared in SQL: the claims of current article versions
# (not dropped) both reviewed pair by id; only the rest go through Python (see
# compare.diff).

_BOTH_FROM = (
    " FROM verdicts va JOIN verdicts vb ON vb.session_id = :b AND vb.claim_id = va.claim_id"
    " JOIN claims c ON c.id = va.claim_id"
)
_DIFFERENT = compared("va", "vb")
# SQL: claim c is of an article's earlier version (a set of the few such articles, built
# once a statement).
_EARLIER = "c.article_id IN (SELECT previous_id FROM articles WHERE previous_id IS NOT NULL)"


def _both_where(db: Database) -> str:
    """SQL: verdicts va and vb both reviewed, on claim c, live (not dropped, of its
    article's current version: where no article has an earlier version, every one is)."""
    return (f" WHERE va.session_id = :a AND {_current('va', 'a', False)}"
            f" AND {_current('vb', 'b', False)} AND NOT c.dropped"
            + (f" AND NOT {_EARLIER}" if has_versions(db) else ""))


def _pair_code(labels: Sequence[str]) -> str:
    """SQL: len(labels) * i + j for va.status = labels[i] and vb.status = labels[j] (a
    status not in `labels` counts as the last one)."""
    whens = " ".join(f"WHEN '{label}' THEN {i}" for i, label in enumerate(labels[:-1]))

    def code(v: str) -> str:
        return f"(CASE {v}.status {whens} ELSE {len(labels) - 1} END)"

    return f"({len(labels)} * {code('va')} + {code('vb')})"


def paired_rows(db: Database, a: int, b: int, *, differing: bool = False) -> sqlite3.Cursor:
    """Live claims both sessions reviewed (see _both_where), in claim id order: the claim's
    six fields as in reviewed_rows, then A's five verdict fields, then B's; only those
    whose verdicts differ when `differing`."""
    return _tuples(
        db,
        f"SELECT {_ROW.format(v='va')}, vb.status, vb.confidence, vb.sources, vb.notes,"
        " vb.needs_review"
        + _BOTH_FROM + " JOIN articles a ON a.id = c.article_id" + _both_where(db)
        + (f" AND {_DIFFERENT}" if differing else "") + " ORDER BY va.claim_id",
        {"a": a, "b": b},
    )


def _payload(kind: str, starts: Sequence[str], escape: str) -> tuple[str, str]:
    """SQL: a paired claim's output by `kind` ("csv": the line of the diff CSV, see
    _diff_csv_line; "json": the claim as the diff's JSON writes it, see _diff_json_line;
    "text": the line of the text diff, see _diff_text_line; "figures": nothing), and the
    joins it needs beyond _BOTH_FROM."""
    if kind == "csv":
        return _diff_csv_line(starts, escape), " JOIN articles a ON a.id = c.article_id"
    payload = {"json": _diff_json_line, "text": _diff_text_line}.get(kind)
    return (payload() if payload else "''"), ""


def paired_stream(db: Database, a: int, b: int, kind: str, *, starts: Sequence[str] = (),
                  escape: str = "") -> sqlite3.Cursor:
    """Live claims both sessions reviewed (see _both_where), in claim id order: (claim
    id, output), the output by `kind` as _payload writes it."""
    payload, joins = _payload(kind, starts, escape)
    return _tuples(
        db,
        f"SELECT c.id, {payload}" + _BOTH_FROM + joins + _both_where(db)
        + " ORDER BY va.claim_id",
        {"a": a, "b": b, "esc": escape},
    )


def paired_block(db: Database, a: int, b: int, labels: Sequence[str], kind: str, lo: int,
                 hi: int, *, starts: Sequence[str] = (), escape: str = "", width: int = 0,
                 changed: str = "changed") -> tuple[str, str, str, str] | None:
    """The live claims with ids `lo` to `hi` that both sessions reviewed (see _both_where),
    in claim id order, in one row for both the output and the figures (None when there
    are none): their outputs (_payload's of `kind`, with `starts` and `escape` for "csv",
    `width` and `changed` for "text") joined; their article ids joined by commas; a
    character a claim, chr(65 + 8 * pair + 4 * flagged_b + 2 * flagged_a + differ), for
    `pair` as _pair_code gives it, `flagged_a` 1 when A's verdict is flagged for
    re-review (needs_review), `flagged_b` B's, and `differ` 1 when the verdicts differ in
    any field; and a character a claim, chr(48 + |confidence_a -
    confidence_b|), or " " when a side has none. Handing a million rows to Python one by
    one cost it more than SQLite's work on them (bench/diff.py)."""
    payload, joins = _payload(kind, starts, escape)
    row = _tuples(
        db,
        "SELECT group_concat(o, ''), group_concat(article, ','), group_concat(code, ''),"
        f" group_concat(conf, '') FROM (SELECT {payload} AS o, c.article_id AS article,"
        f" char(65 + 8 * {_pair_code(labels)} + 4 * vb.needs_review + 2 * va.needs_review"
        f" + ({_DIFFERENT})) AS code,"
        " CASE WHEN va.confidence - vb.confidence IS NULL THEN ' '"  # char(NULL) is NUL
        " ELSE char(48 + abs(va.confidence - vb.confidence)) END AS conf"
        + _BOTH_FROM + joins + _both_where(db)
        + " AND va.claim_id BETWEEN :lo AND :hi ORDER BY va.claim_id)",
        {"a": a, "b": b, "esc": escape, "lo": lo, "hi": hi, "width": width,
         "changed": changed},
    ).fetchone()
    return None if row[0] is None else row


def claim_span(db: Database, session_id: int) -> tuple[int, int] | None:
    """The lowest and the highest claim id of the session's verdicts; None without any.
    (Asked apart, each is one step down the primary key; min and max together in one
    SELECT read every verdict of the session: 0.4 s at a million.)"""
    low, high = db.execute(
        "SELECT (SELECT min(claim_id) FROM verdicts WHERE session_id = :s),"
        " (SELECT max(claim_id) FROM verdicts WHERE session_id = :s)", {"s": session_id}
    ).fetchone()
    return None if low is None else (low, high)


def _diff_csv_line(starts: Sequence[str], escape: str) -> str:
    """SQL: a claim paired by id as a line of the diff CSV ("\n" at the end): claim_id,
    claim, change (same or changed), status_a, status_b, confidence_a, confidence_b,
    sources_a, sources_b, notes_a, notes_b, claim_id_b, match ("id"), version (""),
    article title, differs (see _by_differing), claim_b (""), needs_review_a and
    needs_review_b (the stored flag, 1, or empty). Text cells are made
    formula-safe with :esc and quoted as a csv.writer ending lines with "\n" quotes them."""
    def cell(x: str) -> str:
        return _csv_cell(x, starts, "\n")

    return _csv_joined((
        ("%d", "c.id"), ("%s", cell("c.text")),
        ("%s", f"CASE WHEN {_DIFFERENT} THEN 'changed' ELSE 'same' END"),
        ("%s", "va.status"), ("%s", "vb.status"), ("%s", "coalesce(va.confidence, '')"),
        ("%s", "coalesce(vb.confidence, '')"), ("%s", _sources_cell("va", starts, "\n")),
        ("%s", _sources_cell("vb", starts, "\n")), ("%s", cell("va.notes")),
        ("%s", cell("vb.notes")), ("%d", "c.id"), "id", "", ("%s", cell("a.title")),
        ("%s", _by_differing(lambda fields: _csv_text(", ".join(fields)))), "",
        ("%s", "nullif(va.needs_review, 0)"), ("%s", "nullif(vb.needs_review, 0)"),
    ), "\n")


def _diff_json_line() -> str:
    """SQL: a claim paired by id as the diff's JSON writes a claim: ",\n  " and the
    object (json.dumps, as render.write_json calls it). Strings go through json_quote,
    which escapes as Python's encoder does; sources are stored as json.dumps writes them.
    One call: joining the pieces with || took a quarter longer."""
    def side(v: str) -> list[Piece]:
        return ['{"claim_id": ', ("%d", "c.id"), ', "status": "', ("%s", f"{v}.status"),
                '", "confidence": ', ("%s", f"coalesce({v}.confidence, 'null')"),
                ', "sources": ', ("%s", f"{v}.sources"), ', "notes": ',
                ("%s", f"json_quote({v}.notes)"), ', "needs_review": ',
                ("%s", f"CASE WHEN {v}.needs_review THEN 'true' ELSE 'false' END"), "}"]

    return _joined([
        ',\n  {"claim_id": ', ("%d", "c.id"), ', "claim": ', ("%s", "json_quote(c.text)"),
        ', "claim_b": null, "change": "',
        ("%s", f"CASE WHEN {_DIFFERENT} THEN 'changed' ELSE 'same' END"),
        '", "match": "id", "version": "", "differs": ', ("%s", _by_differing(json.dumps)),
        ', "a": ', *side("va"), ', "b": ', *side("vb"), "}"])


def _diff_text_line() -> str:
    """SQL: a claim paired by id as a line of the text diff when the verdicts differ ("\n"
    at its end), else '': its id, :changed, each side's status and confidence, what
    differs (see _by_differing), the sides whose verdict is flagged for re-review, then
    its text, on one line, cut to :width characters with "…"."""
    def verdict(v: str) -> str:
        return f"{v}.status || coalesce(' ' || {v}.confidence, '')"

    shown = _by_differing(lambda fields: f"[differs: {', '.join(fields)}] " if fields else "")
    flagged = ("CASE 2 * vb.needs_review + va.needs_review WHEN 1 THEN '[↻ a] '"
               " WHEN 2 THEN '[↻ b] ' WHEN 3 THEN '[↻ a, b] ' ELSE '' END")
    text = f"({shown} || {flagged} || replace(c.text, char(10), ' '))"
    return (f"CASE WHEN {_DIFFERENT} THEN printf('%8d  %s %-16.16s %-16.16s %s', c.id,"
            f" :changed, {verdict('va')}, {verdict('vb')}, CASE WHEN length({text}) > :width"
            f" THEN substr({text}, 1, :width - 1) || '…' ELSE {text} END) || char(10)"
            " ELSE '' END")


def article_names(db: Database, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """{article id: (origin, title)} for those of `ids` that exist."""
    return {r[0]: (r[1], r[2]) for r in db.by_ids(
        "SELECT id, origin, title FROM articles WHERE id IN ({ids})", ids)}


def unpaired_rows(db: Database, session_id: int, other: int) -> sqlite3.Cursor:
    """The session's reviewed, not superseded verdicts on claims not dropped that the
    pairing in SQL (see _both_where) leaves out: of an article's earlier version, or that
    session `other` has not reviewed; as reviewed_rows gives them."""
    return _tuples(
        db,
        f"SELECT {_ROW.format(v='v')} FROM verdicts v JOIN claims c ON c.id = v.claim_id"
        " JOIN articles a ON a.id = c.article_id"
        f" WHERE v.session_id = :s AND {_current('v', 's')} AND NOT c.dropped"
        f" AND ({_EARLIER} OR NOT EXISTS"
        "  (SELECT 1 FROM verdicts vo WHERE vo.session_id = :o AND vo.claim_id = v.claim_id"
        f"  AND {_current('vo', 'o', False)})) ORDER BY v.claim_id",
        {"s": session_id, "o": other},
    )


def previous_links(db: Database, claim_ids: Iterable[int]) -> dict[int, int]:
    """{claim id: the claim of the previous article version it was aligned to} for those
    of `claim_ids` that have one."""
    return dict(db.by_ids("SELECT id, previous_claim_id FROM claims WHERE id IN ({ids})"
                            " AND previous_claim_id IS NOT NULL", claim_ids))


def continued(db: Database, claim_ids: Iterable[int]) -> set[int]:
    """Those of `claim_ids` that a claim of a newer article version continues."""
    return {r[0] for r in db.by_ids("SELECT DISTINCT previous_claim_id FROM claims"
                                      " WHERE previous_claim_id IN ({ids})", claim_ids)}


# What differs between two verdicts, in a diff: the fields of VALUE_COLUMNS, bit i set
# when VALUE_COLUMNS[i] differs between verdicts va and vb.
_DIFFERING_BITS = "(" + " | ".join(f"((va.{c} IS NOT vb.{c}) << {i})"
                                   for i, c in enumerate(VALUE_COLUMNS)) + ")"


def _differing(bits: int) -> list[str]:
    """The fields of VALUE_COLUMNS whose bit is set in `bits`, in that order."""
    return [c for i, c in enumerate(VALUE_COLUMNS) if bits >> i & 1]


def _by_differing(shown: Callable[[list[str]], str]) -> str:
    """SQL: `shown` of the fields in which verdicts va and vb differ, one literal for each
    set of fields (a CASE on an integer: no text is built a row)."""
    whens = " ".join(f"WHEN {bits} THEN {_literal(shown(_differing(bits)))}"
                     for bits in range(1, 2 ** len(VALUE_COLUMNS)))
    return f"CASE {_DIFFERING_BITS} {whens} ELSE {_literal(shown([]))} END"


def _csv_text(text: str) -> str:
    """`text` (no quote or line break in it) as csv.writer writes it in a cell."""
    return f'"{text}"' if "," in text else text


# One side of a diff across two databases: ids of one name nothing in the other, so a
# claim is named by its article's text (content hash) and its own.


def live_rows(db: Database, session_id: int) -> sqlite3.Cursor:
    """The session's reviewed, not superseded verdicts on claims not dropped, as
    reviewed_rows gives them."""
    return _tuples(
        db,
        f"SELECT {_ROW.format(v='v')} FROM verdicts v"
        " JOIN claims c ON c.id = v.claim_id JOIN articles a ON a.id = c.article_id"
        f" WHERE v.session_id = :s AND {_current('v', 's')} AND NOT c.dropped"
        " ORDER BY v.claim_id",
        {"s": session_id},
    )


def claim_keys(db: Database, claim_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """{claim id: (its article's content hash, its text)} for those of `claim_ids` that
    exist."""
    return {r[0]: (r[1], r[2]) for r in db.by_ids(
        "SELECT c.id, a.content_hash, c.text FROM claims c"
            " JOIN articles a ON a.id = c.article_id WHERE c.id IN ({ids})", claim_ids)}


def claims_by_key(db: Database, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """{(content hash, text): claim id} for those of `keys` that name a claim here, not
    dropped (the first by id, where two do)."""
    keys = set(keys)
    found: dict[tuple[str, str], int] = {}
    for content_hash, text, claim_id in db.by_ids(
            "SELECT a.content_hash, c.text, c.id FROM articles a JOIN claims c"
                " ON c.article_id = a.id WHERE a.content_hash IN ({ids}) AND NOT c.dropped"
                " ORDER BY c.id", sorted({k[0] for k in keys})):
        if (content_hash, text) in keys:
            found.setdefault((content_hash, text), claim_id)
    return found


def article_hashes(db: Database, article_ids: Iterable[int]) -> dict[int, str]:
    """{article id: content hash} for those of `article_ids` that exist."""
    return dict(db.by_ids("SELECT id, content_hash FROM articles WHERE id IN ({ids})",
                        article_ids))


def articles_by_hash(db: Database, hashes: Iterable[str]) -> dict[str, int]:
    """{content hash: article id} for those of `hashes` an article here has: the newest
    version with that text, when a text came back (an edit reverted)."""
    return dict(db.by_ids("SELECT content_hash, id FROM articles"
                            " WHERE content_hash IN ({ids}) ORDER BY id", hashes))
