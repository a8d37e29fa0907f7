"""Where the tests find the repository's own files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "militants-in-iraq-heading-to-baghdad.txt"
