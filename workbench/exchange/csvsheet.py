"""The verdict CSV contract, in one place: columns, formula-safe cells, rows out and in."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO

from workbench.model import format_sources, sources_from_json

COLUMNS = (
    "claim_id", "article", "seq", "claim", "by", "status", "confidence", "sources", "notes",
    "reviewer", "session", "updated_at",
)
EXTRA_COLUMNS = ("title", "kind", "start", "end")
REQUIRED = ("claim_id", "status")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_ESCAPED = frozenset((*FORMULA_STARTS, ESCAPE))


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: formula-like values (and values that already start
    with the escape) get a leading apostrophe, which `read_cell` removes again."""
    text = "" if value is None else str(value)
    if text and text[0] in _ESCAPED:
        return ESCAPE + text
    return text


def read_cell(text: str) -> str:
    """Undo `safe_cell`."""
    return text[1:] if text.startswith(ESCAPE) else text


@lru_cache(maxsize=4096)
def _sources_cell(stored: str) -> str:
    """The sources cell for sources as stored (most are the same few, "[]" above all)."""
    return safe_cell(format_sources(sources_from_json(stored)))


def sheet_row(row: sqlite3.Row, session: str) -> list[object]:
    """One claim joined to its verdict (a row of storage.verdicts.export_rows) as a CSV row
    for csv.writer; `session` is the session's cell, made safe already. Numbers, statuses
    and kinds cannot start like a formula, so only the text cells are made safe."""
    return [
        row["id"], row["article_id"], row["seq"], safe_cell(row["text"]), safe_cell(row["by"]),
        row["status"], row["confidence"], _sources_cell(row["sources"]),
        safe_cell(row["notes"]), safe_cell(row["reviewer"]), session,
        safe_cell(row["updated_at"]), safe_cell(row["article"]), row["kind"], row["start"],
        row["end"],
    ]


def write_sheet(out: IO[str], rows: Iterable[sqlite3.Row], session: str) -> int:
    """Write the header and one row per claim; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*COLUMNS, *EXTRA_COLUMNS))
    cell = safe_cell(session)
    count = 0
    for row in rows:
        writer.writerow(sheet_row(row, cell))
        count += 1
    return count


def read_sheet(source: IO[str], name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a verdict CSV as (line number where the row starts, {column: value}), cells
    unescaped; blank lines are skipped, missing cells read as "".

    Raises ValueError naming the file when required columns are missing.
    """
    reader = csv.reader(source)
    header = next(reader, None) or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValueError(f"{name}: not a verdict CSV (missing columns: {', '.join(missing)})")
    width = len(header)
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not cells:
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        yield start, {k: read_cell(v) for k, v in zip(header, cells, strict=False)}
