"""Build: compile the splitter (workbench/split/) with mypyc when it can, else ship it as Python.

Everything else about the package is in pyproject.toml. The splitter's modules are plain, typed
Python; mypyc turns them into C extensions that `split()` runs about twice as fast. When mypyc
is missing, its type check fails, or there is no C compiler, the build goes on without them and
the same modules run as Python (a warning says so; `pip install -v` shows it). Set
WORKBENCH_PURE_SPLIT=1 to skip compiling on purpose, e.g. while editing split/ rules.

An editable install (`pip install -e .`) puts the compiled modules beside their sources, where
they shadow them: after editing a file in workbench/split/, rerun `pip install -e .`
(tests/test_split_build.py fails while a compiled module is older than its source).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
SPLIT = ROOT / "workbench" / "split"
# Every module of the splitter but the package itself and evaluation.py (it imports rapidfuzz
# and is only used by tests and the quality bench).
COMPILED = sorted(
    p.relative_to(ROOT).as_posix()
    for p in SPLIT.glob("*.py")
    if p.name not in ("__init__.py", "evaluation.py")
)
# mypyc's shared library for the group: workbench/split__mypyc.*.so
GROUP = "workbench.split"


def _warn(message: str) -> None:
    print(f"workbench setup: {message}", file=sys.stderr)


def remove_compiled() -> None:
    """Delete compiled modules left in the source tree by an earlier editable build, so that a
    build that compiles nothing never leaves stale ones shadowing the sources."""
    for path in [*SPLIT.glob("*.so"), *SPLIT.glob("*.pyd"), *SPLIT.parent.glob("split__mypyc*")]:
        path.unlink()


class OptionalBuildExt(build_ext):
    """build_ext that falls back to pure Python when the C compilation fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as e:  # CompileError, a missing compiler, a linker error, …
            _warn(f"compiling the splitter failed ({e}); it runs as pure Python")
            if self.inplace or getattr(self, "editable_mode", False):
                remove_compiled()
            self.extensions = []


def ext_modules() -> list:
    if os.environ.get("WORKBENCH_PURE_SPLIT"):
        _warn("WORKBENCH_PURE_SPLIT is set: the splitter is not compiled")
        remove_compiled()
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed: the splitter is not compiled")
        remove_compiled()
        return []
    try:
        return mypycify(COMPILED, opt_level="3", group_name=GROUP)
    except (Exception, SystemExit) as e:  # mypy's type errors end in SystemExit
        _warn(f"mypyc could not compile the splitter ({e!r}); it runs as pure Python")
        remove_compiled()
        return []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
