"""A file written whole or not at all: an export or a diff, from the CLI or the TUI."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from workbench.errors import WorkbenchError


@contextmanager
def written_whole(path: Path) -> Iterator[IO[str]]:
    """A text file (UTF-8, newlines as written) that becomes `path` only once the block
    ends without an error; until then it is a hidden file beside it, removed on failure.
    It gets the permissions a plain open() would give: the umask's for a new file, the
    old file's when it replaces one. A failure to write is a WorkbenchError naming it."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbenchError(f"{path}: folder {folder} does not exist")
    tmp, fd = _created_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        if path.exists():
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise WorkbenchError(f"{path}: {e.strerror}") from e
        raise


def _created_beside(path: Path) -> tuple[Path, int]:
    """A new hidden file beside `path`, open for writing, mode 0o666 less the umask (as
    open() makes one; tempfile's are 0o600, which kept exports from the rest of a desk)."""
    while True:
        tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as e:
            raise WorkbenchError(f"{path}: cannot write there ({e.strerror})") from e
