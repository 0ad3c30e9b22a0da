"""Which highlighted span has the keyboard's attention, and where it goes next. Qt-free.

Spans are compared by their place in the text, ``(start, end)``, so the order is the
reading order. A span keeps its place when an annotator decides on it, but not its id (a
decided suggestion becomes the annotator's own row), so after a repaint the focus is found
again by id first and by place second.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import attrgetter

from services.span_data import HighlightSpan
from services.values import AnnotationState

Place = tuple[int, int]
OPEN = AnnotationState.SUGGESTED.value
_PLACE = attrgetter("start", "end")


def place(span: HighlightSpan) -> Place:
    return (span.start, span.end)


def is_open(span: HighlightSpan) -> bool:
    """A suggestion nobody has decided on yet (for this annotator)."""
    return span.state == OPEN


def next_open(
    spans: Sequence[HighlightSpan], after: Place, backwards: bool = False
) -> HighlightSpan | None:
    """The open suggestion after ``after`` (before it, ``backwards``), going round the
    document's end to its start; ``None`` when there is none at all."""
    # Bisect, then walk to the nearest open one: Tab in a 2,700-span article sorted them all.
    places = list(map(_PLACE, spans))  # attrgetter: no Python call per span
    if places != sorted(places):
        spans = sorted(spans, key=_PLACE)
        places.sort()
    count = len(spans)
    if backwards:
        first = bisect_left(places, after) - 1
        walk = [*range(first, -1, -1), *range(count - 1, first, -1)]
    else:
        first = bisect_right(places, after)
        walk = [*range(first, count), *range(first)]
    return next((spans[i] for i in walk if spans[i].state == OPEN), None)


def find_again(spans: Sequence[HighlightSpan], old: HighlightSpan) -> HighlightSpan | None:
    """``old`` among newly read ``spans``: the same row, else the span at the same place."""
    same_id = span_with_id(spans, old.span_id) if old.span_id is not None else None
    return same_id or span_at_place(spans, place(old), overlapping=False)


def span_with_id(spans: Sequence[HighlightSpan], span_id: int) -> HighlightSpan | None:
    return next((s for s in spans if s.span_id == span_id), None)


def span_at_place(
    spans: Sequence[HighlightSpan], where: Place, overlapping: bool = True
) -> HighlightSpan | None:
    """The span exactly at ``where``; else (``overlapping``) the first one overlapping it."""
    exact = [s for s in spans if place(s) == where]
    if exact or not overlapping:
        return exact[0] if exact else None
    start, end = where
    return next((s for s in spans if s.start < max(end, start + 1) and start < s.end), None)


def spans_under(spans: Sequence[HighlightSpan], offset: int) -> list[HighlightSpan]:
    """The spans covering the character at ``offset``, shortest first (the innermost of
    overlapping spans is the one a click most likely means)."""
    covering = [s for s in spans if s.start <= offset < s.end]
    return sorted(covering, key=lambda s: (s.end - s.start, s.start))


def clicked_span(
    spans: Sequence[HighlightSpan], offset: int, focused: HighlightSpan | None
) -> HighlightSpan | None:
    """The span a click at ``offset`` focuses: the innermost one there, or, clicking the
    focused one again where spans overlap, the next one out."""
    under = spans_under(spans, offset)
    if focused is not None and focused in under and len(under) > 1:
        return under[(under.index(focused) + 1) % len(under)]
    return under[0] if under else None


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` on one line, shortened to ``limit`` characters (for undo texts)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
