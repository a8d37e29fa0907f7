"""Split an article into checkable claims with rules: offline, deterministic, fast.

The public face is `split(text) -> list[Claim]`.
"""

from __future__ import annotations

from workbench.model import Claim
from workbench.split.pipeline import split

__all__ = ["Claim", "split"]
