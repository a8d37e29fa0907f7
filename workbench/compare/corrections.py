"""Reviewers' corrections to claims, made again on an article's new version.

A reviewer corrects what the splitter made of a sentence: rewords a claim, says who it is
attributed to or what kind it is, splits one claim in two, merges two into one. When the
reporter's next version keeps that sentence as it was, the splitter makes the same claims
of it again; the correction is made on them again, so the new version's claims are the
reviewed ones and their verdicts carry over as they are, not flagged for re-review.

What the splitter made of a claim (its origin) is read from history: each field's value
before the first change to it; a claim a split made did not exist at ingest (its first
row sets `dropped` from 1 to 0), and a claim a merge folded into the one before it was
dropped by a `merge` row. A dropped claim stays dropped by its own rule (see
versions.carry_over).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.compare.align import normalise
from workbench.storage.claims import Row

FIELDS = ("text", "by", "kind", "start", "end", "dropped")
Change = tuple[int, str, str | None, str | None]  # claim id, action, old JSON, new JSON
Stored = dict[str, Any]  # a claim's fields as stored: id, seq and FIELDS


@dataclass(slots=True)
class _Group:
    """The claims the splitter made of one place of an article (`origins`, their fields
    as ingested) and the live claims reviewers made of them (`now`)."""

    origins: list[Stored]
    now: list[Stored] = field(default_factory=list)

    def corrected(self) -> bool:
        return bool(self.now) and _shapes(self.now) != _shapes(self.origins)


@dataclass(frozen=True, slots=True)
class Corrected:
    """A claim row of the new version as a correction made it: `how` is "edit" (its
    fields changed: `was` holds the splitter's), "split" (a claim a split added) or
    "merged" (folded into the claim before it: stored dropped); `follows` is the earlier
    version's claim it repeats."""

    how: str
    follows: int
    was: dict[str, Any]
    now: dict[str, Any]


def _shapes(claims: Iterable[Stored]) -> list[tuple[str, str, str]]:
    return [(c["text"], c["by"] or "", c["kind"]) for c in claims]


def _groups(claims: Sequence[Stored], changes: Iterable[Change]) -> list[_Group]:
    """The article's claims (in seq, id order) grouped by the splitter's claims they
    came from."""
    first: dict[int, dict[str, Any]] = defaultdict(dict)  # each field before its first change
    merged: dict[int, bool] = {}  # dropped last by a merge
    for claim_id, action, old, new in changes:
        before, after = json.loads(old or "null") or {}, json.loads(new or "null") or {}
        for key in FIELDS:
            if key in before:
                first[claim_id].setdefault(key, before[key])
        if after.get("dropped"):
            merged[claim_id] = action == "merge"
    groups: list[_Group] = []
    last: _Group | None = None  # the group of the last live claim
    for claim in claims:
        origin = {**claim, **first.get(claim["id"], {})}
        live = not claim["dropped"]
        if origin["dropped"]:  # made by a split after the ingest
            if live and last is not None:
                last.now.append(claim)
        elif claim["dropped"] and merged.get(claim["id"]):
            if last is not None:
                last.origins.append(origin)
        else:
            groups.append(_Group([origin], [claim] if live else []))
            if live:
                last = groups[-1]
    return [g for g in groups if g.corrected()]


def replay(claims: Sequence[Stored], changes: Iterable[Change], rows: Sequence[Row]
           ) -> tuple[list[Row], list[Corrected | None]]:
    """The new version's claim `rows` (as the splitter made them, in seq order) with the
    corrections reviewers made to the earlier version's `claims` (in seq, id order, with
    their `changes` from history, in order) made again wherever the splitter made the
    same claims (text and speaker) of the new version, one after the other; and for each
    row returned, how it was corrected (None: as the splitter made it)."""
    out: list[Row] = list(rows)
    notes: list[Corrected | None] = [None] * len(rows)
    groups = _groups(claims, changes)
    if not groups:
        return out, notes
    at: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, row in enumerate(rows):
        at[(normalise(row[1]), row[4])].append(j)
    used: set[int] = set()
    plans: dict[int, tuple[_Group, int]] = {}  # first row: the group made again there
    for group in groups:
        keys = [(normalise(o["text"]), o["by"] or "") for o in group.origins]
        for j in at.get(keys[0], []):
            run = range(j, j + len(keys))
            if (run[-1] < len(rows) and not used.intersection(run)
                    and all((normalise(rows[i][1]), rows[i][4]) == k
                            for i, k in zip(run, keys, strict=True))):
                used.update(run)
                plans[j] = (group, len(keys))
                break
    out, notes = [], []
    j = 0
    while j < len(rows):
        if j not in plans:
            out.append(rows[j])
            notes.append(None)
            j += 1
            continue
        group, k = plans[j]
        made = _made(group, rows[j : j + k])
        out.extend(row for row, _note in made)
        notes.extend(note for _row, note in made)
        j += k
    return out, notes


def _stored(values: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """`keys` of `values` as history holds a claim's fields (no speaker: None)."""
    return {k: (values[k] or None) if k == "by" else values[k] for k in keys}


def _made(group: _Group, rows: Sequence[Row]) -> list[tuple[Row, Corrected]]:
    """The rows the group's corrections make of the splitter's `rows` (its origins, made
    again): its live claims, with spans moved as far as the rows moved in the text,
    then the rows a merge folded away."""
    shift = rows[0][2] - group.origins[0]["start"]
    low, high = rows[0][2], rows[-1][3]
    made = []
    for i, claim in enumerate(group.now):
        base = rows[min(i, len(rows) - 1)]
        start = min(max(claim["start"] + shift, low), high)
        end = min(max(claim["end"] + shift, start), high)
        row: Row = (base[0], claim["text"], start, end, claim["by"] or "", claim["kind"],
                    base[6])
        now = dict(zip(("text", "start", "end", "by", "kind"), row[1:6], strict=True))
        if i < len(rows):
            was = dict(zip(("text", "start", "end", "by", "kind"), base[1:6], strict=True))
            changed = [k for k in now if now[k] != was[k]]
            made.append((row, Corrected("edit", claim["id"], _stored(was, changed),
                                        _stored(now, changed))))  # changed: never empty
        else:
            made.append((row, Corrected("split", claim["id"], {"dropped": 1},
                                        {"dropped": 0, "text": claim["text"]})))
    for row in rows[len(group.now):]:
        made.append((row, Corrected("merged", group.now[-1]["id"], {"dropped": 0},
                                    {"dropped": 1})))
    return made
