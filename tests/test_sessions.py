"""Sessions from the command line: create, fork, list, rename, delete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench import cli, review
from workbench.cli import main
from workbench.storage import open_db, sessions

ARTICLE = ("Storm hits coast\n\n"
           "The storm killed 12 people on Tuesday. Officials said 3,000 homes lost power.")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "c.db"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "ann")
    (tmp_path / "storm.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    assert main(["sessions", "new", "a"]) == 0
    assert main(["tag", "2", "--session", "a", "--status", "refuted", "--confidence", "90"]) == 0
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_fork_copies_verdicts_and_list_shows_progress(env: Path, capsys) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "sessions", "new", "b", "--from", "a", "--reviewer", "bob")
    assert code == 0 and "from a" in out
    code, out, _ = run(capsys, "sessions")
    lines = out.splitlines()
    assert lines[1].split()[:3] == ["a", "ann", "1/3"]
    assert lines[2].split()[:3] == ["b", "bob", "1/3"] and lines[2].endswith("a")


def test_a_fork_is_logged_and_undo_after_it_or_a_rename_steps_over_it(env: Path,
                                                                      capsys) -> None:
    """History has a row for the verdicts a fork copied; undo in a session passes over its
    rename and fork rows to the last tag (a session row names no claim to put back)."""
    assert main(["sessions", "new", "b", "--from", "a"]) == 0
    assert main(["sessions", "rename", "b", "second"]) == 0
    with open_db(env / "c.db") as db:
        sid = sessions.require(db, "second")["id"]
        logged = db.query("SELECT action, new FROM history WHERE entity = 'session'"
                          " AND session_id = ? ORDER BY id", (sid,))
        assert [(r["action"], json.loads(r["new"])) for r in logged] == [
            ("fork", {"name": "b", "from": "a", "verdicts": 1}),
            ("rename", {"name": "second"})]
        assert review.undo(db, sid, who="ann") is None  # its verdict came by the fork
        first = sessions.require(db, "a")["id"]
        assert main(["sessions", "rename", "a", "first"]) == 0
        undone = review.undo(db, first, who="ann")
        assert undone is not None and undone.claim_id == 2
        assert review.get_verdict(db, first, 2).status == "unreviewed"


def test_rename(env: Path, capsys) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "sessions", "rename", "a", "first-pass")
    assert code == 0 and out == "session 'a' renamed to 'first-pass'\n"
    code, out, _ = run(capsys, "export", "--session", "first-pass", "--format", "jsonl")
    assert code == 0 and "refuted" in [json.loads(x)["status"] for x in out.splitlines()]
    main(["sessions", "new", "b"])
    capsys.readouterr()
    code, _, err = run(capsys, "sessions", "rename", "b", "first-pass")
    assert code == 1 and err == "error: session 'first-pass' already exists\n"
    code, _, err = run(capsys, "sessions", "rename", "zzz", "c")
    assert code == 1 and err == "error: no session named 'zzz'\n"
    with pytest.raises(SystemExit) as e:  # a usage error
        main(["sessions", "rename", "b", "  "])
    assert e.value.code == 2
    assert capsys.readouterr().err.endswith("argument NEW: a session needs a name, not ''\n")
    with open_db(env / "c.db") as db:
        logged = db.query("SELECT action, old, new FROM history WHERE entity = 'session'")
    assert [tuple(r) for r in logged] == [
        ("rename", '{"name": "a"}', '{"name": "first-pass"}')]


def test_a_name_diff_would_read_as_another_databases_session_is_refused(env: Path,
                                                                       capsys) -> None:
    """'diff alice b.db:carl' reads carl of b.db: a local session named 'b.db:carl' would
    never be the one diff reads (found by QA); it cannot be made, nor renamed into."""
    capsys.readouterr()
    why = ("error: 'b.db:carl': a session name cannot hold '.db:' (diff reads PATH.db:SESSION"
           " as a session of another database)\n")
    assert run(capsys, "sessions", "new", "b.db:carl") == (1, "", why)
    assert run(capsys, "sessions", "rename", "a", "b.db:carl") == (1, "", why)
    assert run(capsys, "sessions", "new", "desk: day 2")[0] == 0  # a colon alone is fine


def test_delete_counts_the_verdicts_a_view_shows(env: Path, capsys) -> None:
    """Claim 3's verdict went with the claim when it was dropped: the count the deletion
    gives is the one 'sessions' lists (QA: it said 4 where the list showed 3)."""
    assert main(["tag", "3", "--session", "a", "--status", "supported"]) == 0
    with open_db(env / "c.db") as db:
        review.drop_claim(db, 3, who="ann")
    capsys.readouterr()
    code, out, _ = run(capsys, "sessions", "delete", "a", "--force")
    assert code == 0 and out == "session 'a' deleted with 1 reviewed verdict\n"


def test_delete_refused_while_it_holds_verdicts(env: Path, capsys) -> None:
    capsys.readouterr()
    code, out, err = run(capsys, "sessions", "delete", "a")
    assert code == 1 and out == ""
    assert err == "error: session 'a' holds 1 reviewed verdict; use --force to delete it anyway\n"
    code, out, _ = run(capsys, "sessions", "delete", "a", "--force")
    assert code == 0 and out == "session 'a' deleted with 1 reviewed verdict\n"
    with open_db(env / "c.db") as db:
        assert db.query("SELECT count(*) AS n FROM verdicts")[0]["n"] == 0
        # the history keeps what the reviewer did, and the deletion
        actions = [r["action"] for r in db.query("SELECT action FROM history ORDER BY id")]
    assert actions == ["tag", "delete"]


def test_a_session_started_after_a_delete_has_nothing_of_the_deleted_one(env: Path,
                                                                        capsys) -> None:
    """Deleted session 'a' (the newest) leaves its history; a session started next must not
    take its place: no changes to show in its verdict panel, nothing for ctrl+z to undo
    (undo would put a's verdict on claim 2 into it)."""
    assert main(["tag", "2", "--session", "a", "--status", "supported"]) == 0
    assert main(["sessions", "delete", "a", "--force"]) == 0
    assert main(["sessions", "new", "fresh"]) == 0
    with open_db(env / "c.db") as db:
        fresh = sessions.require(db, "fresh")["id"]
        assert review.claim_history(db, fresh, 2) == []
        assert review.undo(db, fresh, who="ann") is None
        assert not review.get_verdict(db, fresh, 2).reviewed


def test_delete_empty_session_and_fork_parent(env: Path, capsys) -> None:
    main(["sessions", "new", "empty"])
    main(["sessions", "new", "child", "--from", "empty"])
    capsys.readouterr()
    code, out, _ = run(capsys, "sessions", "delete", "empty")
    assert code == 0 and out == "session 'empty' deleted\n"
    code, out, _ = run(capsys, "sessions")
    assert "child" in out and "empty" not in out
    code, _, err = run(capsys, "sessions", "delete", "empty")
    assert code == 1 and err == "error: no session named 'empty'\n"


def test_a_session_named_with_spaces_around_is_the_same_session_everywhere(
        env: Path, capsys) -> None:
    """QA: 'sessions new " alice2 "' said "no session named ' alice2 '" and exit 1, yet
    had created 'alice2'; 'tag --session " a"' found no session."""
    capsys.readouterr()
    code, out, err = run(capsys, "sessions", "new", " alice2 ")
    assert (code, out, err) == (0, "session 'alice2' started for ann\n", "")
    assert run(capsys, "tag", "1", "--session", " a", "--status", "refuted")[0] == 0


@pytest.mark.parametrize("argv", [("tag", "1", "--session", "", "--status", "refuted"),
                                  ("claims", "--session", ""), ("claims", "--article", " "),
                                  ("ingest", "")])
def test_an_empty_name_or_path_is_a_usage_error(env: Path, capsys, argv) -> None:
    """QA: 'ingest ""' (an empty shell variable) ingested every file under the current
    folder; 'tag --session ""' wrote into the default session."""
    with pytest.raises(SystemExit) as e:
        main(list(argv))
    assert e.value.code == 2
    assert "''" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "error"), [
    ("two\tcolumns", "error: 'two\\tcolumns': a session name is one line of printable text\n"),
    ("x" * 81, "error: a session name of 81 characters: at most 80\n"),
])
def test_a_name_that_would_break_the_listings_is_refused(env: Path, capsys, name: str,
                                                         error: str) -> None:
    """QA: a tab or a line break in a name broke the sessions table onto two lines."""
    capsys.readouterr()
    assert run(capsys, "sessions", "new", name) == (1, "", error)
    assert name not in run(capsys, "sessions")[1]


def test_delete_needs_a_name(env: Path) -> None:
    with pytest.raises(SystemExit) as e:
        main(["sessions", "delete"])
    assert e.value.code == 2


def test_a_name_that_differs_from_a_session_only_in_case_is_refused(
        env: Path, capsys, monkeypatch) -> None:
    """QA: "  Ann-Desk  " beside "ann-desk" made an empty session a checker took for
    hers, her work gone."""
    capsys.readouterr()
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    assert run(capsys, "sessions", "new", "ann-desk")[0] == 0
    for argv in (("sessions", "new", "  Ann-Desk  "), ("review", "--session", "ANN-DESK"),
                 ("sessions", "rename", "a", "Ann-desk")):
        code, _, err = run(capsys, *argv)
        assert (code, err) == (1, "error: session 'ann-desk' exists: a name that differs from"
                                  " it only in case would be taken for it\n"), argv
    with open_db(env / "c.db") as db:
        assert [s["name"] for s in sessions.list_with_progress(db)] == ["a", "ann-desk"]


def test_edit_corrects_a_claims_speaker_and_kind_and_flags_others_verdicts(
        env: Path, capsys) -> None:
    """The splitter's attribution or kind, wrong: corrected from the shell, the old values
    in history; a new speaker flags another session's verdict, as a text edit does."""
    capsys.readouterr()
    code, out, _ = run(capsys, "edit", "3", "--by", "the mayor", "--kind", "prediction",
                       "--session", "b-new")
    assert code == 1  # a session to log it in must exist
    assert run(capsys, "sessions", "new", "b")[0] == 0
    code, out, _ = run(capsys, "edit", "2", "--by", "the mayor", "--session", "b")
    assert (code, out) == (0, "claim 2: by changed · fact by the mayor: The storm killed 12"
                              " people on Tuesday.\n")
    with open_db(env / "c.db") as db:
        a = sessions.require(db, "a")["id"]
        assert review.get_verdict(db, a, 2).needs_review  # ann's refuted: on police's words
        code, out, _ = run(capsys, "edit", "2", "--kind", "opinion", "--by", "the mayor")
        assert out.startswith("claim 2: kind changed ·")
        changes = [(h["action"], h["old"], h["new"]) for h in review.claim_history(db, a, 2)
                   if h["entity"] == "claim"]
        assert changes[:2] == [("edit", {"kind": "fact"}, {"kind": "opinion"}),
                               ("edit", {"by": None}, {"by": "the mayor"})]
    code, _, err = run(capsys, "edit", "2")
    assert (code, err) == (2, "error: nothing to change: give --text, --by or --kind\n")


def test_a_blind_session_is_listed_so_and_starts_from_no_ones_verdicts(
        env: Path, capsys) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "sessions", "new", "second", "--blind", "--reviewer", "bob")
    assert (code, out) == (0, "session 'second' started for bob, blind: no other session's"
                              " verdicts shown\n")
    assert run(capsys, "sessions")[1].splitlines()[2].endswith(" (blind)")
    code, _, err = run(capsys, "sessions", "new", "third", "--blind", "--from", "a")
    assert (code, err) == (1, "error: a blind session starts from no one's verdicts: not with"
                              " --from\n")
