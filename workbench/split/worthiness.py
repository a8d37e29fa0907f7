"""Check-worthiness: a 0–1 score from surface cues (numbers, names, dates, comparisons)."""

from __future__ import annotations

import math
import re

from workbench.model import Kind

_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|"
    r"thousand|million|billion|trillion|percent|half|dozen)\b",
    re.I,
)
_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+")


def score(text: str, kind: Kind) -> float:
    """A check-worthiness score in [0, 1]."""
    x = -0.5
    if _NUMBER.search(text):
        x += 1.2
    x += 0.3 * min(len(_NAME.findall(text)), 4)
    if kind is Kind.OPINION:
        x -= 1.0
    elif kind is Kind.PREDICTION:
        x -= 0.6
    return round(1 / (1 + math.exp(-x)), 3)
