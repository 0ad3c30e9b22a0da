"""The spans panel as a dock beside the article: every span of the shown document, kept in
step with the text (choosing a row focuses its span; focusing a span selects its row), with
its keys and context menu (``gui.span_list_actions``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from gui.article_view import ArticleView
from gui.span_focus import span_with_id
from gui.span_list import NO_SPAN_ID, SpanListPanel
from gui.span_list_actions import SpanListActions
from services.span_data import DocumentSpans, HighlightSpan

if TYPE_CHECKING:
    from gui.entity_workflow import EntityWorkflow


class SpansDock(QObject):
    """Builds the dock, adds its toggle to the View menu and connects it both ways."""

    def __init__(
        self,
        window: QMainWindow,
        article: ArticleView,
        view_menu: QMenu,
        entities: EntityWorkflow,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self._article = article
        self.panel = SpanListPanel()
        self.actions = SpanListActions(self.panel, entities, settings, self._go_to_span, window)
        self.dock = QDockWidget(self.tr("Spans"), window)
        self.dock.setObjectName("spansDock")  # saveState() keys docks by name
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        view_menu.addAction(self.dock.toggleViewAction())
        view_menu.addAction(self.actions.show_hidden_action)
        text = article.text_edit
        self.panel.span_chosen.connect(self._go_to_span)
        self.panel.span_activated.connect(lambda *_: text.setFocus())
        text.focus_changed.connect(self._on_focus_changed)
        article.spans_shown.connect(self._on_spans_shown)

    @Slot(object)
    def _on_spans_shown(self, spans: DocumentSpans) -> None:
        self.panel.set_spans(self._article.text_edit.text, spans, self._article.min_confidence)
        self.actions.set_labels(spans.labels)

    @Slot(object)
    def _on_focus_changed(self, span: HighlightSpan | None) -> None:
        self.panel.select_span(span.span_id if span is not None else None)

    @Slot(int, int)
    def _go_to_span(self, start: int, span_id: int) -> None:
        """Focus the span chosen in the panel; one not highlighted (rejected, or a
        suggestion below the confidence threshold) only gets the caret."""
        text = self._article.text_edit
        span = span_with_id(text.highlighted, span_id) if span_id != NO_SPAN_ID else None
        if span is not None:
            text.focus_span(span)
        else:
            text.move_to(start, focus=False)
