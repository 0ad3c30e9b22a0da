"""Keep a few lines of text above and below a focused span, as editors keep lines around
the cursor: the annotator reads a name in its sentence, not on the window's edge."""

from __future__ import annotations

import math

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

CONTEXT_LINES = 3


def keep_context(edit: QPlainTextEdit, start: int, end: int, lines: int = CONTEXT_LINES) -> None:
    """Scroll ``edit`` (already showing its Qt positions ``start``–``end``) so that the
    range has ``lines`` lines of text above and below it where the viewport has room; a
    range taller than that shows from its beginning. The document's own first and last
    lines cannot have more above or below them: the scroll bar stops there."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    first = edit.cursorRect(cursor)
    cursor.setPosition(end)
    last = edit.cursorRect(cursor)
    line = max(first.height(), 1)
    height = edit.viewport().height()
    margin = min(lines * line, max(height - line, 0) // 2)
    if last.bottom() - first.top() + 2 * margin > height or first.top() < margin:
        pixels = first.top() - margin  # its beginning, with the lines above it
    elif last.bottom() > height - margin:
        pixels = last.bottom() - (height - margin)
    else:
        return
    bar = edit.verticalScrollBar()  # in lines: QPlainTextEdit scrolls by whole lines
    steps = math.ceil(pixels / line) if pixels > 0 else -math.ceil(-pixels / line)
    bar.setValue(bar.value() + steps)
