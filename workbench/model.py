"""Plain data shared by every floor: statuses, kinds, claims, sources, verdicts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlparse


class Status(StrEnum):
    """A reviewer's verdict on one claim."""

    UNREVIEWED = "unreviewed"
    SUPPORTED = "supported"
    REFUTED = "refuted"
    MISLEADING = "misleading"
    UNVERIFIABLE = "unverifiable"
    NOT_A_CLAIM = "not_a_claim"


def status_name(written: str) -> str:
    """A status as a person writes it ("Supported", " Not a claim ", "not-a-claim") in the
    form it is stored in ("supported", "not_a_claim"), whether or not it is one."""
    return "_".join(written.lower().replace("-", " ").split())


class Kind(StrEnum):
    """What sort of statement a claim is (see shared CLAIMS.md)."""

    FACT = "fact"
    QUOTE = "quote"
    PREDICTION = "prediction"
    OPINION = "opinion"


@dataclass(slots=True)  # not frozen: a frozen __init__ took 2.9 µs a claim, this one 0.4
class Claim:
    """One checkable statement as the splitter produces it.

    `start`/`end` are a half-open character span into the article text the
    claim was taken from; `by` is who the article attributes it to (None for
    the article's own voice).
    """

    seq: int
    text: str
    start: int
    end: int
    by: str | None = None
    kind: Kind = Kind.FACT
    checkworthiness: float = 0.5
    extra: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    """Evidence for a verdict: a URL or a free-text citation, with an optional note."""

    ref: str
    note: str = ""


SOURCE_SEPARATOR = " | "
NOTE_SEPARATOR = " :: "


def _escape(part: str) -> str:
    return part.replace("\\", "\\\\").replace("|", "\\|").replace("::", ":\\:")


def format_source(source: Source) -> str:
    """One source as text: `ref`, or `ref :: note`; `|`, `::` and `\\` are escaped."""
    ref = _escape(source.ref)
    return f"{ref}{NOTE_SEPARATOR}{_escape(source.note)}" if source.note else ref


def format_sources(sources: list[Source]) -> str:
    """Sources joined with ` | ` as in the verdict CSV; `parse_sources` reads it back."""
    return SOURCE_SEPARATOR.join(format_source(s) for s in sources)


def parse_sources(cell: str) -> list[Source]:
    """Read what `format_sources` wrote (and plain `a | b` lists written by hand)."""
    entries: list[list[str]] = [[""]]
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            entries[-1][-1] += cell[i + 1]
            i += 2
            continue
        if cell.startswith(SOURCE_SEPARATOR, i):
            entries.append([""])
            i += len(SOURCE_SEPARATOR)
            continue
        if cell.startswith(NOTE_SEPARATOR, i) and len(entries[-1]) == 1:
            entries[-1].append("")
            i += len(NOTE_SEPARATOR)
            continue
        entries[-1][-1] += ch
        i += 1
    return [
        Source(parts[0].strip(), parts[1].strip() if len(parts) > 1 else "")
        for parts in entries
        if parts[0].strip()
    ]


def parse_source(text: str) -> Source:
    """One source as typed on the command line: `ref` or `ref :: note`, taken as typed (a
    backslash, a `|` or a `::` without spaces round it is part of the text: escaping is
    the CSV cell's, where sources are joined)."""
    ref, _sep, note = text.partition(NOTE_SEPARATOR)
    return Source(ref.strip(), note.strip())


def sources_to_json(items: list[Source]) -> str:
    """Sources as stored: a JSON list of {"ref", "note"}."""
    return json.dumps([{"ref": s.ref, "note": s.note} for s in items], ensure_ascii=False)


def sources_from_json(text: str | None) -> list[Source]:
    """Sources as stored, back to a list."""
    return [Source(d["ref"], d.get("note", "")) for d in json.loads(text or "[]")]


_SCHEMES = ("http", "https", "ftp")
# What makes a source meant as a URL. A citation's colon is followed by a space
# ("Interview: J. Smith"), or by no slash ("doi:10.1000/182", "arXiv:2101.00001").
_URL_START = re.compile(
    r"[a-z][a-z0-9+.-]*:/"  # a scheme and the start of a path: "htp:/", "https:/"
    r"|(?:https?|ftp|javascript|vbscript):(?=\S)"  # "https:example.org", "javascript:…"
    r"|data:[a-z]+/",  # "data:text/html,…"
    re.IGNORECASE,
)
# A scheme somewhere in the text: "Reuters, https://…"
_ANY_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# A web scheme without its colon: "http//example.org"
_NO_COLON = re.compile(r"(https?|ftp)//", re.IGNORECASE)
# A domain, then a path, query or fragment, with no scheme: "reuters.com/article/iraq"
_DOMAIN_FIRST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]*)?[/?#]", re.IGNORECASE
)


def url_problem(ref: str) -> str | None:
    """Why `ref` is a malformed URL (None when it is fine, or not meant as a URL)."""
    if ref.lower().startswith("www."):
        return "starts with www. — add https:// in front"
    if _DOMAIN_FIRST.match(ref):
        return "starts with a domain — add https:// in front"
    if m := _NO_COLON.match(ref):
        return f"has no colon after {m[1]} (like {m[1].lower()}://example.org/page)"
    if not _URL_START.match(ref):
        if "://" not in ref:
            return None  # a citation
        if (m := _ANY_SCHEME.search(ref)) is not None and m.start() > 0:
            return "has text before the address — put the text in the note"
        return "has no scheme before :// (like https://example.org/page)"
    try:
        parsed = urlparse(ref)
    except ValueError:  # "https://[::1/": an unclosed IPv6 address
        return "this URL has no valid host (like https://example.org/page)"
    if parsed.scheme not in _SCHEMES:
        return f"unknown URL scheme {parsed.scheme!r} (use http, https or ftp)"
    if any(c.isspace() for c in ref):
        return "has a space in it"
    if (port := _port(parsed.netloc)) and not (
        port.isascii() and port.isdigit() and 0 < int(port) <= 65535
    ):
        return f"port {port} is not a valid port"
    if not parsed.hostname or "." not in parsed.hostname:
        return "this URL has no valid host (like https://example.org/page)"
    return None


def _port(netloc: str) -> str:
    """The port as typed after the host ("" when none)."""
    host = netloc.rpartition("@")[2]
    if host.startswith("["):  # an IPv6 address: "[::1]:8080"
        host = host.partition("]")[2]
    return host.partition(":")[2]
