"""One annotator's work on one document, without database ids: the unit a merge compares.

A handed-out file and the coordinator's project number their rows differently (new labels,
new documents, new rows), so work is described by names and offsets: spans and stance rows
with their label and target names, the document status and time spent, the flag and its
note. Its ``fingerprint`` (SHA-256 of that description, timestamps left out) says whether two
versions are the same work; ``edited_at`` (the newest ``updated_at`` in it) says which is
later. The rows keep their timestamps, so copying work from one database to another keeps
its fingerprint and its ``edited_at``.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Enum, String, Table, select, type_coerce

from storage.models import (
    HOLDER_COLUMNS,
    DocumentFlag,
    DocumentStatus,
    EntityLabel,
    EntitySpan,
    StanceActor,
    StanceAnnotation,
    StanceLabel,
    StanceTarget,
)

_CHUNK = 500  # ids per IN (...) list
_BATCH = 2000  # rows fetched at a time

# The columns that make a span or stance row the work it is (ids and timestamps aside).
SPAN_FIELDS = (
    "start_offset",
    "end_offset",
    "state",
    "origin_kind",
    "origin_name",
    "origin_version",
    "origin_detail",
    "confidence",
)
# Who holds a stance and what carries it (schema 0008): fingerprinted only where set, so work
# without them keeps the fingerprint an older version recorded for it.
HOLDER_FIELDS = tuple(c for c in HOLDER_COLUMNS if c != "holder_actor_id")  # it is "holder"
STANCE_FIELDS = (*SPAN_FIELDS, "scope", "sentence_index", "explanation", *HOLDER_FIELDS)
TIMES = ("created_at", "updated_at")
# What a fingerprint reads of each row, in a fixed order (ids and timestamps left out).
SPAN_KEYS = (*SPAN_FIELDS, "label", "suggestion")
STANCE_KEYS = (*STANCE_FIELDS, "label", "target", "suggestion", "holder")
OPTIONAL_KEYS = frozenset((*HOLDER_FIELDS, "holder"))
STATUS_KEYS = ("status", "seconds_spent")
FLAG_KEYS = ("note",)


@dataclass(frozen=True)
class Names:
    """A database's ids as names: entity labels, stance labels, stance targets, actors."""

    entity_labels: dict[int, str]
    stance_labels: dict[int, str]
    targets: dict[int, str]
    actors: dict[int, str]

    @classmethod
    def read(cls, connection: Connection, project_id: int) -> Names:
        def names(model: Any) -> dict[int, str]:
            table = model.__table__
            rows = connection.execute(
                select(table.c.id, table.c.name).where(table.c.project_id == project_id)
            )
            return {row_id: name for row_id, name in rows}

        return cls(names(EntityLabel), names(StanceLabel), names(StanceTarget), names(StanceActor))


@dataclass
class Work:
    """What one annotator did on one document (see the module docstring)."""

    spans: list[dict[str, Any]] = field(default_factory=list)
    stance: list[dict[str, Any]] = field(default_factory=list)
    status: dict[str, Any] | None = None
    flag: dict[str, Any] | None = None

    @property
    def empty(self) -> bool:
        return not (self.spans or self.stance or self.status or self.flag)

    @cached_property
    def fingerprint(self) -> str:
        """The same for the same work wherever it is stored; "" for no work at all. Computed
        once (the work is read, compared and written, never changed)."""
        if self.empty:
            return ""
        content = [
            sorted(_canonical(row, SPAN_KEYS) for row in self.spans),
            sorted(_canonical(row, STANCE_KEYS) for row in self.stance),
            _canonical(self.status, STATUS_KEYS) if self.status else None,
            _canonical(self.flag, FLAG_KEYS) if self.flag else None,
        ]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()

    @property
    def edited_at(self) -> datetime | None:
        times = [
            row["updated_at"]
            for row in (*self.spans, *self.stance, self.status, self.flag)
            if row and row.get("updated_at") is not None
        ]
        return max(times) if times else None

    def to_json(self) -> dict[str, Any]:
        """For keeping a version apart (``set_aside_work``): JSON values only."""
        return json.loads(
            json.dumps(
                {
                    "spans": self.spans,
                    "stance": self.stance,
                    "status": self.status,
                    "flag": self.flag,
                },
                default=_json_value,
            )
        )

    def decisions(self) -> int:
        return len(self.spans) + len(self.stance) + (self.status is not None)


def _canonical(row: dict[str, Any], keys: tuple[str, ...]) -> str:
    values = [row[key] for key in keys if not (key in OPTIONAL_KEYS and row.get(key) is None)]
    return json.dumps(values)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if hasattr(value, "value"):  # enums
        return value.value
    raise TypeError(f"cannot describe {type(value).__name__} in work")


def read_work(
    connection: Connection,
    names: Names,
    annotator_id: int,
    document_ids: Iterable[int] | None = None,
) -> dict[int, Work]:
    """Document id -> the annotator's work on it (documents without any are left out);
    for ``document_ids`` only, or every document."""
    works: dict[int, Work] = defaultdict(Work)
    ids = None if document_ids is None else sorted(set(document_ids))
    for model, target in ((EntitySpan, "spans"), (StanceAnnotation, "stance")):
        fields = SPAN_FIELDS if target == "spans" else STANCE_FIELDS
        rows = list(_rows(connection, model, annotator_id, ids))
        keys = _suggestion_keys(connection, model, names, rows)
        for row in rows:
            values = {name: row[name] for name in fields}
            values["label"] = _label(names, model, row["label_id"])
            if model is StanceAnnotation:
                values["target"] = names.targets.get(row["target_id"], f"#{row['target_id']}")
                actor = row["holder_actor_id"]
                values["holder"] = None if actor is None else names.actors.get(actor, f"#{actor}")
            values["suggestion"] = keys.get(row["suggestion_id"])
            values["row_id"] = row["id"]
            values.update({time: row[time] for time in TIMES})
            getattr(works[row["document_id"]], target).append(values)
    for row in _rows(connection, DocumentStatus, annotator_id, ids):
        works[row["document_id"]].status = {
            "status": row["status"],
            "seconds_spent": round(float(row["seconds_spent"]), 3),
            "updated_at": row["updated_at"],
        }
    for row in _rows(connection, DocumentFlag, annotator_id, ids):
        works[row["document_id"]].flag = {"note": row["note"], "updated_at": row["updated_at"]}
    return {document_id: work for document_id, work in works.items() if not work.empty}


def _label(names: Names, model: Any, label_id: int) -> str:
    table = names.entity_labels if model is EntitySpan else names.stance_labels
    return table.get(label_id, f"#{label_id}")


def _rows(
    connection: Connection, model: Any, annotator_id: int, ids: list[int] | None
) -> Iterator[dict[str, Any]]:
    table = model.__table__
    query = select(*_raw_columns(table)).where(table.c.annotator_id == annotator_id)
    for chunk in [None] if ids is None else chunks(ids):
        result = connection.execute(
            query if chunk is None else query.where(table.c.document_id.in_(chunk))
        )
        keys = list(result.keys())
        for batch in result.partitions(_BATCH):  # fetchmany: not a call per row
            for row in batch:
                yield dict(zip(keys, row, strict=True))


def _raw_columns(table: Table, names: Iterable[str] | None = None) -> list[Any]:
    """The columns, enums read as the text they are stored as (no enum objects to build
    and take apart for every row)."""
    columns = table.columns if names is None else [table.c[name] for name in names]
    return [
        type_coerce(column, String).label(column.name) if isinstance(column.type, Enum) else column
        for column in columns
    ]


def chunks(items: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    """``items`` in slices short enough for an IN (...) list on every backend."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def suggestion_key(model: Any, names: Names, row: dict[str, Any]) -> list[Any]:
    """What identifies a machine suggestion across databases: place, label, who made it."""
    key = [
        row["start_offset"],
        row["end_offset"],
        _label(names, model, row["label_id"]),
        row["origin_kind"],
        row["origin_name"],
    ]
    if model is StanceAnnotation:
        key += [names.targets.get(row["target_id"]), row["scope"], row["sentence_index"]]
    return key


def _key_columns(model: Any) -> list[str]:
    names = ["id", "document_id", "start_offset", "end_offset", "label_id"]
    names += ["origin_kind", "origin_name"]
    if model is StanceAnnotation:
        names += ["target_id", "scope", "sentence_index"]
    return names


def key_rows(connection: Connection, model: Any, *where: Any) -> Iterator[dict[str, Any]]:
    """The columns a suggestion key needs, of the rows ``where`` selects."""
    table = model.__table__
    result = connection.execute(select(*_raw_columns(table, _key_columns(model))).where(*where))
    keys = list(result.keys())
    for batch in result.partitions(_BATCH):
        for row in batch:
            yield dict(zip(keys, row, strict=True))


def _suggestion_keys(
    connection: Connection, model: Any, names: Names, rows: list[dict[str, Any]]
) -> dict[int, list[Any]]:
    wanted = sorted({row["suggestion_id"] for row in rows if row["suggestion_id"] is not None})
    table = model.__table__
    keys: dict[int, list[Any]] = {}
    for chunk in chunks(wanted):
        for values in key_rows(connection, model, table.c.id.in_(chunk)):
            keys[values["id"]] = suggestion_key(model, names, values)
    return keys
