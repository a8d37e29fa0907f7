"""The splitter: paragraphs (wrapped lines joined) → filtered sentences → attribution → atomic
claims → kind and score."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from workbench.model import Claim
from workbench.split import boilerplate as bp
from workbench.split.atomic import (
    Frag,
    decompose,
    is_minus,
    opens_with_a_past,
    opens_with_a_verb,
    subject_of,
)
from workbench.split.attribution import attribute, named, one_person
from workbench.split.grammar import AUX, DETERMINERS, PREPOSITIONS, has_verb, past_tense
from workbench.split.lexicon import UPPER, words
from workbench.split.sentences import Span, lines, sentences_of_line
from workbench.split.worthiness import assess

_OPEN: Final = '“"‘'
_CLOSE: Final = '”"'
_NESTED: Final = re.compile(r"^[‘'](?P<q>.+?)[,.]?[’'](?=[,\s])")


@dataclass(slots=True)
class _State:
    """Attribution carried from one sentence or paragraph to the next."""

    pending_by: str | None = None  # set by an attribution ending in a colon
    block_by: str | None = None  # governs the current line, and the rest of its block
    list_by: bool = False  # block_by governs the next blocks too, while they are list items
    block_quoted: bool = False  # the block is a quotation of block_by's (see _credited)
    quote_by: str | None = None  # inside a quotation that has not closed yet
    in_quote: bool = False
    last_speaker: str | None = None
    spoken: bool = False  # someone, named or not, spoke in this paragraph
    person: str | None = None  # the last speaker who is one person (a later "he", "she")
    person_at: int = -1  # where the sentence in which that speaker spoke ends
    # A lead-in ending in a colon before a list, which the list's items complete ("The
    # budget includes:"), carried into each item; or "" for a label ("Key numbers:").
    list_lead: str | None = None
    # The subject of such a lead-in ("The council" of "At the meeting, the council took
    # the following actions:"), for items that open with its verb ("Approved a budget").
    list_subject: str | None = None


_AND_THAT: Final = re.compile(r",? (?:and|but) that (?=\w)")
# The same after "X said …", with the speaker's second verb of saying: "X said the study was
# sound but noted that …", "X said the town needed homes and warned that …": X noted, not
# the study.
_AND_SAID_THAT: Final = re.compile(
    r",? (?:and|but) (?:(?:also|then|later) )?(?:(?:warned|noted|argued|added|insisted|"
    r"cautioned|stressed|acknowledged|conceded|admitted|claimed|explained|said) )?that (?=\w)")


def _quote_balance(s: str) -> int:
    """+1 when s leaves a quotation open, -1 when it closes one opened earlier, else 0."""
    opens = s.count("“")
    closes = s.count("”")
    plain = s.count('"')
    if opens or closes:
        return (opens > closes) - (closes > opens) if not plain else (opens + plain) % 2
    return plain % 2


def _claims_of(text: str, sent: Span, st: _State) -> list[tuple[Frag, str | None, bool]]:
    """(fragment, by, quoted) for one sentence of `text`, updating the carried attribution
    state."""
    s = sent.text
    if st.in_quote:
        a_start = 1 if s[:1] in _OPEN else 0
        closing = next((k for k, c in enumerate(s) if c in _CLOSE and k >= a_start), None)
        if closing is not None:
            st.in_quote = False
        # the quote's words, not the speech tag after its closing mark ('…do," he said.')
        e = closing if closing is not None and s[closing + 1 :].strip(" .,") else len(s)
        while e > a_start and s[e - 1] in '”".,':
            e -= 1
        return [(Frag(s[a_start:e], sent.start + a_start, sent.start + e), st.quote_by, True)]
    a = attribute(s)
    if a is not None:
        by = _spoke(text, a.by, sent, st)
        st.last_speaker, st.spoken = by, True
        if a.intro:
            st.pending_by = by
            if a.quoted:
                st.in_quote, st.quote_by = True, by
        content = s[a.start : a.end]
        if not content.strip(" :,.") or (a.intro and a.end - a.start < 3):
            return []
        if a.copula_subject:
            subj = a.copula_subject[0].upper() + a.copula_subject[1:]
            f = Frag(f"{subj} {_copula(subj)} {content}", sent.start + a.start,
                     sent.start + a.end, 0, False)
            return [(f, by, True)]
        if a.cut is not None:  # "… $600,000, he said, and expects …": read without the tag
            c0, c1 = a.cut
            # the comma before the tag stays where a phrase follows ("…, up from 78% a year
            # earlier"), not before the verb of the subject it broke off ("The figures he
            # is using, the minister said, are …")
            rest = s[c1 : a.end]
            comma = 0 if opens_with_a_verb(rest.lstrip(" ")) else 1
            heard = Frag(s[a.start : c0 + comma] + rest, sent.start + a.start,
                         sent.start + a.end, 0, False)
            return [(heard, by, a.quoted)]
        start = a.start
        nested = _NESTED.match(content) if a.quoted else None
        if nested:
            start, content = a.start + nested.start("q"), nested["q"]
        at = sent.start + start
        # "said that A and that B", "said A, but that B", "said A and warned that B": two
        # statements, each "that" opening one
        ands = [] if a.quoted else list(
            (_AND_SAID_THAT if a.reports else _AND_THAT).finditer(content))
        cuts = [(0, 0), *((m.start(), m.end()) for m in ands), (len(content), len(content))]
        frags = []
        for (_i, k), (j, _l) in pairwise(cuts):
            piece = Frag(content[k:j], at + k, at + j)
            frags.append((_own_subject(piece, by, a.quoted, a.by) if a.reports else piece,
                          by, a.quoted))
        for told, s0, e0 in a.about:  # what the article says of the speaker, in its own voice
            about = (Frag(told, sent.start + s0, sent.start + e0, 0, False, True), None, False)
            frags.insert(0 if s0 < a.start else len(frags), about)
        return frags
    if s[:1] in _OPEN:
        by = st.last_speaker
        if st.spoken and _quote_balance(s) > 0:
            st.in_quote, st.quote_by = True, by
        closing = next((k for k, c in enumerate(s) if c in _CLOSE and k > 0), None)
        # the quote's words, not a speech tag after it that names no speaker ('…," as
        # experts said.')
        e = closing if closing is not None and s[closing + 1 :].strip(" .,") else len(s)
        while e > 1 and s[e - 1] in '”".,':
            e -= 1
        return [(Frag(s[1:e], sent.start + 1, sent.start + e), by, st.spoken)]
    by = st.block_by
    e = len(s)
    while e > 0 and s[e - 1] in ".:":
        e -= 1
    return [(Frag(s[:e], sent.start, sent.start + e), by, st.block_quoted)]


def _copula(subject: str) -> str:
    """"are" after a plural ("the cuts", "its critics"), else "is" ("the plan", "Jones")."""
    last = subject.rsplit(" ", 1)[-1]
    plural = (last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is")))
    return "are" if plural else "is"


# The speaker's pronoun opening a reported statement: "Patel said he would ask ...". Not
# "it", which as often stands for nothing ("Officials said it was cold").
_SPEAKERS_PRONOUN: Final = re.compile(r"(?:he|she|they)\s", re.I)


def _own_subject(frag: Frag, by: str | None, quoted: bool, tag: str | None = None) -> Frag:
    """A reported statement whose subject is its speaker's pronoun, with the speaker
    written out, so the claim reads on its own ("Patel would ask the council ...", not "He
    would ask ..."); a quote keeps its words, and a statement without a speaker, or with a
    pronoun that cannot be the speaker ("they" of one person, "he" of a body or after "she
    said"), its own; `tag` is the speaker as the sentence names them."""
    if quoted or by is None:
        return frag
    m = _SPEAKERS_PRONOUN.match(frag.text)
    if m is None:
        return frag
    one = one_person(by) and (" " in by or not by.endswith("s"))  # not "Officials"
    if m[0].lower().startswith("they") == one:
        return frag  # "Jenner said they …", "The ministry said he …": someone else
    if tag is not None and tag.lower() in ("he", "she") and m[0].strip().lower() != tag.lower():
        return frag  # "She said he had repaid …": he is not she
    return _led_by(by, frag, m.end())


def _led_by(by: str, frag: Frag, cut: int) -> Frag:
    """`frag` with its first `cut` characters (its lead, a pronoun) replaced by the speaker
    `by` as subject; its span loses the source characters cut (the claim's first letter is
    capitalised as every claim's is, see _tidy)."""
    return Frag(f"{by} {frag.text[cut:]}", frag.start + max(cut - frag.lead, 0), frag.end,
                len(by) + 1, frag.exact)


def _spoke(text: str, by: str | None, sent: Span, st: _State) -> str | None:
    """The speaker `by` of the sentence `sent` as the article names it (see named), a "they"
    the speakers who spoke last in the paragraph when they are more than one person; noted as
    the last one person to speak, if one, up to the sentence's end: a name inside what they
    said ("He said referee Darren Bond should have …") is not who a later "he" is."""
    who = named(by, text, sent.start, st.person, st.person_at)
    if (who is None and by is not None and by.lower() == "they" and st.spoken
            and st.last_speaker is not None and not one_person(st.last_speaker)):
        who = st.last_speaker  # "According to prosecutors, … . He then …, they said."
    if who is not None and one_person(who):
        st.person, st.person_at = who, sent.end
    elif by is not None and by.lower() in ("he", "she"):  # one person, whom we cannot name
        st.person, st.person_at = None, sent.end
    return who


def _speaker_ahead(text: str, sents: list[Span], k: int, st: _State) -> None:
    """A quote of several sentences that opens at sentence k, with no speaker yet, and names
    its speaker after it closes ('"We will win. We always do," he said.'): every sentence
    of it is that speaker's, so the state is set as a speaker named before it would set
    it. Nothing when sentence k opens no quote left open, or no tag follows its close."""
    s = sents[k].text
    if s[:1] not in _OPEN or _quote_balance(s) <= 0 or attribute(s) is not None:
        return
    for later in sents[k + 1 :]:
        if any(c in later.text for c in _CLOSE):
            a = attribute(s[0] + later.text)  # the closing sentence as if it opened the quote
            if a is not None and a.quoted and not a.intro:
                st.last_speaker = _spoke(text, a.by, later, st)
            st.spoken = True  # a quote to its close, its speaker named or not
            return


def _pulled(text: str, sent: Span) -> bool:
    """Whether `sent` is a pull quote: a quotation and nothing else, no speaker named, whose
    words the article quoted before (a page's "“This budget keeps our streets safe”" set
    apart from the paragraph that quotes it whole)."""
    s = sent.text
    if s[:1] not in _OPEN:
        return False
    inner = s.strip(" .,")
    if inner[-1:] not in _CLOSE or any(c in _OPEN or c in _CLOSE for c in inner[1:-1]):
        return False
    words = inner[1:-1].strip(" .,")
    return len(words) > 10 and text.find(words, 0, sent.start) >= 0


# The line after a block quotation that names who said it: "— Carla Benson,
# superintendent", "-- Mayor Ray Gomez" (a dash, not a bullet's hyphen).
_CREDIT: Final = re.compile(
    rf"^(?:—|–|--)\s*(?P<by>[{UPPER}][^,;:.!?]{{1,60}}?)(?:,\s*[^,;]{{1,80}}?)?\.?$")


def _credit(line: str) -> str | None:
    """Who a credit line (see _CREDIT) names, or None when `line` is none."""
    m = _CREDIT.match(line) if line[:1] in "—–-" else None
    if m is None or has_verb(m["by"]) or len(m["by"].split()) > 6:
        return None
    return " ".join(m["by"].split())


def _credited(paragraphs: list[tuple[Span, bool]], n: int) -> str | None:
    """Who said block n, when it is a block of one line and the next block is a credit line
    naming them; else None."""
    if n + 1 >= len(paragraphs) or not paragraphs[n + 1][1]:
        return None
    if n + 2 < len(paragraphs) and not paragraphs[n + 2][1]:
        return None  # the credit is a block's first line, not a line of its own
    return _credit(paragraphs[n + 1][0].text)


def _bulleted(line: str) -> bool:
    """Whether `line` is an item of a list (starts with a bullet or a number)."""
    return line[:1] in "-*•0123456789" and bp.line_prefix(line) > 0


def _never_claims(line: str) -> bool:
    """Navigation, a byline or dateline, a caption or boilerplate."""
    return (
        bp.is_navigation(line)
        or bp.is_byline_or_dateline(line)
        or bp.is_caption(line)
        or bp.is_boilerplate(line)
    )


def _cells(line: str) -> int:
    """How many cells a table row has (textio joins a row's cells with "; "); 0 for a line
    that is no row."""
    return line.count("; ") + 1 if "; " in line else 0


def _table_header(paragraphs: list[tuple[Span, bool]], n: int) -> bool:
    """Whether line `n` heads a table: the first of rows of as many cells, each a label
    of a few words, no figure ("Location; Days; Hours")."""
    line = paragraphs[n][0].text
    cells = _cells(line)
    if not cells or any(c.isdigit() for c in line) or n + 1 >= len(paragraphs):
        return False
    if n and _cells(paragraphs[n - 1][0].text) == cells:
        return False  # a row of the table, not its first
    return (_cells(paragraphs[n + 1][0].text) == cells
            and all(0 < len(c.split()) <= 4 for c in line.split("; ")))


# The last word of a lead-in that its list completes: "The budget includes:", "The
# winners were:", "Money will go to:".
_OPEN_ENDS: Final = words(
    """include includes included including contain contains contained comprise comprises
    cover covers covered are were is was be will would list lists listed name names named
    to for on from of with by among such as follows following"""
)
# First words of a lead-in that points at its list rather than starting a sentence the
# items end.
_PRESENTING: Final = words("Here These Those This Below Highlights Key")
_LABELLED: Final = re.compile(r"(?P<label>[^:]{2,60}?):\s+(?P<value>\S.*)")


# Verbs that tell what a speaker did, not what their statement says: "X said … and called
# for more funding" is X calling for it.
_SPEAKERS_ACTS: Final = words(
    """called urged warned demanded promised vowed pledged asked added appealed insisted
    accused blamed praised criticised criticized denied announced"""
)


def _speakers_act(piece: Frag, by: str) -> tuple[Frag, str | None]:
    """A piece of an attributed statement whose carried subject is followed by one of
    _SPEAKERS_ACTS ("Hospitals called for more funding" of "X said hospitals were full
    and called for …"): the speaker's own act, in the article's voice ("X called for more
    funding"); any other piece as it is."""
    if piece.text[piece.lead :].split(" ", 1)[0] not in _SPEAKERS_ACTS:
        return piece, by
    return _led_by(by, piece, piece.lead), None


def _list_lead(sent: str) -> tuple[str, bool]:
    """What a sentence ending in a colon, before a list, carries into the list's items, and
    whether it is a claim of its own: the words before the colon when the items complete
    them ("The budget includes"), no claim; "" when they are a label ("Key numbers"), no
    claim; "" when they attribute ("According to X:") or state something whole ("The
    council approved three measures"), a claim (the attribution its own way)."""
    words_before = sent.rstrip()[:-1].rstrip()
    if not words_before or attribute(sent) is not None:
        return "", True
    parts = words_before.split()
    if parts[0] in _PRESENTING or "following" in parts:
        return "", False  # "Here is what it contains:", "The following were arrested:"
    if len(parts) >= 2 and parts[-1].lower() in _OPEN_ENDS:
        return words_before, False
    if not has_verb(words_before) and not bp.heading_states_something(words_before):
        return "", False
    return "", True


# Subjects a list's items cannot take from their lead-in: a pronoun would not stand alone.
_NO_LIST_SUBJECT: Final = words(
    "i you he she it we they this that these those there here what which who")


def _lead_subject(sent: str) -> str | None:
    """The subject of a lead-in before a list, capitalised, a phrase before it left out
    ("At the meeting, the council took the following actions:" → "The council"); None
    when it has none, or a pronoun."""
    t = sent.rstrip().rstrip(":").strip()
    first = t.split(" ", 1)[0].lower()
    if first in PREPOSITIONS and ", " in t:  # "At the meeting, …"
        t = t.split(", ", 1)[1]
    subj = subject_of(t)
    if subj is None or subj.lower() in _NO_LIST_SUBJECT or "," in subj:
        return None
    return subj[:1].upper() + subj[1:]


def _label(words_before: str) -> bool:
    """Whether the words before an item's colon are a label ("Unemployment", "Jobs
    created", "Homes damaged": a noun, a participle after it at most), not a clause."""
    parts = words_before.split()
    if not has_verb(words_before):
        return True
    last = parts[-1]
    return (1 < len(parts) <= 4 and last.islower() and last.endswith("ed")
            and not has_verb(" ".join(parts[:-1])) and not any(w in AUX for w in parts))


def _item(line: Span, lead: str, subject: str | None = None) -> Frag:
    """A list item as its claim: completing the lead-in before the list ("The budget
    includes" + "$35 million for …"), or, after a label, "Unemployment: 4.1%" as
    "Unemployment is 4.1%"; an item that opens with a verb with the lead-in's `subject`
    ("Approved a budget" → "The council approved a budget"); an item that is a sentence
    as it stands."""
    whole = line.text.rstrip().endswith((".", "!", "?"))
    t = line.text.rstrip(" .;,")
    if subject is not None and opens_with_a_past(t):
        return Frag(f"{subject} {t[:1].lower()}{t[1:]}", line.start, line.start + len(t),
                    len(subject) + 1, True)
    # a sentence of its own stays one; an item in lower case goes on from the lead-in
    if lead and (t[:1].islower() or (not whole and not has_verb(t))):
        first, _sp, rest = t.partition(" ")
        if first in ("A", "An", "The") and rest:
            t = first.lower() + " " + rest
        # a lower-case item whose words look like a verb ("and sweetened milk drinks") is
        # one noun phrase all the same: no rule splits it off the lead-in as a clause
        return Frag(f"{lead} {t}", line.start, line.start + len(t), len(lead) + 1, True,
                    t[:1].islower() and (whole or has_verb(t)))
    m = _LABELLED.fullmatch(t)
    if m and _label(m["label"]) and not has_verb(m["value"]):
        return Frag(f"{m['label']} is {m['value']}", line.start, line.start + len(t), 0, False)
    return Frag(t, line.start, line.start + len(t))


# The quotation marks of a mail's quoted lines ("> ", ">> ", "> > ", a ">" alone on the line
# between paragraphs): not the article's words. A ">" before a figure (">50") is no mark.
_MAIL_QUOTE: Final = re.compile(r"^[ \t]*(?:>[ \t]*)*>(?:[ \t]|$)", re.M)


def _unquoted(text: str) -> tuple[str, list[int], list[int]]:
    """`text` without the quotation marks of a mail's quoted lines, so its lines join as
    hard-wrapped lines do; with where the marks were, as offsets in the text returned,
    and how many characters were cut up to each; no offsets when there were no marks."""
    if ">" not in text:
        return text, [], []
    parts: list[str] = []
    offsets: list[int] = []
    cuts: list[int] = []
    at = cut = 0
    for m in _MAIL_QUOTE.finditer(text):
        parts.append(text[at : m.start()])
        cut += m.end() - m.start()
        at = m.end()
        offsets.append(at - cut)
        cuts.append(cut)
    parts.append(text[at:])
    return "".join(parts), offsets, cuts


def _in_source(at: int, offsets: list[int], cuts: list[int]) -> int:
    """Offset `at` of a text _unquoted returned as the offset of the same character in the
    text it was made of."""
    k = bisect_right(offsets, at)
    return at + cuts[k - 1] if k else at


# Guillemets read as the quotation marks the rules know, one character for one, so spans
# stay those of the text: «…» as “…”, ‹…› as ‘…’; in a text that opens its quotations
# with » (German), »…« as “…”.
_GUILLEMETS: Final = str.maketrans("«»‹›", "“”‘’")
_REVERSED_GUILLEMETS: Final = str.maketrans("»«›‹", "“”‘’")


# A space inside French guillemets ("« Non »"), which the rules would read as the mark
# standing alone: swapped with the mark, so the text keeps its length.
_SPACED_OPEN: Final = re.compile(r"([«‹])([ \u00a0\u202f])")
_SPACED_CLOSE: Final = re.compile(r"([ \u00a0\u202f])([»›])")


def _guillemets_read(text: str) -> str:
    """`text` with its guillemets as quotation marks (see _GUILLEMETS)."""
    first = min((k for k in map(text.find, "«»‹›") if k >= 0), default=-1)
    if first < 0:
        return text
    if text[first] not in "«‹":
        return text.translate(_REVERSED_GUILLEMETS)
    text = _SPACED_CLOSE.sub(r"\2\1", _SPACED_OPEN.sub(r"\2\1", text))
    return text.translate(_GUILLEMETS)


def split(text: str) -> list[Claim]:
    """The claims of `text` in article order, seq from 1, with exact spans; a mail's quoted
    lines read without their quotation marks, the spans still those of `text`, and
    guillemets as quotation marks."""
    if "«" in text or "»" in text or "‹" in text or "›" in text:
        text = _guillemets_read(text)
    unquoted, offsets, cuts = _unquoted(text)
    claims = _split(unquoted)
    if offsets:
        for c in claims:
            c.start = _in_source(c.start, offsets, cuts)
            c.end = _in_source(c.end - 1, offsets, cuts) + 1
    return claims


def _split(text: str) -> list[Claim]:
    """The claims of `text` (see split)."""
    out: list[Claim] = []
    st = _State()
    paragraphs = list(_paragraphs(text))
    for n, (line, starts_block) in enumerate(paragraphs):
        if _never_claims(line.text) or _table_header(paragraphs, n):
            continue
        if n and starts_block and _credit(line.text) is not None:
            continue  # the credit line of the quotation before it
        listed = st.list_lead is not None and _bulleted(line.text) and not st.in_quote
        if not listed:
            st.list_lead = st.list_subject = None
        heading = bp.looks_like_heading(line.text)
        if heading and not listed and not bp.heading_states_something(line.text):
            continue  # a label ("Background"), not a statement
        if not st.in_quote:
            # An attribution ending in a colon governs the lines after it: the rest of its
            # block, or, when it ends one, the next block, and the blocks after that one
            # while each is an item of the list it starts (a list with a blank line between
            # its items, as HTML's reads).
            if st.pending_by is not None:
                st.block_by, st.pending_by = st.pending_by, None
                st.list_by, st.block_quoted = _bulleted(line.text), False
            elif starts_block and not (st.list_by and _bulleted(line.text)):
                st.block_by, st.list_by, st.block_quoted = None, False, False
            credit = _credited(paragraphs, n) if starts_block else None
            if credit is not None:  # a block quotation, its speaker on the line after it
                st.block_by, st.block_quoted = credit, True
            st.last_speaker, st.spoken = st.block_by, st.block_by is not None
        if listed:  # an item of a list after a lead-in: see _item
            cut = bp.line_prefix(line.text)
            item = Span(line.start + cut, line.end, line.text[cut:])
            for piece in decompose(_item(item, st.list_lead or "", st.list_subject)):
                _add(out, text, piece, st.block_by, False, ".")
            continue
        cut = bp.line_prefix(line.text)
        if cut:
            line = Span(line.start + cut, line.end, line.text[cut:])
            heading = bp.looks_like_heading(line.text)
        stop = "" if heading else "."
        sents = list(sentences_of_line(line))
        if (sents and not st.in_quote and line.text.rstrip().endswith(":")
                and n + 1 < len(paragraphs) and _bulleted(paragraphs[n + 1][0].text)):
            st.list_lead, itself = _list_lead(sents[-1].text)
            st.list_subject = _lead_subject(sents[-1].text)
            if not itself:
                sents.pop()
        for k, sent in enumerate(sents):
            if not st.in_quote and not st.spoken:
                _speaker_ahead(text, sents, k, st)
            if (bp.is_boilerplate(sent.text) or bp.is_question(sent.text)
                    or (not st.in_quote and _pulled(text, sent))):
                continue
            pieces = [
                (piece, by, quoted)
                for frag, by, quoted in _claims_of(text, sent, st)
                for piece in decompose(frag, quoted=quoted)
            ]
            if len(pieces) > 1:
                pieces.sort(key=_start)  # stable: reading order within a start
            for piece, by, quoted in pieces:
                if by is not None and piece.lead and not quoted:
                    piece, by = _speakers_act(piece, by)
                _add(out, text, piece, by, quoted, stop)
    return out


_WORDY: Final = re.compile(r"\w")


def _add(out: list[Claim], text: str, piece: Frag, by: str | None, quoted: bool,
         stop: str) -> None:
    """Append `piece` of `text` to `out` as the next claim, unless it holds no word."""
    span = _tight(text, piece.start, piece.end)
    t = piece.text
    # A first letter or digit is a word character: most texts skip the search.
    if span and (t[:1].isalnum() or _WORDY.search(t)):
        out.append(_claim(len(out) + 1, piece, span, by, quoted, stop))


# Hard-wrapped text (wire copy, mail) is wrapped at a width in this range.
_WRAP_MIN: Final = 30
_WRAP_MAX: Final = 100


def _paragraphs(text: str) -> Iterator[tuple[Span, bool]]:
    """The lines of `text`, those of a hard-wrapped paragraph joined into one, each with
    whether it starts a block (lines with single line breaks between them)."""
    block: list[Span] = []
    for line in lines(text):
        if block and text.count("\n", block[-1].end, line.start) > 1:
            yield from _first_marked(_unwrapped(text, block))
            block = []
        block.append(line)
    if block:
        yield from _first_marked(_unwrapped(text, block))


def _first_marked(spans: Iterator[Span]) -> Iterator[tuple[Span, bool]]:
    for k, span in enumerate(spans):
        yield span, k == 0


def _unwrapped(text: str, block: list[Span]) -> Iterator[Span]:
    """A block's lines, each joined to the next when that one goes on with the sentence
    (see _goes_on), or, in a block wrapped at a width, when its first word would not have fit
    on the line before (a wrapped line); never when it starts a bullet or dateline, nor a
    sentence after a line ending in a colon ("According to X:"), nor a mail's header line;
    a dash that passes for a bullet goes on with a line that ends mid-phrase (_dash_goes_on).
    A joined span's text reads its line breaks as spaces, so its offsets still point into
    `text`."""
    if len(block) == 1:
        yield from block
        return
    width = max(len(line.text) for line in block)
    wrapped = _WRAP_MIN <= width <= _WRAP_MAX
    first = block[0]
    for prev, line in pairwise(block):
        word = line.text.split(" ", 1)[0]  # up to a space: a no-break space joins words
        dash = _dash_goes_on(prev.text, line.text)  # "… for the" + "- first time, …"
        joins = dash or (not bp.line_prefix(line.text) and (_goes_on(prev.text, word) or (
            wrapped and len(prev.text) + 1 + len(word) > width
            and not (prev.text.endswith(":") and word[:1].isupper()))))  # a lead-in's end
        if not joins or bp.is_mail_header(line.text) or bp.is_mail_header(prev.text):
            yield _joined(text, first, prev)
            first = line
    yield _joined(text, first, block[-1])


# Last words no line of its own ends with: a sentence goes on after them.
_OPEN_ENDED: Final = DETERMINERS | PREPOSITIONS | words("and or but nor than")


def _dash_goes_on(prev: str, line: str) -> bool:
    """Whether `line`, opening with a dash that passes for a bullet, goes on with the
    sentence of the line before it: "… exceed 400 for the" + "- first time, …"."""
    last = prev.rsplit(" ", 1)[-1].lower()
    return line[:2] in ("- ", "– ", "— ") and line[2:3].islower() and last in _OPEN_ENDED


def _goes_on(line: str, word: str) -> bool:
    """Whether the next line, opening with `word`, goes on with the sentence of `line`: a
    word in lower case after a line that ends no sentence ("Wait times have" + "doubled,
    according to the" + "health department."), however short the lines."""
    return word[:1].islower() and line[-1:] not in ".!?:;"


def _joined(text: str, first: Span, last: Span) -> Span:
    """The lines from `first` to `last` as one span, line breaks read as spaces."""
    if first is last:
        return first
    return Span(first.start, last.end, text[first.start : last.end].replace("\n", " "))


def _start(piece: tuple[Frag, str | None, bool]) -> int:
    return piece[0].start


def _tight(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) clamped to the text and trimmed of outer whitespace; None when empty."""
    if 0 <= start < end <= len(text) and not (text[start].isspace() or text[end - 1].isspace()):
        return start, end  # already tight, as most fragments' spans are
    start = max(0, start)
    seg = text[start : max(start, end)]
    core = seg.strip()
    if not core:
        return None
    start += len(seg) - len(seg.lstrip())
    return start, start + len(core)


def _in_the_past(f: Frag) -> str:
    """A fragment whose carried subject is followed by an -ing verb (', abandoning …'),
    with that verb in the simple past, so the claim is a sentence ('S abandoned …').
    Only for a fragment that carries a subject (f.lead > 0)."""
    if "ing " not in f.text:
        return f.text
    rest = f.text[f.lead :]
    if not rest[:1].islower():  # a name ('Beijing …'), not a verb
        return f.text
    verb = rest.split(" ", 1)[0]
    after = rest[len(verb) :].split(" ", 2)[1:2]
    if after and after[0] in AUX:  # a subject, not a verb ("In Nashua, parking is free")
        return f.text
    past = past_tense(verb)
    if past is None or f.text[: f.lead].split()[-1].lower() in AUX:
        return f.text
    return f.text[: f.lead] + past + rest[len(verb) :]


_EDGES: Final = " ,;:—–-"


def _strip_edges(text: str) -> str:
    """`text` without edge spaces, commas, colons and dashes, but for a minus sign ("-40")."""
    t = text.lstrip(_EDGES)
    cut = len(text) - len(t)
    return (text[cut - 1 :] if cut and is_minus(text, cut - 1) else t).rstrip(_EDGES)


def _tidy(text: str, quoted: bool, stop: str) -> str:
    """The claim text made of `text`: whitespace collapsed, edge punctuation and, when quoted,
    quotation marks trimmed, the first letter capitalised, `stop` after a final word or
    number."""
    # Most texts have no whitespace to collapse: printable ASCII holds no whitespace but " ".
    if (
        text.isascii()
        and text.isprintable()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    ):
        t = _strip_edges(text)
    else:
        t = _strip_edges(" ".join(text.split()))
    t = t.strip("“”\"‘’'") if quoted else t
    t = t[:1].upper() + t[1:]
    if (t and t[-1].isalnum()) or t.endswith(("%", ")")):
        t += stop
    elif t.endswith((',"', ",”")):  # a quotation the sentence went on after: 'was "large,"'
        t = t[:-2] + stop + t[-1]
    return t


def _claim(
    seq: int, f: Frag, span: tuple[int, int], by: str | None, quoted: bool, stop: str
) -> Claim:
    t = _tidy(_in_the_past(f) if f.lead and not quoted else f.text, quoted, stop)
    kind, worth = assess(t, quoted=quoted)
    return Claim(seq, t, span[0], span[1], by, kind, worth)
