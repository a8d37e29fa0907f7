"""Search and similar claims: full-text candidates asked rare words first, ranked fuzzily."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import match, review
from workbench.ingest import ingest_paths
from workbench.storage import claims, open_db, search, verdicts


@pytest.fixture
def db(tmp_path: Path):
    first = tmp_path / "budget.txt"
    first.write_text(
        "Council budget\n\n"
        + " ".join(f"The council approved budget line {n} on Monday." for n in range(40))
        + " The council rejected the tram vote on Tuesday."
        + " Flamingo numbers at Lake Nakuru fell by half in 2023.\n"
    )
    second = tmp_path / "lake.txt"
    second.write_text(
        "Lake report\n\nFlamingo numbers at Lake Nakuru fell by half in 2023, rangers said.\n"
    )
    database = open_db(tmp_path / "m.db")
    list(ingest_paths(database, [first, second]))
    review.start_session(database, "ann", "ann")
    yield database
    database.close()


def claim_id(db, text: str, article: int = 1) -> int:
    return next(r["id"] for r in claims.stream(db) if r["text"].startswith(text)
                and r["article_id"] == article)


def test_a_typo_in_a_word_still_finds_the_claim(db):
    found = match.search_claims(db, "council rejectd the tram")
    assert found[0] == claim_id(db, "The council rejected the tram vote")


@pytest.mark.parametrize("query", ["flamngo", "falmingo"])
def test_a_letter_left_out_or_swapped_still_finds_the_claim(db, query):
    """QA: "oficers" found nothing: its first letters, "ofic", start no word."""
    found = match.search_claims(db, query)
    assert found and claims.get(db, found[0])["text"].startswith("Flamingo numbers")


def test_a_plural_finds_the_singular_too(tmp_path: Path):
    """QA: "scooters" found the claims saying "scooters" but not "Injuries from scooter
    crashes rose", which only "scooter" found."""
    article = tmp_path / "scooters.txt"
    article.write_text("Scooters\n\nThe city licensed 900 scooters in May. Injuries from"
                       " scooter crashes rose by a third.\n", encoding="utf-8")
    with open_db(tmp_path / "s.db") as db:
        list(ingest_paths(db, [article]))
        found = {claims.get(db, i)["text"] for i in match.search_claims(db, "scooters")}
        assert found == {"The city licensed 900 scooters in May.",
                         "Injuries from scooter crashes rose by a third."}


def test_a_claim_sharing_only_a_short_word_or_a_digit_is_not_found(tmp_path: Path):
    """QA: "Wage growth of 6.2%" found "Udhaim is 60 miles north of Baghdad." (WRatio
    scores any shared word high)."""
    article = tmp_path / "jobs.txt"
    article.write_text("Jobs report\n\nWage growth of 6.2% outpaced inflation. Udhaim is 60"
                       " miles north of Baghdad.\n", encoding="utf-8")
    with open_db(tmp_path / "j.db") as db:
        list(ingest_paths(db, [article]))
        found = [claims.get(db, i)["text"] for i in match.search_claims(db, "Wage growth of 6.2%")]
        assert found == ["Wage growth of 6.2% outpaced inflation."]
        assert [claims.get(db, i)["text"] for i in match.search_claims(db, "wage grwth")] == [
            "Wage growth of 6.2% outpaced inflation."]  # a typo, still


def test_stop_words_alone_find_nothing(db):
    assert match.search_claims(db, "the and of") == []


def test_the_claim_with_every_word_comes_first_when_words_are_common(db, monkeypatch):
    monkeypatch.setattr(search, "RANK_BUDGET", 3)  # every word is "common" here
    found = match.search_claims(db, "council approved budget line 17")
    assert found[0] == claim_id(db, "The council approved budget line 17")


def test_similar_finds_a_reviewed_claim_of_another_article_only(db):
    s = review.resolve_session(db, "ann", "ann")["id"]
    mine = claim_id(db, "Flamingo numbers", article=1)
    other = claim_id(db, "Flamingo numbers", article=2)
    text = claims.get(db, mine)["text"]
    assert match.similar(db, mine, text, 1) == []  # the other one is not reviewed yet
    review.tag(db, s, other, who="ann", status="supported", confidence=80)
    best = match.similar(db, mine, text, 1)[0]
    assert (best.claim_id, best.status, best.confidence) == (other, "supported", 80)
    assert best.score > 80


def test_similar_shows_the_reviewers_own_verdict_on_a_claim_before_a_newer_other(
        db, monkeypatch):
    """Ann's verdict on the other article's claim, not bob's newer one: `c` would copy it."""
    times = iter(["2026-11-01T10:00:00.000Z", "2026-11-01T10:00:01.000Z"])
    monkeypatch.setattr(review, "now", lambda: next(times))  # bob's is the newer
    ann = review.resolve_session(db, "ann", "ann")["id"]
    bob = review.start_session(db, "bob", "bob")
    mine = claim_id(db, "Flamingo numbers", article=1)
    other = claim_id(db, "Flamingo numbers", article=2)
    text = claims.get(db, mine)["text"]
    review.tag(db, ann, other, who="ann", status="supported", confidence=100)
    review.tag(db, bob, other, who="bob", status="refuted")
    assert [(s.session, s.status) for s in match.similar(db, mine, text, 1)] == [
        ("bob", "refuted")]  # any session's: the newest
    assert [(s.session, s.status) for s in match.similar(db, mine, text, 1, session="ann")] == [
        ("ann", "supported")]
    assert [(s.session, s.status) for s in match.similar(db, mine, text, 1, session="bob")] == [
        ("bob", "refuted")]


def test_a_blind_session_is_shown_its_own_verdicts_only(db):
    """A second checker's session must not see the first's verdict on the same statement
    in another article."""
    bob = review.start_session(db, "bob", "bob", blind=True)
    ann = review.resolve_session(db, "ann", "ann")["id"]
    mine = claim_id(db, "Flamingo numbers", article=1)
    other = claim_id(db, "Flamingo numbers", article=2)
    text = claims.get(db, mine)["text"]
    review.tag(db, ann, other, who="ann", status="supported")
    assert match.similar(db, mine, text, 1, session="bob", blind=True) == []
    review.tag(db, bob, other, who="bob", status="refuted")
    assert [(s.session, s.status) for s in match.similar(
        db, mine, text, 1, session="bob", blind=True)] == [("bob", "refuted")]


def test_a_verdict_flagged_for_re_review_is_not_offered_among_similar_claims(db):
    """A verdict a re-ingest carried to a reworded claim was made on the old wording (the
    figure the reporter then fixed): copying it to another claim would spread it."""
    ann = review.resolve_session(db, "ann", "ann")["id"]
    mine = claim_id(db, "Flamingo numbers", article=1)
    other = claim_id(db, "Flamingo numbers", article=2)
    text = claims.get(db, mine)["text"]
    review.tag(db, ann, other, who="ann", status="refuted", confidence=90)
    with db.transaction():
        verdicts.flag(db, ann, other)
    assert match.similar(db, mine, text, 1, session="ann") == []
    review.tag(db, ann, other, who="ann", status="refuted", confidence=90)  # confirmed
    assert [s.status for s in match.similar(db, mine, text, 1, session="ann")] == ["refuted"]


def test_similar_reads_verdicts_by_key_not_the_whole_table(db):
    """At a million claims a scan of every verdict costs most of a second a claim."""
    s = review.resolve_session(db, "ann", "ann")["id"]
    other = claim_id(db, "Flamingo numbers", article=2)
    review.tag(db, s, other, who="ann", status="supported", confidence=80)
    db.conn.execute("ANALYZE")  # the statistics that once made SQLite start at verdicts
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        match.similar(db, claim_id(db, "Flamingo numbers"), "Flamingo numbers fell", 1)
    finally:
        db.conn.set_trace_callback(None)
    reading = [sql for sql in statements if "verdicts" in sql]
    assert reading
    for sql in reading:
        plan = " | ".join(r[3] for r in db.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN v" not in plan and "SCAN verdicts" not in plan, plan


def test_similar_shows_a_claim_of_the_current_version_once_and_never_a_dropped_one(
        db, tmp_path: Path):
    """A re-ingested article carries its verdicts to its new version: the claim of the
    version before is not listed beside it, and a dropped claim is not listed at all."""
    s = review.resolve_session(db, "ann", "ann")["id"]
    mine = claim_id(db, "Flamingo numbers", article=1)
    text = claims.get(db, mine)["text"]
    review.tag(db, s, claim_id(db, "Flamingo numbers", article=2), who="ann",
               status="supported", confidence=90)
    lake = tmp_path / "lake.txt"
    lake.write_text(lake.read_text() + "Rangers counted again in May.\n")
    [again] = ingest_paths(db, [lake])
    assert again.outcome == "new_version"
    now = claim_id(db, "Flamingo numbers", article=again.article_id)
    found = match.similar(db, mine, text, 1)
    assert [(f.claim_id, f.status, f.confidence) for f in found] == [(now, "supported", 90)]
    review.drop_claim(db, now, who="ann")
    assert match.similar(db, mine, text, 1) == []


def test_similar_shows_the_same_text_with_the_same_verdict_once(db, tmp_path: Path):
    """The same wire sentence in two articles, reviewed alike: one line, not two."""
    wire = tmp_path / "wire.txt"
    wire.write_text("Wire copy\n\n"
                    "Flamingo numbers at Lake Nakuru fell by half in 2023, rangers said.\n")
    [copy] = ingest_paths(db, [wire])
    s = review.resolve_session(db, "ann", "ann")["id"]
    both = [claim_id(db, "Flamingo numbers", article=a) for a in (2, copy.article_id)]
    assert len({claims.get(db, c)["text"] for c in both}) == 1
    for other in both:
        review.tag(db, s, other, who="ann", status="supported", confidence=90)
    mine = claim_id(db, "Flamingo numbers", article=1)
    found = match.similar(db, mine, claims.get(db, mine)["text"], 1)
    assert [(f.claim_id in both, f.status) for f in found] == [(True, "supported")]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("The city spent 1 million euros.", "The city spent 10 million euros.", False),
    ("Prices rose 4% in May.", "In May prices rose 4%.", True),
    ("1,100 jobs were cut.", "1100 jobs were cut.", True),
    ("The storm killed 12 people.", "The storm killed 15 people.", False),
])
def test_figures_tell_claims_alike_in_words_apart(a: str, b: str, same: bool) -> None:
    assert (match.figures(a) == match.figures(b)) is same
