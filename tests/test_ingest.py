"""Ingest: formats, idempotence, versions, and every kind of bad input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workbench import review
from workbench.ingest import AHEAD, CHUNK, expand, ingest_file, ingest_paths
from workbench.model import Claim, Kind
from workbench.split import split
from workbench.split.sentences import sentences
from workbench.storage import articles, claims, open_db, search, verdicts
from workbench.storage.engine import sqlite3
from workbench.textio import article_format, read_article

PAGES = Path(__file__).parent / "data" / "pages"
SEED_NAME = "militants-in-iraq-heading-to-baghdad.txt"


def stored_claims(db, article_id):
    return list(claims.stream(db, claims.ClaimFilter(article_id=article_id)))


class TestSeed:
    def test_claims_point_into_the_stored_text(self, db, seed_copy):
        result = ingest_file(db, seed_copy)
        assert result.outcome == "added" and result.claims > 5
        text = articles.get(db, result.article_id)["text"]
        for row in stored_claims(db, result.article_id):
            assert 0 <= row["start"] < row["end"] <= len(text)
        assert result.title == "Militants in Iraq Are Heading to Baghdad Next"

    def test_boilerplate_and_photo_credit_are_not_claims(self, db, seed_copy):
        result = ingest_file(db, seed_copy)
        texts = " ".join(r["text"] for r in stored_claims(db, result.article_id))
        assert "archive of our partner" not in texts
        assert "AP/militant website" not in texts

    def test_same_text_twice_is_one_article(self, db, seed_copy, tmp_path):
        first = ingest_file(db, seed_copy)
        again = ingest_file(db, seed_copy)
        elsewhere = tmp_path / "copy.txt"
        elsewhere.write_bytes(seed_copy.read_bytes())
        moved = ingest_file(db, elsewhere)
        assert (again.outcome, moved.outcome) == ("unchanged", "unchanged")
        assert again.article_id == moved.article_id == first.article_id
        assert db.query("SELECT count(*) FROM articles")[0][0] == 1
        assert db.query("SELECT count(*) FROM claims")[0][0] == first.claims

    def test_changed_file_is_a_new_version(self, db, seed_copy):
        first = ingest_file(db, seed_copy)
        seed_copy.write_text(seed_copy.read_text() + "\nThe city has 7 million residents.\n")
        second = ingest_file(db, seed_copy)
        assert second.outcome == "new_version" and second.version == 2
        assert articles.get(db, second.article_id)["previous_id"] == first.article_id
        assert [r["id"] for r in articles.list_current(db)] == [second.article_id]


COUNCIL = (
    "Council closes schools\n\nThe council closed 12 schools on Monday. Officials said 3,000"
    " pupils were sent home. The mayor said the schools would reopen within a week. Parents"
    " were told by text message.\n"
)
EDITED = COUNCIL.replace("closed 12", "closed 15").replace(
    "The mayor said the schools would reopen within a week.",
    "The governor said the state would seek federal aid.",
)


def by_text(db, article_id):
    return {r["text"]: r["id"] for r in stored_claims(db, article_id)}


class TestRevert:
    """An editor puts an article's first text back: it is the article's newest version."""

    @pytest.fixture
    def council(self, tmp_path):
        """council.txt, changed once (v2), with a verdict on two of v2's claims in session
        'a', beside another article in the same folder (so a folder ingest uses workers)."""
        folder = tmp_path / "articles"
        folder.mkdir()
        (folder / "budget.txt").write_text("Budget\n\nThe city spent $4 million on roads.\n")
        path = folder / "council.txt"
        path.write_text(COUNCIL)
        self.v1 = ingest_file(self.db, path).article_id
        ingest_file(self.db, folder / "budget.txt")
        path.write_text(EDITED)
        self.v2 = ingest_file(self.db, path).article_id
        return path

    @pytest.fixture(autouse=True)
    def _db(self, db):
        self.db = db

    def tag_v2(self, db):
        """Session 'a' with verdicts on v2's edited claim and on one it kept as it was."""
        session = review.start_session(db, "a", "ann")
        v2 = by_text(db, articles.resolve(db, "council.txt"))
        review.tag(db, session, v2["The council closed 15 schools on Monday."], who="ann",
                   status="supported", confidence=80)
        review.tag(db, session, v2["3,000 pupils were sent home."], who="ann", status="refuted")
        return session, v2

    def test_the_first_text_put_back_is_version_3_with_v2_s_verdicts(self, db, council):
        session, v2 = self.tag_v2(db)
        first, second = articles.get(db, self.v1), articles.get(db, self.v2)
        assert (first["title"], second["previous_id"]) == ("Council closes schools", first["id"])
        council.write_text(COUNCIL)
        third = ingest_file(db, council)
        assert (third.outcome, third.version) == ("new_version", 3)
        stored = articles.get(db, third.article_id)
        assert stored["previous_id"] == second["id"]  # aligned to the version it replaces
        assert (stored["text"], stored["content_hash"]) == (first["text"], first["content_hash"])
        assert [r["id"] for r in articles.list_current(db) if r["title"] == first["title"]] == [
            third.article_id
        ]
        changes = third.changes
        assert (changes.edited, changes.carried, changes.flagged) == (1, 2, 1)
        v3 = by_text(db, third.article_id)
        closed = verdicts.get(db, session, v3["The council closed 12 schools on Monday."])
        assert (closed["status"], closed["confidence"], closed["needs_review"]) == (
            "supported", 80, 1)  # its text was edited back: flagged
        pupils = verdicts.get(db, session, v3["3,000 pupils were sent home."])
        assert (pupils["status"], pupils["needs_review"]) == ("refuted", 0)
        assert claims.get(db, v3["3,000 pupils were sent home."])["previous_claim_id"] == v2[
            "3,000 pupils were sent home."
        ]

        again = ingest_file(db, council, splitter=refuse)
        assert (again.outcome, again.article_id, again.version) == ("unchanged", stored["id"], 3)
        for workers in (0, 2):  # a folder holding it goes in without an error
            results = list(ingest_paths(db, [council.parent], splitter=refuse, workers=workers))
            assert [(r.path.name, r.outcome, r.version) for r in results] == [
                ("budget.txt", "unchanged", 1), ("council.txt", "unchanged", 3)]
        assert db.query("SELECT count(*) FROM articles")[0][0] == 4

    def test_a_text_changed_back_and_forth_is_a_version_each_time(self, db, council):
        for version, text in ((3, COUNCIL), (4, EDITED), (5, COUNCIL)):
            council.write_text(text)
            result = ingest_file(db, council)
            assert (result.outcome, result.version) == ("new_version", version)
        assert ingest_file(db, council).outcome == "unchanged"

    def test_an_earlier_text_at_another_path_is_skipped(self, db, council, tmp_path):
        """A copy of the first draft elsewhere (an archive, a backup) must not put it back
        as the newest text, nor add it again as an article of its own."""
        old = tmp_path / "archive" / "council-draft.txt"
        old.parent.mkdir()
        old.write_text(COUNCIL)
        result = ingest_file(db, old, splitter=refuse)
        assert result.skipped and result.note == (
            f"{old}: its text is version 1 of 'Council closes schools', which version 2 has"
            f" replaced; only that article's own file can put an earlier text back ({council})")
        results = list(ingest_paths(db, [council.parent, old.parent], workers=2))
        assert [(r.path.name, r.outcome) for r in results] == [
            ("budget.txt", "unchanged"), ("council.txt", "unchanged"),
            ("council-draft.txt", "skipped")]
        assert db.query("SELECT count(*) FROM articles")[0][0] == 3
        assert articles.resolve(db, "council.txt") == self.v2

    @pytest.mark.parametrize("workers", [0, 2])
    def test_the_newest_text_at_another_path_is_unchanged(self, db, council, tmp_path, workers):
        """Also when it is an earlier text too (v1 put back as v3), and when the article's
        own file put it back earlier in the same run."""
        copy = tmp_path / "elsewhere" / "copy.txt"
        copy.parent.mkdir()
        copy.write_text(EDITED)
        same = ingest_file(db, copy)
        assert (same.outcome, same.article_id, same.version) == ("unchanged", self.v2, 2)
        copy.write_text(COUNCIL)
        council.write_text(COUNCIL)
        results = list(ingest_paths(db, [council.parent, copy.parent], workers=workers))
        assert [(r.path.name, r.outcome, r.version) for r in results] == [
            ("budget.txt", "unchanged", 1), ("council.txt", "new_version", 3),
            ("copy.txt", "unchanged", 3)]
        again = ingest_file(db, copy, splitter=refuse)
        assert (again.outcome, again.article_id, again.version) == (
            "unchanged", results[1].article_id, 3)


class TestFormats:
    def test_html_news_page_keeps_the_story_only(self):
        article = read_article(PAGES / "harbour-strike.html")
        assert article.title == "Dock workers strike shuts Harbourton port"
        assert "1,200 dock workers walked off the job" in article.text
        assert "injunction in the high court" in article.text
        for furniture in (
            "Subscribe",
            "ADVERTISEMENT",
            "Related stories",
            "Celebrity chef",
            "Cookie settings",
            "tracking pixel",
            "color: red",
            "All rights",
        ):
            assert furniture not in article.text

    def test_html_page_with_cookie_banner_menu_and_newsletter(self):
        article = read_article(PAGES / "council-vote.html")
        assert "voted 31 to 12" in article.text
        for furniture in ("cookies", "Weather", "newsletter", "Mayor's wedding"):
            assert furniture not in article.text

    def test_html_spans_point_into_reader_text(self, db):
        result = ingest_file(db, PAGES / "harbour-strike.html")
        text = articles.get(db, result.article_id)["text"]
        rows = stored_claims(db, result.article_id)
        assert rows and all("<" not in text[r["start"] : r["end"]] for r in rows)

    def test_markdown_becomes_plain_text(self, tmp_path):
        path = tmp_path / "story.md"
        path.write_text(
            "# Flooding hits Ulm\n\nThe river **burst** its banks on [Sunday](http://x.org).\n\n"
            "```\ncode block\n```\n\n- 300 homes lost power.\n- Two bridges closed.\n"
        )
        article = read_article(path)
        assert article.title == "Flooding hits Ulm"
        assert "The river burst its banks on Sunday." in article.text
        # a list is one block, an item a line with its bullet, as in a plain-text article
        assert article.text.endswith("\n\n- 300 homes lost power.\n- Two bridges closed.")
        for markup in ("**", "](", "#", "code block"):
            assert markup not in article.text

    def test_a_markdown_list_after_according_to_x_is_all_xs(self, tmp_path):
        path = tmp_path / "library.md"
        path.write_text("# Library hours cut\n\nAccording to the finance department:\n\n"
                        "1. The city spent $2.1 million last year.\n"
                        "2. Visits fell 30% since 2019.\n\nThe library opened in 1950.\n")
        claims = split(read_article(path).text)
        assert [(c.text, c.by) for c in claims[1:]] == [
            ("The city spent $2.1 million last year.", "the finance department"),
            ("Visits fell 30% since 2019.", "the finance department"),
            ("The library opened in 1950.", None)]

    def test_markdown_front_matter_tables_and_html_read_as_a_reader_sees_them(self, tmp_path):
        path = tmp_path / "post.md"
        path.write_text(
            "---\ntitle: 'Flood update'\nauthor: desk\n---\n\nRain fell all week.\n\n"
            "| City | Homes flooded |\n|------|------|\n| Ulm | 300 |\n\n"
            '<div class="box">The dam <b>held</b> &amp; no one was hurt.</div>\n'
        )
        article = read_article(path)
        assert article.title == "Flood update"
        assert article.text == ("Rain fell all week.\n\nCity; Homes flooded\n\nUlm; 300\n\n"
                                "The dam held & no one was hurt.")

    def test_bom_and_crlf_are_normalised(self, tmp_path):
        path = tmp_path / "win.txt"
        path.write_bytes(b"\xef\xbb\xbfTitle line\r\n\r\nPrices rose 4% in May.\r\n")
        article = read_article(path)
        assert article.text == "Title line\n\nPrices rose 4% in May."

    def test_invalid_utf8_falls_back_to_cp1252_and_says_so(self, db, tmp_path):
        path = tmp_path / "latin.txt"
        path.write_bytes("Caf\xe9 prices rose 4% in M\xfcnchen.".encode("latin-1"))
        result = ingest_file(db, path)
        assert result.outcome == "added"
        assert "cp1252" in result.note
        assert "Café" in articles.get(db, result.article_id)["text"]

    def test_cp1252_quotes_become_quote_claims(self, tmp_path):
        path = tmp_path / "statement.txt"
        path.write_bytes("“I have done nothing wrong,” he said in a statement. “But I will not "
                         "be a distraction.”".encode("cp1252"))
        article = read_article(path)
        assert article.encoding == "cp1252"
        assert [(c.text, c.by, c.kind) for c in split(article.text)] == [
            ("I have done nothing wrong.", None, Kind.QUOTE),
            ("But I will not be a distraction.", None, Kind.QUOTE),
        ]

    def test_huge_single_line_does_not_hang(self, db, tmp_path):
        path = tmp_path / "huge.txt"
        path.write_text("word " * 600_000)  # 3 MB, one line, no sentence end
        result = ingest_file(db, path)
        assert result.outcome == "added"


class TestBadInput:
    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
            ("empty.txt", b"   \n\n", "no article text"),
            ("menu.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
            ("photo.jpg", b"jpeg", "unsupported file type"),
        ],
    )
    def test_bad_file_is_skipped_with_a_reason_naming_it(self, db, tmp_path, name, data, message):
        path = tmp_path / name
        path.write_bytes(data)
        result = ingest_file(db, path)
        assert result.skipped
        assert name in result.note and message in result.note
        assert db.query("SELECT count(*) FROM articles")[0][0] == 0

    def test_batch_goes_on_past_a_bad_file(self, db, tmp_path, seed_copy):
        (seed_copy.parent / "bad.txt").write_bytes(b"\x00\x01\x02")
        (seed_copy.parent / "nested").mkdir()
        (seed_copy.parent / "nested" / "more.md").write_text("# Title\n\nOil rose 3% on Friday.\n")
        (seed_copy.parent / "nested" / "ignored.csv").write_text("a,b\n")
        results = list(ingest_paths(db, [seed_copy.parent]))
        outcomes = {r.path.name: r.outcome for r in results}
        assert outcomes == {"bad.txt": "skipped", seed_copy.name: "added", "more.md": "added"}

    def test_missing_path_is_reported(self, db, tmp_path):
        [result] = ingest_paths(db, [tmp_path / "nope.txt"])
        assert result.skipped and "nope.txt" in result.note
        [result] = ingest_paths(db, [tmp_path / "nope.pdf"])
        assert result.note == f"{tmp_path / 'nope.pdf'}: no such file or folder"

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
    def test_a_folder_gives_its_article_files_in_path_order(self, tmp_path):
        top = tmp_path / "top"
        for name in ("b/c/2.html", "b/10.md", "a.TXT", "B.txt", ".hidden.txt", "x.csv", "y."):
            (top / name).parent.mkdir(parents=True, exist_ok=True)
            (top / name).write_text("Prices rose.\n")
        (top / "file-link.txt").symlink_to(top / "a.TXT")
        (top / "folder-link").symlink_to(top / "b", target_is_directory=True)
        (top / "dangling.txt").symlink_to(top / "gone.txt")
        found = [p.relative_to(top).as_posix() for p in expand([top])]
        # a dangling link is listed, for its reading to say it is skipped and why
        assert found == [".hidden.txt", "B.txt", "a.TXT", "b/10.md", "b/c/2.html",
                         "dangling.txt", "file-link.txt"]
        assert found == [
            p.relative_to(top).as_posix()
            for p in sorted(top.rglob("*"), key=lambda p: p.parts)
            if not p.is_dir() and article_format(p.name)
        ]


def sentence_claims(text: str) -> list[Claim]:
    return [Claim(i, s.text, s.start, s.end) for i, s in enumerate(sentences(text), 1)]


def refuse(text: str) -> list[Claim]:
    raise AssertionError("split an unchanged text")


@pytest.fixture
def folder(tmp_path, seed_copy):
    """The seed, a copy of it, a bad file, and twenty short articles."""
    (seed_copy.parent / "copy.txt").write_bytes(seed_copy.read_bytes())
    (seed_copy.parent / "bad.txt").write_bytes(b"\x00\x01")
    for i in range(20):
        (seed_copy.parent / f"n{i:02d}.md").write_text(
            f"# Story {i}\n\nThe council closed {i + 2} schools on Monday. Prices rose {i}%.\n"
        )
    return seed_copy.parent


def outcomes(results):
    return [(r.path.name, r.outcome, r.claims, r.version) for r in results]


class TestBulk:
    @pytest.mark.parametrize("workers", [1, 2])
    def test_worker_processes_give_the_results_of_one_process(self, folder, tmp_path, workers):
        extra = (AHEAD * workers + 2) * CHUNK  # more than the workers take: the writer splits some
        for i in range(extra):
            (folder / f"x{i:03d}.txt").write_text(f"Rates rose {i}%. The bank said so.\n")
        with open_db(tmp_path / "one.db") as one, open_db(tmp_path / "many.db") as many:
            alone = outcomes(ingest_paths(one, [folder], workers=0))
            pooled = outcomes(ingest_paths(many, [folder], workers=workers))
            rows = [
                db.query(
                    'SELECT article_id, seq, text, start, "end", by, kind,'
                    " checkworthiness FROM claims ORDER BY id"
                )
                for db in (one, many)
            ]
        assert pooled == alone
        assert [tuple(r) for r in rows[0]] == [tuple(r) for r in rows[1]]
        names = {name: outcome for name, outcome, _, _ in alone}
        assert (names["bad.txt"], names["copy.txt"], names[SEED_NAME]) == (
            "skipped",
            "added",
            "unchanged",
        )
        assert sum(o == "added" for o in names.values()) == 21 + extra

    @pytest.mark.parametrize("workers", [0, 2])
    def test_search_finds_what_was_just_ingested(self, db, folder, workers):
        list(ingest_paths(db, [folder], workers=workers))
        db.execute("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')")
        hits = search.candidates(db, "council closed schools")
        texts = {
            r["text"]
            for r in db.query(f"SELECT text FROM claims WHERE id IN ({','.join(map(str, hits))})")
        }
        assert "The council closed 7 schools on Monday." in texts
        assert len(hits) >= 20

    @pytest.mark.parametrize("workers", [0, 2])
    def test_unchanged_files_are_not_split_again(self, db, folder, workers):
        first = list(ingest_paths(db, [folder], workers=workers))
        again = list(ingest_paths(db, [folder], splitter=refuse, workers=workers))
        assert {r.outcome for r in again} == {"unchanged", "skipped"}
        assert [r.article_id for r in again] == [r.article_id for r in first]

    def test_changed_files_become_new_versions_in_bulk(self, db, folder):
        list(ingest_paths(db, [folder], workers=2))
        for path in sorted(folder.glob("n*.md"))[:5]:
            path.write_text(path.read_text() + "\nThe mayor resigned on Friday.\n")
        results = list(ingest_paths(db, [folder], workers=2))
        assert sum(r.outcome == "new_version" and r.version == 2 for r in results) == 5
        assert db.query("SELECT count(*) FROM current_articles")[0][0] == 21

    def test_a_failing_article_leaves_nothing_half_written(self, db, folder):
        def fragile(text: str) -> list[Claim]:
            if "Story 3\n" in text:
                return [Claim(1, "Backwards span.", 9, 2)]  # refused by the schema
            return sentence_claims(text)

        with pytest.raises(sqlite3.IntegrityError):
            list(ingest_paths(db, [folder], splitter=fragile, workers=2))
        stored = db.query("SELECT count(*) FROM claims")[0][0]
        indexed = db.query("SELECT count(*) FROM claims_fts")[0][0]
        assert stored == indexed
        assert not db.query("SELECT 1 FROM articles WHERE text LIKE '%Story 3%'")
        assert not db.query(
            "SELECT 1 FROM claims c LEFT JOIN articles a ON a.id = c.article_id WHERE a.id IS NULL"
        )

    def test_stopping_early_keeps_what_was_reported(self, db, folder):
        results = ingest_paths(db, [folder], splitter=sentence_claims, workers=2)
        first = next(r for r in results if r.outcome == "added")
        results.close()
        assert articles.get(db, first.article_id)["title"] == first.title

    def test_no_one_s_attribution_is_stored_as_null(self, db, tmp_path):
        def attributed(text: str) -> list[Claim]:
            return [Claim(1, "Prices rose.", 0, 12), Claim(2, "Rates fell.", 13, 24, by="Reuters")]

        (tmp_path / "a.txt").write_text("Prices rose. Rates fell.\n")
        list(ingest_paths(db, [tmp_path], splitter=attributed, workers=0))
        assert [tuple(r) for r in db.query("SELECT seq, by FROM claims ORDER BY seq")] == [
            (1, None),
            (2, "Reuters"),
        ]

    def test_a_claim_of_an_unknown_kind_is_still_refused(self, db, tmp_path):
        with open_db(tmp_path / "old.db", migrate_to=7) as old:
            old.execute(
                "INSERT INTO articles (origin, title, text, content_hash, format,"
                " ingested_at) VALUES ('x', 't', 'Prices rose.', 'h', 'txt', 'now')"
            )
            claims.insert_many(old, 1, [Claim(1, "Prices rose.", 0, 12, kind=Kind.OPINION)])
        for database in (db, open_db(tmp_path / "old.db")):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                claims.insert_many(database, 1, [Claim(2, "Maybe.", 0, 6, kind="rumour")])
        assert claims.get(database, 1)["kind"] == "opinion"
        database.close()

    def test_files_are_split_in_workers_unless_threads_run(self, db, folder):
        def pid_claims(text: str) -> list[Claim]:
            return [Claim(1, f"Split in {os.getpid()}.", 0, 1)]

        list(ingest_paths(db, [folder], splitter=pid_claims, workers=2))
        pooled = {r[0] for r in db.query("SELECT DISTINCT text FROM claims")}
        assert pooled - {f"Split in {os.getpid()}."}  # in workers (the writer may take some back)
        last = db.query("SELECT max(id) FROM claims")[0][0]
        for path in folder.glob("n*.md"):
            path.write_text(path.read_text() + "\nMore.\n")
        stop = threading.Event()
        waiter = threading.Thread(target=stop.wait)
        waiter.start()
        try:
            list(ingest_paths(db, [folder], splitter=pid_claims, workers=2))
        finally:
            stop.set()
            waiter.join()
        inline = {r[0] for r in db.query("SELECT DISTINCT text FROM claims WHERE id > ?", (last,))}
        assert inline == {f"Split in {os.getpid()}."}

    def test_the_writer_takes_back_what_a_worker_has_queued_at_the_end(self, db, tmp_path):
        def slow_pid_claims(text: str) -> list[Claim]:
            time.sleep(0.01)
            return [Claim(1, f"{text.strip()} in {os.getpid()}.", 0, 1)]

        chunks = AHEAD + 2  # a worker's share, and two the writer splits itself at once
        for i in range(chunks * CHUNK):
            (tmp_path / f"x{i:03d}.txt").write_text(f"Rates rose {i}%.\n")
        results = list(ingest_paths(db, [tmp_path], splitter=slow_pid_claims, workers=1))
        assert [r.outcome for r in results] == ["added"] * (chunks * CHUNK)
        texts = [r[0] for r in db.query("SELECT text FROM claims ORDER BY id")]
        assert [t.split(" in ")[0] for t in texts] == [
            f"Rates rose {i}%." for i in range(chunks * CHUNK)
        ]
        here = sum(t.endswith(f" in {os.getpid()}.") for t in texts)
        assert 2 * CHUNK < here < len(texts)

    @pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
    def test_workers_end_when_the_writer_is_killed(self, tmp_path, folder):
        script = (
            "import os, sys, time; from pathlib import Path; from workbench.ingest import"
            " ingest_paths; from workbench.storage import open_db\n"
            "def stuck(text):\n"
            "    Path(sys.argv[3], str(os.getpid())).touch()\n"
            "    time.sleep(60)\n"
            "list(ingest_paths(open_db(sys.argv[1]), [Path(sys.argv[2])], splitter=stuck,"
            " workers=2))"
        )
        splitting = tmp_path / "splitting"
        splitting.mkdir()
        writer = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / "k.db"), str(folder), str(splitting)]
        )
        try:
            deadline = time.monotonic() + 30
            while not any(splitting.iterdir()) and time.monotonic() < deadline:
                time.sleep(0.05)
            workers = children(writer.pid)
        finally:
            os.kill(writer.pid, signal.SIGKILL)
            writer.wait(10)
        assert len(workers) == 2 and any(splitting.iterdir())
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in workers)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by init, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
