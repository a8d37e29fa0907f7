"""Tiny word-class cues (no tagger): finite verbs, determiners, subject finding."""

from __future__ import annotations

import re

from workbench.split.lexicon import words

AUX = words(
    """is are was were be been am has have had will would could can may might must shall
    should do does did won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't
    haven't hadn't don't doesn't didn't"""
)
IRREGULAR = words(
    """fled left took withdrew went came fell rose grew began won lost made said told gave got
    set put cut held kept led met paid ran saw sent sold spent stood struck brought bought
    built caught drew drove flew found heard hit knew meant read shot shut spoke spread stole
    taught threw understood wrote became broke chose ate fought hid lay sat slept swore burst
    cost hurt let beat blew dealt dug fed felt flung froze hung laid lent lit overcame rang
    sought shook shone shrank slid sped spun sprang stuck strode swung tore undertook wept
    withheld wound sank"""
)
DETERMINERS = words(
    """the a an this that these those its their his her our my your some many most all any
    each every no several both few"""
)
PREPOSITIONS = words(
    """of in on at by for with from to into onto over under near towards toward across after
    before since during through against about between among around"""
)
NUMBER_WORDS = words("one two three four five six seven eight nine ten dozens hundreds thousands")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?")


def tokens(text: str) -> list[re.Match[str]]:
    """Word and number tokens with their positions."""
    return list(_WORD.finditer(text))


def is_finite_verb(word: str, prev: str | None = None, nxt: str | None = None) -> bool:
    """Guess whether `word` is a finite verb from its form and neighbours."""
    low = word.lower()
    if low in AUX or low in IRREGULAR:
        return True
    if not word.islower() or len(low) < 4:
        return False
    if low.endswith("ed"):
        return prev is None or prev.lower() not in DETERMINERS
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        if prev is None or (
            prev.lower() in DETERMINERS
            or prev.lower() in NUMBER_WORDS
            or prev[0].isdigit()
            or prev.lower() in PREPOSITIONS
        ):
            return False
        return nxt is not None and (
            nxt.lower() in DETERMINERS or nxt.lower() in PREPOSITIONS or nxt[0].isdigit()
        )
    return False


_CANDIDATE = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(sorted((re.escape(w) for w in AUX | IRREGULAR), key=len, reverse=True))
    + r"|[a-z][a-z'-]*ed|[a-z][a-z'-]{2,}s)(?![\w'’-])",
    re.I,
)
_PREV = re.compile(r"([A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?)\W*$")
_NEXT = re.compile(r"\W*([A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?)")


def first_verb(text: str) -> int | None:
    """Character index of the first finite verb in `text`, or None."""
    for m in _CANDIDATE.finditer(text):
        p = _PREV.search(text, max(0, m.start() - 30), m.start())
        n = _NEXT.match(text, m.end())
        if is_finite_verb(m.group(), p.group(1) if p else None, n.group(1) if n else None):
            return m.start()
    return None


def has_verb(text: str) -> bool:
    """True when `text` holds something that looks like a finite verb."""
    return first_verb(text) is not None
