"""Verdicts as schema.org ClaimReview JSON-LD, the markup search engines read.

One ClaimReview per reviewed claim, as a JSON array (a valid JSON-LD document).
Claims marked `not_a_claim` have nothing to rate and are left out, as are
unreviewed ones. The rating scale runs from 1 (refuted) to 5 (supported);
`alternateName` carries the verdict in words, which is what readers see.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

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
    count = 0
    out.write("[")
    for review in verdicts.claim_reviews(
            db, session_id, ratings=RATINGS, best=BEST, worst=WORST,
            organisation=organisation or None,
            base_url=base_url.rstrip("#") if base_url else None,
            file_uri=lambda origin: Path(origin).as_uri()):
        out.write(",\n" if count else "\n")
        out.write(review)
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
