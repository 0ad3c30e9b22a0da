"""The review's table model: one row per place (entity span, or stance sentence and
target), a column per annotator and the gold version; rows where annotators differ or only
some gave a label are coloured, and can be the only ones shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gui.review_holders import holder_lines, rich_tooltip, with_holder
from services.reviewing import Agreement, ReviewItem

# Rows where annotators differ / only some have a label: the marker text says it too.
DIFFER_COLOUR = QColor("#fbe3d4")
PARTIAL_COLOUR = QColor("#fdf3c4")


class ReviewModel(QAbstractTableModel):
    """One row per place: its text (and target), the agreement marker, one column per
    annotator with their label, and gold."""

    def __init__(self, stance: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stance = stance
        self.annotators: list[str] = []
        self._all: list[ReviewItem] = []
        self.items: list[ReviewItem] = []
        self.only_differences = False

    # -- content ---------------------------------------------------------------------------

    def set_items(self, annotators: list[str], items: list[ReviewItem]) -> None:
        self.beginResetModel()
        self.annotators = annotators
        self._all = items
        self._filter()
        self.endResetModel()

    def set_only_differences(self, only: bool) -> None:
        self.beginResetModel()
        self.only_differences = only
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self.items = [
            i for i in self._all if not self.only_differences or i.status != Agreement.AGREE
        ]

    @property
    def first_annotator_column(self) -> int:
        return 3 if self.stance else 2

    @property
    def gold_column(self) -> int:
        return self.first_annotator_column + len(self.annotators)

    def annotator_at(self, column: int) -> str | None:
        i = column - self.first_annotator_column
        return self.annotators[i] if 0 <= i < len(self.annotators) else None

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.gold_column + 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.gold_column:
                return self.tr("Gold")
            name = self.annotator_at(section)
            if name is not None:
                return name
            heads = (
                [self.tr("Sentence"), self.tr("Target"), self.tr("Agreement")]
                if self.stance
                else [self.tr("Text"), self.tr("Agreement")]
            )
            return heads[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.gold_column:
            return self.tr("The reviewed version, stored apart from everybody's own labels")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.gold_column and not item.gold:
            return QBrush(QColor("#666666"))  # no gold label yet: quieter than a label
        if role == Qt.ItemDataRole.ForegroundRole and item.status in (
            Agreement.DIFFER,
            Agreement.PARTIAL,
        ):
            return QBrush(QColor("#000000"))  # on the light tints below, in any theme
        if role == Qt.ItemDataRole.BackgroundRole:
            if item.status == Agreement.DIFFER:
                return QBrush(DIFFER_COLOUR)
            if item.status == Agreement.PARTIAL:
                return QBrush(PARTIAL_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and (
            column == self.gold_column or (column == self._marker_column and item.status)
        ):
            font = QFont()
            gold = column == self.gold_column
            font.setBold(bool(item.gold) if gold else item.status == Agreement.DIFFER)
            return font
        return None

    @property
    def _marker_column(self) -> int:
        return self.first_annotator_column - 1

    def _text(self, item: ReviewItem, column: int) -> str:
        if column == 0:
            return " ".join(item.text.split())  # a sentence on one line
        if self.stance and column == 1:
            return item.target or ""
        if column == self._marker_column:
            if item.holder_differs:
                return self.tr("≠ holder differs")
            return {
                Agreement.AGREE: self.tr("✓ agree"),
                Agreement.DIFFER: self.tr("≠ differs"),
                Agreement.PARTIAL: self.tr("◐ only some"),
            }[item.status]
        if column == self.gold_column:
            if item.gold:
                return with_holder(item.gold, item.gold_holder)
            return self.tr("✗ removed") if item.gold_removed else self.tr("not reviewed")
        name = self.annotator_at(column)
        if name is None:
            return ""
        label = item.labels.get(name)
        return with_holder(label, item.holders.get(name)) if label is not None else "—"

    def _tooltip(self, item: ReviewItem, column: int) -> str:
        if column == self._marker_column:
            if item.holder_differs:
                return self.tr("Annotators gave the same label but name different holders.")
            return {
                Agreement.AGREE: self.tr("All annotators gave the same label."),
                Agreement.DIFFER: self.tr("Annotators gave different labels."),
                Agreement.PARTIAL: self.tr("Only some annotators have a label here."),
            }[item.status]
        if column == self.gold_column:
            if item.gold:
                gold = self.tr("Gold: {0}").format(item.gold)
                if item.gold_holder is None:
                    return gold
                return rich_tooltip([gold, *holder_lines(item.gold_holder)])
            if item.gold_removed:
                return self.tr("Removed from gold")
            return self.tr("Not reviewed yet: Enter takes the majority's label")
        name = self.annotator_at(column)
        if name is not None:
            return self._annotator_tooltip(item, name)
        return item.text

    def _annotator_tooltip(self, item: ReviewItem, name: str) -> str:
        label = item.labels.get(name)
        if label is None:
            return self.tr("{0} has no label here").format(name)
        holder = item.holders.get(name)
        if holder is None:
            return self.tr("{0}: {1} (Enter takes it into gold)").format(name, label)
        return rich_tooltip(
            [
                self.tr("{0}: {1}").format(name, label),
                *holder_lines(holder),
                self.tr("Enter takes this label, holder and evidence into gold"),
            ]
        )
