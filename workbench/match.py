"""Finding claims: fuzzy search over claim text, and similar claims reviewed before.

SQLite's full-text index gives candidates; rapidfuzz ranks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from workbench.model import Source, sources_from_json
from workbench.storage import Database, claims, search

CANDIDATES = 600  # full-text candidates rapidfuzz ranks for a search


@dataclass(frozen=True, slots=True)
class Similar:
    """A claim of another article with a verdict, and how close it is (0-100)."""

    claim_id: int
    text: str
    article: str
    session: str
    status: str
    confidence: int | None
    score: float
    sources: tuple[Source, ...] = ()  # the verdict's evidence, copied with it
    same_figures: bool = True  # False: its numbers are not the claim's ("1" and "10 million")


def search_claims(
    db: Database, text: str, *, limit: int = 200, article_id: int | None = None
) -> list[int]:
    """Claim ids whose text best matches `text` (typos forgiven), best first."""
    text = text.strip()
    if not text:
        return []
    ids = search.candidates(db, text, limit=CANDIDATES, prefix=True)
    if article_id is not None:  # within one article, rank every claim: it is small
        ids = list(dict.fromkeys([*ids, *(r["id"] for r in claims.page(
            db, claims.ClaimFilter(article_id=article_id), limit=5000))]))
    if not ids:
        return []
    rows = claims.rows_by_ids(db, None, ids)
    choices = {r["id"]: r["text"] for r in rows}
    ranked = process.extract(
        text, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=50,
        processor=str.lower,
    )
    terms = search.words(text)
    return [key for claim, _score, key in ranked if _covers(terms, claim)]


_CLAIM_WORD = re.compile(r"\w[\w.%]*")


CLOSE = 75  # how alike (0-100) a name must be to what was typed, typos forgiven


def close_names(typed: str, names: list[str]) -> list[int]:
    """The indexes of `names` (in lower case) that hold every word of `typed` but for a
    typo or two ("flods" finds "Flash floods kill …"), best first: a picker's list when no
    name holds what was typed as it is."""
    words = typed.lower().split()
    if not words:
        return []
    scored = []
    for n, name in enumerate(names):
        scores = [fuzz.partial_ratio(w, name) for w in words]
        if min(scores) >= CLOSE:
            scored.append((-sum(scores), n))
    return [n for _score, n in sorted(scored)]


def _covers(terms: list[str], claim: str) -> bool:
    """Whether `claim` holds the search's words, each as a word of it, the start of one (a
    word still being typed) or one a typo away: on average, closely. WRatio alone scores
    any claim sharing one short word ("of", "6") highly."""
    if not terms:
        return True
    words = _CLAIM_WORD.findall(claim.lower())
    if not words:
        return False
    total = 0.0
    for term in terms:
        if any(w.startswith(term) for w in words):
            total += 100
        else:
            best = process.extractOne(term, words, scorer=fuzz.ratio)
            total += best[1] if best else 0
    return total / len(terms) >= COVERED


COVERED = 75  # how closely, on average, a search's words must be in a claim it finds


def similar(
    db: Database, claim_id: int, text: str, article_id: int, *, limit: int = 3,
    cutoff: float = 60, session: str | None = None, blind: bool = False,
) -> list[Similar]:
    """The closest claims of other articles that have a verdict in any session: a claim
    once (the verdict of `session`, the reviewer's own, where it has one, else its newest),
    and a text with the same verdict once (the same wire sentence in two articles). For a
    `blind` session, its own verdicts only."""
    rows = search.reviewed_candidates(db, text, article_id)
    if blind:
        rows = [r for r in rows if r["session"] == session]
    elif session is not None:  # own verdicts first: the first row of a claim is kept
        rows = sorted(rows, key=lambda r: r["session"] != session)
    best: dict[int, Similar] = {}
    shown: set[tuple[str, str, int | None]] = set()
    stated = figures(text)
    for row in rows:
        verdict = (row["text"], row["status"], row["confidence"])
        if row["id"] == claim_id or row["id"] in best or verdict in shown:
            continue
        score = fuzz.token_sort_ratio(text.lower(), row["text"].lower())
        if score < cutoff:
            continue
        shown.add(verdict)
        best[row["id"]] = Similar(row["id"], row["text"], row["article"], row["session"],
                                  row["status"], row["confidence"], score,
                                  tuple(sources_from_json(row["sources"])),
                                  figures(row["text"]) == stated)
    return sorted(best.values(), key=lambda s: -s.score)[:limit]


_FIGURE = re.compile(r"\d[\d,.]*\d|\d")


def figures(text: str) -> list[str]:
    """The numbers a text states, in order ("1,100" as "1100"): two claims alike in words
    but not in these are different claims to check ("spent 1 million" and "10 million")."""
    return [n.replace(",", "") for n in _FIGURE.findall(text)]
