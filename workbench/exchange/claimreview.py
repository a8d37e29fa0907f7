"""Verdicts as schema.org ClaimReview JSON-LD, the markup search engines read.

One ClaimReview per reviewed claim, as a JSON array (a valid JSON-LD document).
Claims marked `not_a_claim` have nothing to rate and are left out, as are
unreviewed ones. The rating scale runs from 1 (refuted) to 5 (supported);
`alternateName` carries the verdict in words, which is what readers see.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from workbench import parallel
from workbench.exchange import blocks
from workbench.storage import Database, verdicts

BEST, WORST = 5, 1
RATINGS: dict[str, tuple[int, str]] = {
    "supported": (5, "Supported"),
    "unverifiable": (3, "Unverifiable"),
    "misleading": (2, "Misleading"),
    "refuted": (1, "Refuted"),
}
REQUIRED = ("@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "author",
            "datePublished", "url")


def write_claimreview(out: IO[str], db: Database, session_id: int, *,
                      organisation: str | None = None, base_url: str | None = None) -> int:
    """A JSON array of ClaimReview objects (SQLite builds each), written as it goes; returns
    how many. The url is `base_url#claim-ID`, else the article's own address (its origin
    URL, or its file as a file: URL)."""
    with blocks.written(db, "workbench.exchange.claimreview:review_block", {
            "s": session_id, "organisation": organisation or None,
            "base_url": base_url.rstrip("#") if base_url else None}) as (count, pieces):
        out.write("[")
        out.writelines(parallel.without_first_separator(pieces))
    out.write("\n]\n" if count else "]\n")
    return count


def review_block(db: Database, params: dict[str, Any], low: int, high: int,
                 counts: parallel.Counts) -> str:
    """A parallel task: the reviews of the articles with ids `low` to `high`, each ",\n"
    and its JSON."""
    text, n = verdicts.claim_review_block(
        db, params["s"], low, high, ratings=RATINGS, best=BEST, worst=WORST,
        organisation=params["organisation"], base_url=params["base_url"],
        file_uri=lambda origin: Path(origin).as_uri())
    blocks.tally(counts, n)
    return text
