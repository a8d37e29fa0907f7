"""Print split throughput (median MB/s, CPU time) beside a sentence-only baseline run alternately.

Run: /work/venv/bin/python bench/split_speed.py [MB]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workbench.split import split
from workbench.split.sentences import sentences

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def corpus(megabytes: float) -> str:
    """News-like text: the seed and the gold texts repeated with numbers varied."""
    texts = [(ROOT / "seeds" / "militants-in-iraq-heading-to-baghdad.txt").read_text("utf-8")]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "tests/data/split/texts").glob("*"))]
    out: list[str] = []
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        t = texts[i % len(texts)].replace("2", str(i % 10))
        out.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return "\n\n".join(out)


def count_sentences(text: str) -> int:
    """The baseline: sentence segmentation alone."""
    return sum(1 for _ in sentences(text))


def seconds(fn: Callable[[str], object], text: str) -> float:
    """CPU seconds of one call: steadier than wall time on a shared, loaded machine."""
    t0 = time.process_time()
    fn(text)
    return time.process_time() - t0


def main(megabytes: float = 3.0) -> None:
    text = corpus(megabytes)
    mb = len(text.encode("utf-8")) / 1_000_000
    # Alternate the two so that both see the same load; the ratio is taken per round.
    base, full = [], []
    for _ in range(RUNS):
        base.append(seconds(count_sentences, text))
        full.append(seconds(split, text))
    ratio = statistics.median(b / f for b, f in zip(base, full, strict=True))
    print(f"text: {mb:.2f} MB, median of {RUNS} alternating runs, CPU time")
    print(f"sentence segmentation only: {mb / statistics.median(base):7.2f} MB/s")
    print(f"split (claims):             {mb / statistics.median(full):7.2f} MB/s")
    print(f"ratio split / sentences:    {ratio:7.2f}")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0)
