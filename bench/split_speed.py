"""Print split throughput (median MB/s, CPU time) beside a sentence-only baseline run alternately.

Run: /work/venv/bin/python bench/split_speed.py [MB]

The main corpus repeats a handful of news texts, about 600 distinct words, so the
splitter's word caches nearly always hit. The first lines therefore time text of a far
larger vocabulary too: ClaimBuster's 1,502 debate sentences (tests/data/split), five to a
paragraph, once with cold caches (as a new process meets an article) and then warm.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workbench.split import pipeline, split
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


def compiled() -> bool:
    """Whether the installed splitter is the one setup.py compiles."""
    return (pipeline.__file__ or "").endswith((".so", ".pyd"))


def varied() -> str:
    """ClaimBuster's debate sentences, five to a paragraph: a vocabulary of thousands."""
    lines = []
    for name in ("claimbuster_dev.jsonl", "claimbuster_test.jsonl"):
        with (ROOT / "tests/data/split" / name).open(encoding="utf-8") as f:
            lines += [json.loads(line)["text"] for line in f]
    return "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5))


def main(megabytes: float = 3.0) -> None:
    print(f"splitter: {'compiled (mypyc)' if compiled() else 'pure Python'}")
    other = varied()  # first, while the word caches are cold
    other_mb = len(other.encode("utf-8")) / 1_000_000
    cold = seconds(split, other)
    warm = statistics.median(seconds(split, other) for _ in range(RUNS))
    print(f"varied text: {other_mb:.2f} MB, split {other_mb / cold:.2f} MB/s with cold caches,"
          f" {other_mb / warm:.2f} MB/s warm (median of {RUNS})")
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
