"""Verdicts as JSON lines: one object per claim, every field, sources as a list."""

from __future__ import annotations

from typing import IO

from workbench.storage import Database, verdicts

FIELDS = (
    "claim_id", "article", "seq", "claim", "by", "status", "confidence", "sources", "notes",
    "reviewer", "session", "updated_at", "title", "origin", "version", "kind", "start", "end",
    "checkworthiness", "needs_review", "previous_claim_id",
)


def write_jsonl(out: IO[str], db: Database, session_id: int, session: str) -> int:
    """One JSON object per claim in scope, a line each (SQLite writes the JSON); returns
    the number of lines."""
    count = 0
    for line in verdicts.json_lines(db, session_id, session, FIELDS):
        out.write(line)
        out.write("\n")
        count += 1
    return count
