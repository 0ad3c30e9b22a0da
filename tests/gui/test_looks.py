"""The window looks right everywhere: readable at 1280×720 and at 150 % text size in German
and English, fits a 1024×700 screen, keeps its layout from one start to the next, turns dark
where the platform ignores the colour-scheme hint, counts what an annotator needs, and says
the suggesters' explanations and numbers in the interface's language."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QWidget,
)

from gui.app import install_translations
from gui.document_model import DocumentTableModel
from gui.highlights import DECIDED_ALPHA, blended, luminance, span_format
from gui.import_progress import summary_message
from gui.main_window import MainWindow
from gui.nlp_explanations import stance_explanation_text
from gui.suggest_progress import stance_summary_line
from gui.theme import apply_theme, is_dark
from services.span_data import HighlightSpan, LabelInfo
from services.suggestion_jobs import StanceReport
from services.values import ImportSummary
from storage.models import EntitySpan
from tests.gui.helpers import TEXT, TEXT_2, open_and_wait, press

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
LONG_TITLES = [
    "Energieversorgung: Berlin setzt auf Flüssiggas aus Katar",
    "Südkorea und Japan vereinbaren neue Gespräche",
]


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """The German interface, as a German locale gets it."""
    translators = install_translations(qapp, GERMAN)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def settle(qtbot, window: QWidget, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    QApplication.processEvents()  # posted layout requests (wrapping rows, columns)


def contrast(one: QColor, other: QColor) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def cut_texts(window: MainWindow) -> list[str]:
    """Visible buttons, check boxes and combo boxes narrower than their text needs, and a
    search box narrower than its placeholder."""
    cut = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QComboBox):
            text = widget.currentText()
        else:
            continue
        if widget.width() < widget.sizeHint().width():
            cut.append(f"{type(widget).__name__} {text!r}")
    search = window.documents.filter_bar.search
    if search.width() < search.fontMetrics().horizontalAdvance(search.placeholderText()):
        cut.append(f"search {search.placeholderText()!r}")
    return cut


def title_room(window: MainWindow) -> tuple[int, int]:
    """(width of the title column, width the first title needs up to its 24th character)."""
    header = window.table.horizontalHeader()
    need = window.table.fontMetrics().horizontalAdvance(LONG_TITLES[0][:24])
    return header.sectionSize(DocumentTableModel.TITLE), need


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_everything_is_readable_at_1280_by_720(
    qtbot, window: MainWindow, make_project, qapp, language: str, scale: float
) -> None:
    translators = install_translations(qapp, GERMAN) if language == "de" else []
    try:
        font = window.font()
        font.setPointSizeF(font.pointSizeF() * scale)  # 150 %: every child follows
        window.setFont(font)
        path = make_project([TEXT, TEXT_2], titles=LONG_TITLES, languages=["de", "de"])
        open_and_wait(qtbot, window, path)
        settle(qtbot, window, 1280, 720)
        assert cut_texts(window) == []
        width, need = title_room(window)
        assert width >= need  # not "E…" any more
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_the_window_fits_a_1024_by_700_screen(
    qtbot, window: MainWindow, make_project, german: None
) -> None:
    open_and_wait(qtbot, window, make_project([TEXT], titles=LONG_TITLES[:1], languages=["de"]))
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700
    settle(qtbot, window, 1024, 700)
    assert window.width() == 1024
    assert cut_texts(window) == []


def test_the_layout_is_kept_from_one_start_to_the_next(
    qtbot, settings: QSettings, make_project
) -> None:  # type: ignore[no-untyped-def]
    path = make_project([TEXT], titles=LONG_TITLES[:1], languages=["de"])
    first = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(first)
    first.show()
    open_and_wait(qtbot, first, path)
    settle(qtbot, first, 780, 560)  # within the offscreen screen: restoring keeps it on screen
    first.splitter.setSizes([260, 300])
    header = first.table.horizontalHeader()
    header.resizeSection(DocumentTableModel.STATUS, 140)
    first.resizeDocks([first.spans.dock], [210], Qt.Orientation.Horizontal)
    first.article.text_splitter.setSizes([300, 150])
    QApplication.processEvents()
    kept = (
        first.size(),
        first.splitter.sizes(),
        first.spans.dock.width(),
        first.article.text_splitter.saveState(),
    )
    qtbot.keyClick(first, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # File › Quit
    assert not first.isVisible()

    second = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(second)
    second.show()
    QApplication.processEvents()
    assert second.size() == kept[0]
    assert second.splitter.sizes() == kept[1]
    assert second.spans.dock.width() == kept[2]
    assert settings.value("window/text_splitter") == kept[3]  # the article above the stance
    assert second.table.horizontalHeader().sectionSize(DocumentTableModel.STATUS) == 140
    second.close()


def test_a_first_start_fits_the_screen(qtbot, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    window.close()


@pytest.fixture
def restore_theme() -> Iterator[None]:
    yield
    apply_theme("system")
    QApplication.processEvents()


def test_the_dark_theme_is_dark_where_the_platform_ignores_the_hint(
    qtbot, window: MainWindow, restore_theme: None
) -> None:
    window.setup.preferences.preferences_action.trigger()
    dialog = window.setup.preferences.dialog
    assert dialog is not None
    combo = dialog.theme_combo
    combo.setFocus()
    while combo.currentData() != "dark":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    QApplication.processEvents()
    assert window.settings.value("view/theme") == "dark"
    assert is_dark(window.palette())
    base = window.article.text_edit.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 64
    # An accepted span's strong colour carries dark text (the theme's would be white).
    accepted = HighlightSpan(0, 6, LabelInfo("LOC", "#56b4e9", "l"), "accepted", "manual")
    text_format = span_format(accepted)
    assert text_format.background().color().alpha() == DECIDED_ALPHA
    shown = blended(text_format.background().color(), base)
    assert contrast(text_format.foreground().color(), shown) >= 4.5  # WCAG AA

    apply_theme("light")
    QApplication.processEvents()
    assert not is_dark(window.palette())


def test_the_spans_column_says_open_and_decided(
    qtbot, window: MainWindow, open_document: Callable[..., object]
) -> None:
    text_edit = open_document([TEXT])
    model = window.model
    assert model.data(model.index(0, DocumentTableModel.SPANS)) == "4 / 0"
    tooltip = model.headerData(
        DocumentTableModel.SPANS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "open" in tooltip and "accepted" in tooltip
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)  # accept Putin
    press(qtbot, text_edit, Qt.Key.Key_Delete)  # reject the next one
    qtbot.waitUntil(lambda: model.data(model.index(0, DocumentTableModel.SPANS)) == "2 / 1")
    assert window.project is not None
    with window.project.db.read() as session:
        states = sorted(str(s.state) for s in session.query(EntitySpan))
    # Four suggestions stay stored; the annotator's two decisions are rows of their own.
    assert states == ["accepted", "rejected"] + ["suggested"] * 4


class Marking(QTranslator):
    """Translates the window's explanations into a marked "German" (the .qm file gets the
    real German with the next lupdate)."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def,override]
        return f"DE[{source}]" if context == "Explanations" else None


def test_stance_explanations_are_translated(qapp: QApplication) -> None:
    marking = Marking(qapp)
    qapp.installTranslator(marking)
    try:
        assert stance_explanation_text("no cue words") == "DE[no cue words]"
        assert stance_explanation_text("Ukraine speaks here; not judged") == (
            "DE[{0} speaks here; not judged]".replace("{0}", "Ukraine")
        )
        assert stance_explanation_text("cues: nicht kritisiert (negated) (+1)") == (
            "DE[cues: {0}]".replace("{0}", "nicht kritisiert DE[(negated)] (+1)")
        )
        assert stance_explanation_text("model stance-de 3") == "DE[model {0}]".replace(
            "{0}", "stance-de 3"
        )
        assert stance_explanation_text("a text of its own") == "a text of its own"  # as it is
        # The holder part of a FAVOR/AGAINST suggestion, in the window's language too.
        assert stance_explanation_text(
            "cues: warnte (−1); holder: Jack Watling, reported speech"
        ) == "DE[cues: {0}]".replace("{0}", "warnte (−1)") + "DE[; holder: {0}, {1}]".replace(
            "{0}", "Jack Watling"
        ).replace("{1}", "DE[reported speech]")
        assert stance_explanation_text("cues: lobte (+1); holder: author") == (
            "DE[cues: {0}]".replace("{0}", "lobte (+1)") + "DE[; holder: the author]"
        )
    finally:
        qapp.removeTranslator(marking)
    assert QCoreApplication.translate("Explanations", "no cue words") == "no cue words"


def test_counts_have_singular_and_plural() -> None:
    assert summary_message(ImportSummary(imported=1)).text == "Imported 1 document."
    assert summary_message(ImportSummary(imported=2)).text == "Imported 2 documents."
    one_span = summary_message(ImportSummary(imported=1, spans=1)).text
    assert one_span == "Imported 1 document. It includes 1 entity span."
    assert ImportSummary(imported=1).lines()[-1].startswith("imported 1 document (0 spans)")
    stance = summary_message(ImportSummary(imported=2, spans=3, stance=5)).text
    assert stance.endswith("They include 3 entity spans. 5 stance labels came with them.")
    attached = summary_message(ImportSummary(imported=0, attached_count=2)).text
    assert (
        attached
        == "Imported 0 documents. Labels were added to 2 documents the project already had."
    )


def test_number_fields_take_the_german_decimal_comma(
    qtbot, window: MainWindow, restore_theme: None
) -> None:
    before = QLocale()
    QLocale.setDefault(GERMAN)  # as create_application does for the German interface
    try:
        window.setup.preferences.preferences_action.trigger()
        dialog = window.setup.preferences.dialog
        assert dialog is not None
        field = dialog.confidence_spin
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, "0,45")
        assert field.value() == pytest.approx(0.45)
        assert field.text() == "0,45"
        field.selectAll()
        qtbot.keyClicks(field, "0.4")  # the point a German user may type as well
        assert field.value() == pytest.approx(0.4)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        assert float(window.settings.value("suggestions/min_confidence")) == pytest.approx(0.4)
    finally:
        QLocale.setDefault(before)


def test_the_stance_summary_counts_one_document() -> None:
    one = StanceReport(documents=1, sentences=3, added=2)
    assert (
        stance_summary_line(one) == "Suggested stance for 1 document (3 sentences): 2 new, 0 kept."
    )
