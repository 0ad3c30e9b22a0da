"""Storing the stance labels that came with imported records, each one logged.

They become the importing annotator's accepted labels (origin "import"), or, when the
import's spans are suggestions, sentence suggestions that belong to nobody. A row is one per
(place, target, annotator): where the annotator (for suggestions: anybody) already has a row,
the stored one stays and the import says so. Targets the project lacks are created (their
name is their only alias, as ``storage.stance.store.add_targets`` makes them); a label is one
of the project's (a name differing only in case is taken as it) or FAVOR, AGAINST or NEUTRAL,
created with the default colour when the project has lost it. A row's holder is stored with
its words and its actor; holder names no actor has become new actors (``holder_import``).
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id, record_event, snapshot
from storage.importing.holder_import import HolderActors
from storage.importing.holder_rows import stretch_problem
from storage.importing.logged_rows import ImportAction, insert_logged
from storage.importing.records import ImportedRecord, ImportedStance, ImportProblem
from storage.importing.stance_rows import resolve_sentence
from storage.importing.text_rules import shown
from storage.label_schema import DEFAULT_STANCE_LABELS
from storage.models import (
    AnnotationState,
    Document,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.project import get_or_create_annotator
from storage.stance.store import _add_target
from storage.stance.target_edits import find_target

IMPORT_ACTION = "stance.import"
_DEFAULTS = {spec.name.casefold(): spec for spec in DEFAULT_STANCE_LABELS}
Place = tuple[int, StanceScope, int, int, int]  # document, scope, start, end, target id


def described(row: ImportedStance) -> str:
    """A stance row as messages name it: "'AGAINST' for 'Russland' in sentence 3 (10–52)"."""
    where = (
        "for the whole document"
        if row.scope == "document"
        else f"in sentence {row.sentence_index} ({row.start}–{row.end})"
    )
    return f"{shown(row.label)} for {shown(row.target)} {where}"


def unknown_stance_label(stance: Sequence[ImportedStance], labels: Collection[str]) -> str | None:
    """Why the first row whose label is neither one of ``labels`` (the project's, case
    ignored) nor FAVOR, AGAINST or NEUTRAL cannot be imported, or None when all are known."""
    known = {name.casefold() for name in labels} | set(_DEFAULTS)
    for row in stance:
        if row.label.casefold() not in known:
            names = ", ".join(sorted({*labels, *(spec.name for spec in DEFAULT_STANCE_LABELS)}))
            return (
                f"stance row {described(row)}: the label {shown(row.label)} is not a stance "
                f"label of this project ({names}); record skipped"
            )
    return None


def stance_label_names(session: Session, project_id: int) -> list[str]:
    """The names of the project's stance labels."""
    return list(
        session.scalars(select(StanceLabel.name).where(StanceLabel.project_id == project_id))
    )


@dataclass
class StanceStored:
    """What storing stance rows did: rows stored, and warnings (targets and labels created,
    labels taken ignoring case, rows that were there already or cannot be suggestions)."""

    stored: int = 0
    actors: int = 0  # holder names that became new actors
    warnings: list[ImportProblem] = field(default_factory=list)


def store_imported_stance(
    session: Session,
    project_id: int,
    action_id: str,
    annotator_id: int | None,
    records: Sequence[ImportedRecord],
    document_ids: Sequence[int],
) -> StanceStored:
    """Insert the records' stance rows (``annotator_id``'s accepted labels, or suggestions
    when it is None) with one "stance.import" event each, in the caller's transaction. The
    records' labels must have passed ``unknown_stance_label``; their offsets are sentences of
    their text (``stance_rows``)."""
    names = _ProjectStance(session, project_id, action_id)
    holders = HolderActors(session, project_id, action_id)
    result = StanceStored()
    taken = _taken_places(session, document_ids, annotator_id)
    rows: list[dict[str, Any]] = []
    for record, document_id in zip(records, document_ids, strict=True):
        for item in record.stance:
            said: list[str] = []
            row = _new_row(names, record, document_id, item, annotator_id, said)
            if row is not None and _place(row) in taken:
                said.append(
                    f"stance row {described(item)}: there is a label there already; kept it"
                )
            elif row is not None:
                _set_holder(row, holders, record.text, item, said)
                taken.add(_place(row))
                rows.append(row)
            result.warnings += (ImportProblem(record.location, m, severity="warning") for m in said)
    if rows:
        _insert_logged(session, project_id, action_id, annotator_id, rows, names.label_names())
    result.stored = len(rows)
    result.actors = len(holders.added)
    return result


def _set_holder(
    row: dict[str, Any],
    holders: HolderActors,
    text: str,
    item: ImportedStance,
    said: list[str],
) -> None:
    """The row's holder (its actor and words) and evidence, from ``item``."""
    start, end = item.holder_start, item.holder_end
    words = text[start:end] if start is not None and end is not None else None
    added = len(holders.added)
    row["holder_actor_id"] = holders.actor_id(item.holder, words)
    if len(holders.added) > added:
        said.append(
            f"holder {shown(item.holder)} was not an actor of the project; added it "
            "(kind other: change it in the actor list)"
        )
    row["holder_start"], row["holder_end"] = start, end
    row["evidence_start"], row["evidence_end"] = item.evidence_start, item.evidence_end


def _new_row(
    names: _ProjectStance,
    record: ImportedRecord,
    document_id: int,
    item: ImportedStance,
    annotator_id: int | None,
    said: list[str],
) -> dict[str, Any] | None:
    """The row to store for ``item`` (None when it cannot be stored; ``said`` says why and
    what was created on the way)."""
    if annotator_id is None and item.scope == "document":
        said.append(
            f"stance row {described(item)}: a document's stance cannot be a suggestion "
            "(suggestions are per sentence); left out"
        )
        return None
    target = names.target(item.target, said)
    label = names.label(item.label, said)
    scope = StanceScope(item.scope)
    start, end = (0, len(record.text)) if item.start is None else (item.start, item.end)
    assert end is not None  # the reader gives both offsets or neither
    # Core rows rather than ORM objects: an import of thousands of labels is 4x faster.
    return {
        "document_id": document_id,
        "doc_length": len(record.text),
        "start_offset": start,
        "end_offset": end,
        "scope": scope,
        "sentence_index": item.sentence_index if scope == StanceScope.SENTENCE else None,
        "target_id": target.id,
        "label_id": label.id,
        "state": AnnotationState.SUGGESTED if annotator_id is None else AnnotationState.ACCEPTED,
        "origin_kind": OriginKind.IMPORT,
        "origin_name": Path(record.source).name or None,
        "annotator_id": annotator_id,
    }


def _place(row: dict[str, Any]) -> Place:
    return (
        row["document_id"],
        row["scope"],
        row["start_offset"],
        row["end_offset"],
        row["target_id"],
    )


def store_document_stance(
    db: Database,
    project_id: int,
    document_id: int,
    stance: Sequence[ImportedStance],
    annotator: str | None,
    origin_name: str = "import",
) -> StanceStored:
    """Store stance rows (as ``read_jsonl`` gives them) for a document already in the
    project: ``annotator``'s accepted labels, or suggestions when it is None. One transaction,
    logged as one action. Raises ``ValueError`` (and stores nothing) when there is no such
    document, a label is unknown, or a sentence row's offsets are not a sentence of its text."""
    with db.write() as session:
        document = session.get(Document, document_id)
        if document is None or document.project_id != project_id:
            raise ValueError(f"no document {document_id} in this project")
        for row in stance:
            _check_place(row, document.text)
        reason = unknown_stance_label(stance, stance_label_names(session, project_id))
        if reason is not None:
            raise ValueError(reason)
        owner = None if annotator is None else get_or_create_annotator(session, annotator).id
        record = ImportedRecord(
            text=document.text,
            source=origin_name,
            location=f"document {document_id}",
            stance=list(stance),
        )
        return store_imported_stance(
            session, project_id, new_action_id(), owner, [record], [document_id]
        )


def _check_place(row: ImportedStance, text: str) -> None:
    for field_name in ("holder", "evidence"):
        start, end = getattr(row, f"{field_name}_start"), getattr(row, f"{field_name}_end")
        problem = (
            None if start is end is None else stretch_problem(field_name, start, end, len(text))
        )
        if problem is not None:
            raise ValueError(f"stance row {described(row)} {problem}")
    if row.scope == "document":
        if row.start not in (None, 0) or row.end not in (None, len(text)):
            raise ValueError(f"stance row {described(row)} does not cover the whole text")
        return
    if row.scope != "sentence":
        raise ValueError(f"stance row {described(row)} has the scope {shown(row.scope)}")
    place = resolve_sentence(row.start, row.end, row.sentence_index, text)
    if isinstance(place, str) or (place[1].start, place[1].end) != (row.start, row.end):
        raise ValueError(f"stance row {described(row)}: its offsets are not a sentence")


class _ProjectStance:
    """The project's stance targets and labels by name, created when missing."""

    def __init__(self, session: Session, project_id: int, action_id: str) -> None:
        self.session, self.project_id, self.action_id = session, project_id, action_id
        self.targets: dict[str, StanceTarget] = {}
        query = select(StanceLabel).where(StanceLabel.project_id == project_id)
        self.labels = {label.name: label for label in session.scalars(query)}
        self.folded = {name.casefold(): label for name, label in self.labels.items()}

    def target(self, name: str, said: list[str]) -> StanceTarget:
        if name not in self.targets:
            found = find_target(self.session, self.project_id, name)
            if found is None:
                _add_target(self.session, self.project_id, name, (), "other", self.action_id)
                found = find_target(self.session, self.project_id, name)
                said.append(f"stance target {shown(name)} was not in the project; added it")
            assert found is not None
            self.targets[name] = found
        return self.targets[name]

    def label(self, name: str, said: list[str]) -> StanceLabel:
        if name in self.labels:
            return self.labels[name]
        found = self.folded.get(name.casefold())
        if found is not None:
            said.append(
                f"stance label {shown(name)} taken as the project's label {shown(found.name)} "
                "(names differing only in case are one label)"
            )
            return found
        created = self._default_label(name)
        said.append(f"stance label {shown(created.name)} was not in the project; added it")
        return created

    def _default_label(self, name: str) -> StanceLabel:
        spec = _DEFAULTS[name.casefold()]
        used = {label.shortcut for label in self.labels.values()}
        label = StanceLabel(
            project_id=self.project_id,
            name=spec.name,
            colour=spec.colour,
            shortcut=spec.shortcut if spec.shortcut not in used else None,
            position=len(self.labels),
            description=spec.description,
        )
        self.session.add(label)
        self.session.flush()
        record_event(
            self.session,
            project_id=self.project_id,
            action_id=self.action_id,
            annotator_id=None,
            action="label.create",
            object_type="stance_label",
            object_id=label.id,
            document_id=None,
            before=None,
            after=snapshot(label),
        )
        self.labels[label.name] = self.folded[label.name.casefold()] = label
        return label

    def label_names(self) -> dict[int, str]:
        return {label.id: name for name, label in self.labels.items()}


def _taken_places(
    session: Session, document_ids: Sequence[int], annotator_id: int | None
) -> set[Place]:
    """The places of the documents where an import may not add a row: the annotator's own
    rows (for suggestions: every row)."""
    places: set[Place] = set()
    for first in range(0, len(document_ids), 500):  # stay under SQLite's variable limit
        row = StanceAnnotation
        query = select(
            row.document_id, row.scope, row.start_offset, row.end_offset, row.target_id
        ).where(row.document_id.in_(document_ids[first : first + 500]))
        if annotator_id is not None:
            query = query.where(row.annotator_id == annotator_id)
        places.update(
            (d, scope, start, end, t) for d, scope, start, end, t in session.execute(query)
        )
    return places


def _insert_logged(
    session: Session,
    project_id: int,
    action_id: str,
    annotator_id: int | None,
    rows: list[dict[str, Any]],
    labels: dict[int, str],
) -> None:
    """Insert the stance rows, each with its "stance.import" event."""
    action = ImportAction(project_id, action_id, annotator_id, IMPORT_ACTION, "stance_annotation")
    insert_logged(
        session,
        StanceAnnotation.__table__,
        rows,
        action,
        lambda row_id, row: _snapshot(row_id, row, labels[row["label_id"]]),
    )


def _snapshot(row_id: int, row: dict[str, Any], label: str) -> dict[str, Any]:
    # The shape of storage.events.snapshot (every column but the timestamps, and the label's
    # name), so undo and replay read an imported row as any other.
    values = {key: row.get(key) for key in _SNAPSHOT_KEYS} | {"id": row_id, "label": label}
    return {k: v.value if isinstance(v, enum.Enum) else v for k, v in values.items()}


_SNAPSHOT_KEYS = [
    attr.key
    for attr in inspect(StanceAnnotation).column_attrs
    if attr.key not in ("created_at", "updated_at")
]
