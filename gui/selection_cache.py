"""The article text's extra selections, kept between paints so that a decision rebuilds
only the entries that changed.

Building an extra selection (a cursor and a format) costs about 60 µs in Python: 2,700
highlights rebuilt per key cost 160 ms. Kept here, one decision rebuilds the one or two
spans it changed, and ``QPlainTextEdit.setExtraSelections`` (which compares the new list
with the old one itself) repaints only where they differ.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextEdit

from gui.highlights import TextPositions, extra_selections, focus_selection
from gui.stance_view import stance_selections
from services.span_data import HighlightSpan
from services.stance_data import SentenceStanceRow

Selection = QTextEdit.ExtraSelection


def _looks_alike(old: HighlightSpan, new: HighlightSpan) -> bool:
    """Whether ``new`` is drawn as ``old`` was: the same place, state and colour (what
    ``span_format`` reads). Cheaper than comparing every field, 2,700 times a key."""
    return (
        old.start == new.start
        and old.end == new.end
        and old.state == new.state
        and old.label.colour == new.label.colour
    )


class SelectionCache:
    """Stance tints first, then one selection per highlighted span, then the focus mark, with
    the marks the caller keeps in between: ``selections()`` in painting order (later ones
    paint on top)."""

    def __init__(self) -> None:
        self._document: QTextDocument | None = None
        self._positions = TextPositions("")
        self._stance_rows: list[SentenceStanceRow] | None = None
        self._stance: list[Selection] = []
        self._built: dict[Hashable, tuple[HighlightSpan, Selection]] = {}
        self._spans: list[Selection] = []
        self._focus: list[Selection] = []
        self.built = 0  # span selections built since the text was set (tests count them)

    def reset(self, document: QTextDocument, positions: TextPositions) -> None:
        """A new text: nothing built for the old one fits it."""
        self._document, self._positions = document, positions
        self._stance_rows, self._stance = None, []
        self._built, self._spans, self._focus = {}, [], []
        self.built = 0

    def set_stance(self, rows: Sequence[SentenceStanceRow]) -> None:
        rows = list(rows)
        if rows == self._stance_rows:
            return  # an entity decision: the tints stay as they are
        self._stance_rows = rows
        self._stance = self._build(lambda d, p: stance_selections(d, rows, p))

    def set_spans(self, spans: Sequence[HighlightSpan]) -> None:
        """One selection per span, reusing those of spans that did not change."""
        built: dict[Hashable, tuple[HighlightSpan, Selection]] = {}
        selections: list[Selection] = []
        old = self._built
        for span in spans:
            # The cached selection a span may reuse: its row's, or its place's without an id.
            key: Hashable = span.span_id
            if key is None:
                key = (span.start, span.end, span.label)
            cached = old.get(key)
            if cached is None or (cached[0] is not span and not _looks_alike(cached[0], span)):
                [selection] = self._build(lambda d, p, s=span: extra_selections(d, [s], p))
                cached = (span, selection)
                self.built += 1
            built[key] = cached
            selections.append(cached[1])
        self._built, self._spans = built, selections

    def set_focus(self, span: HighlightSpan | None) -> None:
        self._focus = (
            [] if span is None else self._build(lambda d, p: [focus_selection(d, span, p)])
        )

    @property
    def stance_count(self) -> int:
        """How many of ``selections()`` (the first ones) are stance tints."""
        return len(self._stance)

    def selections(
        self,
        mark: Sequence[Selection] = (),
        under: Sequence[Selection] = (),
        over: Sequence[Selection] = (),
    ) -> list[Selection]:
        """In painting order: the stance tints, ``mark`` (the sentence chosen in the stance
        panel), ``under`` (find matches), the spans, the focus mark, ``over`` (the current
        find match)."""
        return [*self._stance, *mark, *under, *self._spans, *self._focus, *over]

    def _build(
        self, make: Callable[[QTextDocument, TextPositions], list[Selection]]
    ) -> list[Selection]:
        if self._document is None:
            return []
        return make(self._document, self._positions)
