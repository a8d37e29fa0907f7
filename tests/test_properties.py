"""Properties that must hold for any input: split claims have non-empty spans inside the
article and non-blank text, deterministically; any verdict text survives export and parse
unchanged."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from sheets import read_sheet

from workbench import review
from workbench.exchange.csvsheet import export_sheet
from workbench.model import Source, parse_sources
from workbench.split import split
from workbench.storage import articles, claims, open_db, sessions

# Text a reviewer could type or paste: any printable unicode, separators and formula
# starters included; NUL and lone surrogates are not text.
typed = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)
# Article text: any unicode, with newlines, tabs and punctuation-only runs made likely.
article_text = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list(":;.,!?-—–()\"'“”‘’\n\t ")),
    max_size=120,
)
sources = st.lists(
    st.builds(Source, typed.map(str.strip).filter(bool), typed.map(str.strip)), max_size=4
)


@settings(max_examples=80, deadline=None)
@given(notes=typed, found=sources)
def test_any_verdict_text_survives_export_then_parse(notes, found):
    with tempfile.TemporaryDirectory() as tmp, open_db(Path(tmp) / "x.db") as db:
        with db.transaction():
            article_id = articles.insert(
                db, origin="a", title="T", text="Prices rose.", content_hash="h", format="txt"
            )
        from workbench.model import Claim

        claims.insert_many(db, article_id, [Claim(1, "Prices rose.", 0, 12)])
        session = sessions.create(db, "s", "ann")
        review.tag(
            db, session, 1, who="ann", status="supported", confidence=50, sources=found, notes=notes
        )
        out = io.StringIO()
        export_sheet(out, db, session, "s")
        [row] = read_sheet(out.getvalue(), "sheet.csv")
        assert row["notes"] == notes
        assert parse_sources(row["sources"]) == found
        assert row["status"] == "supported" and row["confidence"] == "50"


@settings(max_examples=150, deadline=None)
@given(text=article_text)
@example(":")  # once gave a claim with an empty span and empty text
@example('":"\n\n.:\n: :')
def test_split_claims_have_nonempty_spans_and_text_and_are_deterministic(text):
    got = split(text)
    for c in got:
        assert 0 <= c.start < c.end <= len(text)
        assert c.text.strip()
    assert split(text) == got
