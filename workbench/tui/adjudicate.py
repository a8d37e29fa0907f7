"""The adjudication screen: where sessions A and B disagree, side by side, settled by key.

The list holds a window of disagreements read in pages by claim id (never all of them);
it grows as the cursor nears either end and is read afresh around a far jump, and when
the database changed elsewhere (looked at every few seconds: the agreements A and B came
to since are copied into the target, a deleted session is said). Every choice is one
`compare.adjudicate.settle` call: written at once, with its history row, into the target
session, from a side's verdict as it is then.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbench import review
from workbench.compare import adjudicate
from workbench.compare.adjudicate import Disagreement, SideChanged, Sides
from workbench.errors import Busy, WorkbenchError
from workbench.model import Source, Status
from workbench.storage import Database, history, sessions
from workbench.tui import actions
from workbench.tui.app import WorkbenchApp
from workbench.tui.dialogs.help import key_names
from workbench.tui.dialogs.pick import PickDialog
from workbench.tui.glyphs import FLAG, colour, glyph, label
from workbench.tui.key_bar import KeyBar
from workbench.wording import counted

if TYPE_CHECKING:
    from workbench.tui.main_screen import MainScreen

PAGE = 100
NEAR_END = 5  # load the next page when the cursor comes this close to the window's end
LAST = 2**62  # a claim id after every claim's: the window before it is the last one
SETTLED, UNSETTLED = "●", "○"
CHANGES_EVERY = 5.0  # seconds between looks for changes made elsewhere
NOTICE_SECONDS = 20  # how long a notice that matters before settling stays up


def _status(verdict: review.Verdict | None, width: int = 0) -> Content:
    """A verdict's glyph, label and confidence in its status colour ("not reviewed" if None)."""
    if verdict is None:
        return Content.styled("· not reviewed".ljust(width), colour("unreviewed"))
    s = str(verdict.status)
    conf = "" if verdict.confidence is None else f" {verdict.confidence}"
    flag = f" {FLAG}" if verdict.needs_review else ""
    return Content.styled(f"{glyph(s)} {label(s)}{conf}{flag}".ljust(width),
                          f"bold {colour(s)}")


def what_differs(d: Disagreement) -> str:
    """What is left to settle on a claim, in a few words."""
    if d.conflict:
        return "conflict"
    return d.differs or "agreed"


def row_prompt(d: Disagreement) -> Content:
    """One line of the list: settled mark, A's and B's verdicts, what differs, the claim."""
    mark = (SETTLED, "$text-success") if d.settled else (UNSETTLED, "$foreground-muted")
    first, *more = what_differs(d).split(", ")
    return Content.assemble(mark, " ", _status(d.a, 17), (" │ ", "dim"), _status(d.b, 17),
                            (" │ ", "dim"), (f"{first + '+' * bool(more):<11} ", "italic"),
                            (f"#{d.claim_id} ", "dim"), d.text)


def side_text(verdict: review.Verdict | None) -> Content:
    """One side's verdict in full: status, sources, notes, who and when."""
    if verdict is None:
        return Content.styled("did not review this claim", "dim italic")
    lines = [_status(verdict)]
    if verdict.needs_review:
        lines.append(Content.styled(f"{FLAG} flagged for re-review: the claim's text changed "
                                    "since this verdict", "bold $text-warning"))
    if verdict.sources:
        lines.append(Content.styled("Sources", "bold"))
        for n, src in enumerate(verdict.sources, 1):
            note = f" — {src.note}" if src.note else ""
            lines.append(Content(f" {n}. {src.ref}{note}"))
    else:
        lines.append(Content.styled("no sources", "dim"))
    if verdict.notes:
        lines.append(Content.assemble(("Notes ", "bold"), verdict.notes))
    lines.append(Content.styled(f"{verdict.reviewer} {verdict.updated_at[:16]}".replace(
        "T", " "), "dim"))
    return Content("\n").join(lines)


class DisagreementList(OptionList):
    """The loaded window of disagreements, one line each; the screen pages it."""

    BINDINGS: ClassVar = [
        Binding("down,j", "step(1)", "down", show=False),
        Binding("up,k", "step(-1)", "up", show=False),
        Binding("home,g", "first", "first", show=False),
        Binding("end,G", "last", "last", show=False),
    ]

    def action_step(self, delta: int) -> None:
        """Move without wrapping round (the window may not be the whole list)."""
        if self.highlighted is not None:
            self.highlighted = max(0, min(self.highlighted + delta, self.option_count - 1))

    def action_first(self) -> None:
        """The first disagreement of all, not of the window loaded."""
        self.screen.open_end(last=False)  # type: ignore[attr-defined]

    def action_last(self) -> None:
        """The last disagreement of all, not of the window loaded."""
        self.screen.open_end(last=True)  # type: ignore[attr-defined]


class SidePanel(VerticalScroll, can_focus=False):
    """One side's verdict, scrolled by the mouse and ctrl+d / ctrl+u (the keys stay on
    the list)."""


class AdjudicateScreen(Screen):
    """The disagreements above; the current one below: its claim, then A | B, then final."""

    BINDINGS: ClassVar = [
        Binding("a", "take('a')", "take A"),
        Binding("b", "take('b')", "take B"),
        Binding("e", "edit", "edit final"),
        Binding("right_square_bracket", "next_unsettled", "next unsettled", key_display="]"),
        Binding("ctrl+d", "scroll_sides(1)", "A and B half a page down", show=False),
        Binding("ctrl+u", "scroll_sides(-1)", "A and B half a page up", show=False),
        Binding("question_mark,f1", "help", "help", key_display="?"),
        Binding("escape,q", "back", "back"),
    ]
    AUTO_FOCUS = "DisagreementList"
    DEFAULT_CSS = """
    AdjudicateScreen { layout: vertical; }
    AdjudicateScreen #adj-top { height: 1; padding: 0 1; background: $panel; }
    AdjudicateScreen DisagreementList {
        height: 2fr; border: round $foreground 30%; text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    AdjudicateScreen DisagreementList:focus { border: round $primary; }
    AdjudicateScreen #adj-detail {
        height: 3fr; border: round $foreground 30%; padding: 0 1;
        border-title-color: $foreground-muted;
    }
    AdjudicateScreen #adj-claim { text-style: bold; margin-bottom: 1; }
    AdjudicateScreen #adj-sides { height: 1fr; }
    AdjudicateScreen .adj-side {
        width: 1fr; height: 1fr; border: round $foreground 30%; padding: 0 1;
        border-title-color: $foreground;
    }
    AdjudicateScreen .adj-side Static { height: auto; }
    AdjudicateScreen #adj-final { height: auto; padding: 0 1; background: $boost; }
    """

    def __init__(self, db: Database, sides: Sides, reviewer: str) -> None:
        super().__init__()
        self.db = db
        self.sides = sides
        self.reviewer = reviewer
        self.items: list[Disagreement] = []
        self.more_before = False
        self.more_after = False
        self._shown: int | None = None  # the claim whose sides are shown
        self.settled: int | None = None  # None until counted
        self.total: int | None = None
        self._recount = False
        self._mark = sides.mark  # the database as last read (history.state_mark)
        self._since = sides.mark[0]  # the history row up to which agreements were copied
        self.gone: str | None = None  # why nothing can be settled: a session was deleted

    def compose(self):
        yield Static(id="adj-top")
        yield DisagreementList(id="adj-list")
        with Vertical(id="adj-detail"):
            yield Static(id="adj-claim")
            with Horizontal(id="adj-sides"):
                with SidePanel(id="adj-a-panel", classes="adj-side"):
                    yield Static(id="adj-a")
                with SidePanel(id="adj-b-panel", classes="adj-side"):
                    yield Static(id="adj-b")
            yield Static(id="adj-final")
        yield KeyBar(self.BINDINGS, keep={"help", "back"})

    def on_mount(self) -> None:
        a_rev = sessions.require(self.db, self.sides.a)["reviewer"]
        b_rev = sessions.require(self.db, self.sides.b)["reviewer"]
        self.query_one("#adj-a-panel").border_title = f"A · {self.sides.a} ({a_rev})"
        self.query_one("#adj-b-panel").border_title = f"B · {self.sides.b} ({b_rev})"
        self.query_one(DisagreementList).border_title = "disagreements"
        first = adjudicate.next_unsettled(self.db, self.sides)
        self._open_at(first.claim_id if first is not None else None)
        self._count()
        notice = adjudicate.held_notice(self.sides)
        if notice is not None:
            self.notify(notice, severity="warning", timeout=NOTICE_SECONDS)
        self.set_interval(CHANGES_EVERY, self.look_for_changes)

    @property
    def current(self) -> Disagreement | None:
        index = self.query_one(DisagreementList).highlighted
        return self.items[index] if index is not None and self.items else None

    # -- the window of disagreements -------------------------------------------------

    def _open_at(self, claim_id: int | None) -> None:
        """Read the window afresh with `claim_id` (else the first disagreement) current."""
        above: list[Disagreement] = []
        if claim_id is not None:
            above = adjudicate.page(self.db, self.sides, before=claim_id, limit=PAGE // 2)
        below = adjudicate.page(self.db, self.sides,
                                after=claim_id - 1 if claim_id is not None else None,
                                limit=PAGE)
        self.items = above + below
        self.more_before = len(above) == PAGE // 2
        self.more_after = len(below) == PAGE
        listing = self.query_one(DisagreementList)
        listing.set_options(Option(row_prompt(d)) for d in self.items)
        listing.highlighted = len(above) if self.items else None
        self.show()

    def open_end(self, *, last: bool) -> None:
        """Read the window afresh at the first disagreement, or at the last one."""
        if not last:
            self._open_at(None)
            return
        self.items = adjudicate.page(self.db, self.sides, before=LAST, limit=PAGE)
        self.more_before, self.more_after = len(self.items) == PAGE, False
        listing = self.query_one(DisagreementList)
        listing.set_options(Option(row_prompt(d)) for d in self.items)
        listing.highlighted = len(self.items) - 1 if self.items else None
        self.show()

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        listing = self.query_one(DisagreementList)
        index = listing.highlighted
        if index is None:
            return
        if self.more_after and index >= len(self.items) - NEAR_END:
            more = adjudicate.page(self.db, self.sides, after=self.items[-1].claim_id,
                                   limit=PAGE)
            self.more_after = len(more) == PAGE
            self.items += more
            listing.add_options(Option(row_prompt(d)) for d in more)
        if self.more_before and index == 0:
            more = adjudicate.page(self.db, self.sides, before=self.items[0].claim_id,
                                   limit=PAGE)
            self.more_before = len(more) == PAGE
            self.items = more + self.items
            listing.set_options(Option(row_prompt(d)) for d in self.items)
            listing.highlighted = len(more)
        self.show()

    def look_for_changes(self) -> None:
        """Catch up with changes made elsewhere (another terminal, an import): one look at
        the newest history row, claim and article. Not under a dialog, which acts on the
        claim it opened on."""
        if self.gone is not None or not self.is_current:
            return
        mark = history.state_mark(self.db)
        if mark != self._mark:
            self._mark = mark
            since, self._since = self._since, mark[0]
            self._catch_up(since)

    @work(thread=True, exclusive=True, group="adjudicate-catch-up")
    def _catch_up(self, since: int | None) -> None:
        try:
            copied = adjudicate.follow_agreements(self.db, self.sides, who=self.reviewer,
                                                  since=since)
        except Busy:  # another process writing for long (an import): the next look retries
            self.app.call_from_thread(self._look_again, since)
            return
        except WorkbenchError as e:
            self.app.call_from_thread(self._lost, str(e))
            return
        mark = history.state_mark(self.db) if copied else None
        self.app.call_from_thread(self._caught_up, copied, mark)

    def _caught_up(self, copied: int, mark: tuple[int | None, ...] | None) -> None:
        """Read the window again where it was, and count again."""
        if mark is not None:  # the copy's own history row is no news
            self._mark = mark
        d = self.current
        self._open_at(d.claim_id if d is not None else None)
        self._count()
        if copied:
            self.notify(f"{self.sides.a} and {self.sides.b} came to agree on "
                        f"{counted(copied, 'more claim')}: copied into {self.sides.target}",
                        timeout=5)

    def _look_again(self, since: int | None) -> None:
        """Catch up from `since` at the next look (this one found the database busy)."""
        self._mark, self._since = None, since

    def _lost(self, message: str) -> None:
        """A session was deleted: say so, here and on the top line; nothing more is written."""
        self.gone = message
        self.notify(message, severity="error", timeout=NOTICE_SECONDS)
        self.show()

    def _jump(self, claim_id: int) -> None:
        for index, d in enumerate(self.items):
            if d.claim_id == claim_id:
                self.query_one(DisagreementList).highlighted = index
                return
        self._open_at(claim_id)

    # -- showing ----------------------------------------------------------------------

    def show(self) -> None:
        """Repaint the progress line and the current disagreement."""
        d = self.current
        settled = "…" if self.settled is None else f"{self.settled:,}"
        total = "…" if self.total is None else f"{self.total:,}"
        self.query_one("#adj-top", Static).update(Content.assemble(
            ("adjudicate ", "bold"), f"{self.sides.a} | {self.sides.b} into ",
            (self.sides.target, "bold"), f"  ·  settled {settled} / {total}",
            (f"  ·  {self.gone}", "bold $text-error") if self.gone else (
                f"  ·  {self.reviewer}", "dim"),
        ))
        detail = self.query_one("#adj-detail")
        final = self.query_one("#adj-final", Static)
        if d is None:
            detail.border_title = "nothing to settle"
            detail.border_subtitle = ""
            self.query_one("#adj-claim", Static).update(
                f"{self.sides.a} and {self.sides.b} agree on every claim they reviewed.")
            for name in ("#adj-a", "#adj-b"):
                self.query_one(name, Static).update("")
            final.update("")
            return
        detail.border_title = f"claim #{d.claim_id} · {d.title} · seq {d.seq}"
        detail.border_subtitle = (
            f"{self.sides.a} and {self.sides.b} agree; {self.sides.target} holds another"
            if d.conflict else f"differs: {d.differs}" if d.differs
            else f"{self.sides.a} and {self.sides.b} agree")
        by = Content.styled(f"\nby {d.by}", "italic dim") if d.by else Content("")
        self.query_one("#adj-claim", Static).update(Content.assemble(d.text, by))
        if d.claim_id != self._shown:  # another claim: its sides from the top
            self._shown = d.claim_id
            for panel in self.query(SidePanel):
                panel.scroll_home(animate=False)
        self.query_one("#adj-a", Static).update(side_text(d.a))
        self.query_one("#adj-b", Static).update(side_text(d.b))
        final.update(self._final_line(d))

    def _final_line(self, d: Disagreement) -> Content:
        """The target's verdict on `d`, and whether it settles it."""
        if d.final is None:
            return Content.assemble(
                (f"{UNSETTLED} unsettled", "bold"),
                ("   a takes A · b takes B · e edits · ] next unsettled", "dim"))
        if not d.settled:
            why = ("flagged for re-review" if d.final.needs_review
                   else f"{self.sides.a} and {self.sides.b} now agree on another")
            return Content.assemble((f"{UNSETTLED} to settle ", "bold"), _status(d.final),
                                    (f"   in {self.sides.target}; {why}", "dim"))
        return Content.assemble((f"{SETTLED} final ", "bold"), _status(d.final),
                                (f"   in {self.sides.target}", "dim"))

    @work(thread=True, exclusive=True, group="adjudicate-count")
    def _count(self) -> None:
        settled, total = adjudicate.progress(self.db, self.sides)
        self.app.call_from_thread(self._counted, settled, total)

    def _counted(self, settled: int, total: int) -> None:
        if self._recount:  # a choice was written while counting: count again
            self._recount = False
            self._count()
            return
        self.settled, self.total = settled, total
        self.show()

    # -- choosing ---------------------------------------------------------------------

    def _settle(self, **choice: Any) -> None:
        d = self.current
        if d is None:
            return
        unseen = history.state_mark(self.db) != self._mark  # changes not read yet
        try:
            new = adjudicate.settle(self.db, self.sides, d, who=self.reviewer, **choice)
        except SideChanged as e:
            self._replace(d, e.now)
            self.notify(str(e), severity="warning", timeout=NOTICE_SECONDS)
            return
        except WorkbenchError as e:
            self.notify(str(e), severity="error")
            return
        if not unseen:  # this write is no news to look_for_changes
            self._mark = history.state_mark(self.db)
        self._replace(d, new)

    def _replace(self, old: Disagreement, new: Disagreement) -> None:
        """Show `new` where `old` was, and count the difference."""
        index = self.items.index(old)
        self.items[index] = new
        self.query_one(DisagreementList).replace_option_prompt_at_index(index, row_prompt(new))
        if self.settled is None or self.total is None:
            self._recount = True
        else:
            self.settled += (new.settled and new.listed) - (old.settled and old.listed)
            self.total += new.listed - old.listed
        self.show()

    def action_take(self, side: str) -> None:
        self._settle(take=side)

    def action_edit(self) -> None:
        d = self.current
        if d is None:
            return
        start = d.final or d.a or d.b
        assert start is not None

        def done(verdict: review.Verdict | None) -> None:
            if verdict is not None and self.current == d:
                self._settle(verdict=verdict)

        self.app.push_screen(FinalVerdictDialog(d.claim_id, start, adjudicate.merged_sources(d)),
                             done)

    def action_scroll_sides(self, direction: int) -> None:
        """Scroll A's and B's panels together by half their height."""
        for panel in self.query(SidePanel):
            step = max(panel.scrollable_content_region.height // 2, 1)
            panel.scroll_to(y=panel.scroll_offset.y + direction * step, animate=False)

    def action_help(self) -> None:
        self.app.push_screen(AdjudicateHelp(self.BINDINGS))

    def action_next_unsettled(self) -> None:
        d = self.current
        found = adjudicate.next_unsettled(self.db, self.sides, d.claim_id if d else None)
        if found is None:
            self.notify("every disagreement is settled")
            return
        self._jump(found.claim_id)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:  # opened over the main screen
            self.dismiss()
        else:
            self.app.exit()


class AdjudicateHelp(ModalScreen[None]):
    """This screen's keys, and what its marks mean."""

    BINDINGS: ClassVar = [Binding("escape,q,question_mark,f1", "close", "close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self):
        rows = [Content.styled("Keys", "bold"),
                Content.assemble((f"{'up / down / k / j':>24}", "bold"), "  move"),
                Content.assemble((f"{'pgup / pgdn':>24}", "bold"), "  page"),
                Content.assemble((f"{'home / end / g / G':>24}", "bold"),
                                 "  the first, the last of them all"),
                *(Content.assemble((f"{key_names(b):>24}", "bold"), f"  {b.description}")
                  for b in self.bindings),
                Content(""),
                Content.styled(
                    f"{SETTLED} settled, {UNSETTLED} not yet. Listed are the claims A and B "
                    f"split on ({FLAG}, a verdict flagged for re-review, splits them too) "
                    "and conflicts: claims they agree on where the target holds another "
                    "verdict. Taking a side takes its verdict as it is at that moment: if it "
                    "changed since it was shown, nothing is written and the screen shows it. "
                    "What A and B come to agree on is copied into the target within seconds.",
                    "dim")]
        with VerticalScroll(classes="dialog") as box:
            box.border_title = "Help · adjudication"
            yield Static(Content("\n").join(rows))

    def action_close(self) -> None:
        self.dismiss(None)


class FinalVerdictDialog(ModalScreen[review.Verdict | None]):
    """Set the final status, confidence and note: enter saves, tab moves, escape cancels."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]
    STATUSES: ClassVar = [s for s in Status if s is not Status.UNREVIEWED]

    def __init__(self, claim_id: int, start: review.Verdict, sources: list[Source]) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.start = start
        self.sources = sources

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = f"Final verdict on claim #{self.claim_id}"
            # the glyph in its status's colour, the word in the list's own: on the highlight
            # bar of a light theme, refuted's red word could not be read (QA: 1.03:1)
            yield OptionList(*(Option(Content.assemble(
                (glyph(str(s)), colour(str(s))), f" {label(str(s))}")) for s in self.STATUSES),
                id="status")
            yield Label("Confidence (0-100, empty for none)")
            conf = self.start.confidence
            yield Input("" if conf is None else str(conf), id="confidence")
            yield Label("Notes")
            yield Input(self.start.notes, id="notes")
            yield Static("", classes="problem", id="problem")
            yield Static(f"{len(self.sources)} source(s) kept · enter saves · tab moves · "
                         "escape cancels", classes="hint")

    def on_mount(self) -> None:
        statuses = self.query_one("#status", OptionList)
        if self.start.status in self.STATUSES:
            statuses.highlighted = self.STATUSES.index(self.start.status)
        statuses.focus()

    @on(OptionList.OptionSelected)
    @on(Input.Submitted)
    def _save(self) -> None:
        index = self.query_one("#status", OptionList).highlighted or 0
        try:
            confidence = review.check_confidence(
                self.query_one("#confidence", Input).value.strip())
        except WorkbenchError as e:
            self.query_one("#problem", Static).update(str(e))
            self.query_one("#confidence", Input).focus()
            return
        self.dismiss(review.Verdict(self.STATUSES[index], confidence, self.sources,
                                    self.query_one("#notes", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class AdjudicateApp(WorkbenchApp):
    """The workbench app opened straight on the adjudication screen (`workbench adjudicate`)."""

    def __init__(self, db: Database, sides: Sides, reviewer: str, **kwargs: Any) -> None:
        super().__init__(db, sides.target, reviewer, **kwargs)
        self.sides = sides

    def get_default_screen(self) -> Screen:
        return AdjudicateScreen(self.db, self.sides, self.reviewer)


def run(db: Database, sides: Sides, reviewer: str) -> None:
    """Open the adjudication screen on its own (the CLI's `workbench adjudicate`)."""
    AdjudicateApp(db, sides, reviewer).run()


def pick_sessions(screen: MainScreen, target: str = adjudicate.DEFAULT_TARGET) -> None:
    """The palette's "Adjudicate sessions…": pick A, then B, then open the screen on them."""
    options: list[tuple[str, str]] = []

    def open_screen(a: str, b: str | None) -> None:
        if b is None:
            return
        try:
            sides = adjudicate.open_sides(screen.db, a, b, target, who=screen.reviewer)
        except WorkbenchError as e:
            screen.notify(str(e), severity="error")
            return
        screen.app.push_screen(AdjudicateScreen(screen.db, sides, screen.reviewer))

    def picked_a(a: str | None) -> None:
        if a is not None:
            screen.app.push_screen(
                PickDialog(f"Adjudicate {a} against…", [o for o in options if o[1] != a]),
                partial(open_screen, a))

    def show(rows: list) -> None:
        options.extend((f"{r['name']}  ({r['reviewer']}, {r['reviewed']}/{r['total']} "
                        "reviewed)", r["name"]) for r in rows if r["name"] != target)
        screen.app.push_screen(PickDialog(f"Adjudicate into {target}: session A", options),
                               picked_a)

    actions.read_then(screen, lambda: sessions.list_with_progress(screen.db), show)
