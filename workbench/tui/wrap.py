"""Wrapping text into lines at a width, as offsets into it, for widgets that draw their own."""

from __future__ import annotations

import re

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*")


def wrap_offsets(text: str, width: int, hang: int = 0) -> list[tuple[int, int]]:
    """The lines `text` wraps to at `width` cells, as [start, end) offsets into it; with
    `hang`, a paragraph's lines after its first are that many cells narrower (the caller
    indents them).

    Paragraphs break at newlines, lines at spaces; a word wider than a line is cut
    where the line ends, as textwrap cuts one.
    Spaces after a word stay on its line (they are cropped when drawn)."""
    width = max(width, 1)
    narrower = max(width - hang, 1)
    lines: list[tuple[int, int]] = []
    at = 0
    for paragraph in text.split("\n"):
        start, used, limit = at, len(paragraph) - len(paragraph.lstrip(" ")), width
        for token in _TOKEN.finditer(paragraph):
            word = token.group().rstrip()
            spaces = len(token.group()) - len(word)
            w_start = at + token.start()
            w_end = w_start + len(word)
            need = cell_len(word)
            if used and used + need > limit and need <= narrower:
                lines.append((start, w_start))
                start, used, limit = w_start, 0, narrower
            while used + need > limit:  # wider than any line (a long URL): cut it
                cut, taken = w_start, used
                while cut < w_end and taken + cell_len(text[cut]) <= limit:
                    taken += cell_len(text[cut])
                    cut += 1
                if cut == w_start and not used:
                    cut += 1  # a character wider than the line still takes one
                lines.append((start, cut))
                start = w_start = cut
                used, limit = 0, narrower
                need = cell_len(text[w_start:w_end])
            used += need + spaces
        lines.append((start, at + len(paragraph)))
        at += len(paragraph) + 1
    return lines
