"""The rules of reviewing: sessions, verdicts and their history.

Every change a reviewer makes is one call here, written with its history row
in one transaction, so the CLI, the TUI and the tests share the same rules.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.errors import WorkbenchError
from workbench.model import (
    Claim,
    Kind,
    Source,
    Status,
    sources_from_json,
    sources_to_json,
    status_name,
)
from workbench.storage import Database, articles, claims, history, sessions, verdicts
from workbench.storage.adjudication import SETTLE
from workbench.storage.align import CARRY_OVER
from workbench.storage.clock import now
from workbench.storage.engine import sqlite3
from workbench.wording import counted


@dataclass(frozen=True, slots=True)
class Verdict:
    """A claim's review in a session."""

    status: Status = Status.UNREVIEWED
    confidence: int | None = None
    sources: list[Source] = field(default_factory=list)
    notes: str = ""
    reviewer: str = ""
    updated_at: str = ""
    needs_review: bool = False  # carried to a claim whose text a new version changed

    @property
    def reviewed(self) -> bool:
        """Whether it counts as reviewed in progress figures: a status other than
        unreviewed, not flagged for re-review."""
        return self.status is not Status.UNREVIEWED and not self.needs_review


def default_reviewer() -> str:
    """$WORKBENCH_REVIEWER, else the login name."""
    return os.environ.get("WORKBENCH_REVIEWER") or getpass.getuser()


def start_session(db: Database, name: str, reviewer: str, fork_of: str | None = None,
                  *, blind: bool = False) -> int:
    """Create a session; `fork_of` names a session whose verdicts it starts from. A
    `blind` one (a second checker's) is shown no other session's verdicts."""
    sessions.check_name(name.strip())
    if blind and fork_of:
        raise WorkbenchError("a blind session starts from no one's verdicts: not with --from")
    parent = sessions.require(db, fork_of)["id"] if fork_of else None
    return sessions.create(db, name.strip(), reviewer, parent, blind=blind)


def resolve_session(db: Database, name: str | None, reviewer: str) -> sqlite3.Row:
    """The named session (created for `reviewer` if new), else the reviewer's latest,
    else a new session named after the reviewer."""
    if name:
        row = sessions.get_by_name(db, name)
        if row is None:
            start_session(db, name, reviewer)
            row = sessions.require(db, name)
        return row
    row = sessions.latest_for_reviewer(db, reviewer)
    if row is not None:
        return row
    candidate, n = reviewer, 1
    while sessions.get_by_name(db, candidate) is not None:
        n += 1
        candidate = f"{reviewer}-{n}"
    start_session(db, candidate, reviewer)
    return sessions.require(db, candidate)


def find_session(db: Database, name: str | None, reviewer: str) -> sqlite3.Row:
    """The named session, else the reviewer's latest; never a new one (a command that
    writes into it or reads it should not start a session on a mistyped name)."""
    if name:
        return sessions.require(db, name)
    row = sessions.latest_for_reviewer(db, reviewer)
    if row is None:
        raise WorkbenchError(f"{reviewer} has no session yet: name one with --session"
                             " (`workbench sessions` lists them)")
    return row


def _check_shown(db: Database, claim_id: int) -> None:
    """WorkbenchError unless the claim is one the lists and sheets show: a verdict on a
    dropped claim, or on one of an earlier version of its article, would be seen nowhere."""
    if claims.get(db, claim_id)["dropped"]:
        raise WorkbenchError(f"claim {claim_id} was dropped (it is kept in history only)")
    if not claims.any_of_current_versions(db, [claim_id]):
        now_is = claims.successor(db, claim_id)
        raise WorkbenchError(
            f"claim {claim_id} is of an earlier version of its article (re-ingested since), "
            + (f"where it is claim {now_is}" if now_is else "which no longer has it"))


def now_claim(db: Database, claim_id: int) -> int | None:
    """The claim the lists show for `claim_id` now: itself, or, when a re-ingest replaced
    its article, the claim of the newest version that continues it; None when it was
    dropped, or the new version has no such claim."""
    if not claims.any_of_current_versions(db, [claim_id]):
        later = claims.successor(db, claim_id)
        if later is None:
            return None
        claim_id = later
    return None if claims.get(db, claim_id)["dropped"] else claim_id


def claim_at(db: Database, article_id: int, offset: int, after: int | None = None) -> int | None:
    """The claim whose span holds character `offset` of the article's text (a click on
    the article), if any: of several (a sentence split in claims), the one after claim
    `after` when that is one of them, so clicks go round them."""
    found = claims.at_offset(db, article_id, offset)
    if after in found:
        return found[(found.index(after) + 1) % len(found)]
    return found[0] if found else None


def listed(db: Database, q: ListQuery, claim_id: int) -> bool:
    """Whether the list `q` shows the claim."""
    return claims.is_listed(db, q.claim_filter, claim_id) and (
        q.ids is None or claim_id in q.ids)


def newest_version(db: Database, article_id: int) -> sqlite3.Row:
    """The newest version of the article `article_id` is a version of (id, title): itself,
    unless a re-ingest has replaced it."""
    return articles.newest_of(db, article_id)


def _still_there(db: Database, session_id: int) -> None:
    """WorkbenchError when the session was deleted (by another process, say) since it was
    opened: a verdict written into it would have nowhere to go."""
    if not sessions.exists(db, session_id):
        raise WorkbenchError("this session has been deleted (by another process?): nothing"
                             " was saved; switch to another session (ctrl+p)")


def get_verdict(db: Database, session_id: int, claim_id: int) -> Verdict:
    """A claim's verdict in a session (unreviewed when none was written)."""
    row = verdicts.get(db, session_id, claim_id)
    if row is None:
        return Verdict()
    return Verdict(
        Status(row["status"]),
        row["confidence"],
        sources_from_json(row["sources"]),
        row["notes"],
        row["reviewer"],
        row["updated_at"],
        bool(row["needs_review"]),
    )


def check_confidence(value: object) -> int | None:
    """A confidence as stored: None, or a whole number 0–100."""
    if value is None or value == "":
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise WorkbenchError(f"confidence must be a whole number 0-100, not {value!r}") from None
    if not 0 <= number <= 100:
        raise WorkbenchError(f"confidence must be between 0 and 100, not {number}")
    return number


def check_status(value: str) -> Status:
    """A status from its name, written in any case or out in words ("Not a claim"), or an
    error listing the valid ones."""
    try:
        return Status(status_name(value))
    except ValueError:
        valid = ", ".join(s.value for s in Status)
        raise WorkbenchError(f"unknown status {value!r} (use one of: {valid})") from None


_UNSET = object()


@dataclass(frozen=True, slots=True)
class Change:
    """A claim's verdict just before a tag and just after it."""

    before: Verdict
    after: Verdict


def tag(db: Database, session_id: int, claim_id: int, *, who: str, **fields: Any) -> Verdict:
    """tag_change's verdict after the change (`fields`: status, confidence, sources, notes)."""
    return tag_change(db, session_id, claim_id, who=who, **fields).after


def tag_change(
    db: Database,
    session_id: int,
    claim_id: int,
    *,
    who: str,
    status: Status | str | None = None,
    confidence: int | object | None = _UNSET,
    sources: list[Source] | None = None,
    notes: str | None = None,
) -> Change:
    """Change a claim's verdict in a session and log the change, in one transaction; the
    verdict before (as read in that transaction: a caller's running count of reviewed
    claims follows the database, whoever wrote last) and after.

    Only the fields given change. Going back to unreviewed clears the
    confidence; a confidence needs a status first. A status or a confidence given, even
    the one it has, clears a flag for re-review: the reviewer has looked again.
    """
    _check_shown(db, claim_id)
    with db.transaction():
        _still_there(db, session_id)
        before = get_verdict(db, session_id, claim_id)
        after: dict[str, object] = {}
        new_status = check_status(str(status)) if status is not None else before.status
        if status is not None and new_status != before.status:
            after["status"] = str(new_status)
        if confidence is not _UNSET:
            value = check_confidence(confidence)
            if value != before.confidence:
                after["confidence"] = value
        if new_status is Status.UNREVIEWED:
            if confidence is not _UNSET and confidence is not None:
                raise WorkbenchError("set a status before a confidence")
            if before.confidence is not None:
                after["confidence"] = None
        if sources is not None and sources != before.sources:
            after["sources"] = sources_to_json(sources)
        if notes is not None and notes != before.notes:
            after["notes"] = notes
        if before.needs_review and (status is not None or confidence is not _UNSET):
            after["needs_review"] = 0
        if not after:
            return Change(before, before)
        old = {
            "status": str(before.status),
            "confidence": before.confidence,
            "sources": sources_to_json(before.sources),
            "notes": before.notes,
            "needs_review": int(before.needs_review),
        }
        at = now()
        verdicts.upsert(db, session_id, claim_id, after, who, at)
        history.append(
            db,
            at=at,
            who=who,
            entity="verdict",
            action="tag",
            claim_id=claim_id,
            session_id=session_id,
            old={k: old[k] for k in after},
            new=after,
        )
    return Change(before, get_verdict(db, session_id, claim_id))


# --- The review list: paged reads that never hold every claim -------------------------


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What the review list shows: a session's view of the claims, filtered and ordered.

    `ids` (a search result, best first) replaces the order and is filtered like the rest;
    `search` holds the words that found them.
    """

    session_id: int
    article_id: int | None = None
    status: Status | None = None
    kind: str | None = None
    order: str = "article"
    ids: tuple[int, ...] | None = None
    search: str = ""
    article_title: str = ""  # the title of article_id, for the list's label
    flagged: bool = False  # only claims flagged for re-review

    def filtered(self, **changes: object) -> ListQuery:
        """This query with `changes` to its filters, and the search dropped."""
        return replace(self, ids=None, search="", **changes)

    @property
    def claim_filter(self) -> claims.ClaimFilter:
        return claims.ClaimFilter(self.article_id, self.status, self.kind, self.session_id,
                                  flagged=self.flagged)

    def describe(self) -> str:
        """A short label of the filters in force ("" when none)."""
        parts = []
        if self.status is not None:
            parts.append(str(self.status))
        if self.flagged:
            parts.append("to re-review")
        if self.kind is not None:
            parts.append(self.kind)
        if self.article_id is not None:
            parts.append(f"“{self.article_title}”" if self.article_title
                         else f"article {self.article_id}")
        if self.ids is not None:
            parts.append(f"search “{self.search}”" if self.search else "search")
        if self.order != "article":
            parts.append("by check-worthiness")
        return ", ".join(parts)


def _matching_ids(db: Database, q: ListQuery, ids: list[int]) -> list[sqlite3.Row]:
    rows = claims.rows_by_ids(db, q.session_id, ids)
    return [
        r for r in rows
        if (q.status is None or r["status"] == str(q.status))
        and (not q.flagged or r["needs_review"])
        and (q.kind is None or r["kind"] == q.kind)
        and (q.article_id is None or r["article_id"] == q.article_id)
    ]


def page(
    db: Database,
    q: ListQuery,
    offset: int = 0,
    limit: int = 100,
    *,
    after: tuple[object, ...] | None = None,
    before: tuple[object, ...] | None = None,
) -> list[sqlite3.Row]:
    """Up to `limit` claims of the list: from `offset`, or just after / before a sort key
    (`sort_key(row)`), which costs the same anywhere in a million claims."""
    if q.ids is not None:
        return _matching_ids(db, q, list(q.ids))[offset: offset + limit]
    return claims.page(
        db, q.claim_filter, order=q.order, after=after, before=before, offset=offset, limit=limit
    )


def page_from(db: Database, q: ListQuery, claim_id: int, limit: int = 100) -> list[sqlite3.Row]:
    """Up to `limit` claims of the list from `claim_id` on (it first), read by its sort key,
    which costs the same anywhere in a million claims (an offset reads every row before)."""
    if q.ids is not None:
        return page(db, q, locate(db, q, claim_id) or 0, limit)
    key = claims.sort_key(claims.get(db, claim_id), q.order)
    # every key ends with the claim's id, a whole number: "after id - 1" includes the claim
    return page(db, q, after=(*key[:-1], key[-1] - 1), limit=limit)


def sort_key(q: ListQuery, row: sqlite3.Row) -> tuple[object, ...]:
    """A listed claim's position, as `page(after=...)` takes it."""
    return claims.sort_key(row, q.order)


def count(db: Database, q: ListQuery) -> int:
    """How many claims the list holds."""
    if q.ids is not None:
        return len(_matching_ids(db, q, list(q.ids)))
    return claims.count(db, q.claim_filter)


def locate(db: Database, q: ListQuery, claim_id: int) -> int | None:
    """The claim's index in the list, or None when the list does not hold it."""
    if q.ids is not None:
        ids = [r["id"] for r in _matching_ids(db, q, list(q.ids))]
        return ids.index(claim_id) if claim_id in ids else None
    f = q.claim_filter
    if not claims.is_listed(db, f, claim_id):
        return None
    row = claims.get(db, claim_id)
    return claims.count_before(db, f, q.order, claims.sort_key(row, q.order))


@dataclass(frozen=True, slots=True)
class Progress:
    reviewed: int
    total: int


def progress(db: Database, session_id: int, article_id: int | None = None) -> Progress:
    """Reviewed / total claims of the session, or of one article in it."""
    f = claims.ClaimFilter(article_id=article_id, session_id=session_id)
    return Progress(claims.reviewed_count(db, f), claims.count(db, f))


def claim_op_progress(db: Database, session_id: int, action: str, claim_id: int) -> Progress:
    """How a "split", "merge" or "drop" of a claim will change the reviewed / total of its
    session and its article, by a look-up or two before it, not a count: a split adds an
    unreviewed claim, a merge drops the article's next claim and flags the merged one's
    verdict for re-review (see merge_claims), a drop drops this one."""
    if action == "split":
        return Progress(0, 1)
    gone = claims.next_in_article(db, claim_id) if action == "merge" else claims.get(db, claim_id)
    if gone is None:
        return Progress(0, 0)
    flagged = action == "merge" and get_verdict(db, session_id, claim_id).reviewed
    return Progress(-int(get_verdict(db, session_id, gone["id"]).reviewed) - int(flagged), -1)


def claim_history(db: Database, session_id: int, claim_id: int, limit: int = 20) -> list[dict]:
    """The newest changes to a claim and its verdict in the session, as plain dicts; a
    verdict a re-ingest carried to an edited claim has the texts before and after ("was",
    "now") where they differ, and whom the claim was attributed to before and after
    ("was_by", "now_by"; "" for the article's own voice) where that changed."""
    out = []
    for row in history.for_claim_in_session(db, claim_id, session_id, limit):
        old, new = history.changes(row)
        entry = {
            "id": row["id"], "at": row["at"], "who": row["who"], "entity": row["entity"],
            "action": row["action"], "old": old, "new": new,
        }
        if row["action"] == CARRY_OVER and new.get("needs_review") and old.get("claim_id"):
            # what the re-ingest changed: the earlier claim's text, and this one's now
            was, now_ = claims.get(db, old["claim_id"]), claims.get(db, claim_id)
            if was is not None and now_ is not None:
                if was["text"] != now_["text"]:
                    entry["was"], entry["now"] = was["text"], now_["text"]
                if was["by"] != now_["by"]:
                    entry["was_by"], entry["now_by"] = was["by"], now_["by"]
        out.append(entry)
    return out


@dataclass(frozen=True, slots=True)
class Marks:
    """What the review screen looks at to notice changes made elsewhere: the newest claim
    (an ingest), the newest change to a claim (an edit, split, merge or drop in another
    window), the session itself (renamed; None: deleted) and its newest change (a tag in
    it from another window or the shell)."""

    newest_claim: int | None
    claim_change: int | None
    session: sqlite3.Row | None
    session_change: int | None


def marks(db: Database, session_id: int) -> Marks:
    """The Marks of the database now: four look-ups down an index each."""
    return Marks(claims.newest_id(db), history.newest_claim_change(db),
                 sessions.get(db, session_id), history.newest_in_session(db, session_id))


CHANGED_AT_MOST = 1000  # verdicts changed elsewhere shown one by one; more: read again


def changed_since(db: Database, session_id: int, after: int | None
                  ) -> dict[int, Verdict] | None:
    """The verdicts in the session changed after change `after` (Marks.session_change), as
    they are now, by claim; None when there are more than CHANGED_AT_MOST changes (an
    import: read everything again). Whoever changed them: the same reviewer may work in
    two windows, so a window tells its own changes from others' by what it shows."""
    rows = history.since_in_session(db, session_id, after, CHANGED_AT_MOST + 1)
    if len(rows) > CHANGED_AT_MOST:
        return None
    ids = {r["claim_id"] for r in rows if r["claim_id"] is not None}
    return {i: get_verdict(db, session_id, i) for i in sorted(ids)}


def remember_cursor(db: Database, session_id: int, claim_id: int) -> None:
    """Remember the claim the session was left on (the list reopens there)."""
    sessions.set_cursor(db, session_id, claim_id)


def start_claim(db: Database, session: sqlite3.Row) -> int | None:
    """The claim the session was left on, if it is still there: what it became, when a
    re-ingest replaced its article since (see now_claim)."""
    claim_id = session["last_claim_id"]
    if claim_id is None:
        return None
    try:
        return now_claim(db, int(claim_id))
    except WorkbenchError:
        return None


def left_to_do(row: dict | sqlite3.Row) -> bool:
    """Whether a row of the list is left to do: unreviewed, or flagged for re-review (as
    storage.claims.TO_DO asks it in SQL)."""
    return row["status"] == Status.UNREVIEWED or bool(row["needs_review"])


def next_unreviewed(db: Database, q: ListQuery, row: dict | sqlite3.Row | None) -> int | None:
    """The id of the next claim of the list after `row` (from the top when None) that is
    left to do: unreviewed, or flagged for re-review."""
    if q.ids is not None:
        to_do = {r["id"] for r in _matching_ids(db, q, list(q.ids)) if left_to_do(r)}
        start = q.ids.index(row["id"]) + 1 if row is not None and row["id"] in q.ids else 0
        later = [i for i in q.ids[start:] if i in to_do]
        return later[0] if later else None
    after = claims.sort_key(row, q.order) if row is not None else None
    found = claims.page(db, replace(q.claim_filter, to_do=True), order=q.order, after=after,
                        limit=1)
    return int(found[0]["id"]) if found else None


# --- Undo: step back through a session's history --------------------------------------


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo put back: the claim it touched, a one-line summary ("" when it put
    nothing back), whether that claim is dropped now (a drop made again), and the claims
    it left as someone else changed them since (`kept`: claim id, and who)."""

    claim_id: int
    summary: str
    dropped: bool = False
    kept: tuple[tuple[int, str], ...] = ()


def _steps(db: Database, session_id: int) -> Iterator[list[sqlite3.Row]]:
    """The session's history as the rows of one action each, newest action first."""
    before: int | None = None
    group: list[sqlite3.Row] = []
    while rows := history.for_session(db, session_id, before, 500):
        for row in rows:
            before = row["id"]
            if group and _step_of(row) == _step_of(group[0]):
                group.append(row)
                continue
            if group:
                yield group
            group = [row]
    if group:
        yield group


def _step_of(row: sqlite3.Row) -> int:
    return row["step"] if row["step"] is not None else row["id"]


def _own_steps(db: Database, session_id: int, who: str) -> Iterator[list[sqlite3.Row]]:
    """The actions `who` took in the session, newest first, as undo and redo see them.

    Another person's actions in the session (a second window, a `tag` from the shell) are
    theirs to undo, and passed over; so are a rename, a fork, a re-ingest's carry-overs,
    a final verdict taken as the target held it (nothing to put back),
    another session's change flagging this one's verdicts, and changes to an earlier
    version's claims, which no view shows any more."""
    for group in _steps(db, session_id):
        if group[0]["who"] != who:
            continue
        if group[0]["entity"] == "session" or group[0]["action"] in (CARRY_OVER, SETTLE):
            continue  # SETTLE: a decision that changed nothing has nothing to put back
        if all(r["entity"] == "verdict" and r["action"] in CLAIM_ACTIONS for r in group):
            continue
        if not claims.any_of_current_versions(db, [row["claim_id"] for row in group]):
            continue
        yield group


def _undo_target(db: Database, session_id: int, who: str
                 ) -> tuple[list[sqlite3.Row], list[sqlite3.Row]]:
    """The newest action `who` took in the session not undone yet (all the rows it wrote),
    and, when that is a redo, the change the redo made again, which names the undo.

    Each undo cancels the newest earlier action still standing, like a stack; a redo is an
    action like any other."""
    steps = _own_steps(db, session_id, who)
    group = _taken_back(steps, "undo")
    if not group or group[0]["action"] != "redo":
        return group, []
    _taken_back(steps, "redo")  # the undo the redo made again ...
    return group, _origin(steps)  # ... and what that undo took back


def _redo_target(db: Database, session_id: int, who: str
                 ) -> tuple[list[sqlite3.Row], list[sqlite3.Row]]:
    """The newest undo `who` made in the session that no redo has taken back, as long as
    no other change of theirs came after it (a new change ends what can be redone), and
    the change that undo took back, which names the redo (empty lists: nothing to redo)."""
    steps = _own_steps(db, session_id, who)
    group = _taken_back(steps, "redo")
    if not group or group[0]["action"] != "undo":  # no undo, or a change made since it
        return [], []
    return group, _origin(steps)


def _taken_back(steps: Iterator[list[sqlite3.Row]], by: str) -> list[sqlite3.Row]:
    """The action an `undo` or a `redo` just before `steps` (older actions, newest first)
    took back: an undo the newest action still standing, a redo the newest undo not yet
    made again."""
    pending = 0
    for group in steps:
        if group[0]["action"] == by:
            pending += 1
        elif pending:
            pending -= 1
        else:
            return group
    return []


def _origin(steps: Iterator[list[sqlite3.Row]]) -> list[sqlite3.Row]:
    """The first-made change an undo just before `steps` took back, through any redos of it:
    a split, not the redo that made the split again."""
    group = _taken_back(steps, "undo")
    while group and group[0]["action"] == "redo":
        _taken_back(steps, "redo")  # the undo that redo made again ...
        group = _taken_back(steps, "undo")  # ... and what that undo took back
    return group


def undo(db: Database, session_id: int, *, who: str) -> Undone | None:
    """Put back `who`'s last change in the session still standing (a tag, or a claim edit,
    split, merge or drop made in it); the undo itself is logged. None when nothing is
    left."""
    with db.transaction():
        _still_there(db, session_id)
        group, origin = _undo_target(db, session_id, who)
        return _put_back(db, session_id, group, who, "undo", origin) if group else None


def redo(db: Database, session_id: int, *, who: str) -> Undone | None:
    """Make again the change `who`'s last undo in the session took back (ctrl+z once too
    often); logged as a redo, which an undo takes back in turn. None when there is nothing
    to redo: no undo, or a change made since it."""
    with db.transaction():
        _still_there(db, session_id)
        group, origin = _redo_target(db, session_id, who)
        return _put_back(db, session_id, group, who, "redo", origin) if group else None


def _put_back(db: Database, session_id: int, group: list[sqlite3.Row], who: str,
              action: str, origin: Sequence[sqlite3.Row] = ()) -> Undone:
    """Set every field the rows of `group` changed back to what it was before them, each
    logged as `action` (undo, redo), in one step; what was put back, named by `origin`
    where that is known: the change a redo makes again, or an undone redo made. Its claim
    is the first of those changed that the lists still show (a merge's kept claim, not
    the one folded into it)."""
    at = now()
    undone: dict[str, list[int]] = {}  # claims, by the action undone
    made = {(r["entity"], r["claim_id"]): r["action"] for r in origin}
    kept = _changed_since(db, session_id, group, who)
    left = set(kept)
    if kept and any(r["entity"] == "claim" for r in group):
        # a split, merge or edit is put back whole or not at all: not one half of a split
        left |= {r["claim_id"] for r in group}
    step: int | None = None
    for row in group:
        old, new = history.changes(row)
        claim_id = row["claim_id"]
        if row["entity"] not in ("verdict", "claim"):
            continue
        if claim_id in left or not new:
            # another's change since stands; the row is logged empty, so that the action
            # counts as taken back and the next undo reaches the one before it
            old = new = {}
        elif row["entity"] == "verdict":
            if "status" in old and old["status"] == str(Status.UNREVIEWED):
                old.setdefault("confidence", None)
            verdicts.upsert(db, session_id, claim_id, old, who, at)
        else:
            claims.update(db, claim_id, old)
        logged = history.append(db, at=at, who=who, entity=row["entity"], action=action,
                                claim_id=claim_id, session_id=session_id, old=new,
                                new=old, step=step)
        step = step or logged
        if not new:
            continue
        # what a redo makes again is named by the change, not by the undo that it takes back
        done = made.get((row["entity"], claim_id)) or (
            row["action"] if action == "undo" and row["action"] != "redo"
            else "tag" if row["entity"] == "verdict" else "edit")
        undone.setdefault(_what_changed(done, old if action == "redo" else new),
                          []).append(claim_id)
    touched = [int(row["claim_id"]) for row in group if row["claim_id"] is not None]
    standing = next((i for i in touched if not claims.get(db, i)["dropped"]), None)
    return Undone(touched[0] if standing is None else standing,
                  ", ".join(_undone_summary(a, ids) for a, ids in undone.items()),
                  dropped=standing is None,
                  kept=tuple(kept.items()))


def _changed_since(db: Database, session_id: int, group: list[sqlite3.Row],
                   who: str) -> dict[int, str]:
    """The claims of `group` (one action's history rows) that someone other than `who`
    has changed since, the claim or its verdict in the session, any field of either: the
    action's undo leaves them as they are, with who changed each. A re-ingest's
    carry-over and a flag for re-review alone do not count."""
    after = max(r["id"] for r in group)
    found: dict[int, str] = {}
    for claim_id in dict.fromkeys(r["claim_id"] for r in group if r["claim_id"] is not None):
        by = history.changed_by_others(db, claim_id, session_id, after, who, (CARRY_OVER,))
        if by is not None:
            found[claim_id] = by
    return found


def _what_changed(action: str, new: dict[str, Any]) -> str:
    """What a change did, for the line that says it was undone: a tag by the field it set
    ("sources of claim #4", not "tag of claim #4" for every change to a verdict)."""
    if action != "tag" or "status" in new or "confidence" in new:
        return action
    return "sources" if "sources" in new else "notes" if "notes" in new else action


def _undone_summary(action: str, claim_ids: list[int]) -> str:
    """"tag of claim #4", or "import of 120 claims" for an action on more than three."""
    ids = sorted(set(claim_ids))
    if len(ids) > 3:
        return f"{action} of {counted(len(ids), 'claim')}"
    if len(ids) == 2 and action in ("split", "merge"):  # one change to two claims
        return f"{action} of claims #{ids[0]} and #{ids[1]}"
    return ", ".join(f"{action} of claim #{i}" for i in ids)


# --- Reviewers' edits to claims: edit, split, merge, drop (all kept in history) --------


def _claim_change(db: Database, claim_id: int, values: dict, *, action: str, at: str,
                  session_id: int | None, who: str, step: int | None = None) -> int | None:
    """Change a claim and log it; the history row's id, or None when nothing changed."""
    row = claims.get(db, claim_id)
    old = {k: row[k] for k in values}
    if old == values:
        return None
    claims.update(db, claim_id, values)
    return history.append(db, at=at, who=who, entity="claim", action=action,
                          claim_id=claim_id, session_id=session_id, old=old, new=values,
                          step=step)


def _clean(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise WorkbenchError("a claim needs some text")
    return text


def _text_changed(db: Database, claim_id: int, *, action: str, session_id: int | None,
                  at: str, who: str, step: int | None, own: bool = False,
                  absorbed: int | None = None) -> None:
    """After `action` (edit, split, merge) changed a claim's text, in `session_id`: flag its
    reviewed verdicts for re-review, as a re-ingest flags an edited claim's. Those of other
    sessions are flagged by rows of their history that their undo passes over (another
    reviewer's change); with `own`, the acting session's too, in `step`, which its undo
    takes back with the action. With `absorbed` (the claim a merge folded into it), a
    reviewed verdict on that one is carried to it, flagged, where it has none."""
    have = {v["session_id"]: v for v in verdicts.on_claim(db, claim_id)}
    folded = verdicts.on_claim(db, absorbed) if absorbed is not None else []
    for s, v in [*have.items(), *((f["session_id"], f) for f in folded)]:
        mine = s == session_id
        if (mine and not own) or v["status"] == Status.UNREVIEWED or v["needs_review"]:
            continue
        if v["claim_id"] == claim_id:
            verdicts.flag(db, s, claim_id)
            old, new = {"needs_review": 0}, {"needs_review": 1}
        elif s not in have:
            verdicts.copy_flagged(db, s, v["claim_id"], claim_id)
            have[s] = v
            old = None
            new = {**{k: v[k] for k in verdicts.VALUE_COLUMNS}, "needs_review": 1}
        else:
            continue
        history.append(db, at=at, who=who, entity="verdict", action=action,
                       claim_id=claim_id, session_id=s, old=old, new=new,
                       step=step if mine else None)


CLAIM_ACTIONS = ("edit", "split", "merge")  # changes to a claim's text (see _text_changed)


def edit_claim(db: Database, claim_id: int, text: str, *, session_id: int | None = None,
               who: str) -> bool:
    """Change a claim's text (the old text stays in history), flagging other sessions'
    verdicts on it for re-review; False when it was that already, and nothing was
    written."""
    text = _clean(text)
    at = now()
    with db.transaction():
        _check_shown(db, claim_id)
        step = _claim_change(db, claim_id, {"text": text}, action="edit", at=at,
                             session_id=session_id, who=who)
        if step is None:
            return False
        _text_changed(db, claim_id, action="edit", session_id=session_id, at=at, who=who,
                      step=step)
        return True


def describe_claim(db: Database, claim_id: int, *, by: str | None = None,
                   kind: str | None = None, session_id: int | None = None,
                   who: str) -> bool:
    """Change whom a claim is attributed to (`by`; "" for the article's own voice) and/or
    its kind, the old values kept in history. A new speaker changes what was checked:
    other sessions' verdicts on the claim are flagged for re-review, as after an edit of
    its text. False when it was so already, and nothing was written."""
    values: dict[str, object] = {}
    if by is not None:
        values["by"] = " ".join(by.split()) or None  # None: the article's own voice
    if kind is not None:
        try:
            values["kind"] = str(Kind(kind.strip().lower()))
        except ValueError:
            raise WorkbenchError(f"unknown kind {kind!r} (one of {', '.join(Kind)})") from None
    if not values:
        raise WorkbenchError("nothing to change: give a speaker (by) or a kind")
    at = now()
    with db.transaction():
        _check_shown(db, claim_id)
        before = claims.get(db, claim_id)
        values = {k: v for k, v in values.items() if before[k] != v}  # history: what changed
        step = _claim_change(db, claim_id, values, action="edit", at=at,
                             session_id=session_id, who=who) if values else None
        if step is None:
            return False
        if "by" in values:
            _text_changed(db, claim_id, action="edit", session_id=session_id, at=at, who=who,
                          step=step)
        return True


def claim_text_problem(text: str, *, split: bool) -> str | None:
    """What keeps `text` from being a claim's new text (with `split`, two claims' texts,
    parted at its first line break), or None: what edit_claim and split_claim refuse."""
    first, sep, second = text.strip().partition("\n")
    if split and (not sep or not second.strip()):
        return "put a line break where the claim should split"
    if not first.strip():
        return "a claim needs some text"
    return None


def split_claim(db: Database, claim_id: int, text: str, *, session_id: int | None = None,
                who: str) -> int:
    """Split a claim in two where `text` has a line break: the claim keeps the first part
    (other sessions' verdicts on it flagged for re-review), a new claim right after it
    (same seq) gets the second, without the comma or other mark it began with. Returns
    the first claim's id."""
    if problem := claim_text_problem(text, split=True):
        raise WorkbenchError(problem)
    first, _sep, second = text.strip().partition("\n")
    first, second = _clean(first), _clean(second.lstrip(" \t,;:–—-"))
    row = claims.get(db, claim_id)
    start, end = row["start"], row["end"]
    cut = end
    at = now()
    with db.transaction():
        article_text = None
        if row["text"] == first + " " + second or row["text"].startswith(first):
            article_text = len(first)
        if article_text is not None and start + article_text <= end:
            cut = start + article_text
        step = _claim_change(db, claim_id, {"text": first, "end": cut}, action="split",
                             at=at, session_id=session_id, who=who)
        new_start = min(cut + 1, end) if cut < end else start
        new_id = claims.insert_one(db, row["article_id"], Claim(
            row["seq"], second, new_start, end, row["by"], Kind(row["kind"]),
            row["checkworthiness"]))
        history.append(db, at=at, who=who, entity="claim", action="split", claim_id=new_id,
                       session_id=session_id, old={"dropped": 1},
                       new={"dropped": 0, "text": second}, step=step)
        if step is not None:  # the first claim's text changed
            _text_changed(db, claim_id, action="split", session_id=session_id, at=at,
                          who=who, step=step)
    return claim_id


def merge_note(db: Database, claim_id: int) -> str:
    """What to say before merging a claim with the next of its article: "" unless the two
    are attributed to different speakers, of whom the merged claim keeps the first's."""
    row, nxt = claims.get(db, claim_id), claims.next_in_article(db, claim_id)
    if nxt is None or row["by"] == nxt["by"]:
        return ""
    first, second = row["by"] or "the article", nxt["by"] or "the article"
    return (f"; the two had different speakers ({first}, {second}): the merged claim is"
            f" {first}'s (a corrects it)")


def merge_claims(db: Database, claim_id: int, *, session_id: int | None = None,
                 who: str) -> int:
    """Merge a claim with the next one of its article: the first takes both texts and
    spans, the second is dropped. Every session's verdict on the merged claim is flagged
    for re-review, the second's carried to it where it had none. Returns the merged
    claim's id."""
    row = claims.get(db, claim_id)
    nxt = claims.next_in_article(db, claim_id)
    if nxt is None:
        raise WorkbenchError("this is the article's last claim: nothing to merge it with")
    at = now()
    with db.transaction():
        step = _claim_change(db, claim_id, {
            "text": f"{row['text']} {nxt['text']}",
            "start": min(row["start"], nxt["start"]), "end": max(row["end"], nxt["end"]),
        }, action="merge", at=at, session_id=session_id, who=who)
        _claim_change(db, nxt["id"], {"dropped": 1}, action="merge", at=at,
                      session_id=session_id, who=who, step=step)
        _text_changed(db, claim_id, action="merge", session_id=session_id, at=at, who=who,
                      step=step, own=True, absorbed=nxt["id"])
    return claim_id


def drop_claim(db: Database, claim_id: int, *, session_id: int | None = None,
               who: str) -> int | None:
    """Drop a claim from every listing (it stays in the table and in history); returns the
    id of the claim after it in its article, if any."""
    nxt = claims.next_in_article(db, claim_id)
    with db.transaction():
        _claim_change(db, claim_id, {"dropped": 1}, action="drop", at=now(),
                      session_id=session_id, who=who)
    return int(nxt["id"]) if nxt is not None else None
