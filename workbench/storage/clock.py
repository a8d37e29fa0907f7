"""Timestamps as stored: ISO 8601 in UTC, to the millisecond."""

from datetime import UTC, datetime


def now() -> str:
    """The current time as stored in every `*_at` column."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
