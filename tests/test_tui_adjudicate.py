"""The adjudication screen driven with Pilot: take A, take B, edit, next unsettled, progress,
persistence, the palette entry and the CLI command, and a snapshot at a fixed size."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_fixtures import (
    SIZE,
    run_async,
    seeded,
    settle,
)
from textual.widgets import Input, OptionList

from workbench import review
from workbench.cli import main
from workbench.compare import adjudicate
from workbench.model import Source, Status
from workbench.storage import Database, open_db, sessions
from workbench.tui.adjudicate import (
    AdjudicateApp,
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
