"""Files in, articles and claims out: each article all or nothing, a report per file."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.compare.versions import VersionChanges, carry_over
from workbench.errors import WorkbenchError
from workbench.split import split
from workbench.storage import Database, articles, claims
from workbench.textio import article_format, read_article

BATCH_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one file: added, new_version, unchanged or skipped (with why)."""

    path: Path
    outcome: str
    article_id: int | None = None
    title: str = ""
    claims: int = 0
    version: int = 1
    chars: int = 0
    note: str = ""
    changes: VersionChanges | None = None  # for a new version: aligned, carried over

    @property
    def skipped(self) -> bool:
        return self.outcome == "skipped"


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the article files below each folder (sorted, recursively)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and article_format(p) is not None
            )
        else:
            yield path


def ingest_file(db: Database, path: Path, who: str = "ingest") -> IngestResult:
    """Add one file: a no-op when its text is known, a new version when its origin is.

    A new version's claims are aligned to the previous version's in the same
    transaction, and every session's verdicts carried over (edited claims flagged).
    """
    try:
        article = read_article(path)
    except WorkbenchError as e:
        return IngestResult(path, "skipped", note=str(e))
    note = f"decoded as {article.encoding} (not valid UTF-8)" if article.encoding != "utf-8" else ""
    known = articles.find_by_hash(db, article.content_hash)
    if known is not None:
        return IngestResult(
            path, "unchanged", known["id"], known["title"], version=known["version"]
        )
    found = split(article.text)
    origin = str(path.resolve())
    with db.transaction():
        previous = articles.latest_by_origin(db, origin)
        article_id = articles.insert(
            db,
            origin=origin,
            title=article.title,
            text=article.text,
            content_hash=article.content_hash,
            format=article.format,
            previous=previous,
        )
        count = claims.insert_many(db, article_id, found)
        changes = carry_over(db, previous["id"], article_id, who=who) if previous else None
    return IngestResult(
        path,
        "new_version" if previous else "added",
        article_id,
        article.title,
        count,
        version=previous["version"] + 1 if previous else 1,
        chars=len(article.text),
        note=note,
        changes=changes,
    )


def ingest_paths(db: Database, paths: Iterable[Path]) -> Iterator[IngestResult]:
    """Ingest files and folders; a bad file is reported and skipped, the rest go in.

    Articles are written in batches of about BATCH_SECONDS, one transaction a
    batch and a savepoint an article (one commit per article made ingest a
    third slower), and each batch's results are yielded only once it is
    committed, so nothing reported as added can be lost.
    """
    files = iter(expand(paths))
    while True:
        batch: list[IngestResult] = []
        with db.transaction():
            started = time.monotonic()
            for path in files:
                if path.exists():
                    batch.append(ingest_file(db, path))
                else:
                    batch.append(
                        IngestResult(path, "skipped", note=f"{path}: no such file or folder")
                    )
                if time.monotonic() - started > BATCH_SECONDS:
                    break
            else:
                files = iter(())
        yield from batch
        if not batch:
            return
