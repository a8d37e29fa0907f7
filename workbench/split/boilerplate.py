"""Recognise text that is never a claim: boilerplate, bylines, datelines, captions, labels."""

from __future__ import annotations

import re

from workbench.split.lexicon import words

_BOILER = re.compile(
    r"""(?ix)
    ^(this\ article\ is\ from\ the\ archive|subscribe|sign\ up|read\ more|related:|
      advertisement|share\ this|follow\ us|click\ here|copyright|©|all\ rights\ reserved|
      (photo|image|picture|video)\s*(credit)?\s*:|updated\b|published\b|posted\b|
      see\ also|more\ on\ this|recommended|listen\ to|watch:|editing\ by|reporting\ by|
      additional\ reporting|writing\ by|contact:|email:|tel:|phone:)
    """
)
_BYLINE = re.compile(r"^(by|from)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|and)\s*.*)?$")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\s*\((Reuters|AP|AFP|Bloomberg)\)\s*[-—–]*\s*$")
# "AP/militant website", "Reuters/John Smith", "Getty Images", "Photo: …"
_CREDIT = re.compile(
    r"""(?x)(^|\s)(
      (AP|AFP|Reuters|Getty|EPA|Bloomberg|Xinhua|Anadolu|UPI|PA)(\s+Images|\s+Photo)?\s*/\s*\S.*|
      \S+\s*/\s*(AP|AFP|Reuters|Getty(\s+Images)?|EPA|Shutterstock)|
      (Getty\s+Images|Shutterstock|AP\s+Photo|File\s+photo)\b.*
    )$"""
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VERBISH = words(
    """is are was were be been being has have had do does did will would can could may might
    must shall should says said say heads head heading seized seizes seize takes took take
    falls fell rises rose wins won loses lost kills killed calls called"""
)


def is_boilerplate(sentence: str) -> bool:
    """True for fixed phrases that sites attach to articles."""
    return bool(_BOILER.match(sentence.strip()))


def is_byline_or_dateline(line: str) -> bool:
    """True for "By Jane Doe" style bylines and bare datelines."""
    s = line.strip()
    return bool(_BYLINE.match(s) and len(s) < 80) or bool(_DATELINE.match(s))


def has_credit(line: str) -> bool:
    """True when a line ends in a photo credit such as "AP/militant website"."""
    return bool(_CREDIT.search(line.strip()))


def is_caption(line: str) -> bool:
    """A short line that ends in a photo credit: a caption, never a claim."""
    return has_credit(line) and len(_WORD.findall(line)) <= 30


def looks_like_heading(line: str) -> bool:
    """A line with no terminal punctuation: a title or a section label."""
    s = line.strip()
    return bool(s) and s[-1] not in '.!?"”’:;' and len(_WORD.findall(s)) <= 20


def heading_states_something(line: str) -> bool:
    """A heading with a verb states something; "Background" or "Analysis" does not."""
    words = _WORD.findall(line)
    if len(words) < 3:
        return False
    for w in words[1:]:
        low = w.lower()
        if low in _VERBISH:
            return True
        if w.islower() and (low.endswith(("ed", "ing")) or low.endswith("s")) and len(low) > 3:
            return True
    return False


def is_question(sentence: str) -> bool:
    """A sentence that asks rather than states."""
    return sentence.rstrip("\"”’') ").endswith("?")
