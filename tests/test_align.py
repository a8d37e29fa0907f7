"""Aligning article versions: the threshold's examples, carry-over on re-ingest, diffs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from workbench import review
from workbench.cli import main
from workbench.compare.align import THRESHOLD, align
from workbench.compare.diff import compare_rows, diff_sessions
from workbench.storage import open_db, sessions, verdicts
from workbench.tui.verdict_panel import describe_change

EDITED = [  # (old, new): the same claim, edited; must align
    ("The storm killed 12 people on Tuesday.", "The storm killed 15 people on Tuesday."),
    ("The mayor said the city would rebuild within a year.",
     "The mayor said the city would be rebuilt within two years."),
    ("The company reported revenue of $4.2 billion in 2023.",
     "The company reported a loss of $1.1 billion in 2022."),
    ("Officials said 3,000 homes lost power.",
     "Officials said more than 3,000 homes lost power on Tuesday."),
]
REWORDED = [  # QA: the reporter reworded; the verdict was lost, not carried for re-review
    ("Local 2219 of the United Auto Workers represents 940 of the plant’s workers.",
     "The United Auto Workers’ Local 2219 represents 940 people at the plant."),
    ("The police hiring plan drew the most comment from the public.",
     "Public comment focused mostly on the police hiring plan."),
]
DIFFERENT = [  # rewrites or other claims of the same story: must not align
    ("ISIS has seized the Iraqi cities of Mosul and Tikrit.",
     "ISIS has seized Mosul, Tikrit and Samarra."),
    ("Iraqi troops have left the capital vulnerable to attack.",
     "Iraqi troops have abandoned their posts in Mosul."),
    ("The mayor said the city would rebuild within a year.",
     "The governor said the state would seek federal aid."),
    ("The storm killed 12 people on Tuesday.", "Officials said 3,000 homes lost power."),
]


@pytest.mark.parametrize(("old", "new"), EDITED)
def test_edits_align(old: str, new: str) -> None:
    [pair] = align([old], [new])
    assert pair.edited and THRESHOLD <= pair.score < 100


@pytest.mark.parametrize(("old", "new"), REWORDED)
def test_reworded_claims_align_as_edited(old: str, new: str) -> None:
    other = "The council meets again on Thursday."
    [pair] = align([other, old], [new, "The mayor left early."])
    assert (pair.old, pair.new, pair.edited) == (1, 0, True)


@pytest.mark.parametrize(("old", "new"), DIFFERENT)
def test_different_claims_do_not(old: str, new: str) -> None:
    assert align([old], [new]) == []


def test_identical_pair_one_to_one_in_order_even_when_repeated() -> None:
    old = ["A claim.", "Same words.", "Other.", "Same words."]
    new = ["same   WORDS.", "A claim.", "Same words.", "New one entirely, nothing alike."]
    got = [(p.old, p.new, p.edited) for p in align(old, new)]
    assert got == [(1, 0, False), (0, 1, False), (3, 2, False)]


def test_best_match_wins_when_two_compete() -> None:
    old = ["The storm killed 12 people on Tuesday.", "The storm killed 12 people."]
    new = ["The storm killed 12 people on Tuesday night."]
    [pair] = align(old, new)
    assert pair.old == 0


def test_two_thousand_claims_with_edits_and_an_insert_align() -> None:
    old = [f"Officials in district {i} said {i * 7} homes lost power on day {i % 30}."
           for i in range(2000)]
    new = [t.replace("homes", "houses") if i % 5 == 0 else t for i, t in enumerate(old)]
    new = new[:1000] + [f"A brand new sentence number {i}." for i in range(100)] + new[1000:]
    pairs = align(old, new)
    assert len(pairs) == 2000 and sum(p.edited for p in pairs) == 400
    assert all(old[p.old].split()[2] == new[p.new].split()[2] for p in pairs)


V1 = ("Storm hits coast\n\nThe storm killed 12 people on Tuesday. Officials said 3,000 homes "
      "lost power. The mayor said the city would rebuild within a year. Schools will reopen "
      "on Monday.")
V2 = ("Storm hits coast\n\nThe storm killed 15 people on Tuesday. Officials said 3,000 homes "
      "lost power. The governor said the state would seek federal aid. Schools will reopen "
      "on Monday.")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "c.db"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "ann")
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "storm.txt").write_text(V1, encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    for session in ("a", "b"):
        assert main(["sessions", "new", session]) == 0
    for claim, status, session in ((2, "supported", "a"), (3, "refuted", "a"),
                                   (4, "misleading", "b"), (5, "refuted", "b"),
                                   (2, "refuted", "b")):
        assert main(["tag", str(claim), "--session", session, "--status", status]) == 0
    return tmp_path


def by_seq(db, article: int) -> dict[int, int]:
    return {r["seq"]: r["id"] for r in db.query(
        "SELECT id, seq FROM claims WHERE article_id = ?", (article,))}


def test_reingest_carries_verdicts_and_flags_edits(env: Path, capsys) -> None:
    (env / "storm.txt").write_text(V2, encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", "storm.txt"]) == 0
    out = capsys.readouterr().out
    assert "3 unchanged, 1 edited, 1 added, 1 removed" in out
    assert "4 verdicts carried over, 2 flagged for re-review" in out
    with open_db(env / "c.db") as db:
        v2 = by_seq(db, 2)
        linked = db.query("SELECT previous_claim_id FROM claims WHERE article_id = 2"
                          " ORDER BY seq")
        assert [r[0] for r in linked] == [1, 2, 3, None, 5]
        got = {(r["session_id"], r["status"], r["needs_review"]) for r in db.query(
            "SELECT * FROM verdicts WHERE claim_id = ?", (v2[2],))}
        assert got == {(1, "supported", 1), (2, "refuted", 1)}  # edited: flagged
        got = {(r["session_id"], r["status"], r["needs_review"]) for r in db.query(
            "SELECT * FROM verdicts WHERE claim_id IN (?, ?)", (v2[3], v2[5]))}
        assert got == {(1, "refuted", 0), (2, "refuted", 0)}  # unchanged: as they were
        assert db.query("SELECT count(*) FROM verdicts WHERE claim_id = ?", (v2[4],))[0][0] == 0
        logged = db.query("SELECT count(*) FROM history WHERE action = 'carry_over'")
        assert logged[0][0] == 4
        # the old version's verdicts stay as they were
        assert db.query("SELECT needs_review FROM verdicts WHERE claim_id = 2")[0][0] == 0
        # a carried verdict keeps the time it was made: the ingest did not check it
        times = {r["claim_id"]: r["updated_at"] for r in db.query(
            "SELECT claim_id, updated_at FROM verdicts WHERE session_id = 1")}
        assert times[v2[2]] == times[2] and times[v2[3]] == times[3]


def test_undo_after_a_reingest_passes_over_the_carried_verdicts_and_the_old_version(
        env: Path, capsys) -> None:
    """ctrl+z in a session after its article was re-ingested: the carried verdicts are
    not the reviewer's change, and a tag on the earlier version's claim no view shows, so
    undo passes over both to the reviewer's last change on a claim still shown."""
    with open_db(env / "c.db") as db:
        a = sessions.require(db, "a")["id"]
    # another article, tagged after the claims of version 1 and before the re-ingest
    (env / "other.txt").write_text("Markets fell 3 percent on Friday.", encoding="utf-8")
    main(["ingest", "other.txt"])
    with open_db(env / "c.db") as db:
        [other] = [r["id"] for r in db.query("SELECT id FROM claims WHERE article_id = 2")]
    main(["tag", str(other), "--session", "a", "--status", "supported"])
    (env / "storm.txt").write_text(V2, encoding="utf-8")
    main(["ingest", "storm.txt"])
    with open_db(env / "c.db") as db:
        undone = review.undo(db, a, who="ann")
        assert undone is not None and undone.claim_id == other
        assert verdicts.get(db, a, other)["status"] == "unreviewed"
        assert review.undo(db, a, who="ann") is None  # the rest are on version 1
        carried = review.claim_history(db, a, by_seq(db, 3)[2])[0]
    assert describe_change(carried).endswith(
        "ann  carried over from claim #2 of the earlier version: supported,"
        " flagged for re-review (text edited: The storm killed [12 → 15] people on Tuesday.)")


def test_a_new_attribution_is_flagged_and_a_dropped_claim_stays_dropped(env: Path,
                                                                         capsys) -> None:
    """Who said it is part of what was checked: the same words now attributed to someone
    else carry their verdict flagged. A claim a reviewer dropped (a heading, say) stays
    dropped while its text is the same; two merged stay merged while their sentences are
    the same (the merge is made again, see test_corrections.py)."""
    text = ("Storm hits coast\n\nThe storm killed 12 people on Tuesday, police said. "
            "Schools will reopen on Monday. Roads are closed.")
    (env / "two.txt").write_text(text, encoding="utf-8")
    main(["ingest", "two.txt"])
    with open_db(env / "c.db") as db:
        old = by_seq(db, 2)
        a = sessions.require(db, "a")["id"]
        review.tag(db, a, old[2], who="ann", status="supported", confidence=90)
        review.drop_claim(db, old[1], who="ann", session_id=a)  # the heading
        review.merge_claims(db, old[3], who="ann", session_id=a)  # schools + roads
    (env / "two.txt").write_text(text.replace("police", "the mayor"), encoding="utf-8")
    capsys.readouterr()
    main(["ingest", "two.txt"])
    assert "1 unchanged, 1 edited, 0 added, 0 removed; 1 verdict carried over, 1 flagged" \
        " for re-review, 1 kept dropped, 1 correction made again" in capsys.readouterr().out
    with open_db(env / "c.db") as db:
        new = by_seq(db, 3)
        assert verdicts.get(db, a, new[2])["needs_review"] == 1
        carried = review.claim_history(db, a, new[2])[0]  # the same words: whom, not text
        assert describe_change(carried).endswith(
            "flagged for re-review (attributed to the mayor, was police)")
        shown = {r["seq"]: r["dropped"] for r in db.query(
            "SELECT seq, dropped FROM claims WHERE article_id = 3")}
        assert shown == {1: 1, 2: 0, 3: 0, 4: 1}  # roads: merged away again


def test_a_verdict_on_a_claim_merged_into_another_by_the_new_text_is_carried_flagged(
        env: Path, capsys) -> None:
    """Version 1 names two cities in one sentence (two claims), version 2 three (one
    claim, paired with one of the two): the other's verdict is not lost with it, but
    carried to the new claim for re-review, where that claim has no verdict of its own."""
    text = "Members of ISIS have successfully seized the Iraqi cities of Mosul and Tikrit."
    (env / "isis.txt").write_text(text, encoding="utf-8")
    main(["ingest", "isis.txt"])
    with open_db(env / "c.db") as db:
        old = by_seq(db, 2)
        assert len(old) == 2  # Mosul, Tikrit
        a = sessions.require(db, "a")["id"]
        review.tag(db, a, old[1], who="ann", status="supported", confidence=80)  # Mosul
    (env / "isis.txt").write_text(text.replace("Mosul and", "Mosul, Samarra and"),
                                  encoding="utf-8")
    capsys.readouterr()
    main(["ingest", "isis.txt"])
    assert "1 verdict carried over, 1 flagged for re-review" in capsys.readouterr().out
    with open_db(env / "c.db") as db:
        [new] = by_seq(db, 3).values()
        carried = verdicts.get(db, a, new)
        assert (carried["status"], carried["confidence"], carried["needs_review"]) == (
            "supported", 80, 1)
        assert describe_change(review.claim_history(db, a, new)[0]).endswith(
            f"carried over from claim #{old[1]} of the earlier version: supported 80,"
            " flagged for re-review (text edited: …seized the Iraqi [city → cities] of"
            " [Mosul. → Mosul, Samarra and Tikrit.])")


def test_tag_refuses_a_claim_no_view_shows(env: Path, capsys) -> None:
    """A claim of the version a re-ingest replaced, or a dropped one: a verdict on it
    would be in no list or sheet, so `tag` names the claim to use instead."""
    (env / "storm.txt").write_text(V2, encoding="utf-8")
    main(["ingest", "storm.txt"])
    with open_db(env / "c.db") as db:
        now_is = by_seq(db, 2)[2]
        review.drop_claim(db, now_is, who="ann")
    capsys.readouterr()
    assert main(["tag", "2", "--session", "a", "--status", "refuted"]) == 1
    assert capsys.readouterr().err == (
        "error: claim 2 is of an earlier version of its article (re-ingested since),"
        f" where it is claim {now_is}\n")
    assert main(["tag", "4", "--session", "a", "--status", "refuted"]) == 1
    assert "which no longer has it" in capsys.readouterr().err  # removed by the new text
    assert main(["tag", str(now_is), "--session", "a", "--status", "refuted"]) == 1
    assert "was dropped" in capsys.readouterr().err
    with open_db(env / "c.db") as db:
        assert verdicts.get(db, 1, 2)["status"] == "supported"  # as it was


def test_import_names_a_claim_the_new_version_removed_as_such(env: Path, capsys) -> None:
    """QA: a sheet made before a re-ingest named a claim the new text removed, and import
    called it "unknown claim id", though the claim is there, in the earlier version."""
    (env / "b.csv").write_text("claim_id,status\n4,misleading\n", encoding="utf-8")
    (env / "storm.txt").write_text(V2, encoding="utf-8")
    main(["ingest", "storm.txt"])
    capsys.readouterr()
    assert main(["import", "b.csv", "--session", "fresh"]) == 1
    assert capsys.readouterr().err == (
        "error: b.csv line 2: claim 4 is of an earlier version of its article, whose newest"
        " version has no such claim (re-ingested since the sheet was made)\n")


def test_diff_across_versions_shows_edits_added_removed(env: Path, capsys) -> None:
    (env / "storm.txt").write_text(V2, encoding="utf-8")
    main(["ingest", "storm.txt"])
    with open_db(env / "c.db") as db:
        added = by_seq(db, 2)[4]
    main(["tag", str(added), "--session", "a", "--status", "unverifiable"])
    # 'late' holds verdicts on the old version only (as a session of a copy of the
    # database made before the re-ingest would: `tag` refuses an earlier version's claim,
    # so they are written as such a copy holds them); 'a' has version 2 verdicts (carried
    # over), which supersede its version 1 ones.
    main(["sessions", "new", "late"])
    with open_db(env / "c.db") as db, db.transaction():
        late = sessions.require(db, "late")["id"]
        for claim, status in ((2, "supported"), (3, "refuted"), (4, "misleading")):
            verdicts.upsert(db, late, claim, {"status": status}, "ann", "2026-01-01T00:00Z")
    capsys.readouterr()
    main(["diff", "late", "a", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    changes = {(r["claim_id"], r["change"], r["match"], r["version"]) for r in rows}
    assert changes == {("2", "same", "version", "edited"), ("3", "same", "version", ""),
                       ("4", "only_a", "", "removed"), (str(added), "only_b", "", "added"),
                       }
    main(["diff", "late", "a"])
    text = capsys.readouterr().out
    assert "across article versions: edited 1, added 1, removed 1" in text
    assert "[edited] " in text and "[removed] " in text and "[added] " in text
    with open_db(env / "c.db") as db:  # pairing in SQL agrees with the pure diff
        for x, y in (("late", "a"), ("a", "b"), ("b", "late")):
            got = diff_sessions(db, x, db, y)
            ids = [sessions.require(db, n)["id"] for n in (x, y)]
            want = compare_rows(*(verdicts.reviewed_rows(db, i) for i in ids), x, y,
                                links=lambda c, db=db: verdicts.previous_links(db, c),
                                continued=lambda c, db=db: verdicts.continued(db, c))
            assert list(got.claims) == list(want.claims)
            assert (got.counts, got.agreement, got.articles) == (
                want.counts, want.agreement, want.articles)


def test_a_claim_moved_far_still_aligns() -> None:
    words = ("storm", "council", "budget", "river", "school", "bridge", "harbour", "tram",
             "court", "police")
    old = [f"The {words[i % 10]} {words[i // 10 % 10]} report {i} found {words[i * 7 % 10]}."
           for i in range(100)]
    edited = [t.replace("report", "review") for t in old]
    new = [*edited[1:], edited[0]]  # every claim edited, the first moved to the end
    pairs = {p.old: p.new for p in align(old, new)}
    assert len(pairs) == 100 and pairs[0] == 99 and pairs[1] == 0


def test_a_reverted_text_brings_back_the_verdicts_made_on_it(env: Path, capsys) -> None:
    """QA: v1 → v2 (a claim edited, one removed) → v1's text again. The claims v1 had word
    for word get the verdicts made on that text, not flagged; unless the reviewer judged
    the claim again since, whose newer verdict is carried as an edit would be."""
    with open_db(env / "c.db") as db:
        v1 = by_seq(db, 1)
    (env / "storm.txt").write_text(V2, encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0  # 12 → 15 people (edited), the mayor's gone
    with open_db(env / "c.db") as db:
        v2 = by_seq(db, 2)
        b = sessions.require(db, "b")["id"]
        review.tag(db, b, v2[2], who="bob", status="supported")  # bob judged v2's again
    (env / "storm.txt").write_text(V1, encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", "storm.txt"]) == 0
    with open_db(env / "c.db") as db:
        v3 = by_seq(db, 3)
        a = sessions.require(db, "a")["id"]
        assert all(claims_text(db, v1[n]) == claims_text(db, v3[n]) for n in (2, 3, 4))

        def verdict(session: int, claim: int) -> tuple[str, int]:
            v = verdicts.get(db, session, claim)
            return v["status"], v["needs_review"]

        # ann: the 12 back, her verdict on it as she made it (v2's was flagged)
        assert (verdict(a, v3[2]), verdict(a, v3[3])) == (("supported", 0), ("refuted", 0))
        # bob: the mayor's claim, gone in v2, is back with his verdict on it
        assert verdict(b, v3[4]) == ("misleading", 0)
        # ...and on the 12 his newer verdict on v2's 15, flagged: he judged it since
        assert verdict(b, v3[2]) == ("supported", 1)


def claims_text(db, claim_id: int) -> str:
    return db.query("SELECT text FROM claims WHERE id = ?", (claim_id,))[0][0]
