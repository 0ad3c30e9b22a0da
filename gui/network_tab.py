"""The *Network* tab of *View › Statistics…*: who takes which side toward which target
(``gui.network_drawing``), for the whole project or filtered by annotator and target,
counted per label or per document, as ``python main.py export --format network`` counts.

The labels are read once in the background (``services.network.network_job``); a filter
only rebuilds the network from them (``build_network``), which takes no time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from gui.chart_tab import ChartTab
from gui.network_drawing import NetworkView
from services.network import NetworkData, NetworkOptions, build_network

NETWORK = "network"  # the tab's key, as the other tabs' in the statistics dialog
EXPORT_SHORTCUT = QKeySequence.StandardKey.Save  # Ctrl+S: save the picture


class NetworkTab(ChartTab):
    """``show_data`` draws what the filters let through; Export as PNG… saves the drawing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(NETWORK, parent)
        self.data: NetworkData | None = None
        # The drawing takes the chart canvas's place: the dialog exports it the same way.
        self.scroll.takeWidget().deleteLater()
        self.canvas = NetworkView()  # type: ignore[assignment]
        self.view = self.canvas
        self.scroll.setWidget(self.view)
        self.export_button.setText(self.tr("&Export as PNG…"))
        self.export_action = QAction(self.tr("Export as PNG…"), self)
        self.export_action.setShortcut(QKeySequence(EXPORT_SHORTCUT))
        # Anywhere in the statistics window while this tab is shown (a hidden tab's is off).
        self.export_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.export_action.triggered.connect(self.export_button.click)
        self.addAction(self.export_action)
        self.annotator = QComboBox()
        self.target = QComboBox()
        self.count = QComboBox()
        self.count.addItem(self.tr("each label"), "statements")
        self.count.addItem(self.tr("once per document"), "documents")
        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("Ann&otator:"), self.annotator),
            (self.tr("Tar&get:"), self.target),
            (self.tr("&Count:"), self.count),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(self.redraw)
        filters.addStretch(1)
        self.main_layout.insertLayout(1, filters)  # below the caption, above the drawing

    def show_data(self, data: NetworkData) -> None:
        """New labels from the project: the filters keep their choice where it still exists."""
        self.data = data
        everybody, every_target = self.tr("everybody"), self.tr("all targets")
        self._fill(self.annotator, everybody, data.annotators)
        self._fill(self.target, every_target, data.targets)
        self.redraw()

    def _fill(self, combo: QComboBox, everything: str, names: list[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for name in names:
            combo.addItem(name, name)
        found = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def options(self) -> NetworkOptions:
        return NetworkOptions(
            mode="actor-target",
            count=self.count.currentData(),
            annotator=self.annotator.currentData(),
            target=self.target.currentData(),
        )

    @Slot()
    def redraw(self) -> None:
        if self.data is None:
            return
        network = build_network(self.data.statements, self.options())
        self.view.show_network(network)
        if not network.edges:
            filtered = self.annotator.currentIndex() > 0 or self.target.currentIndex() > 0
            self.show_message(
                self.tr("No label of this annotator or target takes a side.")
                if filtered
                else self.tr("No stance label takes a side yet."),
            )
            return
        caption = self.tr(
            "Who takes which side toward which target: actors and the article's author on "
            "the left, targets on the right; green FAVOR, red AGAINST, grey both; the wider "
            "the line, the more labels. %Ln label(s) accepted or edited, in {0} document(s); "
            "point at a line or a name for its counts.",
            "",
            network.statements,
        ).format(network.documents)
        self.show_chart(caption, height=self.view.needed_height())  # a row per name
