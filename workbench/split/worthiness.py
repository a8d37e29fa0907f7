"""Check-worthiness: a 0–1 score from surface cues, a logistic function of a few features.

Numbers, quantities, money, years, names, comparisons and past-tense reports raise the score;
opinion, prediction, first/second person talk, questions and very short sentences lower it.
The weights were fitted once by logistic regression on `tests/data/split/claimbuster_dev.jsonl`;
bench/split_quality.py reports ROC AUC on the separate ClaimBuster test file.
"""

from __future__ import annotations

import math
import re
import string
from functools import cache, reduce
from operator import or_
from typing import Final

from workbench.model import Kind
from workbench.split.kinds import FACT, QUOTE, cued_kind, may_cue
from workbench.split.lexicon import Memo, by_first_letter, words

_TOKEN: Final = re.compile(r"[a-z][a-z']*|\d[\d,.]*|[%$]")
_UPPER: Final = frozenset(string.ascii_uppercase)  # a name: after whitespace, [A-Z][A-Za-z]
_ASCII_LETTERS: Final = frozenset(string.ascii_letters)
# Never part of a token (nor "'"): stripped from a chunk's edges they leave its word.
_EDGE: Final = ',.;:!?()[]"“”‘’'

# Feature word lists: a token (or a two-word phrase) in the list sets the feature.
_LISTS: Final[dict[str, frozenset[str]]] = {
    "quantity": words(
        """% $ percent million billion trillion thousand hundred dollar dollars half twice
        double doubled doubles triple tripled dozen dozens"""
    ),
    "numword": words(
        """one two three four five six seven eight nine ten eleven twelve twenty thirty forty
        fifty sixty seventy eighty ninety"""
    ),
    "compare": words(
        """more less fewer than higher lower increase increased decrease decreased rose fell cut
        raised largest highest lowest biggest smallest most least record only every since"""
    ),
    "report": words(
        """voted passed signed vetoed proposed supported opposed created lost spent paid killed
        invaded seized increased reduced said was were did been tax taxes jobs deficit debt
        budget unemployment inflation percent rate"""
    ),
    "opinion_talk": words(
        """i'm thank important believe should ought must great good wrong right i'll we'll"""
    ),
    "you": words("you your you're yours"),
    "future": words("will would could might may can if"),
}
_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "opinion_talk": (
        "i think",
        "i believe",
        "i feel",
        "i am ",
        "let me",
        "we need",
        "we must",
        "we should",
        "i want",
        "i will",
        "i hope",
        "i know",
        "i don't",
        "we've got",
        "we have to",
        "my opinion",
        "we're going",
    ),
    "future": ("going to",),
}
_BIAS: Final = -1.05
_WEIGHTS: Final = {
    "digit": 1.7,
    "quantity": 1.3,
    "year": 0.15,
    "numword": 0.8,
    "compare": 0.6,
    "report": 1.2,
    "opinion_talk": -1.45,
    "you": -0.3,
    "future": -1.0,
    "question": -1.9,
    "names": 0.55,
    "short": -0.6,
    "long": 0.6,
}
_KIND: Final = {Kind.OPINION: -0.5, Kind.PREDICTION: -0.2, Kind.QUOTE: 0.0, Kind.FACT: 0.0}


# Each binary feature is one bit; a table holds the weight sum of every combination of bits.
_BINARY: Final = (*_LISTS, "digit", "year", "question", "short", "long")
_BIT: Final = {name: 1 << k for k, name in enumerate(_BINARY)}
_WORD_BITS: Final[dict[str, int]] = {}
for _name, _lst in _LISTS.items():
    for _w in _lst:
        _WORD_BITS[_w] = _WORD_BITS.get(_w, 0) | _BIT[_name]
_FEATURES: Final = (1 << len(_BINARY)) - 1
def _any_rx(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A search for any of `phrases` (plain text, each starting with a letter)."""
    return re.compile(by_first_letter(re.escape(p) for p in phrases))


# (bit, cue, first words, regex): a phrase's first word ends a chunk; a chunk that ends in one
# of them carries the `cue` bit, and only then is the phrase regex worth a search.
_PHRASE_BITS: Final = tuple(
    (
        _BIT[name],
        1 << (len(_BINARY) + k),
        tuple(sorted({p.split()[0] for p in phrases})),
        _any_rx(phrases),
    )
    for k, (name, phrases) in enumerate(_PHRASES.items())
)
_TABLE: Final = tuple(
    sum(_WEIGHTS[name] for k, name in enumerate(_BINARY) if mask >> k & 1)
    for mask in range(1 << len(_BINARY))
)
_DIGIT: Final = _BIT["digit"]
_YEAR: Final = _BIT["year"]
_QUESTION: Final = _BIT["question"]
_SHORT: Final = _BIT["short"]
_LONG: Final = _BIT["long"]
_CUES: Final = reduce(or_, (cue for _, cue, _, _ in _PHRASE_BITS))
# Set on a chunk that may hold a prediction or opinion cue: without it a claim is a fact.
_MAY_CUE: Final = 1 << (len(_BINARY) + len(_PHRASE_BITS))


_NAME: Final = 1 << 40  # a chunk's value counts names from here up; feature bits sum far below it
_KEPT: Final = _FEATURES | _MAY_CUE
# The score's sum by kind and feature bits, then the names' term: added in the order of
# _BIAS + _KIND[kind] + _TABLE[bits] + _WEIGHTS["names"] * names, so every float is the same.
_BASE: Final = {kind: tuple(_BIAS + w + t for t in _TABLE) for kind, w in _KIND.items()}
_NAMES_TERM: Final = tuple(_WEIGHTS["names"] * n for n in range(4))


def _chunk_value(w: str) -> int:
    """The feature bits of one whitespace-free chunk, _MAY_CUE when it may hold a kind's cue,
    plus _NAME when it starts like a name."""
    value = _NAME if w[0] in _UPPER and w[1:2] in _ASCII_LETTERS else 0
    lw = w.lower()
    if may_cue(lw):
        value |= _MAY_CUE
    core = lw.strip(_EDGE)
    # A chunk that is a plain ASCII word once its edge punctuation is stripped is its own only
    # token; the rest go through _TOKEN.
    for _, cue, firsts, _ in _PHRASE_BITS:
        if lw.endswith(firsts):
            value |= cue
    if core.isalpha() and core.isascii():
        return value | _WORD_BITS.get(core, 0)
    for t in _TOKEN.findall(lw):
        bits = _WORD_BITS.get(t)
        if bits:
            value |= bits
        elif t[0].isdigit():
            value |= _DIGIT
            if len(t) == 4 and t[:2] in ("18", "19", "20"):
                value |= _YEAR
    return value


#: _chunk_value by chunk, computed once per distinct chunk.
_CHUNK_VALUES: Final = Memo(_chunk_value)


def _mask(text: str) -> tuple[int, int]:
    """(bitmask of binary features and _MAY_CUE, number of names capped at 3) of `text`."""
    # Tokens never cross whitespace, so the features are those of the chunks put together.
    chunks = text.split()
    memo = _CHUNK_VALUES
    mask = total = 0
    for chunk in chunks:
        value = memo[chunk]
        if value:  # most chunks are 0
            mask |= value
            total += value
    names = total // _NAME
    if chunks and memo[chunks[0]] >= _NAME and not text[:1].isspace():
        names -= 1  # a name only after whitespace
    if mask & _CUES:
        low = text.lower()
        for bit, cue, _, rx in _PHRASE_BITS:
            if mask & cue and not mask & bit and rx.search(low):
                mask |= bit
    mask &= _KEPT
    if "?" in text:
        mask |= _QUESTION
    n = text.count(" ") + 1
    if n < 7:
        mask |= _SHORT
    elif n > 18:
        mask |= _LONG
    return mask, min(names, 3)


def score(text: str, kind: Kind = Kind.FACT) -> float:
    """A check-worthiness score in [0, 1]; higher means more worth checking."""
    mask, names = _mask(text)
    return _worth(mask, names, kind)


def assess(text: str, *, quoted: bool = False) -> tuple[Kind, float]:
    """`kind_of(text, quoted=quoted)` and the score for that kind, from one pass over the
    text (kind_of's word search runs only when a chunk may hold a cue)."""
    mask, names = _mask(text)
    kind = QUOTE if quoted else cued_kind(text) if mask & _MAY_CUE else FACT
    return kind, _worth(mask, names, kind)


def _worth(mask: int, names: int, kind: Kind) -> float:
    return _squash(_BASE[kind][mask & _FEATURES] + _NAMES_TERM[names])


@cache
def _squash(x: float) -> float:
    """The logistic function rounded to 3 places; x takes few values, so each is computed once."""
    return round(1 / (1 + math.exp(-x)), 3)
