"""A diff as text (a readable table, coloured on a terminal), CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import shutil
from typing import IO, Any

from workbench import parallel
from workbench.compare.agreement import Agreement
from workbench.compare.diff import (
    CONFIDENCE,
    NEEDS_REVIEW,
    NOTES,
    SOURCES,
    STATUS,
    TITLE,
    ClaimDiff,
    DiffResult,
    claim_output,
)
from workbench.exchange.csvsheet import (
    ESCAPE,
    FORMULA_STARTS,
    flag_cell,
    safe_cell,
    sources_cell,
)
from workbench.wording import counted, word_edit

CSV_COLUMNS = (
    "claim_id", "claim", "change", "status_a", "status_b", "confidence_a", "confidence_b",
    "sources_a", "sources_b", "notes_a", "notes_b",
)
CSV_EXTRA = ("claim_id_b", "match", "version", "article", "differs", "claim_b",
             "needs_review_a", "needs_review_b")
COLOURS = {"same": "2", "changed": "33", "only_a": "31", "only_b": "32", "bold": "1"}


def _side(row: Any, i: int) -> Any:
    return None if row is None else row[i]


def _sources(row: Any) -> str:
    return "" if row is None else sources_cell(row[SOURCES])


def _notes(row: Any) -> str:
    return "" if row is None else safe_cell(row[NOTES])


def write_csv(out: IO[str], result: DiffResult) -> None:
    """Every compared claim, one row each, the contract's columns first. Ids, statuses,
    confidences and the change words cannot start like a formula: only text is made safe."""
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow((*CSV_COLUMNS, *CSV_EXTRA))
    out.write(header.getvalue())
    with claim_output(result, "csv", _csv_line, starts=FORMULA_STARTS, escape=ESCAPE) as lines:
        out.writelines(lines)


def _csv_line(c: ClaimDiff) -> str:
    """One compared claim as a line of the diff CSV: claim_id_b where claim_id does not
    name B's claim (a pair, or a claim of another database), match only for a pair,
    claim_b only where its text is not claim's."""
    a, b = c.a, c.b
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow((
        c.claim_id, safe_cell(c.text), c.change, _side(a, STATUS), _side(b, STATUS),
        _side(a, CONFIDENCE), _side(b, CONFIDENCE), _sources(a), _sources(b),
        _notes(a), _notes(b), c.claim_id_b, c.match,
        c.version, safe_cell(c.row[TITLE]), ", ".join(c.differs), safe_cell(c.text_b),
        flag_cell(_side(a, NEEDS_REVIEW)), flag_cell(_side(b, NEEDS_REVIEW)),
    ))
    return line.getvalue()


def _verdict(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"claim_id": row[0], "status": row[STATUS], "confidence": row[CONFIDENCE],
            "sources": json.loads(row[SOURCES]), "notes": row[NOTES],
            "needs_review": bool(row[NEEDS_REVIEW])}


def summary(result: DiffResult) -> dict[str, Any]:
    """The figures, overall and per article, as plain data."""
    return {
        **result.agreement.as_dict(),
        "mean_confidence_difference": result.mean_confidence_difference,
        **result.counts,
    }


def write_json(out: IO[str], result: DiffResult) -> None:
    """One JSON document: sessions, summary, per-article figures, claims (streamed; in a
    one-database diff the figures are counted as the claims are written aside). Articles
    and claims are one to a line: the encoder writes a line in C, where indenting goes
    through Python (0.7 s for ten thousand articles)."""
    with claim_output(result, "json", _json_line) as lines:
        head = {"a": result.a, "b": result.b, "differ": result.differs,
                "summary": summary(result)}
        text = json.dumps(head, ensure_ascii=False, indent=1)
        out.write(text[:-2] + ',\n "articles": [')
        out.write(",".join(
            "\n  " + json.dumps({
                "origin": s.origin, "title": s.title, **s.agreement.as_dict(),
                "mean_confidence_difference": s.mean_confidence_difference,
                "only_a": s.only_a, "only_b": s.only_b, "changed": s.changed},
                ensure_ascii=False)
            for s in result.articles))
        out.write("\n ],\n \"claims\": [")
        out.writelines(parallel.without_first_separator(lines))
    out.write("\n ]\n}\n")


def _json_line(c: ClaimDiff) -> str:
    """One compared claim for the claims list of the diff's JSON, ",\n  " before it."""
    return ",\n  " + json.dumps({
        "claim_id": c.claim_id, "claim": c.text, "claim_b": c.text_b or None,
        "change": c.change, "match": c.match, "version": c.version, "differs": c.differs,
        "a": _verdict(c.a), "b": _verdict(c.b)}, ensure_ascii=False)


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "n/a"
    return f"{100 * x:.1f}%" if pct else f"{x:.3f}"


def _matrix_lines(ag: Agreement, a: str, b: str) -> list[str]:
    used = [i for i, lab in enumerate(ag.labels)
            if any(ag.matrix[i]) or any(row[i] for row in ag.matrix)]
    if not used:
        return []
    width = max(12, *(len(ag.labels[i]) for i in used))
    lines = [f"confusion (rows: {a}, columns: {b})",
             " " * (width + 2) + "".join(f"{ag.labels[j][:12]:>13}" for j in used)]
    for i in used:
        lines.append(f"  {ag.labels[i]:<{width}}"
                     + "".join(f"{ag.matrix[i][j]:>13}" for j in used))
    return lines


def write_text(out: IO[str], result: DiffResult, *, colour: bool = False,
               limit: int | None = None) -> None:
    """A summary, the articles with most disagreement first, then each claim that differs."""

    def paint(text: str, key: str) -> str:
        return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if colour else text

    width = shutil.get_terminal_size((120, 24)).columns
    head = f"{'claim':>8}  {'change':<8} {result.a[:16]:<16} {result.b[:16]:<16} "
    text_width = max(20, width - len(head) - 1)
    with claim_output(result, "text", lambda c: _claim_line(c, text_width, paint) + "\n",
                      width=text_width, changed=paint(f"{'changed':<8}", "changed")) as lines:
        _write_summary(out, result, paint, limit, width)
        k = result.counts
        if not result.differs and not (k["edited"] or k["added"] or k["removed"]):
            out.write("\nno differences\n")
            return
        out.write("\n" + paint(head + "claim text", "bold") + "\n")
        shown = hidden = 0
        for line in lines:  # streamed: a million claims are never held at once
            if limit and shown >= limit:
                hidden += 1
                continue
            out.write(line)
            shown += 1
    if hidden:
        out.write(f"… {hidden} more (see --format csv)\n")


def _write_summary(out: IO[str], result: DiffResult, paint: Any, limit: int | None,
                   width: int) -> None:
    """The figures: counts, agreement, confusion matrix, articles most in disagreement
    (their titles cut to `width`, as the claims are)."""
    ag, k = result.agreement, result.counts
    p = out.write
    p(paint(f"diff {result.a} → {result.b}", "bold") + "\n")
    mcd = result.mean_confidence_difference
    p(f"compared {counted(ag.n, 'claim')} reviewed in both: agreement {_fmt(ag.observed, True)}, "
      f"kappa {_fmt(ag.kappa)}, mean confidence difference "
      f"{'n/a' if mcd is None else f'{mcd:.1f}'}\n")
    p(f"same {k['same']}, changed {k['changed']} (status {k['changed_status']}, other "
      f"fields only {k['changed_other']}), only in {result.a} {k['only_a']}, "
      f"only in {result.b} {k['only_b']}")
    if k["edited"] or k["added"] or k["removed"]:
        p(f"; across article versions: edited {k['edited']}, added {k['added']}, "
          f"removed {k['removed']}")
    if k["flagged_a"] or k["flagged_b"]:
        p(f"\n↻ flagged for re-review (the claim changed since the verdict, not yet confirmed):"
          f" {k['flagged_a']} in {result.a}, {k['flagged_b']} in {result.b}")
    p("\n\n")
    for line in _matrix_lines(ag, result.a, result.b):
        p(line + "\n")
    if len(result.articles) > 1:
        p("\narticles, most disagreement first\n")
        p(f"  {'agree':>7} {'kappa':>7} {'both':>6} {'only a':>7} {'only b':>7}  title\n")
        title_width = max(20, width - 43)
        for s in result.articles[: limit or 20]:
            p(f"  {_fmt(s.agreement.observed, True):>7} {_fmt(s.agreement.kappa):>7} "
              f"{s.agreement.n:>6} {s.only_a:>7} {s.only_b:>7}  "
              f"{_cut(s.title, title_width)}\n")
        if len(result.articles) > (limit or 20):
            p(f"  … {len(result.articles) - (limit or 20)} more (see --format json)\n")


def _claim_line(c: ClaimDiff, text_width: int, paint: Any) -> str:
    def verdict(row: Any) -> str:
        if row is None:
            return "—"
        conf = "" if row[CONFIDENCE] is None else f" {row[CONFIDENCE]}"
        return f"{row[STATUS]}{conf}"

    marks = ((f"[{c.version}] " if c.version else "")
             + (f"[differs: {', '.join(c.differs)}] " if c.differs else "")
             + (f"[↻ {', '.join(c.flagged)}] " if c.flagged else ""))
    text = c.text.replace("\n", " ")
    if c.text_b:
        text = word_edit(text, c.text_b.replace("\n", " "), (text_width - len(marks)) // 3)
    change = paint(f"{c.change:<8}", c.change)
    named = c.claim_id if c.claim_id is not None else f"b:{c.claim_id_b}"  # A has no such claim
    return (f"{named:>8}  {change} {verdict(c.a)[:16]:<16} {verdict(c.b)[:16]:<16} "
            f"{_cut(marks + text, text_width)}")


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` characters, "…" ending one that was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
