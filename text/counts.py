"""Counts in English sentences: "1 document", "2 documents" (the command line and the
reports; the window says its counts through its translations)."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun in the number it needs (``many`` defaults to ``one`` + "s")."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
