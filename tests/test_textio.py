"""Tests for reading article files into reader text: HTML tables, Markdown captions."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import ROOT

from workbench.split import split
from workbench.textio import html_to_text, read_article

PAGES = ROOT / "tests" / "data" / "pages"


def page(body: str, title: str = "Hospital waits rise") -> str:
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


STORY = (
    "<h1>Hospital waits rise</h1>"
    "<p>Waiting times rose in every region last year, according to figures published on "
    "Monday by the health ministry.</p>"
    "<p>The North had the longest waits, while the South improved slightly on the year "
    "before, the figures show.</p>"
)
AFTER = (
    "<p>The ministry said it would publish a recovery plan in the spring, with extra funding "
    "for the worst-hit hospitals.</p>"
)
TABLE = (
    "<table><thead><tr><th>Region</th><th>2022</th><th>2023</th></tr></thead><tbody>"
    "<tr><td>North</td><td>14 weeks</td><td>18 weeks</td></tr>"
    "<tr><td>South</td><td><p>11 weeks</p></td><td>10<br>weeks</td></tr>"
    "<tr><td>East</td><td></td><td>13 weeks</td></tr>"
    "</tbody></table>"
)


def test_an_html_tables_rows_read_as_lines_of_cells() -> None:
    """A row a block of its cells joined by "; " (empty cells left out), as Markdown's
    tables read, between the paragraphs around the table."""
    text, title = html_to_text(page(STORY + TABLE + AFTER))
    blocks = text.split("\n\n")
    assert title == "Hospital waits rise"
    at = blocks.index("Region; 2022; 2023")
    assert blocks[at : at + 4] == [
        "Region; 2022; 2023",
        "North; 14 weeks; 18 weeks",
        "South; 11 weeks; 10 weeks",
        "East; 13 weeks",
    ]
    assert blocks[at - 1].endswith("the figures show.")
    assert blocks[at + 4].startswith("The ministry said it would publish")


def test_a_tables_figures_reach_the_claims(tmp_path: Path) -> None:
    path = tmp_path / "waits.html"
    path.write_text(page(STORY + TABLE + AFTER))
    article = read_article(path)
    claims = split(article.text)
    assert "18 weeks" in article.text
    assert any("14 weeks" in c.text and "18 weeks" in c.text for c in claims)
    assert all(article.text[c.start : c.end] for c in claims)


def test_a_page_without_a_table_reads_as_trafilatura_reads_it_without_tables() -> None:
    """Tables and line breaks (<br>) are the only changes: a stored page without either
    keeps its text on re-ingest."""
    import trafilatura

    for path in sorted(PAGES.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        tree = trafilatura.load_html(html)
        for menu in tree.xpath("//nav | //*[@role='navigation']"):
            menu.drop_tree()
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
        paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
        if paragraphs[0] != doc.title:
            paragraphs.insert(0, doc.title)
        assert html_to_text(html) == ("\n\n".join(paragraphs), doc.title)


def test_a_table_that_lays_out_the_page_gives_its_paragraphs() -> None:
    """Old pages put the whole story in a table's cell: its paragraphs stay blocks, not one
    row's line, a cell of text alone is a block, and the title is not repeated."""
    html = (
        "<html><head><title>Mill closes after 90 years</title></head><body>"
        "<table><tr><td>Local news</td><td><h1>Mill closes after 90 years</h1>"
        "<p>The Harlow paper mill closed on Friday after 90 years, with the loss of 240 jobs, "
        "its owner said in a statement to staff.</p>"
        "<p>The mill had been losing money since 2019, when energy prices began to climb "
        "sharply across the region.</p>"
        "<p>Local officials said they would help workers find new jobs and offered retraining "
        "grants of up to 2,000 pounds.</p></td></tr></table></body></html>"
    )
    text, title = html_to_text(html)
    assert title == "Mill closes after 90 years"
    assert text.split("\n\n") == [
        "Local news",
        "Mill closes after 90 years",
        "The Harlow paper mill closed on Friday after 90 years, with the loss of 240 jobs, its "
        "owner said in a statement to staff.",
        "The mill had been losing money since 2019, when energy prices began to climb sharply "
        "across the region.",
        "Local officials said they would help workers find new jobs and offered retraining "
        "grants of up to 2,000 pounds.",
    ]


@pytest.mark.parametrize(
    "caption",
    [
        "*The governor speaks on Monday. Photo: AP*",
        "_The governor speaks on Monday. Picture by Jo Lee_",
        "*The governor speaks on Monday (AP Photo/Jo Lee)*",
    ],
)
def test_a_markdown_caption_is_read_but_is_no_claim(tmp_path: Path, caption: str) -> None:
    path = tmp_path / "governor.md"
    path.write_text(f"# Governor visits Ulm\n\n{caption}\n\nThe governor opened 3 schools.\n")
    article = read_article(path)
    assert "The governor speaks on Monday" in article.text  # a reader sees the caption
    assert [c.text for c in split(article.text)] == [
        "Governor visits Ulm",
        "The governor opened 3 schools.",
    ]


@pytest.mark.parametrize(("body", "want"), [
    ("<p>Rents rose 6% in the year to March,<br>\naccording to the statistics office.</p>",
     [("Rents rose 6% in the year to March.", "the statistics office")]),
    ("<p>The council approved the budget on Tuesday night,<br/>the clerk said, and the"
     " mayor<br>signed it on Wednesday.</p>",
     [("The council approved the budget on Tuesday night.", "the clerk"),
      ("The mayor signed it on Wednesday.", "the clerk")]),
])
def test_a_line_break_inside_a_paragraph_ends_no_sentence(
        body: str, want: list[tuple[str, str | None]]) -> None:
    """QA: a <br> was read as a paragraph's end, so "according to the statistics office."
    was a claim of its own, and its sentence had no speaker; it is a line break, which
    the splitter joins as a hard wrap."""
    text, _title = html_to_text(page(f"<h1>Rents</h1>{body}", "Rents"))
    assert text.startswith("Rents\n\n") and "\n\n" not in text[7:]
    assert [(c.text, c.by) for c in split(text)] == want


def test_two_line_breaks_end_a_paragraph() -> None:
    """An old page's "<br><br>" between paragraphs still ends one."""
    text, _title = html_to_text(page(
        "<h1>Fire</h1><div>A fire destroyed the Majestic Theater on Sunday.<br><br>"
        "No one was injured, fire chief Ray Dolan said.<br><br>The cause is unknown.</div>"))
    assert text.split("\n\n")[1:] == ["A fire destroyed the Majestic Theater on Sunday.",
                                      "No one was injured, fire chief Ray Dolan said.",
                                      "The cause is unknown."]


MILL = [("The deal is a giveaway.", "Critics"),
        ("The mill closed in 2009.", None),
        ("Unemployment fell to 4.1% in May.", "the state labor department")]


@pytest.mark.parametrize(("name", "source"), [
    ("mill.md", "# Mill\n\nCritics say the deal is a giveaway.[^1] The mill closed in 2009.\n\n"
     "Unemployment fell to 4.1% in May, according to the state labor department.[^figures]\n\n"
     "[^1]: Statement from the Millbrook Taxpayers Alliance, May 2.\n"
     "[^figures]: Figures are seasonally adjusted.\n"),
    ("mill.html", page("<h1>Mill</h1><p>Critics say the deal is a giveaway.<sup>1</sup> The mill"
                       " closed in 2009.</p><p>Unemployment fell to 4.1% in May, according to"
                       " the state labor department.<sup><a href='#fn2'>2</a></sup></p>",
                       "Mill")),
    ("mill-bracketed.html", page("<h1>Mill</h1><p>Critics say the deal is a giveaway.<sup>[1]"
                                 "</sup> The mill closed in 2009.</p><p>Unemployment fell to"
                                 " 4.1% in May, according to the state labor department"
                                 "<sup>[2]</sup>.</p>", "Mill")),
])
def test_a_footnotes_mark_glues_no_sentences_and_names_no_speaker(
        tmp_path: Path, name: str, source: str) -> None:
    """QA: "giveaway.[^1] The mill closed …" was one claim by Critics, the note
    "[^1]: Statement from …" a claim, and "department.<sup>1</sup>" gave the speaker "the
    state labor department.1": the marks and the Markdown notes are no part of the text."""
    path = tmp_path / name
    path.write_text(source)
    claims = split(read_article(path).text)
    assert [(c.text, c.by) for c in claims] == MILL


@pytest.mark.parametrize("links", [
    "- [Map: Where the Creek Fire is burning](https://example.com/map)\n"
    "- [How to prepare an evacuation kit](https://example.com/kit)\n",
    "1. [Crews battle blaze near Paso Robles](/a)\n"
    "2. [Evacuation orders lifted in Templeton](/b)\n",
])
def test_a_markdown_list_of_links_is_no_part_of_the_text(tmp_path: Path, links: str) -> None:
    """QA: each link of a "Related coverage" list became a claim ("Map: Where the Creek
    Fire is burning"); the same list in HTML is dropped with the page's chrome."""
    path = tmp_path / "fire.md"
    path.write_text("# Fire burns 12,000 acres\n\nThe fire has burned 12,000 acres.\n\n"
                    f"**Related coverage**\n\n{links}\nCrews from 4 counties fought the fire.\n\n"
                    "The crews:\n\n* [Cal Fire](/c) sent 300 firefighters.\n* Paso Robles sent"
                    " 40.\n")
    article = read_article(path)
    assert "Creek Fire is burning" not in article.text and "Templeton" not in article.text
    assert [c.text for c in split(article.text)] == [  # a list with more than links stays
        "Fire burns 12,000 acres", "The fire has burned 12,000 acres.",
        "Crews from 4 counties fought the fire.", "Cal Fire sent 300 firefighters.",
        "Paso Robles sent 40."]
