"""Where in a document a refresh of the project memory for some surfaces can change
anything: the places those surfaces stand, as a few SQL range conditions, so that a decision's
refresh reads the spans around them rather than every span of the document."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, or_

from storage.models import EntitySpan

MAX_WINDOWS = 16  # more ranges than this: one window around all of them
NEAR = 200  # places closer than this share a window (fewer, cheaper conditions)


def occurrences(text: str, surfaces: Iterable[str]) -> list[tuple[int, int]]:
    """Every place (overlapping ones too) where one of ``surfaces`` stands in ``text``."""
    places = []
    for surface in surfaces:
        if not surface:
            continue
        at = text.find(surface)
        while at >= 0:
            places.append((at, at + len(surface)))
            at = text.find(surface, at + 1)
    return places


def windows(places: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The places merged into at most ``MAX_WINDOWS`` ranges that cover them all."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(places):
        if merged and start - merged[-1][1] < NEAR:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    if len(merged) > MAX_WINDOWS:
        return [(merged[0][0], max(end for _, end in merged))]
    return merged


def overlapping_any(places: Iterable[tuple[int, int]]) -> ColumnElement[bool]:
    """A condition on entity spans: overlapping one of the windows around ``places``
    (nothing when there are none)."""
    spans = EntitySpan.__table__.c
    ranges = [
        and_(spans.start_offset < end, spans.end_offset > start) for start, end in windows(places)
    ]
    return or_(*ranges) if ranges else spans.id.is_(None)
