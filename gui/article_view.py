"""The right-hand side of the window: the selected article's title, details and text, a
notice when entities cannot be suggested for it, the label legend, the highlights and the
stance panel.

Article text is data, never markup: every widget here is set to plain text, so an article
containing ``<b>`` or ``&amp;`` shows exactly those characters.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.article_text import ArticleText
from gui.find_bar import FindBar
from gui.highlights import is_highlighted
from gui.label_legend import LabelLegend
from gui.stance_panel import StancePanel
from services.span_data import DocumentSpans
from services.stance_data import DocumentStance
from services.values import DocumentRow

TEXT_SPLITTER = "articleTextSplitter"
TEXT_MARGIN = 10  # pixels around the text, so it does not touch the frame
# An information bar, readable in light and dark themes alike (fixed colours, no text in it).
NOTICE_STYLE = (
    "QLabel { background-color: #fff4ce; color: #3d3000; border: 1px solid #e3c66b;"
    " border-radius: 3px; padding: 6px; }"
)


class ArticleView(QWidget):
    """Read-only view of one document: ``show_document`` shows its text, ``show_spans``
    paints its entity spans, ``show_stance`` its sentence stance (tints and the stance
    panel), ``set_notice`` says why there are no suggestions."""

    spans_shown = Signal(object)  # DocumentSpans painted now (empty for a new document)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = _plain_label()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.details_label = _plain_label()
        palette = self.details_label.palette()
        # Secondary information in the theme's muted colour (no style sheet to maintain).
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
        )
        self.details_label.setPalette(palette)

        self.notice_label = _plain_label()
        self.notice_label.setStyleSheet(NOTICE_STYLE)
        self.legend = LabelLegend()

        self.min_confidence: float | None = None
        self.text_edit = ArticleText()
        body = self.text_edit.font()
        body.setPointSizeF(body.pointSizeF() * 1.1)  # reading for hours: a little larger
        self.text_edit.setFont(body)
        self.text_edit.document().setDocumentMargin(TEXT_MARGIN)
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_edit.setPlaceholderText(self.tr("Select a document in the list to read it."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.legend)
        self.find_bar = FindBar(self.text_edit)  # Ctrl+F (``gui.find_bar``)
        layout.addWidget(self.find_bar)
        self.stance_panel = StancePanel()
        # The row's sentence is marked and centred; the keys stay with the panel.
        self.stance_panel.sentence_chosen.connect(self.text_edit.show_sentence)
        self.stance_panel.row_chosen.connect(self.text_edit.show_holder)
        self.text_splitter = QSplitter(Qt.Orientation.Vertical)
        self.text_splitter.setObjectName(TEXT_SPLITTER)  # its sizes are kept (window_layout)
        self.text_splitter.addWidget(self.text_edit)
        self.text_splitter.addWidget(self.stance_panel)
        self.text_splitter.setChildrenCollapsible(False)
        self.text_splitter.setStretchFactor(0, 1)
        layout.addWidget(self.text_splitter, 1)
        self.clear()

    def show_document(self, document: DocumentRow, text: str) -> None:
        """Show ``text`` under the document's title, source, language and length."""
        self.title_label.setText(document.title)
        self.details_label.setText(self._details(document))
        self.details_label.show()
        self.text_edit.show_text(text)
        self.spans_shown.emit(DocumentSpans([], [], False))  # never the last document's

    def show_spans(self, spans: DocumentSpans, min_confidence: float) -> int:
        """Highlight the spans worth showing (see ``is_highlighted``) and the legend of the
        project's labels; returns how many spans are highlighted."""
        self.min_confidence = min_confidence  # the spans panel hides what is hidden here
        shown = [span for span in spans.spans if is_highlighted(span, min_confidence)]
        self.text_edit.set_highlights(shown)
        self.legend.set_labels(spans.labels)
        self.legend.show()
        self.spans_shown.emit(spans)
        return len(shown)

    def show_stance(self, stance: DocumentStance, paint: bool = True) -> None:
        """Tint the sentences that take a stance and list the stance rows below the text;
        the panel is hidden in a project without stance targets. ``paint`` False: the tints
        are painted with the next ``show_spans`` (painting twice costs a key press 2 ms)."""
        self.text_edit.set_stance(stance.rows, paint=paint)
        self.stance_panel.set_stance(stance, self.text_edit.text)
        self.stance_panel.setVisible(stance.has_targets or bool(stance.rows))

    def set_notice(self, text: str | None) -> None:
        """Show ``text`` (plain) in the bar above the article, or hide the bar (None)."""
        self.notice_label.setText(text or "")
        self.notice_label.setVisible(bool(text))

    def _details(self, document: DocumentRow) -> str:
        languages = {"de": self.tr("German"), "en": self.tr("English")}
        code = document.language or ""
        language = languages.get(code, code or self.tr("language unknown"))
        length = self.tr("{0} characters").format(QLocale().toString(document.characters))
        return " · ".join(part for part in (document.source, language, length) if part)

    def clear(self) -> None:
        self.title_label.setText(self.tr("No document selected"))
        self.details_label.clear()
        self.details_label.hide()
        self.set_notice(None)
        self.legend.hide()
        self.text_edit.clear()
        self.spans_shown.emit(DocumentSpans([], [], False))
        self.stance_panel.set_stance(DocumentStance([], False, False))
        self.stance_panel.hide()


def _plain_label() -> QLabel:
    label = QLabel()
    # QLabel guesses "rich text" from anything tag-like; titles come from articles.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return label
