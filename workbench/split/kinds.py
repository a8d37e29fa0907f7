"""Classify a claim as fact, quote, prediction or opinion with word lists."""

from __future__ import annotations

import re
from typing import Final

from workbench.model import Kind
from workbench.split.lexicon import by_first_letter

_PREDICTION_WORDS: Final = (
    r"will|won't|would|wouldn't|could|couldn't|may|might|likely|unlikely|expected to|"
    r"going to|set to|due to|plans? to|poised to|forecasts?|predicts?|is sure to|are sure to|"
    r"expects?"
)
_OPINION_WORDS: Final = (
    r"should|shouldn't|ought to|disgrace\w*|brilliant|terrible|awful|outrageous|"
    r"shameful|wonderful|ridiculous|absurd|excellent|horrible|fantasy|incompetent"
)


def _words_rx(alternatives: str, flags: int = 0) -> re.Pattern[str]:
    """A search for any of `alternatives` ("will|won't|…", each starting with a letter) as a
    whole word, grouped by first letter so that a word starting otherwise fails at once."""
    return re.compile(r"\b(?:" + by_first_letter(alternatives.split("|")) + r")\b", flags)


_PREDICTION_RX: Final = _words_rx(_PREDICTION_WORDS)
_OPINION_RX: Final = _words_rx(_OPINION_WORDS)
# The same searches for ASCII text, which they match alike (no \s or \d in them), with the cheaper
# ASCII test of \b and \w.
_PREDICTION_ASCII: Final = _words_rx(_PREDICTION_WORDS, re.ASCII)
_OPINION_ASCII: Final = _words_rx(_OPINION_WORDS, re.ASCII)
# Both lists in one scan: a lower-cased text without a match is a fact.
_CUE: Final = _words_rx(f"{_PREDICTION_WORDS}|{_OPINION_WORDS}")
# What a law or rule "would allow" is a fact about the rule, not a prediction.
_ALLOWS: Final = re.compile(r"\bwould (allow|permit|let|require|ban|give)\b")
_ALLOWS_ASCII: Final = re.compile(_ALLOWS.pattern, re.ASCII)
_MONTH_MAY: Final = re.compile(r"(?<=\S )May\b")  # the month, not the modal
# "Will" inside a sentence before a capitalised word: a first name ("Will Norris").
_NAME_WILL: Final = re.compile(r"(?<=\S )Will(?= [A-Z])")
_LIKELIER: Final = re.compile(r"\b(?:less|more|as)\s+likely\s+to\b")
# "twice as likely to be obese as those …": a likelihood compared, as with "than".
_AS_LIKELY: Final = re.compile(r"\bas\s+likely\s+to\b.*\sas\s")
# "forecast" as a noun after a determiner or possessive ("cut its forecast", "the sales
# forecast") or a result it is set against ("beats forecasts"): no forecast made.
_A_FORECAST: Final = re.compile(
    r"\b(?:its|their|his|her|the|a|an|our|sales|profit|earnings|revenue|full-year|annual"
    r"|beat|beats|beating|missed|misses|missing|topped|tops|exceeded|exceeds|analysts'|above"
    r"|below)\s+forecasts?\b")
# Cues that span chunks ("expected to", "is sure to") have a chunk that marks them: one ending in
# the first word of a two-word cue ("plans?" is "plan" or "plans"), else a middle word whole.
_SPANNING: Final = [
    a.split() for a in f"{_PREDICTION_WORDS}|{_OPINION_WORDS}".split("|") if " " in a
]
_CUE_FIRSTS: Final = tuple(
    {f for w in _SPANNING if len(w) == 2 for f in (w[0].replace("s?", ""), w[0].replace("?", ""))}
)
_CUE_MIDDLES: Final = frozenset(w[1] for w in _SPANNING if len(w) > 2)
# The kinds as plain names: an attribute of an Enum class is a slow lookup on every use.
FACT: Final = Kind.FACT
QUOTE: Final = Kind.QUOTE
PREDICTION: Final = Kind.PREDICTION
OPINION: Final = Kind.OPINION


def kind_of(text: str, *, quoted: bool = False) -> Kind:
    """The kind of one claim's text; `quoted` when it came from inside quotation marks."""
    if quoted:
        return QUOTE
    if not _CUE.search(text.lower()):
        return FACT
    return cued_kind(text)


def cued_kind(text: str) -> Kind:
    """kind_of(text) without its first search, for a text likely to hold a cue (assess knows
    from its chunks). Right for any text: where _CUE finds nothing, neither search below finds
    anything (each list is part of _CUE's, and "month" for the month May makes no cue)."""
    t = _MONTH_MAY.sub("month", text) if "May" in text else text
    if "Will" in t:  # a name ("goalkeeper Will Norris"), not the modal
        t = _NAME_WILL.sub("name", t)
    low = t.lower()
    if "would have" in low:  # what would have been, not what will be
        low = low.replace("would have", "had")
    if "likely to" in low and (" than " in low or _AS_LIKELY.search(low)):
        # a comparison of how likely: found, checkable
        low = _LIKELIER.sub("apt to", low)
    if "forecast" in low:
        low = _A_FORECAST.sub("outlook", low)
    is_ascii = low.isascii()
    prediction = _PREDICTION_ASCII if is_ascii else _PREDICTION_RX
    allows = _ALLOWS_ASCII if is_ascii else _ALLOWS
    if prediction.search(low) and not ("would " in low and allows.search(low)):
        return PREDICTION
    return OPINION if (_OPINION_ASCII if is_ascii else _OPINION_RX).search(low) else FACT


def may_cue(chunk: str) -> bool:
    """False when the lower-cased whitespace-free `chunk` holds no part of a prediction or
    opinion cue, so a text made only of such chunks is a fact unless quoted."""
    return bool(_CUE.search(chunk)) or chunk.endswith(_CUE_FIRSTS) or chunk in _CUE_MIDDLES
