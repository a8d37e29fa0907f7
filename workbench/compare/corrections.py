"""Reviewers' corrections to claims, made again on an article's new version.

A reviewer corrects what the splitter made of a sentence: rewords a claim, says who it is
attributed to or what kind it is, splits one claim in two, merges two into one. When the
reporter's next version keeps that sentence as it was, the splitter makes the same claims
of it again; the correction is made on them again, so the new version's claims are the
reviewed ones and their verdicts carry over as they are, not flagged for re-review.

What the splitter made of a claim (its origin) is read from history: each field's value
before the first change to it; a claim a split made did not exist at ingest (its first
row sets `dropped` from 1 to 0) and belongs with the claim of its seq, and a claim a merge
folded into the one before it was dropped by a `merge` row. A dropped claim stays dropped
by its own rule (see versions.carry_over), and a merge across one is made again around it.

The previous version's corrections come first. An older version's are made again only on
claims the previous version did not have (a sentence the reporter put back).
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
SPAN_FIELDS = ("text", "start", "end", "by", "kind")  # a Row's fields 1 to 5
Change = tuple[int, str, str | None, str | None]  # claim id, action, old JSON, new JSON
Stored = dict[str, Any]  # a claim's fields as stored: id, seq and FIELDS
Version = tuple[Sequence[Stored], Iterable[Change]]  # a version's claims and their history
Key = tuple[str, str]  # what the splitter made of a claim, compared: text, speaker


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
    version's claim it repeats; `group`, which correction made it (one a group)."""

    how: str
    follows: int
    was: dict[str, Any]
    now: dict[str, Any]
    group: int = 0


def _shapes(claims: Iterable[Stored]) -> list[tuple[str, str, str]]:
    return [(c["text"], c["by"] or "", c["kind"]) for c in claims]


def _key(text: str, by: str | None) -> Key:
    return normalise(text), by or ""


def _groups(claims: Sequence[Stored], changes: Iterable[Change]) -> list[_Group]:
    """A version's claims (in seq, id order) grouped by the splitter's claims they came
    from, corrected or not, and dropped ones alone (no claim `now`)."""
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
    by_seq: dict[int, _Group] = {}  # the group of the claim the splitter gave each seq
    last: _Group | None = None  # the group of the last live claim
    for claim in claims:
        origin = {**claim, **first.get(claim["id"], {})}
        live = not claim["dropped"]
        if origin["dropped"]:  # made by a split after the ingest: its seq's group
            group = by_seq.get(claim["seq"], last)
            if live and group is not None:
                group.now.append(claim)
        elif claim["dropped"] and merged.get(claim["id"]):
            if last is not None:
                last.origins.append(origin)
        else:
            groups.append(_Group([origin], [claim] if live else []))
            by_seq[claim["seq"]] = groups[-1]
            if live:
                last = groups[-1]
    return groups


def replay(versions: Sequence[Version], rows: Sequence[Row]
           ) -> tuple[list[Row], list[Corrected | None]]:
    """The new version's claim `rows` (as the splitter made them, in seq order) with the
    corrections reviewers made to earlier versions' claims (`versions`, the previous one
    first: each its claims in seq, id order and their changes from history, in order) made
    again wherever the splitter made the same claims (text and speaker) of the new
    version, in order (past claims a reviewer dropped), nearest where they were; and for
    each row returned, how it was corrected (None: as the splitter made it)."""
    at: dict[Key, list[int]] = defaultdict(list)
    for j, row in enumerate(rows):
        at[_key(row[1], row[4])].append(j)
    used: set[int] = set()
    owned: set[Key] = set()  # what a newer version had: its own corrections rule there
    emit: dict[int, list[tuple[Row, Corrected | None]]] = {}
    made = 0
    for claims, changes in versions:
        groups = _groups(claims, changes)
        dropped = {_key(g.origins[0]["text"], g.origins[0]["by"]) for g in groups if not g.now}
        for n, group in enumerate(groups):
            if not group.corrected():
                continue
            keys = [_key(o["text"], o["by"]) for o in group.origins]
            if keys[0] in owned:
                continue
            where = _find(keys, rows, at, used, dropped, n * len(rows) // max(len(groups), 1))
            if where is None:
                continue
            used.update(where)
            for j, out in _made(group, rows, where, made).items():
                emit[j] = out
            made += 1
        owned |= {_key(o["text"], o["by"]) for g in groups for o in g.origins}
    out: list[Row] = []
    notes: list[Corrected | None] = []
    for j, row in enumerate(rows):
        for made_row, note in emit.get(j, [(row, None)]):
            out.append(made_row)
            notes.append(note)
    return out, notes


def _find(keys: list[Key], rows: Sequence[Row], at: dict[Key, list[int]], used: set[int],
          dropped: set[Key], expected: int) -> list[int] | None:
    """The rows (their indices) the splitter made of a group's origins again, `keys` in
    order, rows of claims a reviewer dropped allowed between them; of several such runs,
    the one starting nearest row `expected`; None when there is none."""
    for j in sorted(at.get(keys[0], []), key=lambda j: abs(j - expected)):
        if j in used:
            continue
        where, k = [j], j + 1
        for key in keys[1:]:
            while k < len(rows) and k not in used and _key(rows[k][1], rows[k][4]) != key \
                    and _key(rows[k][1], rows[k][4]) in dropped:
                k += 1
            if k >= len(rows) or k in used or _key(rows[k][1], rows[k][4]) != key:
                break
            where.append(k)
            k += 1
        else:
            return where
    return None


def _stored(values: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """`keys` of `values` as history holds a claim's fields (no speaker: None)."""
    return {k: (values[k] or None) if k == "by" else values[k] for k in keys}


def _made(group: _Group, rows: Sequence[Row], where: list[int], n: int
          ) -> dict[int, list[tuple[Row, Corrected | None]]]:
    """What the group's corrections make of the splitter's rows at `where` (its origins,
    made again), by row: its live claims in the first rows, a split's added claims after
    the last, and the rows a merge folded away, dropped. A claim's span is the new row's
    where the correction left the span as it was; else it moves as far as the first row
    did since (a split's halves, a merge's span)."""
    first, origins = rows[where[0]], group.origins
    shift = first[2] - origins[0]["start"]
    low, high = first[2], rows[where[-1]][3]
    out: dict[int, list[tuple[Row, Corrected | None]]] = defaultdict(list)
    for i, claim in enumerate(group.now):
        base = rows[where[min(i, len(where) - 1)]]
        if i < len(origins) and (claim["start"], claim["end"]) == (
                origins[i]["start"], origins[i]["end"]):
            start, end = base[2], base[3]
        else:
            start = min(max(claim["start"] + shift, low), high)
            end = min(max(claim["end"] + shift, start), high)
        row: Row = (base[0], claim["text"], start, end, claim["by"] or "", claim["kind"],
                    base[6])
        now = dict(zip(SPAN_FIELDS, row[1:6], strict=True))
        if i < len(where):
            was = dict(zip(SPAN_FIELDS, base[1:6], strict=True))
            changed = [k for k in now if now[k] != was[k]]
            note = Corrected("edit", claim["id"], _stored(was, changed), _stored(now, changed),
                             n) if changed else None
            out[where[i]].append((row, note))
        else:
            out[where[-1]].append((row, Corrected("split", claim["id"], {"dropped": 1},
                                                  {"dropped": 0, "text": claim["text"]}, n)))
    for j in where[len(group.now):]:
        out[j].append((rows[j], Corrected("merged", group.now[-1]["id"], {"dropped": 0},
                                          {"dropped": 1}, n)))
    return out
