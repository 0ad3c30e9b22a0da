"""Writing a merge: an annotator's rows replaced by the file's, their assignments, their log
entries (once, by action id), and the merge's own log entry (``storage.team.merge``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    text,
)

from storage.events import new_action_id
from storage.models import (
    Assignment,
    Document,
    DocumentFlag,
    DocumentStatus,
    EntitySpan,
    Event,
    StanceAnnotation,
    utcnow,
)
from storage.team.merge_report import FileMerge
from storage.team.work import (
    HOLDER_FIELDS,
    SPAN_FIELDS,
    TIMES,
    Names,
    Work,
    chunks,
    key_rows,
    suggestion_key,
)

MERGE_ACTION = "project.merge"


# -- writing ---------------------------------------------------------------------------------


def replace(
    dst: Connection, names: Names, annotator_id: int, take: dict[int, Work]
) -> tuple[dict[int, int], dict[int, int]]:
    """The annotator's rows on these documents become the file's. Returns the file's span
    and stance row ids -> the project's new ones (for the event log)."""
    if not take:
        return {}, {}
    documents = sorted(take)
    for model in (EntitySpan, StanceAnnotation, DocumentStatus, DocumentFlag):
        table = model.__table__
        for chunk in chunks(documents):
            dst.execute(
                delete(table).where(
                    table.c.annotator_id == annotator_id, table.c.document_id.in_(chunk)
                )
            )
    lengths = _lengths(dst, documents)
    labels = {name: label_id for label_id, name in names.entity_labels.items()}
    stance_labels = {name: label_id for label_id, name in names.stance_labels.items()}
    targets = {name: target_id for target_id, name in names.targets.items()}
    actors = {name: actor_id for actor_id, name in names.actors.items()}
    span_keys = _machine_keys(dst, EntitySpan, names, documents)
    stance_keys = _machine_keys(dst, StanceAnnotation, names, documents)
    span_rows, span_from, stance_rows, stance_from = [], [], [], []
    statuses, flags = [], []
    for document_id, work in take.items():
        common = {"document_id": document_id, "annotator_id": annotator_id}
        for row in work.spans:
            span_rows.append(
                _annotation(row, common, lengths[document_id], labels[row["label"]], span_keys)
            )
            span_from.append(row["row_id"])
        for row in work.stance:
            values = _annotation(
                row, common, lengths[document_id], stance_labels[row["label"]], stance_keys
            )
            values.update(
                scope=row["scope"],
                sentence_index=row["sentence_index"],
                explanation=row["explanation"],
                target_id=targets[row["target"]],
                holder_actor_id=actors[row["holder"]] if row.get("holder") else None,
                **{column: row.get(column) for column in HOLDER_FIELDS},
            )
            stance_rows.append(values)
            stance_from.append(row["row_id"])
        if work.status:
            statuses.append({**common, **work.status})
        if work.flag:
            flags.append({**common, **work.flag})
    span_ids = _insert(dst, EntitySpan.__table__, span_rows, span_from)
    stance_ids = _insert(dst, StanceAnnotation.__table__, stance_rows, stance_from)
    if statuses:
        dst.execute(insert(DocumentStatus.__table__), statuses)
    if flags:
        dst.execute(insert(DocumentFlag.__table__), flags)
    return span_ids, stance_ids


def _annotation(
    row: dict[str, Any],
    common: dict[str, Any],
    length: int,
    label_id: int,
    keys: dict[tuple, int],
) -> dict[str, Any]:
    values = {name: row[name] for name in (*SPAN_FIELDS, *TIMES)}
    suggestion = row["suggestion"]
    key = (common["document_id"], *suggestion) if suggestion else None
    values.update(
        common,
        doc_length=length,
        label_id=label_id,
        suggestion_id=keys.get(key) if key else None,
    )
    return values


def _insert(
    dst: Connection, table: Table, rows: list[dict[str, Any]], from_ids: list[int]
) -> dict[int, int]:
    """Insert ``rows``; the file's ids -> the new ones."""
    if not rows:
        return {}
    if dst.dialect.name != "sqlite":
        result = dst.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        return dict(zip(from_ids, result.scalars(), strict=True))
    # SQLite would take one INSERT per row to return ids in order. The merge holds the write
    # lock (BEGIN IMMEDIATE), so it numbers the rows itself, after the highest id ever used
    # (AUTOINCREMENT's counter, which keeps ids of deleted rows from coming back).
    first = _next_id(dst, table)
    for offset, row in enumerate(rows):
        row["id"] = first + offset
    dst.execute(insert(table), rows)
    return {old: first + offset for offset, old in enumerate(from_ids)}


def _next_id(dst: Connection, table: Table) -> int:
    counter = dst.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": table.name}
    ).scalar()
    highest = dst.execute(select(func.max(table.c.id))).scalar()
    return max(counter or 0, highest or 0) + 1


def _lengths(dst: Connection, documents: list[int]) -> dict[int, int]:
    lengths: dict[int, int] = {}
    for chunk in chunks(documents):
        query = select(Document.id, Document.text_length).where(Document.id.in_(chunk))
        lengths.update({doc_id: length for doc_id, length in dst.execute(query)})
    return lengths


def _machine_keys(
    dst: Connection, model: Any, names: Names, documents: list[int]
) -> dict[tuple, int]:
    """(document, suggestion key) -> id of the project's machine suggestion there."""
    table = model.__table__
    keys: dict[tuple, int] = {}
    for chunk in chunks(documents):
        where = (table.c.annotator_id.is_(None), table.c.document_id.in_(chunk))
        for values in key_rows(dst, model, *where):
            key = (values["document_id"], *suggestion_key(model, names, values))
            keys.setdefault(key, values["id"])
    return keys


def bring_assignments(
    src: Connection,
    dst: Connection,
    project_id: int,
    src_annotator: int,
    dst_annotator: int,
    documents: dict[int, int],
) -> None:
    table = Assignment.__table__
    theirs = {
        documents[d]
        for d in src.scalars(
            select(table.c.document_id).where(table.c.annotator_id == src_annotator)
        )
        if d in documents
    }
    ours = set(
        dst.scalars(select(table.c.document_id).where(table.c.annotator_id == dst_annotator))
    )
    rows = [
        {
            "project_id": project_id,
            "document_id": d,
            "annotator_id": dst_annotator,
            "created_at": utcnow(),
        }
        for d in sorted(theirs - ours)
    ]
    if rows:
        dst.execute(insert(table), rows)


# The log as stored: JSON and times as text, so copying between two SQLite files neither
# parses nor writes again what it only passes on.
_RAW_EVENTS = Table(
    "events",
    MetaData(),
    *(
        Column(
            column.name,
            Text()
            if isinstance(column.type, JSON)
            else String()
            if isinstance(column.type, DateTime)
            else column.type,
            primary_key=column.primary_key,
        )
        for column in Event.__table__.columns
    ),
)
_EVENT_BATCH = 5000


def bring_events(
    src: Connection,
    dst: Connection,
    project_id: int,
    people: dict[int, tuple[str, int]],
    documents: dict[int, int],
    row_ids: dict[str, dict[int, int]],
) -> int:
    """The annotators' log entries the project lacks (by action id), ids translated where
    the rows they name came along (otherwise no object id: the log keeps its history)."""
    raw = src.dialect.name == dst.dialect.name == "sqlite"
    table = _RAW_EVENTS if raw else Event.__table__
    theirs = table.c.annotator_id.in_(list(people))
    actions = sorted(src.scalars(select(table.c.action_id).distinct().where(theirs)))
    known: set[str] = set()
    for chunk in chunks(actions):
        query = select(table.c.action_id).distinct().where(table.c.action_id.in_(chunk))
        known |= set(dst.scalars(query))
    result = src.execute(select(table).where(theirs).order_by(table.c.id))
    keys = list(result.keys())
    brought = 0
    for batch in result.partitions(_EVENT_BATCH):
        rows = []
        for values in batch:
            event = dict(zip(keys, values, strict=True))
            if event["action_id"] not in known:
                rows.append(_translated(event, project_id, people, documents, row_ids))
        if rows:
            dst.execute(insert(table), rows)
        brought += len(rows)
    return brought


def _translated(
    event: dict[str, Any],
    project_id: int,
    people: dict[int, tuple[str, int]],
    documents: dict[int, int],
    row_ids: dict[str, dict[int, int]],
) -> dict[str, Any]:
    event.pop("id")
    event["project_id"] = project_id
    event["annotator_id"] = people[event["annotator_id"]][1]
    src_document = event["document_id"]
    event["document_id"] = documents.get(src_document) if src_document is not None else None
    kind = event["object_type"]
    if kind == "document":
        event["object_id"] = event["document_id"]
    elif kind in row_ids:
        event["object_id"] = row_ids[kind].get(event["object_id"])
    else:
        event["object_id"] = None
    return event


def log_merge(dst: Connection, project_id: int, report: FileMerge) -> None:

    dst.execute(
        insert(Event.__table__),
        [
            {
                "project_id": project_id,
                "action_id": new_action_id(),
                "at": utcnow(),
                "annotator_id": None,
                "action": MERGE_ACTION,
                "object_type": "project",
                "object_id": project_id,
                "document_id": None,
                "before": None,
                "after": report.to_json(),
            }
        ],
    )
