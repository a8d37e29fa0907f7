"""Full-text candidates for search and similar claims (the claims_fts index).

Ranking every claim that shares a common word costs seconds at a million claims, so the
index is asked in steps that each touch few rows: first the claims holding every word,
then any of the rarer words (their counts come from the fts5vocab table), and only then,
unranked, any word at all. A search's plural word finds its singular too ("scooters",
"scooter"). A word the index does not know (a typo) is looked up as the words it knows one
edit away ("oficers": "officers"), then by its first letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.storage.claims import CURRENT_VERSION
from workbench.storage.db import Database
from workbench.storage.engine import sqlite3

_WORD = re.compile(r"\w+", re.UNICODE)
_STOP_WORDS = (
    "the and for are was were has have had but not with that this from its his her their they "
    "them you our who which what when where will would could should been being also into than "
    "then there these those about after before said says"
)
_STOP = frozenset(_STOP_WORDS.split())
# Rank (bm25) at most this many matching claims in one query; beyond it, take them unranked.
RANK_BUDGET = 20_000
MAX_TERMS = 12


@dataclass(frozen=True, slots=True)
class _Term:
    expr: str  # an FTS5 phrase, quoted, maybe with a trailing * for a prefix
    docs: int  # how many claims hold it (an upper bound for a prefix)


def words(text: str) -> list[str]:
    """The words of a search that count: lower case, once each, no stop words or words of
    one or two letters (numbers count)."""
    words = [w for w in _WORD.findall(text.lower()) if (len(w) > 2 or w.isdigit())]
    return [w for w in dict.fromkeys(words) if w not in _STOP][:MAX_TERMS]


def _docs(db: Database, word: str, prefix: bool) -> int:
    if not prefix:
        row = db.query("SELECT doc FROM claims_fts_vocab WHERE term = ?", (word,))
        return int(row[0][0]) if row else 0
    row = db.query(
        "SELECT sum(doc) FROM claims_fts_vocab WHERE term >= ? AND term < ?",
        (word, word + "\U0010ffff"),
    )
    return int(row[0][0] or 0)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _singular(word: str) -> list[str]:
    """The forms a plural word may have in the singular ("cities": "city"; "buses":
    "bus"; "scooters": "scooter")."""
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss") or word.isdigit():
        return []
    forms = [word[:-1]]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith("es") and len(word) > 4:
        forms.append(word[:-2])
    return forms


def _one_edit(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter added, left out, changed, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return a[i + 1:] == b[i + 1:] or (swapped and a[i + 2:] == b[i + 2:])


def _near(db: Database, word: str, most: int = 5) -> list[tuple[str, int]]:
    """The words the index knows one edit away from `word` (its first letter kept), with
    how many claims hold each, the commonest first."""
    rows = db.query(
        "SELECT term, doc FROM claims_fts_vocab WHERE term >= ? AND term < ?"
        " AND length(term) BETWEEN ? AND ?",
        (word[0], word[0] + "\U0010ffff", len(word) - 1, len(word) + 1))
    near = [(term, int(doc)) for term, doc in rows if _one_edit(word, term)]
    return sorted(near, key=lambda t: -t[1])[:most]


def _terms(db: Database, text: str, prefix: bool) -> list[_Term]:
    """The words of `text` the index knows, rarest first; a search's plural finds its
    singular too, and a typo the words one edit away or, failing those, a prefix."""
    terms: list[_Term] = []
    for word in words(text):
        forms = [word]
        if prefix:  # a form another starts with finds that one too: "scooter"*, "scooters"
            singular = _singular(word)
            forms = [f for f in [word, *singular] if not any(
                f != g and f.startswith(g) for g in singular)]
        found = [(f, d) for f in forms if (d := _docs(db, f, prefix))]
        if not found and len(word) >= 4 and not word.isdigit():
            found = _near(db, word)
        if found:
            star = "*" if prefix else ""
            expr = " OR ".join(_quoted(f) + star for f, _d in found)
            terms.append(_Term(f"({expr})" if len(found) > 1 else expr,
                               sum(d for _f, d in found)))
            continue
        if len(word) >= 5 and not word.isdigit():
            stem = word[: max(4, len(word) - 2)]
            if docs := _docs(db, stem, True):
                terms.append(_Term(f'"{stem}"*', docs))
    return sorted(terms, key=lambda t: t.docs)


def _hits(db: Database, sql: str, match: str, limit: int, ranked: bool) -> list[int]:
    order = " ORDER BY rank" if ranked else ""
    return [r[0] for r in db.query(sql.format(order=order), (match, limit))]


def _stepwise(db: Database, text: str, limit: int, prefix: bool, sql: str) -> list[int]:
    terms = _terms(db, text, prefix)
    if not terms:
        return []
    found: dict[int, None] = {}
    if len(terms) > 1:  # every word: no more claims than hold the rarest one
        every = " AND ".join(t.expr for t in terms)
        found.update(dict.fromkeys(_hits(db, sql, every, limit, terms[0].docs <= RANK_BUDGET)))
    rare, budget = [], 0
    for t in terms:
        if budget + t.docs > RANK_BUDGET and rare:
            break
        rare.append(t)
        budget += t.docs
    if len(found) < limit:
        ranked = budget <= RANK_BUDGET
        found.update(
            dict.fromkeys(_hits(db, sql, " OR ".join(t.expr for t in rare), limit, ranked))
        )
    if len(found) < limit and len(rare) < len(terms):
        found.update(
            dict.fromkeys(_hits(db, sql, " OR ".join(t.expr for t in terms), limit, False))
        )
    return list(found)[:limit]


# SQL: ids of claims matching an FTS5 query that reviewers see: not dropped, of an
# article's current version (as the current_articles view has it).
_LIVE_HITS = (
    "SELECT f.rowid FROM claims_fts f JOIN claims c ON c.id = f.rowid"
    " WHERE claims_fts MATCH ? AND NOT c.dropped"
    f" AND {CURRENT_VERSION}"
    "{order} LIMIT ?"
)


def candidates(db: Database, text: str, *, limit: int = 300, prefix: bool = False) -> list[int]:
    """Ids of live claims of current articles whose text shares words with `text`,
    the closest first."""
    return _stepwise(db, text, limit, prefix, _LIVE_HITS)


def reviewed_candidates(
    db: Database, text: str, exclude_article: int, *, limit: int = 200
) -> list[sqlite3.Row]:
    """Live claims of other current articles sharing words with `text` that have a
    verdict (not unreviewed) in any session: claim id, text, article title, status,
    confidence, sources, session; a claim's newest verdict first. Not a claim of an earlier
    version, which a re-ingest's carried verdict would show twice, nor a verdict flagged
    for re-review: it was made on an earlier wording of its claim, and says nothing yet of
    this one."""
    ids = _stepwise(db, text, limit, False, _LIVE_HITS)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = db.query(
        "SELECT c.id, c.text, a.title AS article, v.status, v.confidence, v.sources,"
        "  s.name AS session, v.updated_at"
        " FROM claims c JOIN articles a ON a.id = c.article_id"
        # then each session's verdict by its primary key; a plain JOIN lets SQLite read
        # the verdicts table first, all of it (0.7 s at a million claims)
        " CROSS JOIN sessions s"
        " CROSS JOIN verdicts v ON v.session_id = s.id AND v.claim_id = c.id"
        " AND v.status != 'unreviewed' AND NOT v.needs_review"
        f" WHERE c.id IN ({marks}) AND c.article_id != ?",
        (*ids, exclude_article),
    )
    order = {claim_id: n for n, claim_id in enumerate(ids)}
    newest_first = sorted(rows, key=lambda r: r["updated_at"], reverse=True)
    return sorted(newest_first, key=lambda r: order[r["id"]])
