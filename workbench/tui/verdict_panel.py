"""The verdict panel: the current claim in full, its verdict, its history, similar claims."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workbench import review
from workbench.tui.glyphs import glyph, label

STATUS_CLASSES = [f"status-{s}" for s in (
    "unreviewed", "supported", "refuted", "misleading", "unverifiable", "not_a_claim")]


def _short_time(at: str) -> str:
    return at[:16].replace("T", " ")


def describe_change(entry: dict[str, Any]) -> str:
    """One history entry as a short line of plain text."""
    parts = []
    for key, new in entry["new"].items():
        old = entry["old"].get(key)
        if key == "sources":
            parts.append("sources changed")
        elif key == "notes":
            parts.append("notes edited")
        elif key == "text":
            parts.append("text edited")
        else:
            parts.append(f"{key} {old if old is not None else '–'} → "
                         f"{new if new is not None else '–'}")
    what = ", ".join(parts) or entry["action"]
    if entry["action"] not in ("tag",):
        what = f"{entry['action']}: {what}"
    return f"{_short_time(entry['at'])}  {entry['who']}  {what}"


class VerdictPanel(VerticalScroll, can_focus=False):
    """Everything about the current claim, read-only; keys on the main screen change it."""

    def compose(self):
        yield Static(id="claim-text")
        yield Static(id="claim-meta")
        yield Static(id="verdict-status")
        yield Static(id="verdict-sources")
        yield Static(id="verdict-notes")
        yield Static(id="claim-history")
        yield Static(id="similar", classes="-empty")

    def show(
        self,
        claim: dict[str, Any] | None,
        verdict: review.Verdict | None,
        history: list[dict[str, Any]],
    ) -> None:
        """Fill the panel for one claim (or say there is none)."""
        text = self.query_one("#claim-text", Static)
        status = self.query_one("#verdict-status", Static)
        if claim is None or verdict is None:
            text.update("No claims match. Press escape to clear the filters, "
                        "or ctrl+p to switch article or session.")
            for name in ("#claim-meta", "#verdict-sources", "#verdict-notes", "#claim-history"):
                self.query_one(name, Static).update("")
            status.update("")
            return
        text.update(Content(claim["text"]))
        by = claim.get("by") or "the article's own voice"
        self.query_one("#claim-meta", Static).update(Content.assemble(
            (f"#{claim['id']} · seq {claim['seq']} · ", "dim"),
            (str(claim["kind"]), "bold"),
            " by ",
            (by, "italic"),
            (f" · check-worthiness {float(claim['checkworthiness']):.2f}", "dim"),
        ))
        s = str(verdict.status)
        conf = "–" if verdict.confidence is None else f"{verdict.confidence}"
        status.set_classes(f"status-{s}")
        status.update(Content.assemble(
            (f"{glyph(s)} {label(s).upper()}", "bold"),
            f"   confidence {conf}",
            (f"   {verdict.reviewer} {_short_time(verdict.updated_at)}"
             if verdict.updated_at else "", "dim"),
        ))
        if verdict.sources:
            lines = [Content.assemble(("Sources", "bold"))]
            for n, src in enumerate(verdict.sources, 1):
                line = Content.assemble(f" {n}. ", (src.ref, "underline"))
                if src.note:
                    line = Content.assemble(line, ("  — " + src.note, "italic"))
                lines.append(line)
            sources = Content("\n").join(lines)
        else:
            sources = Content.assemble(("Sources ", "bold"), ("none yet (o adds one)", "dim"))
        self.query_one("#verdict-sources", Static).update(sources)
        notes = (Content.assemble(("Notes ", "bold"), verdict.notes) if verdict.notes
                 else Content.assemble(("Notes ", "bold"), ("none (n edits)", "dim")))
        self.query_one("#verdict-notes", Static).update(notes)
        if history:
            lines = [Content.assemble(("History", "bold"))]
            lines += [Content(" " + describe_change(h)) for h in history[:8]]
            self.query_one("#claim-history", Static).update(Content("\n").join(lines))
        else:
            self.query_one("#claim-history", Static).update(
                Content.assemble(("History ", "bold"), ("no changes yet", "dim")))

    def show_similar(self, similar: list[Any]) -> None:
        """The closest claims of other articles that have a verdict (see match.similar)."""
        box = self.query_one("#similar", Static)
        if not similar:
            box.update("")
            box.add_class("-empty")
            return
        box.remove_class("-empty")
        lines = [Content.assemble(("Similar claims reviewed before", "bold"),
                                  ("  (c copies the first verdict)", "dim"))]
        for item in similar:
            lines.append(Content.assemble(
                f" {glyph(item.status)} {label(item.status)}",
                (f" {item.confidence if item.confidence is not None else '–'}", "dim"),
                (f" {item.score:.0f}% ", "dim"),
                item.text,
                (f"  [{item.article}, {item.session}]", "dim"),
            ))
        box.update(Content("\n").join(lines))
