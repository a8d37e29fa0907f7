"""Print the splitter's quality: P/R/F1, attribution and kind accuracy per gold text, and AUC.

Run: /work/venv/bin/python bench/split_quality.py [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from workbench.model import Kind
from workbench.split import split
from workbench.split.evaluation import (
    MATCH_THRESHOLD,
    Score,
    load_golds,
    roc_auc,
    score,
)
from workbench.split.kinds import kind_of
from workbench.split.worthiness import score as worth

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "split"


def auc(name: str) -> float:
    """ROC AUC of the check-worthiness score on a labelled sentence file."""
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
    scores = [worth(r["text"], kind_of(r["text"])) for r in rows]
    return roc_auc([r["label"] for r in rows], scores)


def _line(name: str, s: Score) -> str:
    return (
        f"{name:28} {s.gold:5} {s.predicted:5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
        f" {s.by_accuracy:6.3f} {s.kind_accuracy:6.3f} {s.never_hits:5}"
    )


def main(verbose: bool = False) -> None:
    print(f"matching: greedy one-to-one, rapidfuzz token_sort_ratio >= {MATCH_THRESHOLD:.0f}")
    print(
        f"{'text':28} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'by':>6} "
        f"{'kind':>6} {'never':>5}"
    )
    totals: dict[bool, Score] = {}
    for name, gold in load_golds(DATA).items():
        text = (ROOT / gold["path"]).read_text(encoding="utf-8")
        claims = split(text)
        s, pairs = score(gold, claims)
        held = bool(gold.get("held_out"))
        totals[held] = totals[held] + s if held in totals else s
        print(_line(name + (" (held out)" if held else ""), s))
        if verbose and not held:
            matched_g = {i for i, _, _ in pairs}
            matched_p = {j for _, j, _ in pairs}
            for i, j, sc in pairs:
                g, c = gold["claims"][i], claims[j]
                flag = "" if (g["by"] or None) == c.by and g["kind"] == c.kind else "  <-- by/kind"
                print(
                    f"   {sc:5.1f} {c.text!r} by={c.by!r} {Kind(c.kind)}"
                    f" | gold by={g['by']!r} {g['kind']}{flag}"
                )
            for i, g in enumerate(gold["claims"]):
                if i not in matched_g:
                    print(f"   MISS  {g['text']!r}")
            for j, c in enumerate(claims):
                if j not in matched_p:
                    print(f"   EXTRA {c.text!r}")
    for held, s in sorted(totals.items()):
        print(_line("ALL held-out" if held else "ALL tuned", s))
    print(
        f"check-worthiness ROC AUC: ClaimBuster dev {auc('claimbuster_dev.jsonl'):.3f}, "
        f"test {auc('claimbuster_test.jsonl'):.3f}"
    )


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
