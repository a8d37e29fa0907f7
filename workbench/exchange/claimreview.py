"""Verdicts as schema.org ClaimReview JSON-LD, the markup search engines read.

One ClaimReview per reviewed claim, as a JSON array (a valid JSON-LD document).
Claims marked `not_a_claim` have nothing to rate and are left out, as are
unreviewed ones. The rating scale runs from 1 (refuted) to 5 (supported);
`alternateName` carries the verdict in words, which is what readers see.
Every review has one author (`--organisation`, else the session's reviewer); a
claim's author is whoever the article attributes it to, or for the article's
own voice the site it came from, and is left out when the workbench cannot tell.
"""

from __future__ import annotations

import re
from functools import lru_cache
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

# The last word of a name (before "of", "in", a comma...) that makes it an organisation's:
# "the interior ministry", "Acme Inc.", "Aid agencies", but "one police officer in Udhaim".
ORGANISATION_WORDS = frozenset((
    "department", "ministry", "agency", "office", "police", "council", "government",
    "authority", "commission", "committee", "bureau", "administration", "service", "court",
    "parliament", "congress", "senate", "army", "military", "embassy", "university",
    "institute", "hospital", "company", "bank", "fund", "programme", "organisation",
    "organization", "association", "union", "party", "board", "news", "press",
    "inc", "ltd", "llc", "plc", "corp", "corporation", "co", "gmbh", "ag",
))
# News agencies by name, the whole name but for a leading "the".
NEWS_AGENCIES = frozenset((
    "reuters", "ap", "afp", "agence france-presse", "bloomberg", "xinhua", "tass",
    "interfax", "dpa", "efe", "ansa", "upi", "kyodo", "yonhap", "pti",
))
_HEAD_END = re.compile(r",|\s(?:of|for|in|at|from|on|with|to|by|who|which|that)\s", re.I)
_WORD = re.compile(r"[\w'’-]+")


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
        file_uri=lambda origin: Path(origin).as_uri(), by_type=author_type)
    blocks.tally(counts, n)
    return text


@lru_cache(maxsize=4096)
def author_type(by: str) -> str:
    """The schema.org type of whoever a claim is attributed to: Organization for a news
    agency or a name whose head (its last word before "of", "in", a comma...) is one of
    ORGANISATION_WORDS, singular or plural; else Person. Cached: names recur."""
    words = _WORD.findall(_HEAD_END.split(by, maxsplit=1)[0].lower())
    if words[:1] == ["the"]:
        words = words[1:]
    if not words:
        return "Person"
    last = words[-1]
    singular = last[:-3] + "y" if last.endswith("ies") else last.removesuffix("s")
    if (" ".join(words) in NEWS_AGENCIES or last in ORGANISATION_WORDS
            or singular in ORGANISATION_WORDS):
        return "Organization"
    return "Person"
