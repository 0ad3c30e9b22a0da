"""Stance holders and evidence in the spaCy export (``spacy_data``), beside the stance spans.

For a group of stance spans (``doc.spans["stance"]``, or ``"stance_suggestions"`` for the
machine's open suggestions):
- the group's ``attrs["holders"]``: each stance span's holder in span order (an actor's
  name, the words that name the holder, or ``"author"``);
- ``doc.spans["stance_holder"]`` (``"stance_suggestion_holder"``): the words that name a
  holder, widened to whole tokens, labelled like their stance span (``"TARGET:LABEL"``), with
  ``attrs["stance"]`` the index of that stance span in its group and ``attrs["holders"]`` the
  holder's name, both in span order;
- ``doc.spans["stance_evidence"]`` (``"stance_suggestion_evidence"``): the words that carry
  the stance, labelled and indexed the same way.
Labelling by target and side lets a spancat component learn holders and evidence per target,
and the index pairs each one with its sentence without guessing. The groups are set only when
they have spans. Document stance (``doc.cats``) has its holder in
``doc.user_data["document_stance_holders"]``: ``{"TARGET:LABEL": {"holder", "holder_start",
"holder_end", "evidence_start", "evidence_end"}}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

from storage.export.annotation_sets import token_span
from storage.export.clean_values import utf8_text
from storage.export.records import ExportStance

HOLDER_GROUP = "stance_holder"
EVIDENCE_GROUP = "stance_evidence"
SUGGESTION_HOLDER_GROUP = "stance_suggestion_holder"
SUGGESTION_EVIDENCE_GROUP = "stance_suggestion_evidence"
DOCUMENT_HOLDERS = "document_stance_holders"


def add_holders(
    doc: Doc,
    text: str,
    stance_group: str,
    rows: Sequence[ExportStance],
    groups: tuple[str, str] = (HOLDER_GROUP, EVIDENCE_GROUP),
) -> None:
    """The holders and evidence of ``rows``, the stance rows of ``doc.spans[stance_group]``
    in its order; ``groups`` names the holder and the evidence span group. ``text`` is what
    ``doc`` was made of."""
    if not rows:
        return
    doc.spans[stance_group].attrs["holders"] = [utf8_text(row.holder) for row in rows]
    holders: list[Span] = []
    holder_of: list[int] = []
    names: list[str] = []
    evidence: list[Span] = []
    evidence_of: list[int] = []
    for index, row in enumerate(rows):
        label = f"{row.target}:{row.label}"
        words = _words(doc, text, row.holder_start, row.holder_end, label)
        if words is not None:
            holders.append(words)
            holder_of.append(index)
            names.append(utf8_text(row.holder))
        cue = _words(doc, text, row.evidence_start, row.evidence_end, label)
        if cue is not None:
            evidence.append(cue)
            evidence_of.append(index)
    holder_group, evidence_group = groups
    if holders:
        doc.spans[holder_group] = holders
        doc.spans[holder_group].attrs["stance"] = holder_of
        doc.spans[holder_group].attrs["holders"] = names
    if evidence:
        doc.spans[evidence_group] = evidence
        doc.spans[evidence_group].attrs["stance"] = evidence_of


def document_holder(doc: Doc, row: ExportStance) -> None:
    """A document stance row's holder and evidence, by its ``doc.cats`` label."""
    found: dict[str, dict[str, Any]] = doc.user_data.setdefault(DOCUMENT_HOLDERS, {})
    found[utf8_text(f"{row.target}:{row.label}")] = {
        "holder": utf8_text(row.holder),
        "holder_start": row.holder_start,
        "holder_end": row.holder_end,
        "evidence_start": row.evidence_start,
        "evidence_end": row.evidence_end,
    }


def _words(doc: Doc, text: str, start: int | None, end: int | None, label: str) -> Span | None:
    if start is None or end is None:
        return None
    return token_span(doc, text, start, end, label)
