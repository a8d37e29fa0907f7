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
    assert result.changes.corrected == 1  # one split, one correction
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


def one_text(tmp_path: Path, text: str):
    """A database of one article of `text` (a.txt) and session s: (db, the file, s)."""
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    db = open_db(tmp_path / "one.db")
    list(ingest_paths(db, [article]))
    return db, article, review.start_session(db, "s", "ann")


def test_a_correction_to_the_second_of_two_like_sentences_stays_on_the_second(tmp_path):
    """QA: the correction, and the verdicts, went to the first copy."""
    db, article, s = one_text(tmp_path, "Storm\n\nWinds reached 140 km/h. The mayor closed"
                              " two bridges. Winds reached 140 km/h. Three roads were"
                              " closed.\n")
    first, _mayor, second, _roads = (r["id"] for r in live_claims(db))
    review.tag(db, s, first, who="ann", status="supported")
    review.tag(db, s, second, who="ann", status="refuted")
    review.edit_claim(db, second, "Winds reached 140 km/h on the coast.", session_id=s,
                      who="ann")
    reingest(db, article, "two bridges", "three bridges")
    assert [(r[0], r[3]) for r in listed(db, s)] == [
        ("Winds reached 140 km/h.", "supported"),
        ("The mayor closed three bridges.", "unreviewed"),
        ("Winds reached 140 km/h on the coast.", "refuted"),
        ("Three roads were closed.", "unreviewed")]


def test_a_corrected_claim_whose_sentence_the_reporter_changed_keeps_its_verdict_flagged(
        tmp_path):
    """QA: the verdict was lost: the new claim was compared with the corrected text only."""
    db, article, s = one_text(tmp_path, "Bridges\n\nA storm damaged the supports of the"
                              " three bridges on Monday. The mayor ordered the closures.\n")
    storm = live_claims(db)[0]["id"]
    review.tag(db, s, storm, who="ann", status="supported", confidence=80)
    review.edit_claim(db, storm, "A storm damaged three bridges.", session_id=s, who="ann")
    result = reingest(db, article, "damaged the supports", "weakened the supports")
    assert (result.changes.flagged, result.changes.removed) == (1, 0)
    assert listed(db, s)[0] == ("A storm weakened the supports of the three bridges on"
                                " Monday.", None, "fact", "supported", True)


def test_a_merge_across_a_dropped_claim_is_made_again_around_it(tmp_path):
    """QA: A merged with C, B dropped between them: the merge was lost on re-ingest, C came
    back unreviewed and A flagged, though only D's sentence changed."""
    db, article, s = one_text(tmp_path, "Recipe\n\nThe dough rests for an hour. Photo by"
                              " the author. It bakes at 220 degrees. It takes 3.2 cups of"
                              " flour.\n")
    a, b, _c, _d = (r["id"] for r in live_claims(db))
    review.drop_claim(db, b, session_id=s, who="ann")
    review.merge_claims(db, a, session_id=s, who="ann")
    merged = claims.get(db, a)["text"]
    review.tag(db, s, a, who="ann", status="supported")
    result = reingest(db, article, "3.2 cups", "3.4 cups")
    assert (result.changes.corrected, result.changes.added) == (1, 0)
    assert [(r[0], r[3], r[4]) for r in listed(db, s)][:1] == [(merged, "supported", False)]
    assert len(listed(db, s)) == 2  # the merged claim and the changed one


@pytest.mark.parametrize("before", ["", "The plant employs 320 people. "])
def test_a_split_whose_first_half_was_dropped_keeps_the_other_half(tmp_path, before):
    """QA: the half kept came back in the sentence before it, with an empty span, or was
    lost when the split claim was the article's first."""
    text = (f"Report\n\n{before}A fire at a chemical plant in Brenham injured 14 workers on"
            " Sunday. The governor will visit on Wednesday.\n")
    db, article, s = one_text(tmp_path, text)
    fire = next(r["id"] for r in live_claims(db) if r["text"].startswith("A fire"))
    review.split_claim(db, fire, "A fire at a chemical plant in Brenham\ninjured 14 workers"
                       " on Sunday.", session_id=s, who="ann")
    half = next(r["id"] for r in live_claims(db) if r["text"].startswith("injured"))
    review.drop_claim(db, fire, session_id=s, who="ann")
    review.tag(db, s, half, who="ann", status="refuted")
    reingest(db, article, "Wednesday", "Thursday")
    kept = next(r for r in live_claims(db) if "14 workers" in r["text"])
    new_text = article.read_text(encoding="utf-8")
    assert kept["text"] == "injured 14 workers on Sunday."
    assert new_text[kept["start"]:kept["end"]].startswith("injured 14 workers")
    assert verdicts.get(db, s, kept["id"])["status"] == "refuted"
    assert not any(r["text"].startswith("A fire") for r in live_claims(db))


def test_a_sentence_put_back_gets_its_correction_and_verdict_back(tmp_path):
    """QA: deleted in v2 and back in v3, a corrected claim came back as the splitter made
    it, unreviewed, while the uncorrected claims beside it got their verdicts back."""
    v1 = ("Report\n\nThe city closed three bridges. Police reported two minor injuries and"
          " no deaths. The mayor ordered the closures.\n")
    db, article, s = one_text(tmp_path, v1)
    police = live_claims(db)[1]["id"]
    for row in live_claims(db):
        review.tag(db, s, row["id"], who="ann", status="supported")
    review.edit_claim(db, police, "Police reported two minor injuries.", session_id=s,
                      who="ann")
    reingest(db, article, "Police reported two minor injuries and no deaths. ", "")
    article.write_text(v1, encoding="utf-8")
    list(ingest_paths(db, [article]))
    assert [(r[0], r[3], r[4]) for r in listed(db, s)][1] == (
        "Police reported two minor injuries.", "supported", False)


def test_a_correction_made_again_in_a_longer_sentence_spans_the_new_sentence(tmp_path):
    """QA: the span was the old one moved, cut short of the new sentence's end, when the
    reporter lengthened another claim of the same sentence."""
    db, article, s = one_text(tmp_path, "Report\n\nMayor Lena Holt, a former engineer,"
                              " ordered the closures and cut the maintenance budget by 12%.\n")
    closures = live_claims(db)[0]["id"]
    review.edit_claim(db, closures, "Mayor Lena Holt ordered the bridge closures.",
                      session_id=s, who="ann")
    reingest(db, article, "by 12%.", "by 12.5 per cent.")
    row = live_claims(db)[0]
    text = article.read_text(encoding="utf-8")
    assert row["text"] == "Mayor Lena Holt ordered the bridge closures."
    assert text[row["start"]:row["end"]].endswith("by 12.5 per cent")
