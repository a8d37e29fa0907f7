"""What the review TUI shows, as SVG snapshots at a fixed terminal size.

Update after a deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_fixtures import SIZE, seeded, settle

from workbench.storage import open_db
from workbench.tui.app import WorkbenchApp


@pytest.fixture
def app(tmp_path: Path, frozen: str) -> WorkbenchApp:
    path = tmp_path / "c.db"
    seeded(path).close()
    return WorkbenchApp(open_db(path), "ann", "ann")


def pressing(*keys: str):
    """Settle, press `keys`, settle again: the picture never races a worker."""

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run


def test_main_screen_on_open(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_main_screen_with_verdicts_of_every_status(app, snap_compare):
    keys = ["s", "5", "j", "r", "3", "j", "m", "j", "u", "1", "j", "x", "j"]
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*keys))


def test_main_screen_in_a_light_theme(app, snap_compare):
    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("j", "s", "j", "r", "j")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=light)


def test_help_screen(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("question_mark"))


def test_source_dialog_points_out_a_malformed_url(app, snap_compare):
    keys = ["o", *"www.example.org/report", "enter"]
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*keys))


def test_notes_dialog(app, snap_compare):
    keys = ["n", *"Checked against the Reuters wire."]
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*keys))


def test_search_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("slash", *"bagdad"))


def test_search_results_in_the_list(app, snap_compare):
    keys = ["slash", *"heading towards bagdad", "enter"]
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*keys))


def test_session_picker(app, snap_compare):
    async def pick(pilot) -> None:
        from workbench.tui import actions

        actions.pick_session(pilot.app.main)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=pick)


def test_claim_split_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("j", "t"))


def test_command_palette_offers_workbench_commands(app, snap_compare):
    keys = ["ctrl+p", *"filter"]
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*keys))


def test_export_dialog(app, snap_compare, monkeypatch):
    monkeypatch.chdir("/")  # the folder the dialog names, the same on every machine
    from workbench.tui import actions

    async def export(pilot) -> None:
        await settle(pilot)
        actions.export_csv(pilot.app.main)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=export)
