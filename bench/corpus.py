"""Synthetic news-like text for the benchmarks: deterministic, varied, with attributions,
quotes, numbers and coordinated clauses, so the splitter has real work to do."""

from __future__ import annotations

import random

SUBJECTS = [
    "The ministry",
    "Security and police sources",
    "The city council",
    "Officials in Mosul",
    "The central bank",
    "Local residents",
    "The army",
    "A spokesman for the ministry",
    "Rebel fighters",
    "The statistics office",
    "Hospital staff",
    "The regional governor",
]
VERBS = [
    "seized",
    "closed",
    "announced",
    "reported",
    "cut",
    "raised",
    "rejected",
    "approved",
    "evacuated",
    "confirmed",
    "denied",
    "funded",
]
OBJECTS = [
    "the town of Udhaim",
    "12 schools",
    "the transport budget",
    "a state of emergency",
    "the main highway to Baghdad",
    "4% of the workforce",
    "the new tax plan",
    "300 homes",
    "the border crossing",
    "$2.5 billion in aid",
    "the vote on Tuesday",
    "two oil fields",
]
TAILS = [
    "",
    " on Monday",
    " after the river burst its banks",
    " in May",
    " last year",
    ", officials said",
    ", according to Reuters",
    " despite calls for help",
]


def sentence(rng: random.Random) -> str:
    """One sentence of one of several shapes."""
    shape = rng.random()
    s, v, o = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    if shape < 0.15:
        return f'"We will not accept {rng.choice(OBJECTS)}," {s.lower()} said.'
    if shape < 0.35:
        return f"{s} {v} {o} and {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    if shape < 0.45:
        return f"{s} could {v.rstrip('ed')} {o} by {rng.randint(2025, 2030)}."
    return f"{s} {v} {o}{rng.choice(TAILS)}."


def article(rng: random.Random, sentences: int = 40) -> str:
    """A headline and paragraphs of three to five sentences."""
    out = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}", ""]
    while sentences > 0:
        n = min(sentences, rng.randint(3, 5))
        out.append(" ".join(sentence(rng) for _ in range(n)))
        out.append("")
        sentences -= n
    return "\n".join(out).rstrip() + "\n"
