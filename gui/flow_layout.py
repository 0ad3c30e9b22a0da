"""A layout that puts its widgets in a row and wraps them onto the next row when the row is
full (Qt's flow layout example): tool bars and filter bars that stay readable in a narrow
window or at a large text size instead of eliding every text."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Left to right, wrapping; an item that wants to expand (a search box) takes the rest of
    its row, and at least its own minimum."""

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, line_spacing: int | None = None
    ) -> None:
        """``spacing``: pixels between items; ``line_spacing``: between rows (as
        ``spacing`` if not given)."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = spacing if line_spacing is None else line_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802
        """As ``QBoxLayout.insertWidget``: ``widget`` before the item at ``index``."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        """As wide as the widest item: everything else wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not _hidden(i)]

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            need = item.sizeHint().width()
            gap = self._spacing if rows[-1] else 0
            if rows[-1] and used + gap + need > width:
                rows.append([])
                used, gap = 0, 0
            rows[-1].append(item)
            used += gap + need
        return rows

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items (``move``) or only measure; returns the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for row in self._rows(area.width()):
            if not row:
                continue
            height = max(item.sizeHint().height() for item in row)
            widths = [item.sizeHint().width() for item in row]
            gaps = self._spacing * (len(row) - 1)
            spare = max(area.width() - sum(widths) - gaps, 0)
            growing = [n for n, item in enumerate(row) if _expands(item)]
            for n in growing:
                widths[n] += spare // len(growing)
            x = area.x()
            for item, item_width in zip(row, widths, strict=True):
                if move:
                    item_width = min(item_width, area.width())
                    item.setGeometry(QRect(QPoint(x, y), QSize(item_width, height)))
                x += item_width + self._spacing
            y += height + self._line_spacing
        return max(y - self._line_spacing - area.y(), 0) + margins.top() + margins.bottom()


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    if widget is None:
        return False
    policy = widget.sizePolicy().horizontalPolicy()
    return policy in (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)


def _hidden(item: QLayoutItem) -> bool:
    widget = item.widget()
    return widget is not None and widget.isHidden()
