"""The review TUI driven with Pilot: every key, dialog and palette command, and persistence."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from test_tui_fixtures import SIZE, notices, run_async, seeded, settle
from textual import events
from textual.color import Color
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Input, OptionList, Static, TextArea

from workbench import review
from workbench.ingest import ingest_paths
from workbench.model import Source, Status, sources_to_json
from workbench.storage import claims, open_db, sessions
from workbench.tui import actions
from workbench.tui.app import WorkbenchApp
from workbench.tui.article_view import ArticleView
from workbench.tui.claim_list import ClaimList
from workbench.tui.commands import key_commands
from workbench.tui.dialogs.claim_text import ClaimTextDialog
from workbench.tui.dialogs.export_path import ExportPathDialog
from workbench.tui.dialogs.help import HelpScreen
from workbench.tui.dialogs.notes import NotesDialog
from workbench.tui.dialogs.pick import PickDialog
from workbench.tui.dialogs.source import SourceDialog
from workbench.tui.dialogs.typed_ahead import AFTER_KEY
from workbench.tui.key_bar import KeyBar
from workbench.tui.main_screen import REST_DELAY, MainScreen
from workbench.tui.top_bar import TopBar
from workbench.tui.verdict_panel import VerdictPanel, describe_change
from workbench.tui.wrap import wrap_offsets


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    seeded(path).close()
    return path


def open_app(db_file: Path, session: str = "ann") -> WorkbenchApp:
    return WorkbenchApp(open_db(db_file), session, "ann")


def one_article(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    """A database of one article (`name` holding `text`) and session ann: (its path, the
    article file's)."""
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    path = tmp_path / "c.db"
    with open_db(path) as db:
        list(ingest_paths(db, [article]))
        review.start_session(db, "ann", "ann")
    return path, article


def ids(app: WorkbenchApp) -> list[int]:
    s = app.main.session["id"]
    return [r["id"] for r in claims.stream(app.db, review.ListQuery(s).claim_filter)]


def verdict(app: WorkbenchApp, claim_id: int) -> review.Verdict:
    return review.get_verdict(app.db, app.main.session["id"], claim_id)


def listed_as(claims: ClaimList, index: int) -> str:
    """What the list's lines say of the claim at `index` (in view), glyph, seq and
    confidence left out, its lines joined."""
    return " ".join(claims.render_line(y).text[7:-6].strip()
                    for y in range(claims.scrollable_content_region.height)
                    if claims.index_at(y) == index)


def current(app: WorkbenchApp) -> int:
    return app.main.claim["id"]


async def show_notes(app: WorkbenchApp, pilot, notes: str) -> None:
    """Give the current claim these notes, as another process would, and show it again."""
    review.tag(app.db, app.main.session["id"], current(app), who="ann", notes=notes)
    app.main.show_claim()
    await settle(pilot)


def assert_article_progress_is_true(app: WorkbenchApp) -> None:
    p = review.progress(app.db, app.main.session["id"], app.main.claim["article_id"])
    assert f"article {p.reviewed}/{p.total}" in app.main.query_one(TopBar).text


def assert_session_progress_is_true(app: WorkbenchApp) -> None:
    p = review.progress(app.db, app.main.session["id"])
    assert f"session {p.reviewed:,}/{p.total:,}" in app.main.query_one(TopBar).text


class TestMainScreen:
    @run_async
    async def test_opens_on_first_claim_in_article_order(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert current(app) == ids(app)[0]
            assert isinstance(app.focused, ClaimList)
            top = app.screen.query_one(TopBar).text
            assert "Militants in Iraq" in top and "ann" in top and "session 0/" in top

    @run_async
    async def test_moves_with_arrows_and_jk(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j", "down", "j")
            assert current(app) == ids(app)[3]
            await pilot.press("k", "up")
            assert current(app) == ids(app)[1]
            await pilot.press("G")
            await settle(pilot)
            assert current(app) == ids(app)[-1]
            await pilot.press("g")
            assert current(app) == ids(app)[0]

    @run_async
    async def test_a_key_acts_on_the_claim_under_the_cursor(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.main.claims.move_to(2)  # and no pause before the key
            app.main.action_tag("refuted")
            assert verdict(app, ids(app)[2]).status is Status.REFUTED
            assert verdict(app, ids(app)[0]).status is Status.UNREVIEWED

    @run_async
    async def test_mouse_click_picks_a_claim(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            claims = app.main.claims
            # the second line of a claim that wraps (the border is line 0 of the widget)
            y = next(y for y in range(1, 30) if claims.index_at(y) == claims.index_at(y - 1) > 0)
            await pilot.click(ClaimList, offset=(10, 1 + y))
            assert current(app) == ids(app)[claims.index_at(y)]

    @run_async
    async def test_clicking_a_key_in_the_key_bar_runs_it(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            line = str(app.screen.query_one(KeyBar).render())
            assert line.startswith("s supported r refuted m misleading")
            await pilot.click(KeyBar, offset=(line.index("refuted"), 0))
            assert verdict(app, ids(app)[0]).status is Status.REFUTED
            await pilot.click(KeyBar, offset=(line.index("? help"), 0))
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)

    @run_async
    async def test_collection_held_back_for_start_up_resumes_after_the_first_frame(self, db_file):
        gc.disable()  # as `workbench review` does before it imports the app
        try:
            app = open_app(db_file)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                assert gc.isenabled()
        finally:
            gc.enable()
            gc.unfreeze()

    @run_async
    async def test_long_claims_are_wrapped_whole_in_the_list(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            claims = app.main.claims
            width = claims.scrollable_content_region.width
            long = next(i for i in range(1, 20) if len(claims.row(i)["text"]) > width)
            assert listed_as(claims, long) == " ".join(claims.row(long)["text"].split())

    @run_async
    async def test_a_speakers_name_is_shown_whole_before_the_claim(self, db_file):
        """QA: rows read "[Security and police sou…]" with the rest of the line empty."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            claims = app.main.claims
            index = next(i for i in range(30)
                         if claims.row(i)["by"] == "Security and police sources")
            assert listed_as(claims, index).startswith("[Security and police sources] ")

    @pytest.mark.parametrize("key,status", [
        ("s", Status.SUPPORTED), ("r", Status.REFUTED), ("m", Status.MISLEADING),
        ("u", Status.UNVERIFIABLE), ("x", Status.NOT_A_CLAIM),
    ])
    @run_async
    async def test_status_keys_tag_and_keep_the_cursor(self, db_file, key, status):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j", key)
            second = ids(app)[1]
            assert current(app) == second
            assert verdict(app, second).status is status
            assert app.screen.query_one(ClaimList).row(1)["status"] == status.value

    @run_async
    async def test_confidence_keys_and_backspace(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            first = ids(app)[0]
            for n in range(1, 6):
                await pilot.press("s", str(n))
                assert verdict(app, first).confidence == n * 20
            await pilot.press("backspace")
            v = verdict(app, first)
            assert (v.status, v.confidence) == (Status.UNREVIEWED, None)

    @run_async
    async def test_confidence_before_status_is_a_notification(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("3")
            await pilot.pause()
            assert any("set a status before a confidence" in m for m in notices(app))
            assert verdict(app, ids(app)[0]).confidence is None

    @run_async
    async def test_next_unreviewed(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            all_ids = ids(app)
            review.tag(app.db, app.main.session["id"], all_ids[1], who="x", status="refuted")
            app.main.claims.reload()
            await pilot.press("right_square_bracket")
            assert current(app) == all_ids[2]

    @run_async
    async def test_claims_another_window_merged_and_a_rename_show_without_a_restart(
        self, db_file, monkeypatch
    ):
        """Ann's window merges claims 1 and 2 and renames the session: Bob's window (here,
        another connection) shows the merged text, the list a claim shorter, and the new
        name within a look; its own changes tell it nothing."""
        from workbench.tui import main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            first, second = ids(app)[:2]
            before = app.main.claims.total
            await pilot.press("e")  # an edit here says nothing of another window
            app.screen.query_one(TextArea).text = "Militants are heading to Baghdad."
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
            assert not any("another window" in m for m in notices(app))
            with open_db(db_file) as other:
                review.merge_claims(other, first, who="ann")
                sessions.rename(other, "ann", "ann-day-1", "ann")
            await pilot.pause(0.3)
            await settle(pilot)
            assert app.main.claims.total == before - 1 and current(app) == first
            assert "heading to Baghdad. " in app.main.claim["text"]
            assert "ann-day-1" in app.main.query_one(TopBar).text
            assert any("changed in another window" in m for m in notices(app))
            assert second not in ids(app)

    @run_async
    async def test_switching_sessions_and_back_is_no_change_in_another_window(
            self, db_file, monkeypatch):
        """QA: tag two claims, switch to another session and back: "2 verdicts changed in
        another window or the shell" with no other window open."""
        from workbench.tui import main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        app = open_app(db_file)
        review.start_session(app.db, "scratch", "ann")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("r", "j", "s")
            own = app.main.session
            app.main.set_query(app.main.query_.filtered(status="unreviewed"))  # not listed
            app.main.set_session(sessions.require(app.db, "scratch"))
            await pilot.pause(0.2)
            app.main.set_session(own)
            app.main._look_elsewhere()  # before the list has read the session's rows again
            await pilot.pause(0.3)
            await settle(pilot)
            assert not any("another window" in m for m in notices(app))

    @run_async
    async def test_a_database_of_one_article_lists_no_title_above_it(self, db_file):
        """The top line names the one article already: a title above claim 1 would say it
        twice and cost a line."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.main.claims.render_line(0).text.startswith("·    1 Militants")

    @run_async
    async def test_a_list_of_several_articles_titles_each_where_it_begins(self, tmp_path):
        """QA: in article order, or filtered by status, one article's claims ran straight
        into the next's; seq started again at 1 and nothing else said so."""
        other = tmp_path / "other.txt"
        other.write_text("Harbour fees rise\n\nThe port raised its fees by 4% on Monday.\n")
        seeded(tmp_path / "s.db", other).close()
        app = open_app(tmp_path / "s.db")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            claims = app.main.claims

            def shown() -> list[str]:
                return [claims.render_line(y).text.rstrip()
                        for y in range(claims.scrollable_content_region.height)]

            assert shown()[0].startswith("── Militants in Iraq Are Heading to Baghdad Next ──")
            await pilot.press("G")  # the last claim: the second article's
            await settle(pilot)
            titled = [n for n, line in enumerate(shown()) if line.startswith("── Harbour")]
            assert titled and shown()[titled[0] + 1].startswith("·    1 Harbour fees rise")
            assert claims.index_at(titled[0]) == claims.index_at(titled[0] + 1)  # one claim's
            app.main.set_query(app.main.query_.filtered(article_id=app.main.claim["article_id"],
                                                        article_title="Harbour fees rise"))
            await settle(pilot)
            assert not any(line.startswith("──") for line in shown())  # one article: no title
            await pilot.press("escape", "slash", *"port raised", "enter")
            await settle(pilot)
            assert app.main.query_.ids is not None and app.main.claims.total > 1
            # QA: results come in how well they match, and repeated the titles over and over
            assert not any(line.startswith("──") for line in shown())

    @run_async
    async def test_paging_shows_every_claim_once_wrapped_claims_fill_the_view(self, db_file):
        """pgdn turns to the claim after the last one wholly in view, pgup back to the
        page that ends before the first: scanning by pages skips no claim."""
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            pages = [sorted(app.main.claims._whole_in_view())]
            for _ in range(4):
                await pilot.press("pagedown")
                pages.append(sorted(app.main.claims._whole_in_view()))
            assert all(len(page) > 1 for page in pages)
            assert [p[0] for p in pages[1:]] == [p[-1] + 1 for p in pages[:-1]]
            assert all(p[0] <= app.main.claims.cursor <= p[-1] for p in pages[-1:])
            await pilot.press("pageup")
            back = sorted(app.main.claims._whole_in_view())
            assert back[-1] == pages[-1][0] - 1

    @run_async
    async def test_a_claim_another_window_drops_leaves_the_cursor_on_the_next(
            self, db_file, monkeypatch):
        """The claim under the cursor dropped in another window: the cursor stays in its
        place, on the claim after it, as after a drop here, not back at the top."""
        from workbench.tui import main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("j", "j", "j")
            gone, after = ids(app)[3:5]
            assert current(app) == gone
            with open_db(db_file) as other:
                review.drop_claim(other, gone, who="bob")
            await pilot.pause(0.3)
            await settle(pilot)
            assert current(app) == after and gone not in ids(app)

    @run_async
    async def test_claims_ingested_elsewhere_join_the_list_without_a_restart(
        self, db_file, tmp_path, monkeypatch
    ):
        from workbench.ingest import ingest_file
        from workbench.tui import main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before, on = app.main.claims.total, current(app)
            (tmp_path / "more.txt").write_text(
                "Council meets\n\nThe council met on Monday. The mayor said taxes would"
                " not rise.", encoding="utf-8")
            with open_db(db_file) as other:  # `workbench ingest` in another terminal
                ingest_file(other, tmp_path / "more.txt")
            await pilot.pause(0.3)
            await settle(pilot)
            assert app.main.claims.total > before and current(app) == on
            assert any(m.startswith("new claims were ingested") for m in notices(app))

    @run_async
    async def test_the_halves_of_a_split_claim_are_numbered_apart(self, db_file):
        """QA: both halves of a split showed seq 2, as if one claim were listed twice."""
        with open_db(db_file) as db:
            second = [r["id"] for r in claims.stream(db)][1]
            text = claims.get(db, second)["text"]
            cut = text.index(" ", len(text) // 2)
            review.split_claim(db, second, text[:cut] + "\n" + text[cut + 1:], who="ann")
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            rows = [app.main.claims.row(i) for i in range(4)]
            assert [(r["seq"], r["part"]) for r in rows] == [(1, 1), (2, 1), (2, 2), (3, 1)]
            lines = ["".join(s.text for s in app.main.claims.render_line(y)) for y in range(8)]
            assert any(line[2:7] == " 2.2 " for line in lines), lines

    @run_async
    async def test_a_drop_made_again_leaves_the_cursor_on_the_next_claim(self, db_file):
        """QA: delete, ctrl+z, ctrl+y on claim 72 of 73 put the cursor on claim 1, where a
        plain drop leaves it on the next claim."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            listed = ids(app)
            app.main.claims.load(app.main.query_, listed[20])
            await settle(pilot)
            await pilot.press("delete", "ctrl+z", "ctrl+y")
            await settle(pilot)
            assert current(app) == listed[21]
            assert notices(app)[-1] == f"redone: drop of claim #{listed[20]}"

    @run_async
    async def test_undo_of_a_claim_this_list_does_not_show_leaves_the_cursor(self, db_file):
        """QA: in a filtered list ctrl+z undid a claim outside it and the cursor went to
        the top; it stays, and the note says the claim is not in this list."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("r", "j", "r", "j", "r", "j", "j", "s")
            await settle(pilot)
            refuted = ids(app)[:3]
            app.main.query_ = app.main.query_.filtered(status=Status.REFUTED)
            app.main.claims.load(app.main.query_, refuted[2])
            await settle(pilot)
            assert current(app) == refuted[2]
            await pilot.press("ctrl+z")  # the supported tag, on a claim not listed here
            await settle(pilot)
            assert current(app) == refuted[2]
            assert notices(app)[-1].endswith("(not in this list)")

    @run_async
    async def test_redo_takes_back_an_undo_once_too_many(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("m", "3")
            await pilot.press("ctrl+z", "ctrl+z")
            await settle(pilot)
            assert verdict(app, ids(app)[0]).status is Status.UNREVIEWED
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert verdict(app, ids(app)[0]).status is Status.MISLEADING
            assert notices(app) == [f"redone: tag of claim #{ids(app)[0]}"]
            await pilot.press("ctrl+y", "ctrl+y")
            await settle(pilot)
            assert verdict(app, ids(app)[0]).confidence == 60
            assert notices(app)[-1] == "nothing to redo: no undo since your last change"

    @run_async
    async def test_undo(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s", "4", "j", "r")
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert verdict(app, ids(app)[1]).status is Status.UNREVIEWED
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert current(app) == ids(app)[0]
            assert verdict(app, ids(app)[0]).confidence is None
            assert verdict(app, ids(app)[0]).status is Status.SUPPORTED
            # each undo's note replaces the last: ten presses do not stack ten toasts
            assert notices(app) == [
                f"undone: tag of claim #{ids(app)[0]}"]
            await pilot.press("o", *"AP", "enter", "n", *"wire", "ctrl+s")
            await pilot.press("ctrl+z")  # each undo names what it took back
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert notices(app) == [f"undone: sources of claim #{ids(app)[0]}"]
            assert verdict(app, ids(app)[0]).sources == []

    @run_async
    async def test_history_names_what_changed_in_the_words_the_keys_use(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x", "ctrl+z")
            await settle(pilot)
            lines = app.main.query_one(VerdictPanel).text.splitlines()
            history = lines[lines.index("History") + 1:]
            assert history[0].endswith("ann  undo: status not a claim → unreviewed")
            assert history[1].endswith("ann  status unreviewed → not a claim")

    @run_async
    async def test_a_long_source_hangs_under_its_text(self, db_file):
        app = open_app(db_file)
        ref = "https://example.org/" + "reports/" * 12 + "mosul"
        async with app.run_test(size=SIZE) as pilot:
            review.tag(app.db, app.main.session["id"], current(app), who="ann",
                       sources=[Source(ref, "the wire copy of the day the city fell, "
                                            "with the army's own statement quoted in full")])
            app.main.show_claim()
            await settle(pilot)
            panel = app.main.query_one(VerdictPanel)
            drawn = [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]
            first = next(n for n, line in enumerate(drawn) if line.startswith(" 1. https"))
            item = drawn[first:drawn.index("", first)]
            assert len(item) >= 3  # the URL is cut where the line ends, then the note
            assert all(line.startswith("   ") and line[3] != " " for line in item[1:])
            assert " ".join(line.strip() for line in item).endswith("quoted in full")

    @run_async
    async def test_the_verdict_stays_on_its_line_from_a_short_claim_to_a_long_one(
        self, db_file
    ):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            panel = app.main.query_one(VerdictPanel)
            rows, heights = [], set()
            for _ in range(6):  # the title, then claims of one and of two lines
                drawn = [panel.render_line(y).text for y in range(panel.size.height)]
                rows.append(next(n for n, line in enumerate(drawn) if "UNREVIEWED" in line))
                heights.add(len(wrap_offsets(app.main.claim["text"],
                                             panel.scrollable_content_region.width)))
                await pilot.press("j")
                await settle(pilot)
            assert len(heights) > 1 and len(set(rows)) == 1, (heights, rows)

    @run_async
    async def test_the_panel_scrolls_over_just_its_lines_once_notes_are_cut(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            panel = app.main.query_one(VerdictPanel)
            view = panel.scrollable_content_region.height
            await show_notes(app, pilot, "\n".join(["a line"] * 30))
            assert panel.virtual_size.height > view + 20
            await show_notes(app, pilot, "")
            assert panel.virtual_size.height == max(len(panel._strips), view)

    @run_async
    async def test_a_tag_keeps_the_panel_where_it_was_scrolled_and_a_move_goes_to_the_top(
        self, db_file
    ):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            panel = app.main.query_one(VerdictPanel)
            await show_notes(app, pilot, "\n".join(f"line {n}" for n in range(40)))
            panel.scroll_to(y=12, animate=False, immediate=True)
            await settle(pilot)
            await pilot.press("r", "3")  # reading the notes further down while tagging
            await settle(pilot)
            assert panel.scroll_offset.y == 12
            assert "REFUTED" in panel.text and "confidence 60" in panel.text
            await pilot.press("j")
            await settle(pilot)
            assert panel.scroll_offset.y == 0

    @run_async
    async def test_progress_follows_tags(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("s", "j", "r")
            top = app.screen.query_one(TopBar).text
            assert "article 2/" in top and "session 2/" in top

    @run_async
    async def test_progress_follows_split_merge_and_drop_at_once(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)

            async def split() -> None:
                await pilot.press("t")
                app.screen.query_one(TextArea).text = "First half\nsecond half"
                await pilot.press("ctrl+s")

            await pilot.press("s")
            for step in (split, "J", "j", "s", "delete", "k", "delete"):
                await (step() if callable(step) else pilot.press(step))
                assert_article_progress_is_true(app)  # at once, before any worker
                await settle(pilot)
                assert_session_progress_is_true(app)

    @run_async
    async def test_verdicts_another_process_wrote_show_in_the_list_and_count_once(
        self, db_file
    ):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            first, second = ids(app)[:2]
            top = app.main.query_one(TopBar).text
            with open_db(db_file) as other:  # `workbench tag` in another shell
                for claim_id in (first, second):
                    review.tag(other, app.main.session["id"], claim_id, who="bob",
                               status="supported")
            await pilot.press("4")  # supported already: a confidence reviews no claim more
            assert verdict(app, first).confidence == 80
            assert app.main.query_one(TopBar).text == top
            await pilot.press("j")
            claim_list = app.main.claims
            assert claim_list.row(1)["status"] == "supported"
            line = next(y for y in range(claim_list.size.height) if claim_list.index_at(y) == 1)
            assert claim_list.render_line(line).text.startswith("✓")

    @run_async
    async def test_after_a_resize_the_cursor_is_in_view_and_the_top_bar_fits(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("G")
            await settle(pilot)
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            claim_list, n = app.main.claims, len(ids(app))
            assert claim_list.cursor == n - 1
            assert claim_list.cursor in claim_list._whole_in_view()
            bar = app.main.query_one(TopBar)
            assert bar.render_line(0).text.rstrip().endswith(f"claim {n}/{n}")

    @run_async
    async def test_the_top_line_keeps_the_list_position_on_a_narrow_terminal(self, db_file):
        """QA: at 80 columns, with a longer session name, "claim 15/197" was cut off the
        end of the top line; at 70 it never showed. The reviewer's name, the percentage,
        the wide gaps, the session's name in full, and then the middle's end give way
        first."""
        review.start_session(open_db(db_file), "second-pass-desk", "ann")
        app = open_app(db_file, "second-pass-desk")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(*"jjjjjjjjjj")
            await settle(pilot)
            bar = app.main.query_one(TopBar)
            where = f"claim 11/{len(ids(app))}"
            assert "second-pass-desk (ann)  ·  article" in bar.render_line(0).text
            seen = {}
            for width in (80, 70, 60, 50):
                await pilot.resize_terminal(width, 24)
                await settle(pilot)
                seen[width] = bar.render_line(0).text.rstrip()
                assert seen[width].endswith(where), seen[width]
            assert "(ann)" not in seen[80]
            assert "· second-pass-desk · article 0/32 · session 0/32  " in seen[80]
            assert "· second-pass… · article 0/32 · " in seen[70]

    @run_async
    async def test_next_unreviewed_wraps_round_to_the_top(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            all_ids, sid = ids(app), app.main.session["id"]
            review.tag(app.db, sid, all_ids[0], who="ann", status="refuted")
            await pilot.press("G")
            await settle(pilot)
            await pilot.press("s", "right_square_bracket")
            assert current(app) == all_ids[1]
            assert "from the top" in notices(app)[-1]
            for claim_id in all_ids[2:]:
                review.tag(app.db, sid, claim_id, who="ann", status="refuted")
            app.main.claims.reload()
            await pilot.press("right_square_bracket")  # only this one is left
            assert current(app) == all_ids[1]
            assert notices(app)[-1] == "every other claim here is reviewed: none left to do"
            await pilot.press("s", "right_square_bracket")
            assert notices(app)[-1] == "every claim here is reviewed: none left to do"

    @run_async
    async def test_the_key_bar_keeps_help_and_quit_when_narrow(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            line = str(bar.render())  # statuses by their glyphs, so every key still shows
            assert line == ("s ✓ r ✗ m ! u ? x – o source n notes / search ] next to do"
                            " ? help q quit")
            await pilot.click(KeyBar, offset=(line.index("n notes"), 0))
            await pilot.pause()
            assert isinstance(app.screen, NotesDialog)
            await pilot.press("escape")
            await pilot.resize_terminal(160, 24)  # wide: undo and the palette too
            await pilot.pause()
            assert str(bar.render()).endswith("] next to do ^z undo ? help ^p commands q quit")
            await pilot.resize_terminal(60, 24)  # narrower still: help and quit stay
            await pilot.pause()
            line = str(bar.render())
            assert line == "s ✓ r ✗ m ! u ? x – o source n notes / search ? help q quit"
            await pilot.click(KeyBar, offset=(line.index("? help"), 0))
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)



class TestDialogs:
    @run_async
    async def test_add_source(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s", "o")
            assert isinstance(app.screen, SourceDialog)
            await pilot.press(*"https://example.org/a")
            await pilot.press("tab", *"shows it", "enter")
            assert isinstance(app.screen, MainScreen)
            assert isinstance(app.focused, ClaimList)
            assert verdict(app, ids(app)[0]).sources == [
                Source("https://example.org/a", "shows it")]

    @run_async
    async def test_malformed_url_is_pointed_out(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o", *"http//example", "enter")
            assert isinstance(app.screen, SourceDialog)
            problem = app.screen.query_one("#problem")
            assert "malformed URL" in str(problem.render())
            await pilot.press("backspace")  # the text it was about changed: it goes
            assert str(problem.render()) == ""
            await pilot.press("escape")  # typed text: not dropped at the first escape
            assert isinstance(app.screen, SourceDialog)
            assert str(problem.render()) == (  # QA: it said "enter saves", which it would not
                "not saved yet: escape again drops it · mend the URL, then enter saves")
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)
            assert verdict(app, ids(app)[0]).sources == []
            await pilot.press("o", "escape")  # nothing typed: one escape
            assert isinstance(app.screen, MainScreen)

    @run_async
    async def test_remove_a_source_with_shift_o(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("O")  # none yet: said, no dialog
            assert isinstance(app.screen, MainScreen)
            for ref in ("AP, 3 May", "Wrong paper, 1999", "Reuters, 12 June"):
                await pilot.press("o", *ref, "enter")
            await pilot.press("O")
            assert isinstance(app.screen, PickDialog)
            assert str(app.screen.query_one(".hint", Static).render()).startswith(
                "enter removes ·")  # QA: "enter picks", for a key that deletes
            await pilot.press("down", "enter")
            await settle(pilot)
            assert verdict(app, ids(app)[0]).sources == [Source("AP, 3 May"),
                                                         Source("Reuters, 12 June")]
            assert "sources −Wrong paper, 1999" in app.main.query_one(VerdictPanel).text

    @run_async
    async def test_a_source_added_is_said_and_scrolled_into_view(self, db_file):
        """QA at 80x24: after o, nothing confirmed the source, and the sources were below
        the panel's view."""
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("j", "j", "j", "j", "j", "s")  # a long claim, its verdict set
            panel = app.main.query_one(VerdictPanel)
            await pilot.press("o", *"https://example.org/report", "enter")
            await settle(pilot)
            assert notices(app)[-1] == "source 1 added: https://example.org/report"
            top, height = panel.scroll_offset.y, panel.scrollable_content_region.height
            shown = [panel.render_line(y).text for y in range(height)]
            assert any(line.startswith("Sources") for line in shown), (top, shown)
            assert any("https://example.org/report" in line for line in shown)

    @run_async
    async def test_citation_source(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o", *"Reuters, 12 June 2014", "enter")
            assert verdict(app, ids(app)[0]).sources == [Source("Reuters, 12 June 2014")]

    @run_async
    async def test_keys_typed_in_one_burst_with_the_key_that_opens_a_dialog(self, db_file):
        """A URL pasted straight after `o` (keys that reach the app in one read, before the
        dialog opens) lands in its field, whole and in order: enter saves it, and a key
        after enter goes to the list. Escape, ctrl+s and backspace act as typed."""
        app = open_app(db_file)

        async def burst(*keys: str) -> None:
            for key in keys:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            await settle(pilot)
            await pilot.pause(2 * AFTER_KEY)
            await settle(pilot)

        async with app.run_test(size=SIZE) as pilot:
            first, second, third = ids(app)[:3]
            await burst("o", *"https://example.org/a", "enter", "j")
            assert isinstance(app.screen, MainScreen)
            assert verdict(app, first).sources == [Source("https://example.org/a")]
            assert current(app) == second
            await burst("o", *"lost", "escape", "escape", "j")
            assert verdict(app, second).sources == [] and current(app) == third
            await burst("n", *"AP, 3 Mayy", "backspace", "ctrl+s")
            assert verdict(app, third).notes == "AP, 3 May"
            await burst("o", *"www.x", "enter", "y")  # enter refused: y goes on the URL
            assert isinstance(app.screen, SourceDialog)
            assert app.screen.query_one("#ref", Input).value == "www.xy"

    @run_async
    async def test_a_corrects_whom_a_claim_is_attributed_to_and_the_palette_its_kind(
            self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            claim = current(app)
            await pilot.press("a")
            field = app.screen.query_one("#by", Input)
            assert field.value == ""  # the article's own voice
            await pilot.press(*"Reuters", "enter")
            await settle(pilot)
            assert claims.get(app.db, claim)["by"] == "Reuters"
            assert "by Reuters" in app.main.query_one(VerdictPanel).text
            assert "attributed to Reuters, was the article's own voice" in (
                app.main.query_one(VerdictPanel).text)
            await TestPalette().run_command(pilot, "set kind: quote")
            assert claims.get(app.db, claim)["kind"] == "quote"
            await pilot.press("ctrl+z", "ctrl+z")
            await settle(pilot)
            assert (claims.get(app.db, claim)["by"], claims.get(app.db, claim)["kind"]) == (
                None, "fact")

    @run_async
    async def test_typing_in_the_edit_dialog_adds_to_the_end_as_in_notes(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            text = app.main.claim["text"]
            await pilot.press("e", *" (AP)", "ctrl+s")
            assert app.main.claim["text"] == text + " (AP)"

    @run_async
    async def test_notes_that_wrap_stay_under_their_first_line(self, db_file):
        """QA at 80x24: the first paragraph's wrapped lines went to column 0, the second's
        to column 3, under neither the label nor the text."""
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            words = " ".join(f"word{n}" for n in range(30))
            review.tag(app.db, app.main.session["id"], current(app), who="ann",
                       notes=f"{words}\nSecond line: {words}")
            app.main.show_claim()
            await pilot.pause()
            panel = app.main.query_one(VerdictPanel)
            lines = [panel.render_line(y).text.rstrip() for y in range(panel.virtual_size.height)]
            at = next(n for n, line in enumerate(lines) if line.startswith("Notes word0"))
            block = lines[at:next(n for n in range(at + 1, len(lines)) if not lines[n])]
            assert len(block) > 3 and all(line.startswith("      ") for line in block[1:])
            assert any(line.startswith("      Second line:") for line in block)
            assert " ".join(" ".join(block).split()) == f"Notes {words} Second line: {words}"

    @run_async
    async def test_notes_ctrl_s_saves_escape_cancels(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            assert isinstance(app.screen, NotesDialog)
            assert isinstance(app.focused, TextArea)
            await pilot.press(*"line one", "enter", *"line [two]", "ctrl+s")
            assert verdict(app, ids(app)[0]).notes == "line one\nline [two]"
            # QA: the second line sat under the "Notes" label, not under the first
            assert "\nNotes line one\n      line [two]\n" in app.main.query_one(VerdictPanel).text
            await pilot.press("n", "x", "escape")  # typed text is not dropped at once...
            assert isinstance(app.screen, NotesDialog)
            assert "escape again drops them" in str(app.screen.query_one(".hint").render())
            await pilot.press("escape")  # ...but at a second escape
            assert verdict(app, ids(app)[0]).notes == "line one\nline [two]"
            assert isinstance(app.focused, ClaimList)
            await pilot.press("n", "escape")  # nothing typed: one escape
            assert isinstance(app.screen, MainScreen)

    @run_async
    async def test_ctrl_q_over_typed_notes_asks_first(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", *"half a thought", "ctrl+q")
            assert isinstance(app.screen, NotesDialog) and app.return_code is None
            assert "ctrl+q again quits without them" in str(app.screen.query_one(".hint").render())
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.return_code == 0  # quitting

    @run_async
    async def test_ctrl_q_over_a_typed_source_asks_first(self, db_file):
        """QA: a long URL and its note, typed in "Add a source", went with one ctrl+q."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o", *"https://example.org/a", "tab", *"table 2", "ctrl+q")
            assert isinstance(app.screen, SourceDialog) and app.return_code is None
            assert str(app.screen.query_one("#problem").render()) == (
                "not saved yet: ctrl+q again quits without it · enter saves")
            await pilot.press("enter")  # saved after all
            assert verdict(app, ids(app)[0]).sources == [Source("https://example.org/a",
                                                                "table 2")]
            await pilot.press("o", "ctrl+q")  # nothing typed: quits at once
            await pilot.pause()
            assert app.return_code == 0

    @run_async
    async def test_ctrl_d_and_ctrl_u_scroll_the_verdict_panel_on_a_small_terminal(
        self, db_file
    ):
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await show_notes(app, pilot, "\n".join(f"line {n}" for n in range(20)))
            panel = app.main.query_one(VerdictPanel)
            half = panel.scrollable_content_region.height // 2
            await pilot.press("ctrl+d", "ctrl+d")
            await settle(pilot)
            assert panel.scroll_offset.y == 2 * half
            await pilot.press("ctrl+u")
            await settle(pilot)
            assert panel.scroll_offset.y == half
            assert isinstance(app.focused, ClaimList)  # the keys stay on the list

    @run_async
    async def test_help_with_question_mark_and_f1(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            for key in ("question_mark", "f1"):
                await pilot.press(key)
                assert isinstance(app.screen, HelpScreen)
                await pilot.press("escape")
                assert isinstance(app.screen, MainScreen)

    @run_async
    async def test_search_filters_the_list_and_escape_clears(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"Kurdish fihgters", "enter")
            await settle(pilot)
            q = app.main.query_
            assert q.ids is not None
            assert "Kurd" in app.main.claim["text"]
            assert app.main.claims.border_title == "claims · search “Kurdish fihgters”"
            await pilot.press("escape")
            assert app.main.query_.ids is None
            assert app.main.claims.total == len(ids(app))

    @run_async
    async def test_search_keeps_the_filters_in_force(self, db_file):
        """QA: with "kind quote" on, a search listed facts too, and its label named only
        the search."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.main.set_query(app.main.query_.filtered(kind="quote"))
            await settle(pilot)
            await pilot.press("slash", *"terrorists", "enter")
            await settle(pilot)
            listed = ids_listed(app)
            assert listed and all(claims.get(app.db, c)["kind"] == "quote" for c in listed)
            assert str(app.main.claims.border_title) == "claims · quote, search “terrorists”"
            await pilot.press("slash", *"Udhaim is 60 miles north", "enter")  # a fact
            await settle(pilot)
            assert notices(app)[-1] == ("no claim matching 'Udhaim is 60 miles north' passes"
                                        " the filters (quote): escape clears them")
            assert ids_listed(app) == listed

    @run_async
    async def test_search_puts_the_cursor_on_the_best_match_though_the_claim_was_found(
            self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"Tikrit", "enter")
            await settle(pilot)
            tikrit = current(app)
            assert "Tikrit" in app.main.claim["text"]
            await pilot.press("escape", "slash", *"seized the city", "enter")
            await settle(pilot)
            assert tikrit in app.main.query_.ids[1:]  # found, not first
            assert app.main.query_.ids[0] == current(app) != tikrit
            assert "Mosul" in app.main.claim["text"] and app.main.claims.cursor == 0

    @run_async
    async def test_a_list_that_fits_has_no_scrollbar_and_a_long_one_has(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            claim_list = app.main.claims
            assert claim_list.show_vertical_scrollbar  # the seed's 32 claims overflow
            await pilot.press("slash", *"Baghdad", "enter")
            await settle(pilot)
            assert 1 < claim_list.total < 10 and not claim_list.show_vertical_scrollbar
            await pilot.press("escape")
            await settle(pilot)
            assert claim_list.show_vertical_scrollbar

    @run_async
    async def test_edit_split_merge_drop(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            before = len(ids(app))
            await pilot.press("e")
            area = app.screen.query_one(TextArea)
            area.text = "Edited [claim]"
            await pilot.press("ctrl+s")
            assert app.main.claim["text"] == "Edited [claim]"
            await pilot.press("t")
            app.screen.query_one(TextArea).text = "Edited\n[claim]"
            await pilot.press("ctrl+s")
            assert len(ids(app)) == before + 1
            await pilot.press("J")
            assert len(ids(app)) == before
            await pilot.press("delete")
            assert len(ids(app)) == before - 1
            await pilot.press("ctrl+z")
            assert len(ids(app)) == before

    @run_async
    async def test_a_claim_text_refused_stays_in_the_dialog_to_mend(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            text = app.main.claim["text"]
            for key, typed, problem in (("e", "  ", "a claim needs some text"),
                                        ("t", "no break here",
                                         "put a line break where the claim should split")):
                await pilot.press(key)
                app.screen.query_one(TextArea).text = typed
                await pilot.press("ctrl+s")
                assert isinstance(app.screen, ClaimTextDialog)
                assert str(app.screen.query_one(".hint").render()) == problem
                assert app.screen.query_one(TextArea).text == typed
                await pilot.press("escape", "escape")
            assert app.main.claim["text"] == text

    @run_async
    async def test_anything_shaped_like_a_url_must_be_one(self, db_file):
        app = open_app(db_file)
        good = ["Interview: J. Smith, 3 May", "Reuters, 12 June", "ftp://ftp.example.org/a.csv"]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            for ref in ["htp:/reuters.com/iraq", "https:/reuters.com/iraq", "mailto:/x", *good]:
                await pilot.press("o")
                app.screen.query_one("#ref", Input).value = ref
                await pilot.press("enter")
                malformed = ref not in good
                assert isinstance(app.screen, SourceDialog) == malformed, ref
                if malformed:
                    assert "malformed URL" in str(app.screen.query_one("#problem").render())
                    await pilot.press("escape")
            assert verdict(app, ids(app)[0]).sources == [Source(ref) for ref in good]

    @run_async
    async def test_saving_a_claim_text_unchanged_says_nothing_changed(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e", "ctrl+s")
            await pilot.pause()
            assert notices(app) == ["nothing changed"]
            assert review.claim_history(app.db, app.main.session["id"], current(app)) == []

    @run_async
    async def test_help_scrolls_with_j_k_g_and_G(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark")
            keys = app.screen.query_one(VerticalScroll)
            await pilot.press("G")
            assert keys.scroll_y == keys.max_scroll_y > 1
            await pilot.press("g", "j", "j")
            assert keys.scroll_y == 2
            await pilot.press("k")
            assert keys.scroll_y == 1

    @run_async
    async def test_help_wraps_a_keys_words_under_its_words_and_lists_every_move(
            self, db_file):
        """QA at 70 columns: a long description wrapped back under the keys; space, home
        and end moved the list but were not listed."""
        app = open_app(db_file)
        async with app.run_test(size=(70, 30)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            shown = app.screen.query_one("#keys", Static)
            lines = str(shown.render()).splitlines()
            # no key's line wrapped again by the widget (the closing prose is its to wrap)
            assert max(map(len, lines[:-1])) <= shown.size.width
            at = next(n for n, line in enumerate(lines) if line.endswith("c  copy the similar"
                                                                          " claim's"))
            assert lines[at + 1] == " " * 24 + "verdict"
            assert "pgup / pgdn / space  page up, page down" in lines[2]
            assert "home / end / g / G  the first claim, the last" in lines[3]


class TestPalette:
    async def run_command(self, pilot, text: str) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*text)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)

    @run_async
    async def test_sort_by_check_worthiness(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await self.run_command(pilot, "sort by check")
            assert app.main.query_.order == "worthiness"
            rows = [app.main.claims.row(i) for i in range(app.main.claims.total)]
            values = [r["checkworthiness"] for r in rows]
            assert values == sorted(values, reverse=True)

    @run_async
    async def test_filter_by_status(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j", "r")
            await self.run_command(pilot, "status refuted")
            assert app.main.query_.status is Status.REFUTED
            assert app.main.claims.total == 1
            await pilot.press("escape")
            assert app.main.claims.total == len(ids(app))

    @run_async
    async def test_every_key_is_a_command_too(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await self.run_command(pilot, "mark refuted")
            assert verdict(app, current(app)).status is Status.REFUTED
            await self.run_command(pilot, "edit notes")
            assert isinstance(app.screen, NotesDialog)
            await pilot.press("escape")
            await self.run_command(pilot, "undo your last")
            assert verdict(app, current(app)).status is Status.UNREVIEWED
            await self.run_command(pilot, "help: every")
            assert isinstance(app.screen, HelpScreen)
            help_text = str(app.screen.query_one("#keys", Static).render())
            assert "Adjudicate sessions…" in help_text and "Filter: status …" in help_text

    @run_async
    async def test_f_offers_the_filters_alone(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j", "r", "f")
            await pilot.pause(0.3)
            await pilot.press(*"split")  # a command, but no filter
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert app.main.claims.total == len(ids(app))  # nothing split, nothing run
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("f")
            await pilot.pause(0.3)
            await pilot.press(*"status refuted")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert app.main.query_.status is Status.REFUTED and app.main.claims.total == 1

    @run_async
    async def test_filter_by_kind(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await self.run_command(pilot, "kind quote")
            assert app.main.query_.kind == "quote"
            assert app.main.claim is None or app.main.claim["kind"] == "quote"

    @run_async
    async def test_switch_article(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await self.run_command(pilot, "switch article")
            assert isinstance(app.screen, PickDialog)
            await pilot.press("enter")
            assert app.main.query_.article_id == app.main.claim["article_id"]
            await settle(pilot)  # the list is labelled by the article's title, not its id
            assert str(app.main.claims.border_title) == (
                "claims · “Militants in Iraq Are Heading to Baghdad Next”")

    @run_async
    async def test_textuals_own_commands_that_misbehave_here_are_not_offered(self, db_file):
        """QA: the palette's "Keys" opened a panel escape would not close, "Maximize" a box
        mid-screen, "Screenshot" failed without ~/Downloads."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert [c.title for c in app.get_system_commands(app.screen)] == ["Theme"]
            assert "Quit" in [name for name, _help, _run in key_commands(app.main)]  # q

    @run_async
    async def test_switch_article_opens_on_the_current_claims_article(self, tmp_path):
        others = []
        for n, title in enumerate(("Harbour fees rise", "Rail strike ends")):
            others.append(tmp_path / f"{n}.txt")
            others[-1].write_text(f"{title}\n\nThe port raised its fees by {n + 4}% on Monday.\n")
        seeded(tmp_path / "s.db", *others).close()
        app = open_app(tmp_path / "s.db")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("G")  # the last claim: of the last article
            await settle(pilot)
            await self.run_command(pilot, "switch article")
            assert isinstance(app.screen, PickDialog)
            listed = app.screen.query_one(OptionList)
            assert listed.highlighted == len(app.screen.options) - 1 > 0

    @run_async
    async def test_a_picker_forgives_a_typo_and_says_when_nothing_is_like_it(self, db_file):
        """QA: "flods" left an empty list, without a word, where / search forgives typos."""
        app = open_app(db_file)
        titles = ["Militants in Iraq Are Heading to Baghdad Next",
                  "Flash floods kill at least 12 in Kentucky", "Hospital waits hit a record"]
        async with app.run_test(size=SIZE) as pilot:
            picked = []
            app.push_screen(PickDialog("Switch article", [(t, n) for n, t in enumerate(titles)]),
                            picked.append)
            await pilot.pause()
            await pilot.press(*"zzz")
            listed = app.screen.query_one(OptionList)
            assert [str(o.prompt) for o in listed.options] == ["nothing here is like 'zzz'"]
            await pilot.press("backspace", "backspace", "backspace", *"flods")
            assert [str(o.prompt) for o in listed.options] == [titles[1]]
            await pilot.press("enter")
            assert picked == [1]

    @run_async
    async def test_a_picker_fits_a_small_terminal_and_shows_what_enter_picks(self, db_file):
        """QA at 80x24: the list ran past the dialog's bottom, its hint unseen, and enter
        picked an article that was never on screen."""
        app = open_app(db_file)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(PickDialog("Switch article", [(f"Article {n}", n)
                                                          for n in range(30)]))
            await pilot.pause()
            await pilot.press(*["down"] * 15)
            dialog = app.screen.query_one(".dialog").region
            listed = app.screen.query_one(OptionList)
            assert dialog.contains_region(listed.region)
            assert dialog.contains_region(app.screen.query_one(".hint").region)
            top = listed.scroll_offset.y
            assert top <= listed.highlighted < top + listed.scrollable_content_region.height
            await pilot.resize_terminal(80, 40)
            await pilot.pause()
            assert listed.region.height > 12  # taller again on a taller screen

    @run_async
    async def test_switching_session_keeps_the_list_and_its_label(self, db_file):
        """QA: after a switch the label read "claims · article 9" for the article's title,
        and a search (or "to re-review") was dropped without a word."""
        app = open_app(db_file)
        review.start_session(app.db, "second", "ann")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await self.run_command(pilot, "switch article")
            await pilot.press("enter")
            await settle(pilot)
            label = str(app.main.claims.border_title)
            assert "“Militants in Iraq" in label
            app.main.set_session(sessions.require(app.db, "second"))
            await settle(pilot)
            assert app.main.session["name"] == "second"
            assert str(app.main.claims.border_title) == label
            await pilot.press("slash", *"Baghdad", "enter")
            await settle(pilot)
            label, shown = str(app.main.claims.border_title), ids_listed(app)
            assert "search “Baghdad”" in label and 0 < len(shown) < len(ids(app))
            app.main.set_session(sessions.require(app.db, "ann"))
            await settle(pilot)
            assert str(app.main.claims.border_title) == label
            assert ids_listed(app) == shown

    @run_async
    async def test_start_and_switch_session(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await self.run_command(pilot, "switch or start")
            assert isinstance(app.screen, PickDialog)
            assert [text for text, _ in app.screen.options if "this one" in text] == [
                "ann  (ann, 1/32 reviewed)  · this one"]
            app.screen.query_one(Input).focus()
            await pilot.press(*"second", "enter")
            await settle(pilot)
            assert app.main.session["name"] == "second"
            assert verdict(app, ids(app)[0]).status is Status.UNREVIEWED

    @run_async
    async def test_the_session_picker_starts_on_this_one_and_narrows_as_you_type(
            self, db_file):
        app = open_app(db_file)
        for name in ("second pass", "bob"):
            review.start_session(app.db, name, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await self.run_command(pilot, "switch or start")
            listed = app.screen.query_one(OptionList)
            assert "this one" in str(listed.get_option_at_index(listed.highlighted).prompt)
            await pilot.press(*"second")  # typed on the list: the field takes it
            await pilot.pause()
            assert listed.option_count == 1 and app.screen.query_one(Input).value == "second"
            await pilot.press("enter")  # the one left, not a new session "second"
            await settle(pilot)
            assert app.main.session["name"] == "second pass"
            await self.run_command(pilot, "switch or start")
            await pilot.press(*"Second Pass", "enter")  # in another case: still that one
            await settle(pilot)
            assert app.main.session["name"] == "second pass"
            assert sessions.get_by_name(app.db, "Second Pass") is None

    @run_async
    async def test_export_csv(self, db_file, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await self.run_command(pilot, "export csv")
            assert app.screen.query_one(Input).value == "ann.csv"  # the next free name
            await pilot.press("enter")
            await settle(pilot)
            text = (tmp_path / "ann.csv").read_text()
            assert notices(app)[-1] == f"wrote 32 rows to {tmp_path / 'ann.csv'}"
            assert text.startswith("claim_id,article,seq,claim")
            assert "supported" in text
            # QA: no choice of file or folder; the second went to ann-2.csv unasked
            (tmp_path / "out").mkdir()
            await self.run_command(pilot, "export csv")
            assert app.screen.query_one(Input).value == "ann-2.csv"
            app.screen.query_one(Input).value = "out/for-the-desk.csv"
            await pilot.press("enter")
            await settle(pilot)
            assert (tmp_path / "out" / "for-the-desk.csv").read_text() == text
            await self.run_command(pilot, "export csv")
            for bad, problem in (("nowhere/x.csv", "folder nowhere does not exist"),
                                 (str(db_file), "a database or SQLite's file beside one")):
                app.screen.query_one(Input).value = bad  # QA: the dialog closed, the path lost
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, ExportPathDialog)
                assert problem in str(app.screen.query_one("#problem", Static).render())
                assert app.screen.query_one(Input).value == bad
            await pilot.press("escape")  # cancels: nothing written
            await settle(pilot)
            assert not (tmp_path / "ann-2.csv").exists()

    @run_async
    async def test_jump_to_next_unreviewed(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await self.run_command(pilot, "next unreviewed")
            assert current(app) == ids(app)[1]


class TestPersistence:
    @run_async
    async def test_quit_and_reopen_in_the_same_state(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j", "j", "m", "2", "o", *"https://a.example/x", "enter", "q")
        assert app.return_code in (0, None)
        again = open_app(db_file)
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            third = ids(again)[2]
            assert current(again) == third
            v = verdict(again, third)
            assert (v.status, v.confidence) == (Status.MISLEADING, 40)
            assert v.sources == [Source("https://a.example/x")]
            assert again.main.claims.row(2)["status"] == "misleading"


    @run_async
    async def test_reopens_on_what_its_claim_became_after_a_reingest(self, tmp_path):
        """QA: quit on claim 8, the article re-ingested, and the session reopened on
        claim 1: it reopens on the new version's claim that continues claim 8."""
        text = " ".join(f"The council approved budget line {n} on Monday." for n in range(1, 9))
        path, article = one_article(tmp_path, "budget.txt", "Budget\n\n" + text + "\n")
        with open_db(path) as db:
            s = review.resolve_session(db, "ann", "ann")["id"]
            left = [r["id"] for r in claims.stream(db, review.ListQuery(s).claim_filter)][5]
            review.remember_cursor(db, s, left)
            article.write_text("Budget\n\n" + text.replace("line 8 on", "line 8 on late")
                               + "\n", encoding="utf-8")
            list(ingest_paths(db, [article]))
            became = review.now_claim(db, left)
        assert became is not None and became != left
        app = open_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert current(app) == became

    @staticmethod
    def deep_in_a_long_list(tmp_path: Path) -> tuple[WorkbenchApp, list[int]]:
        """The app on a database whose session was left at the 251st of its claims, and
        the claims listed."""
        long = tmp_path / "long.txt"
        long.write_text("Long report\n\n" + " ".join(
            f"The council approved budget line {n} on Monday." for n in range(1, 301)) + "\n")
        path = tmp_path / "long.db"
        db = seeded(path, long)
        s = review.resolve_session(db, "ann", "ann")["id"]
        listed = [r["id"] for r in claims.stream(db, review.ListQuery(s).claim_filter)]
        review.remember_cursor(db, s, listed[250])
        db.close()
        return open_app(path), listed

    @run_async
    async def test_reopens_deep_in_a_long_list(self, tmp_path):
        app, listed = self.deep_in_a_long_list(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert current(app) == listed[250]
            claim_list = app.main.claims
            assert claim_list.cursor == 250 and claim_list.placed
            # claims wrap to the list's width: no sideways scrollbar takes a line of them
            assert claim_list.show_vertical_scrollbar
            assert not claim_list.show_horizontal_scrollbar
            assert claim_list.scrollable_content_region.height == claim_list.content_size.height
            assert f"claim 251/{len(listed)}" in app.main.query_one(TopBar).text
            top = claim_list.scroll_offset.y  # the claim is in view, with claims after it
            assert top < 250 < top + claim_list.scrollable_content_region.height - 5
            article = app.main.query_one(ArticleView)  # and so is its span in the article
            line, top = article.line_of(article.span[0]), article.scroll_offset.y
            assert top > 0 and top <= line < top + article.scrollable_content_region.height
            await pilot.press("k")
            assert current(app) == listed[249]
            await pilot.press("G")
            await settle(pilot)
            assert current(app) == listed[-1]

    @run_async
    async def test_a_move_in_a_scrolled_view_repaints_the_lines_that_changed(self, tmp_path):
        app, _listed = self.deep_in_a_long_list(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            claim_list, article = app.main.claims, app.main.query_one(ArticleView)
            assert claim_list.scroll_offset.y > 0 and article.scroll_offset.y > 0
            for key in ("k", "k", "j"):  # the cursor and the span move within the view
                await pilot.press(key)
                await pilot.pause()
                for widget in (claim_list, article, app.main.query_one(VerdictPanel)):
                    whole = Region(0, 0, *widget.outer_size)
                    painted = widget.render_lines(whole)
                    widget.refresh()  # drawn again from scratch
                    assert widget.render_lines(whole) == painted, (key, widget)

    @run_async
    async def test_going_to_the_top_before_a_deep_claim_is_placed(self, tmp_path):
        app, listed = self.deep_in_a_long_list(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            claim_list = app.main.claims
            claim_list._locate = lambda *_: None  # the worker never answers: g must not wait
            claim_list.load(claim_list.query_, listed[250])
            assert not claim_list.placed and current(app) == listed[250]
            assert "claim …/" in app.main.query_one(TopBar).text
            await pilot.press("g")
            assert claim_list.placed and current(app) == listed[0]
            await pilot.press("j")
            assert current(app) == listed[1]

    @run_async
    async def test_a_deep_claim_dropped_before_it_is_placed_opens_the_list_at_the_top(
            self, tmp_path):
        app, listed = self.deep_in_a_long_list(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            claim_list = app.main.claims
            claim_list._locate = lambda *_: None
            claim_list.load(claim_list.query_, listed[250])
            review.drop_claim(app.db, listed[250], who="bob")  # another reviewer, meanwhile
            await pilot.press("G")  # needs the real place: the claim is gone, so the top
            assert claim_list.placed and current(app) == listed[0]
            await settle(pilot)
            await pilot.press("G")
            assert current(app) == listed[-1]
            assert (f"claim {len(listed) - 1}/{len(listed) - 1}"
                    in app.main.query_one(TopBar).text)


class TestEmpty:
    @run_async
    async def test_an_empty_database_says_how_to_add_articles(self, tmp_path):
        path = tmp_path / "empty.db"
        with open_db(path) as db:
            review.start_session(db, "ann", "ann")
        app = open_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("s", "j", "G", "right_square_bracket", "ctrl+z")  # no harm done
            assert app.main.claim is None
            assert "workbench ingest PATH" in app.main.query_one(VerdictPanel).text

    @run_async
    async def test_a_filter_without_matches_says_how_to_clear_it(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            actions.filter_status(app.main, Status.REFUTED)
            await settle(pilot)
            assert "escape to clear the filters" in app.main.query_one(VerdictPanel).text
            await pilot.press("escape")
            assert app.main.claim is not None


class TestSessionDeletedElsewhere:
    @run_async
    async def test_keys_say_the_session_is_gone_instead_of_crashing(self, db_file):
        """Another terminal deletes the open session (`sessions delete ann --force`): a
        tag or an undo says so and saves nothing; the app stays up."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("s")
            with open_db(db_file) as other:
                sessions.delete(other, "ann", "bob", force=True)
            for key in ("j", "r", "ctrl+z"):
                await pilot.press(key)
            await settle(pilot)
            assert [n for n in notices(app) if "session has been deleted" in n] and app.is_running
            assert app.db.query("SELECT count(*) FROM verdicts")[0][0] == 0


class TestReingestWhileFiltered:
    @run_async
    async def test_a_list_of_one_article_follows_it_to_its_new_version(
            self, tmp_path, monkeypatch):
        from workbench.tui import actions, main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        path, article = one_article(tmp_path, "heat.txt", "Heatwave\n\nHeat killed 47,000"
                                    " people in 2023. Cities warmed by 2 degrees.\n")
        app = open_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            actions.filter_article(app.main, 1, "Heatwave")
            await pilot.press("j")
            await settle(pilot)
            article.write_text(article.read_text().replace("2 degrees", "3 degrees"),
                               encoding="utf-8")
            with open_db(path) as other:
                list(ingest_paths(other, [article]))  # version 2: article 2
            await pilot.pause(0.3)
            await settle(pilot)
            assert app.main.query_.article_id == 2
            assert app.main.claim["text"] == "Cities warmed by 3 degrees."
            assert "Heatwave" in str(app.main.claims.border_title)


class TestVerdictsChangedElsewhere:
    @run_async
    async def test_a_tag_from_the_shell_in_the_session_shows_without_a_restart(
            self, db_file, monkeypatch):
        from workbench.tui import main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")  # ann's own: no notice for it
            await settle(pilot)
            second = ids(app)[1]
            assert "session 1/32" in app.main.query_one(TopBar).text
            with open_db(db_file) as other:  # the desk chief, `workbench tag 2 …`
                review.tag(other, sessions.require(other, "ann")["id"], second,
                           who="chief", status="refuted", confidence=60)
            await pilot.pause(0.3)
            await settle(pilot)
            assert "session 2/32" in app.main.query_one(TopBar).text
            assert app.main.claims.row(1)["status"] == "refuted"
            lines = ["".join(s.text for s in app.main.claims.render_line(y)) for y in range(4)]
            assert [line[:6] for line in lines if line[:1] != " "][:2] == ["✓    1", "✗    2"]
            assert notices(app)[-1] == ("1 verdict changed elsewhere (another window, the shell,"
                                          " an ingest): the list shows it now")
            assert [n for n in notices(app) if "changed elsewhere" in n] == [notices(app)[-1]]

    @run_async
    async def test_the_same_reviewers_second_window_shows_too(self, db_file, monkeypatch):
        """A reviewer with two windows open on the session (or tagging from the shell as
        themselves) sees in each what the other did; a window's own tag says nothing."""
        from workbench.tui import main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await pilot.pause(0.3)
            await settle(pilot)
            assert not [n for n in notices(app) if "changed in another" in n]
            second = ids(app)[1]
            with open_db(db_file) as other:
                review.tag(other, sessions.require(other, "ann")["id"], second,
                           who=app.main.reviewer, status="misleading")
            await pilot.pause(0.3)
            await settle(pilot)
            assert app.main.claims.row(1)["status"] == "misleading"
            assert "session 2/32" in app.main.query_one(TopBar).text
            assert notices(app)[-1] == ("1 verdict changed elsewhere (another window, the shell,"
                                          " an ingest): the list shows it now")

    @run_async
    async def test_undo_leaves_a_verdict_another_reviewer_changed_since_and_says_so(
            self, db_file):
        """QA: ann's ctrl+z wiped bob's verdict, set from the shell after her tag."""
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await settle(pilot)
            claim = current(app)
            with open_db(db_file) as other:
                review.tag(other, app.main.session["id"], claim, who="bob", status="refuted")
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert verdict(app, claim).status is Status.REFUTED
            assert notices(app)[-1] == (
                f"undone: nothing; claim #{claim} left as bob changed it since")
            assert "ann  undo: nothing put back, changed since by another" in (
                app.main.query_one(VerdictPanel).text)


class TestNotesEditedInTwoWindows:
    @run_async
    async def test_saving_over_notes_changed_meanwhile_says_so_and_undo_puts_them_back(
            self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await show_notes(app, pilot, "ann note")
            await pilot.press("n", "end", *" + ann adds more")
            with open_db(db_file) as other:  # bob's window on the same session saves first
                review.tag(other, app.main.session["id"], current(app), who="bob",
                           notes="ann note + BOB second thought")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert verdict(app, current(app)).notes == "ann note + ann adds more"
            assert notices(app)[-1].startswith("bob changed these notes while you edited them")
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert verdict(app, current(app)).notes == "ann note + BOB second thought"


class TestArticleClicks:
    @run_async
    async def test_a_click_on_a_sentence_of_the_article_goes_to_its_claim(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            view = app.main.query_one(ArticleView)
            target = claims.get(app.db, ids(app)[3])  # the third of one sentence's claims
            line = view.line_of(target["start"] + 2)
            x = target["start"] + 2 - view._lines[line][0]
            for n in (1, 2, 3):  # a click goes to the sentence's first claim, the next …
                await pilot.click(ArticleView, offset=(2 + x, 1 + line - view.scroll_offset.y))
                await settle(pilot)
                assert current(app) == ids(app)[n]
            assert current(app) == target["id"]
            await pilot.press("s")
            actions.filter_status(app.main, Status.SUPPORTED)  # a list of it alone
            await settle(pilot)
            other = claims.get(app.db, ids(app)[5])
            line = view.line_of(other["start"])
            x = other["start"] - view._lines[line][0]
            await pilot.click(ArticleView, offset=(2 + x, 1 + line - view.scroll_offset.y))
            await settle(pilot)
            assert current(app) == target["id"]
            assert notices(app)[-1] == (f"claim #{other['id']} is not in this list: escape"
                                        " clears the filters")


class TestMergeAcrossSpeakers:
    @run_async
    async def test_merging_claims_of_two_speakers_says_whose_the_merged_one_is(self, tmp_path):
        path, _article = one_article(tmp_path, "strike.txt", '"The strike goes on," said union'
                                     " leader Piet de Vries. The mayor said the port would"
                                     " reopen in May.\n")
        app = open_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("J")
            await settle(pilot)
            assert notices(app)[-1] == (
                "merged with the next claim; the two had different speakers (union leader"
                " Piet de Vries, The mayor): the merged claim is union leader Piet de Vries's"
                " (a corrects it)")


class TestTheme:
    @run_async
    async def test_the_theme_chosen_is_the_next_runs(self, db_file):
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.theme == "textual-dark"
            app.theme = "textual-light"  # as ctrl+p, "theme" sets it
            await settle(pilot)
        again = open_app(db_file)
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert again.theme == "textual-light"

    def test_a_terminal_of_16_colours_starts_in_the_ansi_theme(self):
        """QA: with TERM=xterm, supported, refuted and unverifiable all came out grey. A
        theme chosen before is kept; a terminal of 256 colours or more keeps Textual's."""
        from workbench.tui.app import starting_theme

        assert starting_theme(None, "standard") == "ansi-dark"
        assert starting_theme("nord", "standard") == "nord"
        assert starting_theme(None, "256") is None
        assert starting_theme(None, "truecolor") is None

    @run_async
    async def test_under_no_color_the_cursor_row_is_reversed(self, db_file, monkeypatch):
        """QA: with NO_COLOR=1 the cursor row differed from the others by one grey."""
        monkeypatch.setenv("NO_COLOR", "1")
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.main.claims.line_styles()["cursor "].reverse
        monkeypatch.delenv("NO_COLOR")
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert not app.main.claims.line_styles()["cursor "].reverse

    @pytest.mark.parametrize("few", [False, True])
    @run_async
    async def test_each_status_reads_on_its_row_and_badge_in_every_theme(
            self, db_file, monkeypatch, few):
        """QA: in textual-light, supported was green on the cursor row's blue-grey at a
        contrast of 2.1; in ansi-dark, unverifiable was blue on the blue cursor row and
        badge, and the highlighted span light text on yellow. In 256 colours (tmux's
        default), refuted on the dark cursor row came out 2.7: the nearest colours the
        terminal has are what it shows, and what is weighed."""
        from workbench.tui import claim_list, verdict_panel
        from workbench.tui.line_styles import LEGIBLE, _contrast, _shown

        for module in (claim_list, verdict_panel):
            monkeypatch.setattr(module, "eight_bit", lambda _widget: few)

        def contrast(style) -> float:
            return _contrast(_shown(Color.from_rich_color(style.color), few),
                             _shown(Color.from_rich_color(style.bgcolor), few))

        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for theme in ("textual-light", "textual-dark", "nord", "gruvbox"):
                app.theme = theme
                await settle(pilot)
                rows = app.main.claims.line_styles()
                badges = app.main.query_one(VerdictPanel).line_styles()
                for status in Status:
                    for style in (rows[status.value], rows[f"cursor {status.value}"],
                                  badges[status.value]):
                        assert contrast(style) >= LEGIBLE - 0.01, (theme, status)
            app.theme = "ansi-dark"
            await settle(pilot)
            cursor = app.main.claims.line_styles()["cursor unverifiable"]
            assert cursor.reverse and cursor.bgcolor.is_default  # a block of its colour
            badge = app.main.query_one(VerdictPanel).line_styles()["unverifiable"]
            assert badge.reverse and badge.bgcolor.is_default
            span = app.main.query_one(ArticleView).line_styles()["span"]
            assert (span.color.number, span.bgcolor.number) == (0, 3)  # black on yellow

    @run_async
    async def test_settings_that_cannot_be_read_are_textuals_defaults(self, db_file):
        from workbench.tui import settings

        settings.path().parent.mkdir(parents=True, exist_ok=True)
        settings.path().write_text('{"theme": "no-such-theme"', encoding="utf-8")
        app = open_app(db_file)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.theme == "textual-dark"


class TestDialogsOutlivedByTheirClaim:
    """Another process replaces or drops the claim while its dialog is open: what was typed
    is saved on what the claim became, or shown, never lost without a word."""

    @run_async
    async def test_notes_and_a_source_follow_a_reingest_or_are_shown(
            self, tmp_path, monkeypatch):
        from workbench.tui import main_screen

        monkeypatch.setattr(main_screen, "ELSEWHERE_EVERY", 0.05)
        path, article = one_article(  # claims 1 and 2
            tmp_path, "heat.txt", "Heat killed 47,000 people in 2023. Cities warmed by 2"
            " degrees.\n")
        app = open_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.press(*"checked by email")
            article.write_text(article.read_text().replace("2 degrees", "3 degrees"),
                               encoding="utf-8")
            with open_db(path) as other:  # `workbench ingest` in another terminal
                list(ingest_paths(other, [article]))  # claims 3 (1 unchanged) and 4
            await pilot.pause(0.3)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert verdict(app, 3).notes == "checked by email" and current(app) == 3
            assert "saved on claim #3: the article's new version of claim #1" in notices(app)
            await pilot.press("j", "o")
            await pilot.press(*"https://x.org/heat")
            review.drop_claim(app.db, 4, who="bob")  # another window drops it
            await pilot.press("enter")
            await settle(pilot)
            assert verdict(app, 4).sources == []
            assert ("not saved: claim #4 was dropped or removed while the dialog was open."
                    " What you typed: source https://x.org/heat") in notices(app)


class TestReReview:
    """A verdict a re-ingest carried to an edited claim: flagged until checked again."""

    @run_async
    async def test_a_flagged_claim_shows_is_visited_counted_and_cleared(self, tmp_path):
        article = tmp_path / "budget.txt"
        article.write_text("The council approved a budget of 42 million euros on Tuesday. "
                           "The city has 310,000 residents.\n", encoding="utf-8")
        path = tmp_path / "c.db"
        with open_db(path) as db:
            list(ingest_paths(db, [article]))
            sid = review.start_session(db, "ann", "ann")
            for claim_id in (1, 2):
                review.tag(db, sid, claim_id, who="ann", status="supported", confidence=80)
            article.write_text(article.read_text().replace("42", "44"), encoding="utf-8")
            list(ingest_paths(db, [article]))  # claim 3 edited (flagged), 4 unchanged
            assert review.progress(db, sid).reviewed == 1
        app = open_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            listing = app.main.claims
            assert [listing.row(i)["needs_review"] for i in range(2)] == [1, 0]
            assert "session 1/2" in app.main.query_one(TopBar).text
            await pilot.press("j", "right_square_bracket")  # wraps round to the flagged one
            assert current(app) == 3
            panel = app.main.query_one(VerdictPanel).text
            assert "↻ to re-review: this claim changed since the verdict, in its text" in panel
            assert "↻" in "".join(s.text for s in listing.render_line(0))
            actions.filter_flagged(app.main)
            await settle(pilot)
            assert ids_listed(app) == [3]
            await pilot.press("s")  # the same status again: confirmed
            await settle(pilot)
            assert not verdict(app, 3).needs_review
            assert "session 2/2" in app.main.query_one(TopBar).text
            assert "re-reviewed" in app.main.query_one(VerdictPanel).text
            await pilot.press("ctrl+z")  # the flag comes back with the undo
            await settle(pilot)
            assert verdict(app, 3).needs_review


def ids_listed(app: WorkbenchApp) -> list[int]:
    """The ids of the claims the list shows (as far as it has read them)."""
    listing, found, i = app.main.claims, [], 0
    while (row := listing.row(i)) is not None:
        found.append(row["id"])
        i += 1
    return found


class TestSimilarClaims:
    @staticmethod
    def with_a_reviewed_twin(tmp_path: Path) -> tuple[WorkbenchApp, list[int]]:
        """The app, and the ids of a claim of the seed and its twin in another article,
        the twin refuted 80 (last)."""
        other = tmp_path / "other.txt"
        other.write_text("Another report\n\nMembers of ISIS are now heading towards Baghdad, "
                         "officials said.\n")
        path = tmp_path / "s.db"
        db = seeded(path, other)
        s = review.resolve_session(db, "ann", "ann")["id"]
        target = [r["id"] for r in claims.stream(db) if "heading towards Baghdad" in r["text"]]
        review.tag(db, s, target[-1], who="ann", status="refuted", confidence=80,
                   sources=[Source("https://example.org/baghdad", "AP report")])
        db.close()
        app = open_app(path)
        return app, target

    @run_async
    async def test_similar_claim_of_another_article_and_copy(self, tmp_path):
        app, target = self.with_a_reviewed_twin(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            first = target[0]
            app.main.claims.load(app.main.query_, first)
            await pilot.pause(REST_DELAY * 2)  # sought once the cursor rests
            await settle(pilot)
            assert app.main.similar and app.main.similar[0].claim_id == target[-1]
            await pilot.press("o", *"Reuters", "enter", "c")  # its evidence comes too
            v = verdict(app, first)
            assert (v.status, v.confidence) == (Status.REFUTED, 80)
            assert v.sources == [Source("Reuters"),
                                 Source("https://example.org/baghdad", "AP report")]
            shown = app.main.query_one(VerdictPanel).text
            assert "Similar claims reviewed before" in shown
            assert " ✗ refuted 80 · 100% alike · " in shown  # which number is which, said
            await pilot.press("j", "c")  # before the next claim's similar claims are known
            assert verdict(app, app.main.claim["id"]).status is Status.UNREVIEWED

    @run_async
    async def test_a_similar_claim_with_other_figures_is_marked_and_not_copied(self, tmp_path):
        """QA: "spent 1 million euros" beside a reviewed "spent 10 million euros" showed
        99% alike, and c put the verdict on the other figure."""
        one, ten = tmp_path / "one.txt", tmp_path / "ten.txt"
        one.write_text("Bridge costs\n\nThe city spent 1 million euros on the bridge.\n")
        ten.write_text("Bridge bill\n\nThe city spent 10 million euros on the bridge.\n")
        db = seeded(tmp_path / "s.db", one, ten)
        s = review.resolve_session(db, "ann", "ann")["id"]
        mine, reviewed = [r["id"] for r in claims.stream(db) if "spent" in r["text"]]
        review.tag(db, s, reviewed, who="ann", status="supported", confidence=80)
        db.close()
        app = open_app(tmp_path / "s.db")
        async with app.run_test(size=SIZE) as pilot:
            app.main.claims.load(app.main.query_, mine)
            await pilot.pause(REST_DELAY * 2)
            await settle(pilot)
            assert "alike, other figures · The city spent 10 million" in (
                app.main.query_one(VerdictPanel).text)
            await pilot.press("c")
            assert verdict(app, mine).status is Status.UNREVIEWED
            assert notices(app)[-1] == ("the similar claims state other figures than this"
                                        " one: nothing copied")

    @run_async
    async def test_similar_claims_come_before_the_history(self, tmp_path):
        """QA at 80x24: the similar claims c copies from sat below the history, five
        ctrl+d away."""
        app, target = self.with_a_reviewed_twin(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            app.main.claims.load(app.main.query_, target[0])
            await pilot.pause(REST_DELAY * 2)
            await settle(pilot)
            text = app.main.query_one(VerdictPanel).text
            assert text.index("Notes") < text.index("Similar claims reviewed before") \
                < text.index("History")

    @run_async
    async def test_copying_shows_the_verdict_copied(self, tmp_path):
        """QA: at a small size the panel is scrolled down to the similar claims when c is
        pressed, and stayed there, the status copied out of sight."""
        app, target = self.with_a_reviewed_twin(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            panel = app.main.query_one(VerdictPanel)
            app.main.claims.load(app.main.query_, target[0])
            await pilot.pause(REST_DELAY * 2)
            await settle(pilot)
            await pilot.press("ctrl+d", "ctrl+d")
            await settle(pilot)
            assert panel.scroll_offset.y > 0
            await pilot.press("c")
            await settle(pilot)
            assert panel.scroll_offset.y == 0

    @run_async
    async def test_a_verdict_copied_from_another_session_says_whose(self, tmp_path):
        app, target = self.with_a_reviewed_twin(tmp_path)  # ann's verdict on the twin
        with open_db(tmp_path / "s.db") as db:
            review.tag(db, review.start_session(db, "bob", "bob"), target[-1], who="bob",
                       status="supported")  # bob's, newer
        async with app.run_test(size=SIZE) as pilot:
            app.main.claims.load(app.main.query_, target[0])
            await pilot.pause(REST_DELAY * 2)
            await settle(pilot)
            assert [(s.session, s.status) for s in app.main.similar] == [("ann", "refuted")]
            await pilot.press("c")
            assert notices(app)[-1] == (
                f"copied refuted 80 and 1 source from claim #{target[-1]}")  # QA: and the 80?
            review.start_session(app.db, "cat", "ann")  # no verdict of its own: the newest
            app.main.set_session(sessions.require(app.db, "cat"))
            app.main.claims.load(app.main.query_, target[0])
            await pilot.pause(REST_DELAY * 2)
            await settle(pilot)
            await pilot.press("c")
            assert notices(app)[-1] == (
                f"copied supported from claim #{target[-1]} in session 'bob'")

    @run_async
    async def test_a_blind_session_shows_no_other_sessions_verdict(self, tmp_path):
        app, target = self.with_a_reviewed_twin(tmp_path)  # ann's verdict on the twin
        review.start_session(app.db, "second", "bob", blind=True)
        async with app.run_test(size=SIZE) as pilot:
            app.main.set_session(sessions.require(app.db, "second"))
            app.main.claims.load(app.main.query_, target[0])
            await pilot.pause(REST_DELAY * 2)
            await settle(pilot)
            assert app.main.similar == []
            assert "Similar claims" not in app.main.query_one(VerdictPanel).text
            assert "second (ann, blind)" in app.main.query_one(TopBar).text

    @run_async
    async def test_the_panel_scrolls_over_just_its_lines_once_similar_claims_are_in(
        self, tmp_path
    ):
        app, target = self.with_a_reviewed_twin(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:  # the similar claim overflows
            panel = app.main.query_one(VerdictPanel)
            app.main.claims.load(app.main.query_, target[0])
            await pilot.pause(REST_DELAY * 2)
            await settle(pilot)
            view = panel.scrollable_content_region.height
            with_similar = panel.virtual_size.height
            assert app.main.similar and with_similar > view
            await pilot.press("j")  # a claim with no similar claims: the range waits...
            assert panel.virtual_size.height == with_similar
            await pilot.pause(REST_DELAY * 2)  # ...until they are sought, then fits
            await settle(pilot)
            assert not app.main.similar
            assert panel.virtual_size.height == max(len(panel._strips), view) < with_similar


def test_history_says_which_sources_came_and_went_and_the_new_text():
    def entry(key, old, new, action="tag"):
        return {"at": "2026-11-26T10:00:00Z", "who": "ann", "action": action,
                "old": {key: old}, "new": {key: new}}

    was = sources_to_json([Source("AP"), Source("https://x.org/" + "a" * 60, "note")])
    now = sources_to_json([Source("AP"), Source("Reuters wire, 12 June")])
    assert describe_change(entry("sources", was, now)).endswith(
        "ann  sources +Reuters wire, 12 June, −https://x.org/" + "a" * 33 + "…")
    assert describe_change(entry("sources", now, sources_to_json(
        [Source("AP", "p. 2"), Source("Reuters wire, 12 June")]))).endswith("sources notes edited")
    # an edit says what changed, not the text it ended with (three edits of a long claim
    # read alike), and a carried verdict's line the re-ingest's edit
    long = "The fighters aim to create a strict Sunni Caliphate on both sides of the border"
    assert describe_change(entry("text", f"{long}, 15 percent.", f"{long},  16 percent.",
                                 "edit")).endswith(
        "edit: text: …sides of the border, [15 → 16] percent.")
    carried = {"at": "2026-11-26T10:00:00Z", "who": "ingest", "action": review.CARRY_OVER,
               "entity": "verdict",
               "old": {"claim_id": 7}, "new": {"status": "supported", "needs_review": 1},
               "was": "Mosul and Tikrit fell.", "now": "Mosul, Samarra and Tikrit fell."}
    assert describe_change(carried).endswith(
        "flagged for re-review (text edited: [Mosul → Mosul, Samarra] and Tikrit fell.)")
    # a reviewer's correction of the earlier version's claim, made again on this one
    corrected = {"at": "2026-11-26T10:00:00Z", "who": "ingest", "action": review.CARRY_OVER,
                 "entity": "claim", "old": {"by": "Mayor Elena Marsh, who cast the vote",
                                            "claim_id": 7}, "new": {"by": "Mayor Elena Marsh"}}
    assert describe_change(corrected).endswith(
        "ingest  corrected as claim #7 of the earlier version was: attributed to Mayor Elena"
        " Marsh, was Mayor Elena Marsh, who cast the vote")


class TestWrap:
    @given(st.text(st.sampled_from("ab 漢\n"), max_size=60), st.integers(1, 12),
           st.integers(0, 4))
    def test_lines_fit_and_cover_the_text(self, text, width, hang):
        lines = wrap_offsets(text, width, hang)
        paragraphs = text.split("\n")
        assert len(lines) >= len(paragraphs)
        assert lines[0][0] == 0 and lines[-1][1] == len(text)
        first = True
        for (a, b), (c, _d) in zip(lines, [*lines[1:], (len(text) + 1, 0)], strict=True):
            shown = text[a:b].rstrip(" ")
            limit = width if first else max(width - hang, 1)
            assert cell_len(shown) <= limit or len(shown) == 1  # one wide character
            assert c in (b, b + 1)  # nothing dropped: a newline at most between lines
            first = c == b + 1  # a newline starts a paragraph, whose first line is wider

    def test_a_long_word_is_cut_where_the_line_ends(self):
        text = " 1. https://example.org/abcdefghij and more"
        assert [text[a:b] for a, b in wrap_offsets(text, 20, 3)] == [
            " 1. https://example.", "org/abcdefghij ", "and more"]
