"""Classify a claim as fact, quote, prediction or opinion with word lists."""

from __future__ import annotations

import re

from workbench.model import Kind

_PREDICTION_WORDS = (
    r"will|won't|would|wouldn't|could|couldn't|may|might|likely|unlikely|expected to|"
    r"going to|set to|due to|plans? to|poised to|forecasts?|predicts?|is sure to|are sure to"
)
_OPINION_WORDS = (
    r"should|shouldn't|ought to|disgrace\w*|brilliant|terrible|awful|outrageous|"
    r"shameful|wonderful|ridiculous|absurd|excellent|horrible|fantasy|incompetent"
)
_PREDICTION = re.compile(rf"\b({_PREDICTION_WORDS})\b")
_OPINION = re.compile(rf"\b({_OPINION_WORDS})\b")
# Both lists in one scan: a lower-cased text without a match is a fact.
_CUE = re.compile(rf"\b(?:{_PREDICTION_WORDS}|{_OPINION_WORDS})\b")
# What a law or rule "would allow" is a fact about the rule, not a prediction.
_ALLOWS = re.compile(r"\bwould (allow|permit|let|require|ban|give)\b")
_MONTH_MAY = re.compile(r"(?<=\S )May\b")  # the month, not the modal
_QUOTE = re.compile(r"[“\"]")


def kind_of(text: str, *, quoted: bool = False) -> Kind:
    """The kind of one claim's text; `quoted` when it came from inside quotation marks."""
    if quoted:
        return Kind.QUOTE
    low = text.lower()
    if not _CUE.search(low):
        return Kind.FACT
    if "May" in text:
        low = _MONTH_MAY.sub("month", text).lower()
    if _PREDICTION.search(low) and not _ALLOWS.search(low):
        return Kind.PREDICTION
    if _OPINION.search(low):
        return Kind.OPINION
    return Kind.FACT


def has_quote(text: str) -> bool:
    """True when the text holds an opening quotation mark."""
    return bool(_QUOTE.search(text))
