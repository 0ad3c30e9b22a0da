"""A stance label's holder in the review table: "AGAINST · Putin" in the cell (the author's
label stays just the label, as simple sentence stance reads today), and the holder, the words
naming them and the evidence in the tooltip."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from gui.holder_text import author_text, quoted
from services.reviewing import StanceHolder

SEPARATOR = " · "
TOOLTIP_WORDS = 200  # the longest words quoted whole in a tooltip


def with_holder(label: str, holder: StanceHolder | None) -> str:
    """``label``, followed by the holder unless the article's author holds it."""
    if holder is None or holder.by_author:
        return label
    return f"{label}{SEPARATOR}{holder.name}"


def holder_lines(holder: StanceHolder) -> list[str]:
    """Who holds it, where the text names them, and the evidence: one line each."""
    # The "Holder" context: the same words the stance panel's tooltip shows, translated once.
    translate = QCoreApplication.translate
    name = author_text() if holder.by_author else holder.name
    lines = [translate("Holder", "Holder: {0}").format(name)]
    if holder.words:
        words = quoted(holder.words, TOOLTIP_WORDS)
        lines.append(translate("Holder", "Named in the text as {0}").format(words))
    if holder.evidence:
        words = quoted(holder.evidence, TOOLTIP_WORDS)
        lines.append(translate("Holder", "Evidence: {0}").format(words))
    return lines


def rich_tooltip(lines: list[str]) -> str:
    """Rich text, each line escaped: names and words come from files and may hold "<"."""
    return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
