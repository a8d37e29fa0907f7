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
    old file's when it replaces one; a symbolic link stays one, its target replaced. A
    device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is: renaming
    a file over it would put a plain file in its place. An SQLite database is never
    replaced. A failure to write is a WorkbenchError naming it."""
    path = check_target(path)
    if path.exists() and not path.is_file():  # /dev/stdout is a link to a pipe's name
        with _naming_failures(path), path.open("w", encoding="utf-8", newline="") as out:
            yield out
        return
    tmp, fd = _created_beside(path)
    try:
        with _naming_failures(path), os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.close()  # a full disk shows here: the rename must not happen then
            if path.exists():
                os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def check_target(path: Path) -> Path:
    """The file written_whole writes for `path` (a link's target; a device or a pipe as
    named, written into), or a WorkbenchError naming what it refuses: a folder, a database
    (or SQLite's file beside one), a file in a folder that does not exist."""
    if not path.name or path.is_dir():
        raise WorkbenchError(f"{str(path) or repr('')}: a folder, not a file to write")
    if path.exists() and not path.is_file():
        return path
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    if _is_database(real):
        raise WorkbenchError(f"{real}: a database or SQLite's file beside one, not replaced:"
                             " write to another file")
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbenchError(f"{real}: folder {folder} does not exist")
    return real


# The first bytes of an SQLite database (its log is known by its name, beside it).
_DATABASE_MAGIC = b"SQLite format 3\x00"


# The files SQLite keeps beside a database while it is open: `claims.db-shm` holds no mark
# of its own at its start, and a sheet written over it loses what other writers commit.
_BESIDE_A_DATABASE = ("-wal", "-shm", "-journal")


def _is_database(path: Path) -> bool:
    """Whether `path` is an SQLite database, or a file SQLite keeps beside one: an export
    over `claims.db` (one slip of tab completion) would replace every session, verdict
    and history row."""
    for suffix in _BESIDE_A_DATABASE:
        if path.name.endswith(suffix) and _is_database(
                path.with_name(path.name.removesuffix(suffix))):
            return True
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return head.startswith(_DATABASE_MAGIC)


@contextmanager
def _naming_failures(path: Path) -> Iterator[None]:
    """An OSError in the block as a WorkbenchError naming `path`."""
    try:
        yield
    except OSError as e:
        raise WorkbenchError(f"{path}: {e.strerror}") from e


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
