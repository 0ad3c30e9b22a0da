"""The document list as a Qt table model that reads the project a page at a time.

Only the rows the view has scrolled to are in memory: ``canFetchMore``/``fetchMore`` load the
next page when the view needs it, so a project of 100,000 documents opens as fast as one of
ten. The model shows text only through ``DisplayRole``, which views never render as HTML.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from gui.flag_icon import unsure_icon
from services.documents import DocumentSource
from services.values import (
    DESCENDING,
    DOCUMENT_ORDERS,
    IMPORT_ORDER,
    NO_FILTER,
    UNCERTAINTY_ORDER,
    DocumentFilter,
    DocumentRow,
    DocumentStatusValue,
    StorageError,
)

log = logging.getLogger(__name__)

# Columns a header click sorts by, and the order each gives (see storage.documents).
SORTED_COLUMNS = {0: "title", 1: "language", 2: "status", 3: "spans", 4: "characters"}
PAGE_SIZE = 200
REFRESH_DELAY_MS = 30  # a changed row is read again this long after the change
AnyIndex = QModelIndex | QPersistentModelIndex

__all__ = ["DocumentSource", "DocumentTableModel"]  # the source is the services' own


class DocumentTableModel(QAbstractTableModel):
    """Rows are documents in import order, or with ``set_order("uncertainty")`` those with
    the least confident open suggestions first; columns are Title, Language, Status, Spans,
    Characters, Uncertainty. ``reset_source`` switches project (or reloads after an import)."""

    TITLE, LANGUAGE, STATUS, SPANS, CHARACTERS, UNCERTAINTY = range(6)
    COLUMN_COUNT = 6
    NUMBER_COLUMNS = (SPANS, CHARACTERS, UNCERTAINTY)  # right-aligned

    load_failed = Signal(str)  # a page could not be read; the message is for the status bar

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._page_size = page_size
        self._source: DocumentSource | None = None
        self._order = IMPORT_ORDER
        self._filter = NO_FILTER
        self._rows: list[DocumentRow] = []
        self._total = 0
        # Where the next page starts: the key of the last row read, as it was read. Kept apart
        # from the rows because refresh_document changes a row's uncertainty in place.
        self._after: tuple[float | None, int] | None = None
        # Rows read again a moment after a decision (``refresh_later``): the article is
        # painted first, and a burst of changes reads each row once.
        self._stale: set[int] = set()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_stale)

    # --- what the window uses -------------------------------------------------------------

    def reset_source(self, source: DocumentSource | None) -> None:
        """Show ``source`` (None: nothing), starting again with its first page."""
        rows: list[DocumentRow] = []
        total, error = 0, None
        if source is not None:
            try:
                total = source.count(**self._filter_arguments())
                wanted = min(self._page_size, total)
                rows = source.page(0, wanted, order=self._order, **self._filter_arguments())
                if len(rows) < wanted:  # deleted since counting: do not ask for more
                    total = len(rows)
            except StorageError as exc:
                rows, total, error = [], 0, exc
        self.beginResetModel()
        self._stale.clear()  # every row is read anew
        self._source, self._rows, self._total = source, rows, total
        self._after = _key(rows[-1], self._order) if rows else None
        self.endResetModel()
        if error is not None:
            self._report(error)

    def reload(self) -> None:
        """Read the project again (after an import, or new suggestions), from the first page."""
        self.reset_source(self._source)

    @property
    def order(self) -> str:
        """How the rows are ordered: "import" (the default) or "uncertainty"."""
        return self._order

    def set_order(self, order: str) -> None:
        """List the documents in ``order`` ("import", "uncertainty", or a column such as
        "title" / "title-desc"), from the first page. Raises ValueError for another order."""
        if order not in DOCUMENT_ORDERS:
            raise ValueError(f"unknown document order {order!r}")
        if order != self._order:
            self._order = order
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a column header: sort by that column (Uncertainty: most uncertain
        first, whichever way); -1, no column, is import order."""
        if column == self.UNCERTAINTY:
            self.set_order(UNCERTAINTY_ORDER)
            return
        name = SORTED_COLUMNS.get(column)
        if name is None:
            self.set_order(IMPORT_ORDER)
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_order(name + DESCENDING if descending else name)

    @property
    def document_filter(self) -> DocumentFilter:
        """Which documents are listed (``NO_FILTER``: all)."""
        return self._filter

    def set_filter(self, document_filter: DocumentFilter, *, reload: bool = True) -> None:
        """List only the documents that pass ``document_filter``, from the first page
        (``reload`` False: from the next ``reset_source`` on, e.g. for another project)."""
        if document_filter != self._filter:
            self._filter = document_filter
            if reload:
                self.reload()

    @property
    def total(self) -> int:
        """How many documents pass the filter (not how many rows are loaded)."""
        return self._total

    def refresh_document(self, document_id: int) -> None:
        """Read one loaded document's row again (its spans changed), keeping the others."""
        row = self.row_of(document_id)
        if row is None or self._source is None:
            return
        try:
            fresh = self._source.row(document_id)
        except StorageError as exc:
            self._report(exc)
            return
        if fresh is not None:
            self._rows[row] = fresh
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))

    def refresh_later(self, document_ids: Iterable[int]) -> None:
        """Read these documents' rows again once the window has painted the change (a row of
        a 2,700-span article costs 8 ms to count, and a decision may change a dozen)."""
        self._stale.update(document_ids)
        if self._stale and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _refresh_stale(self) -> None:
        stale, self._stale = sorted(self._stale), set()
        for document_id in stale:
            self.refresh_document(document_id)

    def document_row(self, row: int) -> DocumentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, document_id: int) -> int | None:
        """The row of a loaded document, or None when it is not (yet) loaded."""
        for row, document in enumerate(self._rows):
            if document.id == document_id:
                return row
        return None

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._source is not None and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        assert self._source is not None
        offset = len(self._rows)
        limit = min(self._page_size, self._total - offset)
        try:
            # Keyset paging after the last row read: deep pages cost what the first does.
            page = self._source.page(
                offset, limit, order=self._order, after=self._after, **self._filter_arguments()
            )
        except StorageError as exc:
            page = []
            self._report(exc)
        if page:
            self._after = _key(page[-1], self._order)
        if len(page) < limit:
            # Fewer than counted (deleted elsewhere, or unreadable): stop asking for more.
            self._total = offset + len(page)
        # A document whose uncertainty fell since it was listed comes again further down.
        loaded = {document.id for document in self._rows}
        page = [document for document in page if document.id not in loaded]
        if page:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        document = self.document_row(index.row()) if index.isValid() else None
        if document is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(document, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return document.id
        if column == self.TITLE and document.unsure_note is not None:
            return self._flag_data(document.unsure_note, role)
        return None

    def _flag_data(self, note: str, role: int) -> Any:
        """A document flagged as unsure: a flag before its title, the note as tooltip."""
        if role == Qt.ItemDataRole.DecorationRole:
            return unsure_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.tr("Flagged as unsure: {0}").format(note) if note else ""
            # Escaped: a tooltip that looks like markup would be shown as rich text.
            return html.escape(text or self.tr("Flagged as unsure")).replace("\n", "<br>")
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.column_tooltips()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Headers line up with their cells: numbers on the right, text on the left.
            numbers = section in self.NUMBER_COLUMNS
            side = Qt.AlignmentFlag.AlignRight if numbers else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- texts --------------------------------------------------------------------------

    def column_titles(self) -> list[str]:
        return [
            self.tr("Title"),
            self.tr("Language"),
            self.tr("Status"),
            self.tr("Open / decided"),
            self.tr("Characters"),
            self.tr("Uncertainty"),
        ]

    def status_text(self, status: DocumentStatusValue) -> str:
        texts = {
            DocumentStatusValue.NEW: self.tr("new"),
            DocumentStatusValue.IN_PROGRESS: self.tr("in progress"),
            DocumentStatusValue.DONE: self.tr("done"),
            DocumentStatusValue.SKIPPED: self.tr("skipped"),
        }
        return texts.get(status, str(status))

    def spans_text(self, open_suggestions: int, decided: int) -> str:
        """E.g. "12 / 33": suggestions still to review, spans accepted or edited."""
        locale = QLocale()
        return self.tr("{0} / {1}").format(
            locale.toString(open_suggestions), locale.toString(decided)
        )

    def column_tooltips(self) -> list[str]:
        return [
            self.tr("The document's title, or the start of its text"),
            self.tr("The document's language"),
            self.tr("Your status of the document"),
            self.tr(
                "Entity suggestions still open for you (hidden low-confidence ones included) / "
                "spans you accepted or edited"
            ),
            self.tr("The length of the text in characters"),
            self.tr("How unsure the least confident open suggestion is"),
        ]

    def uncertainty_text(self, uncertainty: float | None) -> str:
        """A percentage such as "73 %"; empty for a document without open suggestions."""
        if uncertainty is None:
            return ""
        return self.tr("{0} %").format(QLocale().toString(uncertainty * 100, "f", 0))

    def _display(self, document: DocumentRow, column: int) -> str | None:
        if column == self.TITLE:
            # One line in the list: a title with a line break would make rows uneven.
            return " ".join(document.title.split())
        if column == self.LANGUAGE:
            return document.language or "–"
        if column == self.STATUS:
            return self.status_text(document.status)
        if column == self.SPANS:
            return self.spans_text(document.spans, document.decided)
        if column == self.CHARACTERS:
            return QLocale().toString(document.characters)
        if column == self.UNCERTAINTY:
            return self.uncertainty_text(document.uncertainty)
        return None

    def _filter_arguments(self) -> dict[str, DocumentFilter]:
        # Only with a filter: a source that cannot filter (tests' fakes) still lists all.
        return {"document_filter": self._filter} if self._filter.active else {}

    def _report(self, exc: StorageError) -> None:
        log.warning("cannot read documents: %s", exc)
        self.load_failed.emit(self.tr("Cannot read the document list: {0}").format(exc.orig or exc))


def _key(document: DocumentRow, order: str) -> tuple[Any, int]:
    """Where a page that follows ``document`` starts, in ``order``."""
    if order in (IMPORT_ORDER, UNCERTAINTY_ORDER):
        return (document.uncertainty, document.id)
    return (document.sort_value, document.id)
