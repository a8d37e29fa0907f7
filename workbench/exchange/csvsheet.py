"""The verdict CSV contract, in one place: columns, formula-safe cells, rows out and in."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import IO, Any

from workbench import parallel
from workbench.exchange import blocks
from workbench.model import format_sources, sources_from_json
from workbench.storage import Database, verdicts

COLUMNS = (
    "claim_id", "article", "seq", "claim", "by", "status", "confidence", "sources", "notes",
    "reviewer", "session", "updated_at",
)
EXTRA_COLUMNS = ("title", "kind", "start", "end", "needs_review")
# The needs_review cell of a verdict a re-ingest carried to an edited claim, till a reviewer
# tags it again; empty otherwise, as confidence is without one. A number, as the stored
# flag is: a spreadsheet sums the column to count them, and no language is assumed.
FLAGGED = "1"
REQUIRED = ("claim_id", "status")
ESCAPE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", ESCAPE)  # the escape too, so it reads back
_ESCAPED = frozenset(FORMULA_STARTS)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: formula-like values (and values that already start
    with the escape) get a leading apostrophe, which `read_cell` removes again."""
    text = "" if value is None else str(value)
    if text and text[0] in _ESCAPED:
        return ESCAPE + text
    return text


def flag_cell(needs_review: object) -> str:
    """The needs_review cell: FLAGGED for a flagged verdict, else empty."""
    return FLAGGED if needs_review else ""


def read_cell(text: str) -> str:
    """Undo `safe_cell`."""
    return text[1:] if text.startswith(ESCAPE) else text


@lru_cache(maxsize=4096)
def sources_cell(stored: str) -> str:
    """The formula-safe sources cell for sources as stored (cached: most are the same few,
    "[]" above all)."""
    return safe_cell(format_sources(sources_from_json(stored)))


def export_sheet(out: IO[str], db: Database, session_id: int, session: str) -> int:
    """The verdict sheet of the session's claims in scope, each line built by the database,
    formula-safe by the rule above and quoted as csv.writer quotes (a property test checks
    it against csv.writer). Returns the number of rows."""
    header = io.StringIO()
    csv.writer(header, lineterminator="\r\n").writerow((*COLUMNS, *EXTRA_COLUMNS))
    out.write(header.getvalue())
    with blocks.written(db, "workbench.exchange.csvsheet:sheet_block",
                        {"s": session_id, "session": _quoted(safe_cell(session))}
                        ) as (count, pieces):
        out.writelines(pieces)
    return count


def sheet_block(db: Database, params: dict[str, Any], low: int, high: int,
                counts: parallel.Counts) -> str:
    """A parallel task: the sheet's lines for the articles with ids `low` to `high`."""
    text, n = verdicts.sheet_block(db, params["s"], params["session"], FORMULA_STARTS,
                                   ESCAPE, FLAGGED, low, high)
    blocks.tally(counts, n)
    return text


def _quoted(text: str) -> str:
    """A cell quoted for CSV where csv.writer would quote it."""
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def read_columns(source: IO[str], name: str,
                 columns: Sequence[str]) -> Iterator[tuple[int, list[str] | str]]:
    """Rows of a verdict CSV as (line number where the row starts, cells of `columns` in
    that order): "" for a column the sheet lacks, cells unescaped as read_cell does, blank
    lines and rows of empty cells skipped; ValueError naming the file when required columns
    are missing or one comes twice. A row of more or fewer cells than the header comes as
    what is wrong with it (ragged), not its cells: its cells may have slid under other
    columns' names. One loop over csv.reader with a test in C for the escape."""
    reader, width, given = sheet_reader(source, name, columns)
    index = [width if i is None else i for i in given]
    pick = itemgetter(*index) if len(index) > 1 else lambda cells: (cells[index[0]],)
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cells):  # a blank line, or a spreadsheet's row of empty cells
            continue
        if len(cells) != width:
            yield start, ragged(len(cells), width)
            continue
        picked = pick([*cells, ""])  # "" at `width`: a column the sheet lacks
        if "\0" + ESCAPE in "\0" + "\0".join(picked):
            yield start, [read_cell(c) for c in picked]
        else:
            yield start, list(picked)


def ragged(cells: int, width: int) -> str:
    """What is wrong with a row of `cells` cells under a header of `width`."""
    return (f"{cells} cells where the header has {width}"
            " (a comma or a quote out of place?)")


def sheet_reader(source: Iterable[str], name: str,
                 columns: Sequence[str]) -> tuple[Any, int, list[int | None]]:
    """csv.reader over `source` with its header row read, the header's width, and the
    index of each of `columns` in a row (None for one the sheet lacks); ValueError naming
    the file when required columns are missing. Rows are as csv.reader reads them: a
    blank line is an empty list, a row may be short, cells are not unescaped."""
    reader = csv.reader(source)
    header = [cell.strip().lower() for cell in next(reader, None) or []]  # "Status " too
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        hint = ("; its cells are separated by ';', not ','" if len(header) == 1
                and ";" in header[0] else "")
        raise ValueError(f"{name}: not a verdict CSV (missing columns: {', '.join(missing)}"
                         f"{hint})")
    twice = [c for c in columns if header.count(c) > 1]
    if twice:
        raise ValueError(f"{name}: column {twice[0]} comes twice: which one is meant?")
    return reader, len(header), [header.index(c) if c in header else None for c in columns]
