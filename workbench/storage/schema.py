"""The schema, as numbered migrations that run forward from version 1.

`PRAGMA user_version` holds the number of the last migration applied and
`PRAGMA application_id` marks the file as a workbench database.
"""

from __future__ import annotations

APPLICATION_ID = 0x57424E43  # "WBNC"

STATUSES = "('unreviewed','supported','refuted','misleading','unverifiable','not_a_claim')"
KINDS = "('fact','quote','prediction','opinion')"
ENTITIES = "('claim', 'verdict', 'session')"


def _quote(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _in_as_ors(column: str, values: str) -> str:
    """SQL that rewrites a stored `CHECK (column IN values)` as the same rule in comparisons."""
    ors = " OR ".join(f"{column} = {v.strip()}" for v in values[1:-1].split(","))
    return f"replace(sql, {_quote(f'CHECK ({column} IN {values})')}, {_quote(f'CHECK ({ors})')})"


MIGRATIONS: list[str] = [
    # 1: articles, claims, sessions, verdicts and the append-only history.
    f"""
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL DEFAULT 1,
        previous_id INTEGER REFERENCES articles(id),
        format TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_origin ON articles(origin, version);
    CREATE INDEX articles_previous ON articles(previous_id);

    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        by TEXT,
        kind TEXT NOT NULL DEFAULT 'fact' CHECK (kind IN {KINDS}),
        checkworthiness REAL NOT NULL DEFAULT 0.5,
        dropped INTEGER NOT NULL DEFAULT 0,
        CHECK (0 <= start AND start <= "end")
    );
    CREATE INDEX claims_article_seq ON claims(article_id, seq);

    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        reviewer TEXT NOT NULL,
        created_at TEXT NOT NULL,
        forked_from INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
        last_claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL
    );

    CREATE TABLE verdicts (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        status TEXT NOT NULL DEFAULT 'unreviewed' CHECK (status IN {STATUSES}),
        confidence INTEGER CHECK (confidence BETWEEN 0 AND 100),
        sources TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        needs_review INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (session_id, claim_id)
    ) WITHOUT ROWID;
    CREATE INDEX verdicts_claim ON verdicts(claim_id);
    CREATE INDEX verdicts_session_status ON verdicts(session_id, status);

    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        session_id INTEGER,
        claim_id INTEGER,
        entity TEXT NOT NULL CHECK (entity IN {ENTITIES}),
        action TEXT NOT NULL,
        old TEXT,
        new TEXT
    );
    CREATE INDEX history_claim ON history(claim_id, id);
    CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    """,
    # 2: views for the questions people ask of the file in any SQLite tool,
    # and the index undo walks (a session's history, newest first).
    """
    CREATE INDEX history_session ON history(session_id, id);
    CREATE VIEW current_articles AS
        SELECT a.* FROM articles a
        WHERE NOT EXISTS (SELECT 1 FROM articles b WHERE b.previous_id = a.id);
    CREATE VIEW verdict_sheet AS
        SELECT c.id AS claim_id, a.title AS article, c.seq, c.text AS claim, c.by,
               s.name AS session, v.status, v.confidence, v.sources, v.notes,
               v.reviewer, v.updated_at
        FROM verdicts v
        JOIN claims c ON c.id = v.claim_id
        JOIN articles a ON a.id = c.article_id
        JOIN sessions s ON s.id = v.session_id;
    """,
    # 3: a claim of a new article version remembers the claim of the previous version it
    # was aligned to, so verdicts can be carried over and diffs can match across versions.
    """
    ALTER TABLE claims ADD COLUMN previous_claim_id INTEGER REFERENCES claims(id);
    CREATE INDEX claims_previous ON claims(previous_claim_id);
    """,
    # 4: the review list at a million claims: partial indexes over the live (not dropped)
    # claims in article order and by check-worthiness, so pages and counts read an index
    # only; and full-text search over claim text (external content, kept in step by
    # triggers) for search and "similar claims reviewed before".
    """
    CREATE INDEX claims_live ON claims(article_id, seq) WHERE NOT dropped;
    CREATE INDEX claims_worthiness ON claims(checkworthiness DESC) WHERE NOT dropped;
    CREATE VIRTUAL TABLE claims_fts USING fts5(
        text, content='claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO claims_fts(rowid, text) SELECT id, text FROM claims;
    CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END;
    """,
    # 5: index claim text in bulk from storage.claims.insert_many instead of a trigger per
    # row: the trigger cost about 19 µs a claim, a bulk insert about 4 µs (bench/ingest.py).
    """
    DROP TRIGGER claims_fts_insert;
    """,
    # 6: rows that one reviewer action wrote (a split, a merge, an undo of either) share a
    # step, the id of the action's first row (NULL on that row), so undo takes them back
    # together; grouping by timestamp merged two quick tags made in the same millisecond.
    """
    ALTER TABLE history ADD COLUMN step INTEGER;
    """,
    # 7: how many claims hold each word, read from the full-text index itself, so search
    # asks first for rare words and never ranks a hundred thousand claims at once.
    """
    CREATE VIRTUAL TABLE claims_fts_vocab USING fts5vocab(claims_fts, row);
    """,
    # 8: cheaper claim inserts (bench/ingest.py). A claim's kind is checked by comparisons
    # rather than an IN list, for which SQLite built a temporary b-tree on every row inserted
    # (40% of the work of storing a claim). The rule is the same, so the stored CREATE TABLE
    # is edited in place, as SQLite documents for constraint changes (lang_altertable.html,
    # section 7), not rebuilt. The index of links to a previous version leaves out the claims
    # without one (8% less work); recreating it also makes open connections reload the schema.
    f"""
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = {_in_as_ors("kind", KINDS)}
    WHERE type = 'table' AND name = 'claims';
    PRAGMA writable_schema = RESET;
    DROP INDEX claims_previous;
    CREATE INDEX claims_previous ON claims(previous_claim_id) WHERE previous_claim_id IS NOT NULL;
    """,
    # 9: cheaper verdict and history writes (bench/exchange.py import, and every tag): a
    # verdict's status and a history row's entity are checked by comparisons too, as
    # migration 8 did for a claim's kind. The status IN list cost about 5 µs a row written
    # (500k in-memory inserts: 4.3 s with it, 1.8 s without). Recreating the session/status
    # index makes open connections reload the schema.
    f"""
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = {_in_as_ors("status", STATUSES)}
    WHERE type = 'table' AND name = 'verdicts';
    UPDATE sqlite_schema SET sql = {_in_as_ors("entity", ENTITIES)}
    WHERE type = 'table' AND name = 'history';
    PRAGMA writable_schema = RESET;
    DROP INDEX verdicts_session_status;
    CREATE INDEX verdicts_session_status ON verdicts(session_id, status);
    """,
    # 10: cheaper claim inserts (bench/ingest.py). Every read of an article's claims leaves
    # out dropped ones and so walks the partial index claims_live; the full index on the
    # same columns served no query (articles are never deleted, so no foreign-key check
    # needs it) and cost about a tenth of storing a claim.
    """
    DROP INDEX claims_article_seq;
    """,
    # 11: cheaper writes of a whole session (an import into a new session, a fork, a final
    # session): no index takes a session's rows in scattered places. Verdicts by status
    # served only counts of the reviewed ones, which read a session's verdicts in claim
    # order faster without it (0.57 s a million, not 1.1). A claim's history in a session
    # is found by session and claim, appended to in claim order as a session is written,
    # and the changes to claims themselves (edits, splits, merges, drops) by claim.
    """
    DROP INDEX verdicts_session_status;
    DROP INDEX history_claim;
    CREATE INDEX history_session_claim ON history(session_id, claim_id);
    CREATE INDEX history_claim_changes ON history(claim_id) WHERE entity = 'claim';
    """,
    # 12: the same for verdicts by claim, which took a session's verdicts in scattered places
    # too (a tenth of writing an imported million). The few reads of a claim's verdicts in
    # every session (carrying them to a new version, similar claims) go session by session,
    # through the primary key.
    """
    DROP INDEX verdicts_claim;
    """,
    # 13: a text may come back. An editor who reverts a change makes an article's earlier
    # text its newest again: a new version with the same text, and hash, as an earlier one,
    # so content_hash is indexed but no longer UNIQUE (articles.insert still keeps any other
    # text from being stored twice). SQLite cannot drop a UNIQUE constraint, so the table is
    # rebuilt (lang_altertable.html, section 7), with foreign keys on: a migration runs in a
    # transaction, where they cannot be turned off. They are deferred instead. Dropping the
    # table deletes every article first, counting each claim and later version it leaves
    # without one; the rows put back under the same name, ids kept, count them off again,
    # so the commit fails, and nothing changes, unless every reference is whole again.
    # (Turning defer_foreign_keys off would zero that count; it goes off by itself at the
    # commit.) The counts look claims up by article through a transient index, and later
    # versions through the new table's indexes, made before its rows go in (without them,
    # each row put back scanned every article's text: 100 s for 10,000 articles, not 1.5).
    # 2.6 s in all for 10,000 articles and a million claims. The views name articles and
    # read the new table as they read the old one.
    """
    PRAGMA defer_foreign_keys = ON;
    CREATE INDEX claims_article_rebuild ON claims(article_id);
    CREATE TEMP TABLE articles_rebuild AS
        SELECT id, origin, title, text, content_hash, version, previous_id, format, ingested_at
        FROM main.articles;
    DROP TABLE main.articles;
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        previous_id INTEGER REFERENCES articles(id),
        format TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_origin ON articles(origin, version);
    CREATE INDEX articles_previous ON articles(previous_id);
    CREATE INDEX articles_content_hash ON articles(content_hash);
    INSERT INTO main.articles
        (id, origin, title, text, content_hash, version, previous_id, format, ingested_at)
        SELECT id, origin, title, text, content_hash, version, previous_id, format, ingested_at
        FROM temp.articles_rebuild ORDER BY id;
    DROP TABLE temp.articles_rebuild;
    DROP INDEX claims_article_rebuild;
    """,
    # 14: a blind session: a second checker's, who must not see another session's verdicts,
    # not even on the same statement in another article (similar claims).
    """
    ALTER TABLE sessions ADD COLUMN blind INTEGER NOT NULL DEFAULT 0;
    """,
]

LATEST_VERSION = len(MIGRATIONS)
