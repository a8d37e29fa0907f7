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

# A URL scheme and the start of a path ("htp:/", "https:/"): a citation's colon is
# followed by a space ("Interview: J. Smith").
SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:/", re.IGNORECASE)
SCHEMES = ("http", "https", "ftp")


def url_problem(ref: str) -> str | None:
    """Why `ref` is a malformed URL (None when it is fine, or not meant as a URL)."""
    looks_like_url = ("://" in ref or ref.lower().startswith(("http", "www."))
                      or SCHEME.match(ref))
    if not looks_like_url:
        return None
    if ref.lower().startswith("www."):
        return "starts with www. — add https:// in front"
    parsed = urlparse(ref)
    if parsed.scheme not in SCHEMES:
        return f"unknown URL scheme {parsed.scheme!r} (use http, https or ftp)"
    if not parsed.netloc or "." not in parsed.netloc or " " in ref:
        return "this URL has no valid host (like https://example.org/page)"
    return None


class SourceDialog(TypedAhead[Source | None]):
    """Two one-line fields; enter saves, escape cancels."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

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

    def action_cancel(self) -> None:
        self.dismiss(None)
