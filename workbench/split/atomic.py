"""Decompose one sentence (or attributed content) into atomic claims with rules.

Each rule looks at a fragment and either returns smaller fragments or None. Fragments keep the
source span they came from; a carried subject is prefixed to the text, never added to the span.
"""

from __future__ import annotations

import re
from typing import Final

from workbench.split.grammar import (
    AUX,
    DETERMINERS,
    IRREGULAR,
    NUMBER_WORDS,
    PREPOSITIONS,
    WORD,
    first_verb,
    has_verb,
    is_finite_verb,
    tokens,
)
from workbench.split.lexicon import UPPER, holds_any, words

_TRIM: Final = " \t,;:.—–-\"“”‘’'"
_MAX_DEPTH: Final = 8


class Frag:
    """Claim text under construction; text[lead:] is src[start:end] while `exact`.

    A plain class rather than a NamedTuple: compiled (see setup.py), it is built without a call
    into Python, and rules build many."""

    __slots__ = ("done", "end", "exact", "lead", "start", "text")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        lead: int = 0,
        exact: bool = True,
        done: bool = False,  # no further rule applies (e.g. a whole '…, a move that …' sentence)
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lead = lead
        self.exact = exact
        self.done = done

    def __repr__(self) -> str:
        return (
            f"Frag({self.text!r}, {self.start}, {self.end}, {self.lead}, {self.exact}, {self.done})"
        )


def is_minus(text: str, i: int) -> bool:
    """True when text[i] is a minus sign: a hyphen or en dash before a digit ("-40")."""
    return text[i] in "-–" and text[i + 1 : i + 2].isdigit()


def _closes(part: str, mark: str) -> bool:
    """Whether `mark` closes a quotation that `part` opens and leaves open."""
    if mark == '"':
        return part.count('"') % 2 == 1
    return mark == "”" and part.count("“") > part.count("”")


def sub(f: Frag, i: int, j: int, prefix: str = "", *, from_start: bool = False) -> Frag:
    """The part f.text[i:j] (trimmed, but for a minus sign) as a new fragment, with an optional
    carried prefix."""
    while i < j and f.text[i] in _TRIM and not is_minus(f.text, i):
        i += 1
    while j > i and f.text[j - 1] in _TRIM:
        j -= 1
    if j < len(f.text) and _closes(f.text[i:j], f.text[j]):
        j += 1  # 'was "very disappointed"': the mark that closes a quotation in the part
    if f.exact and i >= f.lead:
        s, e = f.start + i - f.lead, f.start + j - f.lead
    else:
        s, e = f.start, f.end
    if from_start:
        s = f.start
    if prefix and not prefix.endswith(" "):
        prefix += " "
    kept = max(f.lead - i, 0)  # a carried subject cut along with the text stays carried
    return Frag(prefix + f.text[i:j], s, max(e, s + 1), len(prefix) + kept, f.exact)


def joined(f: Frag, parts: list[tuple[int, int]]) -> Frag:
    """f with only the given ranges of its text kept (span stays f's)."""
    text = " ".join(f.text[i:j].strip(" ,") for i, j in parts if f.text[i:j].strip(" ,"))
    return Frag(text, f.start, f.end, 0, False)


def _subject(text: str) -> tuple[int, int] | None:
    """(end of subject, start of verb) when the text starts with a subject and a finite verb."""
    v = first_verb(text)
    if v is None or v == 0:
        return None
    subj = text[:v].rstrip()
    if not subj or subj.endswith(",") or len(subj) > 120:
        return None
    return len(subj), v


# A time between a subject and its verb ("Harlow Foods Inc on Thursday reported …"): it
# dates the verb it stands before, so a subject carried to another verb leaves it behind.
_SUBJECT_TIME: Final = re.compile(
    r"\s+(?:on\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[A-Z][a-z]{2,8}\.?\s+\d{1,2})"
    r"|(?:last|this)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|week|month|year)"
    r"|yesterday|today)$")


def _carried(subj: str) -> str:
    """The subject `subj` as carried to another verb: without a time at its end."""
    m = _SUBJECT_TIME.search(subj)
    return subj[: m.start()] if m is not None and m.start() > 0 else subj


def subject_of(text: str) -> str | None:
    """The words before the first finite verb of `text` when they are its subject, else
    None."""
    sv = _subject(text)
    return None if sv is None else text[: sv[0]].strip()


def opens_with_a_past(text: str) -> bool:
    """Whether `text` opens with a capitalised simple past, as a list item whose subject
    is in the lead-in does ("Approved an increase in …", "Took no action"); not a noun
    ("Speed limits …", "Cut in taxes …")."""
    first = WORD.match(text)
    if first is None or first.start() != 0 or not first[0][:1].isupper():
        return False
    low = first[0].lower()
    if low in IRREGULAR:
        return low not in _NOUNLIKE_PASTS
    return (len(low) >= 5 and low.endswith("ed") and first[0][1:].islower()
            and low not in _NOT_ED_PARTICIPLES)


# --- rules --------------------------------------------------------------------------------

_MARKERS: Final = (
    "Meanwhile|However|Still|Also|In addition|Moreover|Separately|Earlier|Later|Instead|Indeed|"
    "Yet|And|But|So"
)
# Lead clauses dropped as background ("When the river rose, 300 homes lost power."). Not
# "If", "Unless" or "Whether": the statement after one holds only on its condition ("If the
# council agrees, the tram will run by May"), so the sentence stays whole.
_CONDITIONS: Final = "As|While|When|Although|Though"
_CAUSES: Final = "After|Before|Because|Since"
_LEAD_MARKER: Final = re.compile(rf"^(?:{_MARKERS}),\s*")
_LEAD_SUB: Final = re.compile(rf"^(?P<c>{_CONDITIONS}) [^,]{{3,150}},\s+")
_LEAD_FACT_SUB: Final = re.compile(rf"^(?:{_CAUSES}) (?P<c>[^,]{{3,150}}),\s+")
# The first three characters of a text that starts with a lead word (a two-letter word with
# the comma or space after it): a text starting otherwise skips the three matches.
_LEAD_STARTS: Final = frozenset(
    start
    for w in f"{_MARKERS}|{_CONDITIONS}|{_CAUSES}".split("|")
    for start in ((w[:3],) if len(w) >= 3 else (w + ",", w + " "))
)


def strip_lead(f: Frag) -> list[Frag] | None:
    """Drop discourse markers and conditional/temporal lead clauses; split factual ones."""
    if f.text[:3] not in _LEAD_STARTS:
        return None
    m = _LEAD_MARKER.match(f.text) or _LEAD_SUB.match(f.text)
    if m and m.end() < len(f.text):
        return [sub(f, m.end(), len(f.text))]
    m = _LEAD_FACT_SUB.match(f.text)
    if m and has_verb(m["c"]):
        return [sub(f, m.start("c"), m.end("c")), sub(f, m.end(), len(f.text))]
    return None


_CLAUSE_BREAK: Final = re.compile(r";\s+|,\s+(?:but|though|although|whereas|yet)\s+|\s+but\s+")
# A clause opening with one of these leans on the clause before for what it is about ("…, but
# it was later struck down", "…, and their members will strike"): on its own it would be no
# claim a checker could read, so the two stay one. Not an "it" that stands for nothing ("it
# seems unlikely that …", "it is not clear whether …").
_LEANS_BACK: Final = re.compile(
    r"(?:it(?!\s+(?:seems|seemed|appears|appeared|remains|remained|(?:is|was)\s+(?:not\s+)?"
    r"(?:un)?(?:likely|clear)))|its|they|their|he|his|she|her|this|these|those)\b", re.I)


def clauses(f: Frag) -> list[Frag] | None:
    """Split independent clauses joined by ';' or 'but' / 'though', unless the second leans
    on the first for its subject."""
    t = f.text
    if ";" not in t and "but" not in t and "though" not in t and "whereas" not in t:
        return None
    for m in _CLAUSE_BREAK.finditer(f.text):
        left, right = f.text[: m.start()], f.text[m.end() :]
        if _LEANS_BACK.match(right) or opens_with_a_verb(right):
            continue  # a verb first: 'S cut X but kept Y' shares S (coordinated_verbs)
        if has_verb(left) and has_verb(right):
            return [sub(f, 0, m.start()), sub(f, m.end(), len(f.text))]
    return None


def opens_with_a_verb(text: str) -> bool:
    """Whether `text` opens with a finite verb: a predicate whose subject came before."""
    first = WORD.match(text)
    if first is None:
        return False
    second = WORD.search(text, first.end())
    return is_finite_verb(first[0], "but", second[0] if second else None)


_DASHES: Final = re.compile(
    r"\s+(?:—|–|--)\s*(?P<p>[^—–]{3,300}?)\s*(?:—|–|--)\s+|\s*\((?P<q>[^()]{3,200})\)"
)
_REL_START: Final = re.compile(r"^(?:who|which|that)\s+")


def _has_own_subject(aside: str) -> bool:
    """Whether `aside` opens with a subject and its verb ("the school closed in 2019"),
    not with a participle or an adverb before one ("then affiliated with …")."""
    sv = _subject(aside)
    return sv is not None and any(
        w.lower() not in _NO_SUBJECT for w in aside[: sv[0]].split())


def parenthetical(f: Frag) -> list[Frag] | None:
    """A dash or bracket aside with a verb becomes its own claim ('who …' gets the subject)."""
    t = f.text
    if "(" not in t and "—" not in t and "–" not in t and "--" not in t:
        return None
    for m in _DASHES.finditer(f.text):
        g = "p" if m["p"] is not None else "q"
        p = m[g]
        if not has_verb(p):
            continue
        head = f.text[: m.start()]
        r = _REL_START.match(p)
        if r is None and not _has_own_subject(p):
            continue  # "(then affiliated with MIT)": a fragment, which stays in its sentence
        rest = joined(f, [(0, m.start()), (m.end(), len(f.text))])
        if r and not has_verb(head):
            aside = sub(f, m.start(g) + r.end(), m.end(g), head.strip(), from_start=True)
            return [aside, rest]
        return [rest, sub(f, m.start(g), m.end(g))]
    return None


_NONRESTRICTIVE: Final = re.compile(
    r",\s+(?P<w>who|which|where)\s+(?P<r>(?:[^,]|,(?=\d))+?)(?:,\s+|\s*$)"
)


_DET_OR_PREP: Final = DETERMINERS | PREPOSITIONS


# A time, which a relative clause after it is seldom about ("… on Monday night, which will
# make funding available": the approval will).
_TIME_HEAD: Final = re.compile(
    r"(?:(?:the\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May"
    r"|June|July|August|September|October|November|December|\d[\d:.]*\s*[ap]\.m\.|yesterday"
    r"|today|tonight|(?:the|that|this|last|next)\s+(?:morning|afternoon|evening|night|day|week"
    r"|month|year))\b")


_NAME: Final = rf"[{UPPER}][\w'-]+(?:\s+[{UPPER}][\w'-]+)*"  # capitalised words: a name
_PLACE_END: Final = re.compile(rf"\s(?:in|at|near|to|into|from)\s+(?P<n>{_NAME})$")


# A speech tag opening a relative clause: "…, which it said receives …". What follows is
# someone's statement, which the clause's claim would give in no one's voice, garbled.
_TAGGED_REL: Final = re.compile(
    rf"^(?:it|he|she|they|we|{_NAME}|(?:the|its|their|some|many|most)\s+[a-z]+"
    r"|[a-z]+(?:ers|ists|ians|ors|als|ts))\s+(?:said|says|claimed|claims|believes|believe"
    r"|estimated|estimates|reported|argued|argues|warned|warn|warns|predicted|predict"
    r"|expect|expects|expected|told)\b")


_JOINS: Final = words("and or nor")
# Prepositions that join a noun to a name after it: "participants in the UK Biobank", "the
# mayor of Springfield".
_OF_NAME: Final = words("of for at from in")


def _who_head(toks: list[re.Match[str]], k: int) -> int:
    """Where the head of a "who" clause starts, given the noun phrase found at token k,
    when a noun and a preposition come before it: for a body's name ("participants in the
    UK Biobank, who wore …"), the noun with it; for a bare name ("the mayor of Springfield,
    who …", "the son of Ann Lee, who …"), -1, as either could be meant."""
    name = toks[k][0][:1].isupper()
    body = toks[k][0] == "the" and k + 1 < len(toks) and toks[k + 1][0][:1].isupper()
    if not (name or body) or k < 2 or toks[k - 1][0] not in _OF_NAME:
        return k
    noun = toks[k - 2][0]
    if not noun.isalpha() or not noun.islower() or noun in AUX or noun in IRREGULAR \
            or noun.endswith("ed") or noun in _NO_SUBJECT or noun in DETERMINERS:
        return k if name else -1
    if name:
        return -1
    return k - 3 if k >= 3 and toks[k - 3][0].lower() in DETERMINERS else k - 2


def _where_head(toks: list[re.Match[str]], k: int) -> int:
    """Where the place a "where" clause is about starts, given the name at token k after
    "of": the whole "University of Maine" with the preposition before it ("at the
    University of Maine"), not "Maine"; k itself when no preposition opens it."""
    j = k - 1
    while j > 0 and toks[j - 1][0].lower() not in _DET_OR_PREP:
        j -= 1
    while j > 0 and toks[j - 1][0].lower() in DETERMINERS:
        j -= 1
    if j > 0 and toks[j - 1][0].lower() in PREPOSITIONS and toks[j - 1][0] != "of":
        return j - 1
    return k


def relative(f: Frag) -> list[Frag] | None:
    """', which/who/where …' clauses become claims about the noun they follow."""
    if ", wh" not in f.text:
        return None
    for m in _NONRESTRICTIVE.finditer(f.text):
        head = f.text[: m.start()].strip()
        if not head:
            continue
        if _TAGGED_REL.match(m["r"]):
            return None  # the sentence stays whole
        whole_head = not has_verb(head)
        if whole_head and m["w"] != "where" and _PLACE_END.search(head) is not None:
            continue  # "Prices in Ulm, which has 300 shops, rose": the prices, or Ulm?
        if not whole_head:
            toks = tokens(head)
            k = len(toks)
            while k > 0 and toks[k - 1][0].lower() not in _DET_OR_PREP:
                k -= 1
            if k == 0:  # no determiner or preposition: the trailing capitalised name
                k = len(toks)
                while k > 0 and toks[k - 1][0][0].isupper():
                    k -= 1
                if k == len(toks) or k == 0:
                    continue
            else:
                if m["w"] == "where" and toks[k - 1][0] == "of":
                    k = _where_head(toks, k)  # "at the University of Maine, where …"
                k -= 1 if toks[k - 1][0].lower() in DETERMINERS else 0
                if m["w"] == "who" and k < len(toks):
                    k = _who_head(toks, k)
                    if k < 0:
                        continue
            if (k > 0 and toks[k - 1][0] in _JOINS) or any(t[0] in _JOINS for t in toks[k:]):
                continue  # "Swindon Town or Forest Green Rovers, who meet …": about both,
                # or "slowed to 6.9% and core inflation, which excludes …": which?
            head = head[toks[k].start() :] if k < len(toks) else head
            if has_verb(head) or _TIME_HEAD.match(head):
                continue  # no noun the clause is surely about ("on Monday night, which …")
        if m["w"] == "where":
            place = _PLACE_END.search(head)
            if place is not None:  # "… drive to the mall in Nashua, where …"
                head = "In " + place["n"]
            elif whole_head and len(head.split()) > 4:
                continue  # a clause whose verb went unseen, no place
            elif head.split()[0].lower() not in PREPOSITIONS:
                head = "In " + head
            prefix = head + ","
        else:
            prefix = head
        aside = sub(f, m.start("r"), m.end("r"), prefix, from_start=whole_head)
        if m.end() >= len(f.text):
            return [sub(f, 0, m.start()), aside]
        rest = joined(f, [(0, m.start()), (m.end(), len(f.text))])
        return [aside, rest] if whole_head else [rest, aside]
    return None


_MID_APPOS: Final = re.compile(
    # the head: "The mayor", "The mayor of Ōsaka", or a name ("Udhaim, 60 miles north …")
    rf"(?P<h>^(?:The|A|An)\s+[a-z][\w'-]+(?:\s+of\s+(?:the\s+)?{_NAME})?|\b{_NAME}),\s+"
    r"(?P<a>(?:\d[\d,.]*|about|some|nearly|"
    rf"the|a|an|{_NAME}['’]s)\s[^,]{{2,80}}?),\s+"  # "Rotterdam, Europe's largest port,"
)
# What every _MID_APPOS match holds, found faster: a comma, whitespace and the aside's first
# word (or a name's possessive).
_MID_APPOS_HINT: Final = re.compile(
    rf",\s+(?:\d|(?:about|some|nearly|the|an?)\s|[{UPPER}][\w'-]*['’]s\s)")
# A name, then what it is with a relative clause of its own, then the name's verb: "Margaret
# Ellison, a marine biologist whose research helped save the fishery, died on Sunday".
_LEAD_APPOS: Final = re.compile(
    rf"^(?P<h>{_NAME}),\s+(?P<a>(?:a|an|the)\s[^,]{{2,80}}?\s(?:who|whose|that)\s[^,]{{2,120}}?),"
    r"\s+(?:(?:also|now|then|later|still|only)\s+)?(?P<v>[a-z][\w']*)(?:\s+(?P<n>[\w']+))?")
_END_APPOS: Final = re.compile(r",\s+(?P<a>(?:the|a|an)\s[^,]{2,120}?)\s*[.]?$")
# The verb at the subject's end with an auxiliary or adverb after it: the object follows.
_VERB_END: Final = re.compile(r"\w+(?:\s+(?:been|be|now|also|today))?\s+")
_MOVE: Final = re.compile(r"^an?\s+(?:move|step|decision|development|change)\s+(?:that|which)\b")
_GROUP_WORDS: Final = ("group", "organi", "movement", "party", "militia", "network", "faction")
_NAMED: Final = re.compile(
    r"\b(?:the|a|an)\s+(?P<d>(?:[\w-]+\s+){0,4}?(?:group|organi[sz]ation|movement|party|"
    rf"militia|network|faction))\s+(?P<n>[{UPPER}][\w-]*(?:\s+(?:[{UPPER}][\w-]*|of|in|and|for"
    rf"|the))*\s+[{UPPER}][\w-]*)(?:,\s+or\s+(?P<alias>[A-Z]{{2,8}}),)?"
)


# Capitalised at a sentence's start, before a comma, and no name ("Today, a day of …,").
_NOT_HEAD: Final = DETERMINERS | PREPOSITIONS | AUX | words(
    """today yesterday tonight meanwhile however still also then later now instead indeed
    moreover separately earlier again here there monday tuesday wednesday thursday friday
    saturday sunday"""
)


def _heads(h: str) -> bool:
    """Whether `h`, at a sentence's start, is what an aside after it describes: "The
    mayor", "Ōsaka"; not a lead word ("Today")."""
    return h.startswith(("The ", "A ", "An ")) or h.split()[0].lower() not in _NOT_HEAD


_CURRENCY: Final = "$€£¥"
# First words of a noun phrase that describes a name after it ("Her husband, Richard …").
_NOUN_PHRASE_OPENERS: Final = words("the a an her his their its our")


def _described_by_measure(obj: str) -> str | None:
    """What a description after an object that opens with a measure describes: the
    measure when it is all the object ("cut 450 jobs, the most since 2009"); None when a
    preposition follows it, as either could be meant ("fell 5% in North America, the
    company's largest market", "rose 5% in May, the steepest rise in years")."""
    if any(w in PREPOSITIONS for w in obj.split()):
        return None
    return obj


# The last word of a phrase of time after a comma, no description: "…, a year earlier".
_TIME_AGO: Final = words("earlier ago later before prior previously after")


def appositive(f: Frag) -> list[Frag] | None:
    """'Udhaim, 60 miles north of Baghdad,' and '…, the largest in X' become 'X is …' claims."""
    t = f.text
    m = _NAMED.search(t) if holds_any(t, _GROUP_WORDS) else None
    if m:
        d = m["d"].strip()
        art = "an" if d[0].lower() in "aeiou" else "a"
        name = m["n"] + (f", or {m['alias']}," if m["alias"] else "")
        desc = Frag(
            f"{name} is {art} {d}",
            f.start + m.start() - f.lead if f.exact else f.start,
            f.start + m.end() - f.lead if f.exact else f.end,
            0,
            False,
        )
        short = m["alias"] or m["n"]
        rest = Frag(f.text[: m.start()] + short + f.text[m.end() :], f.start, f.end, 0, False)
        return [desc, rest]
    m = _LEAD_APPOS.match(t) if t.count(", ") >= 2 else None
    if m and _heads(m["h"]) and is_finite_verb(m["v"], m["a"].rsplit(" ", 1)[-1], m["n"]):
        claim = sub(f, m.start("a"), m.end("a"), f"{m['h']} is")
        rest = joined(f, [(0, m.end("h")), (m.end("a") + 1, len(f.text))])
        return [claim, rest]
    m = _MID_APPOS.search(t) if t.count(", ") >= 2 and _MID_APPOS_HINT.search(t) else None
    if m and not has_verb(m["a"]) and (m.start() > 0 or _heads(m["h"])):
        claim = sub(f, m.start("a"), m.end("a"), f"{m['h']} is")
        before = t[: m.start()]
        if (before.endswith(", ") and "," not in before[:-2] and not has_verb(before)
                and before.split(" ", 1)[0].lower() in _NOUN_PHRASE_OPENERS):
            # "Her husband of 58 years, Richard Ellison, a teacher, died": the name is the
            # subject, and the words before it one more thing it is
            described = sub(f, 0, len(before) - 2)
            named = Frag(f"{m['h']} is {before[:1].lower()}{described.text[1:]}",
                         described.start, described.end, 0, False)
            rest = joined(f, [(m.start(), m.end("h")), (m.end(), len(f.text))])
            return [named, rest, claim]
        rest = joined(f, [(0, m.end("h")), (m.end(), len(f.text))])
        return [rest, claim]
    m = _END_APPOS.search(t) if ", " in t else None
    if m:
        main = f.text[: m.start()]
        if _MOVE.match(m["a"]):
            whole = sub(f, 0, len(f.text))
            return [sub(f, 0, m.start()), Frag(whole.text, whole.start, whole.end, done=True)]
        if has_verb(m["a"]) or m["a"].rsplit(" ", 1)[-1] in _TIME_AGO:
            return None  # a clause, or a time ("…, a year earlier")
        aside = main.rsplit(", ", 1)[-1] if ", " in main else ""
        if aside.split(" ", 1)[0] in PREPOSITIONS:
            return None  # the object after an aside: "rejected, by a 4-3 vote, a proposal"
        sv = _subject(main)
        if sv is None:
            return None
        vend = _VERB_END.match(main[sv[1] :])
        obj_start = sv[1] + (vend.end() if vend else 0)
        obj = main[obj_start:].strip()
        first = obj.split(" ", 1)[0].lower()
        if first in _NO_SUBJECT:
            return None  # "spent it on holidays, a villa …", "heard that he …, a …": a list
            # or a clause's noun, not the subject, is what the words after the comma are
        if vend is not None and vend[0].split()[0].lower() in AUX and first.isalpha() and not (
                first in DETERMINERS or first in NUMBER_WORDS or first in _NO_CLAUSE_END):
            # "has now provided seven assists": the participle after the auxiliary is the
            # verb, the object follows it
            obj = obj.split(" ", 1)[1] if " " in obj else ""
            first = obj.split(" ", 1)[0].lower()
        if first[:1].isdigit() or first[:1] in _CURRENCY or first in NUMBER_WORDS:
            found = _described_by_measure(obj)  # "fell 5% in North America, the …"
            if found is None:
                return None
            head = _carried(found)  # "fell 34% this year, the steepest drop …": the 34%
        elif first in DETERMINERS:
            # "approved a $2.4 billion budget on Tuesday, the largest …": the budget, now
            # known, is the largest, not "a … budget on Tuesday"
            head = _carried(obj)
            if first in ("a", "an"):
                head = "the" + head[len(first) :]
        else:
            head = main[: sv[0]].strip()
        return [sub(f, 0, m.start()), sub(f, m.start("a"), m.end("a"), f"{head} is")]
    return None


_PARTICIPLE: Final = re.compile(r",\s+(?P<p>(?P<w>[a-z]+(?:ing|ed))\s[^,]+?)\s*[.]?$")
_NOT_PARTICIPLE: Final = words(
    "according including excluding following regarding during concerning notwithstanding compared"
)


# Words that open a list of examples, none of whose items has a verb: "such as inactivity,
# hearing loss and …".
_LIST_OPEN: Final = re.compile(r"\b(?:such as|including|like|especially|notably)\s[^,]*$")


def participle(f: Frag) -> list[Frag] | None:
    """A trailing ', abandoning …' / ', protected by …' clause: the subject carried into it."""
    if ", " not in f.text:
        return None
    m = _PARTICIPLE.search(f.text)
    if not m or m["w"] in _NOT_PARTICIPLE or m["p"].startswith(f"{m['w']} that "):
        return None  # ', noticed that …' is a verb with its clause, after an aside
    if m["w"] in _WHEN_PARTICIPLES and _dates(m["p"][len(m["w"]) + 1 :]):
        return None  # ', starting in November': when, not what the subject did
    main = f.text[: m.start()]
    if m["p"][len(m["w"]) :].startswith((" and ", " or ")) or _LIST_OPEN.search(main):
        return None  # "schools, housing and transport", "such as inactivity, hearing loss …":
        # a noun in -ing that ends a list
    sv = _subject(main)
    if sv is None:
        return None
    if main.rsplit(", ", 1)[-1].startswith(("which ", "who ", "whose ", "where ")):
        return None  # "core inflation, which excludes …, eased to 3.6%": the noun's verb
    verb = WORD.match(main, sv[1])
    if verb is not None and _noun_then_verb(verb[0], main[verb.end() :]):
        return None  # "bond yields in Italy fell …": "yields" no verb, "Bond" no subject
    if " that " in main[sv[1] :]:
        return None  # "The court heard that Pollard took it, spending …": whose act is unclear
    subj = _carried(main[: sv[0]].strip())
    if m["w"].endswith("ed"):  # ', protected by …' → 'S are protected by …'
        plural = subj.split()[-1].endswith("s") and not subj.endswith("ss")
        subj += " are" if plural else " is"
    elif (modal := main[sv[1]:].split(" ", 1)[0].lower()) in _MODALS:
        # 'S would house 120 people, replacing …': what S would do, not did ('S would be
        # replacing …'), as the main clause has it
        subj += f" {modal} be"
    return [sub(f, 0, m.start()), sub(f, m.start("p"), m.end("p"), subj)]


_MODALS: Final = words("will would could can may might must shall should")
# Participles that, before a time, tell when the main clause holds: "…, starting in
# November", "…, beginning Monday" is no act of its own.
_WHEN_PARTICIPLES: Final = words("starting beginning ending")
_TIME_OPENERS: Final = words("in on from at next this last today tomorrow")


def _dates(rest: str) -> bool:
    """Whether `rest`, after a participle, opens with a time: a preposition, "next", a
    number or a capitalised word ("in November", "Monday", "2026")."""
    first = rest.split(" ", 1)[0]
    return first in _TIME_OPENERS or first[:1].isdigit() or first[:1].isupper()


# "The report, published on Monday, found …": a past participle's clause between the subject
# and its verb. The head holds no verb; the main verb comes right after the aside's comma.
_MID_PARTICIPLE: Final = re.compile(
    r"^(?P<h>[^,]{2,80}?),\s+(?P<a>(?P<w>[a-z]+)\s(?:[^,]|,(?=\d)){2,120}?),\s+"
    r"(?:(?:also|now|then|later|still|only)\s+)?(?P<v>[A-Za-z'’]+)(?:\s+(?P<n>[\w'’]+))?"
)
# Past participles not in -ed (IRREGULAR holds the forms that are also simple pasts).
_EN_PARTICIPLES: Final = words(
    "born known written taken given seen shown chosen driven grown drawn thrown hidden stolen "
    "spoken broken frozen forgotten beaten worn sworn torn shaken"
)
_NOT_ED_PARTICIPLES: Final = words("indeed hundred need speed seed feed breed greed shed")
_TIME_CUE: Final = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d|yesterday|last|ago|earlier|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)
_PAST_AUX: Final = words("was were had did")


def participial_aside(f: Frag) -> list[Frag] | None:
    """'The report, published on Monday, found …' → 'The report was published on Monday.' and
    'The report found …' (the copula in the main verb's tense, or past for a dated aside)."""
    if ", " not in f.text:
        return None
    m = _MID_PARTICIPLE.match(f.text)
    if m is None:
        return None
    w, head = m["w"], m["h"].strip()
    if not (
        (w.endswith("ed") and len(w) >= 4 and w not in _NOT_ED_PARTICIPLES
         and w not in _NOT_PARTICIPLE)
        or w in IRREGULAR
        or w in _EN_PARTICIPLES
    ):
        return None
    first = head.split(" ", 1)[0]
    if not first[:1].isupper() or first.lower() in PREPOSITIONS or has_verb(head):
        return None
    if len(head.split()) > 8:
        return None
    v = m["v"]
    if not is_finite_verb(v, head.rsplit(" ", 1)[-1], m["n"]):
        return None
    low = v.lower()
    past = (low in _PAST_AUX or low in IRREGULAR or low.endswith("ed")
            or _TIME_CUE.search(m["a"]) is not None)
    last = head.rsplit(" ", 1)[-1].lower()
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    copula = ("were" if plural else "was") if past else ("are" if plural else "is")
    claim = sub(f, m.start("a"), m.end("a"), f"{head} {copula}", from_start=True)
    rest = joined(f, [(0, m.end("h")), (m.end("a"), len(f.text))])
    return [claim, rest]


_WHO: Final = re.compile(r"\b(?P<h>the\s+[a-z]+s)\s+who\s+(?P<r>.+)$")


def restrictive_who(f: Frag) -> list[Frag] | None:
    """'… to the fighters who aim to …': 'The fighters aim to …' is its own claim."""
    m = _WHO.search(f.text) if "who" in f.text else None
    if not m or len(m["r"].split()) < 2 or len(f.text[: m.start()].split()) < 3:
        return None
    head = m["h"][0].upper() + m["h"][1:]
    return [sub(f, 0, m.end("h")), sub(f, m.start("r"), m.end("r"), head)]


_SUBORD: Final = re.compile(
    r"(?:,\s+|\s+)(?P<c>after|because|since|before|when)\s+(?P<s>.+)$|"
    r",\s+(?P<c2>as|while|whereas)\s+(?P<s2>.+)$"
)


# What every _SUBORD match holds, found faster: a conjunction between whitespace.
_SUBORD_HINT: Final = re.compile(r"\s(?:a(?:fter|s)|b(?:ecause|efore)|since|wh(?:en|ile|ereas))\s")


# Words that open no subject of a clause after "since", "after", "because" …: a time
# ("since 2014", "after January") or a relative ("after which it levelled off").
_NO_CLAUSE_SUBJECT: Final = PREPOSITIONS | words(
    """which who whom whose what january february march april may june july august
    september october november december monday tuesday wednesday thursday friday saturday
    sunday midnight noon"""
)


def _clause_subject(subj: str) -> bool:
    """Whether `subj`, the words before the first verb after a conjunction, is a clause's
    subject rather than the conjunction's object as a preposition ("since 2014, while our
    costs have gone up", "because of the revenue that rose") or a relative ("after which
    it")."""
    first = subj.split(" ", 1)[0].lower()
    return not ("," in subj or first[:1].isdigit() or first in _NO_CLAUSE_SUBJECT)


# Words that measure the time between a statement and the "after" or "before" clause that
# follows ("eight minutes after the break", "shortly before the vote"): the clause is then
# part of the statement, and a cut there would leave "Rovers equalised eight minutes."
_SPAN_OF_TIME: Final = words(
    """seconds minutes hours days weeks months years decades centuries moments second minute
    hour day week month year decade shortly soon long just immediately right"""
)


def _after_a_span_of_time(text: str, m: re.Match[str]) -> bool:
    """Whether `m`, an "after" or "before", follows a span of time that it ends."""
    if m["c"] not in ("after", "before") or text[m.start() : m.start("c")].strip():
        return False
    last = text[: m.start()].rsplit(" ", 1)[-1].lower()
    return last in _SPAN_OF_TIME


def subordinate(f: Frag) -> list[Frag] | None:
    """'…, after most of the army troops left their positions': both clauses are claims."""
    if not _SUBORD_HINT.search(f.text):
        return None
    pos = 0
    while (m := _SUBORD.search(f.text, pos)) is not None:
        pos = len(f.text)
        if _after_a_span_of_time(f.text, m):
            pos = m.end("c")  # "eight minutes after the break when …": look on past it
            continue
        g = "s" if m["s"] is not None else "s2"
        s = m[g]
        sv = _subject(s)
        if sv is None or not has_verb(f.text[: m.start()]):
            continue
        if not _clause_subject(s[: sv[0]]) or f.text[: m.start()].endswith(" that"):
            continue  # "since 2014, while …", "because of …", "testified that when …"
        return [sub(f, 0, m.start()), sub(f, m.start(g), m.end(g))]
    return None


_AND_VERB: Final = re.compile(
    r"(?:,\s*and|\s+and|,?\s*\bbut)\s+(?:(?:now|also|then|later|still)\s+)?")


def _noun_then_verb(w: str, after: str) -> bool:
    """Whether `w`, taken for a verb by its form ("economists"), is rather a clause's
    subject: an auxiliary or an irregular past follows it within the clause ("and
    economists at the central bank said …")."""
    low = w.lower()
    if low in AUX or low in IRREGULAR:
        return False
    clause = after.split(",", 1)[0].split()[:8]
    return any(x.lower() in AUX or x.lower() in IRREGULAR for x in clause)


# A plural with "of" before "and": a plural with "of" after it is the same kind of noun.
_NOUN_OF: Final = re.compile(r"\b[a-z]+s of \S[^,]*$")
# A relative clause opening after the main verb: a verb after "and" within it is its own.
_REL_OPEN: Final = re.compile(r",\s+(?:who|whose|which|where)\s")


def _bare(w: str) -> bool:
    """Whether `w`, a verb after "and", is in its bare form ("cut", "do"), which a modal
    before governs, rather than a past or an -s form of its own ("said", "closes")."""
    low = w.lower()
    if low in IRREGULAR:
        return low in _NOUNLIKE_PASTS
    return not (low.endswith("ed") or (low.endswith("s") and not low.endswith("ss")))


def coordinated_verbs(f: Frag) -> list[Frag] | None:
    """'S seized X, and are now heading to Y' → 'S seized X' · 'S are now heading to Y';
    'S could raise X and cut Y' → … · 'S could cut Y'."""
    if " and " not in f.text and " but " not in f.text:
        return None
    sv = _subject(f.text)
    if sv is None:
        return None
    subj = _carried(f.text[: sv[0]].strip())
    verb = WORD.match(f.text, sv[1])  # a modal a bare verb after "and" shares
    modal = verb[0] if verb is not None and verb[0].lower() in _MODALS else None
    for m in _AND_VERB.finditer(f.text, sv[1]):
        first = WORD.match(f.text, m.end())
        if first is None:
            continue
        second = WORD.search(f.text, first.end())
        w, nxt = first[0], second[0] if second else None
        if not is_finite_verb(w, "and", nxt) or _noun_then_verb(w, f.text[first.end() :]):
            continue
        if nxt == "of" and w.endswith("s") and _NOUN_OF.search(f.text, sv[1], m.start()):
            continue  # "winds of 185 km/h and gusts of up to 230 km/h": two nouns
        rel = _REL_OPEN.search(f.text, sv[1], m.start())
        if rel is not None and "," not in f.text[rel.end() : m.start()]:
            continue  # "…, whose shot deflected off Reyes and looped over …": the shot's
        lead = subj if modal is None or not _bare(w) else f"{subj} {modal}"
        return [sub(f, 0, m.start()), sub(f, m.end(), len(f.text), lead, from_start=True)]
    return None


_AND: Final = re.compile(r"(?P<comma>,)?\s+and\s+")
_BARE_NUMBER: Final = re.compile(r"\d[\d,.]*%?")
_NUMBER_SUBJECT: Final = re.compile(r"\d[\d,.]*(?P<pc>%?)\s+(?P<noun>[^\d\s].*)")
# Past forms that are as often nouns or participles ("the tax cut", "the men left behind"):
# an -ed verb's test decides for them.
_NOUNLIKE_PASTS: Final = words(
    "cut set put hit cost spread shot beat hurt let read lit wound lay left"
)
# Words that make the words before a verb no subject of their own: a pronoun (its claim would
# not stand alone), a relative or comparison ('… than the President was'), an adverb
# ('and almost brought', 'and so did').
_NO_SUBJECT: Final = words(
    """i you he she it we they me him us them this these those that which who whom whose what
    where when why how than as almost also then still now later just only never even yet so
    not again already finally actually really soon thus therefore too"""
)
# A clause "and" can join ends in none of these: 'storage and reprocessing of', 'me and my
# family', 'six hundred and seventy-seven'.
_NO_CLAUSE_END: Final = _NO_SUBJECT | PREPOSITIONS | DETERMINERS | words(
    "and or but nor hundred thousand million billion trillion"
)
# Where a clause inside the text before "and" starts: "and" after one joins inside it, a
# comma's or colon's clause aside ('… the bill which the Congress passed and the President
# signed', '… even though the Administration and the President had canceled').
_INNER_START: Final = re.compile(
    r"(?:[,:;]|\s[-—–]|\b(?:that|which|who|whom|whose|where|when|while|because|though|"
    r"although|if|unless|whether|than|as|since|after|before|until|between))\s"
)
_PARTICLES: Final = words("out up down off away back over")
# After an -ed form, an object pronoun makes it a finite verb ('the mayor signed it').
_OBJECT_PRONOUNS: Final = words("it them him her us me")
# A subject of the clause before "and" holding one of these is none ('What it says is that
# gays and lesbians …').
_NOT_IN_SUBJECT: Final = words("which who whom whose what where when why how than between")
_POSSESSIVE: Final = words("its their his her our my your")
_WORDS_OF: Final = re.compile(r"[A-Za-z]+")


def _clause_head(left: str) -> tuple[int, int] | None:
    """(where the clause of `left` that "and" can coordinate starts, where its subject ends):
    after "S V that" (its complement: "The report found that …"), else 0; None when `left`
    ends in no whole clause of its own (see _INNER_START)."""
    sv = _subject(left)
    if sv is None:
        return None
    start, subject_end = 0, sv[0]
    verb = WORD.match(left, sv[1])
    if verb is not None and left.startswith(" that ", verb.end()):
        inner = _subject(left[verb.end() + 6 :])
        if inner is not None:
            start = verb.end() + 6
            subject_end = start + inner[0]
    inner_start = start
    for m in _INNER_START.finditer(left, start):
        inner_start = m.end()
        if m[0].startswith("between") and " and " in left[m.end() :]:
            continue  # 'between A and B' closed before this "and"
        if m[0][0] not in ",:;" and m[0][1] not in "-—–":
            return None  # 'and' inside a relative or subordinate clause
    if inner_start > start and not has_verb(left[inner_start:]):
        return None
    last = _WORDS_OF.findall(left[-30:])
    if not last or last[-1].lower() in _NO_CLAUSE_END:
        return None
    if any(w in _NOT_IN_SUBJECT for w in _WORDS_OF.findall(left[start:subject_end].lower())):
        return None
    return start, subject_end


def _opens_noun_phrase(word: str) -> bool:
    """Whether `word` (lower case) opens a noun phrase that is surely one: a determiner,
    a possessive, "there"."""
    return word in DETERMINERS or word in _POSSESSIVE or word == "there"


def _subject_holds(subj: str, comma: bool, left_subject: str) -> bool:
    """Whether `subj`, the words before the verb after "and", is a subject that starts a
    clause: a determiner, possessive, number or name first, or "there"; a bare noun after
    ", and", or where the clause before starts with one too ('Prices rose 4% and wages fell
    2%', not "There've been 122 community and small banks have closed")."""
    found = _WORDS_OF.findall(subj.lower())
    if not found or "," in subj or len(found) > 8 or any(w in _NO_SUBJECT for w in found):
        return False
    if _LEANS_BACK.match(subj):  # 'and their members will strike'
        return False
    if found[-1] in _NO_CLAUSE_END:
        return False
    first = found[0]
    if _opens_noun_phrase(first) or subj[:1].isdigit() or subj[:1].isupper():
        return True
    if first.endswith("ly") or first in PREPOSITIONS or "and" in found or "or" in found:
        return False
    if comma:
        return True
    before = _WORDS_OF.findall(left_subject.lower())
    return (bool(before) and not _opens_noun_phrase(before[0]) and before[0] not in _NO_SUBJECT
            and not left_subject[:1].isdigit())


def _verb_holds(right: str, verb_start: int, left: str) -> bool:
    """Whether the verb found after `right`'s subject is surely a finite verb, not a participle
    after a noun ('weapons and the ammunition stored in the city'): an auxiliary or a past like
    "fled"; an -ed form (or "cut", "left" …) when a name is its subject, when nothing, an object
    or a particle follows it, or when `left` ends in a verb (no object "and" could join to)."""
    verb = WORD.match(right, verb_start)
    if verb is None:
        return False
    low = verb[0].lower()
    if low in AUX or (low in IRREGULAR and low not in _NOUNLIKE_PASTS):
        return True
    if not (low.endswith("ed") or low in _NOUNLIKE_PASTS):
        return False  # an -s form: too often a plural noun ('the city offices in Mosul')
    nxt = WORD.search(right, verb.end())
    if nxt is None or right[:1].isupper():
        return True
    n = nxt[0].lower()
    if n in DETERMINERS or n in _POSSESSIVE or n in _PARTICLES or n in _OBJECT_PRONOUNS:
        return True
    if n[:1].isdigit():
        return True
    last = left.rsplit(" ", 1)[-1]
    return last.islower() and (last.endswith("ed") or last in AUX or last in IRREGULAR)


# A name after a preposition, at the end of the words before "and", and a name alone after
# it: "in Italy" + "Spain".
_NAMES_JOINED: Final = re.compile(rf"\b(?:in|of|from|at|for|with|to|across|between)\s+{_NAME}$")
_NAME_ONLY: Final = re.compile(_NAME)


def coordinated_clauses(f: Frag) -> list[Frag] | None:
    """'2,000 people were evacuated and 14 schools closed' → two claims; inside 'S V that …'
    both carry 'S V that', and a bare number takes the noun of the number it answers
    ('12 trusts missed … and 3 closed wards' → '3 trusts closed wards')."""
    t = f.text
    if " and " not in t:
        return None
    for m in _AND.finditer(t):
        that = t.startswith("that ", m.end())
        at = m.end() + (5 if that else 0)
        right = t[at:]
        sv = _subject(right[:200])  # a subject is short: the verb is near, if there is one
        if sv is None:
            continue
        subj = right[: sv[0]].strip()
        if m["comma"] is None and _NAMES_JOINED.search(t, 0, m.start()) and \
                _NAME_ONLY.fullmatch(subj):
            continue  # "yields in Italy and Spain fell": two names, one place
        bare = _BARE_NUMBER.fullmatch(subj) is not None
        left = t[: m.start()]
        head = _clause_head(left)
        if head is None or (that and head[0] == 0):
            continue
        left_subject = left[head[0] : head[1]]
        if not bare and not _subject_holds(subj, m["comma"] is not None, left_subject):
            continue
        noun = ""
        if bare:
            # '… and 3 closed wards': 3 of what the clause's subject counts, unless a number
            # after its verb could be what '3' answers ('hired 200 staff and 50 trained nurses')
            n = _NUMBER_SUBJECT.fullmatch(left[head[0] : head[1]])
            if n is None or _DIGIT.search(left, head[1]) or (n["pc"] == "") != (subj[-1] != "%"):
                continue
            noun = n["noun"]
        elif not _verb_holds(right, sv[1], left):
            continue
        first = sub(f, 0, m.start())
        if head[0] == 0 and not noun:
            return [first, sub(f, at, len(t))]
        text = right if not noun else f"{subj} {noun} {right[sv[1]:]}"
        return [first, Frag(left[: head[0]] + text, f.start, f.end, 0, False)]
    return None

_PLURAL_OF: Final = re.compile(
    r"\b(?P<pl>cities|towns|villages|provinces|regions|countries|districts|states)\s+of\s+"
    rf"(?P<a>[{UPPER}][\w'-]+(?:\s+[{UPPER}][\w'-]+)*)\s+and\s+"
    rf"(?P<b>[{UPPER}][\w'-]+(?:\s+[{UPPER}][\w'-]+)*)"
)
_SINGULAR: Final = {"cities": "city", "countries": "country"}
_INF_AND: Final = re.compile(
    r"\bto\s+(?P<v1>[a-z]+)\s+(?P<o1>[^,]+?)\s+and\s+(?P<v2>[a-z]+)\s+"
    r"(?P<o2>(?:the|a|an|its|their|his|her)\b[^,]+)"
)
_DIGIT: Final = re.compile(r"\d")
_NUM_AND: Final = re.compile(r"(?P<o1>\d[\d,.]*\s[^,]+?)\s+and\s+(?P<o2>\d[\d,.]*\s.+)$")


def coordinated_objects(f: Frag) -> list[Frag] | None:
    """'the cities of Mosul and Tikrit', 'to impose X and censor Y', '450 jobs and 25 posts'."""
    if " and " not in f.text:
        return None
    t = f.text
    m = _PLURAL_OF.search(t) if "of" in t else None
    if m:
        pl = m["pl"]
        sg = _SINGULAR.get(pl, pl[:-1])
        pre, post = t[: m.start()], t[m.end() :]
        a = Frag(f"{pre}{sg} of {m['a']}{post}", f.start, f.end, 0, False)
        b = Frag(f"{pre}{sg} of {m['b']}{post}", f.start, f.end, 0, False)
        return [a, b]
    m = _INF_AND.search(t) if "to" in t else None
    if m and m["v2"] not in {"the", "a", "an"}:
        pre = t[: m.start("v1")]
        return [
            sub(f, 0, m.end("o1")),
            sub(f, m.start("v2"), m.end("o2"), pre.strip(), from_start=True),
        ]
    sv = _subject(t) if _DIGIT.search(t) else None
    if sv is not None:
        space = t.find(" ", sv[1])
        m = _NUM_AND.match(t, (space if space >= 0 else len(t)) + 1)
        if m:
            pre = t[: m.start("o1")]
            return [
                sub(f, 0, m.end("o1")),
                sub(f, m.start("o2"), len(t), pre.strip(), from_start=True),
            ]
    return None


_SPLICE: Final = re.compile(
    r"^(?P<a>[^,]+\s(?:will|is|are|was|were|has|have)\s[^,]+),\s+"
    r"(?P<b>(?:the|a|an|we|they|he|she|it|our|their)\b[^,]*\s(?:will|is|are|was|were|has|have)\b.+)$"
)


def comma_splice(f: Frag) -> list[Frag] | None:
    """Two full clauses joined by a comma (common in quotes)."""
    m = _SPLICE.match(f.text)
    if not m:
        return None
    return [sub(f, m.start("a"), m.end("a")), sub(f, m.start("b"), m.end("b"))]


def _first_rule(f: Frag, quoted: bool) -> list[Frag] | None:
    """The pieces of the first rule that splits f, in this order (comma_splice only inside
    quotes), or None. Called one by one rather than from a list: compiled, each is a direct call."""
    return ((comma_splice(f) if quoted else None) or strip_lead(f) or clauses(f)
            or parenthetical(f) or relative(f) or appositive(f) or participial_aside(f)
            or subordinate(f) or participle(f) or restrictive_who(f)
            or coordinated_clauses(f) or coordinated_verbs(f) or coordinated_objects(f))


_CLAUSE_WORD: Final = re.compile(r" (?:a(?:nd|fter)|b(?:ut|ecause|efore)|wh(?:o|en)|since) ")


def _simple(t: str) -> bool:
    """True when no rule can apply: no comma, conjunction, dash, bracket or clause word."""
    if "," in t or ";" in t or "(" in t or "—" in t or "–" in t or "--" in t:
        return False
    return _CLAUSE_WORD.search(t) is None


def decompose(f: Frag, *, quoted: bool = False, depth: int = 0) -> list[Frag]:
    """Atomic fragments of f in reading order."""
    if depth < _MAX_DEPTH and not f.done and not _simple(f.text):
        out = _first_rule(f, quoted)
        if out:
            return [
                x
                for o in out
                if o.text.strip(_TRIM)
                for x in decompose(o, quoted=quoted, depth=depth + 1)
            ]
    return [f]
