"""Turning the project memory into suggestions in one document.

A surface the memory suggests (``storage.memory.learning``) is suggested wherever it stands in
the document (``storage.memory.matching``), unless an annotator's span is there already; a
blocked surface withdraws every suggester's open suggestion of it. Memory suggestions are
machine rows (no annotator, origin kind ``memory``); annotators' rows and suggestions
somebody decided on are never changed. The editor refreshes the shown document in its own
transaction (``refresh_touched``), so a decision shows at once;
``storage.memory.background_pass`` does the same for the other documents, loading the memory
once (``load_memory``) for many.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    String,
    bindparam,
    delete,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from storage.events import new_action_id, record_event
from storage.memory.learning import (
    DocumentText,
    MemoryStats,
    document_text,
    explain,
    memory_stats,
    take_touched,
)
from storage.memory.matching import SurfaceMatcher, bases, inflections, inflects_german
from storage.memory.places import occurrences, overlapping_any
from storage.memory.row_log import Change, log_rows, plain, read_rows
from storage.models import AnnotationState, EntityLabel, EntitySpan, OriginKind

ORIGIN_NAME = "memory"
ORIGIN_VERSION = "1"
MEMORY_ACTION = "suggest.memory"
PERSON_LABELS = frozenset({"per", "person", "pers"})  # label names that name persons
PART_FACTOR = 0.9  # a surname alone is a little less certain than the whole name
MIN_SURNAME = 3


# -- refreshing a document -------------------------------------------------------------------


class _Wanted(NamedTuple):
    label_id: int
    confidence: float
    detail: str


@dataclass
class MemoryView:
    """What the memory says about some texts (``texts``; None: everything), loaded once and
    used for many documents."""

    texts: frozenset[str] | None
    stats: dict[tuple[str, int], MemoryStats]
    best: dict[str, tuple[int, MemoryStats]]  # suggested surface -> its best label
    blocked: set[tuple[str, int]]
    matcher: SurfaceMatcher
    parts: dict[str, str] = field(default_factory=dict)  # a surname -> the name it is from

    def decides(self, text_: str) -> bool:
        return self.texts is None or text_ in self.texts

    def wanted(self, text_: str, inflect: bool) -> dict[tuple[int, int], _Wanted]:
        """Place -> the suggestion the memory makes there (exact matches first, then the
        more confident label)."""
        places: dict[tuple[int, int], tuple[tuple[bool, float], _Wanted]] = {}
        matches = self.matcher.find(text_, inflect)
        wholes = [(m.start, m.end) for m in matches if m.surface not in self.parts]
        for match in matches:
            whole = self.parts.get(match.surface)
            if whole is not None and (
                whole not in text_  # news names a person in full before the surname alone
                or any(start <= match.start and match.end <= end for start, end in wholes)
            ):
                continue  # or it is the surname inside the whole name, suggested as that
            found = text_[match.start : match.end]
            if not self.decides(found):
                continue
            label_id, stats = self.best[match.surface]
            if (found, label_id) in self.blocked:
                continue
            confidence = stats.confidence(match.inflected)
            detail = explain(stats.accepted, stats.rejected, stats.documents)
            if whole is not None:
                confidence *= PART_FACTOR
                detail = f"part of “{whole}”: {detail}"
            rank = (not match.inflected, confidence)
            place = (match.start, match.end)
            if place not in places or rank > places[place][0]:
                places[place] = (rank, _Wanted(label_id, round(confidence, 6), detail))
        return {place: wanted for place, (_, wanted) in places.items()}


def load_memory(session: Session, project_id: int, surfaces: Iterable[str] | None) -> MemoryView:
    """The view for documents' refreshes: for texts that ``surfaces`` (None: all) could
    appear as, with the counts of everything that can produce them."""
    texts: frozenset[str] | None = None
    if surfaces is not None:
        texts = frozenset(t for s in surfaces for t in (s, *inflections(s)))
        stats = memory_stats(session, project_id, {b for t in texts for b in (t, *bases(t))})
    else:
        stats = memory_stats(session, project_id)
    best: dict[str, tuple[int, MemoryStats]] = {}
    # One label per surface: the one accepted most often, then the more certain one.
    for (surface, label_id), counts in sorted(stats.items(), key=label_rank):
        if counts.suggests:
            best[surface] = (label_id, counts)  # the last, best one stays
    blocked = {pair for pair, counts in stats.items() if counts.blocked}
    parts = surnames(session, project_id, best, stats)
    for part, whole in parts.items():
        best[part] = best[whole]
    if texts is not None and parts:
        texts = texts | {t for part in parts for t in (part, *inflections(part))}
    return MemoryView(texts, stats, best, blocked, SurfaceMatcher(best), parts)


def surnames(
    session: Session,
    project_id: int,
    best: dict[str, tuple[int, MemoryStats]],
    stats: dict[tuple[str, int], MemoryStats],
) -> dict[str, str]:
    """Surname -> the remembered person's name it ends ("Putin" from "Wladimir Putin"):
    news names a person in full once and by the surname after, so the surname is suggested
    in documents that name the person in full (German capitalises nouns: "Fischer" alone
    is a fisherman as often as a person). Only for a label that names persons, a surname
    nobody decided on by itself and no two names share."""
    person_ids = person_label_ids(session, project_id)
    if not person_ids:
        return {}
    found: dict[str, str | None] = {}
    for surface, (label_id, _) in best.items():
        words = surface.split()
        if label_id not in person_ids or len(words) < 2:
            continue
        last = words[-1]
        if len(last) < MIN_SURNAME or not last[0].isupper() or not last.isalpha():
            continue
        found[last] = None if last in found and found[last] != surface else surface
    candidates = {part: whole for part, whole in found.items() if whole and part not in best}
    if not candidates:
        return {}
    decided = {surface for surface, _ in stats} | {
        surface for surface, _ in memory_stats(session, project_id, candidates)
    }
    return {part: whole for part, whole in candidates.items() if part not in decided}


def person_label_ids(session: Session, project_id: int) -> set[int]:
    rows = session.execute(
        select(EntityLabel.id, EntityLabel.name).where(EntityLabel.project_id == project_id)
    )
    return {label_id for label_id, name in rows if name.casefold() in PERSON_LABELS}


def label_rank(item: tuple[tuple[str, int], MemoryStats]) -> tuple[int, float, int]:
    (_, label_id), counts = item
    return (counts.accepted, counts.confidence(), -label_id)


@dataclass
class RefreshResult:
    added: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class RowLog(NamedTuple):
    """The action a refresh belongs to: each suggestion it makes or withdraws is logged as
    one of the action's events, so undoing the action takes them back exactly."""

    action_id: str
    annotator_id: int


def refresh_document_memory(
    session: Session,
    project_id: int,
    document_id: int,
    surfaces: set[str] | None = None,
    view: MemoryView | None = None,
    log: RowLog | None = None,
) -> RefreshResult:
    """Bring the document's memory suggestions in line with the memory for ``surfaces``
    (None: all of it), and withdraw blocked suggestions of any suggester. Logs one
    "suggest.memory" event when something changed, and with ``log`` every suggestion made
    or withdrawn. ``view`` (from ``load_memory``) saves loading the memory again for each
    of many documents."""
    document = document_text(session, document_id)
    if document is None or document.project_id != project_id:
        return RefreshResult()
    if view is None:
        view = load_memory(session, project_id, surfaces)
    result = _refresh(session, document, view, project_id, log)
    if result.changed and log is None:  # with a log, each row has its own event
        record_event(
            session,
            project_id=project_id,
            action_id=new_action_id(),
            annotator_id=None,
            action=MEMORY_ACTION,
            object_type="document",
            object_id=document.id,
            document_id=document.id,
            before=None,
            after={"origins": [ORIGIN_NAME], **result.__dict__},
        )
    return result


class _Covered:
    """Whether a place overlaps any of some spans: sorted starts and running maximum ends."""

    def __init__(self, places: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(places)
        self._starts = [start for start, _ in ordered]
        self._max_end: list[int] = []
        for _, end in ordered:
            self._max_end.append(max(end, self._max_end[-1] if self._max_end else end))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # spans starting before this one ends
        return before > 0 and self._max_end[before - 1] > start


@dataclass
class _Present:
    """What a document holds already, as the memory needs it."""

    open_machine: list[Any]  # machine rows nobody decided on (decided ones stay as they are)
    human_keys: set[tuple[int, int, int]]  # (start, end, label id) of annotators' rows
    covered: _Covered  # annotators' spans other than rejections
    others: set[tuple[int, int, int]]  # what other suggesters suggest


class _SpanRow(NamedTuple):
    id: int
    start_offset: int
    end_offset: int
    label_id: int
    annotator_id: int | None
    state: str
    origin_kind: str
    suggestion_id: int | None
    confidence: float | None
    origin_detail: str | None


def _present(session: Session, document_id: int, near: ColumnElement[bool] | None) -> _Present:
    """The document's spans; with ``near``, only those that condition keeps."""
    session.flush()  # the action's own rows, read below without the ORM
    spans = EntitySpan.__table__.c
    query = select(
        spans.id,
        spans.start_offset,
        spans.end_offset,
        spans.label_id,
        spans.annotator_id,
        # As the stored strings (StrEnum members compare equal to them): converting 2,700
        # values to members on every decision cost milliseconds.
        type_coerce(spans.state, String),
        type_coerce(spans.origin_kind, String),
        spans.suggestion_id,
        spans.confidence,
        spans.origin_detail,
    ).where(spans.document_id == document_id)
    if near is not None:
        query = query.where(near)
    # Plain tuples: a SQLAlchemy row's attribute access costs ten times a tuple's.
    rows = [_SpanRow._make(row) for row in session.connection().execute(query)]
    human = [r for r in rows if r.annotator_id is not None]
    decided = {r.suggestion_id for r in human}
    return _Present(
        open_machine=[r for r in rows if r.annotator_id is None and r.id not in decided],
        human_keys={(r.start_offset, r.end_offset, r.label_id) for r in human},
        covered=_Covered(
            (r.start_offset, r.end_offset) for r in human if r.state != AnnotationState.REJECTED
        ),
        others={
            (r.start_offset, r.end_offset, r.label_id)
            for r in rows
            if r.annotator_id is None and r.origin_kind != OriginKind.MEMORY
        },
    )


def _refresh(
    session: Session,
    document: DocumentText,
    view: MemoryView,
    project_id: int,
    log: RowLog | None,
) -> RefreshResult:
    text_ = document.text
    # A refresh for some surfaces changes nothing away from where they (or the surfaces
    # their counts come from) stand: it reads only the spans there, so a decision's cost
    # does not grow with the spans in the document.
    near = None
    if view.texts is not None:
        surfaces = view.texts | {surface for surface, _ in view.stats}
        near = overlapping_any(occurrences(text_, surfaces))
    present = _present(session, document.id, near)
    wanted: dict[tuple[int, int, int], _Wanted] = {}
    for (start, end), want in view.wanted(text_, inflects_german(document.language)).items():
        key = (start, end, want.label_id)
        if (
            key not in present.human_keys
            and key not in present.others
            and not present.covered.overlaps(start, end)
        ):
            wanted[key] = want
    result = RefreshResult()
    doomed: list[int] = []
    kept: set[tuple[int, int, int]] = set()
    updates: dict[int, dict[str, Any]] = {}
    for row in present.open_machine:
        key = (row.start_offset, row.end_offset, row.label_id)
        found = text_[row.start_offset : row.end_offset]
        if (found, row.label_id) in view.blocked:
            doomed.append(row.id)  # blocked: whoever suggested it
        elif row.origin_kind != OriginKind.MEMORY:
            continue
        elif key in wanted and key not in kept:
            kept.add(key)
            if (row.confidence, row.origin_detail) != wanted[key][1:]:
                want = wanted[key]
                updates[row.id] = {"confidence": want.confidence, "origin_detail": want.detail}
        elif (
            key in kept  # a second memory row for the same span
            or view.decides(found)  # no longer wanted
            or key in present.human_keys
            or present.covered.overlaps(row.start_offset, row.end_offset)
        ):
            doomed.append(row.id)
    if updates:
        _update_rows(session, project_id, updates, log)
        result.updated = len(updates)
    if doomed:
        withdrawn = read_rows(session, doomed) if log is not None else {}
        session.execute(delete(EntitySpan).where(EntitySpan.id.in_(doomed)))
        result.removed = len(doomed)
        if log is not None:
            changes: list[Change] = [(row, None) for row in withdrawn.values()]
            actions = ["memory.withdraw"] * len(changes)
            log_rows(session, project_id, log.action_id, log.annotator_id, actions, changes)
    new_rows = [_memory_row(document, key, want) for key, want in wanted.items() if key not in kept]
    if new_rows:
        new_rows.sort(key=_place)
        table = EntitySpan.__table__
        if log is None:
            session.connection().execute(insert(table), new_rows)
        else:
            # The ids too: an undo removes exactly these rows, and a redo makes them again.
            made = session.connection().execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), new_rows
            )
            ids = [row_id for (row_id,) in made]
            made_rows = [{**row, "id": i} for row, i in zip(new_rows, ids, strict=True)]
            changes = [(None, plain(row)) for row in made_rows]
            actions = ["memory.suggest"] * len(changes)
            log_rows(session, project_id, log.action_id, log.annotator_id, actions, changes)
        result.added = len(new_rows)
    return result


def _update_rows(
    session: Session, project_id: int, updates: dict[int, dict[str, Any]], log: RowLog | None
) -> None:
    """New confidences and explanations for memory rows; with ``log``, each change is one
    of the action's events (so that its undo restores them, and the window reads again
    exactly the rows the action changed)."""
    before = read_rows(session, updates) if log is not None else {}
    table = EntitySpan.__table__
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values(confidence=bindparam("confidence"), origin_detail=bindparam("origin_detail"))
    )
    session.connection().execute(statement, [{"row_id": i, **v} for i, v in updates.items()])
    for row_id in updates:  # a row the action loaded (the suggestion it decided on) reloads
        loaded = session.identity_map.get(session.identity_key(EntitySpan, row_id))
        if loaded is not None:
            session.expire(loaded, ["confidence", "origin_detail"])
    if log is not None:
        changes: list[Change] = [(row, {**row, **updates[i]}) for i, row in before.items()]
        actions = ["memory.update"] * len(changes)
        log_rows(session, project_id, log.action_id, log.annotator_id, actions, changes)


def _memory_row(document: DocumentText, key: tuple[int, int, int], want: _Wanted) -> dict[str, Any]:
    return {
        "document_id": document.id,
        "doc_length": document.text_length,
        "start_offset": key[0],
        "end_offset": key[1],
        "label_id": key[2],
        "state": AnnotationState.SUGGESTED,
        "origin_kind": OriginKind.MEMORY,
        "origin_name": ORIGIN_NAME,
        "origin_version": ORIGIN_VERSION,
        "origin_detail": want.detail,
        "confidence": want.confidence,
        "annotator_id": None,
    }


def _place(row: Mapping[str, Any]) -> tuple[int, int, int]:
    return (row["start_offset"], row["end_offset"], row["label_id"])


def refresh_touched(session: Session, project_id: int) -> RefreshResult:
    """Refresh each document the transaction's span events touched, for the surfaces they
    touched (the editor calls this before committing, so the shown document is current)."""
    touched: dict[int, set[str]] = take_touched(session)
    total = RefreshResult()
    # One view of the memory for all of them: refreshing a document for more surfaces than
    # it was touched for changes nothing, and loading the memory per document costs more.
    everything = set().union(*touched.values()) if len(touched) > 1 else None
    view = load_memory(session, project_id, everything) if everything is not None else None
    for document_id, surfaces in sorted(touched.items()):
        result = refresh_document_memory(session, project_id, document_id, surfaces, view)
        total.added += result.added
        total.updated += result.updated
        total.removed += result.removed
    return total
