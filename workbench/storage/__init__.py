"""The only package that speaks SQL: schema, migrations, one module per table family."""

from workbench.storage.db import Database, open_db, open_scratch

__all__ = ["Database", "open_db", "open_scratch"]
