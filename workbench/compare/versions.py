"""A new version of an article: align its claims to the previous version's, carry verdicts.

Identical claims keep their verdicts as they were; edited ones (aligned by fuzzy
match, see compare/align.py) get them too, flagged `needs_review` in every session,
and so do claims whose text is the same but whose attribution changed (who said it is
part of what was checked). An old claim left unpaired whose text lives on in a new one
(two claims merged into one by the new text) gives its verdicts to that claim, flagged,
in the sessions that have none on it. A claim a reviewer dropped stays dropped in the new
version while its text is the same. A claim an earlier version had word for word (an
edit reverted, a sentence put back) gets the verdicts made on that text, unless the
reviewer has judged the claim since. Reviewers' corrections to claims (text, speaker,
kind, splits, merges) are made again on the new version's claims first, where the
reporter left their sentences as they were (see compare/corrections.py), so those claims
are unchanged and keep their verdicts as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.compare import corrections
from workbench.compare.align import Pair, absorbed, align
from workbench.compare.corrections import Corrected
from workbench.storage import Database, history
from workbench.storage import align as links
from workbench.storage.claims import Row
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
    corrected: int = 0  # reviewers' corrections made again on the new version's claims


def corrected_rows(db: Database, old_article: int, rows: Sequence[Row]
                   ) -> tuple[list[Row], list[Corrected | None]]:
    """The new version's claim rows with the corrections reviewers made to `old_article`'s
    claims, and to those of the versions before it, made again (corrections.replay), and
    how each row was corrected, for carry_over to log once they are stored."""
    versions = [links.claims_and_changes(db, a) for a in links.versions_back(db, old_article)]
    return corrections.replay(versions, rows)


def _as_the_splitter_made_them(db: Database, old: list[tuple[int, str, str, bool]],
                               new: list[tuple[int, str, str, bool]],
                               pairs: list[Pair]) -> list[Pair]:
    """Pairs of the old claims left unpaired that a reviewer reworded and the new claims
    left, aligned by the text the splitter gave the old one: the reporter changed the
    sentence of a corrected claim, whose verdicts are carried for re-review as any
    edited claim's are, not lost for its correction."""
    paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
    rest_new = [j for j in range(len(new)) if j not in paired_new]
    rest_old = [i for i in range(len(old)) if i not in paired_old and not old[i][3]]
    if not rest_new or not rest_old:
        return []
    earlier = history.earlier_texts_of(db, [old[i][0] for i in rest_old])
    rest_old = [i for i in rest_old if old[i][0] in earlier]
    found = align([earlier[old[i][0]][0] for i in rest_old], [new[j][1] for j in rest_new])
    return [Pair(rest_old[p.old], rest_new[p.new], min(p.score, 99.9)) for p in found]


def carry_over(db: Database, old_article: int, new_article: int, *, who: str,
               made: Sequence[Corrected | None] = ()) -> VersionChanges:
    """Log the corrections made again on the new version's claims (`made`, one a claim,
    as corrected_rows gave them), align its claims to the old one's, link them, copy
    verdicts, drop again what reviewers dropped. Runs in the caller's transaction when
    there is one."""
    with db.transaction():
        at = now()
        if any(made):
            links.record_corrections(db, new_article, [
                None if c is None else (c.how, c.follows, c.was, c.now) for c in made],
                who=who, at=at)
        corrected = len({c.group for c in made if c is not None})
        old = links.claim_texts(db, old_article)
        new = links.claim_texts(db, new_article)
        pairs = align([t for _, t, _, _ in old], [t for _, t, _, _ in new])
        pairs += _as_the_splitter_made_them(db, old, new, pairs)
        # (old claim, new claim, edited: its text, or who it is attributed to)
        matched = [(old[p.old][0], new[p.new][0], p.edited or old[p.old][2] != new[p.new][2])
                   for p in pairs]
        dropped = [(o, n) for (o, n, edited), p in zip(matched, pairs, strict=True)
                   if old[p.old][3] and not edited]
        live = len(old) - sum(d for *_, d in old)  # claims the old version showed
        shown = [m for m, p in zip(matched, pairs, strict=True) if not old[p.old][3]]
        edited = sum(1 for *_, e in shown if e)
        links.link(db, [(n, o) for o, n, _ in matched])
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
                          live - len(shown), carried, flagged, len(dropped), corrected)
