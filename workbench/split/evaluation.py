"""Score splitter output against gold: one-to-one fuzzy matching, P/R/F1, by/kind accuracy, AUC."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from workbench.model import Claim

#: Two claim texts match when rapidfuzz's token_sort_ratio of their normalised forms reaches this.
MATCH_THRESHOLD = 70.0
#: Two `by` values agree when token_set_ratio of their normalised forms reaches this.
BY_THRESHOLD = 70.0

_PUNCT = re.compile(r"[^\w\s%$.-]|(?<!\d)[.](?!\d)")


def normalise(s: str) -> str:
    """Lower case, quotes and punctuation dropped, whitespace collapsed."""
    return " ".join(_PUNCT.sub(" ", s.lower()).split())


def same_by(a: str | None, b: str | None) -> bool:
    """Attribution agrees: both absent, or fuzzy-equal names."""
    if not a or not b:
        return not a and not b
    na, nb = normalise(a), normalise(b)
    drop = {"the", "a", "an", "one"}
    na = " ".join(w for w in na.split() if w not in drop)
    nb = " ".join(w for w in nb.split() if w not in drop)
    return fuzz.token_set_ratio(na, nb) >= BY_THRESHOLD


@dataclass(frozen=True, slots=True)
class Score:
    """Match figures for one text (or summed over several)."""

    gold: int
    predicted: int
    matched: int
    by_right: int
    kind_right: int
    never_hits: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def by_accuracy(self) -> float:
        return self.by_right / self.matched if self.matched else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(*(getattr(self, f) + getattr(other, f) for f in self.__slots__))


def match(gold: Sequence[str], predicted: Sequence[str]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching, best pairs first: (gold index, predicted index, score)."""
    ng = [normalise(g) for g in gold]
    npred = [normalise(p) for p in predicted]
    pairs = [
        (fuzz.token_sort_ratio(g, p), i, j) for i, g in enumerate(ng) for j, p in enumerate(npred)
    ]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, i, j in pairs:
        if s < MATCH_THRESHOLD:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, s))
    return sorted(out)


def score(gold: dict, claims: Sequence[Claim]) -> tuple[Score, list[tuple[int, int, float]]]:
    """Compare splitter claims with one gold file's content."""
    gclaims = gold["claims"]
    pairs = match([g["text"] for g in gclaims], [c.text for c in claims])
    by_right = sum(same_by(gclaims[i]["by"], claims[j].by) for i, j, _ in pairs)
    kind_right = sum(gclaims[i]["kind"] == claims[j].kind for i, j, _ in pairs)
    never = sum(any(n.lower() in c.text.lower() for c in claims) for n in gold.get("never", []))
    return Score(len(gclaims), len(claims), len(pairs), by_right, kind_right, never), pairs


def load_golds(folder: Path) -> dict[str, dict]:
    """Gold files by name (file stem without `.gold`)."""
    return {
        p.name.removesuffix(".gold.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.gold.json"))
    }


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve (Mann–Whitney U, ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True))
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg_rank = (i + j + 1) / 2  # 1-based average rank of the tie group
        rank_sum += avg_rank * sum(lab for _, lab in ranked[i:j])
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
