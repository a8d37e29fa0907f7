"""Print split throughput (median MB/s over several runs) beside a sentence-only baseline.

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


def mbps(fn: Callable[[str], object], text: str) -> float:
    """Median MB/s of fn over RUNS runs."""
    mb = len(text.encode("utf-8")) / 1_000_000
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - t0)
    return mb / statistics.median(times)


def main(megabytes: float = 3.0) -> None:
    text = corpus(megabytes)
    base = mbps(lambda t: sum(1 for _ in sentences(t)), text)
    full = mbps(split, text)
    print(f"text: {len(text.encode('utf-8')) / 1e6:.2f} MB, median of {RUNS} runs")
    print(f"sentence segmentation only: {base:7.2f} MB/s")
    print(f"split (claims):             {full:7.2f} MB/s")
    print(f"ratio split / sentences:    {full / base:7.2f}")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0)
