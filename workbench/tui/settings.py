"""What the reviewer chose in the TUI and finds again next time (the theme), kept in
$XDG_CONFIG_HOME/workbench/tui.json (~/.config/workbench/tui.json when that is unset).

A setting that cannot be read or written is left as Textual's default: looks are not
worth an error in the middle of a review."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.outfile import written_whole


def path() -> Path:
    """Where the settings are kept."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(base) / "workbench" / "tui.json"


def load() -> dict[str, Any]:
    """The settings saved, or none when there are none (or they cannot be read)."""
    try:
        values = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return values if isinstance(values, dict) else {}


def save(**values: Any) -> None:
    """Keep `values` beside those saved before, written whole."""
    file = path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(file) as out:
            json.dump({**load(), **values}, out, indent=1)
    except (OSError, WorkbenchError):
        pass
