"""The command line as a user runs it: output, exit codes, messages."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest
from sheets import read_sheet

from workbench import cli as cli_module
from workbench import review
from workbench.exchange.csvsheet import COLUMNS
from workbench.storage import articles, open_db, sessions


def ingest_seed(cli, seed_copy):
    run = cli("ingest", seed_copy)
    assert run.code == 0, run.err
    return run


class TestIngest:
    def test_prints_what_it_added_then_nothing_new(self, cli, seed_copy):
        first = ingest_seed(cli, seed_copy)
        assert first.out.startswith("added")
        assert "Militants in Iraq Are Heading to Baghdad Next" in first.out
        second = cli("ingest", seed_copy)
        assert second.code == 0 and second.out.startswith("unchanged")

    def test_a_text_put_back_after_a_change_is_its_newest_version(self, cli, seed_copy):
        """The newest version is what reviewers see: a file reverted to its first text is
        neither 'unchanged' (the database holds the changed one) nor refused (QA: an editor
        reverting a change could never get the first text back): it is version 3."""
        ingest_seed(cli, seed_copy)
        first = seed_copy.read_text(encoding="utf-8")
        seed_copy.write_text(first.replace("Mosul", "Tikrit", 1), encoding="utf-8")
        assert "new version" in cli("ingest", seed_copy).out
        seed_copy.write_text(first, encoding="utf-8")
        back = cli("ingest", seed_copy)
        assert back.code == 0 and back.out.startswith("new version") and " v3:" in back.out
        assert cli("ingest", seed_copy).out.startswith("unchanged")

    def test_a_skipped_file_is_named_and_sets_the_exit_status(self, cli, seed_copy):
        bad = seed_copy.parent / "broken.txt"
        bad.write_bytes(b"abc\x00def")
        run = cli("ingest", seed_copy.parent)
        assert run.code == 1
        assert "added" in run.out
        skipped, error = run.err.splitlines()  # one error: line, as for any command
        assert skipped.startswith("skipped      ") and "broken.txt" in skipped
        assert "binary" in skipped
        assert error == "error: 1 of 2 files skipped"
        assert "Traceback" not in run.err

    def test_a_folder_that_may_not_be_read_is_skipped_by_name_and_the_rest_go_in(
            self, tmp_path, seed_copy):
        """QA: a file named inside a folder the user may not search stopped the whole run
        (`error: [Errno 13] …`, nothing ingested), and a folder that could not be listed
        was passed over without a word, exit 0. Each is now a skipped line, the others go
        in, exit 1. Run as a user the permissions hold for: root drops its power to read
        past them (setpriv), as QA ran it."""
        if os.geteuid() == 0 and not shutil.which("setpriv"):
            pytest.skip("root, without setpriv to run as one the permissions hold for")
        locked = tmp_path / "locked"
        locked.mkdir()
        shutil.copy(seed_copy, locked / "a.txt")
        tree = tmp_path / "tree" / "sub"
        tree.mkdir(parents=True)
        shutil.copy(seed_copy, tree.parent / "b.txt")
        for folder in (locked, tree):
            folder.chmod(0)

        def run(*paths: str) -> subprocess.CompletedProcess[str]:
            user = (["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
                    if os.geteuid() == 0 else [])
            (tmp_path / "x.db").unlink(missing_ok=True)
            return subprocess.run([*user, sys.executable, "-m", "workbench", "--db", "x.db",
                                   "ingest", *paths], cwd=tmp_path, capture_output=True,
                                  text=True, check=False)

        try:
            named = run(str(seed_copy), "locked/a.txt")
            listed = run("locked")
            within = run("tree")
        finally:
            for folder in (locked, tree):
                folder.chmod(0o755)
        assert named.returncode == 1 and named.stdout.startswith("added")
        assert named.stderr.splitlines() == [
            "skipped      locked/a.txt: cannot read (Permission denied)",
            "error: 1 of 2 files skipped"]
        assert listed.returncode == 1 and listed.stderr.splitlines() == [
            "skipped      locked: cannot read the folder (Permission denied)",
            "error: 1 of 1 file skipped"]
        assert within.returncode == 1 and "(tree/b.txt)" in within.stdout
        assert within.stderr.splitlines()[0] == (
            "skipped      tree/sub: cannot read the folder (Permission denied)")

    def test_a_broken_link_or_a_pipe_in_a_folder_is_a_skipped_line(self, cli, seed_copy):
        """QA: in a folder, a broken link and a pipe named like articles were left out
        without a word, exit 0 (and a pipe read would have waited for ever)."""
        folder = seed_copy.parent
        (folder / "broken.txt").symlink_to(folder / "gone.txt")
        os.mkfifo(folder / "pipe.md")
        run = cli("ingest", folder)
        assert run.code == 1 and "added" in run.out
        assert run.err.splitlines() == [
            f"skipped      {folder / 'broken.txt'}: no such file or folder",
            f"skipped      {folder / 'pipe.md'}: not a file of text (a pipe, socket or"
            " device)",
            "error: 2 of 3 files skipped"]

    def test_split_of_a_folder_says_it_is_one(self, cli, tmp_path):
        run = cli("split", tmp_path)
        assert run.code == 1 and run.err == f"error: {tmp_path}: a folder, not an article file\n"

    def test_nothing_to_ingest(self, cli, tmp_path):
        run = cli("ingest", tmp_path)
        assert run.code == 1 and run.err.startswith("error: no article files")

    def test_a_web_address_is_refused_by_name_and_nothing_is_written(self, cli, seed_copy,
                                                                     db_path):
        """Ingest reads files: an address is named as typed (not folded into "https:/…")
        in one line, and the whole command is refused before the database is touched."""
        url = "https://example.org/story.html"
        for paths in ([url], [seed_copy, url]):
            run = cli("ingest", *paths)
            assert (run.code, run.out) == (1, "")
            assert run.err == (f"error: {url}: ingest reads files, not web addresses"
                               " (save the page and ingest the file)\n")
            assert not db_path.exists()
        two = cli("ingest", "HTTP://example.org/a", seed_copy, "ftp://example.org/b.txt")
        assert (two.code, two.out) == (1, "") and not db_path.exists()
        assert two.err == ("error: HTTP://example.org/a (and 1 other address): ingest reads"
                           " files, not web addresses (save the pages and ingest the files)\n")

    def test_beside_a_web_address_other_paths_behave_as_before(self, cli, seed_copy,
                                                               monkeypatch):
        missing = cli("ingest", seed_copy, seed_copy.parent / "gone.txt")
        assert missing.code == 1 and "added" in missing.out
        assert missing.err.startswith(f"skipped      {seed_copy.parent / 'gone.txt'}: no such file")
        # a folder that happens to be named like an address is a folder
        monkeypatch.chdir(seed_copy.parent)
        (seed_copy.parent / "https:" / "example.org").mkdir(parents=True)
        (seed_copy.parent / "https:" / "example.org" / "a.txt").write_text(
            "The minister said the bridge opened in 2019.\n", encoding="utf-8")
        run = cli("ingest", "https://example.org")
        assert run.code == 0 and run.out.startswith("added"), run.err


class TestSplit:
    def test_a_file_not_in_utf8_is_read_as_cp1252_and_said_so(self, cli, tmp_path):
        """QA: ingest warned that it decoded a file as cp1252; split said nothing."""
        path = tmp_path / "cafe.txt"
        path.write_bytes("Café prices rose 4% in May.\n".encode("cp1252"))
        run = cli("split", path)
        assert run.code == 0 and "Café" in run.out
        assert run.err == f"warning: {path}: decoded as cp1252 (not valid UTF-8)\n"

    def test_prints_json_lines_without_a_database(self, cli, seed_copy, db_path):
        run = cli("split", seed_copy)
        assert run.code == 0
        records = [json.loads(line) for line in run.out.splitlines()]
        assert records and all(
            {"seq", "text", "start", "end", "by", "kind", "checkworthiness"} <= r.keys()
            for r in records
        )
        assert [r["seq"] for r in records] == list(range(1, len(records) + 1))
        assert not db_path.exists()

    def test_missing_file(self, cli, tmp_path):
        run = cli("split", tmp_path / "gone.txt")
        assert run.code == 1 and "gone.txt" in run.err and run.err.startswith("error:")


class TestClaims:
    def test_an_earlier_version_asked_for_by_id_is_said_to_be_one(self, cli, seed_copy):
        """QA: after a re-ingest, 'claims --article 1' listed version 1 without a word."""
        ingest_seed(cli, seed_copy)
        text = seed_copy.read_text(encoding="utf-8")
        seed_copy.write_text(text.replace("Mosul and Tikrit", "Mosul, Samarra and Tikrit"),
                             encoding="utf-8")
        assert cli("ingest", seed_copy).code == 0
        old, new = cli("claims", "--article", "1"), cli("claims", "--article", "2")
        assert old.code == 0 and old.out
        assert old.err == ("note: article 1 is version 1 of 'Militants in Iraq Are Heading to"
                           " Baghdad Next'; its newest, version 2, is article 2\n")
        assert new.code == 0 and new.err == ""

    def test_jsonl_has_the_contract_fields(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        run = cli("claims", "--format", "jsonl")
        records = [json.loads(line) for line in run.out.splitlines()]
        assert records
        for r in records:
            assert {"id", "article", "seq", "text", "start", "end", "by", "kind"} <= r.keys()

    def test_filter_by_status_in_a_session(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk", "--reviewer", "ann")
        assert cli("tag", "2", "--session", "desk", "--status", "refuted").code == 0
        run = cli("claims", "--session", "desk", "--status", "refuted", "--format", "jsonl")
        assert [json.loads(line)["id"] for line in run.out.splitlines()] == [2]

    def listed(self, cli, *args: str) -> dict[int, tuple[str, int | None]]:
        """`claims ARGS --format jsonl` as {id: (status, confidence)}."""
        run = cli("claims", *args, "--format", "jsonl")
        assert run.code == 0, run.err
        return {r["id"]: (r["status"], r["confidence"])
                for r in map(json.loads, run.out.splitlines())}

    def test_without_session_shows_and_filters_on_the_reviewers_latest(self, cli, seed_copy,
                                                                       monkeypatch):
        """Listed or filtered, claims have the status and confidence of the session every
        command works in by default, the reviewer's latest (not another reviewer's)."""
        ingest_seed(cli, seed_copy)
        monkeypatch.setenv("WORKBENCH_REVIEWER", "ann")
        cli("sessions", "new", "other", "--reviewer", "bob")
        cli("tag", "2", "--session", "other", "--status", "supported")
        cli("sessions", "new", "mine")
        assert cli("tag", "3", "--status", "refuted", "--confidence", "70").code == 0
        mine = self.listed(cli)
        assert mine[3] == ("refuted", 70) and mine[2] == ("unreviewed", None)
        assert self.listed(cli, "--status", "refuted") == {3: ("refuted", 70)}
        table = [line.split() for line in cli("claims").out.splitlines()[1:]]
        assert [cells[3] for cells in table if cells[0] == "3"] == ["refuted"]

    def test_without_a_session_yet_every_claim_is_unreviewed(self, cli, seed_copy,
                                                             monkeypatch):
        ingest_seed(cli, seed_copy)
        monkeypatch.setenv("WORKBENCH_REVIEWER", "ann")
        cli("sessions", "new", "other", "--reviewer", "bob")
        cli("tag", "2", "--session", "other", "--status", "supported")
        everyone = self.listed(cli)
        assert set(everyone.values()) == {("unreviewed", None)}
        assert self.listed(cli, "--status", "unreviewed") == everyone
        assert self.listed(cli, "--status", "supported") == {}

    def test_the_table_shows_confidence_within_80_columns(self, cli, seed_copy,
                                                          monkeypatch):
        """The table lists each claim's status and confidence (blank without one), in
        columns that stay put, no line wider than an 80-column terminal."""
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk")
        cli("tag", "2", "--session", "desk", "--status", "refuted", "--confidence", "70")
        cli("tag", "3", "--session", "desk", "--status", "unverifiable", "--confidence", "100")
        cli("tag", "4", "--session", "desk", "--status", "supported")
        monkeypatch.setenv("COLUMNS", "80")
        run = cli("claims", "--session", "desk")
        assert run.code == 0, run.err
        head, *lines = run.out.splitlines()
        assert max(map(len, [head, *lines])) <= 80
        end = head.index("conf") + len("conf")  # numbers line up under the heading's end
        shown = {line.split()[0]: line[end - 4:end].strip() for line in lines}
        assert [shown[i] for i in ("1", "2", "3", "4")] == ["", "70", "100", ""]
        kinds = {str(r["id"]): r["kind"] for r in map(json.loads, cli(
            "claims", "--format", "jsonl").out.splitlines())}
        cells = {line.split()[0]: line.split() for line in lines}
        assert cells["3"][3:6] == ["unverifiable", "100", kinds["3"]]
        assert cells["4"][3:5] == ["supported", kinds["4"]]

    def test_table_and_csv(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        table = cli("claims")
        assert table.code == 0 and "Militants in Iraq" in table.out
        rows = list(csv.DictReader(io.StringIO(cli("claims", "--format", "csv").out)))
        assert rows[0]["seq"] == "1"

    def test_a_verdict_to_review_again_is_flagged_in_every_format(self, cli, seed_copy):
        """A verdict a re-ingest carried to an edited claim shows its flag outside the TUI
        too: ↻ beside the status in the table, needs_review in JSON lines (true or false,
        as the JSON lines export) and in CSV (1 or empty, as the verdict CSV)."""
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk")
        assert cli("tag", "1", "--session", "desk", "--status", "supported").code == 0
        text = seed_copy.read_text(encoding="utf-8")
        seed_copy.write_text(text.replace("Baghdad Next", "Baghdad Soon", 1), encoding="utf-8")
        assert "1 flagged" in cli("ingest", seed_copy).out
        records = [json.loads(line) for line in
                   cli("claims", "--session", "desk", "--format", "jsonl").out.splitlines()]
        flagged = [r for r in records if r["needs_review"]]
        assert [(r["text"], r["status"]) for r in flagged] == [
            ("Militants in Iraq Are Heading to Baghdad Soon", "supported")]
        assert {r["needs_review"] for r in records} == {True, False}
        rows = list(csv.DictReader(io.StringIO(
            cli("claims", "--session", "desk", "--format", "csv").out)))
        assert [r["id"] for r in rows if r["needs_review"] == "1"] == [str(flagged[0]["id"])]
        assert {r["needs_review"] for r in rows} == {"1", ""}
        table = cli("claims", "--session", "desk").out.splitlines()
        shown = [line for line in table if "↻" in line]
        assert [line.split()[3:5] for line in shown] == [["supported", "↻"]]
        assert "Baghdad Soon" in shown[0]
        kind = flagged[0]["kind"]
        assert shown[0].index(f" {kind} ") + 1 == table[0].index("kind")  # columns kept

    def test_unknown_article(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        run = cli("claims", "--article", "no-such-story")
        assert run.code == 1 and run.err == "error: no article matches 'no-such-story'\n"

    def test_article_prints_the_text_claim_spans_point_into(self, cli, tmp_path):
        """QA: for .md and .html the stored text is not the file's, and only sqlite could
        get it for a dataset."""
        (tmp_path / "a.md").write_text("# Floods\n\nRivers **rose** 3 metres on *Monday*.\n",
                                       encoding="utf-8")
        assert cli("ingest", str(tmp_path / "a.md")).code == 0
        run = cli("article", "Floods")
        assert run.code == 0 and run.out == "Floods\n\nRivers rose 3 metres on Monday."
        [claim] = map(json.loads, cli("claims", "--format", "jsonl").out.splitlines())
        assert run.out[claim["start"]:claim["end"]] + "." == claim["text"]
        assert cli("article", "1", "-o", str(tmp_path / "a.txt")).code == 0
        assert (tmp_path / "a.txt").read_text(encoding="utf-8") == run.out

    def test_a_title_two_articles_have_is_refused_naming_both(self, cli, tmp_path):
        """QA: an updated article saved under another name is another article of the same
        title; '--article TITLE' showed the first one's claims without a word."""
        for name in ("floods.txt", "floods_updated.txt"):
            (tmp_path / name).write_text(
                f"Floods leave thousands without power\n\nRivers rose {len(name)} cm.\n",
                encoding="utf-8")
        assert cli("ingest", str(tmp_path / "floods.txt"),
                   str(tmp_path / "floods_updated.txt")).code == 0
        run = cli("claims", "--article", "Floods leave thousands without power")
        assert run.code == 1 and run.err == (
            "error: 'Floods leave thousands without power' names 2 articles: #1"
            f" ({tmp_path / 'floods.txt'}), #2 ({tmp_path / 'floods_updated.txt'}); give the id\n")
        assert cli("claims", "--article", "2").code == 0


class TestSessionsAndTag:
    def test_tag_with_nothing_to_set_says_so_and_a_flag_still_standing_is_named(
            self, cli, seed_copy):
        """QA: 'tag 36 --session alice' printed a verdict as if it had set one; and adding
        a source to a claim flagged for re-review did not say the flag still stood."""
        ingest_seed(cli, seed_copy)
        assert cli("sessions", "new", "a").code == 0
        run = cli("tag", "2", "--session", "a")
        assert (run.code, run.out) == (2, "")  # a usage error
        assert run.err == ("error: nothing to set: give --status, --confidence, --source or"
                           " --note\n")
        assert cli("tag", "2", "--session", "a", "--status", "supported").code == 0
        text = seed_copy.read_text(encoding="utf-8")
        seed_copy.write_text(text.replace("Mosul and Tikrit", "Mosul, Samarra and Tikrit"),
                             encoding="utf-8")
        assert cli("ingest", seed_copy).code == 0
        flagged = cli("claims", "--session", "a", "--status", "supported", "--format", "jsonl")
        claim = json.loads(flagged.out.splitlines()[0])["id"]
        run = cli("tag", str(claim), "--session", "a", "--source", "AP")
        assert run.out.endswith(", 1 source, ↻ still to re-review (the claim changed since;"
                                " a status or confidence confirms it)\n")
        run = cli("tag", str(claim), "--session", "a", "--status", "supported")
        assert run.out.endswith(", 1 source\n")

    def test_new_list_and_fork(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        assert cli("sessions", "new", "first", "--reviewer", "ann").code == 0
        cli("tag", "1", "--session", "first", "--status", "supported", "--confidence", "80")
        run = cli("sessions", "new", "second", "--reviewer", "bob", "--from", "first")
        assert run.code == 0 and "from first" in run.out
        listing = cli("sessions").out
        assert "first" in listing and "second" in listing and "1/" in listing
        again = cli("sessions", "new", "first")
        assert again.code == 1 and "already exists" in again.err

    def test_tag_reads_a_status_as_import_reads_one(self, cli, seed_copy):
        """QA: 'tag --status Supported' and 'not-a-claim' were refused (exit 2), though a
        sheet's status may be written so."""
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "s")
        for written, stored in (("Supported", "supported"), ("Not a claim", "not_a_claim"),
                                ("not-a-claim", "not_a_claim")):
            run = cli("tag", "3", "--session", "s", "--status", written)
            assert run.code == 0 and f": {stored}, " in run.out, run.err
        run = cli("tag", "3", "--session", "s", "--status", "true")
        assert run.code == 2 and "unknown status 'true'" in run.err

    def test_tag_reports_and_refuses_bad_values(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "s")
        ok = cli("tag", "3", "--session", "s", "--status", "misleading", "--confidence", "60",
                 "--source", "https://reuters.com/x :: wire copy", "--note", "partly")
        assert ok.code == 0 and "misleading 60%" in ok.out and "1 source" in ok.out
        for bad in ("101", "-1", "50.5", "high"):  # usage errors, as argparse's own are
            run = cli("tag", "3", "--session", "s", "--confidence", bad)
            assert run.code == 2 and "argument --confidence: confidence must be" in run.err
        assert cli("tag", "99999", "--session", "s", "--status", "refuted").err == (
            "error: no claim with id 99999\n"
        )
        usage = cli("tag", "3", "--status", "maybe")
        assert usage.code == 2 and "unknown status 'maybe' (use one of: unreviewed," in usage.err

    def test_tag_refuses_what_the_tui_refuses_and_writes_nothing(self, cli, seed_copy):
        """QA: `--status unreviewed --confidence 50` dropped the confidence without a word,
        and a malformed URL the source dialog points out went in from the shell."""
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "s")
        assert cli("tag", "3", "--session", "s", "--status", "supported",
                   "--confidence", "50").code == 0
        both = cli("tag", "3", "--session", "s", "--status", "unreviewed", "--confidence", "50")
        assert both.code == 2 and both.err.endswith(
            "error: --confidence needs a status other than unreviewed\n")
        bad = cli("tag", "3", "--session", "s", "--source", "htp:/bad url :: the report")
        assert bad.code == 2 and bad.err.endswith(
            "error: --source 'htp:/bad url': malformed URL: unknown URL scheme 'htp'"
            " (use http, https or ftp)\n")
        row = next(r for r in csv.DictReader(io.StringIO(cli("export", "--session", "s").out))
                   if r["claim_id"] == "3")
        assert (row["status"], row["confidence"], row["sources"]) == ("supported", "50", "")

    def test_tag_names_a_session_that_exists_and_starts_none(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "final")
        typo = cli("tag", "3", "--session", "finl", "--status", "refuted")
        assert typo.code == 1 and typo.err == "error: no session named 'finl'\n"
        case = cli("tag", "3", "--session", "FINAL", "--status", "refuted")  # QA
        assert case.err == "error: no session named 'FINAL' (did you mean 'final'?)\n"
        assert "finl" not in cli("sessions").out
        nobody = cli("tag", "3", "--status", "refuted", db=seed_copy.parent / "x.db")
        assert nobody.code == 1 and nobody.err.endswith("x.db: no such database\n")
        assert not (seed_copy.parent / "x.db").exists()

    def test_the_tag_is_credited_to_whoever_tags(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)  # $WORKBENCH_REVIEWER is tester
        cli("sessions", "new", "desk", "--reviewer", "ann")
        cli("tag", "1", "--session", "desk", "--status", "supported")
        cli("tag", "2", "--session", "desk", "--status", "refuted", "--reviewer", "bob")
        rows = list(csv.DictReader(io.StringIO(cli("export", "--session", "desk").out)))
        assert [rows[0]["reviewer"], rows[1]["reviewer"]] == ["tester", "bob"]


class TestAdjudicate:
    def test_opens_the_screen_on_final_by_default(self, cli, seed_copy, monkeypatch):
        import gc

        import workbench.tui.adjudicate as screen

        opened = []
        monkeypatch.setattr(screen, "run", lambda db, sides, who: opened.append((sides, who)))
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "a")
        cli("sessions", "new", "b")
        cli("tag", "1", "--session", "a", "--status", "supported")
        cli("tag", "1", "--session", "b", "--status", "refuted")
        try:
            run = cli("adjudicate", "a", "b")
            assert not gc.isenabled()  # held back for the TUI, whose app turns it back on
            again = cli("adjudicate", "a", "b", "--into", "settled")
        finally:
            gc.enable()
        assert run.code == 0 and again.code == 0, run.err + again.err
        assert run.err == "starting session 'final' with the verdicts 'a' and 'b' agree on…\n"
        [(first, who), (second, _)] = opened
        assert (first.a, first.b, first.target, who) == ("a", "b", "final", "tester")
        assert second.target == "settled"
        assert {"final", "settled"} <= set(cli("sessions").out.split())

    def test_refuses_to_settle_into_a_side(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "a")
        cli("sessions", "new", "b")
        cli("tag", "1", "--session", "a", "--status", "supported")
        cli("tag", "1", "--session", "b", "--status", "refuted")
        run = cli("adjudicate", "a", "b", "--into", "a")
        assert run.code == 1 and run.err.startswith("error: settle into another session")
        missing = cli("adjudicate", "a", "nobody")
        assert missing.code == 1 and missing.err.count("\n") == 1, missing.err  # one line
        cli("sessions", "new", "final")
        case = cli("adjudicate", "a", "b", "--into", "Final")  # QA: "starting session…" first
        assert case.code == 1 and case.err == (
            "error: session 'final' exists: a name that differs from it only in case would be"
            " taken for it\n")
        across = cli("adjudicate", "a", "other.db:b")  # QA: "no session named 'other.db:b'"
        assert across.code == 2 and across.err.endswith(
            "error: 'other.db:b': adjudicate settles two sessions of the database it opens,"
            " named alone (diff compares across databases)\n")

class TestExport:
    def test_columns_rows_and_safe_cells(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk", "--reviewer", "ann")
        cli("tag", "2", "--session", "desk", "--status", "refuted", "--confidence", "100",
            "--source", "=HYPERLINK(\"evil\")", "--note", "@SUM(1+1)")
        run = cli("export", "--session", "desk")
        assert run.code == 0
        reader = csv.reader(io.StringIO(run.out))
        header = next(reader)
        assert tuple(header[: len(COLUMNS)]) == COLUMNS
        rows = list(reader)
        total = len(cli("claims", "--format", "jsonl").out.splitlines())
        assert len(rows) == total  # unreviewed claims included
        tagged = next(r for r in rows if r[0] == "2")
        assert tagged[5:8] == ["refuted", "100", "'=HYPERLINK(\"evil\")"]
        assert tagged[8] == "'@SUM(1+1)"
        parsed = {row["claim_id"]: row for row in read_sheet(run.out)}["2"]
        assert parsed["notes"] == "@SUM(1+1)"

    def test_to_a_file(self, cli, seed_copy, tmp_path):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk")
        target = tmp_path / "verdicts.csv"
        run = cli("export", "--session", "desk", "-o", target)
        assert run.code == 0 and "wrote" in run.err
        assert target.read_text().startswith("claim_id,article,seq,claim")
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_a_link_stays_a_link_to_the_file_written(self, cli, seed_copy, tmp_path):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk")
        (tmp_path / "shared.csv").write_text("last week's\n")
        (tmp_path / "latest.csv").symlink_to("shared.csv")
        assert cli("export", "--session", "desk", "-o", tmp_path / "latest.csv").code == 0
        assert (tmp_path / "latest.csv").is_symlink()
        assert (tmp_path / "shared.csv").read_text().startswith("claim_id,")

    def test_a_source_is_stored_as_typed(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk")
        ref = r"C:\docs\report|2024.pdf"
        cli("tag", "2", "--session", "desk", "--status", "supported", "--source",
            f"{ref} :: page 3 :: table 1")
        run = cli("export", "--session", "desk", "--format", "jsonl")
        sources = [json.loads(line)["sources"] for line in run.out.splitlines()][1]
        assert sources == [{"ref": ref, "note": "page 3 :: table 1"}]

    def test_a_target_that_cannot_be_written_is_one_error_line(self, cli, seed_copy, tmp_path):
        ingest_seed(cli, seed_copy)
        cli("sessions", "new", "desk")
        (tmp_path / "taken").mkdir()  # a folder where the file should go
        run = cli("export", "--session", "desk", "-o", tmp_path / "taken")
        assert run.code == 1 and run.err == (
            f"error: {tmp_path / 'taken'}: a folder, not a file to write\n")
        for folder in ("", "/"):
            run = cli("export", "--session", "desk", "-o", folder)
            assert run.code == 1 and run.err.endswith(": a folder, not a file to write\n")
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_unknown_session(self, cli, seed_copy):
        ingest_seed(cli, seed_copy)
        run = cli("export", "--session", "ghost")
        assert run.code == 1 and run.err == "error: no session named 'ghost'\n"


class TestErrors:
    def test_a_file_that_is_not_a_database(self, cli, tmp_path):
        notes = tmp_path / "notes.txt"
        notes.write_text("my notes\n")
        run = cli("claims", db=notes)
        assert run.code == 1
        assert run.err == f"error: {notes}: not a workbench database (not an SQLite file)\n"
        assert notes.read_text() == "my notes\n"

    def test_ctrl_c_says_what_is_kept_and_exits_130(self, cli, seed_copy, monkeypatch):
        """Interrupted, a command says so (it said nothing, and a reviewer could not tell a
        crash from a stop), and exits 130 as shells expect."""
        ingest_seed(cli, seed_copy)

        def interrupted(*_args):
            raise KeyboardInterrupt

        monkeypatch.setitem(cli_module.DB_COMMANDS, "claims", interrupted)
        run = cli("claims")
        assert run.code == 130 and run.out == ""
        assert run.err == ("interrupted: what was reported done is saved; the step under"
                           " way was not\n")

    def test_usage_error_exits_2(self, cli):
        assert cli("frobnicate").code == 2
        assert cli("claims", "--format", "xml").code == 2


class TestReview:
    def test_without_a_terminal_it_says_so_and_starts_no_session(self, cli, seed_copy,
                                                                   db_path):
        """QA: `workbench review < /dev/null` painted a screen no key reached, ran until
        killed, and had started a session first."""
        ingest_seed(cli, seed_copy)
        run = cli("review", "--session", "nobody-yet")
        assert (run.code, run.out) == (1, "")
        assert run.err == ("error: the review TUI needs a terminal; from a script, use"
                           " claims, tag and export\n")
        assert "nobody-yet" not in cli("sessions").out

    def test_a_read_only_database_is_refused_before_the_screen_opens(
            self, cli, seed_copy, db_path, monkeypatch):
        """QA: on a read-only mount the first status key crashed the TUI with a traceback,
        and it exited 0."""
        ingest_seed(cli, seed_copy)
        monkeypatch.setattr(cli_module, "_on_a_terminal", lambda: True)
        real = cli_module.os.access
        monkeypatch.setattr(cli_module.os, "access",  # as a read-only mount answers
                            lambda p, mode: False if mode == os.W_OK else real(p, mode))
        run = cli("review", "--session", "s")
        assert run.code == 1
        assert run.err == (f"error: {db_path}: read-only, and the review TUI saves each"
                           " change as it is made: copy it where you can write\n")

    def test_after_the_tui_the_database_file_alone_holds_the_work(
            self, cli, seed_copy, db_path, monkeypatch, tmp_path):
        """QA: after quitting the TUI the session's work was only in claims.db-wal: a
        copy of claims.db sent to a second checker had none of it."""
        ingest_seed(cli, seed_copy)
        monkeypatch.setattr(cli_module, "_on_a_terminal", lambda: True)

        def reviewing(db, session: str, reviewer: str) -> None:  # as the app saves a key
            review.tag(db, sessions.require(db, session)["id"], 1, who=reviewer,
                       status="supported", confidence=80)

        monkeypatch.setattr(cli_module, "_tui", lambda _module: SimpleNamespace(run=reviewing))
        assert cli("review", "--session", "s").code == 0
        copy = tmp_path / "sent.db"
        shutil.copyfile(db_path, copy)  # the file alone, no -wal beside it
        sent = cli("export", "--session", "s", "--format", "jsonl", db=copy)
        assert json.loads(sent.out.splitlines()[0])["status"] == "supported"


def test_an_ingest_piped_into_head_still_ingests_every_file(tmp_path, monkeypatch, capsys):
    """QA: 'workbench ingest many | head -1' stopped after 825 of 2000 files, exit 0 and
    not a word: the reader leaving ended the ingest."""
    from workbench import ingest
    from workbench.cli import main

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):
        text = f"Town {n} opens a library.\n\nIt cost ${n} million.\n"
        (folder / f"a{n:03}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(ingest, "BATCH_SECONDS", 0)  # a batch a file, as in a long ingest
    read, write = os.pipe()
    os.close(read)  # the reader is gone, as head is after one line
    with os.fdopen(write, "w", buffering=1) as gone:
        monkeypatch.setattr(sys, "stdout", gone)
        code = main(["--db", str(tmp_path / "p.db"), "ingest", str(folder)])
        monkeypatch.undo()
    assert code == 0
    with open_db(tmp_path / "p.db") as db:
        assert len(articles.list_current(db)) == 12
