"""Export (csv, jsonl, claimreview) and import: the CSV contract read back exactly."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from joins import JOINS, joined_by
from sheets import read_sheet

from workbench import parallel, review
from workbench.cli import main
from workbench.exchange import blocks as exchange_blocks
from workbench.exchange import csvsheet, importer
from workbench.exchange.claimreview import REQUIRED, write_claimreview
from workbench.exchange.csvsheet import (
    COLUMNS,
    EXTRA_COLUMNS,
    export_sheet,
    flag_cell,
    safe_cell,
    sources_cell,
)
from workbench.exchange.jsonl import FIELDS, write_jsonl
from workbench.model import Claim, Source
from workbench.outfile import written_whole
from workbench.storage import articles, claims, open_db, sessions, verdicts

ARTICLE = (
    "Storm hits coast\n\n"
    "The storm killed 12 people on Tuesday. Officials said 3,000 homes lost power. "
    "The mayor said the city would rebuild within a year. Schools will reopen on Monday."
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with one ingested article and session 'a' holding three verdicts."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "c.db"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "ann")
    (tmp_path / "storm.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    with open_db(tmp_path / "c.db") as db:
        sid = review.start_session(db, "a", "ann")
        review.tag(db, sid, 1, who="ann", status="supported", confidence=80,
                   sources=[Source("https://x.org/a|b", "wire :: copy"), Source("AP")],
                   notes="=SUM(A1)\nsecond line, \"quoted\"")
        review.tag(db, sid, 2, who="ann", status="refuted", confidence=0)
        review.tag(db, sid, 3, who="ann", status="not_a_claim")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sheet(text: str) -> list[dict[str, str]]:
    return read_sheet(text)


def test_csv_round_trip_is_exact(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, first, _ = run(capsys, "export", "--session", "a")
    assert code == 0
    assert first.splitlines()[0].startswith(",".join(COLUMNS))
    assert "'=SUM(A1)" in first  # formula written safely
    (env / "s.csv").write_text(first, encoding="utf-8")
    code, out, _ = run(capsys, "import", "s.csv", "--session", "b")
    assert code == 0 and "3 changed" in out and "new session" in out
    _, second, _ = run(capsys, "export", "--session", "b")
    strip = ("session", "updated_at")
    a = [{k: v for k, v in r.items() if k not in strip} for r in sheet(first)]
    b = [{k: v for k, v in r.items() if k not in strip} for r in sheet(second)]
    assert a == b
    with open_db(env / "c.db") as db:
        got = review.get_verdict(db, sessions.require(db, "b")["id"], 1)
    assert got.sources == [Source("https://x.org/a|b", "wire :: copy"), Source("AP")]
    assert got.notes == "=SUM(A1)\nsecond line, \"quoted\""
    # reading the same sheet into the same session again changes nothing
    code, out, _ = run(capsys, "import", "s.csv", "--session", "b")
    assert "0 changed" in out


def test_import_writes_history_for_each_change(env: Path, capsys) -> None:
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    run(capsys, "import", "s.csv", "--session", "b")
    with open_db(env / "c.db") as db:
        sid = sessions.require(db, "b")["id"]
        rows = db.query("SELECT claim_id, action, old, new FROM history"
                        " WHERE session_id = ? AND entity = 'verdict' ORDER BY claim_id", (sid,))
        logged = review.claim_history(db, sid, 2)
    assert [r["claim_id"] for r in rows] == [1, 2, 3]
    assert {r["action"] for r in rows} == {"import"}
    # what the verdict panel shows: the change from no verdict (whose defaults the row
    # leaves out) to the sheet's
    assert [(e["action"], e["old"], e["new"]) for e in logged] == [
        ("import", {"status": "unreviewed", "confidence": None},
         {"status": "refuted", "confidence": 0})]


@pytest.mark.parametrize("into", ["new", "reviewed", "new, in step"])
def test_one_undo_takes_back_a_whole_import(env: Path, capsys, monkeypatch, into: str) -> None:
    """An import is one change to undo, whichever way it was written: ctrl+z puts back
    every verdict it changed, and the next undo reaches the change before it."""
    if into == "new, in step":
        monkeypatch.setattr(importer, "IN_STEP_FROM", 0)
        monkeypatch.setattr(importer, "CHECK_EVERY", 1)  # blocks of a row or two
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    session = "a" if into == "reviewed" else "b"
    if into == "reviewed":  # the sheet then changes all five of a's verdicts back
        with open_db(env / "c.db") as db:
            for claim in (1, 2, 3, 4, 5):
                review.tag(db, sessions.require(db, "a")["id"], claim, who="ann",
                           status="misleading", confidence=10)
    # the sheet is older than a's verdicts: it overwrites them only when told to
    code, out, _ = run(capsys, "import", "s.csv", "--session", session, "--overwrite")
    assert code == 0 and ("5 changed" if into == "reviewed" else "3 changed") in out
    with open_db(env / "c.db") as db:
        sid = sessions.require(db, session)["id"]
        undone = review.undo(db, sid, who="ann")
        assert undone is not None and undone.summary == (
            "import of 5 claims" if into == "reviewed"
            else "import of claim #1, import of claim #2, import of claim #3")
        after = [(v["status"], v["confidence"]) for c in (1, 2, 3, 4, 5)
                 if (v := verdicts.get(db, sid, c))]
        assert after == ([("misleading", 10)] * 5 if into == "reviewed"
                         else [("unreviewed", None)] * 3)
        undone = review.undo(db, sid, who="ann")
        assert (undone.summary if undone else None) == (
            "tag of claim #5" if into == "reviewed" else None)


def edit_cell(path: Path, claim_id: int, column: str, value: str) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8")))
    col = rows[0].index(column)
    for r in rows[1:]:
        if r[0] == str(claim_id):
            r[col] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("cells", [
    ["2", "1", "2", "Officials said the storm"],  # cut short: its status would read as ""
    ["2", "1", "2", "Officials said", " the storm", "", "refuted"],  # a comma unquoted
])
@pytest.mark.parametrize("blocks", [False, True])
def test_a_ragged_row_is_refused_by_its_line(env: Path, capsys, monkeypatch, cells: list[str],
                                            blocks: bool) -> None:
    """A row of fewer or more cells than the header is an error naming its line, read in
    one go or in blocks by a second process, and nothing is written: its cells may have
    slid under other columns' names (a status read from the wrong cell)."""
    if blocks:
        monkeypatch.setattr(importer, "IN_STEP_FROM", 0)
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    rows = list(csv.reader((env / "s.csv").open(encoding="utf-8")))
    rows[2] = cells
    with (env / "s.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    for session in ("a", "fresh"):
        code, out, err = run(capsys, "import", "s.csv", "--session", session)
        assert code == 1 and out == ""
        # claim 2's row starts on line 4: claim 1's notes take two lines
        assert err == (f"error: s.csv line 4: {len(cells)} cells where the header has"
                       f" {len(rows[0])} (a comma or a quote out of place?)\n")
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "fresh") is None
        assert review.get_verdict(db, sessions.require(db, "a")["id"], 2).status == "refuted"


def test_a_sheet_without_some_columns_leaves_those_fields_alone(env: Path, capsys) -> None:
    """A sheet of claim_id and status only sets statuses: the confidence, sources and
    notes a verdict has stay (but a claim set back to unreviewed loses its confidence,
    as a tag does)."""
    (env / "s.csv").write_text("Claim_ID, Status\n1,misleading\n2,unreviewed\n4,supported\n",
                               encoding="utf-8")
    code, out, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 0, err
    assert "3 changed" in out
    with open_db(env / "c.db") as db:
        sid = sessions.require(db, "a")["id"]
        one, two, four = (review.get_verdict(db, sid, n) for n in (1, 2, 4))
    assert (one.status, one.confidence, one.notes) == ("misleading", 80,
                                                       "=SUM(A1)\nsecond line, \"quoted\"")
    assert one.sources == [Source("https://x.org/a|b", "wire :: copy"), Source("AP")]
    assert (two.status, two.confidence) == ("unreviewed", None)
    assert (four.status, four.confidence, four.sources) == ("supported", None, [])


@pytest.mark.parametrize("blocks", [False, True])
def test_a_sheet_from_another_database_is_refused_by_its_claims_text(
        env: Path, tmp_path: Path, capsys, monkeypatch, blocks: bool) -> None:
    """Claim ids are one database's: a sheet made on another machine, where the same ids
    name other claims, must not tag these claims with those verdicts."""
    if blocks:
        monkeypatch.setattr(importer, "IN_STEP_FROM", 0)
    other = tmp_path / "other"
    other.mkdir()
    (other / "budget.txt").write_text(
        "Council approves budget\n\nThe council approved the budget on Monday. The mayor"
        " said taxes would not rise.", encoding="utf-8")
    assert main(["--db", str(other / "o.db"), "ingest", str(other / "budget.txt")]) == 0
    assert main(["--db", str(other / "o.db"), "sessions", "new", "o"]) == 0
    assert main(["--db", str(other / "o.db"), "tag", "2", "--session", "o",
                 "--status", "supported"]) == 0
    assert main(["--db", str(other / "o.db"), "export", "--session", "o", "-o",
                 str(env / "o.csv")]) == 0
    capsys.readouterr()
    for session in ("a", "fresh"):
        code, out, err = run(capsys, "import", "o.csv", "--session", session)
        assert code == 1 and out == ""
        assert err == ("error: o.csv line 2: claim 1 here is 'Storm hits coast', not"
                       " 'Council approves budget' (is the sheet from another database?)"
                       " (and 2 more bad rows: lines 3, 4)\n")
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "fresh") is None


def test_a_claim_edited_since_the_sheet_was_made_still_takes_its_row(env: Path, capsys) -> None:
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    with open_db(env / "c.db") as db:
        review.edit_claim(db, 2, "Officials said the storm caused severe damage.", who="ann")
    edit_cell(env / "s.csv", 2, "status", "misleading")
    code, out, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 0 and "1 changed" in out, err


def test_a_row_for_an_earlier_version_of_an_article_names_its_claim_now(env: Path,
                                                                        capsys) -> None:
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    (env / "storm.txt").write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    capsys.readouterr()
    edit_cell(env / "s.csv", 2, "status", "misleading")
    code, _, err = run(capsys, "import", "s.csv", "--session", "a")
    with open_db(env / "c.db") as db:
        now_is = db.query("SELECT id FROM claims WHERE previous_claim_id = 1")[0][0]
    assert code == 1 and err.startswith(
        f"error: s.csv line 2: claim 1 is of an earlier version of its article (re-ingested"
        f" since the sheet was made), where it is claim {now_is}")
    # a third version: the claim it is now, not the second version's, itself replaced
    (env / "storm.txt").write_text(ARTICLE.replace("Monday", "Friday"), encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    capsys.readouterr()
    with open_db(env / "c.db") as db:
        newest = db.query("SELECT id FROM claims WHERE previous_claim_id = ?", (now_is,))[0][0]
    code, _, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 1 and f"the sheet was made), where it is claim {newest}" in err
    assert main(["tag", "1", "--session", "a", "--status", "refuted"]) == 1
    assert capsys.readouterr().err.endswith(f"where it is claim {newest}\n")


def test_rows_of_empty_cells_are_skipped_and_a_column_twice_is_refused(env: Path,
                                                                         capsys) -> None:
    """A spreadsheet saves rows it once formatted as rows of empty cells: they are blank
    lines. A column named twice would leave it to chance which cell is read."""
    (env / "s.csv").write_text("claim_id,status,notes\n2,misleading,x\n,,\n,,\n",
                               encoding="utf-8")
    code, out, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 0 and "imported 1 row into 'a': 1 changed" in out, err
    (env / "s.csv").write_text("claim_id,status,Status\n2,refuted,supported\n",
                               encoding="utf-8")
    code, _, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 1 and err == "error: s.csv: column status comes twice: which one is meant?\n"


def test_a_sheet_split_by_semicolons_says_so(env: Path, capsys) -> None:
    (env / "s.csv").write_text("claim_id;status\n1;refuted\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 1 and err == ("error: s.csv: not a verdict CSV (missing columns: claim_id,"
                                 " status; its cells are separated by ';', not ',')\n")


ONE_OF = " (one of unreviewed, supported, refuted, misleading, unverifiable, not_a_claim)"


def test_a_sheet_may_write_statuses_as_words_and_confidences_as_decimals(
        env: Path, capsys) -> None:
    """As a person or pandas writes a sheet: "Not a claim", "80.0"."""
    (env / "s.csv").write_text("claim_id,status,confidence\n1,Not a claim,80.0\n"
                               "2,not-a-claim,\n3,Supported,100.0\n", encoding="utf-8")
    assert run(capsys, "import", "s.csv", "--session", "fresh")[0] == 0
    with open_db(env / "c.db") as db:
        fresh = sessions.require(db, "fresh")["id"]
        assert [(v.status, v.confidence) for v in
                (review.get_verdict(db, fresh, n) for n in (1, 2, 3))] == [
            ("not_a_claim", 80), ("not_a_claim", None), ("supported", 100)]
    (env / "s.csv").write_text("claim_id,status,confidence\n1,supported,80.5\n",
                               encoding="utf-8")
    code, _, err = run(capsys, "import", "s.csv", "--session", "fresh")
    assert (code, err) == (
        1, "error: s.csv line 2: confidence must be a whole number 0-100, not '80.5'\n")


@pytest.mark.parametrize(
    ("claim_id", "column", "value", "message"),
    [
        (4, "status", "maybe", "unknown status 'maybe'"),
        (4, "confidence", "101", "confidence must be a whole number 0-100, not '101'"),
        (4, "confidence", "-5", "confidence must be a whole number 0-100, not '-5'"),
        (4, "claim_id", "999", "unknown claim id 999"),
        (4, "claim_id", "9" * 30, f"unknown claim id {'9' * 30}"),
        (4, "claim_id", "x1", "claim_id must be a whole number"),
        (4, "claim_id", "3", "claim 3 appears again (first on line 5)"),
        (4, "confidence", "50", "a confidence needs a status"),
    ],
)
def test_bad_row_is_named_and_nothing_is_written(
    env: Path, capsys, claim_id: int, column: str, value: str, message: str
) -> None:
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    edit_cell(env / "s.csv", 2, "status", "supported")  # a good change on line 3
    edit_cell(env / "s.csv", claim_id, column, value)
    line = 6  # header, claim 1 (its notes span lines 2-3), claim 2, claim 3, then claim 4
    code, out, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 1 and out == ""
    assert err.startswith(f"error: s.csv line {line}: {message}") and err.count("\n") == 1
    with open_db(env / "c.db") as db:
        assert review.get_verdict(db, 1, 2).status == "refuted"
        n = db.query("SELECT count(*) AS n FROM history WHERE action = 'import'")[0]["n"]
        assert n == 0


def test_all_bad_rows_are_counted_and_new_session_not_created(env: Path, capsys) -> None:
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    edit_cell(env / "s.csv", 4, "status", "maybe")
    edit_cell(env / "s.csv", 5, "confidence", "abc")
    code, _, err = run(capsys, "import", "s.csv", "--session", "fresh")
    assert code == 1
    assert err == (f"error: s.csv line 6: unknown status 'maybe'{ONE_OF} (and 1 more bad row:"
                   " line 7)\n")
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "fresh") is None


@pytest.mark.parametrize(("unknown", "others"), [
    (0, "line 4"),
    (9, "lines 4, 5, 6, 7, 8, 9, 10, 11, 12, 13"),
    (12, "lines 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, …"),
])
def test_the_error_names_the_lines_of_every_bad_row_up_to_ten(
        env: Path, capsys, unknown: int, others: str) -> None:
    """One line on stderr, yet each bad row's line in it (the first ten after the first
    bad one), whatever finds it bad: the row checks or the claims looked up after."""
    (env / "s.csv").write_text(
        "claim_id,status,confidence\n1,supported,80\n2,maybe,\n3,refuted,101\n"
        + "".join(f"{1000 + n},supported,\n" for n in range(unknown)), encoding="utf-8")
    code, out, err = run(capsys, "import", "s.csv", "--session", "fresh")
    assert (code, out) == (1, "")
    assert err == (f"error: s.csv line 3: unknown status 'maybe'{ONE_OF} (and"
                   f" {1 + unknown} more bad row{'s' if unknown else ''}: {others})\n")
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "fresh") is None


def test_a_row_bad_in_two_ways_is_one_bad_row(env: Path, capsys) -> None:
    """A dropped claim whose text is not the sheet's is one bad row, not two."""
    with open_db(env / "c.db") as db:
        review.drop_claim(db, 3, who="ann")
    (env / "s.csv").write_text("claim_id,status,claim\n3,supported,Nothing like it\n",
                               encoding="utf-8")
    code, _, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 1 and err.startswith("error: s.csv line 2: ") and "(and" not in err


@pytest.mark.parametrize("path", ["sql", "rows", "blocks"])
def test_a_status_in_any_case_is_stored_in_lower_case(
        env: Path, capsys, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
        path: str) -> None:
    """"Supported" as a person types it: read by SQLite (the sheet in one go, or in
    blocks by a second process) or row by row in Python (a claim id "04" sends it there),
    it is stored as the status it names."""
    attached = request.getfixturevalue("in_step") if path == "blocks" else []
    if path != "rows":  # read by SQLite alone, never again row by row
        monkeypatch.setattr(importer, "read_rows", None)
    four = "04" if path == "rows" else "4"
    (env / "s.csv").write_text(
        f"claim_id,status,confidence\n{four}, Supported ,60\n5,REFUTED,\n3,Not_A_Claim,\n"
        "1,UnReviewed,\n2,'Misleading,10\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "s.csv", "--session", "fresh")
    assert code == 0 and "imported 5 rows" in out, err
    assert bool(attached) == (path == "blocks")
    with open_db(env / "c.db") as db:
        fresh = sessions.require(db, "fresh")["id"]
        got = [(v.status, v.confidence) for v in (review.get_verdict(db, fresh, n)
                                                  for n in range(1, 6))]
    assert got == [("unreviewed", None), ("misleading", 10), ("not_a_claim", None),
                   ("supported", 60), ("refuted", None)]


def test_import_errors_for_files(env: Path, capsys) -> None:
    (env / "bad.csv").write_text("id,verdict\n1,x\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "bad.csv", "--session", "a")
    assert code == 1 and "bad.csv: not a verdict CSV (missing columns: claim_id, status)" in err
    code, _, err = run(capsys, "import", "nope.csv", "--session", "a")
    assert code == 1 and "nope.csv: no such file" in err
    # read as cp1252, as a spreadsheet on Windows writes it: the row's error names it
    (env / "latin.csv").write_bytes("claim_id,status\n1,supported\xe9\n".encode("latin-1"))
    code, _, err = run(capsys, "import", "latin.csv", "--session", "a")
    assert (code, err) == (1, f"error: latin.csv line 2: unknown status 'supportedé'{ONE_OF}\n")


@pytest.mark.parametrize("into", ["a", "fresh"])
def test_a_sheet_a_spreadsheet_saved_as_cp1252_is_read(env: Path, capsys, into: str) -> None:
    """Excel's plain "CSV" on Windows is cp1252, not UTF-8 (QA: refused, 'not UTF-8 text');
    ingest reads such an article with a note, and so does import read such a sheet."""
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    edit_cell(env / "s.csv", 4, "notes", "café owner confirmed – twice")
    (env / "win.csv").write_bytes((env / "s.csv").read_text("utf-8").encode("cp1252"))
    code, out, err = run(capsys, "import", "win.csv", "--session", into)
    assert code == 0, err
    assert out.endswith("(decoded as cp1252: not valid UTF-8)\n")
    with open_db(env / "c.db") as db:
        sid = sessions.require(db, into)["id"]
        assert review.get_verdict(db, sid, 4).notes == "café owner confirmed – twice"


def test_a_sheet_whose_windows_code_page_lost_letters_says_so(env: Path, capsys) -> None:
    """QA: a claim naming Łódź, saved by Excel as plain "CSV" (cp1252, "?" for "Ł"),
    was refused as "is the sheet from another database?"; a "Unicode Text" save (UTF-16)
    as "missing columns"."""
    (env / "lodz.txt").write_text("Łódź votes\n\nThe mayor of Łódź resigned on Monday.\n",
                                  encoding="utf-8")
    run(capsys, "ingest", "lodz.txt")
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    sheet = (env / "s.csv").read_text("utf-8")
    (env / "win.csv").write_bytes(sheet.encode("cp1252", errors="replace"))
    code, _, err = run(capsys, "import", "win.csv", "--session", "b")
    assert code == 1
    assert "not 'The mayor of ?ód? resigned on Monday.' (the sheet is not UTF-8" in err
    assert err.endswith("save it as 'CSV UTF-8')\n")
    (env / "u16.csv").write_bytes(sheet.encode("utf-16"))
    code, _, err = run(capsys, "import", "u16.csv", "--session", "b")
    assert (code, err) == (1, "error: u16.csv: UTF-16 text (a spreadsheet's 'Unicode Text'),"
                              " not a CSV: save it as 'CSV UTF-8'\n")


def test_import_without_session_is_a_usage_error(env: Path) -> None:
    with pytest.raises(SystemExit) as e:
        main(["import", "s.csv"])
    assert e.value.code == 2


def test_minimal_hand_written_sheet(env: Path, capsys) -> None:
    (env / "hand.csv").write_text(
        "\ufeffclaim_id,status,confidence,sources\n4,misleading,60,a | b :: note\n\n5,,,\n",
        encoding="utf-8")
    code, out, _ = run(capsys, "import", "hand.csv", "--session", "a")
    assert code == 0 and "1 changed, 1 unchanged" in out
    with open_db(env / "c.db") as db:
        v = review.get_verdict(db, 1, 4)
    assert (v.status, v.confidence, v.sources) == (
        "misleading", 60, [Source("a"), Source("b", "note")])


def test_jsonl_has_every_field(env: Path, capsys) -> None:
    code, out, _ = run(capsys, "export", "--session", "a", "--format", "jsonl")
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(lines) == 5
    first = lines[0]
    for key in ("claim_id", "article", "seq", "claim", "by", "status", "confidence",
                "sources", "notes", "reviewer", "session", "updated_at", "kind", "start",
                "end", "needs_review", "title"):
        assert key in first
    assert first["sources"] == [{"ref": "https://x.org/a|b", "note": "wire :: copy"},
                                {"ref": "AP", "note": ""}]
    assert first["notes"].startswith("=SUM")  # JSON needs no formula escaping
    assert lines[3]["status"] == "unreviewed" and lines[3]["confidence"] is None
    assert first["needs_review"] is False and first["version"] == 1
    assert first["session"] == "a" and first["previous_claim_id"] is None
    assert list(first) == list(FIELDS)


def test_claimreview_has_required_fields(env: Path, capsys) -> None:
    code, out, _ = run(capsys, "export", "--session", "a", "--format", "claimreview",
                       "--organisation", "Desk", "--base-url", "https://desk.example/storm")
    reviews = json.loads(out)
    assert code == 0
    assert len(reviews) == 2  # not_a_claim and unreviewed have no rating
    for r in reviews:
        for key in REQUIRED:
            assert r[key], key
        assert r["@type"] == "ClaimReview" and r["@context"] == "https://schema.org"
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and "author" not in item  # own voice, from a file
        assert "datePublished" not in item  # unknown: not the day it was ingested
        assert item["appearance"]["headline"] == "Storm hits coast"
        assert r["author"] == {"@type": "Organization", "name": "Desk"}
        assert len(r["datePublished"]) == 10
    assert reviews[0]["url"] == "https://desk.example/storm#claim-1"
    assert reviews[0]["reviewRating"]["ratingValue"] == 5
    assert reviews[1]["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                                          "worstRating": 1, "alternateName": "Refuted"}
    assert reviews[0]["claimReviewed"] == "Storm hits coast"
    _, out, err = run(capsys, "export", "--session", "a", "--format", "claimreview")
    first = json.loads(out)[0]
    assert first["url"] == (env / "storm.txt").resolve().as_uri() + "#claim-1"
    assert first["author"] == {"@type": "Person", "name": "ann"}
    assert "url" not in first["itemReviewed"]["appearance"]
    assert err.startswith("warning: no --base-url")  # file: urls are no use on the web
    code, out, err = run(capsys, "export", "--session", "a", "--format", "claimreview",
                         "--base-url", "desk.example/storm")
    assert (code, out) == (2, "")  # a usage error
    assert err == "error: --base-url 'desk.example/storm': not an http(s) address\n"


def test_claimreview_empty_is_valid_json() -> None:
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp, open_db(Path(tmp) / "x.db") as db:
        assert write_claimreview(out, db, sessions.create(db, "s", "ann")) == 0
    assert json.loads(out.getvalue()) == []


def test_export_to_file_and_unknown_session(env: Path, capsys) -> None:
    code, out, err = run(capsys, "export", "--session", "a", "--format", "jsonl", "-o", "a.jsonl")
    assert code == 0 and out == "" and "wrote 5 rows" in err
    assert len((env / "a.jsonl").read_text().splitlines()) == 5
    code, _, err = run(capsys, "export", "--session", "nobody")
    assert code == 1 and err == "error: no session named 'nobody'\n"


def test_files_written_with_o_get_the_mode_open_would_give(env: Path, capsys) -> None:
    """An export or a diff written with -o is readable by the rest of the desk as any new
    file is (0o644 under umask 022, not a temporary file's 0o600); one that replaces a
    file keeps that file's mode; no hidden file is left beside them."""
    def mode(name: str) -> int:
        return stat.S_IMODE((env / name).stat().st_mode)

    umask = os.umask(0o022)
    try:
        run(capsys, "export", "--session", "a", "-o", "s.csv")
        run(capsys, "sessions", "new", "b", "--from", "a")
        run(capsys, "diff", "a", "b", "--format", "csv", "-o", "d.csv")
        assert (mode("s.csv"), mode("d.csv")) == (0o644, 0o644)
        (env / "s.csv").chmod(0o640)
        run(capsys, "export", "--session", "a", "-o", "s.csv")
        assert mode("s.csv") == 0o640
    finally:
        os.umask(umask)
    assert [p.name for p in env.iterdir() if p.name.startswith(".")] == []
    code, _, err = run(capsys, "export", "--session", "a", "-o", "nowhere/s.csv")
    assert code == 1 and err == "error: nowhere/s.csv: folder nowhere does not exist\n"


def test_a_file_that_fails_halfway_leaves_the_old_one_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"), written_whole(path) as out:
        out.write("half a sheet")
        raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [path]


def test_a_pipe_is_written_into_not_replaced(env: Path, capsys) -> None:
    """-o /dev/null, /dev/stdout or a named pipe: renaming a finished file over one would
    put a plain file where the device or pipe was (for every user of /dev/null)."""
    fifo = env / "sheet.pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    code, _, err = run(capsys, "export", "--session", "a", "-o", str(fifo))
    reader.join(10)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and len(list(csv.reader(io.StringIO(got[0])))) == 6  # the header, 5 claims
    assert [p.name for p in env.iterdir() if p.name.startswith(".")] == []


def test_an_output_onto_a_database_is_refused_and_the_database_kept(env: Path, capsys) -> None:
    """QA: `export -o ./claims.db` (tab completion) replaced the database with a sheet,
    every session, verdict and history row gone, and said "wrote 5 rows"."""
    assert run(capsys, "sessions", "new", "b", "--from", "a")[0] == 0
    before = (env / "c.db").read_bytes()
    for command in (["export", "--session", "a"], ["diff", "a", "b"], ["article", "1"]):
        code, out, err = run(capsys, *command, "-o", "c.db")
        assert (code, out) == (1, "")
        assert err == ("error: c.db: a database or SQLite's file beside one, not replaced:"
                       " write to another file\n")
    assert (env / "c.db").read_bytes() == before
    # QA: -o c.db-shm wrote over the index other writers use, and a verdict was lost;
    # -o c.db-journal left the database unreadable
    for beside in ("c.db-shm", "c.db-wal", "c.db-journal"):
        code, _, err = run(capsys, "export", "--session", "a", "-o", beside)
        assert code == 1 and err.startswith(f"error: {beside}: a database or SQLite's file")
    assert run(capsys, "sessions")[0] == 0


def test_a_dash_for_output_is_stdout(env: Path, capsys) -> None:
    code, out, _ = run(capsys, "export", "--session", "a", "-o", "-")
    assert code == 0 and out.startswith("claim_id,article,seq,claim,")
    assert not (env / "-").exists()


def test_dev_stdout_into_a_pipe_is_written(env: Path) -> None:
    """QA: `diff … -o /dev/stdout | …` said "cannot write there": the link's target is a
    pipe's name, no file in any folder."""
    done = subprocess.run(
        f"{sys.executable} -m workbench export --session a -o /dev/stdout | cat",
        shell=True, cwd=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("claim_id,article,seq,claim,")


@pytest.mark.parametrize("cell", [
    "", "  ", "a", "a | b", "a |  | b ", " | a", "x|y | z", "a :: n | b", "a\\|b | c",
    "https://x.org/?q=1 :: note :: more | AP", "a | ", "ü | ∑", "say \"hi\" | tab\there\x01",
])
def test_sources_fast_path_reads_like_the_parser(cell: str) -> None:
    from workbench.exchange.importer import sources_json
    from workbench.model import parse_sources, sources_to_json

    assert sources_json(cell) == sources_to_json(parse_sources(cell))


typed = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=30)


def reference_sheet(db, session_id: int, session: str) -> str:
    """The verdict sheet as csv.writer writes it, cell by cell with safe_cell, from the
    JSON lines export: what the SQL-built export_sheet must match."""
    lines = io.StringIO()
    write_jsonl(lines, db, session_id, session)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*COLUMNS, *EXTRA_COLUMNS))
    for line in lines.getvalue().split("\n")[:-1]:
        r = json.loads(line)
        writer.writerow([
            r["claim_id"], r["article"], r["seq"], safe_cell(r["claim"]), safe_cell(r["by"]),
            r["status"], r["confidence"], sources_cell(json.dumps(r["sources"])),
            safe_cell(r["notes"]), safe_cell(r["reviewer"]), safe_cell(r["session"]),
            safe_cell(r["updated_at"]), safe_cell(r["title"]), r["kind"], r["start"], r["end"],
            flag_cell(r["needs_review"]),
        ])
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(text=typed, by=typed, notes=typed, title=typed, session=typed.filter(str.strip),
       refs=st.lists(st.tuples(typed.map(str.strip).filter(bool), typed.map(str.strip)),
                     max_size=3), flagged=st.booleans())
@pytest.mark.parametrize("concat", JOINS)
def test_export_sheet_writes_what_the_reference_writer_writes(text, by, notes, title,
                                                              session, refs, flagged,
                                                              concat) -> None:
    """Cells made formula-safe in SQL match safe_cell, for any text (formula starters,
    the escape itself, quotes, line breaks), sources match format_sources, and the
    needs_review cell flag_cell, however SQLite joins a line's pieces."""
    with (tempfile.TemporaryDirectory() as tmp, open_db(Path(tmp) / "x.db") as db,
          joined_by(concat)):
        with db.transaction():
            article = articles.insert(db, origin="o", title=title or "t", text="x" * 40,
                                      content_hash="h", format="txt")
        claims.insert_many(db, article, [Claim(1, text or "c", 0, 5, by or None),
                                         Claim(2, "second", 6, 12)])
        sid = sessions.create(db, session.strip(), "=ann")
        review.tag(db, sid, 1, who="@bob", status="refuted", confidence=5, notes=notes,
                   sources=[Source(r, n) for r, n in refs])
        if flagged:  # as a re-ingest leaves a verdict it carried to an edited claim
            with db.transaction():
                verdicts.upsert(db, sid, 1, {"needs_review": 1}, "@bob", "2026-01-02")
        fast = io.StringIO()
        assert export_sheet(fast, db, sid, session.strip()) == 2
        assert fast.getvalue() == reference_sheet(db, sid, session.strip())


def test_spaces_and_escapes_in_cells_import_as_the_row_checks_read_them(env: Path,
                                                                       capsys) -> None:
    """Cells SQLite does not take as they are (a spaced id, an escaped reviewer, a
    padded number) are read again in Python, and import as check_row reads them."""
    (env / "odd.csv").write_text(
        "claim_id,status,confidence,sources,notes,reviewer\n"
        " 4 , supported ,' 60,'a | b,'=x,'@bob\n"
        "005,refuted,,,,\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "odd.csv", "--session", "a")
    assert code == 0 and "2 changed" in out
    with open_db(env / "c.db") as db:
        v4, v5 = review.get_verdict(db, 1, 4), review.get_verdict(db, 1, 5)
        reviewer = db.query("SELECT reviewer FROM verdicts WHERE claim_id = 4")[0][0]
    assert (v4.status, v4.confidence, v4.sources, v4.notes) == (
        "supported", 60, [Source("a"), Source("b")], "=x")
    assert reviewer == "@bob" and (v5.status, v5.confidence) == ("refuted", None)


odd_text = st.sampled_from([
    "", " ", "'", "'x", "x ", " x", "a | b", "a :: n", "a\\|b", "|", "::", "é", "\u2003x",
    "x\x00y", '"q"', "\tx", "x\x1f", "'=SUM(A1)", "a |  | b ", "https://x.org/1"])
cell_text = st.one_of(odd_text, st.text(st.characters(blacklist_categories=("Cs",)),
                                        max_size=8))
# mostly good cells (None: the row's own number as its claim id), now and then an odd one
ODD_IDS = ["007", " 3", "3 ", "'3", "x", "", "-1", "+2", "\u0661", "9" * 20, "2\x00", "1"]
cells = st.tuples(
    st.sampled_from([None] * 60 + ODD_IDS),
    st.sampled_from(["supported", "refuted", "misleading", "unverifiable", "not_a_claim"] * 8
                    + ["", "unreviewed", " misleading", "'refuted", "Supported", "maybe",
                       "supported\x00", " REFUTED ", "Not_A_Claim", "'UNREVIEWED",
                       "not a claim"]),
    st.sampled_from(["", "0", "7", "100"] * 12 + ["101", "05", " 5", "'5", "5.0", "-1",
                                                 "\u0665", "50\x00"]),
    st.one_of(st.just(""), st.just("https://x.org/2"), cell_text),
    st.one_of(st.just(""), cell_text),
    st.one_of(st.sampled_from(["", "bob"]), cell_text),
    st.one_of(st.just(""), st.just("Officials said the storm hit."), cell_text),  # claim
    st.one_of(st.just(""), st.just("2026-11-26T16:08:10.123Z"), cell_text),  # updated_at
    st.sampled_from(["", "1"] * 8 + ["0", "1.0", "0.0", " 1", "'1", "yes", "2", "TRUE"]),
)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(cells, max_size=5), who=st.sampled_from(["ann", "ann", " ann", "'ann"]))
def test_sql_staging_takes_only_rows_the_row_checks_take_alike(rows, who) -> None:
    """What stage_quickly stages (when it takes the sheet at all) is what check_row
    makes of every row, updated_at too (what a conflict is judged by); a sheet it leaves
    to Python is one check_row finds fault with or reads otherwise than SQLite would."""
    from workbench.exchange.importer import read_rows, stage_quickly

    with tempfile.TemporaryDirectory() as tmp, open_db(Path(tmp) / "x.db") as db:
        path = Path(tmp) / "s.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(("claim_id", "status", "confidence", "sources", "notes",
                             "reviewer", "claim", "updated_at", "needs_review"))
            writer.writerows((str(n) if r[0] is None else r[0], *r[1:])
                             for n, r in enumerate(rows))
        staged = stage_quickly(db, path, who)
        if staged is None:
            return
        got = db.conn.execute("SELECT claim_id, status, confidence, sources, notes,"
                              " reviewer, updated_at, needs_review FROM temp.incoming"
                              " ORDER BY claim_id").fetchall()
        checked, errors = read_rows(path, who)  # (a database without claims: any text)
        assert errors == [] and staged == len(checked)
        assert [tuple(r) for r in got] == sorted((*r[1:7], r[8], r[9]) for r in checked)


def test_import_into_a_reviewed_session_logs_old_and_new_values(env: Path, capsys) -> None:
    """A session that holds verdicts: each changed verdict is logged with the fields that
    changed, old and new, as review.tag logs them (a session without verdicts takes
    another path, with the defaults as old values)."""
    (env / "c.csv").write_text(
        "claim_id,status,confidence,sources,notes\n"
        "1,supported,80,https://x.org/a\\|b :: wire \\:: copy | AP,\"=SUM(A1)\n"
        "second line, \"\"quoted\"\"\"\n"
        "2,misleading,0,https://y.org,'=x\n"
        "3,not_a_claim,,,\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "c.csv", "--session", "a")
    assert code == 0 and "1 changed, 2 unchanged" in out
    with open_db(env / "c.db") as db:
        rows = db.query("SELECT claim_id, old, new FROM history WHERE action = 'import'")
    assert [(r["claim_id"], r["old"], r["new"]) for r in rows] == [(
        2, '{"status": "refuted", "sources": "[]", "notes": ""}',
        '{"status": "misleading", "sources": "[{\\"ref\\": \\"https://y.org\\", '
        '\\"note\\": \\"\\"}]", "notes": "=x"}')]


def stamps(db, session: str) -> dict[int, str]:
    """{claim id: updated_at} of a session's verdicts."""
    sid = sessions.require(db, session)["id"]
    return {r[0]: r[1] for r in db.query(
        "SELECT claim_id, updated_at FROM verdicts WHERE session_id = ?", (sid,))}


def drop_column(path: Path, column: str) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8")))
    col = rows[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(r[:col] + r[col + 1:] for r in rows)


@pytest.mark.parametrize("path", ["sql", "rows"])
def test_a_sheet_older_than_the_verdicts_it_would_change_is_refused(
        env: Path, capsys, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    """A sheet exported before claims were tagged would set them back: the import names
    the rows whose verdict changed since (or that had none then), writes nothing, and
    takes the sheet only with --overwrite. A row whose verdict changed since but that
    changes nothing is no conflict, nor is one edited in a verdict the sheet is as new as,
    nor any row of a sheet without updated_at. Read by SQLite or row by row alike."""
    if path == "rows":  # SQLite takes no sheet: every row is read in Python
        monkeypatch.setattr(importer, "stage_quickly", lambda *_: None)
    run(capsys, "export", "--session", "a", "-o", "t0.csv")
    run(capsys, "tag", "4", "--session", "a", "--status", "supported", "--confidence", "80")
    run(capsys, "tag", "2", "--session", "a", "--status", "misleading", "--note", "OBR")
    run(capsys, "tag", "5", "--session", "a", "--status", "supported")  # and back: as in
    run(capsys, "tag", "5", "--session", "a", "--status", "unreviewed")  # the sheet
    edit_cell(env / "t0.csv", 3, "notes", "checked twice")  # all the user meant to change
    with open_db(env / "c.db") as db:
        before, old = stamps(db, "a"), read_sheet((env / "t0.csv").read_text("utf-8"))
    code, out, err = run(capsys, "import", "t0.csv", "--session", "a")
    assert (code, out) == (1, "")
    assert err == (  # claim 1's notes take lines 2 and 3
        f"error: t0.csv line 4: claim 2 was changed in 'a' after this sheet was made"
        f" ({before[2]} there, {old[1]['updated_at']} in the sheet): export the session"
        " again, or import with --overwrite (and 1 more conflicting row: line 6)\n")
    with open_db(env / "c.db") as db:
        assert stamps(db, "a") == before  # nothing written
    (env / "hand.csv").write_bytes((env / "t0.csv").read_bytes())
    drop_column(env / "hand.csv", "updated_at")  # as a sheet made by hand: not checked
    code, out, _ = run(capsys, "import", "hand.csv", "--session", "a")
    assert code == 0 and "3 changed" in out
    run(capsys, "tag", "4", "--session", "a", "--status", "supported", "--confidence", "80")
    code, out, _ = run(capsys, "import", "t0.csv", "--session", "a", "--overwrite")
    assert code == 0 and "1 changed" in out  # claim 4 again; claims 2 and 3 as the sheet
    run(capsys, "export", "--session", "a", "-o", "t1.csv")
    edit_cell(env / "t1.csv", 3, "notes", "checked three times")  # a sheet made after
    code, out, _ = run(capsys, "import", "t1.csv", "--session", "a")
    assert code == 0 and "1 changed" in out
    with open_db(env / "c.db") as db:
        assert review.get_verdict(db, 1, 3).notes == "checked three times"
        assert review.get_verdict(db, 1, 4).status == "unreviewed"


@pytest.mark.parametrize("path", ["sql", "rows"])
def test_a_time_a_spreadsheet_wrote_its_own_way_is_the_same_time(
        env: Path, capsys, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    """A spreadsheet saving the sheet may write updated_at as "2026-11-26 17:51:25" (no T,
    no milliseconds): that is the verdict's time, not a conflict. A time a second off is."""
    if path == "rows":
        monkeypatch.setattr(importer, "stage_quickly", lambda *_: None)
    run(capsys, "export", "--session", "a", "-o", "t.csv")
    stamp = read_sheet((env / "t.csv").read_text("utf-8"))[1]["updated_at"]  # claim 2's
    as_excel = stamp[:19].replace("T", " ")
    edit_cell(env / "t.csv", 2, "notes", "checked twice")
    edit_cell(env / "t.csv", 2, "updated_at", as_excel)
    code, out, err = run(capsys, "import", "t.csv", "--session", "a")
    assert code == 0 and "1 changed" in out, err
    run(capsys, "export", "--session", "a", "-o", "t.csv")
    edit_cell(env / "t.csv", 2, "notes", "checked three times")
    edit_cell(env / "t.csv", 2, "updated_at", "2000-01-01 00:00:00")
    code, _, err = run(capsys, "import", "t.csv", "--session", "a")
    assert code == 1 and "was changed in 'a' after this sheet was made" in err


@pytest.mark.parametrize("path", ["sql", "rows"])
def test_another_sessions_sheet_into_a_reviewed_session_is_refused_by_its_name(
        env: Path, capsys, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    """Session a's sheet read into b, which holds verdicts of its own (a blind second
    review), would replace them: refused, the error saying whose sheet it is. Into a
    session without verdicts it goes, as into a new one."""
    if path == "rows":
        monkeypatch.setattr(importer, "stage_quickly", lambda *_: None)
    run(capsys, "export", "--session", "a", "-o", "a.csv")
    run(capsys, "sessions", "new", "b")
    run(capsys, "sessions", "new", "empty")
    run(capsys, "tag", "1", "--session", "b", "--status", "refuted")
    run(capsys, "tag", "4", "--session", "b", "--status", "supported")
    with open_db(env / "c.db") as db:
        b, a = stamps(db, "b"), stamps(db, "a")
    code, out, err = run(capsys, "import", "a.csv", "--session", "b")
    assert (code, out) == (1, "")
    assert err == (
        f"error: a.csv line 2: this is the sheet of session 'a': it would change claim 1 in 'b'"
        f" ({b[1]} there, {a[1]} in the sheet): import it into 'a', or into 'b' with"
        " --overwrite (and 3 more conflicting rows: lines 4, 5, 6)\n")
    with open_db(env / "c.db") as db:
        assert stamps(db, "b") == b
    code, out, _ = run(capsys, "import", "a.csv", "--session", "empty")
    assert code == 0 and "3 changed" in out
    code, out, _ = run(capsys, "import", "a.csv", "--session", "b", "--overwrite")
    assert code == 0 and "4 changed" in out
    with open_db(env / "c.db") as db:
        reviewed = [[v for v in imported(db, s)[0] if v[1] != "unreviewed"]
                    for s in ("a", "b", "empty")]
    assert reviewed[0] == reviewed[1] == reviewed[2] and len(reviewed[0]) == 3


def test_exports_in_blocks_from_two_processes_are_the_one_block_exports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """An export is written a block of articles at a time, a large one's later blocks by a
    second process; the files are those of one block written by one process, whatever the
    blocks, with a file: URL for a file's reviews and a quoted, formula-safe cell."""
    with open_db(tmp_path / "x.db") as db:
        sid = sessions.create(db, "s", "ann")
        for n in range(4):
            with db.transaction():
                article = articles.insert(db, origin=f"/news/{n}.txt", title=f"Story, {n}",
                                          text="x" * 99, content_hash=f"h{n}", format="txt")
            claims.insert_many(db, article, [Claim(i, f"=claim {n}.{i}, \"quoted\"", i, i + 1)
                                             for i in range(1, 4)])
        for claim_id in range(1, 13, 2):
            review.tag(db, sid, claim_id, who="ann", status="refuted", confidence=claim_id,
                       sources=[Source(f"https://x.org/{claim_id}")])

        def exports() -> list[str]:
            outs = []
            for write in (lambda out: export_sheet(out, db, sid, "s"),
                          lambda out: write_jsonl(out, db, sid, "s"),
                          lambda out: write_claimreview(out, db, sid)):
                out = io.StringIO()
                write(out)
                outs.append(out.getvalue())
            return outs

        whole = exports()
        monkeypatch.setattr(exchange_blocks, "BLOCK_CLAIMS", 1)  # an article a block
        monkeypatch.setattr(exchange_blocks, "PARALLEL_FROM", 0)
        request.getfixturevalue("shared_blocks")  # from here on
        assert exports() == whole
    sheet_rows = read_sheet(whole[0])
    assert [r["claim_id"] for r in sheet_rows] == [str(i) for i in range(1, 13)]
    assert sheet_rows[0]["claim"] == '=claim 0.1, "quoted"'  # read back as it was
    assert '"\'=claim 0.1, ""quoted"""' in whole[0]  # written safe and quoted
    assert len(whole[1].splitlines()) == 12
    reviews = json.loads(whole[2])
    assert len(reviews) == 6 and reviews[0]["url"] == "file:///news/0.txt#claim-1"


def three_articles_a_block_each(db, monkeypatch: pytest.MonkeyPatch) -> int:
    """Three articles of two claims (ids 1 to 6) and a session, "s", without verdicts; an
    export writes an article a block. Returns the session's id."""
    sid = sessions.create(db, "s", "ann")
    for n in range(3):
        with db.transaction():
            article = articles.insert(db, origin=f"/news/{n}.txt", title=f"Story {n}",
                                      text="x" * 99, content_hash=f"h{n}", format="txt")
        claims.insert_many(db, article, [Claim(i, f"claim {n}.{i}", i, i + 1) for i in (1, 2)])
    monkeypatch.setattr(exchange_blocks, "BLOCK_CLAIMS", 1)
    return sid


def test_an_export_in_blocks_reads_the_database_as_it_was_when_it_began(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tag another reviewer saves while an export is being written is in none of it: every
    block is read from the state the export began with, not the first blocks from one and
    the last from another."""
    path = tmp_path / "x.db"
    with open_db(path) as db:
        sid = three_articles_a_block_each(db, monkeypatch)
        monkeypatch.setattr(exchange_blocks, "PARALLEL_FROM", 1 << 62)  # all in this process
        block = csvsheet.sheet_block

        def then_another_reviewer_tags(db_, params, low, high, counts):
            text = block(db_, params, low, high, counts)
            if low == 1:  # the first article written: the last one is tagged elsewhere
                with open_db(path) as other:
                    review.tag(other, sid, 6, who="bob", status="refuted")
            return text

        monkeypatch.setattr(csvsheet, "sheet_block", then_another_reviewer_tags)
        out = io.StringIO()
        export_sheet(out, db, sid, "s")
        assert verdicts.get(db, sid, 6)["status"] == "refuted"  # saved, after the export
    rows = read_sheet(out.getvalue())
    assert [r["claim_id"] for r in rows] == [str(i) for i in range(1, 7)]
    assert {r["status"] for r in rows} == {"unreviewed"}


def test_a_change_saved_as_the_second_process_starts_is_in_no_block(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second process sharing an export begins reading a moment after this one: a tag
    saved in that moment must not be in its blocks, for this one's do not have it."""
    path = tmp_path / "x.db"
    with open_db(path) as db:
        sid = three_articles_a_block_each(db, monkeypatch)
        monkeypatch.setattr(exchange_blocks, "PARALLEL_FROM", 0)  # shared by two
        second, write_blocks, started = parallel._second, parallel.write_blocks, []

        def tagged_then_started(spec):
            with open_db(path) as other:  # saved as the second process starts
                review.tag(other, sid, 6, who="bob", status="refuted")
            started.append(second(spec))
            return started[-1]

        def once_the_second_is_done(db_, job):  # it would have written every block
            started[0].wait(timeout=60)
            return write_blocks(db_, job)

        monkeypatch.setattr(parallel, "_second", tagged_then_started)
        monkeypatch.setattr(parallel, "write_blocks", once_the_second_is_done)
        out = io.StringIO()
        export_sheet(out, db, sid, "s")
    assert started and started[0].returncode == 0
    rows = read_sheet(out.getvalue())
    assert [r["claim_id"] for r in rows] == [str(i) for i in range(1, 7)]
    assert {r["status"] for r in rows} == {"unreviewed"}


@pytest.fixture
def in_step(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every sheet into a session without verdicts is read by a second process while this
    one writes (as a large one is); the list fills with the blocks this one attached."""
    monkeypatch.setattr(importer, "IN_STEP_FROM", 0)
    monkeypatch.setattr(importer, "CHECK_EVERY", 1)  # blocks of a few rows, as ends say
    attached: list[str] = []
    attach = verdicts.attach_staged

    def counted(db, path: str, k: int) -> str:
        attached.append(path)
        return attach(db, path, k)

    monkeypatch.setattr(verdicts, "attach_staged", counted)
    return attached


def imported(db, session: str) -> tuple[list[tuple], list[tuple]]:
    """A session's verdicts and its import history, as rows."""
    sid = sessions.require(db, session)["id"]
    kept = [tuple(r) for r in db.query(
        "SELECT claim_id, status, confidence, sources, notes, reviewer FROM verdicts"
        " WHERE session_id = ? ORDER BY claim_id", (sid,))]
    logged = [tuple(r) for r in db.query(
        "SELECT claim_id, who, action, old, new FROM history WHERE session_id = ?"
        " ORDER BY claim_id", (sid,))]
    return kept, logged


def test_a_sheet_read_by_a_second_process_imports_as_one_read_here(
        env: Path, capsys, in_step: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in blocks by a second process while this one writes, a sheet lands as it does
    read in one go by this process: the same verdicts, the same history."""
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    edit_cell(env / "s.csv", 4, "sources", "AP | https://x.org/4")
    edit_cell(env / "s.csv", 4, "status", "misleading")
    code, out, _ = run(capsys, "import", "s.csv", "--session", "b")
    assert code == 0 and "4 changed" in out and "new session" in out
    assert len(in_step) > 2  # a few blocks, each written as it came
    monkeypatch.setattr(importer, "IN_STEP_FROM", 1 << 62)  # the same sheet, read here
    code, out, _ = run(capsys, "import", "s.csv", "--session", "c")
    assert code == 0 and "4 changed" in out
    with open_db(env / "c.db") as db:
        assert imported(db, "b") == imported(db, "c")
        assert review.get_verdict(db, sessions.require(db, "b")["id"], 4).sources == [
            Source("AP"), Source("https://x.org/4")]


@pytest.mark.parametrize(
    ("claim_id", "column", "value", "message"),
    [
        (4, "status", "maybe", f"unknown status 'maybe'{ONE_OF}"),
        (4, "claim_id", "999", "unknown claim id 999"),
        (4, "claim_id", "1", "claim 1 appears again (first on line 2)"),
    ],
)
def test_a_bad_row_in_a_later_block_leaves_nothing_written(
        env: Path, capsys, in_step: list[str], claim_id: int, column: str, value: str,
        message: str) -> None:
    """Blocks before the bad one were written already, in the same transaction: the error
    names the row, and neither the new session nor any of its verdicts is kept."""
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    edit_cell(env / "s.csv", claim_id, column, value)
    code, out, err = run(capsys, "import", "s.csv", "--session", "fresh")
    assert code == 1 and out == ""
    assert err == f"error: s.csv line 6: {message}\n"
    assert in_step  # the second process read it first
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "fresh") is None
        assert db.query("SELECT count(*) FROM history WHERE action = 'import'")[0][0] == 0
        assert db.query("SELECT count(*) FROM verdicts WHERE session_id != 1")[0][0] == 0


def test_a_dropped_claim_in_a_later_block_is_named_as_dropped(env: Path, capsys,
                                                              in_step: list[str]) -> None:
    """A sheet exported before claim 3 was dropped names it: read in blocks (where claims
    are checked by their id's place among the live ones when those have no gaps), the
    import still finds it, and writes nothing."""
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    with open_db(env / "c.db") as db:
        assert verdicts.live_claim_span(db) == (1, 5)
        review.drop_claim(db, 3, who="ann")
        assert verdicts.live_claim_span(db) is None
    code, out, err = run(capsys, "import", "s.csv", "--session", "fresh")
    assert (code, out, err) == (
        1, "", "error: s.csv line 5: claim 3 was dropped (its verdict is not taken)\n")
    assert in_step
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "fresh") is None


def test_a_failed_second_process_is_one_error_and_no_import(
        env: Path, capsys, in_step: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    monkeypatch.setattr(parallel.sys, "executable", "false")
    code, _, err = run(capsys, "import", "s.csv", "--session", "fresh")
    assert code == 1
    assert err == "error: the second process sharing the work failed (exit 1)\n"
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "fresh") is None


def test_a_row_the_second_process_leaves_is_read_here(
        env: Path, capsys, in_step: list[str]) -> None:
    """A claim id written "04" is good by the row checks though not plainly so: the second
    process stops there, and the rows are read here, one by one, into the new session."""
    run(capsys, "export", "--session", "a", "-o", "s.csv")
    edit_cell(env / "s.csv", 4, "status", "misleading")
    edit_cell(env / "s.csv", 4, "claim_id", "04")
    code, out, _ = run(capsys, "import", "s.csv", "--session", "fresh")
    assert code == 0 and "4 changed" in out
    assert in_step
    with open_db(env / "c.db") as db:
        fresh = sessions.require(db, "fresh")["id"]
        assert review.get_verdict(db, fresh, 4).status == "misleading"


def test_a_flagged_verdict_says_so_in_the_sheet_and_reads_back_unchanged(env: Path,
                                                                         capsys) -> None:
    """A verdict a re-ingest carried to an edited claim has needs_review 1 in the sheet
    (after the contract's columns and the others), the rest an empty cell; the sheet
    reads back into its session as no change, and the flag stays till a reviewer tags
    the claim."""
    (env / "storm.txt").write_text(ARTICLE.replace("12", "13"), encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    code, out, _ = run(capsys, "export", "--session", "a", "-o", "s.csv")
    assert code == 0
    text = (env / "s.csv").read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [*COLUMNS, "title", "kind", "start", "end", "needs_review"]
    flags = {r["claim"]: r["needs_review"] for r in sheet(text)}
    assert flags["The storm killed 13 people on Tuesday."] == "1"
    assert flags["Storm hits coast"] == "" and list(flags.values()).count("1") == 1
    code, out, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 0 and "0 changed, 5 unchanged" in out, err
    code, again, _ = run(capsys, "export", "--session", "a")
    assert again.replace("\r\n", "\n") == text.replace("\r\n", "\n")
    # ClaimReview publishes checked verdicts only: not one on text that changed since
    code, out, _ = run(capsys, "export", "--session", "a", "--format", "claimreview")
    reviewed = [r["claimReviewed"] for r in json.loads(out)]
    assert "The storm killed 13 people on Tuesday." not in reviewed and reviewed


def flagged_sheet(env: Path, capsys) -> int:
    """Re-ingest the article with one figure changed, so that a's verdict on it is carried
    to the edited claim and flagged, and export a to s.csv; the edited claim's id."""
    (env / "storm.txt").write_text(ARTICLE.replace("12", "13"), encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    assert run(capsys, "export", "--session", "a", "-o", "s.csv")[0] == 0
    (row,) = [r for r in sheet((env / "s.csv").read_text(encoding="utf-8"))
              if r["needs_review"]]
    return int(row["claim_id"])


def flags(env: Path, session: str) -> dict[int, tuple[str, int]]:
    """The session's verdicts on the article's current claims, as {claim: (status,
    needs_review)}."""
    with open_db(env / "c.db") as db:
        sid = sessions.require(db, session)["id"]
        return {r["claim_id"]: (r["status"], r["needs_review"]) for r in db.query(
            "SELECT * FROM verdicts WHERE session_id = ? AND claim_id IN (SELECT id FROM"
            " claims WHERE article_id IN (SELECT id FROM current_articles))", (sid,))}


@pytest.mark.parametrize("way", ["quickly", "row by row", "in step"])
def test_a_flagged_verdict_imported_into_another_session_stays_flagged(
        env: Path, capsys, monkeypatch, way: str) -> None:
    """A sheet's flag for re-review comes in with its verdict: a verdict carried to an
    edited claim and never confirmed must not count as reviewed in the session it is
    imported into, whichever way the import reads the sheet."""
    edited = flagged_sheet(env, capsys)
    if way == "in step":
        monkeypatch.setattr(importer, "IN_STEP_FROM", 0)
        monkeypatch.setattr(importer, "CHECK_EVERY", 1)
    if way == "row by row":  # a claim id SQLite does not take as written: Python reads it
        edit_cell(env / "s.csv", 1, "claim_id", "01")
    code, _, err = run(capsys, "import", "s.csv", "--session", "b")
    assert code == 0, err
    assert flags(env, "b") == flags(env, "a")
    assert flags(env, "b")[edited] == ("refuted", 1)
    with open_db(env / "c.db") as db:  # the flagged one not counted as reviewed
        assert review.progress(db, sessions.require(db, "b")["id"]) == review.Progress(2, 5)


def test_a_sheet_row_judged_again_clears_its_flag_and_an_undo_puts_it_back(
        env: Path, capsys) -> None:
    """Back into its own session: a row whose status was changed in the spreadsheet (its
    needs_review cell left as it was) has been judged again, as a tag would, so its flag
    goes; a cell emptied (" " too) confirms a verdict; a cell set to 1 on a verdict not
    flagged does not flag it (QA: the panel then said its claim had changed, untrue).
    Each change is logged, and one undo takes the import back, flags and all."""
    edited = flagged_sheet(env, capsys)
    other = next(c for c, (status, flag) in flags(env, "a").items()
                 if status == "supported" and not flag)
    edit_cell(env / "s.csv", edited, "status", "misleading")
    edit_cell(env / "s.csv", other, "needs_review", "1")
    before = flags(env, "a")
    code, out, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 0 and "1 changed" in out, err
    after = flags(env, "a")
    assert after[edited] == ("misleading", 0) and after[other] == ("supported", 0)
    with open_db(env / "c.db") as db:
        sid = sessions.require(db, "a")["id"]
        logged = review.claim_history(db, sid, edited)[0]
        assert (logged["old"], logged["new"]) == ({"status": "refuted", "needs_review": 1},
                                                  {"status": "misleading", "needs_review": 0})
        assert review.undo(db, sid, who="ann") is not None
    assert flags(env, "a") == before
    assert run(capsys, "export", "--session", "a", "-o", "s.csv")[0] == 0  # after the undo
    edit_cell(env / "s.csv", edited, "needs_review", " ")  # confirmed as it stands
    code, out, err = run(capsys, "import", "s.csv", "--session", "a")
    assert code == 0 and "1 changed" in out, err
    assert flags(env, "a")[edited] == ("refuted", 0)


def test_a_sheet_without_the_flag_column_leaves_flags_alone(env: Path, capsys) -> None:
    """A sheet made by hand has no needs_review column: a row that changes only a
    verdict's notes keeps its flag; one that sets another status clears it."""
    edited = flagged_sheet(env, capsys)
    (env / "n.csv").write_text(f"claim_id,status,notes\n{edited},refuted,checked the wire\n",
                               encoding="utf-8")
    assert run(capsys, "import", "n.csv", "--session", "a")[0] == 0
    assert flags(env, "a")[edited] == ("refuted", 1)
    (env / "n.csv").write_text(f"claim_id,status\n{edited},supported\n", encoding="utf-8")
    assert run(capsys, "import", "n.csv", "--session", "a")[0] == 0
    assert flags(env, "a")[edited] == ("supported", 0)


def test_a_needs_review_cell_that_is_not_a_flag_is_named(env: Path, capsys) -> None:
    edited = flagged_sheet(env, capsys)
    edit_cell(env / "s.csv", edited, "needs_review", "yes")
    code, _, err = run(capsys, "import", "s.csv", "--session", "b")
    assert code == 1 and err.startswith("error: s.csv line ")
    assert "needs_review must be 1 (flagged for re-review) or empty, not 'yes'" in err
    with open_db(env / "c.db") as db:
        assert sessions.get_by_name(db, "b") is None


def test_claimreview_names_a_claims_author_only_where_it_is_known(tmp_path: Path) -> None:
    """A claim in the article's own voice is its publisher's: the site of an article taken
    from the web, and, for one from a file, no author at all rather than an invented one
    (its headline was given before). A claim attributed to an organisation has it as an
    Organization, to anyone else as a Person. Every review has the one author: the
    session's reviewer as a Person, whoever tagged the claim, or the organisation named."""
    with open_db(tmp_path / "x.db") as db:
        sid = sessions.create(db, "s", "ann")
        for n, origin in enumerate(("https://news.example.org/2026/storm?id=3",
                                    "/news/storm.txt")):
            with db.transaction():
                article = articles.insert(db, origin=origin, title="Storm hits coast",
                                          text="x" * 99, content_hash=f"h{n}", format="txt")
            claims.insert_many(db, article, [
                Claim(1, "Power is back.", 0, 5), Claim(2, "Exports fell.", 6, 9,
                                                        "the Commerce Department"),
                Claim(3, "Roads are shut.", 10, 12, "One police officer in Udhaim")])
        for claim_id in range(1, 7):
            review.tag(db, sid, claim_id, who="carol" if claim_id % 2 else "alice",
                       status="supported")
        reviews = []
        for organisation in (None, "Desk"):
            out = io.StringIO()
            assert write_claimreview(out, db, sid, organisation=organisation) == 6
            reviews.append(json.loads(out.getvalue()))
    commerce = {"@type": "Organization", "name": "the Commerce Department"}
    officer = {"@type": "Person", "name": "One police officer in Udhaim"}
    assert [r["itemReviewed"].get("author") for r in reviews[0]] == [
        {"@type": "Organization", "name": "news.example.org",
         "url": "https://news.example.org/"}, commerce, officer, None, commerce, officer]
    assert "author" not in reviews[0][3]["itemReviewed"]  # left out, not null
    assert [r["author"] for r in reviews[0]] == [{"@type": "Person", "name": "ann"}] * 6
    assert [r["author"] for r in reviews[1]] == [{"@type": "Organization", "name": "Desk"}] * 6


@pytest.mark.parametrize(("by", "kind"), [
    ("Reuters", "Organization"), ("The Associated Press", "Organization"),
    ("the Commerce Department", "Organization"), ("the interior ministry", "Organization"),
    ("Ministry of Health", "Organization"), ("Aid agencies", "Organization"),
    ("Police in Udhaim", "Organization"), ("Acme Inc.", "Organization"),
    ("One police officer in Udhaim", "Person"), ("a spokesman for the ministry", "Person"),
    ("Dana Whitfield, chief executive of Helios Energy", "Person"),
    ("Security and police sources", "Person"), ("Michael Bloomberg", "Person"),
    ("Mayor Ray Gomez", "Person"), ("the", "Person"),
])
def test_an_organisation_is_told_by_its_name(by: str, kind: str) -> None:
    from workbench.exchange.claimreview import author_type

    assert author_type(by) == kind
