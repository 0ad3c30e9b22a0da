"""The row edits that turn one list of spans in text order into another, so that a table
model tells its view what changed (a row changed, came or went) instead of resetting: a
reset repaints every visible row, 60 ms a decision in a long article's spans panel. Qt-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.span_data import HighlightSpan


@dataclass(frozen=True)
class RowEdit:
    """At ``row`` (of the list as edited so far): "change" it to ``span``, "insert" ``span``
    before it, or "remove" it."""

    kind: str
    row: int
    span: HighlightSpan | None = None


def row_edits(
    old: Sequence[HighlightSpan], new: Sequence[HighlightSpan], limit: int
) -> list[RowEdit] | None:
    """The edits, in order, that make ``old`` into ``new`` (both sorted by place); None when
    there are more than ``limit`` (a reset is cheaper then)."""
    edits: list[RowEdit] = []
    i = j = row = 0
    count_old, count_new = len(old), len(new)
    while i < count_old or j < count_new:
        if len(edits) > limit:
            return None
        a = old[i] if i < count_old else None
        b = new[j] if j < count_new else None
        if a is b:  # the same object read again (services.span_data reuses them): unchanged
            i, j, row = i + 1, j + 1, row + 1
            continue
        if a is not None and b is not None and a.start == b.start and a.end == b.end:
            if a != b:
                edits.append(RowEdit("change", row, b))
            i, j, row = i + 1, j + 1, row + 1
        elif b is None or (a is not None and (a.start, a.end) < (b.start, b.end)):
            edits.append(RowEdit("remove", row))
            i += 1
        else:
            edits.append(RowEdit("insert", row, b))
            j, row = j + 1, row + 1
    return edits
