"""The help screen: every key of the main screen (from its one binding registry)."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_COLUMN = 22  # cells the keys are right-aligned in
NAMES = {"slash": "/", "question_mark": "?", "right_square_bracket": "]",
         "backspace": "backspace", "delete": "delete"}


def key_names(binding: Binding) -> str:
    return " / ".join(NAMES.get(k, k) for k in binding.key.split(","))


def _grouped(names: list[str]) -> list[str]:
    """The palette's command names, the filters of one field on one line ("Filter:
    status …" for "Filter: status supported", "Filter: status refuted", …)."""
    lines: list[str] = []
    for name in names:
        words = name.split(" ")
        if name.startswith("Filter: ") and words[1] in ("status", "kind"):
            name = f"Filter: {words[1]} …"
        if name not in lines:
            lines.append(name)
    return lines


class _Keys(VerticalScroll):
    """The help's text, scrolled by the list's keys too."""

    BINDINGS: ClassVar = [
        Binding("j", "scroll_down", "down", show=False),
        Binding("k", "scroll_up", "up", show=False),
        Binding("g", "scroll_home", "top", show=False),
        Binding("G", "scroll_end", "end", show=False),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar = [Binding("escape,q,question_mark,f1", "close", "close")]

    def __init__(self, bindings: list[Binding], palette: list[str]) -> None:
        super().__init__()
        self.bindings = bindings
        self.palette = palette  # the names of the palette's own commands

    def compose(self):
        with _Keys(classes="dialog") as box:
            box.border_title = "Help"
            yield Static(id="keys")

    def on_resize(self) -> None:
        """The text laid out at the help's width: a key's words wrap under its words, not
        back under the keys (QA, at 70 columns)."""
        keys = self.query_one("#keys", Static)
        box = self.query_one(_Keys)
        width = box.scrollable_content_region.width - 2  # room for a scrollbar
        keys.update(self._text(max(width, KEY_COLUMN + 12)))

    def _text(self, width: int) -> Content:
        rows = [Content.assemble(("Keys", "bold"))]

        def key(keys: str, what: str) -> None:
            lines = textwrap.wrap(what, width - KEY_COLUMN - 2) or [""]
            rows.append(Content.assemble((f"{keys:>{KEY_COLUMN}}", "bold"), f"  {lines[0]}"))
            rows.extend(Content(" " * (KEY_COLUMN + 2) + line) for line in lines[1:])

        key("up / down / k / j", "move")
        key("pgup / pgdn / space", "page up, page down")
        key("home / end / g / G", "the first claim, the last")
        for b in self.bindings:
            if b.key in "2345":
                continue
            if b.key == "1":
                key("1 … 5", "confidence 20 … 100")
                continue
            key(key_names(b), b.description)
        rows.append(Content(""))
        rows.append(Content.assemble(("Command palette (ctrl+p): every key above, and", "bold")))
        for name in _grouped(self.palette):
            key("", name)
        rows.append(Content(""))
        rows.append(Content.assemble((
            "Every change is saved at once. A status or confidence key keeps the cursor on "
            "the claim; ] moves on. Dialogs: enter saves a one-line field, ctrl+s saves "
            "notes, escape cancels. ↻ beside a status: a verdict carried to a claim the "
            "article's new version changed, to check again (] visits it; a status or "
            "confidence key confirms it).", "dim")))
        return Content("\n").join(rows)

    def action_close(self) -> None:
        self.dismiss(None)
