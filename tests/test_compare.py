"""Agreement figures (checked against textbook values), diffs, and adjudication."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from joins import JOINS, joined_by

from workbench import parallel, review
from workbench.cli import main
from workbench.compare import adjudicate, blocks
from workbench.compare.agreement import agreement, cohen_kappa, mean_abs_difference
from workbench.compare.diff import DiffResult, compare_rows, diff_sessions
from workbench.compare.render import CSV_COLUMNS, write_csv, write_json, write_text
from workbench.errors import WorkbenchError
from workbench.model import Claim, Source, Status
from workbench.storage import Database, articles, claims, open_db, sessions, verdicts


def test_wikipedia_kappa_example() -> None:
    # Wikipedia, "Cohen's kappa", simple example: 50 proposals, yes/yes 20, yes/no 5,
    # no/yes 10, no/no 15 -> p_o = 0.70, p_e = 0.5*0.6 + 0.5*0.4 = 0.50, kappa = 0.40.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [
        ("no", "no")] * 15
    ag = agreement(pairs, ["yes", "no"])
    assert ag.n == 50 and ag.agreed == 35
    assert ag.observed == pytest.approx(0.70)
    assert ag.expected == pytest.approx(0.50)
    assert ag.kappa == pytest.approx(0.40)
    assert ag.matrix == ((20, 5), (10, 15))


def test_wikipedia_same_agreement_different_kappa() -> None:
    # Wikipedia: 100 items, 45/15/25/15 -> kappa 0.1304; 25/35/5/35 -> kappa 0.2593,
    # both with 60% agreement.
    first = [("y", "y")] * 45 + [("y", "n")] * 15 + [("n", "y")] * 25 + [("n", "n")] * 15
    second = [("y", "y")] * 25 + [("y", "n")] * 35 + [("n", "y")] * 5 + [("n", "n")] * 35
    assert agreement(first).observed == agreement(second).observed == pytest.approx(0.60)
    assert cohen_kappa(first) == pytest.approx(0.1304, abs=1e-4)
    assert cohen_kappa(second) == pytest.approx(0.2593, abs=1e-4)


def test_three_statuses_by_hand() -> None:
    # A: s s s r r m ; B: s s r r m m  -> agreed 4/6.
    # A marginals s3 r2 m1, B marginals s2 r2 m2: p_e = (6 + 4 + 2) / 36 = 1/3.
    # kappa = (2/3 - 1/3) / (2/3) = 0.5
    a = ["s", "s", "s", "r", "r", "m"]
    b = ["s", "s", "r", "r", "m", "m"]
    ag = agreement(zip(a, b, strict=True), ["s", "r", "m"])
    assert ag.observed == pytest.approx(4 / 6)
    assert ag.expected == pytest.approx(1 / 3)
    assert ag.kappa == pytest.approx(0.5)
    assert ag.matrix == ((2, 1, 0), (0, 1, 1), (0, 0, 1))


def test_edge_cases() -> None:
    assert agreement([]).kappa is None and agreement([]).observed is None
    # one label everywhere: full agreement but kappa undefined (p_e = 1)
    assert agreement([("s", "s")] * 4).kappa is None
    # systematic disagreement on a balanced split: kappa -1
    assert cohen_kappa([("s", "r"), ("r", "s")]) == pytest.approx(-1.0)
    assert mean_abs_difference([(80, 60), (None, 10), (0, 100)]) == pytest.approx(60)
    assert mean_abs_difference([(None, 1)]) is None


def row(cid: int, status: str, conf: int | None = None, text: str = "", origin: str = "o",
        article: int = 1, sources: str = "[]", notes: str = "", flagged: bool = False) -> tuple:
    return (cid, article, origin, "T", text or f"claim {cid}", None, status, conf, sources,
            notes, int(flagged))


def test_compare_rows_changes_and_summary() -> None:
    a = [row(1, "supported", 80), row(2, "refuted", 60), row(3, "misleading"),
         row(5, "refuted", 100, origin="p", article=2)]
    b = [row(1, "supported", 80), row(2, "supported", 40), row(4, "refuted"),
         row(5, "refuted", 90, origin="p", article=2)]
    d = compare_rows(a, b)
    assert [(c.claim_id, c.change) for c in d.claims] == [
        (1, "same"), (2, "changed"), (3, "only_a"), (4, "only_b"), (5, "changed")]
    assert d.counts["same"] == 1 and d.counts["changed"] == 2
    assert d.counts["only_a"] == 1 and d.counts["only_b"] == 1
    assert d.agreement.n == 3 and d.agreement.agreed == 2
    # confidence differences 0, 20, 10
    assert d.mean_confidence_difference == pytest.approx(10)
    assert d.differs
    # per article: article "o" agrees on 1 of 2, "p" on 1 of 1; least agreement first
    assert [(s.origin, s.agreement.n, s.agreement.agreed, s.only_a, s.only_b)
            for s in d.articles] == [("o", 2, 1, 1, 1), ("p", 1, 1, 0, 0)]


def test_notes_or_sources_alone_make_a_change() -> None:
    d = compare_rows([row(1, "supported", notes="x")], [row(1, "supported", notes="y")])
    assert d.claims[0].change == "changed" and d.agreement.agreed == 1


def test_versions_pair_through_links_and_show_edits() -> None:
    # A reviewed version 1 (claims 1-3); B reviewed version 2 (claims 11-13), where 11 is
    # claim 1 unchanged, 12 is claim 2 edited, 13 is new; claim 3 was removed.
    a = [row(1, "supported", text="Same claim."), row(2, "refuted", text="Killed 12."),
         row(3, "refuted", text="Gone claim.")]
    b = [row(11, "supported", text="Same claim.", article=2),
         row(12, "refuted", text="Killed 15.", article=2),
         row(13, "misleading", text="Brand new claim.", article=2)]
    links = {11: 1, 12: 2}
    d = compare_rows(a, b, links=lambda ids: {i: links[i] for i in ids if i in links})
    got = [(c.claim_id, c.row[0], c.change, c.match, c.version) for c in d.claims]
    assert got == [(1, 11, "same", "version", ""), (2, 12, "same", "version", "edited"),
                   (3, 3, "only_a", "", "removed"), (13, 13, "only_b", "", "added")]
    assert (d.counts["edited"], d.counts["added"], d.counts["removed"]) == (1, 1, 1)


ARTICLE = (
    "Storm hits coast\n\n"
    "The storm killed 12 people on Tuesday. Officials said 3,000 homes lost power. "
    "The mayor said the city would rebuild within a year. Schools will reopen on Monday."
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Sessions a and b on one article: claim 1 agree, 2 differ, 3 only a, 4 only b."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "c.db"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "ann")
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "storm.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "storm.txt"]) == 0
    with open_db(tmp_path / "c.db") as db:
        a = review.start_session(db, "a", "ann")
        b = review.start_session(db, "b", "bob")
        review.tag(db, a, 1, who="ann", status="supported", confidence=80)
        review.tag(db, b, 1, who="bob", status="supported", confidence=80)
        review.tag(db, a, 2, who="ann", status="supported", confidence=90)
        review.tag(db, b, 2, who="bob", status="refuted", confidence=60, notes="=wrong")
        review.tag(db, a, 3, who="ann", status="misleading")
        review.tag(db, b, 4, who="bob", status="unverifiable")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_text(env: Path, capsys) -> None:
    capsys.readouterr()
    code, out, err = run(capsys, "diff", "a", "b")
    assert code == 0 and err == ""
    assert "compared 2 claims reviewed in both: agreement 50.0%, kappa 0.000" in out
    assert "mean confidence difference 15.0" in out
    assert "same 1, changed 1 (status 1, other fields only 0), only in a 1, only in b 1" in out
    assert "\x1b[" not in out  # plain when piped
    lines = [x.split() for x in out.splitlines()]
    assert ["2", "changed", "supported", "90", "refuted", "60", "[differs:", "status,",
            "confidence,", "notes]", "The"] in [x[:11] for x in lines]
    assert "only_a" in out and "only_b" in out


def test_diff_exit_code(env: Path, capsys) -> None:
    assert run(capsys, "diff", "a", "b", "--exit-code")[0] == 1
    assert run(capsys, "sessions", "new", "copy", "--from", "a")[0] == 0
    assert run(capsys, "diff", "a", "copy", "--exit-code")[0] == 0
    assert "no differences" in run(capsys, "diff", "a", "copy")[1]


@pytest.mark.parametrize("other", ["a", "c.db:a", "./c.db:a", "link.db:a", "hard.db:a"])
def test_diff_of_a_session_with_itself_is_refused(env: Path, capsys, other: str) -> None:
    """As adjudicate refuses it: "100% agreement" would read as two reviewers agreeing.
    The same file under another name (a symbolic or a hard link) is the same session."""
    (env / "link.db").symlink_to(env / "c.db")
    os.link(env / "c.db", env / "hard.db")
    assert run(capsys, "diff", "a", other, "--exit-code") == (
        1, "", "error: diff two different sessions\n")
    code, out, _ = run(capsys, "diff", "a", "hard.db:b")  # another session: a diff
    assert code == 0 and "compared 2 claims reviewed in both" in out


def test_diff_says_what_differs(env: Path, capsys) -> None:
    """A claim whose verdicts differ only in sources (or confidence, or notes) shows which,
    and the summary tells them from the claims whose status differs."""
    with open_db(env / "c.db") as db:
        review.tag(db, sessions.require(db, "b")["id"], 1, who="bob",
                   sources=[Source("https://example.org/a")])
    out = run(capsys, "diff", "a", "b")[1]
    assert ("same 0, changed 2 (status 1, other fields only 1), only in a 1, only in b 1"
            in out)
    lines = {x.split()[0]: x for x in out.splitlines() if x[:8].strip().isdigit()}
    assert "supported 80     supported 80     [differs: sources] Storm hits coast" in lines["1"]
    assert "refuted 60       [differs: status, confidence, notes] The storm" in lines["2"]
    assert "[differs" not in lines["3"] + lines["4"]
    sheet = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(
        run(capsys, "diff", "a", "b", "--format", "csv")[1]))}
    assert [(sheet[k]["change"], sheet[k]["differs"]) for k in "1234"] == [
        ("changed", "sources"), ("changed", "status, confidence, notes"), ("only_a", ""),
        ("only_b", "")]
    doc = json.loads(run(capsys, "diff", "a", "b", "--format", "json")[1])
    assert [c["differs"] for c in doc["claims"]] == [
        ["sources"], ["status", "confidence", "notes"], [], []]
    assert (doc["summary"]["changed"], doc["summary"]["changed_status"],
            doc["summary"]["changed_other"]) == (2, 1, 1)


def test_diff_csv(env: Path, capsys) -> None:
    code, out, _ = run(capsys, "diff", "a", "b", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert tuple(rows[0])[: len(CSV_COLUMNS)] == CSV_COLUMNS
    by_id = {r["claim_id"]: r for r in rows}
    assert by_id["2"]["change"] == "changed"
    assert (by_id["2"]["status_a"], by_id["2"]["status_b"]) == ("supported", "refuted")
    assert (by_id["2"]["confidence_a"], by_id["2"]["confidence_b"]) == ("90", "60")
    assert by_id["2"]["notes_b"] == "'=wrong"  # formula-safe, as in the verdict CSV
    assert by_id["3"]["change"] == "only_a" and by_id["3"]["status_b"] == ""
    assert by_id["4"]["change"] == "only_b"


def test_diff_json_and_other_database(env: Path, capsys) -> None:
    (env / "copy.db").write_bytes((env / "c.db").read_bytes())
    code, out, _ = run(capsys, "diff", "a", "copy.db:b", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["b"] == "copy.db:b" and doc["differ"] is True
    s = doc["summary"]
    assert (s["compared"], s["agreed"], s["only_a"], s["only_b"]) == (2, 1, 1, 1)
    assert s["confusion"]["supported"]["refuted"] == 1
    assert s["kappa"] == pytest.approx(0.0)
    assert doc["articles"][0]["title"] == "Storm hits coast"
    assert [c["change"] for c in doc["claims"]] == ["same", "changed", "only_a", "only_b"]
    assert doc["claims"][1]["b"]["notes"] == "=wrong"


def test_diff_errors(env: Path, capsys) -> None:
    code, _, err = run(capsys, "diff", "a", "nobody")
    assert code == 1 and err == "error: no session named 'nobody'\n"
    code, _, err = run(capsys, "diff", "a", "missing.db:b")
    assert code == 1 and err == "error: missing.db: no such database\n"
    assert not (env / "missing.db").exists()
    shutil.copy(env / "c.db", env / "copy.db")
    code, _, err = run(capsys, "diff", "a", "copy.db:nobody")
    assert code == 1 and err == "error: no session named 'nobody' in copy.db\n"


def test_adjudication_settles_into_a_new_target_with_the_agreed_verdicts(env: Path) -> None:
    with open_db(env / "c.db") as db:
        sides = adjudicate.open_sides(db, "a", "b", who="chief")
        final = sessions.require(db, "final")["id"]
        assert sides.target_id == final
        assert review.get_verdict(db, final, 1).status == "supported"  # agreed: copied
        found = adjudicate.page(db, sides)
        assert [(c.claim_id, c.a is not None, c.b is not None, c.settled) for c in found] == [
            (2, True, True, False), (3, True, False, False), (4, False, True, False)]
        assert adjudicate.progress(db, sides) == (0, 3)
        assert adjudicate.next_unsettled(db, sides, after=3).claim_id == 4
        assert adjudicate.next_unsettled(db, sides, after=4).claim_id == 2  # wraps
        settled = adjudicate.settle(db, sides, found[0], who="chief", take="b")
        assert settled.settled and settled.final.notes == "=wrong"
        adjudicate.settle(db, sides, found[1], who="chief", take="a")
        adjudicate.settle(db, sides, found[2], who="chief",
                          verdict=review.Verdict(Status.REFUTED, 70, [], "settled"))
        assert review.get_verdict(db, final, 2).notes == "=wrong"
        assert review.get_verdict(db, final, 3).status == "misleading"
        assert review.get_verdict(db, final, 4).confidence == 70
        logged = db.query("SELECT claim_id, who, entity, new FROM history"
                          " WHERE session_id = ?", (final,))
        assert [(r["claim_id"], r["who"]) for r in logged if r["entity"] == "verdict"] == [
            (2, "chief"), (3, "chief"), (4, "chief")]
        assert [json.loads(r["new"]) for r in logged if r["entity"] == "session"] == [
            {"name": "final", "from": ["a", "b"], "verdicts": 1}]  # the one agreed, copied
        assert adjudicate.progress(db, sides) == (3, 3)
        assert adjudicate.next_unsettled(db, sides) is None
        with pytest.raises(WorkbenchError, match="session 'b' has no verdict on claim 3"):
            adjudicate.settle(db, sides, found[1], who="chief", take="b")
        again = adjudicate.open_sides(db, "a", "b", who="chief")
        assert again == sides and adjudicate.progress(db, again) == (3, 3)


def test_adjudication_pages_by_claim_id(env: Path) -> None:
    with open_db(env / "c.db") as db:
        sides = adjudicate.open_sides(db, "a", "b", "chief-final", who="chief")
        assert [c.claim_id for c in adjudicate.page(db, sides, after=2, limit=1)] == [3]
        assert [c.claim_id for c in adjudicate.page(db, sides, before=4, limit=2)] == [2, 3]
        assert adjudicate.page(db, sides, after=4) == []


@pytest.mark.parametrize(("a", "b", "target", "message"), [
    ("a", "a", "final", "two different sessions"),
    ("a", "b", "b", "another session"),
    ("a", "nobody", "final", "no session named 'nobody'"),
])
def test_adjudication_refuses(env: Path, a: str, b: str, target: str, message: str) -> None:
    with open_db(env / "c.db") as db, pytest.raises(WorkbenchError, match=message):
        adjudicate.open_sides(db, a, b, target, who="chief")


def test_one_database_diff_equals_the_pure_diff(env: Path) -> None:
    """Pairing in SQL (one database) gives what compare_rows gives from the same rows."""
    with open_db(env / "c.db") as db:
        review.tag(db, sessions.require(db, "b")["id"], 3, who="bob", status="misleading",
                   confidence=10, sources=[Source("=cmd", "x")])
        a, b = (sessions.require(db, n)["id"] for n in ("a", "b"))
        got = diff_sessions(db, "a", db, "b")
        want = compare_rows(verdicts.reviewed_rows(db, a), verdicts.reviewed_rows(db, b), "a",
                            "b")
        assert list(got.claims) == list(want.claims)
        assert (got.agreement, got.counts, got.articles, got.mean_confidence_difference) == (
            want.agreement, want.counts, want.articles, want.mean_confidence_difference)


def written_alike_by_sql_and_the_pure_diff(db: Database, a: int, b: int
                                           ) -> tuple[DiffResult, str]:
    """The one-database diff of sessions `a` and `b` (named "a" and "b"), checked to write
    as CSV, JSON and text what the pure diff of the same rows writes, with the same
    figures; the diff and its text."""
    got = diff_sessions(db, "a", db, "b")
    want = compare_rows(verdicts.reviewed_rows(db, a), verdicts.reviewed_rows(db, b), "a", "b")
    for write in (write_csv, write_json, write_text):
        out_got, out_want = io.StringIO(), io.StringIO()
        write(out_got, got)
        write(out_want, want)
        assert out_got.getvalue() == out_want.getvalue()
    assert (got.agreement, got.counts, got.articles, got.mean_confidence_difference) == (
        want.agreement, want.counts, want.articles, want.mean_confidence_difference)
    return got, out_got.getvalue()


typed = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=20)


@settings(max_examples=40, deadline=None)
@given(text=typed.filter(str.strip), title=typed.filter(str.strip), notes=typed,
       refs=st.lists(st.tuples(typed.map(str.strip).filter(bool), typed.map(str.strip)),
                     max_size=2),
       status=st.sampled_from(["supported", "refuted"]), confidence=st.sampled_from([None, 5]),
       left_over=st.booleans(), flagged=st.sampled_from([(), ("a",), ("b",), ("a", "b")]))
@pytest.mark.parametrize("concat", JOINS)
def test_sql_built_diff_output_is_the_pure_diffs(text, title, notes, refs, status,
                                                 confidence, left_over, flagged,
                                                 concat) -> None:
    """The CSV lines and JSON SQLite writes for claims paired by id, and the text of the
    claims that differ, match what the pure diff writes claim by claim (formula starts,
    quotes, line breaks and carriage returns in any cell, verdicts flagged for re-review
    on either side), whether or not a claim is left over to be merged in, however SQLite
    joins a line's pieces."""
    with (tempfile.TemporaryDirectory() as tmp, open_db(Path(tmp) / "x.db") as db,
          joined_by(concat)):
        with db.transaction():
            article = articles.insert(db, origin="o", title=title, text="x" * 40,
                                      content_hash="h", format="txt")
        claims.insert_many(db, article, [Claim(1, text, 0, 5), Claim(2, "second", 6, 12),
                                         Claim(3, "third", 13, 20)])
        a, b = sessions.create(db, "a", "ann"), sessions.create(db, "b", "bob")
        for claim in (1, 2):
            review.tag(db, a, claim, who="ann", status="supported", notes=notes,
                       sources=[Source(r, n) for r, n in refs])
        review.tag(db, b, 1, who="bob", status=status, confidence=confidence, notes=notes,
                   sources=[Source(r, n) for r, n in refs])
        review.tag(db, b, 2, who="bob", status="supported", notes=notes + "!")
        if left_over:
            review.tag(db, b, 3, who="bob", status="refuted")
        with db.transaction():
            for side in flagged:
                verdicts.flag(db, {"a": a, "b": b}[side], 1)
        result, _text = written_alike_by_sql_and_the_pure_diff(db, a, b)
        assert (result.counts["flagged_a"], result.counts["flagged_b"]) == (
            "a" in flagged, "b" in flagged)


def test_diff_written_by_two_processes_in_blocks_is_the_pure_diffs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_blocks: None) -> None:
    """A large diff's CSV, JSON and text are written block by block, the later blocks by a
    second process; the output and the figures are those of the pure diff, in claim id
    order, with articles that span blocks and halves, a split claim whose id comes after
    another article's claims, and claims cut to the terminal's width."""
    monkeypatch.setattr(blocks, "PARALLEL_FROM", 10)
    monkeypatch.setattr(blocks, "BLOCK_IDS", 4)
    monkeypatch.setenv("COLUMNS", "90")  # the text diff cuts claims at 36 characters
    with open_db(tmp_path / "x.db") as db:
        for n in range(3):
            with db.transaction():
                article = articles.insert(db, origin=f"o{n}", title=f"Article, {n}",
                                          text="x" * 200, content_hash=f"h{n}", format="txt")
            claims.insert_many(db, article, [
                Claim(i, f"claim {n}.{i}" + " – a longer, accented claim: café" * (i % 3),
                      i, i + 1) for i in range(1, 8)])
        review.split_claim(db, 2, "claim 0.2\nits second half", who="ann")
        a, b = sessions.create(db, "a", "ann"), sessions.create(db, "b", "bob")
        statuses = ["supported", "refuted", "misleading", "unverifiable"]
        for claim_id in range(1, 23):
            review.tag(db, a, claim_id, who="ann", status=statuses[claim_id % 4],
                       confidence=None if claim_id % 5 == 0 else claim_id * 4)
            if claim_id % 7:
                review.tag(db, b, claim_id, who="bob", status=statuses[claim_id % 3],
                           confidence=claim_id * 3 if claim_id % 2 else None,
                           notes="checked" if claim_id % 4 == 0 else "")
        with db.transaction():  # flagged for re-review on either side, or both
            for claim_id in range(1, 23, 3):
                verdicts.flag(db, a, claim_id)
            for claim_id in range(1, 23, 4):
                verdicts.flag(db, b, claim_id)
        result, text = written_alike_by_sql_and_the_pure_diff(db, a, b)
        assert "– a longer, accented clai…\n" in text  # cut by characters
        assert result.counts["only_a"] == 3 and len(result.articles) == 3
        assert (result.counts["flagged_a"], result.counts["flagged_b"]) == (8, 5)


def test_diff_json_without_claims_is_valid_json() -> None:
    out = io.StringIO()
    write_json(out, compare_rows([], []))
    doc = json.loads(out.getvalue())
    assert doc["articles"] == [] and doc["claims"] == [] and doc["differ"] is False


def test_a_failed_second_process_is_one_error_not_half_a_diff(env: Path, monkeypatch) -> None:
    monkeypatch.setattr(blocks, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel.sys, "executable", "false")
    with open_db(env / "c.db") as db, pytest.raises(
            WorkbenchError, match=r"the second process sharing the work failed \(exit 1\)"):
        write_csv(io.StringIO(), diff_sessions(db, "a", db, "b"))


STORM_V2 = (  # claim 2 edited, claims 3 and 5 removed, one added
    "Storm hits coast\n\n"
    "The storm killed 15 people on Tuesday. The mayor said the city would rebuild within a "
    "year. Rescue teams reached the island on Thursday."
)


def live_rows(db: Database, session: int) -> list[tuple]:
    """A session's reviewed rows (as the pure diff takes them) on claims not dropped."""
    dropped = {r[0] for r in db.query("SELECT id FROM claims WHERE dropped")}
    return [r for r in verdicts.reviewed_rows(db, session) if r[0] not in dropped]


def pure_diff(db: Database, a: int, b: int) -> DiffResult:
    return compare_rows(live_rows(db, a), live_rows(db, b), "a", "b",
                        links=lambda ids: verdicts.previous_links(db, ids),
                        continued=lambda ids: verdicts.continued(db, ids))


def test_dropped_and_removed_claims_are_left_out_of_the_figures(env: Path, capsys) -> None:
    """A claim a reviewer dropped is left out, as progress, export and adjudication leave
    it out; one a re-ingest removed is listed, marked, and left out of the figures,
    whether both sessions reviewed it or one did."""
    with open_db(env / "c.db") as db:
        a, b = (sessions.require(db, n)["id"] for n in ("a", "b"))
        review.tag(db, a, 5, who="ann", status="refuted")
        review.tag(db, b, 5, who="bob", status="supported")
        review.tag(db, a, 4, who="ann", status="unverifiable", notes="seen")
        review.drop_claim(db, 4, who="ann")  # both reviewed it, their notes differ
    out = run(capsys, "diff", "a", "b")[1]
    # 1 same, 2 and 5 changed: agreed 1 of 3. By hand: A supported 2, refuted 1; B the
    # same: p_o = 3/9, p_e = (2 * 2 + 1 * 1) / 9 = 5/9, kappa = (3/9 - 5/9) / (4/9) = -1/2
    assert "compared 3 claims reviewed in both: agreement 33.3%, kappa -0.500" in out
    assert "same 1, changed 2 (status 2, other fields only 0), only in a 1, only in b 0" in out
    assert "\n       4 " not in out
    (env / "storm.txt").write_text(STORM_V2, encoding="utf-8")
    assert run(capsys, "ingest", "storm.txt")[0] == 0  # 1 and 2 (edited) carried over
    out = run(capsys, "diff", "a", "b")[1]
    # left: 1 same, 2 changed (supported, refuted): agreement 1 of 2, kappa 0
    assert "compared 2 claims reviewed in both: agreement 50.0%, kappa 0.000" in out
    assert ("same 1, changed 1 (status 1, other fields only 0), only in a 0, only in b 0;"
            " across article versions: edited 0, added 0, removed 2") in out
    lines = [[*x.split()[:2], x[53:].split("]")[0]] for x in out.splitlines()
             if x[:8].strip().isdigit()]
    assert lines == [["3", "only_a", "[removed"], ["5", "changed", "[removed"],
                     ["7", "changed", "[differs: status, confidence, notes"]]
    with open_db(env / "c.db") as db:
        got = diff_sessions(db, "a", db, "b")
        assert (got.counts["only_a"], got.counts["removed"], got.agreement.n) == (0, 2, 2)
        want = pure_diff(db, a, b)
        assert list(got.claims) == list(want.claims) and got.counts == want.counts
        sides = adjudicate.open_sides(db, "a", "b", who="chief")
        assert adjudicate.progress(db, sides)[1] == 1 == got.counts["changed"]


def test_claims_dropped_are_left_out_of_a_diff_of_two_databases(env: Path, capsys) -> None:
    """Each session's verdicts on claims its own database dropped are left out."""
    with open_db(env / "c.db") as db:
        review.drop_claim(db, 2, who="bob")  # reviewed by both
    shutil.copy(env / "c.db", env / "copy.db")
    with open_db(env / "copy.db") as db:
        review.drop_claim(db, 4, who="bob")  # b's only, dropped in b's database
    doc = json.loads(run(capsys, "diff", "a", "copy.db:b", "--format", "json")[1])
    assert [(c["claim_id"], c["change"]) for c in doc["claims"]] == [(1, "same"), (3, "only_a")]
    assert (doc["summary"]["compared"], doc["summary"]["only_b"]) == (1, 0)


COUNCIL = ("Council approves budget\n\nThe council approved a budget of 2 million pounds."
           " The mayor said taxes would not rise.")


def test_two_databases_that_ingested_in_another_order(env: Path, capsys) -> None:
    """Claim ids name other claims in another database: claims pair by their article's
    text and their own, and an article both databases hold alike is no newer version."""
    (env / "council.txt").write_text(COUNCIL, encoding="utf-8")
    assert run(capsys, "ingest", "council.txt")[0] == 0  # claims 6 to 8
    assert run(capsys, "--db", "two.db", "ingest", "council.txt", "storm.txt")[0] == 0
    with open_db(env / "c.db") as db:
        a = sessions.require(db, "a")["id"]
        review.tag(db, a, 6, who="ann", status="supported")
    with open_db(env / "two.db") as db:  # council 1 to 3, storm 4 to 8
        bob = review.start_session(db, "bob", "bob")
        for claim, status, confidence in ((4, "supported", 80), (5, "refuted", None),
                                          (3, "refuted", None)):
            review.tag(db, bob, claim, who="bob", status=status, confidence=confidence)
    out = run(capsys, "diff", "a", "two.db:bob")[1]
    assert "compared 2 claims reviewed in both" in out and "across article" not in out
    assert "[added]" not in out
    rows = list(csv.DictReader(io.StringIO(
        run(capsys, "diff", "a", "two.db:bob", "--format", "csv")[1])))
    assert [(r["claim_id"], r["change"], r["claim_id_b"], r["match"], r["version"])
            for r in rows] == [
        ("1", "same", "4", "text", ""), ("2", "changed", "5", "text", ""),
        ("3", "only_a", "", "", ""), ("6", "only_a", "", "", ""),
        ("8", "only_b", "3", "", "")]  # bob's claim 3 is claim 8 here, which ann left
    assert rows[4]["claim"] == "Taxes would not rise."
    assert "       8  only_b   —" in out  # not 3, which names a claim of storm.txt here


def test_two_databases_never_pair_a_claim_by_likeness_when_its_twin_is_there(
        env: Path, capsys) -> None:
    """Each side reviewed a different one of two look-alike claims of one article: both
    databases hold both, so each is the other side's unreviewed claim, not an edit."""
    (env / "schools.txt").write_text(
        "Schools close\n\nThe mayor of Brisk closed 40 schools. The mayor of Kessel closed"
        " 41 schools.", encoding="utf-8")
    assert run(capsys, "ingest", "schools.txt")[0] == 0  # claims 6 and 7
    assert run(capsys, "--db", "two.db", "ingest", "schools.txt")[0] == 0  # 1 and 2
    with open_db(env / "c.db") as db:
        review.tag(db, sessions.require(db, "a")["id"], 6, who="ann", status="supported")
    with open_db(env / "two.db") as db:
        review.tag(db, review.start_session(db, "bob", "bob"), 2, who="bob", status="refuted")
    doc = json.loads(run(capsys, "diff", "a", "two.db:bob", "--format", "json")[1])
    assert [(c["claim_id"], c["change"], c["b"] and c["b"]["claim_id"], c["claim"])
            for c in doc["claims"] if "mayor" in c["claim"]] == [
        (6, "only_a", None, "The mayor of Brisk closed 40 schools."),
        (7, "only_b", 2, "The mayor of Kessel closed 41 schools.")]
    assert (doc["summary"]["compared"], doc["summary"]["edited"]) == (0, 0)


def test_last_weeks_database_against_todays_after_a_reingest(env: Path, capsys) -> None:
    """A copy of the database made before a re-ingest holds the earlier version: the
    claims pair across versions as the ingest aligned them, edits show both texts, and
    what the new version removed or added is marked, either way round."""
    with open_db(env / "c.db") as db:
        a = sessions.require(db, "a")["id"]
        review.tag(db, a, 4, who="ann", status="unverifiable")
        review.tag(db, a, 5, who="ann", status="supported")
    shutil.copy(env / "c.db", env / "before.db")
    (env / "storm.txt").write_text(STORM_V2, encoding="utf-8")
    assert "1 edited, 1 added, 2 removed" in run(capsys, "ingest", "storm.txt")[1]
    with open_db(env / "c.db") as db:  # version 2: claims 6 to 9, 9 added
        review.tag(db, a, 9, who="ann", status="refuted")
        fresh = review.start_session(db, "fresh", "ann")
        for claim in (6, 7, 8):
            review.tag(db, fresh, claim, who="ann", status="supported")
    out = run(capsys, "diff", "before.db:a", "a")[1]
    assert ("same 3, changed 0 (status 0, other fields only 0), only in before.db:a 0, only"
            " in a 1; across article versions: edited 1, added 1, removed 2") in out
    # the verdict the re-ingest carried to the reworded claim waits for a's re-review
    assert "[edited] [↻ b] The storm killed [12 → 15] people on Tuesday.\n" in out
    assert ("↻ flagged for re-review (the claim changed since the verdict, not yet"
            " confirmed): 0 in before.db:a, 1 in a\n") in out
    assert "     b:9  only_b   —" in out  # before.db has no claim 9: the id is a's
    rows = list(csv.DictReader(io.StringIO(
        run(capsys, "diff", "before.db:a", "a", "--format", "csv")[1])))
    assert [(r["claim_id"], r["change"], r["claim_id_b"], r["match"], r["version"])
            for r in rows] == [
        ("1", "same", "6", "version", ""), ("2", "same", "7", "version", "edited"),
        ("3", "same", "3", "id", "removed"), ("4", "same", "8", "version", ""),
        ("5", "same", "5", "id", "removed"), ("", "only_b", "9", "", "added")]
    assert (rows[1]["claim"], rows[1]["claim_b"]) == (
        "The storm killed 12 people on Tuesday.", "The storm killed 15 people on Tuesday.")
    assert [(r["needs_review_a"], r["needs_review_b"]) for r in rows[:3]] == [
        ("", ""), ("", "1"), ("", "")]
    doc = json.loads(run(capsys, "diff", "a", "before.db:a", "--format", "json")[1])
    assert [(c["claim_id"], c["b"] and c["b"]["claim_id"], c["change"], c["version"])
            for c in doc["claims"]] == [
        (3, 3, "same", "removed"), (5, 5, "same", "removed"), (6, 1, "same", ""),
        (7, 2, "same", "edited"), (8, 4, "same", ""), (9, None, "only_a", "added")]
    assert doc["claims"][3]["claim_b"] == "The storm killed 12 people on Tuesday."
    assert [(c["a"]["needs_review"], c["b"] and c["b"]["needs_review"])
            for c in doc["claims"][2:5]] == [(False, False), (True, False), (False, False)]
    assert (doc["summary"]["flagged_a"], doc["summary"]["flagged_b"]) == (1, 0)
    doc = json.loads(run(capsys, "diff", "before.db:a", "fresh", "--format", "json")[1])
    assert [(c["claim_id"], c["change"], c["version"]) for c in doc["claims"]] == [
        (1, "changed", ""), (2, "changed", "edited"), (3, "only_a", "removed"),
        (4, "changed", ""), (5, "only_a", "removed")]  # fresh gave no confidence
    assert (doc["summary"]["only_a"], doc["summary"]["removed"]) == (0, 2)


def test_long_titles_are_cut_as_claims_are(env: Path, capsys, monkeypatch) -> None:
    title = "Government Announces Major Overhaul of Public Health Spending Across All Regions"
    (env / "health.txt").write_text(f"{title}\n\nHospitals got 4 billion pounds.",
                                    encoding="utf-8")
    assert run(capsys, "ingest", "health.txt")[0] == 0
    with open_db(env / "c.db") as db:
        review.tag(db, sessions.require(db, "a")["id"], 7, who="ann", status="supported")
    monkeypatch.setenv("COLUMNS", "80")
    out = run(capsys, "diff", "a", "b")[1]
    table = out[out.index("most disagreement first"):out.index("claim text")].splitlines()
    assert max(map(len, table)) < 80
    assert table[3].endswith("  Government Announces Major Overhaul …")


def test_a_carried_verdict_set_back_to_unreviewed_is_no_verdict(env: Path, capsys) -> None:
    """QA: after a re-ingest, a reviewer withdrew the verdict carried to the new claim, and
    diff went on counting their verdict on the earlier version: "same", exit 0, where
    export and adjudicate showed the claim as b's only."""
    (env / "storm.txt").write_text(STORM_V2, encoding="utf-8")
    assert run(capsys, "ingest", "storm.txt")[0] == 0
    with open_db(env / "c.db") as db:
        a, b = sessions.require(db, "a")["id"], sessions.require(db, "b")["id"]
        review.tag(db, b, 6, who="bob", status="supported", confidence=80)  # confirms claim 1's
        review.tag(db, a, 6, who="ann", status="unreviewed")  # ann withdraws hers
        assert review.get_verdict(db, a, 1).status is Status.SUPPORTED  # the earlier version's
    rows = list(csv.DictReader(io.StringIO(
        run(capsys, "diff", "a", "b", "--format", "csv")[1])))
    assert [(r["claim_id"], r["change"]) for r in rows if r["claim_id"] in ("1", "6")] == [
        ("6", "only_b")]
    shutil.copy(env / "c.db", env / "copy.db")
    doc = json.loads(run(capsys, "diff", "a", "copy.db:b", "--format", "json")[1])
    assert [(c["claim_id"], c["change"]) for c in doc["claims"]
            if c["claim_id"] in (1, 6)] == [(6, "only_b")]
