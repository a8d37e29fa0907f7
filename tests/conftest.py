"""Fixtures shared by the test modules: a fresh database, a command-line runner, and a
second process that surely shares the blocks of a parallel job."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from paths import SEED

from workbench import parallel, review
from workbench.cli import main
from workbench.storage import Database, open_db

FROZEN = "2026-01-02T03:04:05.000Z"


@dataclass
class Run:
    """What one command printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """The TUI's settings (the theme) of a reviewer of the test's own, not the user's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claims.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    with open_db(db_path) as database:
        yield database


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """The seed article copied to a place a test may change."""
    target = tmp_path / "articles" / SEED.name
    target.parent.mkdir()
    shutil.copy(SEED, target)
    return target


@pytest.fixture
def cli(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Run `workbench --db <tmp> ARGS...` in-process, as a user would from the shell."""
    monkeypatch.setenv("WORKBENCH_REVIEWER", "tester")

    def run(*args: str, db: Path | None = None) -> Run:
        capsys.readouterr()
        try:
            code = main(["--db", str(db or db_path), *map(str, args)])
        except SystemExit as e:  # argparse usage errors
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every timestamp review writes is the same, so snapshots do not drift."""
    monkeypatch.setattr(review, "now", lambda: FROZEN)
    return FROZEN


@pytest.fixture
def shared_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process starts on a parallel job's blocks only once the second process has
    taken the last one, so both write some whatever the machine's speed."""
    write_blocks = parallel.write_blocks

    def once_the_other_took_the_last_block(db: Database, job: parallel.Job) -> parallel.Counts:
        last = parallel.block_file(job, (job.high - job.low) // job.block_ids)
        deadline = time.monotonic() + 60
        while not os.path.exists(last) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.path.exists(last), "the second process took no block"
        return write_blocks(db, job)

    monkeypatch.setattr(parallel, "write_blocks", once_the_other_took_the_last_block)
