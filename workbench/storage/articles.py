"""The articles table: one row per version of a source text."""

from __future__ import annotations

from workbench.errors import NotFound, WorkbenchError
from workbench.storage.clock import now
from workbench.storage.db import Database
from workbench.storage.engine import sqlite3


def find_by_hash(db: Database, content_hash: str) -> sqlite3.Row | None:
    """The id, title, origin and version of the newest article version whose text has this
    hash, if any, and the newest version of that article (`latest`). A text an article had,
    lost and got back is held by more than one of its versions: the newest one (a version
    is stored after the one it replaces, so by the largest id, read off the index)."""
    return db.execute(
        "SELECT id, title, origin, version, (SELECT max(b.version) FROM articles b"
        " WHERE b.origin = a.origin) AS latest FROM articles a WHERE content_hash = ?"
        " ORDER BY id DESC LIMIT 1",
        (content_hash,),
    ).fetchone()


def newest_of(db: Database, article_id: int) -> sqlite3.Row:
    """The id and title of the newest version of the article `article_id` is a version of
    (itself, unless a re-ingest has replaced it); NotFound when there is no such article."""
    row = db.execute(
        "SELECT n.id, n.title FROM articles a JOIN articles n ON n.origin = a.origin"
        " WHERE a.id = ? ORDER BY n.version DESC LIMIT 1", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return row


def latest_by_origin(db: Database, origin: str) -> sqlite3.Row | None:
    """The id and version of the newest version of the article first ingested from `origin`."""
    return db.execute(
        "SELECT id, version FROM articles WHERE origin = ? ORDER BY version DESC LIMIT 1",
        (origin,),
    ).fetchone()


def insert(
    db: Database,
    *,
    origin: str,
    title: str,
    text: str,
    content_hash: str,
    format: str,
    previous: sqlite3.Row | None = None,
    at: str | None = None,
) -> int | None:
    """Add an article version (a new version of `previous`, the newest from `origin`, when
    given), ingested `at` (a `clock.now()`; now when not given); returns its id, or None
    (writing nothing) when its text is stored already: as an article's newest text, or as
    any text of another article. A text that only earlier versions of `previous`'s own
    article hold is stored again, as its newest version (an edit reverted)."""
    previous_id = previous["id"] if previous else None
    if db.execute(
        "SELECT 1 FROM articles WHERE content_hash = ?1"
        " AND (?2 IS NULL OR id = ?2 OR origin <> ?3) LIMIT 1",
        (content_hash, previous_id, origin),
    ).fetchone():  # asked apart: an INSERT … SELECT that reads articles stages its row in
        return None  # a temporary table first, which cost more than this query
    cur = db.execute(
        "INSERT INTO articles (origin, title, text, content_hash, version, previous_id,"
        " format, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            origin,
            title,
            text,
            content_hash,
            previous["version"] + 1 if previous else 1,
            previous_id,
            format,
            at or now(),
        ),
    )
    return int(cur.lastrowid)


def get(db: Database, article_id: int) -> sqlite3.Row:
    """One article version by id."""
    row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    return row


def resolve(db: Database, ref: str) -> int:
    """An article id from what a user typed: an id, an exact title, or an origin path."""
    if ref.isdigit():
        return int(get(db, int(ref))["id"])
    rows = db.query(
        "SELECT id, origin FROM current_articles WHERE title = ? OR origin = ? OR origin LIKE ?"
        " ORDER BY id LIMIT 6",
        (ref, ref, f"%/{ref}"),
    )
    if not rows:
        raise NotFound(f"no article matches {ref!r}")
    if len(rows) > 1:
        named = ", ".join(f"#{r['id']} ({r['origin']})" for r in rows[:5])
        raise WorkbenchError(f"{ref!r} names {'more than 5' if len(rows) > 5 else len(rows)}"
                             f" articles: {named}; give the id")
    return int(rows[0]["id"])


def several(db: Database) -> bool:
    """Whether the database holds more than one article (each in its newest version)."""
    return db.execute("SELECT count(*) FROM (SELECT 1 FROM current_articles LIMIT 2)"
                      ).fetchone()[0] > 1


def list_current(db: Database) -> list[sqlite3.Row]:
    """The newest version of every article, with its number of claims, oldest first."""
    return db.query(
        "SELECT a.id, a.title, a.origin, a.version, a.ingested_at,"
        " (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND NOT c.dropped) AS claims"
        " FROM current_articles a ORDER BY a.id"
    )
