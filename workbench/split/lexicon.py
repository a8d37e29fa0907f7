"""Small helpers for the word lists the rules use."""

from __future__ import annotations


def words(spec: str) -> frozenset[str]:
    """A frozenset from a whitespace-separated word list."""
    return frozenset(spec.split())


def holds_any(text: str, parts: tuple[str, ...]) -> bool:
    """True when one of `parts` occurs in `text` (a plain loop: cheaper than any() here)."""
    for p in parts:  # noqa: SIM110 - a generator costs more than the test itself
        if p in text:
            return True
    return False
