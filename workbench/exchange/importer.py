"""Reading a verdict CSV back into a session: every row checked, then all or nothing."""

from __future__ import annotations

import csv
import gc
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from workbench import parallel, review
from workbench.errors import WorkbenchError
from workbench.exchange.csvsheet import ESCAPE, FLAGGED, read_cell, read_columns, sheet_reader
from workbench.model import (
    NOTE_SEPARATOR,
    SOURCE_SEPARATOR,
    Status,
    parse_sources,
    sources_to_json,
    status_name,
)
from workbench.storage import Database, history, open_scratch, sessions, verdicts
from workbench.storage.clock import now
from workbench.wording import counted

_string = json.encoder.encode_basestring  # a str as JSON, as json.dumps writes it

STATUSES = frozenset(s.value for s in Status)
# A whole number 0-100, written as a sheet may hold it: "80", or "80.0" (what pandas and
# some spreadsheets write for a column with blanks in it).
CONFIDENCES = {**{str(n): n for n in range(101)}, **{f"{n}.0": n for n in range(101)}}
# A needs_review cell: empty, or the flag as a number (FLAGGED), as pandas may write it too.
FLAG_CELLS = {"": 0, "0": 0, "0.0": 0, FLAGGED: 1, f"{FLAGGED}.0": 1}
MAX_ID = 2**63 - 1  # SQLite's largest integer: no claim has a bigger id


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: rows read, verdicts changed, rows already as the sheet says."""

    session: str
    rows: int
    changed: int
    unchanged: int
    created_session: bool
    decoded: str = "utf-8"  # "cp1252": the sheet was not UTF-8 (a spreadsheet's "CSV")


# claim_id, status, confidence, sources, notes, reviewer, claim (its text, checked against
# the database's, not written), updated_at (the verdict's when the sheet was made: see
# _write), needs_review (see verdicts.IMPORTED), session (whose sheet it is, named when a
# row conflicts)
COLUMNS = (*verdicts.SHEET_COLUMNS, "session")
# A checked row: (line, claim_id, status, confidence, sources JSON, notes, reviewer, the
# claim's text or None, updated_at or None, needs_review, session).
Checked = tuple[int, int, str, int | None, str, str, str, str | None, str | None, int, str]


def sources_json(cell: str) -> str:
    """A sources cell as stored (JSON, as sources_to_json writes it); plain `a | b` lists
    skip the escape-aware parser and the JSON encoder's generic path."""
    if not cell.strip():
        return "[]"
    if "\\" in cell or NOTE_SEPARATOR in cell:
        return sources_to_json(parse_sources(cell))
    refs = (p.strip() for p in cell.split(SOURCE_SEPARATOR))
    return "[" + ", ".join(f'{{"ref": {_string(r)}, "note": ""}}' for r in refs if r) + "]"


def check_row(line: int, cells: list[str], who: str) -> Checked:
    """One row's COLUMNS as stored values, `who` for an empty reviewer, a status in any
    case stored in lower case; ValueError says what is wrong with it (whether the claim
    exists is asked of the database, for all rows at once)."""
    raw_id, status, raw_conf, sources, notes, reviewer, text, stamp, flag, named = cells
    raw_id = raw_id.strip()
    if not raw_id.isdigit():
        raise ValueError(f"claim_id must be a whole number, not {raw_id!r}")
    claim_id = int(raw_id)
    if claim_id > MAX_ID:
        raise ValueError(f"unknown claim id {claim_id}")
    given = status.strip()
    status = given.lower() or Status.UNREVIEWED.value
    if status not in STATUSES:
        status = status_name(status)  # as written out: "not a claim"
        if status not in STATUSES:
            raise ValueError(f"unknown status {given!r} (one of {', '.join(Status)})")
    raw_conf = raw_conf.strip()
    confidence = None
    if raw_conf:
        if raw_conf not in CONFIDENCES:
            raise ValueError(f"confidence must be a whole number 0-100, not {raw_conf!r}")
        confidence = CONFIDENCES[raw_conf]
        if status == Status.UNREVIEWED:
            raise ValueError("a confidence needs a status other than 'unreviewed'")
    flag = flag.strip(" ")  # as SQL's trim() takes it
    if flag not in FLAG_CELLS:
        raise ValueError(f"needs_review must be {FLAGGED} (flagged for re-review) or empty,"
                         f" not {flag!r}")
    return (line, claim_id, status, confidence, sources_json(sources), notes,
            reviewer.strip() or who, text or None, stamp or None, FLAG_CELLS[flag], named)


def read_rows(path: Path, who: str) -> tuple[list[Checked], list[tuple[int, str]]]:
    """Every row of the sheet, checked (`who` for an empty reviewer), and (line, what is
    wrong) for each bad one; WorkbenchError when the file cannot be read as a verdict CSV
    at all."""
    name = path.name
    errors: list[tuple[int, str]] = []
    rows: list[Checked] = []
    seen: dict[int, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f, _no_cycle_collection():
            for line, cells in read_columns(f, name, COLUMNS):
                if isinstance(cells, str):  # ragged: its cells may sit under other columns
                    errors.append((line, cells))
                    continue
                try:
                    checked = check_row(line, cells, who)
                    if checked[1] in seen:
                        raise ValueError(f"claim {checked[1]} appears again "
                                         f"(first on line {seen[checked[1]]})")
                except ValueError as e:
                    errors.append((line, str(e)))
                    continue
                seen[checked[1]] = line
                rows.append(checked)
    except FileNotFoundError:
        raise WorkbenchError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise WorkbenchError(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError as e:
        raise _NotUtf8(f"{name}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except csv.Error as e:
        raise WorkbenchError(f"{name}: not a readable CSV ({e})") from None
    except ValueError as e:  # missing columns
        raise WorkbenchError(str(e)) from None
    return rows, errors


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while rows are read: they hold no cycles, and its passes
    over a million of them took a fifth of the reading (9.1-10.1 s -> 7.9-8.1 s CPU)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _NotUtf8(WorkbenchError):
    """A sheet that is not UTF-8 text: import_sheet reads it again as cp1252."""


def import_sheet(db: Database, path: Path, session: str, who: str, *,
                 overwrite: bool = False) -> ImportResult:
    """_import_sheet, of a sheet that is UTF-8 text or else cp1252, as a spreadsheet on
    Windows saves "CSV" (a copy in UTF-8 is read, under the sheet's own name, so that the
    errors name it), as ingest reads an article."""
    if _utf16(path):
        raise WorkbenchError(f"{path.name}: UTF-16 text (a spreadsheet's 'Unicode Text'), not"
                             " a CSV: save it as 'CSV UTF-8'")
    try:
        return _import_sheet(db, path, session, who, overwrite=overwrite)
    except _NotUtf8:
        with tempfile.TemporaryDirectory(prefix="workbench-sheet-") as folder:
            copy = Path(folder) / path.name
            with (path.open(encoding="cp1252", errors="replace", newline="") as src,
                  copy.open("w", encoding="utf-8", newline="") as dst):
                shutil.copyfileobj(src, dst, 1 << 20)
            done = _import_sheet(db, copy, session, who, overwrite=overwrite, cp1252=True)
        return replace(done, decoded="cp1252")


def _utf16(path: Path) -> bool:
    """Whether the file starts with a UTF-16 byte order mark."""
    try:
        with path.open("rb") as f:
            return f.read(2) in (b"\xff\xfe", b"\xfe\xff")
    except OSError:
        return False  # reading it says why


def _import_sheet(db: Database, path: Path, session: str, who: str, *,
                  overwrite: bool = False, cp1252: bool = False) -> ImportResult:
    """Read a verdict CSV into `session` (created if new): all rows are checked before
    anything is written, then every change is written with its history row in one
    transaction. Rows that match the session already are left alone; a row that would
    change a verdict made or changed since the sheet was (see _write) is refused,
    unless `overwrite`.

    SQLite reads and checks the rows first (stage_quickly; for a large sheet into a session
    without verdicts, a second process does, while this one writes: _import_in_step);
    when that finds a row it does not take as plainly good, the rows are read again one
    by one in Python, which names the bad rows (or takes a row SQLite was too strict
    about). Every claim is looked up once the write lock is held, so SQLite need not
    check references again row by row."""
    if not session.strip():
        raise WorkbenchError("a session needs a name")
    existing = sessions.get_by_name(db, session)
    in_step = ((existing is None or not verdicts.has_any(db, existing["id"]))
               and path.is_file() and path.stat().st_size >= IN_STEP_FROM)
    lacking = _lacking(path)
    keep = lacking & frozenset(verdicts.VALUE_COLUMNS)
    checked = not overwrite and "updated_at" not in lacking  # not a sheet made by hand
    done = (_import_in_step(db, path, session, who) if in_step
            else _import_quickly(db, path, session, who, keep, checked))
    if done is not None:
        return done
    rows, errors = read_rows(path, who)
    with db.transaction(references_checked=True):
        verdicts.stage(db, rows, flags="needs_review" not in lacking)
        errors += [(line, _not_current(claim_id, now_is, what))
                   for line, claim_id, now_is, what in verdicts.staged_unknown(db)]
        errors += _texts_differing(db, cp1252)
        if errors:  # the rollback empties the staged rows
            raise _bad_rows(path.name, errors)
        done = _write(db, session, who, len(rows), keep, checked)
        if done is None:  # a row conflicts: name them
            reviewed = sessions.require(db, session)["id"]
            raise _conflicting(path.name, session,
                               verdicts.staged_conflicts(db, reviewed, keep), rows)
        return done


def _not_current(claim_id: int, now_is: int | None, what: str) -> str:
    """What is wrong with a row naming claim `claim_id`, which no list shows (`what` and
    `now_is` as verdicts.staged_unknown gives them)."""
    if now_is is not None:
        return (f"claim {claim_id} is of an earlier version of its article (re-ingested"
                f" since the sheet was made), where it is claim {now_is}")
    if what == "dropped":
        return f"claim {claim_id} was dropped (its verdict is not taken)"
    if what == "earlier":
        return (f"claim {claim_id} is of an earlier version of its article, whose newest"
                " version has no such claim (re-ingested since the sheet was made)")
    return f"unknown claim id {claim_id}"


NAMED_LINES = 10  # the most lines of further bad rows an import error names


def _bad_rows(name: str, errors: list[tuple[int, str]],
              more: str = "more bad row") -> WorkbenchError:
    """One line for the bad rows of sheet `name`, given as (line, what is wrong): the
    first one and what is wrong with it, then how many `more` rows there are and their
    lines (the first NAMED_LINES of them, then "…")."""
    (line, what), *rest = sorted(errors)
    others = list(dict.fromkeys(n for n, _ in rest if n != line))  # a line once
    if not others:
        return WorkbenchError(f"{name} line {line}: {what}")
    lines = ", ".join(map(str, others[:NAMED_LINES])) + (
        ", …" if len(others) > NAMED_LINES else "")
    return WorkbenchError(f"{name} line {line}: {what} (and"
                          f" {counted(len(others), more)}:"
                          f" {'line' if len(others) == 1 else 'lines'} {lines})")


def _lacking(path: Path) -> frozenset[str]:
    """The COLUMNS the sheet has none of. The fields of a verdict among them (confidence,
    sources, notes) an import leaves as the session has them (a sheet of claim_id and
    status only must not wipe a verdict's sources); without updated_at (a sheet made by
    hand) no row is a conflict. Nothing, for a file that cannot be read as a sheet: the
    reading that follows says why."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            _reader, _width, index = sheet_reader(f, path.name, COLUMNS)
    except (OSError, ValueError, csv.Error):
        return frozenset()
    return frozenset(c for c, i in zip(COLUMNS, index, strict=True) if i is None)


def _import_quickly(db: Database, path: Path, session: str, who: str,
                    keep: frozenset[str], checked: bool) -> ImportResult | None:
    """import_sheet when every row is plainly good (stage_quickly) and, when `checked`,
    none conflicts with the session's verdicts (see _write), else None with nothing
    written."""
    try:
        read = stage_quickly(db, path, who)
        if read is not None:
            with db.transaction(references_checked=True):
                live = verdicts.live_claim_span(db)  # no look a row, mostly: 0.7 s a million
                if not verdicts.any_staged_unknown(db, live_span=live):
                    return _write(db, session, who, read, keep, checked)
    except BaseException:
        verdicts.clear_staged(db)
        raise
    return None


def _texts_differing(db: Database, cp1252: bool = False) -> list[tuple[int, str]]:
    """(line, what is wrong) for staged rows whose claim text is neither the claim's text
    here nor one it had before (an edit, a split or a merge since the sheet was made):
    the row means another claim, most likely one of a sheet from another database,
    whose ids name other claims here; or, in a sheet read as `cp1252`, a text whose "Ł"
    a Windows spreadsheet saved as "?"."""
    why = (" (the sheet is not UTF-8: read as cp1252, which has no 'Ł' or 'ő', it may have"
           " lost them: save it as 'CSV UTF-8')" if cp1252
           else " (is the sheet from another database?)")
    wrong = []
    for line, claim_id, said, text in verdicts.staged_texts_differing(db):
        plain = " ".join(said.split())
        if plain == " ".join(text.split()) or plain in (
                " ".join(t.split()) for t in history.earlier_texts(db, claim_id)):
            continue
        wrong.append((line, f"claim {claim_id} here is {_shown(text)}, not {_shown(said)}"
                            + why))
    return wrong


Conflict = tuple[int, int, str | None, str | None]  # see verdicts.staged_conflicts


def _conflicting(name: str, session: str, conflicts: list[Conflict],
                 rows: list[Checked]) -> WorkbenchError:
    """The error for `conflicts` of sheet `name` in `session`, read as `rows`: the first,
    with the session its row says it is of when that is another, then the others' lines."""
    (line, claim_id, there, given), *rest = sorted(conflicts)
    named = next(row[10] for row in rows if row[0] == line)
    stamps = f"({there or 'none'} there, {given or 'none'} in the sheet)"
    if named and named != session:  # most likely the wrong sheet
        what = (f"this is the sheet of session {named!r}: it would change claim {claim_id} in"
                f" {session!r} {stamps}: import it into {named!r}, or into {session!r}"
                " with --overwrite")
    else:
        what = (f"claim {claim_id} was changed in {session!r} after this sheet was made"
                f" {stamps}: export the session again, or import with --overwrite")
    return _bad_rows(name, [(line, what), *((n, "") for n, *_ in rest)],
                     "more conflicting row")


def _shown(text: str, most: int = 60) -> str:
    """`text` quoted, cut to `most` characters."""
    return repr(text if len(text) <= most else text[: most - 1] + "…")


def _write(db: Database, session: str, who: str, rows: int, keep: frozenset[str],
           checked: bool) -> ImportResult | None:
    """Write the staged rows into `session` (created if new), in the caller's transaction,
    leaving the fields in `keep` as they are (see _lacking). When `checked`, None and
    nothing written if a row conflicts: it would change a verdict whose updated_at is not
    the row's (the verdict was made or changed after the sheet was, or the row is of
    another session's sheet; see verdicts.staged_conflicts). A session without verdicts
    has none to lose: there, no row conflicts."""
    existing = sessions.get_by_name(db, session)
    session_id = (existing["id"] if existing is not None
                  else review.start_session(db, session, who))
    changed = verdicts.import_staged(db, session_id, who=who, at=now(), action="import",
                                     step=history.next_id(db), keep=keep, checked=checked)
    if changed is None:
        return None
    return ImportResult(session, rows, changed, rows - changed, existing is None)


# From this size of sheet (bytes; about 90,000 rows of an export) a second process reads
# it while this one writes: starting one costs about 0.2 s.
IN_STEP_FROM = 16 << 20
# Rows read between two looks at how far into the file the reading is (a block's end).
CHECK_EVERY = 1024
# Where each block of the sheet ends, as a share of its size: ten blocks, as many files as
# SQLite attaches to a connection. The first are small, so writing starts soon, and the
# rest even, so neither process waits long for the other, nor this one alone at the end.
BLOCK_ENDS = (1 / 64, 1 / 16, 1 / 8, 1 / 4, 3 / 8, 1 / 2, 5 / 8, 3 / 4, 7 / 8)


class _NotPlain(Exception):
    """A row the quick reading does not take: import_sheet reads the rows one by one."""


def _import_in_step(db: Database, path: Path, session: str, who: str) -> ImportResult | None:
    """import_sheet for a large sheet into a session without verdicts: a second process
    reads and stages the sheet a block at a time (stage_blocks) while this one writes each
    block as it comes, all in one transaction. None, with nothing written, when a row is
    not plainly good (the second process says so), or names an unknown claim or one named
    in an earlier block (this one notes every claim as its block comes). At a million rows,
    reading took 7 s and writing 9, one after the other 16-19 s; side by side (and with
    schema 12) 9-11 s."""
    size = path.stat().st_size
    with tempfile.TemporaryDirectory(prefix="workbench-import-") as folder:
        files = [os.path.join(folder, f"{k}.db") for k in range(len(BLOCK_ENDS) + 1)]
        ends = [int(size * share) for share in BLOCK_ENDS]
        params = {"path": str(path), "who": who, "files": files, "ends": [*ends, None],
                  "check_every": CHECK_EVERY, "db": str(db.path)}
        try:
            with (parallel.fed(f"{__name__}:stage_blocks", params) as said,
                  db.transaction(references_checked=True)):
                existing = sessions.get_by_name(db, session)
                if existing is not None and verdicts.has_any(db, existing["id"]):
                    raise _NotPlain  # another reviewer's verdicts came in meanwhile
                session_id = (existing["id"] if existing is not None
                              else review.start_session(db, session, who))
                at, step = now(), history.next_id(db)  # the import is one step to undo
                live = verdicts.live_claim_span(db)
                rows = changed = 0
                for k, line in enumerate(said):
                    if line == "stop":
                        raise _NotPlain
                    staged = verdicts.attach_staged(db, files[k], k)
                    # claims are noted here, not by the reading process, which the
                    # import waits on: 0.34 s a million
                    if (verdicts.any_staged_unknown(db, staged, live_span=live)
                            or not verdicts.note_staged(db, staged)):
                        raise _NotPlain
                    rows += int(line)
                    changed += verdicts.import_new(db, session_id, who=who, at=at,
                                                   action="import", step=step, staged=staged)
                verdicts.forget_noted(db)  # noted in this transaction: a rollback forgets
        except _NotPlain:
            return None
        finally:
            verdicts.detach_staged(db)
    return ImportResult(session, rows, changed, rows - changed, existing is None)


def stage_blocks(params: dict[str, Any], say: Callable[[str], None]) -> None:
    """The second process of _import_in_step: stage the sheet's rows (params "path", "who")
    as stage_quickly does (but for updated_at: there are no verdicts to check it against),
    a block at a time, into the files params["files"] in turn (see verdicts.attach_staged),
    a block ending once reading has passed its share of the sheet (params["ends"], in
    bytes; None: the rest; looked at every params["check_every"] rows), the texts of its
    claims checked against the database at params["db"]. Says each block's row count once
    it is written, or "stop" and no more when a row is not plainly good (ragged, say, or
    its text not its claim's), a claim comes again in the block, or the file cannot be
    read as a sheet."""
    path, who = Path(params["path"]), params["who"]
    try:
        with open_scratch() as scratch, path.open(encoding="utf-8-sig", newline="") as f:
            verdicts.attach_claims(scratch, params["db"])  # to check the sheet's texts by
            rows = _SheetRows(f, path.name, params["check_every"])
            for k, (file, end) in enumerate(zip(params["files"], params["ends"],
                                                strict=True)):
                staged = verdicts.attach_staged(scratch, file, k, writing=True)
                n = _stage(scratch, rows.block(end), rows.given, who, staged=staged,
                           claims=verdicts.ATTACHED_CLAIMS)
                verdicts.detach_staged(scratch)
                if n is None:
                    say("stop")
                    return
                say(str(n))
                if rows.over:
                    return
    except (OSError, ValueError, IndexError, csv.Error):
        say("stop")


def stage_quickly(db: Database, path: Path, who: str) -> int | None:
    """Stage the sheet's rows with verdicts.stage_cells, the cells handed from csv.reader
    to SQLite, read there by check_row's rules. None when a row is not plainly good (or
    ragged), or the file cannot be read (read_rows then says why)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = _SheetRows(f, path.name, stamps=True)
            return _stage(db, rows.block(), rows.given, who)
    except (OSError, ValueError, IndexError, csv.Error):
        return None


class _Ragged(ValueError):
    """A row of more or fewer cells than the header: read_rows names it."""


class _SheetRows:
    """The rows of a sheet being read, as the cells of those verdicts.SHEET_COLUMNS it has
    (`given` says which; updated_at only with `stamps`), in blocks that end once the file
    is read past a point, looked at every `check_every` rows; ValueError when it lacks a
    required column."""

    def __init__(self, f: IO[str], name: str, check_every: int = 0, *,
                 stamps: bool = False) -> None:
        self._check_every = check_every or None
        self._reader, self._width, index = sheet_reader(f, name, COLUMNS)  # as read_rows
        del index[len(verdicts.SHEET_COLUMNS):]  # the session is not staged
        if not stamps:  # nor updated_at, without verdicts to check it against
            index[verdicts.SHEET_COLUMNS.index("updated_at")] = None
        self._pick = itemgetter(*(i for i in index if i is not None))  # 2 at least
        self._read = f.buffer.tell  # bytes read so far (a buffer ahead of the rows)
        self.given = [i is not None for i in index]
        self.over = False  # whether the rows have run out

    def block(self, end: int | None = None) -> Iterator[Sequence[str]]:
        """The next rows, until the file has been read past byte `end`, or all; blank
        lines skipped; _Ragged for a row of more or fewer cells than the header. The one
        loop of Python a row, the length test in it."""
        reader, width, pick = self._reader, self._width, self._pick
        while True:
            before = reader.line_num
            for row in itertools.islice(reader, self._check_every):
                if len(row) != width:
                    if row:
                        raise _Ragged
                    continue
                yield pick(row)
            if reader.line_num == before:
                self.over = True
                return
            if end is not None and self._read() >= end:
                return


def _stage(db: Database, rows: Iterable[Sequence[str]], given: list[bool], who: str,
           staged: str = verdicts.STAGED, claims: str = "claims") -> int | None:
    """verdicts.stage_cells of `rows` by check_row's rules (`who` for an empty reviewer),
    their texts checked against `claims`."""
    def verdict(status: str, confidence: str) -> tuple[str, int | None] | None:
        """A (status, confidence) pair as check_row stores it, or None when it is bad."""
        try:
            checked = check_row(0, ["0", read_cell(status), read_cell(confidence), "", "",
                                    who, "", "", "", ""], who)
        except ValueError:
            return None
        return checked[2], checked[3]

    return verdicts.stage_cells(
        db, rows, given, escape=ESCAPE, verdict=verdict, flags=FLAG_CELLS,
        reviewer=lambda cell: read_cell(cell).strip() or who,
        sources=lambda cell: sources_json(read_cell(cell)), staged=staged, claims=claims)
