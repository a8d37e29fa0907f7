"""Opening a workbench database: checks, pragmas, migrations, transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import Busy, WorkbenchError
from workbench.storage.engine import sqlite3
from workbench.storage.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
BULK_CACHE_KIB = 8192  # page cache while writing in bulk (SQLite's default is 2 MB)


class Database:
    """A workbench database, with one connection per thread.

    The thread that opened it uses the first connection; any other thread (a TUI worker
    counting claims, say) gets its own on first use, so a long read there never makes
    the screen wait, and WAL lets them all read while one writes. Writes that belong
    together go in one `with db.transaction():` block; nested blocks become savepoints.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._owner = threading.get_ident()
        self._main = conn
        self._local = threading.local()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        if threading.get_ident() == self._owner:
            return self._main
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = _connect(self.path)
        return conn

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils over this thread's connection (its plugins are never loaded: they
        would cost every launch a scan of installed packages and could alter our SQL)."""
        utils = getattr(self._local, "utils", None)
        if utils is None:
            import sqlite_utils  # on first use: most launches never need it (~70 ms)

            utils = self._local.utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return utils

    @contextmanager
    def transaction(self, *, deferred: bool = False,
                    references_checked: bool = False) -> Iterator[Database]:
        """Run a block as one transaction, or a savepoint if nested. It takes the write lock
        at once (BEGIN IMMEDIATE), unless `deferred` (for a block that writes only temporary
        tables, so that other writers need not wait for it). With `references_checked` (a
        bulk write whose block checks every row's references itself, after taking the
        lock), SQLite does not check foreign keys row by row: 1.7 s of a million-row
        import. Nested, the outer transaction's setting holds."""
        conn = self.conn
        if conn.in_transaction:
            with self.utils.atomic():
                yield self
            return
        if references_checked:
            conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
        try:
            with self._begun("BEGIN" if deferred else "BEGIN IMMEDIATE"):
                yield self
        finally:
            if references_checked:
                conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def reading(self) -> Iterator[Database]:
        """Run a block of reads on one state of the database (a read transaction: what
        others save meanwhile is not seen); inside a transaction already, on that one's.
        Unlike a nested transaction, it opens no savepoint (and so loads no sqlite-utils)."""
        if self.conn.in_transaction:
            yield self
            return
        with self._begun("BEGIN"):
            yield self

    @contextmanager
    def _begun(self, begin: str) -> Iterator[None]:
        """Run a block in a transaction `begin` opens: committed at its end, rolled back
        when it fails (if SQLite has not rolled it back already)."""
        conn = self.conn
        try:
            conn.execute(begin)
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            raise Busy(f"the database is busy: another process has been writing to it for"
                       f" over {BUSY_TIMEOUT_MS // 1000} s (an import?); nothing was saved,"
                       " try again in a moment") from None
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def bulk(self) -> Iterator[Database]:
        """Run a long series of writes with a larger page cache on this thread's connection,
        put back afterwards: in a file of a million claims, an index written in scattered
        places (claims by check-worthiness) then stays cached from batch to batch, which
        took a third off the cost of a claim (bench/ingest.py at scale)."""
        conn = self.conn
        before = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield self
        finally:
            conn.execute(f"PRAGMA cache_size = {before}")

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one statement; inside a transaction it joins it."""
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        """Run a read and return all rows."""
        return self.conn.execute(sql, params).fetchall()

    def by_ids(self, sql: str, ids: Iterable[int]) -> Iterator[tuple[Any, ...]]:
        """The rows of `sql` for `ids`, as tuples, where `{ids}` in it stands for their
        marks: 900 ids a statement, as SQLite binds at most 999 values to one."""
        ids = list(ids)
        cur = self.conn.cursor()
        cur.row_factory = None
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            yield from cur.execute(sql.format(ids=",".join("?" * len(chunk))), chunk)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it, so that the file
        alone holds every change (a copy of it sent to a second checker has them): what
        closing the last connection does, done while other threads' may still be open."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Close this thread's connection (the first one when called where it was opened).

        Other threads' connections close when their threads end."""
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_db(path: str | Path, *, create: bool = True, migrate_to: int = LATEST_VERSION) -> Database:
    """Open (or create) the workbench database at `path`, migrating it forward.

    A file that is not a workbench database, or one from a newer workbench,
    is refused with a `WorkbenchError` and left untouched.
    """
    path = Path(path)
    if path.is_dir():
        raise WorkbenchError(f"{path}: a folder, not a database")
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _check_existing(path)
    elif not create:
        raise WorkbenchError(f"{path}: " + ("an empty file, not a workbench database"
                                            if path.exists() else "no such database"))
    elif path.parent and not path.parent.exists():
        raise WorkbenchError(f"{path}: folder {path.parent} does not exist")
    try:
        conn = _connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as e:
        raise WorkbenchError(f"{path}: cannot open database ({e})") from None
    db = Database(conn, path)
    _migrate(db, migrate_to)
    return db


def open_scratch() -> Database:
    """A database of no file, for a process that stages rows in scratch files it attaches
    (see verdicts.attach_staged)."""
    return Database(sqlite3.connect(":memory:", isolation_level=None), Path(":memory:"))


def _connect(path: Path) -> sqlite3.Connection:
    """A connection with the workbench's settings (WAL is set once, in the file)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_existing(path: Path) -> None:
    with path.open("rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise WorkbenchError(f"{path}: not a workbench database (not an SQLite file)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise WorkbenchError(f"{path}: cannot read database ({e})") from None
    if app_id != APPLICATION_ID and (app_id or tables):
        raise WorkbenchError(f"{path}: not a workbench database")
    if version > LATEST_VERSION:
        raise WorkbenchError(
            f"{path}: database schema version {version} is newer than this workbench "
            f"understands ({LATEST_VERSION}); upgrade workbench"
        )


def _migrate(db: Database, target: int) -> None:
    current = db.schema_version
    if current >= target:
        return
    with db.transaction():
        if current == 0:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for number in range(current + 1, target + 1):
            db.utils.executescript(MIGRATIONS[number - 1])
            db.execute(f"PRAGMA user_version = {number}")
