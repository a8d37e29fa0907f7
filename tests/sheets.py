"""A verdict CSV read in the tests as `workbench import` reads it."""

from __future__ import annotations

import csv
import io

from workbench.exchange.csvsheet import read_columns


def read_sheet(text: str, name: str = "x.csv") -> list[dict[str, str]]:
    """Every row of the sheet `text` as {column: cell}, through the importer's reader."""
    header = next(csv.reader(io.StringIO(text)), [])
    rows = [cells for _line, cells in read_columns(io.StringIO(text), name, header)]
    assert not [r for r in rows if isinstance(r, str)], rows  # no ragged row
    return [dict(zip(header, cells, strict=True)) for cells in rows]
