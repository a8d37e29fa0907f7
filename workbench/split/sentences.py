"""Sentence segmentation with exact character spans, linear in the text length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from workbench.split.lexicon import words

#: Longest sentence we hand on; longer runs are cut at whitespace so later rules stay linear.
MAX_SENTENCE: Final = 1000

_LINE: Final = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its outer whitespace
# A candidate end: terminal punctuation, optional closing quotes/brackets, then a space or an
# opening quote (the seed has `capital.“'Our …` with no space).
_END: Final = re.compile(r"[.!?]+[\"”’')\]]*(?=\s|[“\"‘]|$)")
_OPENERS: Final = "\"“‘'(["
_NEXT: Final = re.compile(rf"\s*([{re.escape(_OPENERS)}]*)(\S)")
_INITIALISM: Final = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")

ABBREVIATIONS: Final = words(
    """mr mrs ms dr prof st gen lt col sgt capt cmdr adm maj gov sen rep rev hon pres jr sr
    inc corp co ltd llc plc bros dept univ no nos vs etc al fig approx est ave blvd rd mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)
# After an initialism like "U.S." a new sentence usually starts with one of these.
_STARTERS: Final = words(
    """the a an it he she they we i this that these those in on at but and as after before
    there his her their its our meanwhile however while when if for by with from"""
)


class Span:
    """A half-open slice [start, end) of the source text; `text` is that slice.

    A plain class rather than a NamedTuple, so that the compiled splitter (setup.py) builds one
    without a call into Python."""

    __slots__ = ("end", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text

    def __repr__(self) -> str:
        return f"Span(start={self.start}, end={self.end}, text={self.text!r})"


def lines(text: str) -> Iterator[Span]:
    """Non-blank lines of `text`, stripped, with their spans."""
    for m in _LINE.finditer(text):
        yield Span(m.start(), m.end(), m[0])


# A sentence may start with a handle, a hashtag or a signed number: "@CityOfYakutsk posted
# …", "#Floods trended …", "+7 hours of sun …", "-5% was the change …" (a minus sign only
# before a digit: "- " is a dash, "-based" a word's end).
_MARKED_STARTS: Final = "@#+"
_MINUS_SIGNS: Final = "-–−"


def _is_boundary(line: str, end: int, punct_start: int) -> bool:
    if end >= len(line):
        return True  # the line's end (lines are stripped): _NEXT finds nothing
    c = line[end + 1 : end + 2]
    if line[end] == " " and c and not c.isspace() and c not in _OPENERS:
        ch, opener, at = c, False, end + 1  # what _NEXT matches after one space, found directly
    else:
        nxt = _NEXT.match(line, end)
        if nxt is None:
            return True
        ch, opener, at = nxt[2], nxt[1] != "", nxt.start(2)
    if not (ch.isupper() or ch.isdigit() or opener or (
            ch in _MARKED_STARTS and line[at + 1 : at + 2].isalnum()) or (
            ch in _MINUS_SIGNS and line[at + 1 : at + 2].isdigit())):
        return False
    if line[punct_start] != ".":
        return True
    lo = max(0, punct_start - 40)
    space = max(line.rfind(" ", lo, punct_start), line.rfind("\t", lo, punct_start), lo - 1)
    word = line[space + 1 : punct_start].lstrip("\"“‘'([")
    if not word:
        return True
    low = word.lower()
    if low in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    if "." in word and _INITIALISM.match(word):  # "U.S.", "a.m."
        after = re.match(r"[A-Za-z]+", line[at:])
        return after is not None and after[0].lower() in _STARTERS
    return True


# Where a clause ends inside an overlong sentence: a semicolon, or a comma before a
# conjunction that opens the next clause (the cut leaves the conjunction out).
_CLAUSE_END: Final = re.compile(r"(?:;|,(?=\s+(?:and|while|although|though|but|whereas)\s))\s+"
                                r"(?:(?:and|while|although|though|but|whereas)\s+)?")


def _cut(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Where to cut `text` between `lo` and `hi`: (end of the piece, start of the next) at
    the last clause end there, else the last comma, else the last space; else at `hi`."""
    last = None
    for m in _CLAUSE_END.finditer(text, lo, hi):
        last = m
    if last is not None:
        return last.start(), last.end()
    comma = text.rfind(", ", lo, hi)
    if comma > lo:
        return comma, comma + 1
    space = text.rfind(" ", lo, hi)
    return (space, space) if space > lo else (hi, hi)


def _cap(span: Span) -> Iterator[Span]:
    """Cut a span longer than MAX_SENTENCE into pieces: at a clause's end, a comma or
    whitespace (or hard), never mid-phrase when a comma is near ("… fell sharply on the" +
    "news, narrowing …")."""
    s, text = span.start, span.text
    i = 0
    while len(text) - i > MAX_SENTENCE:
        cut, nxt = _cut(text, i + MAX_SENTENCE // 2, i + MAX_SENTENCE)
        if cut <= i:
            cut = nxt = i + MAX_SENTENCE
        piece = text[i:cut].strip()
        if piece:
            off = text.index(piece[0], i)
            yield Span(s + off, s + off + len(piece), piece)
        i = nxt
    rest = text[i:]
    piece = rest.strip()
    if piece:
        off = i + (len(rest) - len(rest.lstrip()))
        yield Span(s + off, s + off + len(piece), piece)


def _ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of _END in `text`, as _END.finditer finds them. A match starts
    at a . ! or ?, so it is tried only there: str.find finds those far faster than the regex's
    scan for its first character."""
    out: list[tuple[int, int]] = []
    pos = 0
    dot, bang, ask = text.find("."), text.find("!"), text.find("?")
    while True:
        if 0 <= dot < pos:
            dot = text.find(".", pos)
        if 0 <= bang < pos:
            bang = text.find("!", pos)
        if 0 <= ask < pos:
            ask = text.find("?", pos)
        at = -1
        for p in (dot, bang, ask):
            if p >= 0 and (at < 0 or p < at):
                at = p
        if at < 0:
            return out
        m = _END.match(text, at)
        if m is None:
            pos = at + 1
        else:
            pos = m.end()
            out.append((at, pos))


def sentences_of_line(line: Span) -> Iterator[Span]:
    """Sentences of one line (a paragraph), spans relative to the whole text."""
    text, base = line.text, line.start
    start = 0
    for punct, end in _ends(text):
        if _is_boundary(text, end, punct):
            piece = text[start:end].strip()  # ends in punctuation: only leading space goes
            if piece:
                span = Span(base + end - len(piece), base + end, piece)
                if len(piece) > MAX_SENTENCE:
                    yield from _cap(span)
                else:
                    yield span
            start = end
    piece = text[start:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        yield from _cap(
            Span(
                line.start + start + lead,
                line.start + start + lead + len(piece.strip()),
                piece.strip(),
            )
        )


def sentences(text: str) -> Iterator[Span]:
    """All sentences of `text` in order."""
    for line in lines(text):
        yield from sentences_of_line(line)
