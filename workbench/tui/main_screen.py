"""The main screen: the claim list, the article, the verdict panel, and the reviewer's keys.

Every change is one call into `workbench.review`, written at once with its history row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any, ClassVar

from textual import on, work
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from workbench import review
from workbench.errors import WorkbenchError
from workbench.model import Source
from workbench.storage import Database
from workbench.tui.article_view import ArticleView
from workbench.tui.claim_list import ClaimList
from workbench.tui.glyphs import GLYPH, label
from workbench.tui.key_bar import KeyBar
from workbench.tui.top_bar import TopBar
from workbench.tui.verdict_panel import HISTORY_LINES, VerdictPanel
from workbench.wording import counted

# On a narrow key bar a status key is shown with its glyph, as the list shows the status.
STATUS_GLYPHS = {f"tag('{status.value}')": g for status, g in GLYPH.items()}

REST_DELAY = 0.15  # seconds on a claim before it is remembered and similar claims sought
ELSEWHERE_EVERY = 5.0  # seconds between looks for what other processes changed

# One registry of the reviewer's keys: the key bar, the help screen and the tests read it.
BINDINGS: list[Binding] = [
    # description: the key bar's and the help's word; tooltip: the command palette's name
    Binding("s", "tag('supported')", "supported", tooltip="mark supported"),
    Binding("r", "tag('refuted')", "refuted", tooltip="mark refuted"),
    Binding("m", "tag('misleading')", "misleading", tooltip="mark misleading"),
    Binding("u", "tag('unverifiable')", "unverifiable", tooltip="mark unverifiable"),
    Binding("x", "tag('not_a_claim')", "not a claim", tooltip="mark not a claim"),
    Binding("backspace", "tag('unreviewed')", "back to unreviewed", show=False),
    *(Binding(str(n), f"confidence({n * 20})", f"confidence {n * 20}", show=False)
      for n in range(1, 6)),
    Binding("o", "add_source", "source", tooltip="add a source"),
    Binding("O", "remove_source", "remove a source", show=False),
    Binding("n", "edit_notes", "notes", tooltip="edit notes"),
    Binding("slash", "search", "search", key_display="/", tooltip="search claims"),
    Binding("right_square_bracket", "next_unreviewed", "next to do", key_display="]",
            tooltip="next claim to do"),
    Binding("ctrl+z", "undo", "undo", key_display="^z", show=False,
            tooltip="undo your last change"),
    Binding("ctrl+y", "redo", "redo", key_display="^y", show=False,
            tooltip="redo what your last undo took back"),
    Binding("ctrl+d", "scroll_panel(1)", "verdict panel half a page down", show=False),
    Binding("ctrl+u", "scroll_panel(-1)", "verdict panel half a page up", show=False),
    Binding("c", "copy_similar", "copy the similar claim's verdict", show=False),
    Binding("e", "edit_claim", "edit claim text", show=False),
    Binding("a", "edit_speaker", "edit whom the claim is attributed to", show=False),
    Binding("t", "split_claim", "split claim in two", show=False),
    Binding("J", "merge_claim", "merge with next claim", show=False),
    Binding("delete", "drop_claim", "drop claim", show=False),
    Binding("f", "filter", "filter by status, kind or article", show=False),
    Binding("escape", "clear_filters", "clear filters and search", show=False),
    Binding("question_mark,f1", "help", "help", key_display="?", tooltip="help: every key"),
    Binding("ctrl+p", "app.command_palette", "commands", key_display="^p", show=False),
    Binding("q", "quit_app", "quit"),
]

# The reviewer's edits to claims, by the name their history rows give them.
CLAIM_OPS: dict[str, Callable[..., int | None]] = {
    "split": review.split_claim, "merge": review.merge_claims, "drop": review.drop_claim,
}


def _put_back_note(done: str, undone: review.Undone) -> str:
    """The line after an undo or redo (`done`: "undone", "redone"): what it put back, and
    the claims it left as someone else changed them since."""
    kept = ", ".join(f"claim #{claim_id} left as {who} changed it since"
                     for claim_id, who in undone.kept)
    if not undone.summary:
        return f"{done}: nothing; {kept}" if kept else (
            f"{done}: nothing; the claims were left as another reviewer changed them")
    return f"{done}: {undone.summary}" + (f"; {kept}" if kept else "")


SHORT_NAME = 12  # a session's name on the top line at its shortest, "…" included


class MainScreen(Screen):
    """List on the left; article above the verdict panel on the right."""

    BINDINGS: ClassVar = BINDINGS
    AUTO_FOCUS = "ClaimList"

    def __init__(self, db: Database, session: Any, reviewer: str) -> None:
        super().__init__()
        self.db = db
        self.session = session
        self.reviewer = reviewer
        self.query_ = review.ListQuery(session_id=session["id"])
        self._article_id: int | None = None
        self._list = ClaimList(db, self.query_, self._highlighted, id="claims")
        self._rest_timer: Timer | None = None
        self.similar: list[Any] = []
        self.session_progress: review.Progress | None = None
        self.article_progress: review.Progress | None = None

    def compose(self):
        yield TopBar(id="topbar")
        yield self._list
        yield ArticleView(self.db, id="article")
        yield VerdictPanel(id="verdict")
        yield KeyBar(self.BINDINGS, keep={"help", "quit_app"}, short=STATUS_GLYPHS,
                     wide={"undo", "app.command_palette"})

    def on_mount(self) -> None:
        self._list.border_title = "claims"
        self.query_one(VerdictPanel).border_title = "verdict"
        self._list.load(self.query_, review.start_claim(self.db, self.session))
        self._list.focus()
        self.call_after_refresh(self._session_progress)  # after the first frame, not before
        self._marks = review.marks(self.db, self.session["id"])
        self.set_interval(ELSEWHERE_EVERY, self._look_elsewhere)

    def _look_elsewhere(self) -> None:
        """Show what another process changed without a restart (see review.Marks): claims
        ingested (`workbench ingest` in another terminal), claims another window edited,
        split, merged or dropped, and this session's new name."""
        before, now = self._marks, review.marks(self.db, self.session["id"])
        if now == before or now.session is None:  # a deleted session: the next write says
            return
        self._marks = now
        if now.session["name"] != self.session["name"]:
            self.session = now.session
            self.notify(f"this session was renamed {now.session['name']!r}", timeout=3)
        if now.session_change != before.session_change:
            self._verdicts_changed_elsewhere(before.session_change)
        if now.newest_claim != before.newest_claim or now.claim_change != before.claim_change:
            shown = self.query_.article_id
            newest = None if shown is None else review.newest_version(self.db, shown)
            if newest is not None and newest["id"] != shown:  # re-ingested: its new version
                self.query_ = self.query_.filtered(article_id=newest["id"],
                                                   article_title=newest["title"])
                self.claims.query_ = self.query_
            self.claims.reload()
            self.show_claim()
            self._session_progress()
            self.notify("new claims were ingested: the list has them"
                        if now.newest_claim != before.newest_claim else
                        "claims were changed in another window: the list shows them now",
                        timeout=3)
        self.show_topbar()

    def _verdicts_changed_elsewhere(self, after: int | None) -> None:
        """Show verdicts of this session changed elsewhere (a second window, a `tag` from
        the shell, by anyone: this reviewer too) since change `after`: their rows, the
        panel, the progress. This window's own changes show already, and are let be."""
        changed = review.changed_since(self.db, self.session["id"], after)
        # the panel shows what the list does not (notes, sources): read again when touched
        touched = self.claim is not None and (changed is None or self.claim["id"] in changed)
        if changed is None:
            self.claims.reload()
        else:
            shown = {i: {"status": str(v.status), "confidence": v.confidence,
                         "needs_review": int(v.needs_review)} for i, v in changed.items()}
            changed = {i: v for i, v in changed.items() if self.claims.differs(i, shown[i])}
            for claim_id in changed:
                self.claims.update_row(claim_id, **shown[claim_id])
        if touched:
            self.show_claim()
        if changed == {}:
            return
        self.article_progress = None if self.claim is None else review.progress(
            self.db, self.session["id"], self.claim["article_id"])
        self._session_progress()
        one = changed is not None and len(changed) == 1
        self.notify(("verdicts" if changed is None else counted(len(changed), "verdict"))
                    + " changed elsewhere (another window, the shell, an ingest): the list shows"
                    + (" it now" if one else " them now"), timeout=3)

    def _seen(self) -> None:
        """This screen changed claims: nothing for _look_elsewhere to tell."""
        self._marks = review.marks(self.db, self.session["id"])

    @property
    def claims(self) -> ClaimList:
        return self._list

    @property
    def claim(self) -> dict[str, Any] | None:
        """The claim under the list's cursor: what keys act on."""
        return self._list.current

    # -- showing ----------------------------------------------------------------------

    def _highlighted(self, claim: dict[str, Any] | None) -> None:
        """The list's cursor is on a new claim (None: the list is empty)."""
        self.similar = []  # the last claim's: `c` must not copy them onto this one
        self.show_claim()
        if claim is not None:
            if claim["article_id"] != self._article_id:
                self._article_id = claim["article_id"]
                self.article_progress = review.progress(
                    self.db, self.session["id"], claim["article_id"])
            self._when_resting(claim)
        self.show_topbar()

    @on(ArticleView.Clicked)
    def _article_clicked(self, event: ArticleView.Clicked) -> None:
        """Go to the claim of the sentence clicked in the article."""
        here = self.claim["id"] if self.claim is not None else None
        claim_id = review.claim_at(self.db, event.article_id, event.offset, after=here)
        if claim_id is None or claim_id == here:
            return
        if not review.listed(self.db, self.query_, claim_id):
            self.notify(f"claim #{claim_id} is not in this list: escape clears the filters",
                        severity="warning", timeout=4)
            return
        self.claims.load(self.query_, claim_id)

    @on(ClaimList.Counted)
    @on(ClaimList.Placed)
    def _counted_or_placed(self, event: ClaimList.Counted | ClaimList.Placed) -> None:
        self.show_topbar()

    def show_claim(self) -> None:
        """Repaint the article and verdict panel for the current claim."""
        claim = self.claim
        self.query_one(ArticleView).show(claim)
        panel = self.query_one(VerdictPanel)
        if claim is None:
            panel.show_nothing(filtered=bool(self.query_.describe()))
            return
        verdict = review.get_verdict(self.db, self.session["id"], claim["id"])
        self._match_row(claim, verdict)
        history = review.claim_history(self.db, self.session["id"], claim["id"],
                                       limit=HISTORY_LINES)  # read no more than it shows
        panel.show(claim, verdict, history, self.similar)

    def _match_row(self, claim: dict[str, Any], verdict: review.Verdict) -> None:
        """Bring the list's row in line with the verdict just read: another process may
        have changed it since the row was read."""
        now = {"status": str(verdict.status), "confidence": verdict.confidence,
               "needs_review": int(verdict.needs_review)}
        if any(claim[k] != v for k, v in now.items()):
            self.claims.update_row(claim["id"], **now)

    def show_topbar(self) -> None:
        """The top line: article, session, reviewer, progress; the list position at right."""
        claims = self.claims
        ap, sp = self.article_progress, self.session_progress
        name, blind = self.session["name"], ", blind" if self.session["blind"] else ""
        article = f"  ·  article {ap.reviewed}/{ap.total}" if self.claim and ap else ""
        session, pct = "  ·  session …", ""
        if sp:
            session = f"  ·  session {sp.reviewed:,}/{sp.total:,}"
            pct = f" {100 * sp.reviewed / sp.total if sp.total else 0:.0f}%"
        short = name if len(name) <= SHORT_NAME else name[: SHORT_NAME - 1] + "…"
        # the longest that fits is shown: the reviewer, the percentage, the wide gaps and
        # the session's name in full go first
        bare = f"  ·  {name}{article}{session}"
        middles = (f"  ·  {name} ({self.reviewer}{blind}){article}{session}{pct}",
                   f"  ·  {name}{' (blind)' if blind else ''}{article}{session}{pct}",
                   bare, bare.replace("  ·  ", " · "),
                   f"  ·  {short}{article}{session}".replace("  ·  ", " · "))
        total = f"{claims.total:,}" if claims.counted else "…"
        at = f"{claims.cursor + 1:,}" if claims.placed else "…"
        where = f"claim {at}/{total}" if claims.total else "no claims"
        title = str(self.query_one(ArticleView).border_title) if self.claim else "no claim"
        self.query_one(TopBar).show(title, middles, where)
        label = self.query_.describe()
        title = "claims" + (f" · {label}" if label else "")
        if claims.border_title != title:
            claims.border_title = title

    @work(thread=True, exclusive=True, group="progress")
    def _session_progress(self) -> None:
        progress = review.progress(self.db, self.session["id"])
        self.app.call_from_thread(self._progress_read, progress)

    def _progress_read(self, progress: review.Progress) -> None:
        self.session_progress = progress
        self.show_topbar()

    def _bump_progress(self, change: review.Progress) -> None:
        """Add a change this screen made to the session's and the article's progress, so
        a key counts no claims again."""
        for attr in ("session_progress", "article_progress"):
            p = getattr(self, attr)
            if p is not None:
                setattr(self, attr, review.Progress(p.reviewed + change.reviewed,
                                                    p.total + change.total))

    @work(thread=True, exclusive=True, group="cursor")
    def _remember(self, claim_id: int) -> None:
        # a busy database must not interrupt the reviewer: the cursor is a convenience
        with contextlib.suppress(Exception):
            review.remember_cursor(self.db, self.session["id"], claim_id)

    def _when_resting(self, claim: dict[str, Any]) -> None:
        """Once the cursor rests on a claim (not for every row run past): remember it as
        the session's place, and seek similar claims reviewed before."""
        if self._rest_timer is not None:
            self._rest_timer.stop()

        def rest() -> None:
            self._remember(claim["id"])
            self._find_similar(claim["id"], claim["text"], claim["article_id"])

        self._rest_timer = self.set_timer(REST_DELAY, rest)

    @work(thread=True, exclusive=True, group="similar")
    def _find_similar(self, claim_id: int, text: str, article_id: int) -> None:
        from workbench import match

        found = match.similar(self.db, claim_id, text, article_id,
                              session=self.session["name"], blind=bool(self.session["blind"]))
        self.app.call_from_thread(self._similar_found, claim_id, found)

    def _similar_found(self, claim_id: int, found: list[Any]) -> None:
        if self.claim is None or self.claim["id"] != claim_id:
            return
        self.similar = found
        self.query_one(VerdictPanel).show_similar(found)

    # -- changing ---------------------------------------------------------------------

    def _tag(self, claim_id: int | None = None, **fields: Any) -> bool:
        """Set `fields` of the verdict on the claim at the cursor, or on `claim_id` (a
        dialog's, which another process may have replaced or dropped while it was open);
        whether they were set."""
        if claim_id is None:
            claim = self.claim
            if claim is None:
                self.notify("no claim here", severity="warning")
                return False
            claim_id = claim["id"]
        try:
            change = review.tag_change(self.db, self.session["id"], claim_id,
                                       who=self.reviewer, **fields)
        except WorkbenchError as e:
            self.notify(str(e), severity="error")
            return False
        # counted from the verdict the database held, not the list's row, which another
        # process may have made stale
        self._bump_progress(review.Progress(change.after.reviewed - change.before.reviewed, 0))
        self.show_claim()  # the row follows the verdict
        self.show_topbar()
        return True

    def action_tag(self, status: str) -> None:
        self._tag(status=status)

    def action_confidence(self, value: int) -> None:
        self._tag(confidence=value)

    def action_add_source(self) -> None:
        if self.claim is None:
            return
        from workbench.tui.dialogs.source import SourceDialog

        claim_id = self.claim["id"]

        def done(source: Source | None) -> None:
            target = None if source is None else self._still(claim_id, f"source {source.ref}")
            if target is not None:
                verdict = review.get_verdict(self.db, self.session["id"], target)
                if self._tag(target, sources=[*verdict.sources, source]):
                    # QA: at 80x24 the panel showed no sign of it, the sources out of view
                    self.query_one(VerdictPanel).show_sources()
                    self.notify(f"source {len(verdict.sources) + 1} added: {source.ref}",
                                timeout=3)

        self.app.push_screen(SourceDialog(), done)

    def _still(self, claim_id: int, typed: str) -> int | None:
        """The claim a dialog opened on `claim_id` saves to: that one, or what a re-ingest
        made of it while the dialog was open (said); None, and what was typed shown so it
        can be copied, when it is gone."""
        now_is = review.now_claim(self.db, claim_id)
        if now_is is None:
            self.notify(f"not saved: claim #{claim_id} was dropped or removed while the dialog"
                        f" was open. What you typed: {typed}", severity="error", timeout=30)
        elif now_is != claim_id:
            self.notify(f"saved on claim #{now_is}: the article's new version of claim"
                        f" #{claim_id}", timeout=5)
        return now_is

    def action_remove_source(self) -> None:
        """Pick one of the claim's sources to take away (a wrong one added a while ago,
        which undo would reach only through every change since)."""
        if self.claim is None:
            return
        from workbench.tui.dialogs.pick import PickDialog

        claim_id = self.claim["id"]
        sources = review.get_verdict(self.db, self.session["id"], claim_id).sources
        if not sources:
            self.notify("this claim has no sources", timeout=2)
            return

        def done(n: int | None) -> None:
            if n is None or self.claim is None or self.claim["id"] != claim_id:
                return
            now = review.get_verdict(self.db, self.session["id"], claim_id).sources
            self._tag(sources=[s for s in now if s != sources[n]])

        options = [(f"{s.ref}  — {s.note}" if s.note else s.ref, n)
                   for n, s in enumerate(sources)]
        self.app.push_screen(PickDialog("Remove a source", options, picks="removes"), done)

    def action_edit_notes(self) -> None:
        if self.claim is None:
            return
        from workbench.tui.dialogs.notes import NotesDialog

        claim_id = self.claim["id"]
        verdict = review.get_verdict(self.db, self.session["id"], claim_id)

        def done(notes: str | None) -> None:
            target = None if notes is None else self._still(claim_id, f"notes: {notes}")
            if target is None:
                return
            now = review.get_verdict(self.db, self.session["id"], target)
            self._tag(target, notes=notes)
            if target == claim_id and now.notes not in (verdict.notes, notes):
                self.notify(f"{now.reviewer} changed these notes while you edited them: yours"
                            " replaced theirs (ctrl+z puts theirs back; history has both)",
                            severity="warning", timeout=15)

        self.app.push_screen(NotesDialog(verdict.notes), done)

    def action_undo(self) -> None:
        self._put_back(review.undo, "undone", "nothing to undo in this session")

    def action_redo(self) -> None:
        self._put_back(review.redo, "redone", "nothing to redo: no undo since your last"
                       " change")

    def _put_back(self, how: Callable[..., review.Undone | None], done: str,
                  nothing: str) -> None:
        """Undo or redo (`how`) and show the list as it is now."""
        try:
            undone = how(self.db, self.session["id"], who=self.reviewer)
        except WorkbenchError as e:
            self.notify(str(e), severity="error")
            return
        self.app.clear_notifications()  # one undo's note at a time, not a stack of ten
        if undone is None:
            self.notify(nothing)
            return
        shown = review.listed(self.db, self.query_, undone.claim_id)
        # a claim this list does not show: the cursor stays, and the note says where it is
        elsewhere = not shown and not undone.dropped
        self.notify(_put_back_note(done, undone) + (" (not in this list)" if elsewhere else ""),
                    timeout=6 if elsewhere or undone.kept else 3)
        self._seen()
        if shown:
            self.claims.load(self.query_, undone.claim_id)
        else:  # the cursor stays; on the claim after it, when a redo dropped it again
            self.claims.reload()
        self._session_progress()
        if self.claim:
            self.article_progress = review.progress(
                self.db, self.session["id"], self.claim["article_id"])
        self.show_topbar()

    def action_next_unreviewed(self) -> None:
        claims = self.claims
        for index in range(claims.cursor + 1, claims.cursor + 1 + 3000):
            row = claims.row(index)
            if row is None:
                break
            if review.left_to_do(row):
                claims.move_to(index)
                return
        found = review.next_unreviewed(self.db, self.query_, claims.current)
        if found is None:
            self._first_unreviewed()
            return
        claims.load(self.query_, found)

    def _first_unreviewed(self) -> None:
        """`]` with nothing left to do after the cursor: go round to the list's first
        unreviewed (or flagged) claim."""
        found = review.next_unreviewed(self.db, self.query_, None)
        if found is None:
            self.notify("every claim here is reviewed: none left to do")
        elif self.claim is not None and found == self.claim["id"]:
            self.notify("every other claim here is reviewed: none left to do")
        else:
            self.claims.load(self.query_, found)
            self.notify("wrapped round to the first claim left to do from the top", timeout=3)

    def action_copy_similar(self) -> None:
        if not self.similar:
            self.notify("no similar claim with a verdict", severity="warning")
            return
        best = next((s for s in self.similar if s.same_figures), None)
        if best is None:  # a verdict on "10 million" is no verdict on "1 million"
            self.notify("the similar claims state other figures than this one: nothing"
                        " copied", severity="warning", timeout=5)
            return
        have = review.get_verdict(self.db, self.session["id"], self.claim["id"]).sources
        added = [s for s in best.sources if s.ref not in {h.ref for h in have}]
        self._tag(status=best.status, confidence=best.confidence, sources=[*have, *added])
        # the panel was scrolled down to the similar claims: back up to the verdict copied
        self.query_one(VerdictPanel).scroll_home(animate=False)
        also = f" and {counted(len(added), 'source')}" if added else ""
        whose = "" if best.session == self.session["name"] else f" in session {best.session!r}"
        sure = f" {best.confidence}" if best.confidence is not None else ""
        self.notify(f"copied {label(best.status)}{sure}{also} from claim #{best.claim_id}{whose}",
                    timeout=5)

    def action_search(self) -> None:
        from workbench.tui.dialogs.search import SearchDialog

        def done(found: tuple[str, list[int]] | None) -> None:
            if found is None:
                return
            words, ids = found
            if not ids:
                self.notify(f"no claim matches {words!r}", severity="warning")
                return
            # within the filters in force (QA: a search under "kind quote" listed facts)
            query = replace(self.query_, ids=tuple(ids), search=words, order="article")
            best = review.page(self.db, query, 0, 1)
            if not best:
                self.notify(f"no claim matching {words!r} passes the filters"
                            f" ({self.query_.filtered().describe()}): escape clears them",
                            severity="warning", timeout=5)
                return
            self.set_query(query, best[0]["id"])  # on the best match

        self.app.push_screen(SearchDialog(self.db, self.query_.article_id), done)

    def action_filter(self) -> None:
        """The command palette with its filters only."""
        from textual.command import CommandPalette

        from workbench.tui.commands import FilterCommands

        if not CommandPalette.is_open(self.app):
            self.app.push_screen(CommandPalette(
                providers=[FilterCommands], placeholder="Filter by status, kind or article…"))

    def action_clear_filters(self) -> None:
        if self.query_ == review.ListQuery(session_id=self.session["id"]):
            return
        self.set_query(review.ListQuery(session_id=self.session["id"]))

    def set_query(self, query: review.ListQuery, claim_id: int | None = None) -> None:
        """Show another list; stay on the current claim when it is in it."""
        self.query_ = query
        keep = claim_id if claim_id is not None else (self.claim["id"] if self.claim else None)
        self.claims.load(query, keep)
        self.claims.focus()
        self.show_topbar()

    def set_session(self, session: Any) -> None:
        """Review in another session."""
        self.session = session
        self._seen()  # what another process changes is looked for in this session from now
        self.session_progress = None
        self.article_progress = None
        self._article_id = None
        # the same list, in the other session: filters, search and their label kept (QA:
        # the label lost the article's title, and a search or "to re-review" was dropped)
        query = replace(self.query_, session_id=session["id"])
        self.query_ = query
        self.claims.load(query, review.start_claim(self.db, session))
        self._session_progress()
        self.notify(f"session {session['name']}", timeout=2)

    # -- claims themselves ------------------------------------------------------------

    def _claim_op(self, action: str, claim_id: int, *args: Any, message: str) -> None:
        """Split, merge or drop a claim (`action`), then show the list as it is now."""
        session_id = self.session["id"]
        try:
            change = review.claim_op_progress(self.db, session_id, action, claim_id)
            keep = CLAIM_OPS[action](self.db, claim_id, *args, session_id=session_id,
                                     who=self.reviewer)
        except WorkbenchError as e:
            self.notify(str(e), severity="error")
            return
        self._bump_progress(change)  # at once; the session's is counted again in a worker
        self._seen()
        self.claims.load(self.query_, keep)
        self._session_progress()
        self.notify(message, timeout=3)

    def action_edit_claim(self) -> None:
        if self.claim is None:
            return
        from workbench.tui.dialogs.claim_text import ClaimTextDialog

        claim_id = self.claim["id"]

        def done(text: str | None) -> None:
            if text is not None:
                self._edit_claim(claim_id, text)

        self.app.push_screen(ClaimTextDialog(self.claim["text"], split=False), done)

    def action_edit_speaker(self) -> None:
        if self.claim is None:
            return
        from workbench.tui.dialogs.speaker import SpeakerDialog

        claim_id = self.claim["id"]

        def done(by: str | None) -> None:
            if by is not None:
                self.describe_claim(claim_id, by=by)

        self.app.push_screen(SpeakerDialog(self.claim["by"] or ""), done)

    def describe_claim(self, claim_id: int, **fields: str) -> None:
        """Set the claim's speaker (by) or kind (review.describe_claim), and show it."""
        said = ", ".join(f"attributed to {v or 'the article'}" if k == "by" else f"kind {v}"
                         for k, v in fields.items())
        self._change_claim(claim_id, partial(review.describe_claim, **fields),
                           f"claim #{claim_id}: {said}")

    def _edit_claim(self, claim_id: int, text: str) -> None:
        self._change_claim(claim_id, partial(review.edit_claim, text=text), "claim text changed")

    def _change_claim(self, claim_id: int, change: Callable[..., bool], message: str) -> None:
        """Change a claim in place (`change(db, claim_id, session_id=…, who=…)` is False
        when nothing changed), then show the list as it is now."""
        try:
            changed = change(self.db, claim_id, session_id=self.session["id"],
                             who=self.reviewer)
        except WorkbenchError as e:
            self.notify(str(e), severity="error")
            return
        if not changed:
            self.notify("nothing changed", timeout=3)
            return
        self._seen()
        self.claims.load(self.query_, claim_id)
        self.notify(message, timeout=3)

    def action_split_claim(self) -> None:
        if self.claim is None:
            return
        from workbench.tui.dialogs.claim_text import ClaimTextDialog

        claim_id = self.claim["id"]

        def done(text: str | None) -> None:
            if text is not None:
                self._claim_op("split", claim_id, text, message="claim split in two")

        self.app.push_screen(ClaimTextDialog(self.claim["text"], split=True), done)

    def action_merge_claim(self) -> None:
        if self.claim is not None:
            note = review.merge_note(self.db, self.claim["id"])
            self._claim_op("merge", self.claim["id"], message="merged with the next claim" + note)

    def action_drop_claim(self) -> None:
        if self.claim is not None:
            self._claim_op("drop", self.claim["id"],
                           message="claim dropped (ctrl+z brings it back)")

    def action_scroll_panel(self, direction: int) -> None:
        """Scroll the verdict panel by half its height: on a small terminal its sources,
        notes and history are below the fold, and the keys stay on the list."""
        panel = self.query_one(VerdictPanel)
        step = max(panel.scrollable_content_region.height // 2, 1)
        panel.scroll_to(y=panel.scroll_offset.y + direction * step, animate=False)

    def action_help(self) -> None:
        from workbench.tui.commands import commands
        from workbench.tui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(BINDINGS, [name for name, *_ in commands(self)]))

    def action_quit_app(self) -> None:
        if self.claim is not None:
            with contextlib.suppress(WorkbenchError):
                review.remember_cursor(self.db, self.session["id"], self.claim["id"])
        self.app.exit()
