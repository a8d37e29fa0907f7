"""A new version of an article: align its claims to the previous version's, carry verdicts.

Identical claims keep their verdicts as they were; edited ones (aligned by fuzzy
match, see compare/align.py) get them too, flagged `needs_review` in every session,
and so do claims whose text is the same but whose attribution changed (who said it is
part of what was checked). An old claim left unpaired whose text lives on in a new one
(two claims merged into one by the new text) gives its verdicts to that claim, flagged,
in the sessions that have none on it. A claim a reviewer dropped stays dropped in the new
version while its text is the same. A claim an earlier version had word for word (an
edit reverted, a sentence put back) gets the verdicts made on that text, unless the
reviewer has judged the claim since.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.compare.align import absorbed, align
from workbench.storage import Database
from workbench.storage import align as links
from workbench.storage.clock import now


@dataclass(frozen=True, slots=True)
class VersionChanges:
    """What changed between two versions of an article, and what was carried over."""

    same: int
    edited: int
    added: int
    removed: int
    carried: int  # verdicts copied to the new version, across all sessions
    flagged: int  # of those, how many were marked for re-review
    kept_dropped: int = 0  # new claims dropped as reviewers had dropped them before


def carry_over(db: Database, old_article: int, new_article: int, *, who: str) -> VersionChanges:
    """Align the new version's claims to the old one's, link them, copy verdicts, drop
    again what reviewers dropped. Runs in the caller's transaction when there is one."""
    old = links.claim_texts(db, old_article)
    new = links.claim_texts(db, new_article)
    pairs = align([t for _, t, _, _ in old], [t for _, t, _, _ in new])
    # (old claim, new claim, edited: its text, or who it is attributed to)
    matched = [(old[p.old][0], new[p.new][0], p.edited or old[p.old][2] != new[p.new][2])
               for p in pairs]
    dropped = [(o, n) for (o, n, edited), p in zip(matched, pairs, strict=True)
               if old[p.old][3] and not edited]
    live = len(old) - sum(d for *_, d in old)  # claims the old version showed
    shown = [m for m, p in zip(matched, pairs, strict=True) if not old[p.old][3]]
    edited = sum(1 for *_, e in shown if e)
    with db.transaction():
        links.link(db, [(n, o) for o, n, _ in matched])
        at = now()
        links.keep_dropped(db, dropped, who=who, at=at)
        carried = links.carry_verdicts(db, [m for m in matched if not m[2]], who=who, at=at)
        # A claim an earlier version had word for word (an edit reverted): the verdicts
        # made on that very text, unless a reviewer has judged the claim since.
        kept = {n for _o, n, e in matched if not e}
        before = {n: o for o, n, _e in matched}
        earlier = (links.earlier_claims(db, old_article, new_article)
                   if len(kept) < len(new) else {})
        restored = [(earlier[(t, b)], n, False) for n, t, b, _d in new
                    if n not in kept and (t, b) in earlier]
        carried += links.carry_verdicts(db, restored, who=who, at=at, unless_newer=before)
        flagged = links.carry_verdicts(db, [m for m in matched if m[2]], who=who, at=at)
        flagged += links.carry_verdicts(db, [
            (old[i][0], new[j][0], True) for i, j in absorbed(
                [t for _, t, _, _ in old], [t for _, t, _, _ in new], pairs)
            if not old[i][3]], who=who, at=at)
        carried += flagged
    return VersionChanges(len(shown) - edited, edited, len(new) - len(shown) - len(dropped),
                          live - len(shown), carried, flagged, len(dropped))
