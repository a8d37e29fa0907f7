"""Storage: schema and migrations, refusing foreign files, transactions, history."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from workbench import review
from workbench.errors import WorkbenchError
from workbench.ingest import ingest_file
from workbench.model import Claim, Source, Status
from workbench.storage import articles, claims, history, open_db, sessions
from workbench.storage.db import BULK_CACHE_KIB
from workbench.storage.engine import sqlite3
from workbench.storage.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS


def add_article(db, text="Prices rose 4% in May. The mayor closed 12 schools.") -> int:
    with db.transaction():
        article_id = articles.insert(
            db,
            origin="/tmp/a.txt",
            title="A",
            text=text,
            content_hash=str(hash(text)),
            format="txt",
        )
        claims.insert_many(
            db,
            article_id,
            [
                Claim(1, "Prices rose 4% in May.", 0, 22),
                Claim(2, "The mayor closed 12 schools.", 23, 51),
            ],
        )
    return article_id


class TestSchema:
    def test_new_database_is_current_wal_with_foreign_keys(self, db):
        assert db.schema_version == LATEST_VERSION
        assert db.query("PRAGMA journal_mode")[0][0] == "wal"
        assert db.query("PRAGMA foreign_keys")[0][0] == 1
        assert db.query("PRAGMA application_id")[0][0] == APPLICATION_ID
        assert db.query("PRAGMA busy_timeout")[0][0] >= 1000

    def test_migrates_forward_from_version_one_keeping_data(self, db_path):
        with open_db(db_path, migrate_to=1) as old:
            assert old.schema_version == 1
            # rows as a version-1 workbench wrote them
            old.execute(
                "INSERT INTO articles (id, origin, title, text, content_hash, format,"
                " ingested_at) VALUES (1, 'a.txt', 'A', 'Prices rose.', 'h', 'txt', 'now')"
            )
            old.execute(
                'INSERT INTO claims (article_id, seq, text, start, "end")'
                " VALUES (1, 1, 'Prices rose.', 0, 12)"
            )
        with open_db(db_path) as db:
            assert db.schema_version == LATEST_VERSION
            assert [r["title"] for r in articles.list_current(db)] == ["A"]
            # the view added by migration 2 answers over the old rows
            assert db.query("SELECT count(*) FROM current_articles")[0][0] == 1
            # claims written before the full-text index existed are found by it
            assert db.query("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'prices'")[0][0]

    def test_statuses_and_kinds_are_still_checked_after_the_cheaper_checks(self, db):
        schema = " ".join(r[0] for r in db.query("SELECT sql FROM sqlite_schema WHERE sql > ''"))
        assert " IN ('" not in schema  # migrations 8 and 9 replaced both IN lists
        db.execute(
            "INSERT INTO articles (id, origin, title, text, content_hash, format,"
            " ingested_at) VALUES (1, 'a.txt', 'A', 'Prices rose.', 'h', 'txt', 'now')"
        )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(
                'INSERT INTO claims (article_id, seq, text, start, "end", kind)'
                " VALUES (1, 1, 'Prices rose.', 0, 12, 'rumour')"
            )
        db.execute(
            'INSERT INTO claims (id, article_id, seq, text, start, "end", kind)'
            " VALUES (1, 1, 1, 'Prices rose.', 0, 12, 'opinion')"
        )
        session = sessions.create(db, "ann", reviewer="ann")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(
                "INSERT INTO verdicts (session_id, claim_id, status, reviewer, updated_at)"
                " VALUES (?, 1, 'true', 'ann', 'now')",
                (session,),
            )
        db.execute(
            "INSERT INTO verdicts (session_id, claim_id, status, reviewer, updated_at)"
            " VALUES (?, 1, 'not_a_claim', 'ann', 'now')",
            (session,),
        )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # history's, rewritten too
            db.execute("INSERT INTO history (at, who, entity, action) VALUES"
                       " ('now', 'ann', 'bogus', 'tag')")

    def test_a_text_stored_already_is_not_stored_again(self, db):
        first = articles.insert(db, origin="a", title="A", text="t", content_hash="h", format="txt")
        again = articles.insert(db, origin="b", title="B", text="t", content_hash="h", format="txt")
        assert first is not None and again is None
        assert db.query("SELECT origin FROM articles")[0][0] == "a"

    def test_an_earlier_text_comes_back_only_as_its_own_article_s_newest(self, db):
        def add(origin, content_hash, previous=None):
            return articles.insert(db, origin=origin, title=origin.upper(), text=content_hash,
                                   content_hash=content_hash, format="txt", previous=previous)

        first = add("a", "h1")
        second = add("a", "h2", articles.latest_by_origin(db, "a"))
        add("b", "h3")
        assert add("a", "h2", articles.latest_by_origin(db, "a")) is None  # its newest already
        assert add("b", "h1", articles.latest_by_origin(db, "b")) is None  # another article's
        assert add("c", "h1") is None
        assert articles.find_by_hash(db, "h1")["id"] == first
        third = add("a", "h1", articles.latest_by_origin(db, "a"))  # a change reverted
        row = articles.get(db, third)
        assert (row["version"], row["previous_id"], row["content_hash"]) == (3, second, "h1")
        found = articles.find_by_hash(db, "h1")  # the newest version holding it
        assert (found["id"], found["version"], found["latest"], found["origin"]) == (
            third, 3, 3, "a")

    def test_foreign_keys_enforced(self, db):
        with pytest.raises(sqlite3.IntegrityError):
            claims.insert_many(db, 999, [Claim(1, "x", 0, 1)])


COUNCIL = ("Council closes schools\n\nThe council closed 12 schools on Monday. Officials"
           " said 3,000 pupils were sent home.\n")


class TestRevertMigration:
    """Migration 13 rebuilds the articles table without UNIQUE on content_hash."""

    REBUILD = 13

    def old_database(self, tmp_path):
        """A file as the previous workbench left it: an article in two versions, verdicts
        carried from the first to the second, another article, history."""
        path = tmp_path / "old.db"
        council = tmp_path / "council.txt"
        council.write_text(COUNCIL)
        (tmp_path / "budget.txt").write_text("Budget\n\nThe city spent $4 million on roads.\n")
        with open_db(path, migrate_to=self.REBUILD - 1) as old:
            first = ingest_file(old, council)
            ingest_file(old, tmp_path / "budget.txt")
            session = old.execute(  # as that workbench wrote a session
                "INSERT INTO sessions (name, reviewer, created_at) VALUES ('a', 'ann', 'now')"
            ).lastrowid
            for claim in claims.stream(old, claims.ClaimFilter(article_id=first.article_id)):
                review.tag(old, session, claim["id"], who="ann", status="supported")
            council.write_text(COUNCIL.replace("12", "15"))
            assert ingest_file(old, council).changes.carried > 0
        return path, council

    @staticmethod
    def dump(db):
        return {table: [tuple(r) for r in db.query(f"SELECT * FROM {table} ORDER BY 1, 2")]
                for table in ("articles", "claims", "sessions", "verdicts", "history",
                              "current_articles", "verdict_sheet")}

    def test_keeps_every_row_and_reference(self, tmp_path):
        path, council = self.old_database(tmp_path)
        with open_db(path, migrate_to=self.REBUILD - 1) as old:
            before = self.dump(old)
            table = old.query("SELECT sql FROM sqlite_schema WHERE name = 'articles'")[0][0]
            assert "content_hash TEXT NOT NULL UNIQUE" in table
        with open_db(path, migrate_to=self.REBUILD) as db:  # the rebuild alone
            assert db.schema_version == self.REBUILD
            assert self.dump(db) == before
            assert db.query("PRAGMA foreign_key_check") == []
            assert [tuple(r) for r in db.query("PRAGMA integrity_check")] == [("ok",)]
            schema = {r["name"]: r["sql"] for r in db.query(
                "SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'articles'")}
            assert "UNIQUE" not in schema["articles"]
            assert set(schema) == {"articles", "articles_origin", "articles_previous",
                                   "articles_content_hash"}
            assert not db.query("SELECT 1 FROM sqlite_schema WHERE name LIKE '%rebuild%'")
            plan = " ".join(r["detail"] for r in db.query(
                "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE content_hash = 'h'"))
            assert "articles_content_hash" in plan
            council.write_text(COUNCIL)  # and the first text can come back
            third = ingest_file(db, council)
            # its claims are v1's word for word: the verdicts made on them, not flagged
            assert (third.outcome, third.version, third.changes.flagged) == ("new_version", 3, 0)
            assert third.changes.carried > 0
            assert db.query("PRAGMA foreign_key_check") == []

    def test_a_rebuild_that_lost_an_article_is_not_committed(self, tmp_path, monkeypatch):
        """The deferred foreign keys are the migration's safety net: had the rows not all
        come back, the commit fails and the file stays as it was."""
        path, _ = self.old_database(tmp_path)
        rebuild = MIGRATIONS[self.REBUILD - 1]
        lossy = rebuild.replace("ORDER BY id", "WHERE id > 1 ORDER BY id")
        assert lossy != rebuild
        monkeypatch.setattr("workbench.storage.db.MIGRATIONS", [
            lossy if m is rebuild else m for m in MIGRATIONS])
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            open_db(path)
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == self.REBUILD - 1
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        finally:
            conn.close()


class TestRefusesForeignFiles:
    def test_text_file(self, tmp_path):
        path = tmp_path / "notes.db"
        path.write_text("hello, not a database\n")
        with pytest.raises(WorkbenchError, match="not a workbench database"):
            open_db(path)
        assert path.read_text() == "hello, not a database\n"

    def test_other_sqlite_database(self, tmp_path):
        path = tmp_path / "other.db"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE birds (name TEXT)")
        conn.commit()
        conn.close()
        before = path.read_bytes()
        with pytest.raises(WorkbenchError, match="not a workbench database"):
            open_db(path)
        assert path.read_bytes() == before

    def test_newer_schema(self, db_path):
        open_db(db_path).close()
        conn = sqlite3.connect(db_path)
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.close()
        before = db_path.read_bytes()
        with pytest.raises(WorkbenchError, match="newer"):
            open_db(db_path)
        assert db_path.read_bytes() == before


class TestTransactions:
    def test_bulk_writes_get_a_larger_cache_then_the_usual_one(self, db):
        usual = db.query("PRAGMA cache_size")[0][0]
        with pytest.raises(RuntimeError), db.bulk():
            assert db.query("PRAGMA cache_size")[0][0] == -BULK_CACHE_KIB
            raise RuntimeError("boom")
        assert db.query("PRAGMA cache_size")[0][0] == usual

    def test_error_rolls_back_the_whole_block(self, db):
        with pytest.raises(RuntimeError), db.transaction():
            articles.insert(db, origin="x", title="t", text="t", content_hash="h", format="txt")
            raise RuntimeError("boom")
        assert articles.find_by_hash(db, "h") is None

    def test_a_block_that_checks_references_itself_leaves_foreign_keys_on(self, db):
        def foreign_keys() -> int:
            return db.query("PRAGMA foreign_keys")[0][0]

        with db.transaction(references_checked=True):
            assert foreign_keys() == 0
        assert foreign_keys() == 1
        with pytest.raises(RuntimeError), db.transaction(references_checked=True):
            raise RuntimeError("boom")
        assert foreign_keys() == 1
        with db.transaction(), db.transaction(references_checked=True):
            assert foreign_keys() == 1  # the outer block's setting holds
        with pytest.raises(sqlite3.IntegrityError), db.transaction():
            db.execute("INSERT INTO verdicts (session_id, claim_id, reviewer, updated_at)"
                       " VALUES (99, 99, 'x', 'now')")

    def test_nested_block_is_a_savepoint(self, db):
        with db.transaction():
            articles.insert(db, origin="x", title="t", text="t", content_hash="h1", format="txt")
            with pytest.raises(RuntimeError), db.transaction():
                articles.insert(
                    db, origin="y", title="u", text="u", content_hash="h2", format="txt"
                )
                raise RuntimeError("inner")
        assert articles.find_by_hash(db, "h1") is not None
        assert articles.find_by_hash(db, "h2") is None

    def test_reads_in_one_block_see_the_state_it_began_on(self, db, db_path):
        def names() -> list[str]:
            return [r["name"] for r in db.query("SELECT name FROM sessions ORDER BY name")]

        sessions.create(db, "a", "ann")
        other = open_db(db_path)
        with db.reading():
            assert names() == ["a"]
            sessions.create(other, "b", "bob")  # saved meanwhile by another reviewer
            with db.reading():  # nested: the same state, no savepoint
                assert names() == ["a"]
        assert names() == ["a", "b"]
        other.close()

    def test_a_second_writer_waits_instead_of_failing(self, db, db_path):
        add_article(db)
        sessions.create(db, "a", "ann")
        other = open_db(db_path)
        sessions.create(other, "b", "bob")
        session_b = sessions.require(other, "b")["id"]
        done = threading.Event()

        def tag_from_other_connection():
            review.tag(other, session_b, 1, who="bob", status="refuted")
            done.set()

        with db.transaction():
            db.execute("UPDATE sessions SET reviewer = reviewer")
            worker = threading.Thread(target=tag_from_other_connection)
            worker.start()
            time.sleep(0.3)
            assert not done.is_set()  # blocked on our write lock, not failed
        worker.join(5)
        assert done.is_set()
        assert review.get_verdict(db, session_b, 1).status is Status.REFUTED
        other.close()

    def test_a_long_read_in_another_thread_does_not_block_this_one(self, db):
        add_article(db)
        release, reading = threading.Event(), threading.Event()

        def slow_read():
            db.conn.create_function("hold", 0, lambda: (reading.set(), release.wait(5))[1])
            db.query("SELECT hold()")

        worker = threading.Thread(target=slow_read)
        worker.start()
        assert reading.wait(5)
        assert db.query("SELECT count(*) FROM claims")[0][0] == 2
        assert worker.is_alive()  # answered while the other thread was still reading
        release.set()
        worker.join(5)


class TestHistory:
    def test_tag_writes_verdict_and_history_together(self, db):
        add_article(db)
        session = sessions.create(db, "s", "ann")
        review.tag(
            db,
            session,
            1,
            who="ann",
            status="supported",
            confidence=80,
            sources=[Source("https://example.org", "table 2")],
            notes="checked",
        )
        review.tag(db, session, 1, who="ann", status="refuted")
        rows = history.for_claim_in_session(db, 1, session)
        assert [r["action"] for r in rows] == ["tag", "tag"]
        assert '"status": "refuted"' in rows[0]["new"]
        assert '"status": "supported"' in rows[0]["old"]
        verdict = review.get_verdict(db, session, 1)
        assert verdict.status is Status.REFUTED and verdict.confidence == 80
        assert verdict.sources == [Source("https://example.org", "table 2")]

    def test_history_is_append_only(self, db):
        add_article(db)
        session = sessions.create(db, "s", "ann")
        review.tag(db, session, 1, who="ann", status="supported")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE history SET who = 'mallory'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM history")

    def test_rejected_change_writes_nothing(self, db):
        add_article(db)
        session = sessions.create(db, "s", "ann")
        with pytest.raises(WorkbenchError, match="between 0 and 100"):
            review.tag(db, session, 1, who="ann", status="supported", confidence=101)
        with pytest.raises(WorkbenchError, match="unknown status"):
            review.tag(db, session, 1, who="ann", status="maybe")
        assert history.for_claim_in_session(db, 1, session) == []
        assert review.get_verdict(db, session, 1).status is Status.UNREVIEWED

    def test_back_to_unreviewed_clears_confidence(self, db):
        add_article(db)
        session = sessions.create(db, "s", "ann")
        review.tag(db, session, 1, who="ann", status="supported", confidence=60)
        verdict = review.tag(db, session, 1, who="ann", status="unreviewed")
        assert verdict.confidence is None
        with pytest.raises(WorkbenchError, match="status before a confidence"):
            review.tag(db, session, 1, who="ann", confidence=40)


def test_a_reviewers_latest_session_is_the_one_they_changed_last(db):
    """Where they were working, not a session started for them since (an adjudication's
    final) nor one merely renamed; without changes, the one created last."""
    add_article(db)
    mine = review.start_session(db, "mine", "ann")
    review.start_session(db, "other", "ann")
    assert sessions.latest_for_reviewer(db, "ann")["name"] == "other"
    review.tag(db, mine, 1, who="ann", status="supported")
    review.start_session(db, "final", "ann", fork_of="mine")  # a fork logs a session row
    sessions.rename(db, "other", "renamed", "ann")
    assert sessions.latest_for_reviewer(db, "ann")["name"] == "mine"
    review.tag(db, sessions.require(db, "renamed")["id"], 2, who="ann", status="refuted")
    assert sessions.latest_for_reviewer(db, "ann")["name"] == "renamed"


def test_fork_copies_verdicts(db):
    add_article(db)
    first = sessions.create(db, "first", "ann")
    review.tag(db, first, 2, who="ann", status="misleading", confidence=40)
    second = sessions.create(db, "second", "bob", forked_from=first)
    assert review.get_verdict(db, second, 2).status is Status.MISLEADING
    review.tag(db, second, 2, who="bob", status="supported")
    assert review.get_verdict(db, first, 2).status is Status.MISLEADING


def test_reopened_file_keeps_everything(db_path: Path):
    with open_db(db_path) as db:
        add_article(db)
        session = sessions.create(db, "s", "ann")
        review.tag(db, session, 1, who="ann", status="unverifiable", confidence=20)
    with open_db(db_path) as db:
        assert review.get_verdict(db, session, 1).status is Status.UNVERIFIABLE
