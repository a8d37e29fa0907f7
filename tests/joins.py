"""The lines SQLite builds, both ways: concat() where it has it (3.44 on), else printf."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from workbench.storage import verdicts

JOINS = [False, True] if verdicts.JOIN_BY_CONCAT else [False]  # printf; concat if it has it


@contextmanager
def joined_by(concat: bool) -> Iterator[None]:
    """Build lines with concat() (True) or printf (False) inside the block."""
    with mock.patch.object(verdicts, "JOIN_BY_CONCAT", concat):
        yield
