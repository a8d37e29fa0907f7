"""The article beside the list, with the current claim's span highlighted and in view."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from workbench.storage import Database, articles


class ArticleView(VerticalScroll, can_focus=False):
    """One article's text; `show(claim)` highlights the claim's span and scrolls to it."""

    COMPONENT_CLASSES: ClassVar = {"article-view--span"}

    def __init__(self, db: Database, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.article_id: int | None = None
        self.text = ""
        self.span: tuple[int, int] | None = None

    def compose(self):
        yield Static(id="article-text")

    def show(self, claim: dict[str, Any] | None) -> None:
        """Show the claim's article with its span highlighted (nothing when None)."""
        body = self.query_one("#article-text", Static)
        if claim is None:
            self.article_id, self.span = None, None
            body.update("")
            self.border_title = "article"
            return
        if claim["article_id"] != self.article_id:
            row = articles.get(self.db, claim["article_id"])
            self.article_id, self.text = claim["article_id"], row["text"]
            self.border_title = Content(row["title"])
        start, end = int(claim["start"]), int(claim["end"])
        self.span = (start, end)
        content = Content(self.text)
        if 0 <= start < end <= len(self.text):
            style = Style.from_rich_style(self.get_component_rich_style("article-view--span"))
            content = content.stylize(style, start, end)
        body.update(content)
        self.call_after_refresh(self._scroll_to_span)

    def _scroll_to_span(self) -> None:
        if self.span is None:
            return
        width = max(self.scrollable_content_region.width, 1)
        before = Content(self.text[: self.span[0]])
        line = sum(max(len(part.wrap(width)), 1) for part in before.split("\n")) - 1
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(line - height // 3, 0), animate=False)
