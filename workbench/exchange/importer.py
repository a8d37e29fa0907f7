"""Reading a verdict CSV back into a session: every row checked, then all or nothing."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench import review
from workbench.errors import WorkbenchError
from workbench.exchange.csvsheet import read_sheet
from workbench.model import (
    NOTE_SEPARATOR,
    SOURCE_SEPARATOR,
    Source,
    Status,
    parse_sources,
    sources_to_json,
)
from workbench.storage import Database, sessions, verdicts
from workbench.storage.clock import now

STATUSES = frozenset(s.value for s in Status)
CONFIDENCES = {str(n): n for n in range(101)}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: rows read, verdicts changed, rows already as the sheet says."""

    session: str
    rows: int
    changed: int
    unchanged: int
    created_session: bool


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One checked row: the verdict values as stored, and who the sheet says reviewed it."""

    line: int
    claim_id: int
    values: tuple[Any, ...]  # (status, confidence, sources JSON, notes)
    reviewer: str


def sources_json(cell: str) -> str:
    """A sources cell as stored (JSON); plain `a | b` lists skip the escape-aware parser."""
    if not cell.strip():
        return "[]"
    if "\\" in cell or NOTE_SEPARATOR in cell:
        return sources_to_json(parse_sources(cell))
    return sources_to_json([Source(p.strip()) for p in cell.split(SOURCE_SEPARATOR) if p.strip()])


def check_row(line: int, row: dict[str, str], known: set[int]) -> SheetRow:
    """One row as stored values; ValueError says what is wrong with it."""
    raw_id = row.get("claim_id", "").strip()
    if not raw_id.isdigit():
        raise ValueError(f"claim_id must be a whole number, not {raw_id!r}")
    claim_id = int(raw_id)
    if claim_id not in known:
        raise ValueError(f"unknown claim id {claim_id}")
    status = row.get("status", "").strip() or Status.UNREVIEWED.value
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    raw_conf = row.get("confidence", "").strip()
    confidence = None
    if raw_conf:
        if raw_conf not in CONFIDENCES:
            raise ValueError(f"confidence must be a whole number 0-100, not {raw_conf!r}")
        confidence = CONFIDENCES[raw_conf]
        if status == Status.UNREVIEWED:
            raise ValueError("a confidence needs a status other than 'unreviewed'")
    sources = sources_json(row.get("sources", ""))
    return SheetRow(line, claim_id, (status, confidence, sources, row.get("notes", "")),
                    row.get("reviewer", "").strip())


def read_rows(path: Path, known: set[int]) -> list[SheetRow]:
    """Every row of the sheet, checked; WorkbenchError names the file and line of the first
    bad row (and how many more there are)."""
    name = path.name
    errors: list[str] = []
    rows: list[SheetRow] = []
    seen: dict[int, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in read_sheet(f, name):
                try:
                    checked = check_row(line, row, known)
                    if checked.claim_id in seen:
                        raise ValueError(f"claim {checked.claim_id} appears again "
                                         f"(first on line {seen[checked.claim_id]})")
                except ValueError as e:
                    errors.append(f"{name} line {line}: {e}")
                    continue
                seen[checked.claim_id] = line
                rows.append(checked)
    except FileNotFoundError:
        raise WorkbenchError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise WorkbenchError(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError as e:
        raise WorkbenchError(f"{name}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except csv.Error as e:
        raise WorkbenchError(f"{name}: not a readable CSV ({e})") from None
    except ValueError as e:  # missing columns
        raise WorkbenchError(str(e)) from None
    if errors:
        more = f" (and {len(errors) - 1} more bad rows)" if len(errors) > 1 else ""
        raise WorkbenchError(errors[0] + more)
    return rows


def import_sheet(db: Database, path: Path, session: str, who: str) -> ImportResult:
    """Read a verdict CSV into `session` (created if new): all rows are checked before
    anything is written, then every change is written with its history row in one
    transaction. Rows that match the session already are left alone."""
    if not session.strip():
        raise WorkbenchError("a session needs a name")
    rows = read_rows(path, verdicts.claim_ids(db))
    at = now()
    with db.transaction():
        existing = sessions.get_by_name(db, session)
        session_id = (existing["id"] if existing is not None
                      else review.start_session(db, session, who))
        current = verdicts.values_by_claim(db, session_id) if existing is not None else {}
        changes = []
        for r in rows:
            old = current.get(r.claim_id)
            if old == r.values or (old is None and r.values == ("unreviewed", None, "[]", "")):
                continue
            changes.append((r.claim_id, r.values, old, r.reviewer or who))
        verdicts.apply_many(db, session_id, changes, who=who, at=at, action="import")
    return ImportResult(session, len(rows), len(changes), len(rows) - len(changes),
                        existing is None)
