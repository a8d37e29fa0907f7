"""The sessions table: named passes of review."""

from __future__ import annotations

from workbench.errors import NotFound, WorkbenchError
from workbench.storage import claims, history
from workbench.storage.clock import now
from workbench.storage.db import Database
from workbench.storage.engine import sqlite3


def check_free(db: Database, name: str, renamed: int | None = None) -> None:
    """WorkbenchError unless `name` is free for a session (for session `renamed`, to
    rename it): no other session has it, nor it in another case ("Ann-Desk" beside
    "ann-desk": one would be taken for the other)."""
    alike = db.execute("SELECT name FROM sessions WHERE name = ? COLLATE NOCASE AND id IS NOT ?"
                       " ORDER BY name = ? DESC LIMIT 1", (name, renamed, name)).fetchone()
    if alike is not None and alike[0] == name:
        raise WorkbenchError(f"session {name!r} already exists")
    if alike is not None:
        raise WorkbenchError(f"session {alike[0]!r} exists: a name that differs from it only"
                             " in case would be taken for it")


def create(db: Database, name: str, reviewer: str, forked_from: int | None = None,
           *, blind: bool = False) -> int:
    """Add a session; with `forked_from`, copy that session's verdicts into it. Its id is
    one no session had before: history keeps a deleted session's rows under its id, and a
    new session given that id would show them, and undo them, as its own."""
    check_free(db, name)
    with db.transaction():
        cur = db.execute(
            "INSERT INTO sessions (id, name, reviewer, created_at, forked_from, blind) VALUES ("
            "max(coalesce((SELECT max(id) FROM sessions), 0),"
            " coalesce((SELECT max(session_id) FROM history), 0)) + 1, ?, ?, ?, ?, ?)",
            (name, reviewer, now(), forked_from, int(blind)),
        )
        session_id = int(cur.lastrowid)
        if forked_from is not None:
            copied = db.execute(
                "INSERT INTO verdicts (session_id, claim_id, status, confidence, sources, notes,"
                " reviewer, updated_at, needs_review)"
                " SELECT ?, claim_id, status, confidence, sources, notes, reviewer, updated_at,"
                " needs_review FROM verdicts WHERE session_id = ?",
                (session_id, forked_from),
            ).rowcount
            # one row for the verdicts copied: each keeps its own in the session forked
            parent = db.execute("SELECT name FROM sessions WHERE id = ?",
                                (forked_from,)).fetchone()[0]
            history.append(db, at=now(), who=reviewer, entity="session", action="fork",
                           session_id=session_id,
                           new={"name": name, "from": parent, "verdicts": copied})
    return session_id


def get_by_name(db: Database, name: str) -> sqlite3.Row | None:
    """The session called `name`, or None."""
    return db.execute("SELECT * FROM sessions WHERE name = ?", (name,)).fetchone()


def get(db: Database, session_id: int) -> sqlite3.Row | None:
    """The session with that id, or None (deleted)."""
    return db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()


def exists(db: Database, session_id: int) -> bool:
    """Whether the session is still there (another process may have deleted it)."""
    return get(db, session_id) is not None


def require(db: Database, name: str) -> sqlite3.Row:
    """The session called `name`; NotFound names it when there is none."""
    row = get_by_name(db, name)
    if row is None:
        alike = db.execute("SELECT name FROM sessions WHERE lower(name) = lower(?)"
                           " ORDER BY id LIMIT 1", (name,)).fetchone()
        hint = f" (did you mean {alike['name']!r}?)" if alike is not None else ""
        raise NotFound(f"no session named {name!r}{hint}")
    return row


def latest_for_reviewer(db: Database, reviewer: str) -> sqlite3.Row | None:
    """The reviewer's session changed last (a tag, an edit: not a rename or the verdicts
    it started with), else the one created last: where they were working, not the
    `final` an adjudication started for them after."""
    return db.execute(
        "SELECT * FROM sessions s WHERE reviewer = ? ORDER BY (SELECT h.id FROM history h"
        " WHERE h.session_id = s.id AND h.entity != 'session' ORDER BY h.id DESC LIMIT 1)"
        " DESC NULLS LAST, created_at DESC, id DESC LIMIT 1",  # newest first: no scan
        (reviewer,),
    ).fetchone()


def list_with_progress(db: Database) -> list[sqlite3.Row]:
    """Every session with reviewed / total claims over the current article versions (a
    verdict flagged for re-review not counted as reviewed)."""
    return db.query(
        "WITH scope AS (SELECT c.id FROM claims c"
        "   WHERE NOT c.dropped AND c.article_id IN (SELECT id FROM current_articles))"
        " SELECT s.id, s.name, s.reviewer, s.created_at, f.name AS forked_from, s.blind,"
        "  (SELECT count(*) FROM verdicts v WHERE v.session_id = s.id"
        f"    AND {claims.REVIEWED} AND v.claim_id IN scope) AS reviewed,"
        "  (SELECT count(*) FROM scope) AS total"
        " FROM sessions s LEFT JOIN sessions f ON f.id = s.forked_from ORDER BY s.id"
    )


def set_cursor(db: Database, session_id: int, claim_id: int) -> None:
    """Remember the claim a session was left on."""
    db.execute("UPDATE sessions SET last_claim_id = ? WHERE id = ?", (claim_id, session_id))



NAME_MOST = 80  # characters in a session's name: it heads listings, sheets and diffs


def check_name(name: str) -> None:
    """WorkbenchError for a name a session cannot have: none, or one `diff` would read as
    a session of another database (PATH.db:SESSION)."""
    if not name:
        raise WorkbenchError("a session needs a name")
    if ".db:" in name:
        raise WorkbenchError(f"{name!r}: a session name cannot hold '.db:' (diff reads"
                             " PATH.db:SESSION as a session of another database)")
    if not name.isprintable():  # a tab or a line break broke every listing of sessions
        raise WorkbenchError(f"{name!r}: a session name is one line of printable text")
    if len(name) > NAME_MOST:
        raise WorkbenchError(f"a session name of {len(name)} characters: at most {NAME_MOST}")



def rename(db: Database, old: str, new: str, who: str) -> None:
    """Give a session a new name (the name must be free), and log it."""
    new = new.strip()
    check_name(new)
    with db.transaction():
        session = require(db, old)
        if old == new:
            return
        check_free(db, new, session["id"])
        db.execute("UPDATE sessions SET name = ? WHERE id = ?", (new, session["id"]))
        history.append(db, at=now(), who=who, entity="session", action="rename",
                       session_id=session["id"], old={"name": old}, new={"name": new})


def count_reviewed(db: Database, session_id: int) -> int:
    """How many verdicts of the session are more than 'unreviewed'."""
    row = db.execute(
        "SELECT count(*) FROM verdicts WHERE session_id = ? AND status != 'unreviewed'",
        (session_id,),
    ).fetchone()
    return int(row[0])


def count_shown(db: Database, session_id: int) -> int:
    """How many of the session's verdicts more than 'unreviewed' some view shows: on
    claims not dropped, of their article's current version (a merged-away claim's, or an
    earlier version's, which a re-ingest carried on, are not counted again)."""
    return int(db.execute(
        "SELECT count(*) FROM verdicts v JOIN claims c ON c.id = v.claim_id"
        " WHERE v.session_id = ? AND v.status != 'unreviewed' AND NOT c.dropped"
        f" AND {claims.CURRENT_VERSION}", (session_id,)).fetchone()[0])


def delete(db: Database, name: str, who: str, *, force: bool = False) -> int:
    """Remove a session and its verdicts; returns how many reviewed verdicts went.

    Refused while the session holds reviewed verdicts, unless `force`. The
    history keeps every verdict the session ever had, and a row for the deletion.
    """
    with db.transaction():
        session = require(db, name)
        reviewed = count_shown(db, session["id"])
        if reviewed and not force:
            raise WorkbenchError(
                f"session {name!r} holds {reviewed} reviewed verdict{'' if reviewed == 1 else 's'};"
                " use --force to delete it anyway"
            )
        db.execute("UPDATE sessions SET forked_from = NULL WHERE forked_from = ?",
                   (session["id"],))
        db.execute("DELETE FROM verdicts WHERE session_id = ?", (session["id"],))
        db.execute("DELETE FROM sessions WHERE id = ?", (session["id"],))
        history.append(db, at=now(), who=who, entity="session", action="delete",
                       session_id=session["id"],
                       old={"name": name, "reviewer": session["reviewer"], "reviewed": reviewed})
    return reviewed
