"""The command line: parse arguments, call one service, print the result.

Exit status: 0 success, 1 a runtime error (one `error:` line on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import IO

from workbench import __version__, review
from workbench.errors import WorkbenchError
from workbench.model import Kind, Status, parse_source, url_problem
from workbench.outfile import written_whole
from workbench.storage import Database, articles, claims, open_db, sessions
from workbench.storage.engine import sqlite3
from workbench.tui.glyphs import FLAG
from workbench.wording import counted

DEFAULT_DB = "claims.db"


class UsageError(WorkbenchError):
    """Arguments that cannot make a command (nothing to set, a value out of range): exit
    status 2, as argparse gives for the arguments it checks itself."""


def _confidence(value: str) -> int:
    """--confidence: a whole number 0-100, checked as review checks one."""
    try:
        number = review.check_confidence(value)
    except WorkbenchError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if number is None:
        raise argparse.ArgumentTypeError("confidence must be a whole number 0-100, not ''")
    return number


def _session_name(value: str) -> str:
    """A session named on the command line, without the spaces around it (as a session
    is created: ' alice ' is 'alice' everywhere); an empty one names none."""
    if not value.strip():
        raise argparse.ArgumentTypeError("a session needs a name, not ''")
    return value.strip()


def _given(what: str) -> Callable[[str], str]:
    """An argument that must not be empty (an empty shell variable): `what` it names."""
    def check(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(f"{what} is named by '', which names none")
        return value
    return check


def _path(value: str) -> str:
    """A path to read: '' (an empty shell variable) is no path, not the current folder."""
    if not value:
        raise argparse.ArgumentTypeError("'' is no path (an empty variable?)")
    return value


def _status(value: str) -> str:
    """--status, read as import reads a sheet's status ("Supported", "not-a-claim")."""
    try:
        return str(review.check_status(value))
    except WorkbenchError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    p = argparse.ArgumentParser(
        prog="workbench", description="Verify a news article claim by claim."
    )
    p.add_argument("--db", help=f"database file (default: $WORKBENCH_DB or ./{DEFAULT_DB})")
    p.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("review", help="open the review TUI (the default command)")
    _session_args(r)

    i = sub.add_parser("ingest", help="add articles (.txt, .md, .html; folders recursively)")
    # as typed: Path would fold "https://…" into "https:/…" before it could be refused
    i.add_argument("paths", nargs="+", metavar="PATH", type=_path)

    s = sub.add_parser("split", help="print one article's claims as JSON lines (no database)")
    s.add_argument("path", type=Path, metavar="PATH")

    ar = sub.add_parser("article", help="print an article's text as stored: claim spans"
                        " [start, end) point into it")
    ar.add_argument("article", metavar="ARTICLE", help="an id, a title or a file's path")
    ar.add_argument("-o", "--output", type=Path, metavar="FILE")

    c = sub.add_parser("claims", help="list claims")
    c.add_argument("--article", type=_given("an article"), help="article id, title or file name")
    c.add_argument("--status", choices=[s.value for s in Status])
    c.add_argument("--kind", choices=[k.value for k in Kind])
    c.add_argument("--session", type=_session_name, help="whose verdicts to show and filter on"
                   " (default: the reviewer's latest)")
    c.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")

    ss = sub.add_parser("sessions", help="list sessions with progress; 'sessions new NAME'")
    ssub = ss.add_subparsers(dest="action", metavar="ACTION")
    new = ssub.add_parser("new", help="start a session")
    new.add_argument("name", type=_session_name)
    new.add_argument("--reviewer", help="who reviews (default: $WORKBENCH_REVIEWER or login)")
    new.add_argument("--from", dest="fork_of", metavar="SESSION", type=_session_name,
                     help="copy its verdicts")
    new.add_argument("--blind", action="store_true", help="a second checker's: the TUI shows"
                     " no other session's verdicts (similar claims: this session's only)")
    ren = ssub.add_parser("rename", help="rename a session")
    ren.add_argument("old", metavar="OLD", type=_session_name)
    ren.add_argument("new", metavar="NEW", type=_session_name)
    dele = ssub.add_parser("delete", help="delete a session (refused while it holds verdicts)")
    dele.add_argument("name", metavar="NAME", type=_session_name)
    dele.add_argument("--force", action="store_true", help="delete it even with verdicts")

    t = sub.add_parser("tag", help="set a claim's verdict without the TUI")
    t.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    _session_args(t)
    t.add_argument("--status", type=_status, metavar="{" + ",".join(Status) + "}",
                   help="in any case, or written out: 'Not a claim'")
    t.add_argument("--confidence", type=_confidence, help="0-100")
    t.add_argument(
        "--source", action="append", metavar="REF", help="a URL or citation, 'REF :: note' "
        "adds a note; repeatable; adds to the claim's sources"
    )
    t.add_argument("--note", help="replace the verdict's notes")

    ed = sub.add_parser("edit", help="correct a claim: its text, speaker (by) or kind")
    ed.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    ed.add_argument("--text", help="the claim's new text")
    ed.add_argument("--by", help="whom the article attributes it to ('' for its own voice)")
    ed.add_argument("--kind", choices=[k.value for k in Kind])
    _session_args(ed)

    e = sub.add_parser("export", help="verdicts as CSV, JSON lines or ClaimReview (stdout or -o)")
    _session_args(e)
    e.add_argument("--format", choices=("csv", "jsonl", "claimreview"), default="csv")
    e.add_argument("-o", "--output", type=Path, metavar="FILE")
    e.add_argument("--organisation", help="ClaimReview author, an Organization"
                   " (default: the session's reviewer, a Person)")
    e.add_argument("--base-url", help="ClaimReview url: BASE_URL#claim-ID (default: article's)")

    d = sub.add_parser("diff", help="compare two sessions (PATH.db:SESSION for another database)")
    d.add_argument("a", metavar="A")
    d.add_argument("b", metavar="B")
    d.add_argument("--format", choices=("text", "csv", "json"), default="text")
    d.add_argument("--exit-code", action="store_true", help="exit 1 when the sessions differ")
    d.add_argument("-o", "--output", type=Path, metavar="FILE")

    ad = sub.add_parser("adjudicate", help="settle where sessions A and B disagree, in the TUI")
    ad.add_argument("a", metavar="A")
    ad.add_argument("b", metavar="B")
    ad.add_argument("--into", metavar="SESSION", type=_session_name,
                    help="session to settle into (default: final; a new one starts with the "
                    "verdicts A and B agree on)")
    ad.add_argument("--reviewer", help="who settles (default: $WORKBENCH_REVIEWER or login)")

    im = sub.add_parser("import", help="a verdict CSV into a session (all rows or none)")
    im.add_argument("file", type=Path, metavar="FILE")
    im.add_argument("--session", required=True, type=_session_name,
                    help="session to write (created if new)")
    im.add_argument("--reviewer", help="who imports (default: $WORKBENCH_REVIEWER or login)")
    im.add_argument("--overwrite", action="store_true",
                    help="apply rows that would change verdicts made or changed since the "
                    "sheet was exported (or another session's sheet)")
    return p


def _session_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--session", type=_session_name,
                   help="session name (default: the reviewer's latest)")
    p.add_argument("--reviewer", help="who reviews (default: $WORKBENCH_REVIEWER or login)")


def db_path(args: argparse.Namespace) -> Path:
    """The database file the user asked for."""
    return Path(args.db or os.environ.get("WORKBENCH_DB") or DEFAULT_DB)


def seeds_dir() -> Path | None:
    """`./seeds`, else the seeds folder beside the installed package (a source checkout)."""
    for candidate in (Path("seeds"), Path(__file__).resolve().parent.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return None


def cmd_review(args: argparse.Namespace) -> int:
    if not _on_a_terminal():  # before a session is started for a screen no one sees
        raise WorkbenchError("the review TUI needs a terminal; from a script, use claims,"
                             " tag and export")
    path = db_path(args)
    first_run = not path.exists()
    if not first_run and not _writable(path):
        raise WorkbenchError(f"{path}: read-only, and the review TUI saves each change as"
                             " it is made: copy it where you can write")
    db = open_db(path)
    try:
        if first_run and (seeds := seeds_dir()) is not None:
            for result in _ingest(db, [seeds]):
                if result.skipped:
                    print(f"skipped      {result.note}", file=sys.stderr)
        reviewer = getattr(args, "reviewer", None) or review.default_reviewer()
        session = review.resolve_session(db, getattr(args, "session", None), reviewer)
        _tui("app").run(db, session["name"], reviewer)
    finally:  # the file alone holds the session's work, as after any other command
        with suppress(sqlite3.Error):  # else the log holds it, as SQLite reads it anyway
            db.checkpoint()
        db.close()
    return 0


def _on_a_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _writable(path: Path) -> bool:
    """Whether SQLite can write the database at `path`: the file, and the folder its
    write-ahead log goes in."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _tui(module: str) -> ModuleType:
    """`workbench.tui.<module>`, imported with the cycle collector held back: the thousands
    of objects a TUI starts with hold no cycles worth a pass, and the app turns the
    collector back on after its first frame."""
    gc.disable()
    return importlib.import_module(f"workbench.tui.{module}")


def _ingest(db: Database, paths: list[Path]):
    from workbench.ingest import expand, ingest_paths

    files = list(expand(paths))
    bar = _progress(len(files)) if sys.stderr.isatty() and len(files) > 1 else None
    for n, result in enumerate(ingest_paths(db, files, who=review.default_reviewer()), 1):
        if bar:  # the report's line where the bar was, the bar below it
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
        yield result
        if bar:
            bar(n, result.path)
    if bar:
        sys.stderr.write("\r\x1b[2K")


def _progress(total: int) -> Callable[[int, Path], None]:
    width = 30

    def show(done: int, path: Path) -> None:
        filled = width * done // total
        name = str(path)[-40:]
        sys.stderr.write(f"\r\x1b[2K[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}")
        sys.stderr.flush()

    return show


# A web address: ingest reads files, and "https://…" as a path is a file that is not there.
WEB_ADDRESS = re.compile(r"(?:https?|ftp)://", re.IGNORECASE)


def _refuse_web_addresses(paths: list[str]) -> None:
    """Refuse the whole command, before anything is written, when a path is a web address
    (unless a file or folder of that name exists: a path is a path)."""
    addresses = [p for p in paths if WEB_ADDRESS.match(p) and not Path(p).exists()]
    if not addresses:
        return
    if len(addresses) == 1:
        raise WorkbenchError(f"{addresses[0]}: ingest reads files, not web addresses"
                             " (save the page and ingest the file)")
    others = counted(len(addresses) - 1, "other address", "other addresses")
    raise WorkbenchError(f"{addresses[0]} (and {others}): ingest reads files, not web"
                         " addresses (save the pages and ingest the files)")


def cmd_ingest(args: argparse.Namespace, db: Database) -> int:
    skipped = total = 0
    for result in _ingest(db, [Path(p) for p in args.paths]):
        total += 1
        where = f"#{result.article_id} {result.title!r}"
        if result.skipped:
            skipped += 1
            print(f"skipped      {result.note}", file=sys.stderr)  # one error: line, at the end
        elif result.outcome == "unchanged":
            _report(f"unchanged    {where} ({result.path})")
        elif result.outcome == "new_version":
            _report(f"new version  {where} v{result.version}:"
                    f" {counted(result.claims, 'claim')} ({result.path})")
            if (ch := result.changes) is not None:
                _report(f"             {ch.same} unchanged, {ch.edited} edited, {ch.added} added,"
                        f" {ch.removed} removed; {counted(ch.carried, 'verdict')} carried over,"
                        f" {ch.flagged} flagged for re-review"
                        + (f", {ch.kept_dropped} kept dropped" if ch.kept_dropped else "")
                        + (f", {counted(ch.corrected, 'correction')} made again"
                           if ch.corrected else ""))
        else:
            _report(f"added        {where}: {counted(result.claims, 'claim')} ({result.path})")
        if result.note and not result.skipped:
            print(f"warning: {result.path}: {result.note}", file=sys.stderr)
    if total == 0:
        raise WorkbenchError("no article files found (.txt, .md, .html)")
    if skipped:
        raise WorkbenchError(f"{skipped} of {counted(total, 'file')} skipped")
    return 0


def _report(line: str) -> None:
    """A line of the ingest report on stdout. A reader gone (`| head -1`) ends the report,
    not the ingest: what follows goes nowhere, and every file is still ingested."""
    try:
        print(line)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the unflushed rest, and later lines, too
        os.close(devnull)


def cmd_article(args: argparse.Namespace, db: Database) -> int:
    """The stored text exactly (no newline added): text[start:end] is a claim's words."""
    row = articles.get(db, articles.resolve(db, args.article))
    with _output(args.output) as out:
        out.write(row["text"])
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from workbench.split import split
    from workbench.textio import read_article

    article = read_article(args.path)
    if article.encoding != "utf-8":  # as ingest says it
        print(f"warning: {args.path}: decoded as {article.encoding} (not valid UTF-8)",
              file=sys.stderr)
    for c in split(article.text):
        record = {
            "seq": c.seq, "text": c.text, "start": c.start, "end": c.end, "by": c.by,
            "kind": str(c.kind), "checkworthiness": round(c.checkworthiness, 3), **c.extra,
        }
        print(json.dumps(record, ensure_ascii=False))
    return 0


def cmd_claims(args: argparse.Namespace, db: Database) -> int:
    article_id = articles.resolve(db, args.article) if args.article else None
    if article_id is not None:
        _note_if_superseded(db, article_id)
    f = claims.ClaimFilter(
        article_id=article_id,
        status=Status(args.status) if args.status else None,
        kind=args.kind,
        session_id=_claims_session(db, args.session),
    )
    rows = claims.stream(db, f)
    fields = ("id", "article", "seq", "text", "start", "end", "by", "kind",
              "checkworthiness", "status", "confidence", "title", "needs_review")
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(_claim_record(row), ensure_ascii=False))
    elif args.format == "csv":
        from workbench.exchange.csvsheet import flag_cell, safe_cell

        writer = csv.writer(sys.stdout, lineterminator="\r\n")
        writer.writerow(fields)
        for row in rows:
            record = _claim_record(row)
            record["needs_review"] = flag_cell(record["needs_review"])  # as the verdict CSV
            writer.writerow([safe_cell(record[k]) for k in fields])
    else:
        _print_table(rows)
    return 0


def _note_if_superseded(db: Database, article_id: int) -> None:
    """Say on stderr when the article asked for by id is not its newest version (the
    claims listed then are not the ones the TUI and exports show)."""
    article = articles.get(db, article_id)
    newest = articles.latest_by_origin(db, article["origin"])
    if newest is not None and newest["id"] != article_id:
        print(f"note: article {article_id} is version {article['version']} of"
              f" {article['title']!r}; its newest, version {newest['version']}, is article"
              f" {newest['id']}", file=sys.stderr)


def _claims_session(db: Database, name: str | None) -> int | None:
    """The session whose verdicts `claims` shows and filters on: the named one, else the
    reviewer's latest (as every command's default); None, every claim unreviewed, when the
    reviewer has no session yet."""
    if name:
        return sessions.require(db, name)["id"]
    latest = sessions.latest_for_reviewer(db, review.default_reviewer())
    return None if latest is None else latest["id"]


def _claim_record(row: sqlite3.Row) -> dict[str, object]:
    return {
        "id": row["id"], "article": row["article_id"], "seq": row["seq"], "text": row["text"],
        "start": row["start"], "end": row["end"], "by": row["by"], "kind": row["kind"],
        "checkworthiness": row["checkworthiness"], "status": row["status"],
        "confidence": row["confidence"], "title": row["article"],
        "needs_review": bool(row["needs_review"]),
    }


def _print_table(rows: Iterator[sqlite3.Row]) -> None:
    width = shutil.get_terminal_size((120, 24)).columns
    head = f"{'id':>6}  {'art':>4}  {'seq':>4}  {'status':<14}  {'conf':>4}  {'kind':<10}  "
    text_width = max(20, width - len(head) - 1)
    print(f"{head}{'by / claim'}")
    for r in rows:
        text = (f"[{r['by']}] " if r["by"] else "") + r["text"]
        if len(text) > text_width:
            text = text[: text_width - 1] + "…"
        status = r["status"] + (f" {FLAG}" if r["needs_review"] else "")  # as the TUI
        conf = "" if r["confidence"] is None else r["confidence"]
        print(f"{r['id']:>6}  {r['article_id']:>4}  {r['seq']:>4}  {status:<14}  {conf:>4}  "
              f"{r['kind']:<10}  {text}")


def cmd_sessions(args: argparse.Namespace, db: Database) -> int:
    if args.action == "new":
        reviewer = args.reviewer or review.default_reviewer()
        review.start_session(db, args.name, reviewer, args.fork_of, blind=args.blind)
        row = sessions.require(db, args.name)
        extra = (f", from {args.fork_of}" if args.fork_of else "") + (
            ", blind: no other session's verdicts shown" if args.blind else "")
        print(f"session {row['name']!r} started for {reviewer}{extra}")
        return 0
    if args.action == "rename":
        sessions.rename(db, args.old, args.new, review.default_reviewer())
        print(f"session {args.old!r} renamed to {args.new.strip()!r}")
        return 0
    if args.action == "delete":
        gone = sessions.delete(db, args.name, review.default_reviewer(), force=args.force)
        print(f"session {args.name!r} deleted"
              + (f" with {counted(gone, 'reviewed verdict')}" if gone else ""))
        return 0
    rows = sessions.list_with_progress(db)
    if not rows:
        print("no sessions yet: 'workbench sessions new NAME' starts one")
        return 0
    progress = [f"{r['reviewed']}/{r['total']} "
                f"{100 * r['reviewed'] / r['total'] if r['total'] else 0.0:3.0f}%" for r in rows]
    width = max(14, *map(len, progress))
    print(f"{'session':<20} {'reviewer':<14} {'reviewed':>{width}}  {'created':<20} from")
    for r, done in zip(rows, progress, strict=True):
        print(f"{r['name']:<20} {r['reviewer']:<14} {done:>{width}}  {r['created_at'][:19]:<20} "
              f"{r['forked_from'] or ''}{' (blind)' if r['blind'] else ''}".rstrip())
    return 0


def cmd_tag(args: argparse.Namespace, db: Database) -> int:
    if args.status is None and args.confidence is None and not args.source and args.note is None:
        raise UsageError("nothing to set: give --status, --confidence, --source or --note")
    if args.status == Status.UNREVIEWED and args.confidence is not None:
        raise UsageError("--confidence needs a status other than unreviewed")
    reviewer = args.reviewer or review.default_reviewer()
    session = review.find_session(db, args.session, reviewer)
    before = review.get_verdict(db, session["id"], args.claim_id)
    sources = None
    if args.source:
        sources = list(before.sources)
        for text in args.source:
            source = parse_source(text)
            if not source.ref:
                raise UsageError(f"empty source {text!r}")
            if (why := url_problem(source.ref)) is not None:
                raise UsageError(f"--source {source.ref!r}: malformed URL: {why}")
            if source not in sources:
                sources.append(source)
    changes = {}
    if args.confidence is not None:
        changes["confidence"] = args.confidence
    verdict = review.tag(
        db, session["id"], args.claim_id, who=reviewer, status=args.status,
        sources=sources, notes=args.note, **changes,
    )
    conf = "" if verdict.confidence is None else f" {verdict.confidence}%"
    flag = (f", {FLAG} still to re-review (the claim changed since; a status or confidence"
            " confirms it)" if verdict.needs_review else "")
    print(f"claim {args.claim_id} in {session['name']!r}: {verdict.status}{conf}, "
          f"{counted(len(verdict.sources), 'source')}{flag}")
    return 0


def cmd_edit(args: argparse.Namespace, db: Database) -> int:
    """Correct a claim as the TUI's e and a do; in a session when one is named, whose
    undo then takes it back."""
    if args.text is None and args.by is None and args.kind is None:
        raise UsageError("nothing to change: give --text, --by or --kind")
    reviewer = args.reviewer or review.default_reviewer()
    session = review.find_session(db, args.session, reviewer) if args.session else None
    sid = session["id"] if session is not None else None
    before = claims.get(db, args.claim_id)
    with db.transaction():  # text, speaker and kind: all or none
        if args.text is not None:
            review.edit_claim(db, args.claim_id, args.text, session_id=sid, who=reviewer)
        if args.by is not None or args.kind is not None:
            review.describe_claim(db, args.claim_id, by=args.by, kind=args.kind,
                                  session_id=sid, who=reviewer)
    row = claims.get(db, args.claim_id)
    changed = [f for f in ("text", "by", "kind") if row[f] != before[f]]
    print(f"claim {args.claim_id}: " + (f"{', '.join(changed)} changed" if changed
                                        else "nothing changed")
          + f" · {row['kind']} by {row['by'] or 'the article'}: {row['text']}")
    return 0


def cmd_export(args: argparse.Namespace, db: Database) -> int:
    from workbench.exchange.export import export_session

    session = review.find_session(db, args.session, args.reviewer or review.default_reviewer())
    if args.base_url and not re.match(r"https?://[^/\s]+", args.base_url):
        raise UsageError(f"--base-url {args.base_url!r}: not an http(s) address")
    if args.format == "claimreview" and not args.base_url:
        print("warning: no --base-url: each review's url is its article's origin, a local"
              " file for an article ingested from one", file=sys.stderr)
    with _output(args.output) as out:
        count = export_session(db, session["name"], args.format, out,
                               organisation=args.organisation, base_url=args.base_url)
    if args.output:
        what = "reviews" if args.format == "claimreview" else "rows"
        print(f"wrote {count} {what} of session {session['name']!r} to {args.output}",
              file=sys.stderr)
    return 0


def _session_ref(ref: str) -> tuple[Path | None, str]:
    """`SESSION`, or `PATH.db:SESSION` naming a session in another database."""
    path, sep, name = ref.rpartition(":")
    if sep and path and (path.endswith(".db") or Path(path).is_file()):
        if not name:
            raise UsageError(f"{ref!r}: name a session after the colon")
        return Path(path), name
    return None, ref


def cmd_diff(args: argparse.Namespace, db: Database) -> int:
    from workbench.compare.diff import diff_sessions
    from workbench.compare.render import write_csv, write_json, write_text

    opened: list[Database] = []
    sides = []
    try:
        for ref in (args.a, args.b):
            path, name = _session_ref(ref)
            if path is None or path.resolve() == db.path.resolve():
                sides.append((db, name))
            else:
                other = open_db(path, create=False)
                opened.append(other)
                if sessions.get_by_name(other, name) is None:
                    raise WorkbenchError(f"no session named {name!r} in {path}")
                sides.append((other, name))
        (db_a, a), (db_b, b) = sides
        result = diff_sessions(db_a, a, db_b, b, label_a=args.a, label_b=args.b)
    finally:
        for other in opened:
            other.close()
    with _output(args.output) as out:
        if args.format == "csv":
            write_csv(out, result)
        elif args.format == "json":
            write_json(out, result)
        else:
            colour = args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            write_text(out, result, colour=colour)
    return 1 if args.exit_code and result.differs else 0


def cmd_adjudicate(args: argparse.Namespace, db: Database) -> int:
    from workbench.compare.adjudicate import DEFAULT_TARGET, open_sides

    reviewer = args.reviewer or review.default_reviewer()
    for name in (args.a, args.b, args.into or ""):
        if _session_ref(name)[0] is not None and not sessions.get_by_name(db, name):
            raise UsageError(f"{name!r}: adjudicate settles two sessions of the database it"
                             " opens, named alone (diff compares across databases)")

    def starting(target: str) -> None:  # copying what A and B agree on can take seconds
        print(f"starting session {target!r} with the verdicts {args.a!r} and {args.b!r} "
              "agree on…", file=sys.stderr)

    sides = open_sides(db, args.a, args.b, args.into or DEFAULT_TARGET, who=reviewer,
                       starting=starting)
    _tui("adjudicate").run(db, sides, reviewer)
    return 0


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    from workbench.exchange.importer import import_sheet

    who = args.reviewer or review.default_reviewer()
    result = import_sheet(db, args.file, args.session, who, overwrite=args.overwrite)
    new = " (new session)" if result.created_session else ""
    note = ("" if result.decoded == "utf-8"
            else f" (decoded as {result.decoded}: not valid UTF-8)")  # as ingest says it
    print(f"imported {counted(result.rows, 'row')} into {result.session!r}{new}: "
          f"{result.changed} changed, {result.unchanged} unchanged{note}")
    return 0


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """stdout (no path, or "-"), or a file written whole or not at all
    (outfile.written_whole)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    with written_whole(path) as out:
        yield out


DB_COMMANDS = {
    "ingest": cmd_ingest, "article": cmd_article, "claims": cmd_claims,
    "sessions": cmd_sessions, "tag": cmd_tag,
    "edit": cmd_edit, "export": cmd_export, "import": cmd_import, "diff": cmd_diff,
    "adjudicate": cmd_adjudicate,
}


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command in (None, "review"):
            return cmd_review(args)
        if args.command == "split":
            return cmd_split(args)
        if args.command == "ingest":
            _refuse_web_addresses(args.paths)
        # only ingest makes a database: a mistyped path is an error, not a new empty one
        with open_db(db_path(args), create=args.command == "ingest") as db:
            return DB_COMMANDS[args.command](args, db)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except WorkbenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except sqlite3.Error as e:
        print(f"error: database: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as e:  # a file the command reads or writes: one line, never a traceback
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # each write is one transaction: none is left half-done
        print("interrupted: what was reported done is saved; the step under way was not",
              file=sys.stderr)
        return 130
