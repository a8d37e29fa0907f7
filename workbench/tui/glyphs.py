"""How each status looks: a glyph (never colour alone), a short label and a colour."""

from __future__ import annotations

from workbench.model import Status

GLYPH = {
    Status.UNREVIEWED: "·",
    Status.SUPPORTED: "✓",
    Status.REFUTED: "✗",
    Status.MISLEADING: "!",
    Status.UNVERIFIABLE: "?",
    Status.NOT_A_CLAIM: "–",
}

LABEL = {
    Status.UNREVIEWED: "unreviewed",
    Status.SUPPORTED: "supported",
    Status.REFUTED: "refuted",
    Status.MISLEADING: "misleading",
    Status.UNVERIFIABLE: "unverifiable",
    Status.NOT_A_CLAIM: "not a claim",
}

# The theme colour of each status, for text drawn in Python; workbench.tcss colours the claim
# list's and the verdict panel's status classes from the same theme colours.
COLOUR = {
    Status.UNREVIEWED: "$foreground-muted",
    Status.SUPPORTED: "$text-success",
    Status.REFUTED: "$text-error",
    Status.MISLEADING: "$text-warning",
    Status.UNVERIFIABLE: "$text-primary",  # not $text-accent: the default themes make
    # accent the orange of warning (misleading)
    Status.NOT_A_CLAIM: "$text-secondary",
}


# Beside a status: the verdict was carried to a claim a new version of its article changed,
# and waits to be checked again.
FLAG = "↻"


def glyph(status: str) -> str:
    return GLYPH[Status(status)]


def label(status: str) -> str:
    return LABEL[Status(status)]


def colour(status: str) -> str:
    return COLOUR[Status(status)]
