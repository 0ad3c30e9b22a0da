"""The spans panel: one row per span of the shown document, filtered by text, label and
state; choosing a row by mouse or keys asks the window to jump to that span."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from gui.span_list import NO_SPAN_ID, SpanListPanel
from gui.span_list_model import SpanFilter, SpanListModel
from services.span_data import DocumentSpans, HighlightSpan, LabelInfo

PER = LabelInfo("PER", "#e6194b", "p")
LOC = LabelInfo("LOC", "#3cb44b", "l")
ORG = LabelInfo("ORG", "#4363d8", "o")
TEXT = (
    "Angela Merkel traf in Berlin die <b>NATO</b>-Vertreter und sprach über\n"
    "Russland und die Ukraine."
)


def span(
    text: str, label: LabelInfo, state: str, span_id: int | None, **origin: object
) -> HighlightSpan:
    start = TEXT.index(text)
    return HighlightSpan(start, start + len(text), label, state, span_id=span_id, **origin)  # type: ignore[arg-type]


SPANS = [
    span("Angela Merkel", PER, "accepted", 1, origin_kind="manual"),
    span(
        "Berlin",
        LOC,
        "suggested",
        2,
        origin_kind="model",
        origin_name="de_standpunkt_ner",
        origin_version="0.1.0",
        confidence=0.87,
    ),
    span("<b>NATO</b>", ORG, "suggested", 3, origin_kind="pattern", origin_name="orgs.jsonl"),
    span("über\nRussland", LOC, "edited", 4, origin_kind="manual"),
    span("Russland", LOC, "rejected", 5, origin_kind="pattern", origin_name="countries.jsonl"),
    span("Ukraine", LOC, "suggested", 6, origin_kind="model", origin_name="m", confidence=0.31),
]
DOCUMENT = DocumentSpans([PER, LOC, ORG], SPANS, True)


@pytest.fixture
def panel(qtbot) -> SpanListPanel:  # type: ignore[no-untyped-def]
    panel = SpanListPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.set_spans(TEXT, DOCUMENT)
    panel.show()
    return panel


def place(span: HighlightSpan) -> tuple[int, int]:
    return span.start, span.end


class Chosen:
    """Records the (start, span id) pairs a signal sends."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, start: int, span_id: int) -> None:
        self.calls.append((start, span_id))


def click_row(qtbot, panel: SpanListPanel, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = panel.view.visualRect(panel.model.index(row, SpanListModel.LABEL))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_rows_show_text_label_state_origin_and_confidence_in_text_order(
    panel: SpanListPanel,
) -> None:
    # The rejected span is hidden at first, as in the article.
    assert panel.row_texts() == [
        ("Angela Merkel", "PER", "accepted", "added by hand", ""),
        ("Berlin", "LOC", "suggested", "model de_standpunkt_ner 0.1.0", "87%"),
        ("<b>NATO</b>", "ORG", "suggested", "pattern orgs.jsonl", ""),
        ("über Russland", "LOC", "edited", "added by hand", ""),  # on one line
        ("Ukraine", "LOC", "suggested", "model m", "31%"),
    ]
    titles = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert titles == ["Text", "Label", "State", "Origin", "Confidence"]
    assert panel.count_label.text() == "5 of 6 spans"


def test_label_cells_carry_the_label_colour_and_tooltips_show_markup_literally(
    panel: SpanListPanel,
) -> None:
    model = panel.model
    decoration = model.index(2, SpanListModel.LABEL).data(Qt.ItemDataRole.DecorationRole)
    assert decoration == QColor(ORG.colour)
    assert model.index(2, SpanListModel.TEXT).data(Qt.ItemDataRole.DecorationRole) is None
    # Tooltips are rich text: the span's own "<b>" must arrive escaped, not as bold.
    tooltip = model.index(2, SpanListModel.TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("<qt>")
    assert "&lt;b&gt;NATO&lt;/b&gt;" in tooltip and "<b>" not in tooltip


def test_a_state_is_shown_in_the_language_of_the_interface(
    panel: SpanListPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    german = {"suggested": "Vorschlag", "accepted": "angenommen", "edited": "bearbeitet"}
    monkeypatch.setattr(
        QCoreApplication, "translate", lambda _context, text, *_: german.get(text, text)
    )
    assert [row[2] for row in panel.row_texts()][:3] == ["angenommen", "Vorschlag", "Vorschlag"]


def test_the_filter_matches_span_text_or_label_in_any_case(qtbot, panel: SpanListPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(panel.filter_edit, "nato")
    assert [row[0] for row in panel.row_texts()] == ["<b>NATO</b>"]
    assert panel.count_label.text() == "1 of 6 spans"
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "Loc")
    assert [row[0] for row in panel.row_texts()] == ["Berlin", "über Russland", "Ukraine"]


def test_the_state_checks_show_rejected_spans_or_only_suggestions(
    qtbot, panel: SpanListPanel
) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.hide_rejected_check, Qt.MouseButton.LeftButton)
    rows = panel.row_texts()
    assert ("Russland", "LOC", "rejected", "pattern countries.jsonl", "") in rows
    rejected = panel.model.index(
        rows.index(("Russland", "LOC", "rejected", "pattern countries.jsonl", "")), 0
    )
    assert rejected.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    qtbot.mouseClick(panel.suggestions_only_check, Qt.MouseButton.LeftButton)
    assert [row[0] for row in panel.row_texts()] == ["Berlin", "<b>NATO</b>", "Ukraine"]


def test_span_filter_alone() -> None:
    rejected, suggested = SPANS[4], SPANS[1]
    assert not SpanFilter().accepts(rejected, "Russland")
    assert SpanFilter(hide_rejected=False).accepts(rejected, "Russland")
    assert SpanFilter(text=" BERL ").accepts(suggested, "Berlin")
    assert not SpanFilter(text="per").accepts(suggested, "Berlin")
    assert not SpanFilter(suggestions_only=True).accepts(SPANS[0], "Angela Merkel")


def test_a_click_chooses_the_span_once_and_again_on_the_same_row(
    qtbot, panel: SpanListPanel
) -> None:  # type: ignore[no-untyped-def]
    chosen = Chosen()
    panel.span_chosen.connect(chosen)
    click_row(qtbot, panel, 1)
    assert chosen.calls == [(TEXT.index("Berlin"), 2)]
    # The row is current now; a click on it (after the user scrolled the text) jumps again.
    click_row(qtbot, panel, 1)
    assert chosen.calls == [(TEXT.index("Berlin"), 2)] * 2
    click_row(qtbot, panel, 2)
    assert chosen.calls[2:] == [(TEXT.index("<b>NATO</b>"), 3)]


def test_arrow_keys_choose_each_span_passed_and_enter_activates(
    qtbot, panel: SpanListPanel
) -> None:  # type: ignore[no-untyped-def]
    chosen, activated = Chosen(), Chosen()
    panel.span_chosen.connect(chosen)
    panel.span_activated.connect(activated)
    panel.select_span(1)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert chosen.calls == [(TEXT.index("Berlin"), 2), (TEXT.index("<b>NATO</b>"), 3)]
    assert activated.calls == []
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert activated.calls == [(TEXT.index("<b>NATO</b>"), 3)]


def test_select_span_follows_the_text_without_choosing(panel: SpanListPanel) -> None:
    chosen = Chosen()
    panel.span_chosen.connect(chosen)
    panel.select_span(6)
    selected = panel.selected_span()
    assert selected is not None and selected.span_id == 6
    assert panel.view.selectionModel().isRowSelected(4)
    panel.select_span(5)  # rejected: filtered out, so nothing is selected
    assert panel.selected_span() is None
    panel.select_span(2)
    panel.select_span(None)
    assert panel.selected_span() is None
    assert chosen.calls == []


def test_a_chosen_span_stays_selected_while_the_window_jumps_to_it(
    qtbot, panel: SpanListPanel
) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.hide_rejected_check, Qt.MouseButton.LeftButton)
    # A rejected span is not highlighted: moving the caret there unfocuses the text's span.
    panel.span_chosen.connect(lambda _start, _id: panel.select_span(None))
    click_row(qtbot, panel, 4)
    assert (selected := panel.selected_span()) is not None and selected.span_id == 5


def test_new_spans_keep_the_selected_span_selected(qtbot, panel: SpanListPanel) -> None:  # type: ignore[no-untyped-def]
    chosen = Chosen()
    panel.span_chosen.connect(chosen)
    panel.select_span(2)
    qtbot.keyClicks(panel.filter_edit, "e")  # still listed after filtering: still selected
    assert (selected := panel.selected_span()) is not None and selected.span_id == 2
    panel.filter_edit.clear()
    panel.select_span(3)
    # Accepting a suggestion stores the annotator's own row: a new id at the same place.
    accepted = [
        HighlightSpan(s.start, s.end, s.label, "accepted", "manual", span_id=30)
        if s.span_id == 3
        else s
        for s in SPANS
    ]
    panel.set_spans(TEXT, DocumentSpans(DOCUMENT.labels, accepted, True))
    selected = panel.selected_span()
    assert selected is not None and (selected.span_id, selected.state) == (30, "accepted")
    assert chosen.calls == []


def test_a_span_focused_before_its_row_is_listed_is_selected_when_it_is(
    panel: SpanListPanel,
) -> None:
    # The text repaints (and focuses the accepted span, a new row) before the list is set.
    chosen = Chosen()
    panel.span_chosen.connect(chosen)
    panel.select_span(30)
    assert panel.selected_span() is None
    accepted = [*SPANS[:2], HighlightSpan(*place(SPANS[2]), ORG, "accepted", "manual", span_id=30)]
    panel.set_spans(TEXT, DocumentSpans(DOCUMENT.labels, accepted, True))
    assert (selected := panel.selected_span()) is not None and selected.span_id == 30
    assert chosen.calls == []


def test_a_span_not_stored_yet_is_chosen_without_an_id(qtbot, panel: SpanListPanel) -> None:  # type: ignore[no-untyped-def]
    panel.set_spans(
        TEXT,
        DocumentSpans(
            DOCUMENT.labels, [span("Berlin", LOC, "edited", None, origin_kind="manual")], True
        ),
    )
    with qtbot.waitSignal(panel.span_chosen) as blocker:
        click_row(qtbot, panel, 0)
    assert blocker.args == [TEXT.index("Berlin"), NO_SPAN_ID]
