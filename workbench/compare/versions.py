"""A new version of an article: align its claims to the previous version's, carry verdicts.

Identical claims keep their verdicts as they were; edited ones (aligned by fuzzy
match, see compare/align.py) get them too, flagged `needs_review` in every session.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.compare.align import align
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


def carry_over(db: Database, old_article: int, new_article: int, *, who: str) -> VersionChanges:
    """Align the new version's claims to the old one's, link them, copy verdicts. Runs in
    the caller's transaction when there is one."""
    old = links.claim_texts(db, old_article)
    new = links.claim_texts(db, new_article)
    pairs = align([t for _, t in old], [t for _, t in new])
    matched = [(old[p.old][0], new[p.new][0], p.edited) for p in pairs]
    edited = sum(1 for p in pairs if p.edited)
    with db.transaction():
        links.link(db, [(n, o) for o, n, _ in matched])
        at = now()
        carried = links.carry_verdicts(db, [m for m in matched if not m[2]], who=who, at=at)
        flagged = links.carry_verdicts(db, [m for m in matched if m[2]], who=who, at=at)
    return VersionChanges(len(pairs) - edited, edited, len(new) - len(pairs),
                          len(old) - len(pairs), carried + flagged, flagged)
