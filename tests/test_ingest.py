"""Ingest: formats, idempotence, versions, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.ingest import ingest_file, ingest_paths
from workbench.storage import articles, claims
from workbench.textio import read_article

PAGES = Path(__file__).parent / "data" / "pages"


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


class TestFormats:
    def test_html_news_page_keeps_the_story_only(self):
        article = read_article(PAGES / "harbour-strike.html")
        assert article.title == "Dock workers strike shuts Harbourton port"
        assert "1,200 dock workers walked off the job" in article.text
        assert "injunction in the high court" in article.text
        for furniture in ("Subscribe", "ADVERTISEMENT", "Related stories", "Celebrity chef",
                          "Cookie settings", "tracking pixel", "color: red", "All rights"):
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
        assert rows and all("<" not in text[r["start"]:r["end"]] for r in rows)

    def test_markdown_becomes_plain_text(self, tmp_path):
        path = tmp_path / "story.md"
        path.write_text(
            "# Flooding hits Ulm\n\nThe river **burst** its banks on [Sunday](http://x.org).\n\n"
            "```\ncode block\n```\n\n- 300 homes lost power.\n- Two bridges closed.\n"
        )
        article = read_article(path)
        assert article.title == "Flooding hits Ulm"
        assert "The river burst its banks on Sunday." in article.text
        assert "300 homes lost power." in article.text
        for markup in ("**", "](", "#", "code block"):
            assert markup not in article.text

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
            ("photo.jpg", b"jpeg", "unsupported file type"),
        ],
    )
    def test_bad_file_is_skipped_with_a_reason_naming_it(self, db, tmp_path, name, data,
                                                          message):
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
