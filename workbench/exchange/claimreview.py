"""Verdicts as schema.org ClaimReview JSON-LD, the markup search engines read.

One ClaimReview per reviewed claim, as a JSON array (a valid JSON-LD document).
Claims marked `not_a_claim` have nothing to rate and are left out, as are
unreviewed ones. The rating scale runs from 1 (refuted) to 5 (supported);
`alternateName` carries the verdict in words, which is what readers see.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

BEST, WORST = 5, 1
RATINGS: dict[str, tuple[int, str]] = {
    "supported": (5, "Supported"),
    "unverifiable": (3, "Unverifiable"),
    "misleading": (2, "Misleading"),
    "refuted": (1, "Refuted"),
}
REQUIRED = ("@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "author",
            "datePublished", "url")


def review_url(row: sqlite3.Row, base_url: str | None) -> str:
    """Where the review lives: `base_url` + `#claim-ID`, else the article's own address
    (its origin URL, or its file as a file: URL)."""
    anchor = f"#claim-{row['id']}"
    if base_url:
        return base_url.rstrip("#") + anchor
    origin = row["origin"] or ""
    if "://" in origin:
        return origin + anchor
    return Path(origin).as_uri() + anchor if Path(origin).is_absolute() else anchor


def claim_review(row: sqlite3.Row, *, organisation: str | None = None,
                 base_url: str | None = None) -> dict[str, Any] | None:
    """The ClaimReview of one claim (a row of storage.verdicts.export_rows), or None when
    its status has no rating (unreviewed, not_a_claim)."""
    rating = RATINGS.get(row["status"])
    if rating is None:
        return None
    value, label = rating
    origin = row["origin"] or ""
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": row["article"]}
    if "://" in origin:
        appearance["url"] = origin
    claim_author = row["by"] or row["article"]
    date = (row["updated_at"] or "")[:10]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(row, base_url),
        "claimReviewed": row["text"],
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization" if not row["by"] else "Person",
                       "name": claim_author},
            "datePublished": (row["article_ingested_at"] or "")[:10],
            "appearance": appearance,
        },
        "author": {"@type": "Organization", "name": organisation or row["reviewer"]},
        "datePublished": date,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": label,
        },
    }
    return review


def write_claimreview(out: IO[str], rows: Iterable[sqlite3.Row], *,
                      organisation: str | None = None, base_url: str | None = None) -> int:
    """A JSON array of ClaimReview objects, written as it goes; returns how many."""
    count = 0
    out.write("[")
    for row in rows:
        review = claim_review(row, organisation=organisation, base_url=base_url)
        if review is None:
            continue
        out.write(",\n" if count else "\n")
        out.write(json.dumps(review, ensure_ascii=False, indent=None))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
