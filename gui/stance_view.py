"""How sentence stance looks: a light tint of the label's colour behind sentences that take
a side (painted under the entity highlights), a tooltip per sentence, and the table model of
the stance panel (``gui.stance_panel``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QTextEdit,
    QWidget,
)

from gui.highlights import FALLBACK_COLOUR, TextPositions
from gui.holder_text import holder_text, holder_tooltip
from gui.nlp_explanations import stance_explanation_text
from services.stance_data import SentenceStanceRow

STANCE_SUGGESTION_ALPHA = 40  # of 255: lighter than an entity suggestion (60)
STANCE_DECIDED_ALPHA = 90  # accepted or edited stance: a clearly stronger tint
_INDEX = QModelIndex | QPersistentModelIndex


def stance_colour(row: SentenceStanceRow) -> QColor:
    colour = QColor(row.colour)
    return colour if colour.isValid() else QColor(FALLBACK_COLOUR)


def sentence_rows(rows: Sequence[SentenceStanceRow]) -> dict[tuple[int, int], list]:
    """The rows grouped by sentence (start, end), in text order."""
    sentences: dict[tuple[int, int], list[SentenceStanceRow]] = {}
    for row in sorted(rows, key=lambda r: (r.start, r.end, r.target)):
        sentences.setdefault((row.start, row.end), []).append(row)
    return sentences


def sentence_stance(rows: Sequence[SentenceStanceRow]) -> SentenceStanceRow | None:
    """The row whose colour a sentence gets: a decision before a suggestion, then the most
    confident; None when no row of the sentence takes a side."""
    sided = [row for row in rows if row.takes_side]
    if not sided:
        return None
    return max(sided, key=lambda r: (r.state != "suggested", r.confidence or 0.0))


def stance_format(row: SentenceStanceRow) -> QTextCharFormat:
    background = stance_colour(row)
    suggested = row.state == "suggested"
    background.setAlpha(STANCE_SUGGESTION_ALPHA if suggested else STANCE_DECIDED_ALPHA)
    text_format = QTextCharFormat()
    text_format.setBackground(background)
    return text_format


def stance_selections(
    document: QTextDocument, rows: Sequence[SentenceStanceRow], positions: TextPositions
) -> list[QTextEdit.ExtraSelection]:
    """One extra selection per sentence that takes a side (to be painted under the entity
    highlights: put them first in the list)."""
    last = max(document.characterCount() - 1, 0)
    selections = []
    for (start, end), group in sentence_rows(rows).items():
        shown = sentence_stance(group)
        if shown is None:
            continue
        cursor = QTextCursor(document)
        cursor.setPosition(min(positions.to_qt(start), last))
        cursor.setPosition(min(positions.to_qt(end), last), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[misc]
        selection.format = stance_format(shown)  # type: ignore[misc]
        selections.append(selection)
    return selections


def stance_at(rows: Sequence[SentenceStanceRow], offset: int) -> list[SentenceStanceRow]:
    """The rows of the sentence at ``offset``, if that sentence takes a side."""
    for (start, end), group in sentence_rows(rows).items():
        if start <= offset < end and sentence_stance(group) is not None:
            return [row for row in group if row.state != "rejected"]
    return []


def state_text(state: str) -> str:
    translate = QCoreApplication.translate
    states = {
        "suggested": translate("Stance", "suggested"),
        "accepted": translate("Stance", "accepted"),
        "edited": translate("Stance", "edited"),
        "rejected": translate("Stance", "rejected"),
    }
    return states.get(state, state)


def percent_text(confidence: float | None) -> str:
    if confidence is None:
        return ""
    return QCoreApplication.translate("Stance", "{0}%").format(
        QLocale().toString(round(confidence * 100))
    )


def stance_line(row: SentenceStanceRow) -> str:
    """E.g. "Stance toward Russland: AGAINST (suggested, 78%) — cues: verurteilte (−1.5)"."""
    translate = QCoreApplication.translate
    details = ", ".join(
        part for part in (state_text(row.state), percent_text(row.confidence)) if part
    )
    line = translate("Stance", "Stance toward {0}: {1} ({2})").format(
        row.target, row.label, details
    )
    why = stance_explanation_text(row.explanation)
    return f"{line} — {why}" if why else line


def stance_tooltip_html(rows: Sequence[SentenceStanceRow]) -> str:
    """One line per target, every value escaped (target names and cues come from files)."""
    lines = [html.escape(stance_line(row)) for row in rows]
    return "<qt>" + "<br>".join(lines) + "</qt>"


def one_line(text: str) -> str:
    """A sentence on one line: line breaks and runs of white space as one space."""
    return " ".join(text.split())


def sentence_tooltip(sentence: str, row: SentenceStanceRow) -> str:
    """The whole sentence (wrapped: rich text) over the row's stance line, escaped."""
    return f"<qt>{html.escape(one_line(sentence))}<br><br>{html.escape(stance_line(row))}</qt>"


class StanceTableModel(QAbstractTableModel):
    """The document's stance rows: the sentence's number (from 1) and text, target, stance,
    holder, state, confidence, explanation."""

    COLUMNS = 8
    NUMBER, SENTENCE, TARGET, LABEL, HOLDER, STATE, CONFIDENCE, EXPLANATION = range(COLUMNS)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SentenceStanceRow] = []
        self._text = ""

    def set_rows(self, rows: Sequence[SentenceStanceRow], text: str = "") -> None:
        """``text``: the document's text, which the rows' offsets point into."""
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (r.start, r.target))
        self._text = text
        self.endResetModel()

    def sentence_text(self, row: int) -> str:
        stance = self._rows[row]
        return self._text[stance.start : stance.end]

    def stance_row(self, row: int) -> SentenceStanceRow:
        return self._rows[row]

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [
            self.tr("No."),
            self.tr("Sentence"),
            self.tr("Target"),
            self.tr("Stance"),
            self.tr("Holder"),
            self.tr("State"),
            self.tr("Confidence"),
            self.tr("Explanation"),
        ]
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            return stance_colour(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.SENTENCE:
                return sentence_tooltip(self.sentence_text(index.row()), row)
            if column == self.HOLDER:
                return holder_tooltip(row, self._text)
            return html.escape(stance_line(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.NUMBER,
            self.CONFIDENCE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.state == "rejected":
            return QBrush(QColor("#888888"))
        return None

    def _display(self, row: SentenceStanceRow, column: int) -> str | None:
        if column == self.NUMBER:
            return QLocale().toString(row.number) if row.number is not None else ""
        if column == self.SENTENCE:  # elided by the view; the tooltip has all of it
            return one_line(self._text[row.start : row.end])
        if column == self.TARGET:
            return row.target
        if column == self.LABEL:
            return row.label
        if column == self.HOLDER:  # elided by the view; the tooltip has all of it
            return holder_text(row)
        if column == self.STATE:
            return state_text(row.state)
        if column == self.CONFIDENCE:
            return percent_text(row.confidence)
        if column == self.EXPLANATION:
            return stance_explanation_text(row.explanation)
        return None
