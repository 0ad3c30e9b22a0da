"""The actor–target network drawn as two columns: actors (and the article's author) on the
left, targets on the right, an edge per holder and target, green for FAVOR, red for
AGAINST, grey where a holder took both sides, as wide as its labels are many.

One ``paint`` draws the widget and its PNG alike, so the file holds what the window shows.
Targets are ordered by how many labels they have; actors by where their targets are (the
mean of their targets' rows, weighted), which keeps most lines from crossing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from services.network import MIXED, Edge, Network, Node

SIDE_COLOURS = {"FAVOR": "#009e73", "AGAINST": "#d55e00", MIXED: "#999999"}
OTHER_COLOUR = "#0072b2"  # a project's own label that takes a side
ROW, MARGIN, DOT, MIN_WIDTH, MAX_WIDTH = 24.0, 16.0, 5.0, 1.5, 9.0  # pixels
MAX_DOT, LEGEND = DOT + 6, 26.0  # the largest dot's radius; the legend's row below
EXPORT_SCALE = 2  # the PNG has twice the pixels, for print


@dataclass
class _Placed:
    node: Node
    at: QPointF
    name_box: QRectF | None = None  # where its name is written


class NetworkView(QWidget):
    """Draws a ``Network`` of mode actor-target; tooltips tell each node's and edge's counts.
    ``author_label`` is how the author node is named for people."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network: Network | None = None
        self.author_label = self.tr("author")
        self._placed: dict[str, _Placed] = {}
        self._paths: list[tuple[QPainterPath, Edge]] = []  # what each edge's tooltip covers
        self.drawn: list[tuple[QPainterPath, Edge]] = []  # each edge's line, bottom first
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setMinimumSize(480, 240)

    def show_network(self, network: Network | None) -> None:
        self.network = network
        self.update()

    def needed_height(self) -> int:
        """Tall enough for every name of the longer column, a row each (the tab scrolls)."""
        network = self.network
        rows = max(len(network.actors()), len(network.targets())) if network else 0
        return int(max(240, 2 * MARGIN + LEGEND + ROW * rows))

    # ChartTab asks its canvas for these.
    def draw_idle(self) -> None:
        self.update()

    def export_png(self, path: Path) -> None:
        """Writes what the widget shows, at ``EXPORT_SCALE`` times its pixels."""
        image = QImage(self.size() * EXPORT_SCALE, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(EXPORT_SCALE)
        painter = QPainter(image)
        self.paint(painter, QSize(self.width(), self.height()))
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")

    def name_of(self, node: Node) -> str:
        return self.author_label if node.kind == "author" else node.label

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        self.paint(painter, self.size())
        painter.end()

    def paint(self, painter: QPainter, size: QSize) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
        if self.network is None:
            return
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        left, right = self._columns(metrics, size.width())
        self._place(left, right, size.height() - LEGEND)
        self._draw_edges(painter)
        self._draw_nodes(painter, metrics, left, size.width() - right)
        self._draw_legend(painter, metrics, size.height())

    def _columns(self, metrics: QFontMetricsF, width: float) -> tuple[float, float]:
        """x of the actors' dots and of the targets' dots: room for their names beside."""
        assert self.network is not None
        cap = width * 0.38

        def room(nodes: list[Node]) -> float:
            widest = max(
                (self._metrics(metrics, n).horizontalAdvance(self.name_of(n)) for n in nodes),
                default=0,
            )
            return min(cap, widest) + MARGIN + MAX_DOT + 6

        return room(self.network.actors()), width - room(self.network.targets())

    def _node_font(self, node: Node) -> QFont:
        """Targets in bold, the author in italics."""
        font = QFont(self.font())
        font.setItalic(node.kind == "author")
        font.setBold(node.kind == "target")
        return font

    def _metrics(self, metrics: QFontMetricsF, node: Node) -> QFontMetricsF:
        return QFontMetricsF(self._node_font(node)) if node.kind != "actor" else metrics

    def _place(self, left: float, right: float, height: float) -> None:
        assert self.network is not None
        targets = sorted(self.network.targets(), key=lambda n: (-n.statements, n.label))
        row_of = {n.id: i for i, n in enumerate(targets)}
        pull: dict[str, tuple[float, int]] = {}  # actor -> (sum of weight * row, weight)
        for edge in self.network.edges:
            total, weight = pull.get(edge.source, (0.0, 0))
            pull[edge.source] = (total + edge.weight * row_of[edge.target], weight + edge.weight)

        def where(node: Node) -> tuple[float, int, str]:
            total, weight = pull.get(node.id, (0.0, 0))
            return (total / weight if weight else 0.0, -node.statements, node.label)

        actors = sorted(self.network.actors(), key=where)
        self._placed = {}
        for column, x in ((actors, left), (targets, right)):
            step = max(ROW, (height - 2 * MARGIN) / max(len(column), 1))
            top = MARGIN + step / 2
            for i, node in enumerate(column):
                self._placed[node.id] = _Placed(node, QPointF(x, top + i * step))

    def _draw_edges(self, painter: QPainter) -> None:
        assert self.network is not None
        heaviest = max((e.weight for e in self.network.edges), default=1)
        self._paths, self.drawn = [], []
        for edge in sorted(self.network.edges, key=lambda e: e.weight):  # heavy ones on top
            a, b = self._placed[edge.source].at, self._placed[edge.target].at
            path = QPainterPath(a)
            middle = (a.x() + b.x()) / 2
            path.cubicTo(QPointF(middle, a.y()), QPointF(middle, b.y()), b)
            width = MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * edge.weight / heaviest
            colour = QColor(SIDE_COLOURS.get(edge.side, OTHER_COLOUR))
            colour.setAlpha(200)
            pen = QPen(colour, width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            stroker = QPainterPathStroker()
            stroker.setWidth(max(width, 8.0))  # thin lines are hard to point at
            self._paths.append((stroker.createStroke(path), edge))
            self.drawn.append((path, edge))

    def _draw_nodes(
        self, painter: QPainter, metrics: QFontMetricsF, left: float, right: float
    ) -> None:
        painter.setPen(QPen(QColor("#222222"), 1))
        for placed in self._placed.values():
            node, at = placed.node, placed.at
            radius = DOT + min(MAX_DOT - DOT, placed.node.statements**0.5)
            target = node.kind == "target"
            painter.setBrush(QColor("#56b4e9" if target else "#444444"))
            painter.drawEllipse(at, radius, radius)
            painter.setFont(self._node_font(node))
            painter.setPen(QColor("#111111"))
            room = (left if not target else right) - MARGIN - MAX_DOT - 6
            own = self._metrics(metrics, node)
            text = own.elidedText(self.name_of(node), Qt.TextElideMode.ElideRight, room)
            height = metrics.height()
            if target:
                box = QRectF(at.x() + radius + 4, at.y() - height / 2, room, height)
                align = Qt.AlignmentFlag.AlignLeft
            else:
                box = QRectF(at.x() - radius - 4 - room, at.y() - height / 2, room, height)
                align = Qt.AlignmentFlag.AlignRight
            painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), text)
            placed.name_box = box
            painter.setPen(QPen(QColor("#222222"), 1))

    def _draw_legend(self, painter: QPainter, metrics: QFontMetricsF, height: float) -> None:
        """What the colours mean, in the picture too: an exported PNG has no caption."""
        x, y = MARGIN, height - LEGEND / 2
        painter.setFont(self.font())
        for side, text in (
            ("FAVOR", "FAVOR"),
            ("AGAINST", "AGAINST"),
            (MIXED, self.tr("both sides")),
        ):
            pen = QPen(QColor(SIDE_COLOURS[side]), 5)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + 24, y))
            painter.setPen(QColor("#111111"))
            width = metrics.horizontalAdvance(text) + 2
            box = QRectF(x + 30, y - metrics.height() / 2, width, metrics.height())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter), text)
            x += 30 + width + 18
        painter.setPen(QColor("#555555"))
        note = self.tr("line width: number of labels")
        box = QRectF(
            x, y - metrics.height() / 2, metrics.horizontalAdvance(note) + 2, metrics.height()
        )
        painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter), note)

    # --- tooltips ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str:
        """What the node or edge at ``point`` counts ("" where there is none)."""
        for placed in self._placed.values():
            offset = placed.at - point
            near = offset.x() ** 2 + offset.y() ** 2 <= (DOT + 8) ** 2
            if near or (placed.name_box is not None and placed.name_box.contains(point)):
                return self.node_tooltip(placed.node)
        for stroke, edge in reversed(self._paths):  # the one drawn on top first
            if stroke.contains(point):
                return self.edge_tooltip(edge)
        return ""

    def node_tooltip(self, node: Node) -> str:
        counts = self.tr("%n label(s)", "", node.statements)
        documents = self.tr("in %n document(s)", "", node.documents)
        return f"{self.name_of(node)}: {counts} {documents}"

    def edge_tooltip(self, edge: Edge) -> str:
        holder = self._placed[edge.source].node
        target = self._placed[edge.target].node
        counts = self.tr("FAVOR {0}, AGAINST {1}").format(edge.favor, edge.against)
        other = edge.weight - edge.favor - edge.against
        if other:
            counts += ", " + self.tr("other sides {0}").format(other)
        return f"{self.name_of(holder)} → {target.label}: {counts}"
