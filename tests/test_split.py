"""Tests for the claim splitter."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.model import Claim, Kind
from workbench.split import split

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "militants-in-iraq-heading-to-baghdad.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_claims() -> list[Claim]:
    return split(SEED)


def test_spans_are_exact_and_seq_is_ordered(seed_claims: list[Claim]) -> None:
    assert [c.seq for c in seed_claims] == list(range(1, len(seed_claims) + 1))
    for c in seed_claims:
        assert 0 <= c.start < c.end <= len(SEED)
    starts = [c.start for c in seed_claims]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "never",
    ["This article is from the archive", "ISIS marching in Syria", "AP/militant website"],
)
def test_non_claims_are_dropped(seed_claims: list[Claim], never: str) -> None:
    assert not any(never in c.text for c in seed_claims)


def test_headline_that_states_something_is_kept(seed_claims: list[Claim]) -> None:
    assert seed_claims[0].text.startswith("Militants in Iraq Are Heading to Baghdad")


def test_label_heading_and_question_are_dropped() -> None:
    text = "Background\n\nDid the army flee? The army fled Mosul on Monday."
    assert [c.text for c in split(text)] == ["The army fled Mosul on Monday."]


def test_quote_kind() -> None:
    claims = split('"We will not raise taxes," the minister said.')
    assert claims and claims[0].kind is Kind.QUOTE


def test_empty_text() -> None:
    assert split("") == []
    assert split("   \n\n ") == []
