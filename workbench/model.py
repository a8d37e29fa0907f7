"""Plain data shared by every floor: statuses, kinds, claims, sources, verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """A reviewer's verdict on one claim."""

    UNREVIEWED = "unreviewed"
    SUPPORTED = "supported"
    REFUTED = "refuted"
    MISLEADING = "misleading"
    UNVERIFIABLE = "unverifiable"
    NOT_A_CLAIM = "not_a_claim"


class Kind(StrEnum):
    """What sort of statement a claim is (see shared CLAIMS.md)."""

    FACT = "fact"
    QUOTE = "quote"
    PREDICTION = "prediction"
    OPINION = "opinion"


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement as the splitter produces it.

    `start`/`end` are a half-open character span into the article text the
    claim was taken from; `by` is who the article attributes it to (None for
    the article's own voice).
    """

    seq: int
    text: str
    start: int
    end: int
    by: str | None = None
    kind: Kind = Kind.FACT
    checkworthiness: float = 0.5
    extra: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    """Evidence for a verdict: a URL or a free-text citation, with an optional note."""

    ref: str
    note: str = ""
