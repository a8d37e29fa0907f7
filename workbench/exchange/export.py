"""Export a session's verdicts in one of the exchange formats."""

from __future__ import annotations

from typing import IO

from workbench.exchange.claimreview import write_claimreview
from workbench.exchange.csvsheet import export_sheet
from workbench.exchange.jsonl import write_jsonl
from workbench.storage import Database, sessions

FORMATS = ("csv", "jsonl", "claimreview")


def export_session(db: Database, session: str, fmt: str, out: IO[str], *,
                   organisation: str | None = None, base_url: str | None = None) -> int:
    """Write the session's verdicts to `out`; returns the number of records written.

    csv and jsonl hold every claim in scope (unreviewed included); claimreview
    holds the reviewed claims that have a rating.
    """
    row = sessions.require(db, session)
    if fmt == "csv":
        return export_sheet(out, db, row["id"], row["name"])
    if fmt == "jsonl":
        return write_jsonl(out, db, row["id"], row["name"])
    if fmt == "claimreview":
        return write_claimreview(out, db, row["id"], organisation=organisation,
                                 base_url=base_url)
    raise ValueError(f"unknown format {fmt!r}")
