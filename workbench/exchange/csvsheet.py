"""The verdict CSV contract, in one place: columns, formula-safe cells, rows out and in."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Iterator
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


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: formula-like values (and values that already start
    with the escape) get a leading apostrophe, which `read_cell` removes again."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or text.startswith(ESCAPE):
        return ESCAPE + text
    return text


def read_cell(text: str) -> str:
    """Undo `safe_cell`."""
    return text[1:] if text.startswith(ESCAPE) else text


def sheet_row(row: sqlite3.Row, session: str) -> list[str]:
    """One claim joined to its verdict (from storage.claims.stream) as a CSV row."""
    values = (
        row["id"], row["article_id"], row["seq"], row["text"], row["by"], row["status"],
        row["confidence"], format_sources(sources_from_json(row["sources"])), row["notes"],
        row["reviewer"], session, row["updated_at"],
        row["article"], row["kind"], row["start"], row["end"],
    )
    return [safe_cell(v) for v in values]


def write_sheet(out: IO[str], rows: Iterable[sqlite3.Row], session: str) -> int:
    """Write the header and one row per claim; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*COLUMNS, *EXTRA_COLUMNS))
    count = 0
    for row in rows:
        writer.writerow(sheet_row(row, session))
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
