"""Verdicts as JSON lines: one object per claim, every field, sources as a list."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import IO, Any

FIELDS = (
    "claim_id", "article", "seq", "claim", "by", "status", "confidence", "sources", "notes",
    "reviewer", "session", "updated_at", "title", "origin", "version", "kind", "start", "end",
    "checkworthiness", "needs_review", "previous_claim_id",
)


def record(row: sqlite3.Row, session: str) -> dict[str, Any]:
    """One claim with its verdict (a row of storage.verdicts.export_rows) as a dict."""
    return {
        "claim_id": row["id"], "article": row["article_id"], "seq": row["seq"],
        "claim": row["text"], "by": row["by"], "status": row["status"],
        "confidence": row["confidence"], "sources": json.loads(row["sources"]),
        "notes": row["notes"], "reviewer": row["reviewer"], "session": session,
        "updated_at": row["updated_at"], "title": row["article"], "origin": row["origin"],
        "version": row["version"], "kind": row["kind"], "start": row["start"],
        "end": row["end"], "checkworthiness": row["checkworthiness"],
        "needs_review": bool(row["needs_review"]), "previous_claim_id": row["previous_claim_id"],
    }


def write_jsonl(out: IO[str], rows: Iterable[sqlite3.Row], session: str) -> int:
    """One JSON object per line; returns the number of lines."""
    count = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for row in rows:
        out.write(dumps(record(row, session)))
        out.write("\n")
        count += 1
    return count
