"""The splitter: lines → filtered sentences → claims."""

from __future__ import annotations

from workbench.model import Claim
from workbench.split import boilerplate as bp
from workbench.split.kinds import has_quote, kind_of
from workbench.split.sentences import lines, sentences_of_line
from workbench.split.worthiness import score


def split(text: str) -> list[Claim]:
    """The claims of `text` in article order, seq from 1, with exact spans."""
    out: list[Claim] = []
    for line in lines(text):
        if bp.is_byline_or_dateline(line.text) or bp.is_caption(line.text):
            continue
        if bp.looks_like_heading(line.text) and not bp.heading_states_something(line.text):
            continue
        for sent in sentences_of_line(line):
            if bp.is_boilerplate(sent.text) or bp.is_question(sent.text):
                continue
            kind = kind_of(sent.text, quoted=has_quote(sent.text))
            out.append(
                Claim(
                    seq=len(out) + 1,
                    text=sent.text,
                    start=sent.start,
                    end=sent.end,
                    kind=kind,
                    checkworthiness=score(sent.text, kind),
                )
            )
    return out
