"""A stance row's holder and evidence in words: the stance panel's Holder column, its
tooltip, and the picker's "Selected text" entry."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from services.stance_data import SentenceStanceRow

QUOTED_CHARS = 40  # the longest words quoted whole in a menu entry; longer ones are cut


def author_text() -> str:
    return QCoreApplication.translate("Holder", "Author")


def holder_text(row: SentenceStanceRow) -> str:
    """The actor's name, the words that name the holder, or "Author" (translated): the
    stored name "author" means the article's author only when no words name someone."""
    if row.by_author:
        return author_text()
    return " ".join(row.holder.split())


def quoted(words: str, limit: int = QUOTED_CHARS) -> str:
    """«words» on one line, cut with … after ``limit`` characters."""
    line = " ".join(words.split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return f"«{line}»"


def holder_tooltip(row: SentenceStanceRow, text: str) -> str:
    """Rich text: who holds the stance, the words that name them and the evidence, each
    value escaped (names and words come from files)."""
    translate = QCoreApplication.translate
    lines = [translate("Holder", "Holder: {0}").format(holder_text(row))]
    if row.holder_start is not None and row.holder_end is not None:
        words = quoted(text[row.holder_start : row.holder_end], 200)
        lines.append(translate("Holder", "Named in the text as {0}").format(words))
    if row.evidence_start is not None and row.evidence_end is not None:
        words = quoted(text[row.evidence_start : row.evidence_end], 200)
        lines.append(translate("Holder", "Evidence: {0}").format(words))
    return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
