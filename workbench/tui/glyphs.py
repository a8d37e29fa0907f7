"""How each status looks: a glyph (never colour alone) and a short label."""

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


def glyph(status: str) -> str:
    return GLYPH[Status(status)]


def label(status: str) -> str:
    return LABEL[Status(status)]
