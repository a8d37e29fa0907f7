"""How things read in what the workbench says: counts ("1 claim", "2 claims") and a text's
edit on one line ("…killed [12 → 15] people")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """`n` and `noun`, in the plural (`plural`, else noun + "s") unless `n` is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def word_edit(old: str, new: str, lead: int) -> str:
    """`old` edited into `new`, on one line: the words they share as they are (of those
    before the first edit, the whole words in the last `lead` characters), each edit as
    [old → new]."""
    import difflib  # here: the workbench's start has no need of it

    a, b = old.split(" "), new.split(" ")
    parts = []
    for op, i, j, k, m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(a[i:j]))
        else:
            edit = f"[{' '.join(a[i:j])} → {' '.join(b[k:m])}]"
            parts.append(edit.replace("[ ", "[").replace(" ]", "]"))
    if len(parts) > 1 and not parts[0].startswith("[") and len(parts[0]) > lead:
        tail = parts[0][len(parts[0]) - lead + 1 :]
        parts[0] = "…" + (tail.partition(" ")[2] or tail)  # from a word's start
    return " ".join(parts)
