"""What the dialogs that edit text in a TextArea share: ctrl+s saves, escape cancels, but
not typed text at the first press."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.widgets import Static, TextArea

from workbench.tui.dialogs.typed_ahead import TypedAhead


class TextEditDialog(TypedAhead[str | None]):
    """A dialog over one TextArea (holding `original`) and a `.hint` line. Escape cancels
    at once when nothing was typed; with changes, the first press says so and a second
    one drops them: a reviewer's paragraph of notes is not lost to one stray key."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "save", priority=True),
        Binding("escape", "cancel", "cancel"),
    ]

    def __init__(self, original: str, *, cursor_at_end: bool = True) -> None:
        super().__init__()
        self.original = original
        self._warned = False
        self._at_end = cursor_at_end

    def on_mount(self) -> None:
        if self._at_end:  # to add to the text, as most edits of notes and claims do
            area = self.query_one(TextArea)
            area.move_cursor(area.document.end)

    def on_resize(self) -> None:
        """Wrap the text again once the new size is laid out: in a real terminal the
        TextArea wrapped it for the size before, cutting and doubling words on screen
        until the next key (QA; the text itself was right)."""
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        area = self.query_one(TextArea)
        area.soft_wrap = False  # setting it back wraps at the width the area has now
        area.soft_wrap = True

    def action_cancel(self) -> None:
        if self._unsaved("escape again drops them"):
            return
        self.dismiss(None)

    def holds_quit(self) -> bool:
        return self._unsaved("ctrl+q again quits without them")

    def _unsaved(self, again: str) -> bool:
        """Whether typed text holds the key back this once (the hint says how to go on)."""
        if self._warned or self.query_one(TextArea).text == self.original:
            return False
        self._warned = True
        self.query_one(".hint", Static).update(f"unsaved changes: {again} · ctrl+s saves")
        return True
