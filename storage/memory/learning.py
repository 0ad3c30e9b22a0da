"""What the project has learnt: every entity decision teaches at once, without training.

Each logged change of an annotator's span (``storage.events.record_event``) adds its
after-state's vote and takes back its before-state's vote on ``entity_memory`` (surface,
label, document), in the same transaction, so undo and redo undo the learning exactly.
Summed over the project, the counts say which surfaces to suggest (accepted more often than
rejected) and which to block (rejected at least as often as accepted).

This module only counts and reports; ``storage.memory.matching`` finds surfaces in a text,
``storage.memory.suggestions`` turns the memory into one document's suggestions, and
``storage.memory.background_pass`` spreads it to the other documents in the background.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import (
    Integer,
    Select,
    String,
    bindparam,
    case,
    func,
    insert,
    select,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import (
    AnnotationState,
    Document,
    EntityMemory,
    EntitySpan,
    MemoryCarried,
    utcnow,
)

MAX_SURFACE = 200  # longer spans are passages, not names: not worth remembering
INFLECTED_FACTOR = 0.9  # an inflected match is a little less certain than the same text
_TOUCHED = "project_memory.touched"  # Session.info key: document -> surfaces changed in it
_COUNTS_BEFORE = "project_memory.counts_before"  # surface -> its counts before the action
_MACHINE_ROWS = "project_memory.machine_rows"  # machine rows the action's events made/removed
_IN_CHUNK = 400  # parameters per IN (...) list, well below every backend's limit
_ACCEPTING = {AnnotationState.ACCEPTED.value, AnnotationState.EDITED.value}
_UPSERTS: dict[str, Callable[..., Any]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}


# -- documents -------------------------------------------------------------------------------


class DocumentText(NamedTuple):
    id: int
    project_id: int
    text: str
    language: str | None
    text_length: int


_DOCUMENTS = "project_memory.documents"  # Session.info key: id -> DocumentText


def document_text(session: Session, document_id: int) -> DocumentText | None:
    """A document's text, read once per transaction (texts never change: a trigger keeps
    them), without the ORM's bookkeeping: the editor's key-to-repaint path reads it twice."""
    cache: dict[int, DocumentText] = session.info.setdefault(_DOCUMENTS, {})
    if document_id not in cache:
        row = session.execute(_text_query(), {"document_id": document_id}).one_or_none()
        if row is None:
            return None
        cache[document_id] = DocumentText(*row)
    return cache[document_id]


@lru_cache(maxsize=1)  # built once: building it cost each decision a millisecond
def _text_query() -> Select[Any]:
    table = Document.__table__
    return select(
        table.c.id, table.c.project_id, table.c.text, table.c.language, table.c.text_length
    ).where(table.c.id == bindparam("document_id"))


# -- counting --------------------------------------------------------------------------------


def span_vote(values: dict[str, Any] | None) -> str | None:
    """What a span snapshot says: "accepted", "rejected", or None (no snapshot, a machine
    row, or an annotator's row not decided yet)."""
    if values is None or values.get("annotator_id") is None:
        return None
    state = values.get("state")
    if state in _ACCEPTING:
        return "accepted"
    if state == AnnotationState.REJECTED.value:
        return "rejected"
    return None


def rememberable(surface: str) -> bool:
    return 0 < len(surface) <= MAX_SURFACE and not surface.isspace()


def count_span_change(
    session: Session,
    project_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Move the memory's counts from ``before``'s vote to ``after``'s, in the caller's
    transaction (``record_event`` calls this for every entity span event). The surfaces are
    noted in the session for ``storage.memory.suggestions.refresh_touched``, and so are
    the counts before the transaction first changed them (for ``storage.memory.effects``:
    whether the action changed what the memory says)."""
    for values, step in ((before, -1), (after, 1)):
        if values is None:
            continue
        document = document_text(session, values["document_id"])
        if document is None:
            continue
        surface = document.text[values["start_offset"] : values["end_offset"]]
        if not rememberable(surface):
            continue
        session.info.setdefault(_TOUCHED, {}).setdefault(document.id, set()).add(surface)
        vote = span_vote(values)
        if vote is not None:
            before_counts: dict = session.info.setdefault(_COUNTS_BEFORE, {})
            if surface not in before_counts:
                before_counts[surface] = memory_stats(session, project_id, [surface])
            _bump(session, project_id, surface, values["label_id"], document.id, vote, step)


class MachineRow(NamedTuple):
    """A machine suggestion made (``step`` 1) or removed (-1) by a logged event."""

    document_id: int
    surface: str
    label_id: int
    step: int


def note_machine_rows(
    session: Session, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> None:
    """Note a machine row made (no ``before``) or removed (no ``after``) by a logged event
    (``storage.memory.row_log``), for ``take_machine_rows``; its document counts as touched."""
    values, step = (after, 1) if before is None else (before, -1)
    if values is None or (before is not None and after is not None):
        return
    document = document_text(session, values["document_id"])
    if document is None:
        return
    surface = document.text[values["start_offset"] : values["end_offset"]]
    session.info.setdefault(_TOUCHED, {}).setdefault(document.id, set()).add(surface)
    row = MachineRow(document.id, surface, values["label_id"], step)
    session.info.setdefault(_MACHINE_ROWS, []).append(row)


def prime_documents(session: Session, document_ids: Iterable[int]) -> None:
    """Read the texts of many documents for ``document_text`` in one query."""
    cache: dict[int, DocumentText] = session.info.setdefault(_DOCUMENTS, {})
    missing = sorted(set(document_ids) - set(cache))
    table = Document.__table__
    for chunk in chunks(missing, _IN_CHUNK):
        rows = session.execute(
            select(table.c.id, table.c.project_id, table.c.text, table.c.language)
            .add_columns(table.c.text_length)
            .where(table.c.id.in_(chunk))
        )
        for row in rows:
            cache[row[0]] = DocumentText(*row)


def take_counts_before(session: Session) -> dict[str, dict[tuple[str, int], MemoryStats]]:
    """Surface -> its counts before the transaction first changed them (noted by
    ``count_span_change``); taking them forgets them."""
    return session.info.pop(_COUNTS_BEFORE, {})


def take_machine_rows(session: Session) -> list[MachineRow]:
    """The machine rows the transaction's logged events made or removed; taking forgets."""
    return session.info.pop(_MACHINE_ROWS, [])


def take_touched(session: Session) -> dict[int, set[str]]:
    """Document id -> the surfaces the transaction's span events changed in it, noted by
    ``count_span_change``; taking them forgets them."""
    return session.info.pop(_TOUCHED, {})


def count_imported(
    session: Session, project_id: int, spans: Iterable[tuple[str, int, int]]
) -> None:
    """Spans imported as an annotator's accepted labels ((surface, label id, document id))
    count as accepts: the import writes its rows and events in bulk, past ``record_event``."""
    counts = Counter((s, label, doc) for s, label, doc in spans if rememberable(s))
    for (surface, label_id, document_id), n in counts.items():
        _bump(session, project_id, surface, label_id, document_id, "accepted", n)


def _bump(
    session: Session,
    project_id: int,
    surface: str,
    label_id: int,
    document_id: int,
    vote: str,
    step: int,
) -> None:
    table = EntityMemory.__table__
    column = table.c[vote]
    # Clamped at zero: decisions made before the memory existed were never counted up
    # (rebuild_memory repairs that); a failing CHECK must not cost the annotator's action.
    counted = case((column + step < 0, 0), else_=column + step)
    now = utcnow()
    values = {
        "project_id": project_id,
        "surface": surface,
        "label_id": label_id,
        "document_id": document_id,
        "accepted": 0,
        "rejected": 0,
        vote: max(step, 0),
        "updated_at": now,
    }
    connection = session.connection()
    if connection.dialect.name in _UPSERTS:  # one statement where the database has one
        bound = {f"new_{key}": value for key, value in values.items()}
        connection.execute(_upsert(connection.dialect.name, vote), {**bound, "step": step})
        return
    changed = connection.execute(
        update(table)
        .where(
            table.c.project_id == project_id,
            table.c.surface == surface,
            table.c.label_id == label_id,
            table.c.document_id == document_id,
        )
        .values({column: counted, "updated_at": now})
    )
    if changed.rowcount == 0:
        connection.execute(insert(table).values(values))


@lru_cache(maxsize=8)  # per database and vote, built once: a decision bumps a count or two
def _upsert(dialect: str, vote: str) -> Any:
    """Count one vote up or down (``step``), clamped at zero, making the row if needed; the
    new row's values are bound as ``new_<column>``."""
    table = EntityMemory.__table__
    column = table.c[vote]
    step = bindparam("step", type_=Integer)
    columns = ("project_id", "surface", "label_id", "document_id", "accepted", "rejected")
    statement = _UPSERTS[dialect](table).values(
        {name: bindparam(f"new_{name}") for name in (*columns, "updated_at")}
    )
    return statement.on_conflict_do_update(
        index_elements=["project_id", "surface", "label_id", "document_id"],
        set_={
            vote: case((column + step < 0, 0), else_=column + step),
            "updated_at": statement.excluded.updated_at,
        },
    )


def rebuild_memory(
    target: Session | Database, project_id: int, document_ids: Iterable[int] | None = None
) -> int:
    """Recompute the project's counts from the annotators' rows (of ``document_ids`` only,
    or of every document); rows that lose their votes stay at zero (with a new
    ``updated_at``, so the next pass sees the change). Returns how many rows changed."""
    if isinstance(target, Database):
        with target.write() as session:
            return rebuild_memory(session, project_id, document_ids)
    session = target
    if document_ids is not None:
        changed = 0
        for chunk in chunks(sorted(set(document_ids)), _IN_CHUNK):
            changed += _rebuild(session, project_id, chunk)
        return changed
    return _rebuild(session, project_id, None)


def _rebuild(session: Session, project_id: int, document_ids: list[int] | None) -> int:
    spans, documents = EntitySpan.__table__, Document.__table__
    surface = func.substr(
        documents.c.text, spans.c.start_offset + 1, spans.c.end_offset - spans.c.start_offset
    )
    # Core on the connection, the state as its stored text: a merge recounts many rows.
    decided = session.connection().execute(
        select(surface, spans.c.label_id, spans.c.document_id, type_coerce(spans.c.state, String))
        .join(documents, documents.c.id == spans.c.document_id)
        .where(documents.c.project_id == project_id, spans.c.annotator_id.is_not(None))
        .where(*_only(spans.c.document_id, document_ids))
    )
    wanted: dict[tuple[str, int, int], list[int]] = {}
    for text_, label_id, document_id, state in decided:
        vote = span_vote({"annotator_id": 0, "state": state})
        if vote is None or not rememberable(text_):
            continue
        counts = wanted.setdefault((text_, label_id, document_id), [0, 0])
        counts[0 if vote == "accepted" else 1] += 1
    table = EntityMemory.__table__
    stored = session.execute(
        select(table.c.id, table.c.surface, table.c.label_id, table.c.document_id)
        .add_columns(table.c.accepted, table.c.rejected)
        .where(table.c.project_id == project_id, *_only(table.c.document_id, document_ids))
    )
    now = utcnow()
    changed = []
    for row_id, text_, label_id, document_id, accepted, rejected in list(stored):
        counts = wanted.pop((text_, label_id, document_id), [0, 0])
        if [accepted, rejected] != counts:
            changed.append(
                {"row": row_id, "accepted": counts[0], "rejected": counts[1], "updated_at": now}
            )
    if changed:  # one statement for them all: a first rebuild may change many
        session.connection().execute(
            update(table).where(table.c.id == bindparam("row")),
            changed,
        )
    rows = [
        {
            "project_id": project_id,
            "surface": key[0],
            "label_id": key[1],
            "document_id": key[2],
            "accepted": counts[0],
            "rejected": counts[1],
            "updated_at": now,
        }
        for key, counts in wanted.items()
    ]
    if rows:
        session.execute(insert(table), rows)
    return len(changed) + len(rows)


def _only(column: Any, document_ids: list[int] | None) -> list[Any]:
    return [] if document_ids is None else [column.in_(document_ids)]


# -- what the memory says --------------------------------------------------------------------


@dataclass(frozen=True)
class MemoryStats:
    """One (surface, label) over the whole project."""

    accepted: int
    rejected: int
    documents: int  # documents where it was accepted

    @property
    def suggests(self) -> bool:
        return self.accepted > self.rejected

    @property
    def blocked(self) -> bool:
        return self.rejected > 0 and self.rejected >= self.accepted

    def confidence(self, inflected: bool = False) -> float:
        value = (self.accepted + 1) / (self.accepted + self.rejected + 2)
        return value * INFLECTED_FACTOR if inflected else value


def _times(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def explain(accepted: int, rejected: int, documents: int) -> str:
    """The stable English explanation a memory suggestion carries (the GUI translates it):
    "accepted 7 times in 5 documents", "..., rejected 1 time"."""
    words = f"accepted {_times(accepted, 'time')} in {_times(documents, 'document')}"
    return f"{words}, rejected {_times(rejected, 'time')}" if rejected else words


def memory_stats(
    session: Session, project_id: int, surfaces: Iterable[str] | None = None
) -> dict[tuple[str, int], MemoryStats]:
    """(surface, label id) -> counts summed over documents; for ``surfaces`` only, or all."""
    runs: list[dict[str, Any]] = [{"project_id": project_id}]
    if surfaces is not None:
        runs = [
            {"project_id": project_id, "surfaces": chunk}
            for chunk in chunks(sorted(set(surfaces)), _IN_CHUNK)
        ]
    query = _stats_query(surfaces is not None)
    stats: dict[tuple[str, int], MemoryStats] = {}
    connection = session.connection()  # only Core writes this table: nothing to flush
    for bound in runs:
        for surface, label_id, accepted, rejected, documents in connection.execute(query, bound):
            stats[(surface, label_id)] = MemoryStats(int(accepted), int(rejected), int(documents))
    return stats


def _counted(project: Any, surfaces: Any = None) -> Any:
    """The memory's counts per document, plus what a handed-out file carries of the
    documents that stayed behind (``memory_carried``, empty elsewhere), as one subquery; each
    part filtered on its own, so both keep using their indexes."""
    memory, carried = EntityMemory.__table__, MemoryCarried.__table__
    parts: list[Select[Any]] = []
    documents: dict[Any, Any] = {
        memory: case((memory.c.accepted > 0, 1), else_=0),
        carried: carried.c.documents,
    }
    for table in (memory, carried):
        part = select(
            table.c.surface,
            table.c.label_id,
            table.c.accepted,
            table.c.rejected,
            documents[table].label("documents"),
        ).where(table.c.project_id == project)
        if surfaces is not None:
            part = part.where(table.c.surface.in_(surfaces))
        parts.append(part)
    return union_all(*parts).subquery("counted")


@lru_cache(maxsize=2)  # built once: a decision asks three times, and building cost 1 ms each
def _stats_query(for_surfaces: bool) -> Select[Any]:
    surfaces: Any = bindparam("surfaces", expanding=True) if for_surfaces else None
    counted = _counted(bindparam("project_id"), surfaces)
    return select(
        counted.c.surface,
        counted.c.label_id,
        func.sum(counted.c.accepted),
        func.sum(counted.c.rejected),
        func.sum(counted.c.documents),
    ).group_by(counted.c.surface, counted.c.label_id)


def blocked_pairs(session: Session, project_id: int) -> set[tuple[str, int]]:
    """(surface, label id) pairs no suggester may suggest: rejected at least as often as
    accepted."""
    counted = _counted(project_id)
    rejected, accepted = func.sum(counted.c.rejected), func.sum(counted.c.accepted)
    rows = session.execute(
        select(counted.c.surface, counted.c.label_id)
        .group_by(counted.c.surface, counted.c.label_id)
        .having(rejected > 0, rejected >= accepted)
    )
    return {(surface, label_id) for surface, label_id in rows}


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in slices of at most ``size`` (IN lists and OR chains stay short)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
