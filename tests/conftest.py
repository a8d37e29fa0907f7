"""Fixtures shared by the test modules: a fresh database and a command-line runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from paths import SEED

from workbench import review
from workbench.cli import main
from workbench.storage import Database, open_db

FROZEN = "2026-01-02T03:04:05.000Z"


@dataclass
class Run:
    """What one command printed and returned."""

    code: int
    out: str
    err: str


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
