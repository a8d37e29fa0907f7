"""How counts read in what the workbench says: "1 claim", "2 claims"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """`n` and `noun`, in the plural (`plural`, else noun + "s") unless `n` is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
