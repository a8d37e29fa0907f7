"""Aligning the claims of two versions of an article by their text.

Identical claims (after folding case and whitespace) pair 1:1 in order. The
rest pair by best fuzzy match (rapidfuzz `fuzz.ratio`, 0-100) at or above
THRESHOLD, best scores first, each claim used once.

Why 70: edits a reviewer must look at again score well above it, while two
different claims about the same story stay below it:

    97  The storm killed 12 people …      / The storm killed 15 people …        (edited)
    91  … the city would rebuild within a year / … be rebuilt within two years  (edited)
    82  … revenue of $4.2 billion in 2023 / … a loss of $1.1 billion in 2022    (edited)
    78  Officials said 3,000 homes lost power / … more than 3,000 … on Tuesday   (edited)
    61  ISIS has seized … Mosul and Tikrit / ISIS has seized Mosul, Tikrit and Samarra
    59  Iraqi troops have left the capital … / Iraqi troops have abandoned their posts …
    58  The mayor said the city would … / The governor said the state would …
    34  The storm killed 12 people … / Officials said 3,000 homes lost power.

The pairs at 61 and below are rewrites or other claims: better treated as
removed and added (reviewed afresh) than carried over. tests/test_align.py
holds these examples.

A claim the reporter reworded keeps its words in another order, which fuzz.ratio
scores low ("The police hiring plan drew the most comment from the public." / "Public
comment focused mostly on the police hiring plan.": 44). The claims still unpaired are
compared once more, near their place, by their words in sorted order
(fuzz.token_sort_ratio) at or above REWORDED: 77 there, 83 for "Local 2219 of the United
Auto Workers represents 940 …" / "The United Auto Workers' Local 2219 represents 940 …";
the Mosul pair above scores 74.

Claims seldom move far between versions, so each new claim is first compared with
the unpaired old claims near its expected place (WINDOW either side); only when none
of those scores STRONG or more is it compared with all of them. Two versions of a
2,000-claim article with every claim edited align in tens of milliseconds instead of
over a second (bench/align.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

THRESHOLD = 70.0
REWORDED = 75.0
CANDIDATES = 3
WINDOW = 16
STRONG = 90.0


@dataclass(frozen=True, slots=True)
class Pair:
    """Claim `old` of the previous version is claim `new` of this one (list indices)."""

    old: int
    new: int
    score: float  # 100 for identical text

    @property
    def edited(self) -> bool:
        return self.score < 100


def normalise(text: str) -> str:
    """Text as compared: case folded, runs of whitespace as one space."""
    return " ".join(text.split()).casefold()


def align(old: Sequence[str], new: Sequence[str], threshold: float = THRESHOLD) -> list[Pair]:
    """Pairs of (old index, new index), identical texts first, then fuzzy matches; sorted
    by new index. Claims in neither pair were removed (old) or added (new)."""
    old_norm = [normalise(t) for t in old]
    new_norm = [normalise(t) for t in new]
    by_text: dict[str, deque[int]] = defaultdict(deque)
    for i, t in enumerate(old_norm):
        by_text[t].append(i)
    pairs: list[Pair] = []
    rest_new: list[int] = []
    for j, t in enumerate(new_norm):
        queue = by_text.get(t)
        if queue:
            pairs.append(Pair(queue.popleft(), j, 100.0))
        else:
            rest_new.append(j)
    rest_old = [i for q in by_text.values() for i in q]
    if rest_old and rest_new:
        pairs.extend(_fuzzy(old_norm, new_norm, sorted(rest_old), rest_new, threshold))
        paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
        left_old = [i for i in sorted(rest_old) if i not in paired_old]
        left_new = [j for j in rest_new if j not in paired_new]
        if left_old and left_new:
            pairs.extend(_reworded(old_norm, new_norm, left_old, left_new))
    pairs.sort(key=lambda p: p.new)
    return pairs


def _window(old: list[str], rest_old: list[int], j: int, n_new: int) -> dict[int, str]:
    """The unpaired old claims near where new claim `j` of `n_new` would be (WINDOW either
    side), by index."""
    k = bisect_left(rest_old, j * max(len(old), 1) // n_new)
    return {i: old[i] for i in rest_old[max(k - WINDOW, 0): k + WINDOW]}


def _take(candidates: list[tuple[float, float, int, int]], used_old: set[int],
          used_new: set[int]) -> list[Pair]:
    """Pairs of `candidates` ((-score, distance, old, new)), best first, ties to the nearer
    position, each claim used once (noted in `used_old` and `used_new`)."""
    pairs = []
    for neg, _dist, i, j in sorted(candidates):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append(Pair(i, j, min(-neg, 99.9)))
    return pairs


def _reworded(old: list[str], new: list[str], rest_old: list[int], rest_new: list[int]
              ) -> list[Pair]:
    """Best-first pairs of the claims still unpaired whose words, sorted, match at or above
    REWORDED (a claim reworded, near its place: WINDOW either side); each claim used once."""
    n_old, n_new = max(len(old), 1), max(len(new), 1)
    candidates = [(-score, abs(i / n_old - j / n_new), i, j) for j in rest_new
                  for _text, score, i in process.extract(
                      new[j], _window(old, rest_old, j, n_new), scorer=fuzz.token_sort_ratio,
                      limit=CANDIDATES, score_cutoff=REWORDED)]
    return _take(candidates, set(), set())


def _fuzzy(old: list[str], new: list[str], rest_old: list[int], rest_new: list[int],
           threshold: float) -> list[Pair]:
    """Best-first greedy matching of the unpaired claims; ties go to the nearer position."""
    choices = {i: old[i] for i in rest_old}
    n_old, n_new = max(len(old), 1), max(len(new), 1)
    candidates: list[tuple[float, float, int, int]] = []
    crowded: list[int] = []  # claims that may have more candidates than were kept
    for j in rest_new:
        near = _window(old, rest_old, j, n_new)
        found = process.extract(new[j], near, scorer=fuzz.ratio, limit=CANDIDATES,
                                score_cutoff=threshold)
        if found and found[0][1] >= STRONG and len(near) < len(choices):
            crowded.append(j)
        else:
            found = process.extract(new[j], choices, scorer=fuzz.ratio, limit=CANDIDATES,
                                    score_cutoff=threshold)
            if len(found) == CANDIDATES:
                crowded.append(j)
        for _text, score, i in found:
            candidates.append((-score, abs(i / n_old - j / n_new), i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = _take(candidates, used_old, used_new)
    # a claim whose few best candidates went elsewhere may still have a match left
    for j in crowded:
        if j in used_new:
            continue
        free = {i: old[i] for i in rest_old if i not in used_old}
        if not free:
            break
        found = process.extractOne(new[j], free, scorer=fuzz.ratio, score_cutoff=threshold)
        if found is not None:
            used_old.add(found[2])
            used_new.add(j)
            pairs.append(Pair(found[2], j, min(found[1], 99.9)))
    return pairs


def absorbed(old: Sequence[str], new: Sequence[str], pairs: Sequence[Pair],
             threshold: float = THRESHOLD) -> list[tuple[int, int]]:
    """(old index, new index) for each old claim `align` left unpaired whose text lives on
    in a new claim (fuzz.ratio at or above `threshold`) paired with another: two claims of
    the old version merged into one of the new ("Mosul" and "Tikrit" -> "Mosul, Samarra
    and Tikrit"), so its verdicts may still be checked there."""
    paired = {p.old for p in pairs}
    choices = {j: normalise(t) for j, t in enumerate(new)}
    found = []
    for i, text in enumerate(old):
        if i in paired:
            continue
        best = process.extractOne(normalise(text), choices, scorer=fuzz.ratio,
                                  score_cutoff=threshold)
        if best is not None:
            found.append((i, best[2]))
    return found
