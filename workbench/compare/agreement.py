"""Agreement between two reviewers: pure functions on lists, checked against textbook figures.

Cohen's kappa is (p_o - p_e) / (1 - p_e): p_o the share of items both gave the same
label, p_e the share expected by chance from each reviewer's own label frequencies.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Agreement:
    """How far two reviewers agree on the items both labelled."""

    n: int
    agreed: int
    labels: tuple[str, ...]
    matrix: tuple[tuple[int, ...], ...]  # matrix[i][j]: A said labels[i], B said labels[j]
    observed: float | None  # p_o, None when n == 0
    expected: float | None  # p_e
    kappa: float | None  # None when undefined (no items, or p_e == 1)

    def as_dict(self) -> dict[str, object]:
        """For JSON: the figures and the confusion matrix keyed by label."""
        return {
            "compared": self.n, "agreed": self.agreed, "agreement": self.observed,
            "expected_agreement": self.expected, "kappa": self.kappa,
            "confusion": {a: dict(zip(self.labels, row, strict=True))
                          for a, row in zip(self.labels, self.matrix, strict=True)},
        }


def confusion(pairs: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """How often each (label by A, label by B) occurs."""
    return Counter(pairs)


def from_counts(counts: Counter[tuple[str, str]], labels: Sequence[str] = ()) -> Agreement:
    """Agreement figures from a confusion count; `labels` fixes the order (others follow)."""
    seen = {x for pair in counts for x in pair}
    order = tuple(labels) + tuple(sorted(seen - set(labels)))
    index = {label: i for i, label in enumerate(order)}
    rows = [[0] * len(order) for _ in order]
    for (a, b), c in counts.items():
        rows[index[a]][index[b]] += c
    return from_matrix(order, rows)


def from_matrix(labels: tuple[str, ...], rows: Sequence[Sequence[int]]) -> Agreement:
    """Agreement figures from a confusion matrix: rows[i][j] items A labelled labels[i]
    and B labels[j]. A diff works this out for each of ten thousand articles."""
    matrix = tuple(map(tuple, rows))
    n = sum(map(sum, matrix))
    agreed = sum(row[i] for i, row in enumerate(matrix))
    if n == 0:
        return Agreement(0, 0, labels, matrix, None, None, None)
    p_o = agreed / n
    p_e = sum(map(operator.mul, map(sum, matrix), map(sum, zip(*matrix, strict=True)))) / (n * n)
    kappa = None if p_e >= 1 else (p_o - p_e) / (1 - p_e)
    return Agreement(n, agreed, labels, matrix, p_o, p_e, kappa)


def agreement(pairs: Iterable[tuple[str, str]], labels: Sequence[str] = ()) -> Agreement:
    """Agreement figures for (label by A, label by B) pairs."""
    return from_counts(confusion(pairs), labels)


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Cohen's kappa of (label by A, label by B) pairs; None when undefined."""
    return agreement(pairs).kappa


def mean_abs_difference(pairs: Iterable[tuple[int | None, int | None]]) -> float | None:
    """Mean of |a - b| over pairs where both values are given; None when there are none."""
    total = count = 0
    for a, b in pairs:
        if a is not None and b is not None:
            total += abs(a - b)
            count += 1
    return total / count if count else None
