"""The splitter as setup.py builds it: compiled modules never stale, and the same claims as the
Python sources they were compiled from."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from paths import ROOT, SEED

import workbench.split.pipeline as pipeline
from workbench.split import split

SPLIT = Path(pipeline.__file__).resolve().parent
REBUILD = "rerun `pip install -e .` (or delete workbench/split/*.so to run the sources)"


def compiled() -> list[Path]:
    """The compiled modules beside the splitter's sources, and mypyc's shared library."""
    return sorted([*SPLIT.glob("*.so"), *SPLIT.glob("*.pyd"), *SPLIT.parent.glob("split__mypyc*")])


def test_no_compiled_module_is_older_than_its_source() -> None:
    built = compiled()
    names = {p.name.split(".")[0] for p in built}
    sources = [p for p in sorted(SPLIT.glob("*.py")) if p.stem in names]
    oldest = min((p.stat().st_mtime for p in built), default=0.0)
    stale = [p.name for p in sources if p.stat().st_mtime > oldest]
    assert not stale, (
        f"workbench/split/{', '.join(stale)} changed after the splitter was compiled, and the "
        f"compiled modules still run instead: {REBUILD}"
    )


def test_a_pure_python_splitter_says_so() -> None:
    """Not a failure (the build falls back on purpose), but worth seeing in the summary."""
    if not compiled():
        warnings.warn(
            "workbench/split/ runs as pure Python, about half as fast as compiled: "
            "`pip install -v -e .` shows why setup.py did not compile it",
            stacklevel=1,
        )


def test_every_module_is_compiled_or_none() -> None:
    """A partial build (one module compiled without the others) is a broken build."""
    names = {p.name.split(".")[0] for p in compiled()}
    expected = {
        p.stem for p in SPLIT.glob("*.py") if p.name not in ("__init__.py", "evaluation.py")
    }
    assert not names or names == expected | {"split__mypyc"}, (
        f"compiled: {sorted(names)}; expected all of {sorted(expected)} or none: {REBUILD}"
    )


# Runs in a child process whose import system reads workbench/split/ from its .py files only.
_PURE = """
import json, sys
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader
from pathlib import Path

def sources_only(path):
    if Path(path).resolve() != Path(sys.argv[1]):
        raise ImportError(path)
    return FileFinder(path, (SourceFileLoader, SOURCE_SUFFIXES))

sys.path_hooks.insert(0, sources_only)
sys.path_importer_cache.clear()
import workbench.split.pipeline as pipeline
from workbench.split import split
assert pipeline.__file__.endswith(".py"), pipeline.__file__
texts = json.load(sys.stdin)
json.dump([[[c.seq, c.text, c.start, c.end, c.by, c.kind, c.checkworthiness] for c in split(t)]
           for t in texts], sys.stdout)
"""


def test_compiled_splitter_gives_the_claims_of_its_sources() -> None:
    if not compiled():
        pytest.skip("the splitter is not compiled: its sources run already")
    texts = [SEED.read_text("utf-8")]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "tests/data/split/texts").glob("*"))]
    mine = [
        [[c.seq, c.text, c.start, c.end, c.by, c.kind, c.checkworthiness] for c in split(t)]
        for t in texts
    ]
    run = subprocess.run(
        [sys.executable, "-c", _PURE, str(SPLIT)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == mine
