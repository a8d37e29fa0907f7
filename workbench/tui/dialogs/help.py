"""The help screen: every key of the main screen (from its one binding registry)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

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
        rows = [Content.assemble(("Keys", "bold"))]
        rows.append(Content.assemble((f"{'up / down / k / j':>22}", "bold"), "  move"))
        rows.append(Content.assemble((f"{'pgup / pgdn / g / G':>22}", "bold"),
                                     "  page, first, last"))
        for b in self.bindings:
            if b.key in "2345":
                continue
            if b.key == "1":
                rows.append(Content.assemble((f"{'1 … 5':>22}", "bold"),
                                             "  confidence 20 … 100"))
                continue
            rows.append(Content.assemble((f"{key_names(b):>22}", "bold"), f"  {b.description}"))
        rows.append(Content(""))
        rows.append(Content.assemble(("Command palette (ctrl+p): every key above, and", "bold")))
        rows += [Content(f"{'':>22}  {p}") for p in _grouped(self.palette)]
        rows.append(Content(""))
        rows.append(Content.assemble((
            "Every change is saved at once. A status or confidence key keeps the cursor on "
            "the claim; ] moves on. Dialogs: enter saves a one-line field, ctrl+s saves "
            "notes, escape cancels. ↻ beside a status: a verdict carried to a claim the "
            "article's new version changed, to check again (] visits it; a status or "
            "confidence key confirms it).", "dim")))
        with _Keys(classes="dialog") as box:
            box.border_title = "Help"
            yield Static(Content("\n").join(rows), id="keys")

    def action_close(self) -> None:
        self.dismiss(None)
