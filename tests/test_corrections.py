"""Reviewers' corrections to claims are made again on an article's new version, where the
reporter left the sentence they came from as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import review
from workbench.ingest import ingest_paths
from workbench.storage import claims, history, open_db, verdicts
from workbench.tui.verdict_panel import describe_change

V1 = (
    "# Budget vote\n\n"
    "“We did not take this lightly,” said Mayor Elena Marsh, who cast the deciding vote.\n\n"
    "Patel said he would ask the council to revisit the police funding in September.\n\n"
    "The budget is 6.3% larger than last year, and it includes the first tax rise since "
    "2016.\n\n"
    "The budget takes effect July 1.\n"
)


@pytest.fixture
def env(tmp_path: Path):
    article = tmp_path / "budget.md"
    article.write_text(V1, encoding="utf-8")
    db = open_db(tmp_path / "c.db")
    list(ingest_paths(db, [article]))
    session = review.start_session(db, "ed", "ed")
    yield db, article, session
    db.close()


def reingest(db, article: Path, old: str, new: str):
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    (result,) = ingest_paths(db, [article])
    return result


def live_claims(db) -> list:
    """The newest version's live claims, in seq, id order."""
    return db.execute("SELECT * FROM claims WHERE article_id = (SELECT max(id) FROM articles)"
                      " AND NOT dropped ORDER BY seq, id").fetchall()


def listed(db, session: int) -> list[tuple[str, str | None, str, str, bool]]:
    """The newest version's live claims: text, speaker, kind, status, flagged."""
    rows = []
    for row in live_claims(db):
        v = verdicts.get(db, session, row["id"])
        rows.append((row["text"], row["by"], row["kind"],
                     v["status"] if v else "unreviewed", bool(v and v["needs_review"])))
    return rows


def test_a_corrected_text_speaker_and_kind_are_made_again_while_the_sentence_stays(env):
    db, article, ed = env
    review.describe_claim(db, 1, by="Elena Marsh", session_id=ed, who="ed")
    review.edit_claim(db, 3, "Patel would ask the council to revisit police funding in"
                      " September.", session_id=ed, who="ed")
    review.describe_claim(db, 4, kind="opinion", session_id=ed, who="ed")
    for claim_id in (1, 3, 4, 5):
        review.tag(db, ed, claim_id, who="ed", status="supported", confidence=80)
    result = reingest(db, article, "July 1.", "July 15.")
    changes = result.changes
    assert (changes.same, changes.edited, changes.flagged, changes.corrected) == (4, 1, 1, 3)
    shown = listed(db, ed)
    assert shown[0] == ("We did not take this lightly.", "Elena Marsh", "quote", "supported",
                        False)
    assert shown[2] == ("Patel would ask the council to revisit police funding in September.",
                        "Patel", "prediction", "supported", False)
    assert shown[3][2:] == ("opinion", "supported", False)
    assert shown[4][3:] == ("supported", True)  # the reporter changed this one
    # and again on the version after, from the corrections made again on this one
    result = reingest(db, article, "July 15.", "July 20.")
    assert result.changes.corrected == 3
    shown = listed(db, ed)
    assert (shown[0][1], shown[2][0], shown[3][2]) == (
        "Elena Marsh", "Patel would ask the council to revisit police funding in September.",
        "opinion")


def test_a_correction_is_not_made_again_when_the_reporter_rewrote_the_sentence(env):
    db, article, ed = env
    review.describe_claim(db, 1, by="Elena Marsh", session_id=ed, who="ed")
    review.tag(db, ed, 1, who="ed", status="supported")
    result = reingest(db, article, "did not take this lightly", "did not take this easily")
    assert result.changes.corrected == 0
    first = listed(db, ed)[0]
    # the splitter's speaker again: the reviewer must look at the new wording anyway
    assert first[:2] == ("We did not take this easily.", "Mayor Elena Marsh")
    assert first[3:] == ("supported", True)


def test_a_split_is_made_again_and_each_half_keeps_its_own_verdict(env):
    db, article, ed = env
    review.split_claim(db, 4, "The budget is 6.3% larger than last year,\nThe budget"
                       " includes the first tax rise since 2016.", session_id=ed, who="ed")
    second = live_claims(db)[4]["id"]
    review.tag(db, ed, 4, who="ed", status="misleading", confidence=60)
    review.tag(db, ed, second, who="ed", status="refuted", confidence=100)
    result = reingest(db, article, "July 1.", "July 15.")
    assert result.changes.corrected == 2
    halves = [r for r in listed(db, ed) if r[0].startswith("The budget")][:2]
    assert halves == [
        ("The budget is 6.3% larger than last year,", None, "fact", "misleading", False),
        ("The budget includes the first tax rise since 2016.", None, "fact", "refuted", False)]
    text = db.execute("SELECT text FROM articles WHERE id = 2").fetchone()[0]
    first, other = live_claims(db)[3:5]
    assert first["seq"] == other["seq"]
    assert text[first["start"]:first["end"]].startswith("The budget is 6.3% larger")
    assert first["start"] < first["end"] <= other["start"] < other["end"]


def test_a_merge_is_made_again_and_the_folded_claim_stays_out_of_the_list(env):
    db, article, ed = env
    review.merge_claims(db, 1, session_id=ed, who="ed")
    review.tag(db, ed, 1, who="ed", status="unverifiable", confidence=40)
    merged = claims.get(db, 1)["text"]
    for change in (("July 1.", "July 15."), ("6.3%", "6.4%")):
        result = reingest(db, article, *change)
        assert result.changes.corrected == 1
        assert listed(db, ed)[0] == (merged, "Mayor Elena Marsh", "quote", "unverifiable",
                                     False)
        assert len(listed(db, ed)) == 4


def test_an_undone_correction_is_not_made_again(env):
    db, article, ed = env
    review.describe_claim(db, 1, by="Elena Marsh", session_id=ed, who="ed")
    review.undo(db, ed, who="ed")
    result = reingest(db, article, "July 1.", "July 15.")
    assert result.changes.corrected == 0
    assert listed(db, ed)[0][1] == "Mayor Elena Marsh"


def test_corrections_made_again_are_in_the_claims_history(env):
    db, article, ed = env
    review.edit_claim(db, 3, "Patel would revisit police funding.", session_id=ed, who="ed")
    reingest(db, article, "July 1.", "July 15.")
    now_is = review.now_claim(db, 3)
    assert claims.get(db, now_is)["text"] == "Patel would revisit police funding."
    assert history.earlier_texts(db, now_is) == [
        "Patel would ask the council to revisit the police funding in September."]
    lines = [describe_change(e) for e in review.claim_history(db, ed, now_is)]
    assert any("corrected as claim #3 of the earlier version was: text: " in line
               for line in lines), lines
