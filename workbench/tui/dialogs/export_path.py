"""Where to write the session's verdict sheet: one line, the next free name proposed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from workbench.errors import WorkbenchError
from workbench.outfile import check_target
from workbench.tui.dialogs.typed_ahead import TypedAhead


class ExportPathDialog(TypedAhead[Path | None]):
    """Returns the file to write (a path relative to `folder` as typed), or None."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "cancel")]

    def __init__(self, proposed: Path, folder: Path) -> None:
        super().__init__()
        self.proposed = proposed
        self.folder = folder

    def compose(self):
        with Vertical(classes="dialog") as box:
            box.border_title = "Export CSV"
            yield Static(f"The session's verdict sheet, to a file in {self.folder}, or"
                         " wherever the path you type says")
            yield Input(str(self.proposed), id="path")
            yield Static("", id="problem", classes="problem")
            yield Static("enter writes · escape cancels · a file that is there is replaced",
                         classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        path = Path(typed).expanduser()
        try:
            if not typed:
                raise WorkbenchError("a file needs a name")
            check_target(path)
        except WorkbenchError as e:  # said here, the path still there to mend
            self.query_one("#problem", Static).update(str(e))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
