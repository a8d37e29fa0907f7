"""review.py: the paged reads of the claim list, undo, and reviewers' claim edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_fixtures import seeded

from workbench import review
from workbench.errors import WorkbenchError
from workbench.model import Source, Status
from workbench.storage import claims


@pytest.fixture
def db(tmp_path: Path):
    database = seeded(tmp_path / "c.db")
    yield database
    database.close()


def session(db) -> int:
    return review.resolve_session(db, "ann", "ann")["id"]


def all_ids(db, q) -> list[int]:
    return [r["id"] for r in claims.stream(db, q.claim_filter)]


class TestPaging:
    def test_pages_by_key_match_pages_by_offset(self, db):
        q = review.ListQuery(session(db))
        first = review.page(db, q, 0, 10)
        after = review.page(db, q, after=review.sort_key(q, first[-1]), limit=10)
        assert [r["id"] for r in after] == [r["id"] for r in review.page(db, q, 10, 10)]
        before = review.page(db, q, before=review.sort_key(q, after[0]), limit=10)
        assert [r["id"] for r in before] == [r["id"] for r in first]

    def test_count_and_locate(self, db):
        q = review.ListQuery(session(db))
        ids = all_ids(db, q)
        assert review.count(db, q) == len(ids) > 10
        assert review.locate(db, q, ids[7]) == 7

    @pytest.mark.parametrize("order", ["article", "worthiness"])
    def test_a_page_from_a_claim_is_the_page_at_its_place(self, db, order):
        q = review.ListQuery(session(db), order=order)
        rows = review.page(db, q, 0, 100)
        for at in (0, 7, len(rows) - 1):
            page = review.page_from(db, q, rows[at]["id"], 5)
            assert [r["id"] for r in page] == [r["id"] for r in rows[at:at + 5]]
        found = review.ListQuery(session(db), ids=(rows[3]["id"], rows[1]["id"], rows[2]["id"]))
        assert [r["id"] for r in review.page_from(db, found, rows[1]["id"], 5)] == [
            rows[1]["id"], rows[2]["id"]]

    def test_worthiness_order_is_descending(self, db):
        q = review.ListQuery(session(db), order="worthiness")
        rows = review.page(db, q, 0, 100)
        values = [r["checkworthiness"] for r in rows]
        assert values == sorted(values, reverse=True)
        later = review.page(db, q, after=review.sort_key(q, rows[4]), limit=3)
        assert [r["id"] for r in later] == [r["id"] for r in rows[5:8]]

    def test_status_filter_follows_tags(self, db):
        s = session(db)
        ids = all_ids(db, review.ListQuery(s))
        review.tag(db, s, ids[2], who="ann", status="refuted")
        q = review.ListQuery(s, status=Status.REFUTED)
        assert [r["id"] for r in review.page(db, q)] == [ids[2]]
        assert review.locate(db, q, ids[3]) is None

    def test_next_unreviewed_skips_reviewed(self, db):
        s = session(db)
        q = review.ListQuery(s)
        ids = all_ids(db, q)
        review.tag(db, s, ids[1], who="ann", status="supported")
        first = review.page(db, q, 0, 1)[0]
        assert review.next_unreviewed(db, q, first) == ids[2]

    def test_progress(self, db):
        s = session(db)
        ids = all_ids(db, review.ListQuery(s))
        review.tag(db, s, ids[0], who="ann", status="supported")
        p = review.progress(db, s)
        assert (p.reviewed, p.total) == (1, len(ids))

    def test_an_unreviewed_status_with_a_confidence_is_refused(self, db):
        """Unreviewed means no confidence: a tag asking for both is refused, even with the
        confidence the verdict has (it was kept beside "unreviewed"), and writes nothing."""
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        review.tag(db, s, cid, who="ann", status="supported", confidence=50)
        for confidence in (50, 80):
            with pytest.raises(WorkbenchError, match="set a status before a confidence"):
                review.tag(db, s, cid, who="ann", status="unreviewed", confidence=confidence)
        assert (review.get_verdict(db, s, cid).status, review.get_verdict(db, s, cid)
                .confidence) == (Status.SUPPORTED, 50)
        review.tag(db, s, cid, who="ann", status="unreviewed")
        assert review.get_verdict(db, s, cid).confidence is None


def split_in_half(db, s: int) -> tuple[int, int, str, int]:
    """Ann splits the list's second claim at the space nearest its middle: (its id, the
    second half's id, its text before, the cut's offset)."""
    cid = all_ids(db, review.ListQuery(s))[1]
    text = claims.get(db, cid)["text"]
    cut = text.index(" ", len(text) // 2)
    review.split_claim(db, cid, text[:cut] + "\n" + text[cut + 1:], session_id=s, who="ann")
    return cid, max(all_ids(db, review.ListQuery(s))), text, cut


class TestUndo:
    def test_undo_steps_back_through_the_session(self, db):
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        review.tag(db, s, cid, who="ann", status="supported")
        review.tag(db, s, cid, who="ann", confidence=80)
        review.tag(db, s, cid, who="ann", notes="checked")
        assert review.undo(db, s, who="ann").claim_id == cid
        assert review.get_verdict(db, s, cid).notes == ""
        review.undo(db, s, who="ann")
        assert review.get_verdict(db, s, cid).confidence is None
        review.undo(db, s, who="ann")
        assert review.get_verdict(db, s, cid).status is Status.UNREVIEWED
        assert review.undo(db, s, who="ann") is None

    def test_redo_makes_again_what_undo_took_back_until_a_new_change(self, db):
        """QA: one ctrl+z too many threw away a note with no way back."""
        s = session(db)
        a, b = all_ids(db, review.ListQuery(s))[:2]
        review.tag(db, s, a, who="ann", status="supported")
        review.tag(db, s, a, who="ann", notes="two sources agree")
        review.undo(db, s, who="ann")
        review.undo(db, s, who="ann")
        assert review.get_verdict(db, s, a).status is Status.UNREVIEWED
        redone = review.redo(db, s, who="ann")
        assert (redone.claim_id, redone.summary) == (a, f"tag of claim #{a}")
        assert review.get_verdict(db, s, a).status is Status.SUPPORTED
        assert review.redo(db, s, who="ann").summary == f"notes of claim #{a}"
        assert review.get_verdict(db, s, a).notes == "two sources agree"
        assert review.redo(db, s, who="ann") is None  # nothing more was undone
        review.undo(db, s, who="ann")  # a redo is undone as any change is
        assert review.get_verdict(db, s, a).notes == ""
        review.tag(db, s, b, who="ann", status="refuted")  # a new change: no redo past it
        assert review.redo(db, s, who="ann") is None
        assert review.get_verdict(db, s, a).notes == ""

    def test_redo_of_a_merge_merges_again(self, db):
        s = session(db)
        q = review.ListQuery(s)
        ids = all_ids(db, q)
        review.merge_claims(db, ids[0], session_id=s, who="ann")
        merged = claims.get(db, ids[0])["text"]
        review.undo(db, s, who="ann")
        assert review.count(db, q) == len(ids)
        redone = review.redo(db, s, who="ann")
        assert redone.summary == f"merge of claims #{ids[0]} and #{ids[1]}"
        assert redone.claim_id == ids[0]  # QA: the folded claim, "(not in this list)"
        assert review.count(db, q) == len(ids) - 1
        assert claims.get(db, ids[0])["text"] == merged

    def test_a_redo_is_named_by_the_change_it_makes_again(self, db):
        """QA: a split made again read "redone: edit of claim #2"."""
        s = session(db)
        cid, new, _text, _cut = split_in_half(db, s)
        undone = review.undo(db, s, who="ann").summary
        assert undone == f"split of claims #{cid} and #{new}"  # one split, not two
        assert review.redo(db, s, who="ann").summary == undone
        # QA: the undo of a redo read "undone: redo of claim #104, redo of claim #105"
        assert review.undo(db, s, who="ann").summary == undone  # takes back the redo ...
        assert review.redo(db, s, who="ann").summary == undone  # ... still named a split

    def test_undo_after_new_change_undoes_that_change(self, db):
        s = session(db)
        a, b = all_ids(db, review.ListQuery(s))[:2]
        review.tag(db, s, a, who="ann", status="supported")
        review.undo(db, s, who="ann")
        review.tag(db, s, b, who="ann", status="refuted")
        assert review.undo(db, s, who="ann").claim_id == b
        assert review.get_verdict(db, s, b).status is Status.UNREVIEWED
        assert review.undo(db, s, who="ann") is None

    def test_two_tags_in_the_same_millisecond_undo_one_at_a_time(self, db, monkeypatch):
        monkeypatch.setattr(review, "now", lambda: "2026-01-01T00:00:00.000Z")
        s = session(db)
        a, b = all_ids(db, review.ListQuery(s))[:2]
        review.tag(db, s, a, who="ann", status="supported")
        review.tag(db, s, b, who="ann", status="refuted")
        assert review.undo(db, s, who="ann").claim_id == b
        assert review.get_verdict(db, s, a).status is Status.SUPPORTED

    def test_undo_of_a_merge_restores_both_claims(self, db):
        s = session(db)
        q = review.ListQuery(s)
        ids = all_ids(db, q)
        texts = [claims.get(db, i)["text"] for i in ids[:2]]
        review.tag(db, s, ids[5], who="ann", status="supported")
        review.merge_claims(db, ids[0], session_id=s, who="ann")
        assert review.count(db, q) == len(ids) - 1
        review.undo(db, s, who="ann")
        assert [claims.get(db, i)["text"] for i in ids[:2]] == texts
        assert review.count(db, q) == len(ids)
        assert review.get_verdict(db, s, ids[5]).status is Status.SUPPORTED

    def test_undo_passes_over_another_persons_changes_in_the_session(self, db):
        """A desk chief's `tag` from the shell, or a second window, in ann's session: ann's
        undo takes back her own change, and theirs stays."""
        s = session(db)
        a, b = all_ids(db, review.ListQuery(s))[:2]
        review.tag(db, s, a, who="ann", status="misleading")
        review.tag(db, s, b, who="chief", status="supported", notes="from the desk")
        assert review.undo(db, s, who="ann").claim_id == a
        assert review.get_verdict(db, s, a).status is Status.UNREVIEWED
        assert (review.get_verdict(db, s, b).status, review.get_verdict(db, s, b).notes) == (
            Status.SUPPORTED, "from the desk")
        assert review.undo(db, s, who="ann") is None
        assert review.undo(db, s, who="chief").claim_id == b

    def test_undo_leaves_a_verdict_another_reviewer_changed_since(self, db):
        """QA: ann tagged a claim supported, bob set it refuted from the shell, and ann's
        ctrl+z put it back to unreviewed: bob's verdict gone, and history saying the undo
        replaced "supported". Now ann's undo leaves bob's verdict as he made it, says so,
        and counts as taken back: the next undo reaches ann's change before it, and a redo
        makes nothing again over bob's either."""
        s = session(db)
        a, b = all_ids(db, review.ListQuery(s))[:2]
        review.tag(db, s, a, who="ann", status="misleading")
        review.tag(db, s, b, who="ann", status="supported", confidence=60)
        review.tag(db, s, b, who="bob", status="refuted", notes="wrong, see ISW")
        undone = review.undo(db, s, who="ann")
        assert (undone.claim_id, undone.summary, undone.kept) == (b, "", ((b, "bob"),))
        bobs = review.get_verdict(db, s, b)
        assert (bobs.status, bobs.confidence, bobs.notes) == (
            Status.REFUTED, 60, "wrong, see ISW")
        assert [e["action"] for e in review.claim_history(db, s, b)][:2] == ["undo", "tag"]
        assert review.claim_history(db, s, b)[0]["new"] == {}  # nothing put back
        assert review.undo(db, s, who="ann").summary == f"tag of claim #{a}"
        assert review.get_verdict(db, s, a).status is Status.UNREVIEWED
        assert review.redo(db, s, who="ann").summary == f"tag of claim #{a}"
        redone = review.redo(db, s, who="ann")
        assert (redone.summary, redone.kept) == ("", ())  # an empty undo: nothing to make
        assert review.get_verdict(db, s, b).status is Status.REFUTED
        assert review.undo(db, s, who="bob").summary == f"tag of claim #{b}"
        assert review.get_verdict(db, s, b).status is Status.SUPPORTED  # as before bob's

    def test_undo_puts_back_only_what_is_as_the_change_left_it(self, db):
        """Two changes to one claim, undone in turn, put each field back; an edit of the
        claim's text by another since leaves ann's edit standing too."""
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        first = claims.get(db, cid)["text"]
        review.edit_claim(db, cid, "Ann's wording.", session_id=s, who="ann")
        review.edit_claim(db, cid, "Bob's wording.", session_id=s, who="bob")
        undone = review.undo(db, s, who="ann")
        assert undone.kept == ((cid, "bob"),)
        assert claims.get(db, cid)["text"] == "Bob's wording."
        assert review.undo(db, s, who="bob").summary == f"edit of claim #{cid}"
        assert claims.get(db, cid)["text"] == "Ann's wording."
        assert first != "Ann's wording."

    def test_undo_leaves_a_verdict_another_changed_in_other_fields(self, db):
        """QA: ann set a status; bob added a note and a source; ann's undo reset the status
        beside bob's note and source, credited to ann. Any change by another to the claim
        or its verdict since keeps ann's change standing."""
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        review.tag(db, s, cid, who="ann", status="misleading")
        review.tag(db, s, cid, who="bob", notes="source says otherwise",
                   sources=[Source("https://apnews.com/x")])
        assert review.undo(db, s, who="ann").kept == ((cid, "bob"),)
        v = review.get_verdict(db, s, cid)
        assert (v.status, v.notes, v.reviewer) == (Status.MISLEADING, "source says otherwise",
                                                   "bob")

    @pytest.mark.parametrize("half", [0, 1])
    def test_undo_leaves_a_split_whose_half_another_has_judged(self, db, half):
        """QA: bob tagged the new half of ann's split, and ann's undo dropped it, his
        verdict with it; tagging the first half left his verdict on the whole sentence."""
        s = session(db)
        cid, new, text, cut = split_in_half(db, s)
        halves = [cid, new]
        review.tag(db, s, halves[half], who="bob", status="supported", confidence=90)
        undone = review.undo(db, s, who="ann")
        assert (undone.summary, undone.kept) == ("", ((halves[half], "bob"),))
        assert [claims.get(db, c)["text"] for c in halves] == [text[:cut], text[cut + 1:]]
        assert not claims.get(db, halves[1])["dropped"]
        assert review.get_verdict(db, s, halves[half]).confidence == 90

    def test_undo_leaves_an_edit_whose_claim_another_has_judged_since(self, db):
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        review.edit_claim(db, cid, "Fighters took Mosul in June.", session_id=s, who="ann")
        review.tag(db, s, cid, who="bob", status="supported", notes="confirmed for June")
        assert review.undo(db, s, who="ann").kept == ((cid, "bob"),)
        assert claims.get(db, cid)["text"] == "Fighters took Mosul in June."

    def test_undo_is_logged(self, db):
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        review.tag(db, s, cid, who="ann", status="supported")
        review.undo(db, s, who="ann")
        actions = [h["action"] for h in review.claim_history(db, s, cid)]
        assert actions == ["undo", "tag"]


class TestClaimEdits:
    def test_edit_keeps_old_text_in_history(self, db):
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        old = claims.get(db, cid)["text"]
        review.edit_claim(db, cid, "New [text]", session_id=s, who="ann")
        assert claims.get(db, cid)["text"] == "New [text]"
        entry = review.claim_history(db, s, cid)[0]
        assert entry["old"] == {"text": old}
        review.undo(db, s, who="ann")
        assert claims.get(db, cid)["text"] == old

    def test_split_adds_a_claim_right_after(self, db):
        s = session(db)
        q = review.ListQuery(s)
        ids = all_ids(db, q)
        review.split_claim(db, ids[1], "First part.\nSecond part.", session_id=s, who="ann")
        rows = review.page(db, q, 0, 4)
        assert [r["text"] for r in rows[1:3]] == ["First part.", "Second part."]
        assert review.count(db, q) == len(ids) + 1
        review.undo(db, s, who="ann")
        assert review.count(db, q) == len(ids)

    def test_split_needs_a_line_break(self, db):
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        with pytest.raises(WorkbenchError):
            review.split_claim(db, cid, "no break", session_id=s, who="ann")

    def test_merge_and_drop(self, db):
        s = session(db)
        q = review.ListQuery(s)
        ids = all_ids(db, q)
        a, b = (claims.get(db, i)["text"] for i in ids[:2])
        review.merge_claims(db, ids[0], session_id=s, who="ann")
        assert claims.get(db, ids[0])["text"] == f"{a} {b}"
        assert review.count(db, q) == len(ids) - 1
        assert review.drop_claim(db, ids[2], session_id=s, who="ann") == ids[3]
        assert review.count(db, q) == len(ids) - 2
        review.undo(db, s, who="ann")
        review.undo(db, s, who="ann")
        assert review.count(db, q) == len(ids)
        assert claims.get(db, ids[0])["text"] == a

    def test_an_edit_flags_other_sessions_verdicts_on_the_claim_not_the_editors(self, db):
        """Bob's verdict was on the text as it was: after Ann edits it, his verdict asks for
        a re-review (as a re-ingest's edit does); Ann, who made the edit, is not asked.
        Bob's ctrl+z does not undo Ann's edit's flag: it undoes his own last change."""
        ann, bob = session(db), review.start_session(db, "bob", "bob")
        a, b = all_ids(db, review.ListQuery(ann))[:2]
        for s in (ann, bob):
            review.tag(db, s, a, who="x", status="supported", confidence=80)
        review.tag(db, bob, b, who="bob", status="refuted")
        review.edit_claim(db, a, "Changed text.", session_id=ann, who="ann")
        assert not review.get_verdict(db, ann, a).needs_review
        flagged = review.get_verdict(db, bob, a)
        assert (flagged.status, flagged.confidence, flagged.needs_review) == (
            Status.SUPPORTED, 80, True)
        assert review.claim_history(db, bob, a)[0]["new"] == {"needs_review": 1}
        assert review.undo(db, bob, who="bob").claim_id == b

    def test_a_merge_flags_the_merged_claims_verdicts_and_carries_the_seconds(self, db):
        """Ann merges a (her verdict: supported) with b (hers: refuted, with a source; Bob
        reviewed only b): in every session the merged claim's verdict asks for a re-review,
        and Bob's verdict on b comes with its source to the merged claim rather than
        vanishing with b. Ann's undo takes back the merge and her flag."""
        ann, bob = session(db), review.start_session(db, "bob", "bob")
        a, b = all_ids(db, review.ListQuery(ann))[:2]
        review.tag(db, ann, a, who="ann", status="supported", confidence=100)
        for s in (ann, bob):
            review.tag(db, s, b, who="x", status="refuted", confidence=20,
                       sources=[Source("https://example.org/b")])
        review.merge_claims(db, a, session_id=ann, who="ann")
        mine, bobs = review.get_verdict(db, ann, a), review.get_verdict(db, bob, a)
        assert (mine.status, mine.confidence, mine.needs_review) == (Status.SUPPORTED, 100,
                                                                     True)
        assert (bobs.status, bobs.confidence, bobs.sources, bobs.needs_review) == (
            Status.REFUTED, 20, [Source("https://example.org/b")], True)
        review.undo(db, ann, who="ann")
        assert claims.get(db, b)["dropped"] == 0
        mine = review.get_verdict(db, ann, a)
        assert (mine.status, mine.needs_review) == (Status.SUPPORTED, False)
        assert review.get_verdict(db, bob, b).status is Status.REFUTED

    def test_a_split_claims_second_half_loses_the_comma_it_began_with(self, db):
        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        review.split_claim(db, cid, "Iraq accepted help from Kurdish forces\n, a move that"
                           " angered Baghdad.", session_id=s, who="ann")
        rows = review.page(db, review.ListQuery(s), 0, 2)
        assert [r["text"] for r in rows] == ["Iraq accepted help from Kurdish forces",
                                             "a move that angered Baghdad."]

    def test_edited_text_is_searchable(self, db):
        from workbench import match

        s = session(db)
        cid = all_ids(db, review.ListQuery(s))[0]
        review.edit_claim(db, cid, "Zanzibar pelicans migrate", session_id=s, who="ann")
        assert match.search_claims(db, "zanzibar pelican")[0] == cid
