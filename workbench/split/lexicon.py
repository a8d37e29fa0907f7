"""Small helpers for the word lists the rules use."""

from __future__ import annotations


def words(spec: str) -> frozenset[str]:
    """A frozenset from a whitespace-separated word list."""
    return frozenset(spec.split())
