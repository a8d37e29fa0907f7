"""Reading article files: decode safely, normalise, and turn Markdown or HTML into reader text.

The text returned here is what an article stores and what every claim span
points into, so it is the text a reader of the page would see.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
TITLE_MAX = 200


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article as read from a file: reader text, title, format, and how it was decoded."""

    text: str
    title: str
    format: str
    encoding: str = "utf-8"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def __reduce__(self) -> tuple[type[ArticleText], tuple[str, str, str, str]]:
        # pickled as its fields: a slotted dataclass's default pickling costs ~20 µs
        return ArticleText, (self.text, self.title, self.format, self.encoding)


def article_format(name: str) -> str | None:
    """'txt', 'md' or 'html' for a file name the workbench reads (its suffix as Path takes
    it, without making a Path), else None."""
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if 0 < dot < len(name) - 1 else None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes to text and the encoding used: UTF-8 (BOM dropped), else cp1252 with
    undecodable bytes replaced. NUL bytes mean a binary file and are refused."""
    if b"\x00" in data:
        raise WorkbenchError(f"{name}: binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")  # C's own UTF-8 decoder; "utf-8-sig" goes through Python
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"
    return (text[1:] if text.startswith("\ufeff") else text), "utf-8"


def normalise(text: str) -> str:
    """Unix newlines, no trailing white space at the end of the text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def read_article(path: Path) -> ArticleText:
    """Read one article file into reader text; raises WorkbenchError naming the file."""
    fmt = article_format(path.name)
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG  # opening it says why it cannot be read
    if stat.S_ISDIR(mode):
        try:
            os.scandir(path).close()
        except OSError as e:
            raise WorkbenchError(f"{path}: cannot read the folder ({e.strerror})") from None
        raise WorkbenchError(f"{path}: a folder, not an article file")
    if fmt is None:
        raise WorkbenchError(f"{path}: unsupported file type (use .txt, .md or .html)")
    if not stat.S_ISREG(mode):  # reading a pipe would wait for ever
        raise WorkbenchError(f"{path}: not a file of text (a pipe, socket or device)")
    try:
        with path.open("rb", buffering=0) as f:  # one read, no buffer: half the cost
            data = f.readall()
    except OSError as e:
        raise WorkbenchError(f"{path}: cannot read ({e.strerror})") from None
    raw, encoding = decode(data, str(path))
    raw = normalise(raw)
    if fmt == "html":
        text, title = html_to_text(raw)
    elif fmt == "md":
        text, title = markdown_to_text(raw)
    else:
        text, title = raw, ""
    text = normalise(text)
    if not text.strip():
        raise WorkbenchError(f"{path}: no article text found")
    return ArticleText(text=text, title=title or first_line(text), format=fmt, encoding=encoding)


def first_line(text: str) -> str:
    """The first non-blank line, shortened to a title."""
    for line in text.split("\n", 50):
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1] + "…"
    return ""


def markdown_to_text(source: str) -> tuple[str, str]:
    """The text a reader of a Markdown file sees, a paragraph a block, and its title (front
    matter's `title:`, else the first heading). Front matter (a YAML block between
    `---` lines at the top) is left out, as are footnotes ("[^1]: …") and their marks, and
    a list of links and nothing else ("Related coverage"); a table's rows read as lines of
    cells joined by "; "; an HTML block keeps its text; a list is one block, an item a
    line with its bullet ("- ") or number ("2. "), as in a plain-text article, so the
    splitter sees where the list ends (an "According to X:" before it governs all its
    items)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin  # Textual's, as markdown-it-py is

    body, front_title = _front_matter(source)
    tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(body)
    blocks: list[str] = []
    in_list: list[bool] = []  # each block: whether it is a line of a list
    title = ""
    in_heading = False
    row: list[str] | None = None  # the cells of a table row being read
    lists = 0  # how deep in lists the tokens are
    bullet = ""  # the mark of the list item just opened, for its first line
    notes = False  # in the footnotes, which the text goes without, as it does their marks
    links = _link_lists(tokens)
    for k, token in enumerate(tokens):
        if k in links:
            continue
        if token.type in ("footnote_block_open", "footnote_block_close"):
            notes = token.type == "footnote_block_open"
        elif notes:
            continue
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "list_item_open":
            bullet = f"{token.info}{token.markup} " if token.info else "- "
        elif token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if any(row):
                blocks.append("; ".join(cell for cell in row if cell))
                in_list.append(False)
            row = None
        elif token.type == "html_block":
            text = _SPACED.sub(r"\1", " ".join(html.unescape(_TAG.sub(" ", token.content))
                                                .split()))
            if text:
                blocks.append(text)
                in_list.append(False)
        elif token.type == "inline":
            text = "".join(_inline_text(child) for child in token.children or ()).strip()
            if row is not None:
                row.append(text)
                continue
            if in_heading and not title:
                title = text
            if text:
                blocks.append(bullet + text)
                in_list.append(lists > 0)
                bullet = ""
    return _joined_blocks(blocks, in_list), front_title or title


_LIST_OPENS = ("bullet_list_open", "ordered_list_open")
_LIST_CLOSES = ("bullet_list_close", "ordered_list_close")


def _link_lists(tokens: list[Any]) -> set[int]:
    """Where the lists whose items are each a link and nothing else are among `tokens`
    ("Related coverage", "More on this story"): links to other pages, not the article."""
    found: set[int] = set()
    k = 0
    while k < len(tokens):
        if tokens[k].type not in _LIST_OPENS:
            k += 1
            continue
        end, depth = k + 1, 1
        while end < len(tokens) and depth:
            depth += ((tokens[end].type in _LIST_OPENS) - (tokens[end].type in _LIST_CLOSES))
            end += 1
        items = [t for t in tokens[k:end] if t.type == "inline"]
        if items and all(_only_a_link(t) for t in items):
            found.update(range(k, end))
        k = end
    return found


def _only_a_link(inline: Any) -> bool:
    """Whether an inline token is one link and nothing else."""
    parts = [c for c in inline.children or () if c.type != "text" or c.content.strip()]
    return (len(parts) >= 2 and parts[0].type == "link_open" and parts[-1].type == "link_close"
            and not any(c.type in ("link_open", "link_close") for c in parts[1:-1]))


def _joined_blocks(blocks: list[str], in_list: list[bool]) -> str:
    """`blocks` with a blank line between them, but a line break only between two lines of
    a list."""
    out: list[str] = []
    for k, block in enumerate(blocks):
        if k:
            out.append("\n" if in_list[k] and in_list[k - 1] else "\n\n")
        out.append(block)
    return "".join(out)


_TAG = re.compile(r"<[^>]*>")
_SPACED = re.compile(r" ([.,;:!?])")  # a space a tag left before punctuation
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _front_matter(source: str) -> tuple[str, str]:
    """`source` without its front matter, and the `title:` that front matter gives ("")."""
    found = _FRONT.match(source)
    if found is None:
        return source, ""
    title = next((line.split(":", 1)[1].strip().strip("'\"")
                  for line in found.group(1).split("\n")
                  if line.lower().startswith("title:")), "")
    return source[found.end():], title


def _inline_text(token: object) -> str:
    kind = getattr(token, "type", "")
    if kind in ("text", "code_inline"):
        return getattr(token, "content", "")
    if kind in ("softbreak", "hardbreak"):
        return " " if kind == "softbreak" else "\n"
    return ""


def html_to_text(html: str) -> tuple[str, str]:
    """A news page's main text (navigation, ads, related links dropped) and its title,
    extracted with trafilatura; its baseline extractor when the page is too short. Menus
    (`<nav>`, role "navigation") are dropped first: either extractor falls back on them.
    A table's rows read as lines of cells joined by "; ", a row a block, as in Markdown
    (`_tables_as_rows`)."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        return "", ""
    for menu in tree.xpath("//nav | //*[@role='navigation']"):
        menu.drop_tree()
    for mark in tree.xpath("//sup"):
        if _footnote_mark(mark):
            mark.drop_tree()
    _mark_line_breaks(tree)
    doc = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    text = getattr(doc, "text", None) or ""
    body = getattr(doc, "body", None)
    tables = body is not None and _tables_as_rows(body)
    if tables:
        from trafilatura.xml import xmltotxt

        text = xmltotxt(body, False)
    title = " ".join((getattr(doc, "title", None) or "").replace(_BR, " ").split())
    if not text.strip():
        _, text, _ = trafilatura.baseline(tree)
    paragraphs, broken = _paragraphs(text)
    # the title heads the text, unless it is there already (after a menu cell, where a
    # table lays the page out)
    if title and paragraphs and title not in paragraphs[: 4 if tables else 1]:
        paragraphs.insert(0, title)
        broken.insert(0, False)
    return "".join(p if not k else ("\n" if broken[k] else "\n\n") + p
                   for k, p in enumerate(paragraphs)), title


# A footnote's mark as a <sup> shows it: "1", "[2]", "*", "†".
_MARK = re.compile(r"\[?(?:\d{1,3}|[a-z]|\*{1,3}|[†‡§])\]?")


def _footnote_mark(sup: Any) -> bool:
    """Whether a <sup> is a footnote's mark, no part of the sentence it follows: a link to
    a place in the page ("#fn1"), or a mark in brackets, or one after punctuation
    ("department.<sup>1</sup>"); not an exponent ("m<sup>2</sup>") nor an ordinal."""
    text = "".join(sup.itertext()).strip()
    if not _MARK.fullmatch(text):
        return False
    if any(a.get("href", "").startswith("#") for a in sup.iter("a")) or text[0] == "[":
        return True
    prev = sup.getprevious()
    before = (prev.tail if prev is not None else sup.getparent().text) or ""
    return before.rstrip()[-1:] in ".,;:)”’\"'"


# Marks a line break (<br>) inside a paragraph through trafilatura's extraction, which
# reads it as a paragraph's end: a character no article holds (REVERSED PILCROW SIGN).
_BR = "\u204b"


def _mark_line_breaks(tree: Any) -> None:
    """Mark each <br> of the page, but for two in a row ("<br><br>", which end a paragraph
    where a page has no <p>), with _BR at the start of the text after it."""
    for br in tree.iter("br"):
        nxt, prev = br.getnext(), br.getprevious()
        if ((nxt is not None and nxt.tag == "br" and not (br.tail or "").strip())
                or (prev is not None and prev.tag == "br" and not (prev.tail or "").strip())):
            continue
        br.tail = _BR + (br.tail or "").lstrip()


def _paragraphs(text: str) -> tuple[list[str], list[bool]]:
    """The non-blank lines of an extracted `text`, stripped, and whether each follows the
    one before after a line break of the page (a <br> marked by _mark_line_breaks), not a
    paragraph's end: a block of its own but for those."""
    lines: list[str] = []
    broken: list[bool] = []
    apart = True  # no line yet, or a paragraph's end since the last
    for line in text.split("\n"):
        if _BR not in line:
            p = line.strip()
            if p:
                lines.append(p)
                broken.append(False)
                apart = False
            continue
        p = " ".join(line.replace(_BR, " ").split())
        if not p:  # a break with nothing after it: the paragraph's end
            apart = True
            continue
        broken.append(not apart and line.lstrip().startswith(_BR))
        lines.append(p)
        apart = False
    return lines, broken


# What trafilatura keeps of a page's blocks: a table cell holding one of these (or two
# paragraphs) lays a page out rather than holding a figure.
_BLOCKS = ("head", "list", "quote", "table", "p")


def _tables_as_rows(body: Any) -> bool:
    """Rewrite the tables of trafilatura's extracted tree (`<table><row><cell>`) in place: a
    row becomes a paragraph of its cells' texts joined by "; " (empty cells left out), and a
    table that lays a page out (a cell holding a heading, list, quote, table or more than one
    paragraph) gives up its cells' blocks as they are. True when there was a table."""
    from lxml.etree import Element

    tables = list(body.iter("table"))
    for table in reversed(tables):  # the innermost first: a table nested in a cell is its text
        cells = list(table.iter("cell"))
        if any(_lays_out(cell) for cell in cells):
            for cell in cells:  # a cell of text alone reads as a paragraph of its own
                cell.tag = "div" if next(cell.iterdescendants(*_BLOCKS), None) is not None else "p"
            for e in [table, *table.iter("row")]:
                e.tag = "div"
            continue
        parent = table.getparent()
        if parent is None:
            continue
        at = parent.index(table)
        rows: list[Any] = []
        for row in table.iter("row"):
            texts = [_cell_text(cell) for cell in row.iter("cell")]
            line = "; ".join(t for t in texts if t)
            if line:
                rows.append(Element("p"))
                rows[-1].text = line
        if rows:
            rows[-1].tail = table.tail
        for k, p in enumerate(rows):
            parent.insert(at + k, p)
        parent.remove(table)
    return bool(tables)


def _lays_out(cell: Any) -> bool:
    """Whether a table cell holds page blocks rather than one value."""
    found = sum(1 for e in cell.iterdescendants(*_BLOCKS) if e.tag == "p")
    return found > 1 or any(e.tag != "p" for e in cell.iterdescendants(*_BLOCKS))


def _cell_text(cell: Any) -> str:
    """A cell's text on one line: a line break or a block (trafilatura makes "10<br>weeks"
    `10<p>weeks</p>`) reads as a space, white space collapsed."""
    for e in cell.iterdescendants("lb", *_BLOCKS, "item"):
        e.text = " " + (e.text or "")
        e.tail = " " + (e.tail or "")
    return " ".join("".join(cell.itertext()).replace(_BR, " ").split())
