"""Verdicts as JSON lines: one object per claim, every field, sources as a list."""

from __future__ import annotations

from typing import IO, Any

from workbench import parallel
from workbench.exchange import blocks
from workbench.storage import Database, verdicts

FIELDS = (
    "claim_id", "article", "seq", "claim", "by", "status", "confidence", "sources", "notes",
    "reviewer", "session", "updated_at", "title", "origin", "version", "kind", "start", "end",
    "checkworthiness", "needs_review", "previous_claim_id",
)


def write_jsonl(out: IO[str], db: Database, session_id: int, session: str) -> int:
    """One JSON object per claim in scope, a line each (SQLite writes the JSON); returns
    the number of lines."""
    with blocks.written(db, "workbench.exchange.jsonl:json_block",
                        {"s": session_id, "session": session}) as (count, pieces):
        out.writelines(pieces)
    return count


def json_block(db: Database, params: dict[str, Any], low: int, high: int,
               counts: parallel.Counts) -> str:
    """A parallel task: the JSON lines of the articles with ids `low` to `high`."""
    text, n = verdicts.json_block(db, params["s"], params["session"], FIELDS, low, high)
    blocks.tally(counts, n)
    return text
