"""Which sentence segmenter: ours against sentencex and pysbd, by measurement.

    python bench/segmenters.py        (pip install sentencex pysbd first; both optional)

Each candidate splits every line of the pipeline in place of `sentences_of_line`; the rest
of the pipeline is unchanged. Printed per candidate: claim F1 and attribution accuracy
against the gold decompositions (tuned and held-out texts), and the segmenter's own speed
(median MB/s over 5 runs of the bench/split_speed.py corpus, segmentation alone).
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from split_quality import DATA, ROOT
from split_speed import compiled, corpus

from workbench.split import pipeline
from workbench.split.evaluation import Score, load_golds, score
from workbench.split.sentences import Span, lines, sentences_of_line

Segmenter = Callable[[Span], Iterator[Span]]


def spans_from_pieces(line: Span, pieces: list[str]) -> Iterator[Span]:
    """Spans of `line` for the consecutive pieces a library returned (whitespace trimmed)."""
    at = 0
    for piece in pieces:
        found = line.text.find(piece.strip(), at)
        if found < 0 or not piece.strip():
            continue
        end = found + len(piece.strip())
        yield Span(line.start + found, line.start + end, line.text[found:end])
        at = end


def patchable_pipeline() -> ModuleType:
    """The pipeline module, run from pipeline.py when the installed one is compiled (setup.py):
    a compiled split() calls sentences_of_line directly, so assigning the module's attribute
    would not reach it."""
    if not compiled():
        return pipeline
    source = Path(pipeline.__file__).with_name("pipeline.py")
    spec = importlib.util.spec_from_file_location("workbench.split._pipeline_source", source)
    assert spec is not None and spec.loader is not None
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PIPELINE = patchable_pipeline()


def candidates() -> dict[str, Segmenter]:
    found: dict[str, Segmenter] = {"workbench (rules)": sentences_of_line}
    try:
        import sentencex

        found["sentencex"] = lambda line: spans_from_pieces(
            line, list(sentencex.segment("en", line.text)))
    except ImportError:
        print("sentencex not installed: skipped")
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = lambda line: spans_from_pieces(line, seg.segment(line.text))
    except ImportError:
        print("pysbd not installed: skipped")
    return found


def quality(segment: Segmenter) -> dict[bool, Score]:
    PIPELINE.sentences_of_line = segment
    totals: dict[bool, Score] = {}
    for gold in load_golds(DATA).values():
        s, _pairs = score(gold, PIPELINE.split((ROOT / gold["path"]).read_text(encoding="utf-8")))
        held = bool(gold.get("held_out"))
        totals[held] = totals[held] + s if held in totals else s
    return totals


def speed(segment: Segmenter, text: str) -> float:
    line_spans = list(lines(text))
    runs = []
    for _ in range(5):
        started = time.process_time()
        for line in line_spans:
            for _span in segment(line):
                pass
        runs.append(time.process_time() - started)
    return len(text.encode("utf-8")) / 1e6 / statistics.median(runs)


def main() -> None:
    text = corpus(1.0)
    print(f"{'segmenter':20} {'F1 tuned':>9} {'F1 held':>8} {'by held':>8} {'MB/s':>7}")
    for name, segment in candidates().items():
        totals = quality(segment)
        mbs = speed(segment, text)
        print(f"{name:20} {totals[False].f1:9.3f} {totals[True].f1:8.3f} "
              f"{totals[True].by_accuracy:8.3f} {mbs:7.2f}")
    PIPELINE.sentences_of_line = sentences_of_line


if __name__ == "__main__":
    main()
