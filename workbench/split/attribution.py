"""Find who a sentence is attributed to and which part of it is the attributed content.

Patterns: "According to X, …", "…, according to X.", "…, X said.", "…, said X.",
"X said (that) …", "X told Reuters that …", "“…,” said X.", "X called Y “…”",
and an attribution ending in a colon that governs the following paragraph or quoted block.
A pronoun as speaker is resolved by `named`: "he" or "she" to the person named last before it.
"""

from __future__ import annotations

import re
from typing import Final

from workbench.split.grammar import (
    AUX,
    DETERMINERS,
    IRREGULAR,
    PREPOSITIONS,
    first_verb,
    has_verb,
)
from workbench.split.lexicon import UPPER, words

# Whom X told: one word or two ("told reporters"), or a noun phrase after a determiner up
# to where the statement starts ("told the school board the plan …", not "told the").
_TOLD: Final = (
    r"told\s+(?:(?:the|a|an|his|her|its|their|our)\s+(?:\w+\s+){0,2}?\w+"
    r"(?=\s+(?:(?:the|a|an|he|she|it|they|we|its|his|her|their|this|these|those)\b|[A-Z0-9]))"
    r"|\w+(?:\s+\w+)??)"
)
_VERBS: Final = (
    rf"said|says|say|{_TOLD}|added|stated|warned|claimed|announced|"
    r"reported|argued|insisted|explained|noted|wrote|estimate[sd]?|predicted|confirmed|believes?|"
    r"cautioned"
)
_VERB: Final = rf"(?:{_VERBS})"
_WHEN: Final = (
    r"(?:\s+on\s+\w+\.?\s+\d+|\s+(?:on|last|this)\s+\w+|\s+in\s+a\s+statement"
    r"|\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?"
)
# Verbs that attribute only at a sentence's end (", the audit found."): leading, "Police
# found a body" reports what was found, not who said so.
_TAIL_VERB: Final = rf"(?:{_VERBS}|found|finds|estimates|shows|showed|concluded)"
_OPEN: Final = "“\"‘'"
_CLOSE: Final = "”\"’'"

_ACCORDING_LEAD: Final = re.compile(r"^According to (?P<by>[^,]{2,80}), (?P<rest>.+)$", re.S)
# "According to the finance department:" alone: a lead-in to the lines after it.
_ACCORDING_ALONE: Final = re.compile(r"^According to (?P<by>[^,:]{2,80}):\s*$")
_ACCORDING_TAIL: Final = re.compile(
    r"^(?P<rest>.+?),? according to (?P<by>[^,]{2,80}?)[.:]?$", re.S
)
# Where or when the speaker spoke, after "X said" ('… said outside the courthouse', '… said
# on a call with analysts', '… said shortly after midnight'), or whom X told ('… told about
# 300 supporters at a brewery'): not what was said, which the quote before holds.
_TAG_TAIL: Final = (
    r"(?:\s+(?:in|on|at|outside|inside|after|before|during|from|to|with|near|shortly|later)"
    r"\s[^\"“”]{1,120}?)?"
)
_QUOTE_FIRST: Final = re.compile(
    rf"^[“\"](?P<rest>.+?)[,.!?]?[”\"],?\s+(?:(?:said|says|added|told\s+\w+)\s+(?P<by1>[^\"“]+?)"
    rf"|(?P<by2>[^\"“,]{{2,80}}?)\s+(?:{_VERB}{_WHEN}{_TAG_TAIL}|told\s[^\"“”]{{1,120}}?))"
    r"\.?$",
    re.S,
)
# "…, X said." from the comma on: no comma can follow it, so it is the sentence's last one, and
# the content is all before it (matched from there, rather than trying each comma in turn).
# A reporting verb may take where or when it was said ("…, the agency said in its quarterly
# report on Tuesday.") or whom it was told ("…, Carla Benson told the school board.").
_TAIL: Final = re.compile(
    rf",\s+(?:(?P<by1>[^,\"“”]{{2,80}}?)\s+(?:{_VERB}{_WHEN}(?P<where>{_TAG_TAIL})"
    rf"|told\s(?P<whom>[^,\"“”]{{1,60}}?){_WHEN}|{_TAIL_VERB}{_WHEN})"
    rf"|said\s+(?P<by2>[^,\"“”]{{2,80}}?){_WHEN})\.$",
    re.S,
)
_LEAD: Final = re.compile(
    rf"^(?:In a statement,\s+)?(?P<by>[^,\"“”:]{{2,80}}?)\s+{_VERB}{_WHEN}(?P<that>\s+that)?[:,]?"
    r"\s*(?P<rest>.*)$",
    re.S,
)
# The first word of a lead's content: a verb there ("The law officials said would cut costs")
# means the reporting verb sits in a relative clause, not before a statement.
_FIRST_WORD: Final = re.compile(r"[A-Za-z']+")
# A reporting verb after whitespace: _TAIL and _LEAD cannot match without one.
_VERB_HINT: Final = re.compile(r"\s" + _TAIL_VERB)
_CALLED: Final = re.compile(
    r"^(?P<by>[^,\"“”]{2,60}?)\s+(?:called|described)\s+(?P<obj>[^\"“”]{2,60}?)\s+(?:as\s+)?"
    r"[“\"](?P<rest>[^\"”]+?)[.,]?[”\"]\.?$"
)


# "Analysts expect bread prices to rise …": what the speaker expects of something, a
# prediction whose words are all the claim's (what they expect alone is no sentence).
# Not "Crews expect to contain the fire", which tells what the crews mean to do.
_EXPECT: Final = re.compile(
    r"^(?P<by>[^,\"“”:]{2,80}?)\s+expects?\s+(?!to\s)[^,\"“”]{2,80}?\s+to\s+[a-z]")


# Where or when a speaker spoke, after the description that names them: "…, said X, the
# study's lead author, in a statement.", "…, on Monday.": no part of the description.
_TOLD_WHERE: Final = re.compile(
    r",\s+(?:(?:in|on|at|outside|inside|after|before|during|from|to|with|near|shortly|later)\s"
    r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight)\b)[^,]*$")


class Attribution:
    """`by` and the content range [start, end) of the sentence it governs.

    A plain class rather than a NamedTuple: compiled (setup.py), it is built without a call into
    Python."""

    __slots__ = ("about", "by", "copula_subject", "cut", "end", "intro", "quoted", "reports",
                 "start")

    def __init__(
        self,
        by: str | None,
        start: int,
        end: int,
        quoted: bool = False,
        intro: bool = False,  # ends in a colon: governs what follows
        copula_subject: str | None = None,  # "X called Y “Z”" → "Y is Z"
        about: tuple[tuple[str, int, int], ...] = (),  # claims of the article's own about
        # the speaker, each with its span in the sentence: "Voss, a Republican, said" → "Voss
        # is a Republican."
        reports: bool = False,  # "X said (that) …": a "he" or "she" opening what follows
        # is, as a rule, X ("Patel said he would …"); after "according to X" or before
        # ", X said" it is someone else ("She retired, according to the institute.")
        cut: tuple[int, int] | None = None,  # a speech tag inside [start, end), not part of
        # what was said: "… $600,000, he said, and expects …"
    ) -> None:
        self.about = about
        self.cut = cut
        self.reports = reports
        self.by = by
        self.start = start
        self.end = end
        self.quoted = quoted
        self.intro = intro
        self.copula_subject = copula_subject


# Nouns that name who reports something: "security sources", "city officials", "rangers".
_SPEAKER_HEADS: Final = words(
    "sources source officials official police rangers residents witnesses analysts experts "
    "authorities spokesman spokeswoman spokesperson researchers scientists doctors lawyers "
    "prosecutors investigators diplomats activists campaigners organisers organizers medics "
    "rescuers firefighters troops soldiers militants rebels protesters observers monitors "
    "economists traders executives regulators lawmakers ministers"
)

# A speaker `named` resolves ("she said"): never a claim's `by` as it stands.
_PRONOUNS: Final = words("he she it they we i you")


# Lower-case words inside a name ("Piet de Vries", "Ludwig van Beethoven").
_NAME_PARTICLES: Final = words("de van von der den du da di la le al el bin ter ten dos das del")
# Words that are no part of a speaker's role or description ("in Berlin Karl Weber", "then
# Karl Weber", "as experts"): the phrase before the reporting verb is then no speaker.
_NOT_ROLE: Final = PREPOSITIONS | AUX | _PRONOUNS | words(
    """and but or nor so yet as if when while then later also again now still too meanwhile
    however because though although even once here there today yesterday tonight not never
    nothing something everything anything what whatever which that who whom"""
)
# Prepositions that also count ("about 40 officials", "over 100 residents").
_ABOUT: Final = words("about around over under")
# A possessive before who speaks: "its owner", "their lawyers", "his spokesman".
_POSSESSIVES: Final = words("its their his her our")
# Endings of plural nouns of people who report things: "forecasters", "meteorologists".
_AGENT_PLURALS: Final = ("ers", "ors", "ists", "ians")


def _role_word(w: str, k: int) -> bool:
    """Whether `w`, the k-th word, can be part of a role in lower case ("fire chief"); "of"
    only after its first word ("head of security")."""
    return w.replace("-", "").isalpha() and (w not in _NOT_ROLE or (w == "of" and k > 0))


def _role_then_name(parts: list[str]) -> bool:
    """Whether `parts` is a role in lower case, up to four words, then a name of two words or
    more: "fire chief Karl Weber", "union leader Piet de Vries"."""
    k = 0
    while k < len(parts) and parts[k].islower():
        if not _role_word(parts[k], k):
            return False
        k += 1
    name = parts[k:]
    return (
        1 <= k <= 4
        and len(name) >= 2
        and name[-1][0].isupper()
        and all(w[0].isupper() or w in _NAME_PARTICLES for w in name)
    )


def _plural_of_people(parts: list[str]) -> bool:
    """Whether `parts` is a bare plural of people, up to three words in lower case:
    "forecasters", "weather forecasters"."""
    last = parts[-1]
    return (
        len(parts) <= 3
        and len(last) >= 6
        and last.endswith(_AGENT_PLURALS)
        and all(w.islower() and _role_word(w, 0) for w in parts)
    )


def _good_speaker(by: str) -> bool:
    if by.lower() in _PRONOUNS:
        return True
    if has_verb(by.replace("who lives", "")) and " who " not in by:
        return False
    parts = by.split()
    first = parts[0]
    if len(parts) <= 4 and parts[-1].lower() in _SPEAKER_HEADS:
        # not "as experts", "in Berlin police"; "about 40 officials" is a number of them
        return not first.islower() or first not in _NOT_ROLE or first in _ABOUT
    if first in _POSSESSIVES and len(parts) <= 4:
        return all(_role_word(w, 1) or w[0].isupper() for w in parts[1:])
    if first.islower() and (_role_then_name(parts) or _plural_of_people(parts)):
        return True
    return first[0].isupper() or first.lower() in {
        "one",
        "a",
        "an",
        "the",
        "analysts",
        "critics",
        "officials",
        "economists",
        "experts",
        "residents",
        "witnesses",
        "police",
        "councillor",
        "aid",
    }


def _unquote(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Narrow [start, end) to the inside of quotation marks around it, if any."""
    s, e = start, end
    while e > s and text[e - 1] in ".,:; ":
        e -= 1
    if s < e and text[s] in _OPEN:
        s += 1
        if e > s and text[e - 1] in _CLOSE:
            e -= 1
        while e > s and text[e - 1] in ".,:; ":
            e -= 1
        return s, e, True
    return s, e, False


# An aside between a speaker and the reporting verb: "Engineers, however, said …".
_ASIDE: Final = re.compile(
    r",\s+(?:however|meanwhile|though|too|also|instead|in turn|for their part|for its part),\s+")
# "X told Y that …": whom X told, up to the "that" the statement starts after.
_TOLD_THAT: Final = re.compile(
    r"^(?P<by>[^,\"“”:]{2,80}?)\s+told\s+(?P<whom>[^,\"“”:]{1,60}?)\s+that\s+(?P<rest>.+)$",
    re.S)


# A speaker named twice, the second time between commas before the reporting verb: "A
# spokesperson for the hospital, Ben Okafor, said …", "Sen. Voss, a Republican, said …".
_APPOSITIVE: Final = re.compile(
    rf"^(?P<subj>[^,\"“”]{{2,80}}?),\s+(?P<appos>[^,\"“”]{{2,120}}?),\s+(?={_VERB}[\s:,])")


# A phrase that sets the scene before the speaker, up to its comma: "Sentencing him,",
# "Speaking to analysts on a call,", "Asked about the delay,", "After the vote,", "In a
# statement outside court,". A clause ("When she raised it,") is no such phrase.
_OPENER: Final = re.compile(
    r"^(?:(?P<ing>(?!\w*thing\b)[A-Z][a-z]+ing|Asked)|(?:In|At|After|During|Outside|Earlier|Later|On))"
    r"\b[^,;:\"“”]{0,80}?,\s+(?=\S)")


def _after_opener(sentence: str) -> Attribution | None:
    """The attribution of a sentence read without a scene-setting phrase before its speaker,
    offsets put back; None when there is no such phrase or no speaker after it."""
    m = _OPENER.match(sentence)
    if m is None or (m["ing"] is None and has_verb(m[0].rstrip(", "))):
        return None
    a = attribute(sentence[m.end() :])
    if a is None or a.by is None:
        return None
    n = m.end()
    a.start, a.end = a.start + n, a.end + n
    a.about = tuple((t, b + n, e + n) for t, b, e in a.about)
    if a.cut is not None:
        a.cut = (a.cut[0] + n, a.cut[1] + n)
    return a


def attribute(sentence: str) -> Attribution | None:
    """The attribution of one sentence, or None when it is in the article's own voice."""
    a = _after_opener(sentence) if sentence[:1].isupper() and ", " in sentence[:90] else None
    if a is not None:
        return a
    m = _ASIDE.search(sentence, 0, 90) if ", " in sentence[:90] else None
    if m is not None:  # read as if the aside were not there, offsets put back
        cut = m.end() - m.start() - 1
        a = _attribute(sentence[: m.start()] + " " + sentence[m.end() :])
        if a is not None and a.by is not None and a.start >= m.start():
            a.start, a.end = a.start + cut, a.end + cut
            return a
    m = _APPOSITIVE.match(sentence) if sentence.count(",") >= 2 else None
    if m is not None:  # read without the second naming; the speaker is the named person
        subj, appos = m["subj"].strip(), m["appos"].strip()
        name, role = subj, appos
        if _named_person(appos) and not _named_person(subj):
            name, role = appos, subj
        about = _about(name, role, 0, m.end("appos"))
        a = None if about is None else _attribute(
            sentence[: m.end("subj")] + " " + sentence[m.end() :])
        if (about is not None and a is not None and a.by == subj
                and a.start >= m.end("subj")):
            gone = m.end() - m.end("subj") - 1
            a.start, a.end = a.start + gone, a.end + gone
            a.by, a.about = name, (about,)
            return a
    m = _TAIL_ROLE.search(sentence) if sentence.count(",") >= 2 else None
    if m is not None:
        a = _described_after(sentence, m)
        if a is not None:
            return a
    return _attribute(sentence) or _tag_inside(sentence)


# A speech tag between commas inside a sentence: "The county has recovered $600,000, he
# said, and expects to recover more."
_MID_TAG: Final = re.compile(
    rf",\s+(?P<by>[^,\"“”]{{2,60}}?)\s+(?:said|says|added){_WHEN}(?P<where>{_TAG_TAIL}),\s+"
    r"(?=\w)")


_QUOTE_MARK: Final = re.compile(r"[“”\"]|(?<![^\W\d_])['‘’]|['‘’](?![^\W\d_])")


def _quotes(sentence: str) -> bool:
    """Whether `sentence` holds a quotation mark: not an apostrophe between two letters
    ("Kessler's", "it’s")."""
    return _QUOTE_MARK.search(sentence) is not None


def _tag_inside(sentence: str) -> Attribution | None:
    """The attribution of a sentence with its speech tag inside it, between commas: the
    speaker's is the whole sentence but for the tag (`cut`); None when there is none, or
    the sentence quotes (its tag sits between the quote's parts)."""
    if ", " not in sentence or _quotes(sentence):
        return None
    m = _MID_TAG.search(sentence)
    if m is None or not _good_speaker(m["by"]) or not has_verb(sentence[: m.start()]):
        return None
    if m["where"] and has_verb(m["where"]):
        return None  # "…, she said in May that it closed, …": no tag, a statement
    end = len(sentence.rstrip(" ."))
    return Attribution(m["by"].strip(), 0, end, cut=(m.start(), m.end() - 1))


# A description of the speaker after their name at the sentence's end: "…, said Maj. Gen.
# Haldane Lamberton, the state's adjutant general.", "…,” said Andrew Lazar, an analyst at
# Barclays, who rates the stock “underweight.”"
_TAIL_ROLE: Final = re.compile(
    r",\s+(?P<role>(?:who|which|a|an|the|its|their|his|her|our)\s[^,]{2,120}?)\s*$")


def _described_after(sentence: str, m: re.Match[str]) -> Attribution | None:
    """The attribution of `sentence` read without the description `m` at its end, with
    what it says of the speaker as a claim of the article's own, when it describes the
    speaker named right before it ("said X, the …"), not a speaker before the verb ("…,
    the office said, the biggest rise in a decade") nor what was said."""
    head = sentence[: m.start()]
    a = _attribute(head + ".")
    if a is None or a.by is None or a.end > m.start() or a.by.lower() in _PRONOUNS:
        return None
    at = head.rstrip().rfind(a.by)
    named_last = at >= a.end and at + len(a.by) == len(head.rstrip())  # "said X, the …"
    described = any(e == m.start() for _t, _s, e in a.about)  # "said X, a …, who …"
    if not (named_last or described):
        return None
    role = m["role"].rstrip()
    if role.endswith(('.”', '."')):  # the sentence's stop inside a closing quotation mark
        role = role[:-2] + role[-1]
    end = m.start("role") + len(m["role"].rstrip(" ."))
    about = _about(a.by, role, at if at >= a.end else m.start("role"), end)
    if about is None:
        return None
    # of a body, a description is as often what was said ("said the office, the …"); a
    # "which" clause is the body's ("said the weather service, which has issued …")
    if one_person(a.by) or role.startswith("which "):
        a.about = (*a.about, about)
    return a


def _about(name: str, role: str, start: int, end: int) -> tuple[str, int, int] | None:
    """What naming a speaker twice says of them, as a claim of the article's own ("Sen.
    Voss, a Republican" → "Sen. Voss is a Republican.", "Mayor Marsh, who cast the deciding
    vote" → "Mayor Marsh cast the deciding vote."), spanning `start` to `end`; None when
    the second naming is no description ("Berlin, Germany")."""
    role = role.strip(" ,.")
    first = role.split()[0] if role else ""
    if first in ("who", "which"):
        text = f"{name} {role[len(first) + 1:]}"
    elif first.lower() in ("a", "an", "the") or first.lower() in _POSSESSIVES:
        text = f"{name} is {first.lower()}{role[len(first):]}"
    else:
        return None
    return text + ".", start, end


def _named_person(text: str) -> bool:
    """Whether `text` is a person's name and nothing else ("Ben Okafor", "Dr. Priya
    Raman"), not a body's ("Harbor General Hospital")."""
    return (_NAME_RUN.fullmatch(text) is not None
            and not any(w in _NOT_PERSON for w in text.split()))


# What may stand between a speaker and the reporting verb and is no part of the speaker:
# "The company also said", "Harlow Foods Inc on Thursday reported".
_SPEAKER_TAIL: Final = re.compile(
    r"(?:\s+(?:also|too|again|now|then|later|still|further|previously|earlier|separately"
    r"|yesterday|today|(?:on|last|this)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|week|month|year|morning|afternoon|evening|night)))+$")


def _bare_speaker(by: str) -> str:
    """The speaker `by` without an adverb or a day after it ("Odell also" → "Odell")."""
    by = by.strip()
    m = _SPEAKER_TAIL.search(by)
    return by[: m.start()] if m is not None and m.start() > 0 else by


# Reporting verbs that as often take an object as a statement: "X reported an 18% drop",
# "X announced 300 job cuts", the article telling what X did.
_OBJECT_VERBS: Final = words(
    "reported announced confirmed estimate estimates estimated predicted noted wrote")
# First words of an object that counts something, as a number does: "more than 300
# complaints", "about 40 papers".
_QUANTITY: Final = words("more less fewer about nearly almost around roughly some several")
_JOINING: Final = words("and or but")


def _an_object(rest: str) -> bool:
    """Whether `rest`, after a verb of _OBJECT_VERBS, is its object ("an 18% drop in
    profit and cut its forecast") rather than a statement ("the economy grew 2%"): no
    verb in it, or a number, quantity or determiner first and no auxiliary or past within
    its next four words."""
    first = rest.split(None, 1)[0] if rest.strip() else ""
    if first and not has_verb(rest):
        return True  # no clause: "revenue of $8.1 billion, up 40%"
    if not (first[:1].isdigit() or first.lower() in DETERMINERS or first in _POSSESSIVES
            or first in _QUANTITY):
        return False
    if any(w in AUX or w in IRREGULAR or (w.endswith("ed") and w.islower())
           for w in rest.split()[1:5]):
        return False
    # a verb in -s after a short subject, with its object: "the strike costs the port 10
    # million euros" (not "300 new cases on Monday")
    v = first_verb(rest)
    if v is None:
        return True
    before, after = rest[:v].split(), rest[v:].split()[1:2]
    return not (1 <= len(before) <= 4 and before[-1] not in _JOINING and after
                and (after[0].lower() in DETERMINERS or after[0][:1].isdigit()))


def _attribute(sentence: str) -> Attribution | None:
    s = sentence
    # Each pattern is tried only when the literal it needs is in the sentence.
    if "called" in s or "described" in s:
        m = _CALLED.match(s)
        if m and _good_speaker(m["by"]):
            by, obj = m["by"], m["obj"]
            return Attribution(by, m.start("rest"), m.end("rest"), True, copula_subject=obj)
    if s[:1] in '“"':
        m = _QUOTE_FIRST.match(s)
        if m:
            by = m["by1"] or m["by2"]
            if by and _good_speaker(by):
                # '…,” said Mayor Elena Marsh, who cast the deciding vote.': the mayor
                name, _comma, role = by.partition(", ")
                at = m.start("by1") if m["by1"] else m.start("by2")
                told = _TOLD_WHERE.search(role)
                if told is not None:  # "…, the study's lead author, in a statement."
                    by = by[: len(by) - len(role) + told.start()]
                    role = role[: told.start()]
                about = _about(name.strip(), role, at, at + len(by.rstrip(" .")))
                return Attribution(name.strip(), m.start("rest"), m.end("rest"), True,
                                   about=(about,) if role and about is not None else ())
    if "ccording to " in s:
        m = _ACCORDING_ALONE.match(s)
        if m:
            return Attribution(m["by"].strip(), len(s), len(s), False, intro=True)
        for rx in (_ACCORDING_LEAD, _ACCORDING_TAIL):
            m = rx.match(s)
            if m:
                st, en, q = _unquote(s, m.start("rest"), m.end("rest"))
                return Attribution(m["by"].strip(), st, en, q, intro=s.rstrip().endswith(":"))
    if " expect" in s:
        m = _EXPECT.match(s)
        if m and _good_speaker(m["by"]) and not has_verb(m["by"]):
            return Attribution(_bare_speaker(m["by"]), 0, len(s.rstrip(" .")))
    if not _VERB_HINT.search(s):
        return None
    comma = s.rfind(",")
    m = _TAIL.match(s, comma) if comma > 0 and s.endswith((".", ".\n")) else None
    # not "…, Kessler told her it closed.", "…, she said in May that it had closed."
    if m and not any(m[g] and has_verb(m[g]) for g in ("whom", "where")):
        by = m["by1"] or m["by2"]
        if _good_speaker(by):
            st, en, q = _unquote(s, 0, comma)
            return Attribution(by.strip(), st, en, q)
    m = _TOLD_THAT.match(s) if " told " in s and " that " in s else None
    if m and _good_speaker(m["by"]):
        st, en, q = _unquote(s, m.start("rest"), m.end("rest"))
        return Attribution(_bare_speaker(m["by"]), st, en, q, reports=True)
    m = _LEAD.match(s)
    if m and not m["that"]:
        w = _FIRST_WORD.match(s, m.start("rest"))
        if w and w[0] in AUX:
            return None
        if s[m.end("by") :].split(None, 1)[0] in _OBJECT_VERBS and _an_object(m["rest"]):
            return None  # "Harlow Foods reported an 18% drop in profit": what it did
    if m and _good_speaker(m["by"]):
        st, en, q = _unquote(s, m.start("rest"), m.end("rest"))
        intro = s.rstrip().endswith(":") or (q and not any(c in _CLOSE for c in s[st:]))
        return Attribution(_bare_speaker(m["by"]), st, en, q, intro=intro, reports=True)
    return None


# Capitalised words, one whitespace apart (a middle initial allowed): a name or a title.
_NAME_WORD: Final = rf"[{UPPER}][^\W\d_]*(?:['’-][{UPPER}][^\W\d_]*)*"
_NAME_RUN: Final = re.compile(rf"{_NAME_WORD}(?:\s(?:[{UPPER}]\.\s)?{_NAME_WORD})+")
# Capitalised at a sentence's start, never part of a person's name.
_NOT_NAME: Final = DETERMINERS | PREPOSITIONS | AUX | _PRONOUNS | words(
    """and but or as if when while although according also however meanwhile monday tuesday
    wednesday thursday friday saturday sunday january february march april june july august
    september october november december"""
)
# Names after one of these are of a body or a place ("the Commerce Department", "in New York").
_BEFORE_PLACE: Final = words("the in at")
# A run holding one of these names a body or a place, not a person.
_NOT_PERSON: Final = words(
    """Department Ministry Office Bank Council Agency Authority Party Programme Program
    Committee Commission Court Group Company Inc Corp Ltd University Institute Association
    Union Street Road Square City County State States Republic Kingdom River Airport Energy
    Service Fund Parliament Congress Senate Government House Police Army Forces News Times"""
)
def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is all of its line but for spaces and punctuation."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[line_start:start] + text[end : len(text) if line_end < 0 else line_end]
    return not any(c.isalnum() for c in rest)


#: How far back a pronoun's person is looked for, in characters.
NAME_REACH: Final = 1500


def named(by: str | None, text: str, at: int, speaker: str | None = None,
          speaker_at: int = -1) -> str | None:
    """`by` as the article names it, whitespace collapsed and without a dash closing an
    aside ("Two hospitals — A and B — said"): "he" or "she" is the person named last before
    `at` in `text`, or `speaker`, one person who spoke in the sentence ending at
    `speaker_at`, when that name came before its end ("The mayor said … He added …", "He
    said striker Colby Bishop was fouled. “…,” he said."), or None when the one who spoke
    there is a "he" or "she" named nowhere (`speaker` None); another pronoun None."""
    if by is None:
        return None
    low = by.lower()
    if low not in _PRONOUNS:
        return " ".join(by.split()).rstrip(" —–")
    if low not in ("he", "she"):
        return None
    person, person_at = _person_before(text, at)
    if person_at < speaker_at and at - speaker_at <= NAME_REACH:
        if speaker is None:  # one whom the article did not name spoke since: no one
            return None
        # "Anna Berg said … Berg said … She added": the full name, once known
        return person if person is not None and person.endswith(" " + speaker) else speaker
    return person


# The head of a role one person holds is none of these: a body, or what it puts out.
_BODIES: Final = words(
    """office ministry department agency government council company court police army
    committee commission bank party union group team firm board authority service institute
    university newspaper website report statement study survey data figures"""
)
# Words after the head of a role: "a spokesman for the ministry", "one officer in Udhaim".
_AFTER_HEAD: Final = words("for of at in from with on to")


# Titles one person holds, capitalised before their name.
_TITLES: Final = words(
    """Chairman Chairwoman Chair President Director Secretary Minister Commissioner Mayor
    Governor Judge Chief Officer Manager Sheriff Coroner Attorney Councilwoman Councilman
    Councilor Councillor Senator Representative Leader Speaker Spokesman Spokeswoman
    Spokesperson Treasurer Clerk Superintendent Administrator Registrar Inspector"""
)


def one_person(by: str) -> bool:
    """Whether the speaker `by` (as `named` gives it) is one person, whom a later "he" or
    "she" can mean: a name ("Anna Berg", "Berg", "fire chief Karl Weber"), or a role one
    person holds ("the mayor", "a spokesman for the ministry", "its owner"); not a body, nor
    more than one ("police", "critics", "the statistics office", "Anna and Piet")."""
    parts = by.split()
    if not parts or any(w in ("and", "&") for w in parts):
        return False
    if _NAME_RUN.search(by):
        if not any(w in _NOT_PERSON for w in parts):
            return True
        # "County Board Chairman Tom Lutz", "Perry County Coroner Leslie Combs": a title,
        # then the name of the one who holds it
        titled = [k for k, w in enumerate(parts) if w in _TITLES]
        rest = parts[titled[-1] + 1 :] if titled else []
        return len(rest) >= 2 and not any(w in _NOT_PERSON for w in rest)
    head = parts
    for k, w in enumerate(parts):
        if k and w in _AFTER_HEAD:
            head = parts[:k]
            break
    last = head[-1].lower().strip(".,")
    if len(head) == 1 and head[0][0].isupper():  # a surname, or a body's one-word name
        return not (head[0] in _NOT_PERSON or head[0].isupper() or last in _BODIES)
    if last.endswith("s") and not last.endswith("ss"):
        return False  # a plural
    return last not in _BODIES and last not in _PRONOUNS and len(head) <= 5


_SURNAME: Final = re.compile(rf"(?<![\w.'’-])[{UPPER}][^\W\d_]+(?![\w'’-]|\s[{UPPER}])")


def _plural_titles(parts: list[str]) -> int:
    """How many of `parts` open it as a title of more than one ("Councilors" of
    "Councilors Amy Richter and Joe Delaney"): no part of the one person's name."""
    k = 0
    while k < len(parts) and parts[k].endswith("s") and parts[k][:-1] in _TITLES:
        k += 1
    return k


def _name_start(parts: list[str]) -> int:
    """Where the name in the capitalised run `parts` starts: after function words and
    plural titles ("And Councilors Amy Richter")."""
    k = 0
    while k < len(parts) and (parts[k].lower() in _NOT_NAME or _plural_titles(parts[k:]) > 0):
        k += 1
    return k


def _person_before(text: str, at: int) -> tuple[str | None, int]:
    """The last run of two or more capitalised words in the NAME_REACH characters before `at`
    that names no body or place, function words and dates at its start left out, and is
    not a whole line (a headline, in title case), and where it starts; or (None, -1)."""
    person, where = None, -1
    for m in _NAME_RUN.finditer(text, max(0, at - NAME_REACH), at):
        if _whole_line(text, m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 5) : m.start()].split()[-1:]  # the word before
        parts = m[0].split()
        k = _name_start(parts)
        if (
            len(parts) - k >= 2
            and not any(w.lower() in _BEFORE_PLACE for w in before + parts[:k])
            and not any(w in _NOT_PERSON for w in parts[k:])
        ):
            person, where = " ".join(parts[k:]), m.start()
    if person is not None:  # the person named again later by surname alone: "Lock conceded"
        surnames = {}
        for m in _NAME_RUN.finditer(text, max(0, at - NAME_REACH), at):
            name = m[0].split()
            name = name[_plural_titles(name) :]
            if len(name) >= 2 and not any(w in _NOT_PERSON for w in name):
                surnames[name[-1]] = " ".join(name)
        for m in _SURNAME.finditer(text, where + len(person), at):
            if m[0] in surnames and not _whole_line(text, m.start(), m.end()):
                person, where = surnames[m[0]], m.start()
    return person, where
