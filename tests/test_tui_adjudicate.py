"""The adjudication screen driven with Pilot: take A, take B, edit, next unsettled, progress,
persistence, changes made elsewhere meanwhile (a side's, agreements, a deleted session),
targets with verdicts of their own, flagged verdicts, a small terminal, the palette entry
and the CLI command, and a snapshot at a fixed size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_tui_fixtures import (
    SIZE,
    notices,
    run_async,
    seeded,
    settle,
)
from textual.widgets import Input, OptionList, Static

from workbench import review
from workbench.cli import main
from workbench.compare import adjudicate
from workbench.ingest import ingest_paths
from workbench.model import Source, Status
from workbench.storage import Database, adjudication, open_db, sessions
from workbench.tui.adjudicate import (
    AdjudicateApp,
    AdjudicateHelp,
    AdjudicateScreen,
    DisagreementList,
    FinalVerdictDialog,
)
from workbench.tui.app import WorkbenchApp
from workbench.tui.commands import commands
from workbench.tui.dialogs.pick import PickDialog


def two_sessions(db: Database) -> None:
    """Sessions a (ann) and b (bob): claims 1-2 agree; 3, 4 and 6 differ; 5 only a; 7 only b."""
    a = review.start_session(db, "a", "ann")
    b = review.start_session(db, "b", "bob")
    for claim, (va, vb) in {
        1: (("supported", 80), ("supported", 80)),
        2: (("refuted", 60), ("refuted", 60)),
        3: (("supported", 90), ("refuted", 70)),
        4: (("misleading", 50), ("misleading", 90)),
        5: (("unverifiable", 40), None),
        6: (("supported", 70), ("not_a_claim", 100)),
        7: (None, ("refuted", 30)),
    }.items():
        if va:
            review.tag(db, a, claim, who="ann", status=va[0], confidence=va[1],
                       sources=[Source("https://example.org/a", "report")] if claim == 3 else [])
        if vb:
            review.tag(db, b, claim, who="bob", status=vb[0], confidence=vb[1],
                       notes="asked the ministry" if claim == 3 else "")


pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    db = seeded(path)
    two_sessions(db)
    db.close()
    return path


def open_app(db_file: Path, target: str = "final") -> AdjudicateApp:
    db = open_db(db_file)
    return AdjudicateApp(db, adjudicate.open_sides(db, "a", "b", target, who="chief"), "chief")


def screen(app: WorkbenchApp) -> AdjudicateScreen:
    assert isinstance(app.screen, AdjudicateScreen)
    return app.screen


def final(app: WorkbenchApp, claim_id: int, target: str = "final") -> review.Verdict:
    return review.get_verdict(app.db, sessions.require(app.db, target)["id"], claim_id)


def text(app: WorkbenchApp, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id).render())


class TestAdjudicateScreen:
    @run_async
    async def test_lists_disagreements_side_by_side_on_the_first_unsettled(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            s = screen(app)
            assert [d.claim_id for d in s.items] == [3, 4, 5, 6, 7]
            assert s.current.claim_id == 3
            assert isinstance(app.focused, DisagreementList)
            assert "settled 0 / 5" in text(app, "#adj-top")
            assert "✓ supported 90" in text(app, "#adj-a")
            assert "example.org/a" in text(app, "#adj-a")
            assert "✗ refuted 70" in text(app, "#adj-b")
            assert "asked the ministry" in text(app, "#adj-b")
            assert "unsettled" in text(app, "#adj-final")

    @run_async
    async def test_take_a_and_take_b_write_into_the_target_with_history(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            assert final(app, 3) == review.Verdict(
                Status.SUPPORTED, 90, [Source("https://example.org/a", "report")], "",
                "chief", final(app, 3).updated_at)
            await pilot.press("j", "b")
            assert (final(app, 4).status, final(app, 4).confidence) == ("misleading", 90)
            assert "settled 2 / 5" in text(app, "#adj-top")
            assert "final" in text(app, "#adj-final") and "misleading 90" in text(
                app, "#adj-final")
            target = sessions.require(app.db, "final")["id"]
            logged = app.db.query("SELECT claim_id, who FROM history WHERE session_id = ?"
                                  " AND entity = 'verdict'", (target,))
            assert [(r["claim_id"], r["who"]) for r in logged] == [(3, "chief"), (4, "chief")]

    @run_async
    async def test_taking_a_side_that_did_not_review_is_refused(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("j", "j", "b")  # claim 5: only a reviewed it
            assert screen(app).current.claim_id == 5
            assert final(app, 5).status == Status.UNREVIEWED
            assert "settled 0 / 5" in text(app, "#adj-top")

    @run_async
    async def test_edit_sets_status_confidence_and_notes(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("e")
            assert isinstance(app.screen, FinalVerdictDialog)
            await pilot.press("down", "down", "tab")  # supported -> misleading
            app.screen.query_one("#confidence", Input).value = "65"
            app.screen.query_one("#notes", Input).value = "true in part"
            await pilot.press("tab", "enter")
            assert isinstance(app.screen, AdjudicateScreen)
            v = final(app, 3)
            assert (v.status, v.confidence, v.notes) == ("misleading", 65, "true in part")
            assert v.sources == [Source("https://example.org/a", "report")]  # A's and B's kept
            assert "settled 1 / 5" in text(app, "#adj-top")

    @run_async
    async def test_the_final_verdict_dialog_fits_a_small_terminal(self, db_file):
        """QA at 80x24: the hint that says enter saves (from the status list, at once) fell
        below the dialog, unseen."""
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            dialog = app.screen.query_one(".dialog").region
            assert dialog.contains_region(app.screen.query_one(".hint").region)
            assert dialog.contains_region(app.screen.query_one("#notes").region)

    @run_async
    async def test_edit_refuses_a_bad_confidence_and_escape_cancels(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("e")
            app.screen.query_one("#confidence", Input).value = "120"
            await pilot.press("enter")
            assert isinstance(app.screen, FinalVerdictDialog)
            assert "between 0 and 100" in text(app, "#problem")
            await pilot.press("escape")
            assert isinstance(app.screen, AdjudicateScreen)
            assert final(app, 3).status == Status.UNREVIEWED

    @run_async
    async def test_next_unsettled_skips_settled_and_wraps(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("j", "a")  # settle 4
            await pilot.press("k", "right_square_bracket")
            assert screen(app).current.claim_id == 5
            await pilot.press("a", "right_square_bracket")
            assert screen(app).current.claim_id == 6
            await pilot.press("j", "right_square_bracket")  # from 7, round to 3
            assert screen(app).current.claim_id == 3
            for key in ("a", "right_square_bracket", "b", "right_square_bracket", "b"):
                await pilot.press(key)
            assert "settled 5 / 5" in text(app, "#adj-top")
            await pilot.press("right_square_bracket")
            assert screen(app).current.claim_id == 7  # stays: nothing left to settle

    @run_async
    async def test_choices_persist_after_quit_and_reopen(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a", "j", "b", "q")
        assert app.return_code == 0 and not app.is_running
        again = open_app(db_file)
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert screen(again).current.claim_id == 5  # the first unsettled
            assert "settled 2 / 5" in text(again, "#adj-top")
            assert [d.settled for d in screen(again).items] == [True, True, False, False,
                                                                 False]

    @run_async
    async def test_target_is_created_with_the_agreed_verdicts(self, db_file):
        app = open_app(db_file, target="settled")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            assert "into settled" in text(app, "#adj-top")
        assert final(app, 1, "settled").status == Status.SUPPORTED  # agreed: copied
        assert final(app, 3, "settled").status == Status.SUPPORTED  # taken from A

    @run_async
    async def test_pages_through_many_disagreements(self, tmp_path):
        db = seeded(tmp_path / "c.db")
        a = review.start_session(db, "a", "ann")
        review.start_session(db, "b", "bob")
        ids = [r["id"] for r in db.query("SELECT id FROM claims ORDER BY id")]
        for claim in ids:
            review.tag(db, a, claim, who="ann", status="supported")
        app = AdjudicateApp(db, adjudicate.open_sides(db, "a", "b", who="chief"), "chief")
        async with app.run_test(size=SIZE) as pilot:
            import workbench.tui.adjudicate as module

            module_page = module.PAGE
            module.PAGE = 10
            try:
                s = screen(app)
                s._open_at(None)
                assert len(s.items) == 10 and s.more_after
                for _ in range(8):
                    await pilot.press("j")
                assert len(s.items) == 20  # the next page came near the end
                s._open_at(ids[25])
                assert s.current.claim_id == ids[25] and s.items[0].claim_id == ids[20]
                for _ in range(5):
                    await pilot.press("k")
                assert s.current.claim_id == ids[20]
                assert s.items[0].claim_id == ids[10]  # the page before came at the top
                await pilot.press("end")  # QA: it stopped at the window's end, #500
                assert s.current.claim_id == ids[-1] and not s.more_after
                await pilot.press("k", "home")
                assert s.current.claim_id == ids[0]
                await pilot.press("G")
                assert s.current.claim_id == ids[-1]
                await pilot.press("g")
                assert s.current.claim_id == ids[0]
            finally:
                module.PAGE = module_page


class TestEntryPoints:
    @run_async
    async def test_palette_picks_a_then_b_and_back_returns(self, db_file):
        app = WorkbenchApp(open_db(db_file), "ann", "chief")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            [entry] = [cb for name, _help, cb in commands(app.main)
                       if name == "Adjudicate sessions…"]
            entry()
            await pilot.pause()
            assert isinstance(app.screen, PickDialog)
            names = [v for _t, v in app.screen.options]
            app.screen.query_one(OptionList).highlighted = names.index("a")
            await pilot.press("enter")
            await pilot.pause()
            names = [v for _t, v in app.screen.options]
            assert "a" not in names
            app.screen.query_one(OptionList).highlighted = names.index("b")
            await pilot.press("enter")
            await settle(pilot)
            assert screen(app).sides.a == "a" and screen(app).sides.b == "b"
            await pilot.press("escape")
            assert app.screen is app.main

    def test_cli_opens_the_app_on_the_screen(self, db_file, monkeypatch, capsys):
        opened = []
        monkeypatch.setattr("workbench.tui.adjudicate.run",
                            lambda db, sides, reviewer: opened.append((sides, reviewer)))
        assert main(["--db", str(db_file), "adjudicate", "a", "b", "--into", "final-2",
                     "--reviewer", "chief"]) == 0
        [(sides, reviewer)] = opened
        assert (sides.a, sides.b, sides.target, reviewer) == ("a", "b", "final-2", "chief")
        assert main(["--db", str(db_file), "adjudicate", "a", "nobody"]) == 1
        assert "no session named 'nobody'" in capsys.readouterr().err


def test_snapshot(db_file, snap_compare):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("a", "j")

    assert snap_compare(open_app(db_file), terminal_size=SIZE, run_before=run_before)


def elsewhere(db_file: Path) -> Database:
    """The database as another terminal opens it."""
    return open_db(db_file)


class TestChangesMadeElsewhere:
    @run_async
    async def test_take_reads_the_side_as_it_is_now_and_shows_a_change(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            other = elsewhere(db_file)
            review.tag(other, sessions.require(other, "a")["id"], 3, who="ann",
                       status="misleading", confidence=40)
            await pilot.press("a")
            assert final(app, 3).status == Status.UNREVIEWED  # nothing written
            assert "! misleading 40" in text(app, "#adj-a")  # the screen shows it now
            assert any("'a' changed its verdict on claim 3" in n for n in notices(app))
            assert "settled 0 / 5" in text(app, "#adj-top")
            await pilot.press("a")  # taken as now shown
            assert (final(app, 3).status, final(app, 3).confidence) == ("misleading", 40)
            assert "settled 1 / 5" in text(app, "#adj-top")

    @run_async
    async def test_a_copied_agreement_that_breaks_is_not_settled(self, db_file):
        """QA: A and B agreed on claim 8, so it was copied into final; then A changed its
        verdict, and the claim was listed "settled" by the copy no one decided."""
        other = elsewhere(db_file)
        a, b = (sessions.require(other, n)["id"] for n in ("a", "b"))
        for session, who in ((a, "ann"), (b, "bob")):
            review.tag(other, session, 8, who=who, status="supported", confidence=60)
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert final(app, 8).status == "supported"  # copied as it opened
            review.tag(other, a, 8, who="ann", status="refuted", confidence=20)
            screen(app).look_for_changes()
            await settle(pilot)
            s = screen(app)
            row = adjudication.one(app.db, a, b, sessions.require(app.db, "final")["id"], 8)
            assert row is not None and not row["settled"]
            await pilot.press("G")
            await settle(pilot)
            assert s.current.claim_id == 8 and not s.current.settled
            await pilot.press("b")  # decided now, as final held it: logged all the same
            assert s.current.settled and final(app, 8).confidence == 60
            target = sessions.require(app.db, "final")["id"]
            assert review.claim_history(app.db, target, 8)[0]["action"] == "settle"
            assert final(app, 8).reviewer == "chief"  # the judge's, not whom it was copied from
            # QA: ctrl+z in final said "nothing; left as another reviewer changed them"
            assert review.undo(app.db, target, who="chief") is None

    @run_async
    async def test_agreements_made_since_are_copied_in_and_a_stale_final_is_a_conflict(
            self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a")  # claim 3: final takes A's supported 90
            other = elsewhere(db_file)
            a, b = (sessions.require(other, n)["id"] for n in ("a", "b"))
            review.tag(other, a, 3, who="ann", status="refuted", confidence=70, sources=[],
                       notes="asked the ministry")  # now as B has it
            for session, who in ((a, "ann"), (b, "bob")):
                review.tag(other, session, 8, who=who, status="not_a_claim", confidence=100)
            screen(app).look_for_changes()
            await settle(pilot)
            assert (final(app, 8).status, final(app, 8).confidence) == ("not_a_claim", 100)
            assert any("agree on 1 more claim" in n for n in notices(app))
            s = screen(app)
            assert s.current.claim_id == 3 and s.current.conflict and not s.current.settled
            assert "settled 0 / 5" in text(app, "#adj-top")
            assert s.query_one("#adj-detail").border_subtitle == (
                "a and b agree; final holds another")
            assert "to settle" in text(app, "#adj-final")
            target = sessions.require(app.db, "final")["id"]
            logged = app.db.query("SELECT new FROM history WHERE session_id = ?"
                                  " AND entity = 'session' ORDER BY id", (target,))
            assert [json.loads(r["new"])["verdicts"] for r in logged] == [2, 1]
            await pilot.press("b")
            assert (final(app, 3).status, final(app, 3).notes) == ("refuted",
                                                                    "asked the ministry")
            assert s.current.settled and not s.current.listed
            assert "settled 0 / 4" in text(app, "#adj-top")  # agreed now: off the count

    @run_async
    async def test_agreements_made_as_it_opens_are_followed(self, db_file):
        db = open_db(db_file)
        sides = adjudicate.open_sides(db, "a", "b", who="chief")
        for name, who in (("a", "ann"), ("b", "bob")):  # before the screen's first look
            review.tag(db, sessions.require(db, name)["id"], 8, who=who, status="refuted")
        app = AdjudicateApp(db, sides, "chief")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen(app).look_for_changes()
            await settle(pilot)
            assert final(app, 8).status == Status.REFUTED

    @run_async
    async def test_reopening_copies_what_a_and_b_came_to_agree_on(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("a", "q")  # claim 3: final takes A's supported 90
        other = elsewhere(db_file)
        a, b = (sessions.require(other, n)["id"] for n in ("a", "b"))
        for session, who in ((a, "ann"), (b, "bob")):
            review.tag(other, session, 8, who=who, status="not_a_claim", confidence=100)
        review.tag(other, b, 3, who="bob", status="supported", confidence=90,
                   sources=[Source("https://example.org/a", "report")], notes="")
        review.tag(other, a, 4, who="ann", status="misleading", confidence=90)
        review.tag(other, a, 4, who="ann", status="refuted")  # agree on 4, final has none
        review.tag(other, b, 4, who="bob", status="refuted")
        again = open_app(db_file)
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert final(again, 8).status == Status.NOT_A_CLAIM
            assert final(again, 4).status == Status.REFUTED
            # 3: final took A's, which B now has too: agreed, nothing left to settle
            assert [d.claim_id for d in screen(again).items] == [5, 6, 7]
            assert "settled 0 / 3" in text(again, "#adj-top")

    @run_async
    async def test_a_conflict_settled_by_an_edit_stays_settled(self, db_file):
        other = elsewhere(db_file)
        a = sessions.require(other, "a")["id"]
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("j", "a", "q")  # claim 4: final takes A's misleading 50
        review.tag(other, a, 4, who="ann", confidence=90)  # now as B has it
        again = open_app(db_file)
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            s = screen(again)
            assert s.current.claim_id == 3
            assert s.items[1].claim_id == 4 and s.items[1].conflict
            assert not s.items[1].settled
            await pilot.press("j", "e")
            app_screen = again.screen
            assert isinstance(app_screen, FinalVerdictDialog)
            app_screen.query_one("#confidence", Input).value = "70"
            await pilot.press("tab", "enter")
            assert final(again, 4).confidence == 70
            assert s.current.conflict and s.current.settled
        third = open_app(db_file)
        async with third.run_test(size=SIZE) as pilot:
            await settle(pilot)
            [four] = [d for d in screen(third).items if d.claim_id == 4]
            assert four.conflict and four.settled
            assert "settled 1 / 5" in text(third, "#adj-top")

    @run_async
    async def test_a_deleted_session_is_said_and_nothing_written(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            sessions.delete(elsewhere(db_file), "a", "eve", force=True)
            await pilot.press("a")  # A's verdict as shown is gone
            assert final(app, 3).status == Status.UNREVIEWED
            assert notices(app)[-1] == "session 'a' was deleted (by another process?)"
            sessions.delete(elsewhere(db_file), "final", "eve", force=True)
            await pilot.press("j", "b")
            assert app.is_running
            assert notices(app)[-1] == "session 'final' was deleted (by another process?)"
            screen(app).look_for_changes()
            await settle(pilot)
            assert "session 'final' was deleted" in text(app, "#adj-top")


class TestTargets:
    @run_async
    async def test_a_target_holding_verdicts_of_its_own_is_pointed_out(self, db_file):
        with open_db(db_file) as db:
            review.start_session(db, "b2", "bob", fork_of="b")
        app = open_app(db_file, target="b2")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert notices(app) == ["'b2' already held 6 verdicts, not from adjudicating "
                                    "'a' and 'b': claims it has a verdict on show as settled"]
            assert "settled 4 / 5" in text(app, "#adj-top")
        again = open_app(db_file)  # `final`, started by this adjudication: nothing to say
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert notices(again) == []
        with open_db(db_file) as db:
            review.start_session(db, "c", "cy")
            other_pair = AdjudicateApp(db, adjudicate.open_sides(db, "a", "c", who="chief"),
                                       "chief")
            async with other_pair.run_test(size=SIZE) as pilot:
                await settle(pilot)
                assert notices(other_pair) == [
                    "'final' already held 2 verdicts, not from adjudicating 'a' and 'c': "
                    "claims it has a verdict on show as settled"]


V1 = ("The storm killed 12 people on Tuesday.\n\nOfficials said 3,000 homes lost power.\n\n"
      "The mayor said the city would rebuild within a year.\n")
V2 = V1.replace("killed 12", "killed 15")


@run_async
async def test_a_verdict_flagged_for_re_review_is_never_agreed(tmp_path):
    article = tmp_path / "storm.txt"
    article.write_text(V1, encoding="utf-8")
    db = open_db(tmp_path / "c.db")
    list(ingest_paths(db, [article]))
    a = review.start_session(db, "a", "ann")
    b = review.start_session(db, "b", "bob")
    for claim in (1, 2, 3):
        for session, who in ((a, "ann"), (b, "bob")):
            review.tag(db, session, claim, who=who, status="supported", confidence=80)
    article.write_text(V2, encoding="utf-8")
    list(ingest_paths(db, [article]))  # claim 1's text changed: its verdicts are flagged
    edited, kept, _ = (r[0] for r in db.query(
        "SELECT id FROM claims WHERE article_id = 2 ORDER BY seq"))
    review.tag(db, b, edited, who="bob", status="supported")  # B looked again; A did not
    app = AdjudicateApp(db, adjudicate.open_sides(db, "a", "b", who="chief"), "chief")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        assert [(d.claim_id, d.differs) for d in s.items] == [(edited, "flagged")]
        assert final(app, edited).status == Status.UNREVIEWED  # not copied as agreed
        assert final(app, kept).status == Status.SUPPORTED  # unchanged: copied
        assert "settled 0 / 1" in text(app, "#adj-top")
        assert "↻ flagged for re-review: the claim's text changed" in text(app, "#adj-a")
        assert "flagged" not in text(app, "#adj-b")
        await pilot.press("b")
        assert final(app, edited).status == Status.SUPPORTED
        assert not final(app, edited).needs_review
        assert "settled 1 / 1" in text(app, "#adj-top")


class TestSmallTerminal:
    @run_async
    async def test_ctrl_d_and_ctrl_u_scroll_both_sides(self, db_file):
        with open_db(db_file) as db:
            review.tag(db, sessions.require(db, "a")["id"], 3, who="ann",
                       sources=[Source(f"https://example.org/{n}", "page 2") for n in range(6)],
                       notes="checked against the ministry's figures and two local reports")
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            panel = app.screen.query_one("#adj-a-panel")
            assert panel.max_scroll_y > 0  # more than fits: it scrolls
            await pilot.press("ctrl+d")
            assert panel.scroll_offset.y > 0
            await pilot.press("ctrl+d", "ctrl+d", "ctrl+d")
            assert panel.scroll_offset.y == panel.max_scroll_y
            await pilot.press("ctrl+u", "ctrl+u", "ctrl+u", "ctrl+u")
            assert panel.scroll_offset.y == 0
            await pilot.press("ctrl+d", "j")
            assert panel.scroll_offset.y == 0  # another claim shows from the top
            assert isinstance(app.focused, DisagreementList)

    @pytest.mark.parametrize("key", ["question_mark", "f1"])
    @run_async
    async def test_help_lists_this_screens_keys(self, db_file, key):
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(key)
            assert isinstance(app.screen, AdjudicateHelp)
            shown = str(app.screen.query_one(Static).render())
            for line in ("a  take A", "ctrl+d  A and B half a page down", "]  next unsettled",
                         "escape / q  back"):
                assert line in shown
            await pilot.press("escape")
            assert isinstance(app.screen, AdjudicateScreen)


def test_a_conflict_carried_to_a_new_version_stays_unsettled(tmp_path):
    """Verdicts a re-ingest carries are no one's decision: the stale final one carried
    last does not settle the conflict."""
    article = tmp_path / "storm.txt"
    article.write_text(V1, encoding="utf-8")
    db = open_db(tmp_path / "c.db")
    list(ingest_paths(db, [article]))
    a = review.start_session(db, "a", "ann")
    b = review.start_session(db, "b", "bob")
    for session, who in ((a, "ann"), (b, "bob")):
        review.tag(db, session, 2, who=who, status="supported", confidence=80)
    adjudicate.open_sides(db, "a", "b", who="chief")  # final copies supported 80
    for session, who in ((a, "ann"), (b, "bob")):
        review.tag(db, session, 2, who=who, status="refuted")
    article.write_text(V2, encoding="utf-8")
    list(ingest_paths(db, [article]))  # claim 2 unchanged: carried, final's last
    sides = adjudicate.open_sides(db, "a", "b", who="chief")
    [conflict] = adjudicate.page(db, sides)
    assert conflict.conflict and not conflict.settled
    assert adjudicate.progress(db, sides) == (0, 1)
