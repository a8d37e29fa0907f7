"""Wrapping text into lines at a width, as offsets into it, for widgets that draw their own."""

from __future__ import annotations

import re

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """The lines `text` wraps to at `width` cells, as [start, end) offsets into it.

    Paragraphs break at newlines, lines at spaces; a word wider than a line is cut.
    Spaces after a word stay on its line (they are cropped when drawn)."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    at = 0
    for paragraph in text.split("\n"):
        start, used = at, 0
        for token in _TOKEN.finditer(paragraph):
            word = token.group().rstrip()
            spaces = len(token.group()) - len(word)
            w_start = at + token.start()
            w_end = w_start + len(word)
            need = cell_len(word)
            if used and used + need > width:
                lines.append((start, w_start))
                start, used = w_start, 0
            while need > width:  # a word wider than a line: cut it
                cut, taken = w_start, 0
                while cut < w_end and taken + cell_len(text[cut]) <= width:
                    taken += cell_len(text[cut])
                    cut += 1
                cut = max(cut, w_start + 1)
                lines.append((start, cut))
                start = w_start = cut
                need = cell_len(text[w_start:w_end])
            used += need + spaces
        lines.append((start, at + len(paragraph)))
        at += len(paragraph) + 1
    return lines
