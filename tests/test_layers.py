"""The arrows point down: only workbench/tui imports Textual, only workbench/storage runs SQL."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"
TEXTUAL = re.compile(r"^\s*(import textual|from textual\b)", re.MULTILINE)
SQL_CALL = re.compile(r"\.(execute|executemany|executescript)\(")
SQLITE_IMPORT = re.compile(r"^\s*(import (py)?sqlite3|from (py)?sqlite3\b)", re.MULTILINE)


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_only_the_tui_imports_textual():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in modules()
        if "tui" not in p.relative_to(PACKAGE).parts and TEXTUAL.search(p.read_text())
    ]
    assert offenders == []


def test_only_storage_runs_sql():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in modules()
        if "storage" not in p.relative_to(PACKAGE).parts and SQL_CALL.search(p.read_text())
    ]
    assert offenders == []


def test_one_sqlite_module_for_all():
    """Every module takes SQLite from storage/engine.py: an `except sqlite3.Error` on
    Python's own module would miss every error of the one the connections come from."""
    offenders = [
        str(p.relative_to(PACKAGE)) for p in modules()
        if p.name != "engine.py" and SQLITE_IMPORT.search(p.read_text())
    ]
    assert offenders == []


def test_the_tui_writes_no_sql():
    for p in (PACKAGE / "tui").rglob("*.py"):
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s", p.read_text()), p
