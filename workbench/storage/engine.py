"""The SQLite the workbench runs on, as a DB-API module: `from workbench.storage.engine
import sqlite3`, never Python's own by name, so that every error caught is this one's.

Where pysqlite3-binary has a wheel (Linux on x86-64; pyproject.toml), it is that one's
bundled SQLite (3.51), not the system's: Debian's 3.40 is built without the lookaside
allocator, and a million-claim diff took a quarter longer on it (bench/diff.py).
Elsewhere, Python's own. sqlite-utils makes the same choice, so the two share one.
"""

try:
    from pysqlite3 import dbapi2 as sqlite3
except ModuleNotFoundError:
    import sqlite3

__all__ = ["sqlite3"]
