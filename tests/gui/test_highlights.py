"""How spans look: which are highlighted, their formats and offsets, tooltips, the legend,
the notice, and the summary of "suggest for all". No project and no model needed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from gui.article_text import ArticleText
from gui.article_view import ArticleView
from gui.highlights import (
    TextPositions,
    is_highlighted,
    span_format,
    span_tooltip,
    tooltip_html,
)
from gui.suggest_progress import suggest_summary
from services.span_data import DocumentSpans, HighlightSpan, LabelInfo
from services.suggesting import SuggestReport

PER = LabelInfo("PER", "#cc79a7", "p")
LOC = LabelInfo("LOC", "#56b4e9", "l")


def span(
    start: int,
    end: int,
    label: LabelInfo = PER,
    state: str = "suggested",
    confidence: float | None = 0.8765,
    kind: str = "model",
    name: str | None = "de_standpunkt_ner",
    version: str | None = "0.1.0",
    detail: str | None = None,
) -> HighlightSpan:
    return HighlightSpan(start, end, label, state, kind, name, version, detail, confidence)


def test_which_spans_are_highlighted() -> None:
    assert is_highlighted(span(0, 1, confidence=0.3), 0.3)
    assert not is_highlighted(span(0, 1, confidence=0.29), 0.3)
    assert is_highlighted(span(0, 1, confidence=None), 0.3)  # no confidence: shown
    # An annotator's decision is shown whatever the machine's confidence was.
    assert is_highlighted(span(0, 1, state="accepted", confidence=0.01), 0.3)
    assert is_highlighted(span(0, 1, state="edited", confidence=0.01), 0.3)
    assert not is_highlighted(span(0, 1, state="rejected", confidence=0.99), 0.3)


def test_suggestions_look_different_from_decisions() -> None:
    suggested = span_format(span(0, 1, LOC))
    accepted = span_format(span(0, 1, LOC, state="accepted"))
    for text_format in (suggested, accepted):
        assert text_format.background().color().rgb() == QColor(LOC.colour).rgb()
    assert suggested.background().color().alpha() < accepted.background().color().alpha()
    assert suggested.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert suggested.underlineColor().name() == LOC.colour
    assert accepted.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    # A label colour the database holds but Qt cannot read becomes grey, not black.
    odd = span_format(span(0, 1, LabelInfo("X", "#zzzzzz")))
    assert odd.background().color().rgb() == QColor("#bbbbbb").rgb()


def test_the_tooltip_says_label_state_origin_and_confidence() -> None:
    model = span_tooltip(span(0, 5, detail="confirmed by pattern country/RU"))
    assert model.splitlines() == [
        "PER · suggestion",
        "model de_standpunkt_ner 0.1.0 (confirmed by pattern country/RU)",
        "confidence 88%",
    ]
    pattern = span_tooltip(
        span(0, 5, LOC, confidence=0.9, kind="pattern", name="countries.jsonl", detail="country/RU")
    )
    assert pattern.splitlines() == [
        "LOC · suggestion",
        "pattern countries.jsonl: country/RU",
        "confidence 90%",
    ]
    manual = span_tooltip(span(0, 5, state="accepted", confidence=None, kind="manual", name=None))
    assert manual.splitlines() == ["PER · accepted", "added by hand"]


def test_the_tooltip_escapes_names_from_files() -> None:
    odd = span(0, 5, LabelInfo("<b>X</b>", "#123456"), kind="pattern", name="a&b.jsonl")
    html = tooltip_html([odd, span(0, 5)])
    assert "<b>X</b>" not in html
    assert "&lt;b&gt;X&lt;/b&gt;" in html and "a&amp;b.jsonl" in html
    assert html.startswith("<qt>") and html.count("<hr>") == 1  # two spans, one rule


def test_offsets_count_characters_as_python_does_not_utf16() -> None:
    text = "😀 Berlin 👍🏽 und Olaf Scholz"
    positions = TextPositions(text)
    for offset in range(len(text) + 1):
        qt = positions.to_qt(offset)
        assert qt == len(text[:offset].encode("utf-16-le")) // 2
        assert positions.from_qt(qt) == offset
    # A position inside a surrogate pair belongs to that character.
    assert positions.from_qt(1) == 0


def test_highlights_after_emoji_cover_the_right_words(qtbot) -> None:
    text = "😀 Berlin 👍🏽 und Olaf Scholz"
    view = ArticleText()
    qtbot.addWidget(view)
    view.show_text(text)
    start = text.index("Olaf")
    view.set_highlights([span(start, start + len("Olaf Scholz")), span(2, 8, LOC)])
    selections = view.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == ["Olaf Scholz", "Berlin"]
    assert view.toPlainText() == text
    view.show_text("Neu")  # another text: the old highlights go
    assert view.extraSelections() == [] and view.highlighted == []


def test_hovering_a_highlight_shows_its_tooltip(qtbot) -> None:
    text = "Heute in Berlin.\nMorgen in Wien."
    view = ArticleText()
    qtbot.addWidget(view)
    view.resize(500, 200)
    view.show()
    qtbot.waitExposed(view)
    view.show_text(text)
    start = text.index("Berlin")
    view.set_highlights([span(start, start + 6, LOC, confidence=0.9)])

    def point_in(offset: int) -> QPoint:
        cursor = QTextCursor(view.document())
        cursor.setPosition(offset)
        rect = view.cursorRect(cursor)
        return QPoint(rect.left() + 2, rect.center().y())

    assert view.offset_at(point_in(start)) == start
    assert view.offset_at(point_in(start + 3)) == start + 3
    assert "LOC · suggestion" in view.tooltip_at(point_in(start + 3))
    assert "confidence 90%" in view.tooltip_at(point_in(start + 5))
    assert view.tooltip_at(point_in(start + 6)) == ""  # the full stop after it
    assert view.tooltip_at(point_in(0)) == ""
    end_of_line = point_in(text.index("\n"))
    assert view.offset_at(QPoint(end_of_line.x() + 200, end_of_line.y())) is None
    below = point_in(len(text))
    assert view.offset_at(QPoint(10, below.y() + 100)) is None

    # The viewport's tooltip event shows it.
    viewport = view.viewport()
    inside = point_in(start + 2)
    event = QHelpEvent(QEvent.Type.ToolTip, inside, viewport.mapToGlobal(inside))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "LOC" in QToolTip.text()
    QToolTip.hideText()


def test_the_article_view_legend_and_notice_are_plain_text(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.show()
    labels = [PER, LOC, LabelInfo("<i>NEU</i>", "#123456")]
    spans = DocumentSpans(labels, [span(0, 3), span(4, 6, state="rejected")], suggested=True)
    assert view.show_spans(spans, 0.3) == 1
    assert view.legend.chip_texts() == ["PER (p)", "LOC (l)", "<i>NEU</i>"]
    assert all(chip.textFormat().name == "PlainText" for chip in view.legend.chips)
    assert view.legend.isVisible()
    view.set_notice("No <b>English</b> pipeline")
    assert view.notice_label.isVisible()
    assert view.notice_label.textFormat().name == "PlainText"
    view.set_notice(None)
    assert not view.notice_label.isVisible()
    view.clear()
    assert not view.legend.isVisible()


def test_the_summary_of_suggesting_for_all() -> None:
    report = SuggestReport(documents=3, added=20, kept=4, removed=1)
    report.pipelines["de"] = "de_standpunkt_ner@0.1.0"
    message = suggest_summary(report)
    assert message.icon == QMessageBox.Icon.Information
    assert message.text == "Suggested entities for 3 documents: 20 new, 4 kept, 1 withdrawn."
    assert message.details == "de: de_standpunkt_ner@0.1.0"
    assert message.informative == ""

    report.skipped["fr"] = "'fr_model' cannot be loaded <see --model>"
    report.cancelled = True
    message = suggest_summary(report)
    assert message.icon == QMessageBox.Icon.Warning  # nothing suggested for French
    assert "Cancelled" in message.text
    # Plain text, as the message box shows it (no <qt>, <br> or &#x27; on screen).
    assert message.informative == (
        "Not suggested for some languages:\nfr: 'fr_model' cannot be loaded <see --model>"
    )

    one = SuggestReport(documents=1, added=2)
    one.pipelines["en"] = "patterns only"
    one.skipped["en"] = "No English pipeline is installed"
    message = suggest_summary(one)
    assert message.icon == QMessageBox.Icon.Information  # the pattern files did suggest
    assert message.text == "Suggested entities for 1 document: 2 new, 0 kept, 0 withdrawn."
    assert message.informative.startswith("Only the pattern files suggested for these languages")
