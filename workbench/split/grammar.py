"""Tiny word-class cues (no tagger): finite verbs, determiners, subject finding."""

from __future__ import annotations

import re
import string
from typing import Final

from workbench.split.lexicon import Memo, words

AUX: Final = words(
    """is are was were be been am has have had will would could can may might must shall
    should do does did won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't
    haven't hadn't don't doesn't didn't"""
)
IRREGULAR: Final = words(
    """fled left took withdrew went came fell rose grew began won lost made said told gave got
    set put cut held kept led met paid ran saw sent sold spent stood struck brought bought
    built caught drew drove flew found heard hit knew meant read shot shut spoke spread stole
    taught threw understood wrote became broke chose ate fought hid lay sat slept swore burst
    cost hurt let beat blew dealt dug fed felt flung froze hung laid lent lit overcame rang
    sought shook shone shrank slid sped spun sprang stuck strode swung tore undertook wept
    withheld wound sank"""
)
DETERMINERS: Final = words(
    """the a an this that these those its their his her our my your some many most all any
    each every no several both few"""
)
PREPOSITIONS: Final = words(
    """of in on at by for with from to into onto over under near towards toward across after
    before since during through against about between among around"""
)
NUMBER_WORDS: Final = words(
    "one two three four five six seven eight nine ten dozens hundreds thousands"
)
_VERB_WORDS: Final = AUX | IRREGULAR
#: A word or number token.
WORD: Final = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?")


def tokens(text: str) -> list[re.Match[str]]:
    """Word and number tokens with their positions."""
    return list(WORD.finditer(text))


# Pronouns that are only objects: a word in -s before one is a verb ("puts them", "tells us").
_OBJECT_PRONOUNS: Final = words("them him us me")


def is_finite_verb(word: str, prev: str | None = None, nxt: str | None = None) -> bool:
    """Guess whether `word` is a finite verb from its form and neighbours."""
    low = word.lower()
    if low in _VERB_WORDS:
        return True
    if not word.islower() or len(low) < 4:
        return False
    if low.endswith("ed"):
        return prev is None or prev.lower() not in DETERMINERS
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        if prev is None:
            return False
        p = prev.lower()
        if p in DETERMINERS or p in NUMBER_WORDS or prev[0].isdigit() or p in PREPOSITIONS:
            return False
        if nxt is None:
            return False
        n = nxt.lower()
        return (n in DETERMINERS or n in PREPOSITIONS or n in _OBJECT_PRONOUNS
                or nxt[0].isdigit())
    return False


# A whole run of word characters made of ASCII letters, apostrophes and hyphens, counting the
# four non-ASCII letters that [a-z] matches under re.I (İ ı ſ K), written out: a set without
# re.I is scanned faster. The verb tests run on it.
_LETTER: Final = "a-zA-Z\u0130\u0131\u017f\u212a"
_RUN: Final = re.compile(rf"(?<![\w'’-])[{_LETTER}][{_LETTER}'-]*(?![\w'’-])")
_VERB_FORM: Final = re.compile(r"[a-z][a-z'-]*ed|[a-z][a-z'-]{2,}s", re.I)
_NEXT: Final = re.compile(r"\W*([A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?)")
_ASCII_LETTERS: Final = frozenset(string.ascii_letters)
_IN_WORD: Final = _ASCII_LETTERS | frozenset("'’-")
_PREV_REACH: Final = 30


def _prev_token(text: str, start: int) -> str | None:
    """The word or number token before `start` with only non-word characters between, seen
    from at most _PREV_REACH characters back (a truncated word is cut at that point)."""
    lo = max(0, start - _PREV_REACH)
    e = start
    while e > lo and not (text[e - 1].isalnum() or text[e - 1] == "_"):
        e -= 1
    if e == lo:
        return None
    c = text[e - 1]
    if c in _ASCII_LETTERS:
        i = e - 1
        while i > lo and text[i - 1] in _IN_WORD:
            i -= 1
        while text[i] not in _ASCII_LETTERS:
            i += 1
        k = e
        while k < start and text[k] in "'’-":
            k += 1
        return text[i:k]
    if not c.isdecimal():
        return None
    i = e - 1
    while i > lo and (text[i - 1] in ",." or text[i - 1].isdecimal()):
        i -= 1
    while not text[i].isdecimal():
        i += 1
    k = e
    while k < start and text[k] in ",.":
        k += 1
    if k < start and text[k] == "%":
        k += 1
    return text[i:k]


_NOT_VERB: Final = 0
_VERB: Final = 1
_MAYBE_VERB: Final = 2


def _word_class(w: str) -> int:
    """_VERB for an auxiliary or irregular past, _MAYBE_VERB for a lower-case -ed or -s form
    of four letters or more (its neighbours decide), else _NOT_VERB."""
    if w.lower() in _VERB_WORDS:
        return _VERB
    if w.islower() and len(w) >= 4 and _VERB_FORM.fullmatch(w):
        return _MAYBE_VERB
    return _NOT_VERB


#: _word_class by word, computed once per distinct word.
_WORD_CLASSES: Final = Memo(_word_class)


_JOINS: Final = words("and or nor but")
#: How many words may stand between a present verb and the plural that ends its object
#: ("raises property taxes by").
_OBJECT_REACH: Final = 1


def _may_lead_object(w: str, prev: str | None) -> bool:
    """Whether the -s form `w`, after the word `prev`, is a verb whose object may follow
    ("plan cuts", "budget raises"), should a plural after that object pass for the verb."""
    if prev is None or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return False
    p = prev.lower()
    return not (p in DETERMINERS or p in NUMBER_WORDS or p in PREPOSITIONS or p in _VERB_WORDS
                or p in _JOINS or p.endswith("ing") or prev[0].isdigit())


# Endings of plurals of people, seldom a verb after a noun: "dock workers", "city officials".
_PEOPLE_PLURALS: Final = ("ers", "ors", "ists", "ians", "ents", "ants", "als")


def _compound_plural(w: re.Match[str], prev: re.Match[str], prev2: re.Match[str]) -> bool:
    """Whether the word `w` is a plural of people after a noun that follows a preposition,
    the three words one space apart: "by dock workers", "of health officials", no verb."""
    return (w[0].endswith(_PEOPLE_PLURALS) and prev2[0] in PREPOSITIONS and prev[0].islower()
            and prev[0] not in DETERMINERS and prev[0] not in NUMBER_WORDS
            and prev2.end() + 1 == prev.start() and prev.end() + 1 == w.start())


def first_verb(text: str) -> int | None:
    """Character index of the first finite verb in `text`, or None. A plural before a
    preposition ("fares by", "property taxes by") passes for a verb; an -s form just before
    it, after a noun, is the verb rather ("The plan cuts fares by 10%")."""
    classes = _WORD_CLASSES
    held = -1  # where an -s form that may be the verb starts
    between = 0  # words since it
    last: re.Match[str] | None = None  # the last word, and the one before it
    last2: re.Match[str] | None = None
    for m in _RUN.finditer(text):
        w = m[0]
        c = classes[w]
        prev_run, prev_run2 = last, last2
        last2, last = last, m
        if c == _NOT_VERB:
            between += 1 if w not in _JOINS else _OBJECT_REACH + 1  # "buildings and weapons"
            continue
        if c == _VERB:
            return m.start()
        if (prev_run is not None and prev_run2 is not None
                and _compound_plural(m, prev_run, prev_run2)):
            between += 1
            continue
        n = _NEXT.match(text, m.end())
        # a comma after an -s form ends its phrase: "Excluding one-time items, the company
        # earned …" has no verb "items" with "the" for its object
        nxt = n[1] if n is not None and "," not in text[m.end() : n.start(1)] else None
        prev = _prev_token(text, m.start())
        if is_finite_verb(w, prev, nxt):
            if (held >= 0 and between <= _OBJECT_REACH and nxt is not None
                    and nxt.lower() in PREPOSITIONS and w.endswith("s")
                    and "," not in text[held : m.start()]):
                return held  # "cuts fares by": "cuts" the verb, "fares" its object
            return m.start()
        if _may_lead_object(w, prev):
            held, between = m.start(), 0
        else:
            between += 1
    return None


def has_verb(text: str) -> bool:
    """True when `text` holds something that looks like a finite verb."""
    return first_verb(text) is not None


# Simple pasts of irregular verbs news writes in -ing clauses, by their -ing form.
_IRREGULAR_PAST: Final = dict(
    pair.split(":")
    for pair in words(
        "taking:took leaving:left making:made giving:gave sending:sent bringing:brought "
        "putting:put cutting:cut setting:set hitting:hit running:ran sitting:sat getting:got "
        "holding:held keeping:kept telling:told saying:said seeing:saw going:went coming:came "
        "becoming:became building:built spending:spent losing:lost meeting:met paying:paid "
        "selling:sold leading:led writing:wrote driving:drove rising:rose falling:fell "
        "having:had finding:found thinking:thought buying:bought fighting:fought "
        "standing:stood winning:won beginning:began breaking:broke choosing:chose "
        "drawing:drew feeding:fed forgetting:forgot freezing:froze hiding:hid lending:lent "
        "letting:let lighting:lit shooting:shot shutting:shut speaking:spoke spreading:spread "
        "stealing:stole striking:struck teaching:taught throwing:threw wearing:wore "
        "beating:beat fleeing:fled costing:cost hurting:hurt quitting:quit splitting:split "
        "shedding:shed spinning:spun swimming:swam sinking:sank seeking:sought "
        "sleeping:slept sweeping:swept bleeding:bled"
    )
)


def past_tense(ing: str) -> str | None:
    """The simple past of a verb in its -ing form ('abandoning' → 'abandoned'), or None when
    no rule tells it ('being', 'during')."""
    if ing in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[ing]
    stem = ing[:-3]
    if not ing.endswith("ing") or len(stem) < 3 or ing in ("being", "during", "nothing"):
        return None
    if stem.endswith("e"):  # agreeing → agreed
        return stem + "d"
    if stem.endswith("y") and stem[-2] not in "aeiou":  # carrying → carried
        return stem[:-1] + "ied"
    return stem + "ed"  # abandoning → abandoned, closing → closed, stopping → stopped
