"""Recognise text that is never a claim: boilerplate, bylines, datelines, captions, labels."""

from __future__ import annotations

import re
from typing import Final

from workbench.split.grammar import AUX, DETERMINERS, IRREGULAR, NUMBER_WORDS, PREPOSITIONS
from workbench.split.lexicon import holds_any, words

_BOILER: Final = re.compile(
    r"""(?ix)
    ^(this\ article\ is\ from\ the\ archive|subscribe|sign\ up|read\ more|related:|
      advertisement|share\ this|follow\ us|click\ here|copyright|©|all\ rights\ reserved|
      (photo|image|picture|video)\s*(credit)?\s*:|updated\b|published\b|posted\b|
      see\ also|more\ on\ this|recommended|listen\ to|watch:|editing\ by|reporting\ by|
      additional\ reporting|writing\ by|(media\ |press\ )?contacts?:|e-?mail:|tel:|phone:|
      contact\ [^@]{1,60}\ at\ \S+@\S+$|
      for\ more\ information|here\ (is|are)\ |here's\ |\(?reporting\ by|\(?editing\ by|
      an\ earlier\ version\ of\ this\ (article|story)|
      this\ (article|story)\ (has\ been|was)\ (updated|corrected|amended|changed)|
      our\ standards\b|follow\ (all\ )?(the\ )?(latest|live)\b|
      comments\ (are|have\ been)\ (closed|disabled|turned\ off)|join\ the\ (conversation|debate))
    """
)
_BYLINE: Final = re.compile(
    r"^([Bb]y|[Ff]rom)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|and)\s*.*)?$"
)
_DATELINE: Final = re.compile(
    r"^[A-Z][A-Za-z .,'-]{1,40}\s*\((Reuters|AP|AFP|Bloomberg)\)\s*[-—–]*\s*$"
)
# "AP/militant website", "Reuters/John Smith", "Getty Images", "Photo: …"
_CREDIT: Final = re.compile(
    r"""(?x)(^|\s)(
      (AP|AFP|Reuters|Getty|EPA|Bloomberg|Xinhua|Anadolu|UPI|PA)(\s+Images|\s+Photo)?\s*/\s*\S.*|
      \S+\s*/\s*(AP|AFP|Reuters|Getty(\s+Images)?|EPA|Shutterstock)|
      (Getty\s+Images|Shutterstock|AP\s+Photo|File\s+photo)\b.*
    )$"""
)
_WORD: Final = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VERBISH: Final = words(
    """is are was were be been being has have had do does did will would can could may might
    must shall should says said say heads head heading seized seizes seize takes took take
    falls fell rises rose wins won loses lost kills killed calls called"""
)


# The first three letters (lower-cased) of every _BOILER phrase: an ASCII start outside this
# set cannot match, so most sentences skip the case-insensitive alternation.
_BOILER_STARTS: Final = words(
    """thi sub sig rea rel adv sha fol cli cop all pho ima pic vid upd pub pos see mor rec lis
    wat edi rep add wri med pre con e-m ema tel for her (re (ed our com joi"""
) | {"an "}


# A wire's credit to a writer: "Associated Press writer Jo Lee contributed to this report
# from Louisville.", "Jo Lee contributed reporting."
_CONTRIBUTED: Final = re.compile(
    r"\bcontributed\s+(?:reporting\b|(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b)")


# How to reach the newsroom or the writer: "Email newsroom@example.com.", "Reach her at
# 360-555-0199.", "Follow us at https://…".
_CONTACT: Final = re.compile(
    r"(?i)^(?:e-?mail|contact|write|call|reach|text|send|follow|tips?)\b.{0,80}?"
    r"(?:[\w.+-]+@[\w-]+\.\w|\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}|https?://|www\.)")
# A link with a label at most: "Updates: <https://fire.example.gov>.".
_LINK_ONLY: Final = re.compile(r"^(?:[\w ’'-]{1,30}:\s*)?<?(?:https?://|www\.)\S+?>?\.?$")
# A writer's tagline: "Hannah Cole covers health for the Columbian."
_TAGLINE: Final = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3}\s+(?:covers|reports\s+on|writes\s+about)\s"
    r"[^.]{2,80}?\sfor\s+(?:the\s+)?[A-Z][^.]*\.?$")


def _contact_or_tagline(s: str) -> bool:
    """How to reach the newsroom, a link alone, or a writer's tagline (see above)."""
    if ("@" in s or "://" in s or "www." in s or "-" in s or ") " in s) and (
            _CONTACT.match(s) is not None or _LINK_ONLY.match(s) is not None):
        return True
    return (" covers " in s or " reports on " in s or " writes about " in s) and (
        _TAGLINE.match(s) is not None)


def is_boilerplate(sentence: str) -> bool:
    """True for fixed phrases that sites attach to articles, how to reach the newsroom, and
    a writer's tagline."""
    s = sentence.strip()
    if "contributed" in s and _CONTRIBUTED.search(s) is not None:
        return True
    if _contact_or_tagline(s):
        return True
    head = s[:3]
    if head.isascii() and head.lower() not in _BOILER_STARTS:
        return False
    return bool(_BOILER.match(s))


# Capitalised after "By" or "From" and no name: "By Friday", "From March".
_NOT_BYLINE: Final = words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december then now"""
)


def is_byline_or_dateline(line: str) -> bool:
    """True for "By Jane Doe" style bylines and bare datelines."""
    s = line.strip()
    byline = (s[:1] in "bBfF" and len(s) < 80 and s[-1] not in ".!?"  # not "By Friday, it …."
              and _BYLINE.match(s) is not None  # "By …", "from …"
              and s.split(None, 2)[1].rstrip(",").lower() not in _NOT_BYLINE)
    return byline or ("(" in s and bool(_DATELINE.match(s)))


# Every _CREDIT match holds one of these ("PA" in "EPA"): a line without them skips the search,
# which tries every word of a long line.
_CREDIT_NAMES: Final = (
    "AP", "AFP", "Reuters", "Getty", "PA", "Bloomberg", "Xinhua", "Anadolu", "UPI",
    "Shutterstock", "File",
)


def has_credit(line: str) -> bool:
    """True when a line ends in a photo credit such as "AP/militant website"."""
    return holds_any(line, _CREDIT_NAMES) and _CREDIT.search(line.strip()) is not None


# A line's end that credits a picture: "Photo: AP", "Photograph by Jo Lee", "Picture: PA",
# "Image: Getty Images", "(Photo: Reuters)", "(AP Photo/Jo Lee)". The credit, a few names
# (capitalised words, "/", "for", "of", "via" …), follows a sentence's end, a dash or a bar, or
# is the whole line.
_CREDIT_WORD: Final = r"(?:[A-Z/][^\s:()]*|for|of|the|via|and|&|de|van|von|courtesy|supplied)"
_PICTURE_CREDIT: Final = re.compile(
    rf"""(?x)(?:^|[.!?)”"’]\s+|\s[-—–|]\s*)\(?
      (?:Photo(?:graph)?|Picture|Image)s?(?:\s*:|\s+by\b)\s*
      {_CREDIT_WORD}(?:\s+{_CREDIT_WORD}){{0,7}}\)?\.?$
    |\((?:AP|AFP|Reuters|EPA|PA|UPI|Getty)\s+(?:Photos?|Images)\s*/[^()]{{1,80}}\)\.?$"""
)
_CREDIT_HINTS: Final = ("/", "Getty", "Shutterstock", "photo", "Photo", "Picture", "Image")


def is_caption(line: str) -> bool:
    """A short line that ends in a photo credit: a caption, never a claim."""
    if len(line) > 300 or not holds_any(line, _CREDIT_HINTS):
        return False
    credited = has_credit(line) or _PICTURE_CREDIT.search(line.strip()) is not None
    return credited and len(_WORD.findall(line)) <= 30


def looks_like_heading(line: str) -> bool:
    """A line with no terminal punctuation: a title or a section label."""
    s = line.strip()
    return bool(s) and s[-1] not in '.!?"”’:;' and len(_WORD.findall(s)) <= 20


# A heading opening with one of these asks, or names what a section tells ("What the
# budget pays for", "How we reported this"): a label, as a question is never a claim.
_ASKING: Final = words("what why how who where when which")


def heading_states_something(line: str) -> bool:
    """A heading with a verb states something; "Background", "Five things in X" or "What
    comes next" does not."""
    toks = _WORD.findall(line)
    if len(toks) < 3 or toks[0].lower() in _ASKING:
        return False
    for k in range(1, len(toks)):
        low, prev = toks[k].lower(), toks[k - 1].lower()
        if low in _VERBISH or low in AUX or low in IRREGULAR:
            return True
        if len(low) < 4 or prev in DETERMINERS or prev in NUMBER_WORDS or prev in PREPOSITIONS:
            continue
        if low.endswith(("ed", "ing")) or (
            low.endswith("s") and not low.endswith(("ss", "us", "is")) and k + 1 < len(toks)
        ):
            return True
    return False


def is_question(sentence: str) -> bool:
    """A sentence that asks rather than states."""
    return sentence.rstrip("\"”’') ").endswith("?")


_STAMP: Final = re.compile(r"(?i)^(published|updated|posted|last updated)\b")
_BULLET: Final = re.compile(r"^(?:[-*•·▪–]|\d{1,2}[.)])\s+")
_LINE_DATELINE: Final = re.compile(
    r"^[A-Z][A-Z .'-]{2,30}(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?\s*"
    r"(?:/[^/]{2,30}/|\((?:Reuters|AP|AFP|Bloomberg|dpa|UPI)\))?\s*(?:--|—|–|-)\s+"
)


# A mail's header line: "Subject: FW: …", "From: Tom Becker <tbecker@example.com>".
_MAIL_HEADER: Final = re.compile(r"^(?:Subject|From|To|Cc|Bcc|Date|Sent|Reply-To):\s")


def is_mail_header(line: str) -> bool:
    """A header line of a mail an article was pasted into."""
    return line[:1] in "SFTCBDR" and _MAIL_HEADER.match(line) is not None


def is_navigation(line: str) -> bool:
    """Menu bars ("Home | News | Sport"), publish/update stamps and a mail's headers."""
    if line.count(" | ") >= 2 or is_mail_header(line):
        return True
    # _STAMP's words start with p, u or l in either case; an ASCII letter can be no other.
    c = line[:1]
    return not (c.isascii() and c not in "pPuUlL") and _STAMP.match(line) is not None


_DATELINE_SECOND: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ .'-"  # _LINE_DATELINE's [A-Z .'-]


# An editor's label before a note ("Update: Lakeshore said …"): what follows is read as any
# line is (a note about the article itself is boilerplate, see _BOILER).
_NOTE_LABEL: Final = re.compile(r"(?i)(?:update|correction|clarification|editor['’]s note)"
                                r"\s*:\s+")


def line_prefix(line: str) -> int:
    """Length of a list bullet, a wire dateline ("AUSTIN, Texas, May 3 /PRNewswire/ --") or
    an editor's label ("Correction: ")."""
    # Cheap tests first: a bullet starts with a mark or a digit, a dateline with A-Z.
    c = line[:1]
    m = None if c.isascii() and c not in "-*0123456789" else _BULLET.match(line)
    if m is None and c in "UCEuce":
        m = _NOTE_LABEL.match(line)
    if m is None and "A" <= c <= "Z" and line[1:2] in _DATELINE_SECOND:
        m = _LINE_DATELINE.match(line)
    return m.end() if m else 0
