"""Add a source: a URL or a free-text citation, with an optional note."""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urlparse

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from workbench.model import Source
from workbench.tui.dialogs.typed_ahead import TypedAhead

SCHEMES = ("http", "https", "ftp")
# What makes a source meant as a URL. A citation's colon is followed by a space
# ("Interview: J. Smith"), or by no slash ("doi:10.1000/182", "arXiv:2101.00001").
URL_START = re.compile(
    r"[a-z][a-z0-9+.-]*:/"  # a scheme and the start of a path: "htp:/", "https:/"
    r"|(?:https?|ftp|javascript|vbscript):(?=\S)"  # "https:example.org", "javascript:…"
    r"|data:[a-z]+/",  # "data:text/html,…"
    re.IGNORECASE,
)
# A scheme somewhere in the text: "Reuters, https://…"
ANY_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# A web scheme without its colon: "http//example.org"
NO_COLON = re.compile(r"(https?|ftp)//", re.IGNORECASE)
# A domain, then a path, query or fragment, with no scheme: "reuters.com/article/iraq"
DOMAIN_FIRST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]*)?[/?#]", re.IGNORECASE
)


def url_problem(ref: str) -> str | None:
    """Why `ref` is a malformed URL (None when it is fine, or not meant as a URL)."""
    if ref.lower().startswith("www."):
        return "starts with www. — add https:// in front"
    if DOMAIN_FIRST.match(ref):
        return "starts with a domain — add https:// in front"
    if m := NO_COLON.match(ref):
        return f"has no colon after {m[1]} (like {m[1].lower()}://example.org/page)"
    if not URL_START.match(ref):
        if "://" not in ref:
            return None  # a citation
        if (m := ANY_SCHEME.search(ref)) is not None and m.start() > 0:
            return "has text before the address — put the text in the note"
        return "has no scheme before :// (like https://example.org/page)"
    try:
        parsed = urlparse(ref)
    except ValueError:  # "https://[::1/": an unclosed IPv6 address
        return "this URL has no valid host (like https://example.org/page)"
    if parsed.scheme not in SCHEMES:
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


class SourceDialog(TypedAhead[Source | None]):
    """Two one-line fields; enter saves, escape cancels (with something typed, at the
    second press: a long URL and its note are not lost to one stray key)."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

    def __init__(self) -> None:
        super().__init__()
        self._warned = False

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Add a source"
            yield Label("URL or citation")
            yield Input(placeholder="https://… or “Statistics office, May 2024 report, p. 4”",
                        id="ref")
            yield Label("Note (optional)")
            yield Input(placeholder="what this source shows", id="note")
            yield Static("", classes="problem", id="problem")
            yield Static("enter saves · escape cancels", classes="hint")

    @on(Input.Submitted)
    def _submit(self) -> None:
        ref = self.query_one("#ref", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not ref:
            problem.update("a source needs a URL or a citation")
            self.query_one("#ref", Input).focus()
            return
        if (why := url_problem(ref)) is not None:
            problem.update(f"malformed URL: {why}")
            self.query_one("#ref", Input).focus()
            return
        self.dismiss(Source(ref, note))

    @on(Input.Changed)
    def _edited(self) -> None:
        """A problem pointed out stays only until the text it was about changes."""
        self.query_one("#problem", Static).update("")
        self._warned = False

    def action_cancel(self) -> None:
        typed = any(i.value.strip() for i in self.query(Input))
        if typed and not self._warned:
            self._warned = True
            self.query_one("#problem", Static).update(
                "not saved yet: escape again drops it · enter saves")
            return
        self.dismiss(None)
