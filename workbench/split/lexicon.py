"""Small helpers for the word lists the rules use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

#: The capital letters of a regex character set: A-Z and those of the Latin, Greek and
#: Cyrillic alphabets beyond it ("Ōsaka", "Écija", "Łódź"), as names are spelt.
UPPER: Final = "A-Z" + "".join(
    c for c in map(chr, range(0xC0, 0x530)) if c.isupper()
) + "".join(c for c in map(chr, range(0x1E00, 0x1F00)) if c.isupper())


def words(spec: str) -> frozenset[str]:
    """A frozenset from a whitespace-separated word list."""
    return frozenset(spec.split())


def by_first_letter(alternatives: Iterable[str]) -> str:
    """A regex alternation of `alternatives` (regexes, each starting with a plain letter),
    grouped by first letter so that a search fails at once where no letter of theirs is."""
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[0], []).append(a[1:])
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items())


def holds_any(text: str, parts: tuple[str, ...]) -> bool:
    """True when one of `parts` occurs in `text` (a plain loop: cheaper than any() here)."""
    for p in parts:  # noqa: SIM110 - a generator costs more than the test itself
        if p in text:
            return True
    return False


class Memo(dict[str, int]):
    """`fn(key)` by key, computed once per distinct key; emptied when it grows large."""

    __slots__ = ("_fn",)

    def __init__(self, fn: Callable[[str], int]) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, key: str) -> int:
        if len(self) >= 50_000:
            self.clear()
        value = self[key] = self._fn(key)
        return value
