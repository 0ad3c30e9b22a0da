"""Merging annotators' project files back into the project: every annotator's decisions,
nothing lost, in any order, as often as wanted.

The unit of a merge is one annotator's work on one document (``storage.team.work``: spans,
sentence and document stance, status and time spent, flag and note), matched to the
project's documents by the SHA-256 of their text; documents the project lacks are added.
For each unit, with F the file's version, P the project's and B the common ancestor (what
this file had when it was handed out or last merged, ``merge_bases``):

* F = P, or F = B (the file brings nothing new): nothing changes;
* P is empty, or P = B (only the file changed): F replaces P;
* otherwise the annotator edited the document in two places, a **conflict**: the version
  edited last wins (the newest ``updated_at`` in it; equal times: the larger fingerprint),
  and the other is kept whole in ``set_aside_work``, reported with document and spans.

The rule depends only on the versions, never on the order of files, so merging A then B
gives the same project as B then A, and merging a file again changes nothing. Rows of other
annotators and machine suggestions are never touched. Labels, stance labels and targets
(with aliases) the project lacks come in by name and are reported. The annotators' event
log entries come too, once (an action id is unique across machines). Everything happens in
the caller's transaction: a merge is whole or not at all.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update

from storage.database import DatabaseError
from storage.models import (
    Annotator,
    Assignment,
    Document,
    DocumentFlag,
    DocumentStatus,
    EntityLabel,
    EntitySpan,
    Event,
    MergeBase,
    Project,
    SetAsideWork,
    StanceAnnotation,
    StanceLabel,
    StanceTarget,
    TargetAlias,
    utcnow,
)
from storage.project_identity import project_identity
from storage.team.handout import handout_info
from storage.team.work import Names, Work, read_work, suggestion_key

MERGE_ACTION = "project.merge"
PROJECT_VERSION = "project"  # the source of a set-aside version edited in the project
_CHUNK = 500
_EARLIEST = datetime.min

Cancelled = Callable[[], bool]


class MergeCancelledError(Exception):
    """The user cancelled; the caller's transaction rolls everything back."""


@dataclass
class Conflict:
    """One annotator edited one document in two places."""

    annotator: str
    document_id: int
    document: str  # title or source, for people
    kept: str  # "file" or "project": whose version the project holds now
    set_aside: str  # where the other version came from (a file's uid, or "project")
    differences: list[str]  # the spans and stance rows that differ, as text

    def to_json(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "document_id": self.document_id,
            "document": self.document,
            "kept": self.kept,
            "set_aside_from": self.set_aside,
            "differences": self.differences,
        }


@dataclass
class AnnotatorMerge:
    """One annotator's part of one file."""

    annotator: str
    documents: int = 0  # documents with their work in the file
    decisions: int = 0  # spans, stance rows and statuses brought in
    taken: int = 0  # documents whose work came in (new or updated)
    unchanged: int = 0  # documents whose work the project had already (or newer)
    new_documents: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "documents": self.documents,
            "decisions": self.decisions,
            "documents_updated": self.taken,
            "documents_unchanged": self.unchanged,
            "new_documents": self.new_documents,
            "conflicts": [conflict.to_json() for conflict in self.conflicts],
        }


@dataclass
class FileMerge:
    """What merging one file did."""

    source: str  # the file or URL, as given
    uid: str  # the file's identity as a merge source
    annotators: list[AnnotatorMerge] = field(default_factory=list)
    new_documents: int = 0
    labels_added: list[str] = field(default_factory=list)  # "entity label EVENT", ...
    events: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "source_uid": self.uid,
            "new_documents": self.new_documents,
            "schema_added": self.labels_added,
            "events": self.events,
            "annotators": [item.to_json() for item in self.annotators],
        }


@dataclass
class MergeReport:
    files: list[FileMerge] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for f in self.files for a in f.annotators for c in a.conflicts]

    def lines(self) -> list[str]:
        lines = []
        for item in self.files:
            lines.append(
                f"{item.source}: {item.new_documents} new documents, {item.events} log entries"
            )
            lines += [f"  added {what}" for what in item.labels_added]
            for person in item.annotators:
                lines.append(
                    f"  {person.annotator}: {person.documents} documents, "
                    f"{person.decisions} decisions, {person.taken} updated, "
                    f"{person.new_documents} new documents, {len(person.conflicts)} conflicts"
                )
                for conflict in person.conflicts:
                    lines.append(
                        f"    conflict in document {conflict.document_id} "
                        f"({conflict.document}): kept the {conflict.kept}'s version, the "
                        f"other is set aside; differs in {'; '.join(conflict.differences[:5])}"
                    )
        conflicts = len(self.conflicts)
        lines.append(
            f"merged {len(self.files)} files, {conflicts} conflicts"
            + (" (the version edited last wins; the other is set aside)" if conflicts else "")
        )
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [item.to_json() for item in self.files],
            "conflicts": len(self.conflicts),
        }


# -- one file --------------------------------------------------------------------------------


def merge_file(
    dst: Connection,
    project_id: int,
    src: Connection,
    display: str,
    should_cancel: Cancelled = lambda: False,
) -> tuple[FileMerge, set[int]]:
    """Merge the project file read by ``src`` into project ``project_id`` on ``dst`` (in
    dst's transaction). Returns the report and the project's documents whose work changed
    (their memory needs recounting)."""
    source_project = _single_project(src, display)
    info = handout_info(source_project["settings"])
    uid = info["uid"] if info and isinstance(info.get("uid"), str) else None
    uid = uid or project_identity(src, source_project["id"]).uid
    report = FileMerge(display, uid)
    report.labels_added = _bring_schema(src, dst, source_project["id"], project_id)
    src_names = Names.read(src, source_project["id"])
    dst_names = Names.read(dst, project_id)
    documents, new_documents = _match_documents(src, dst, source_project["id"], project_id)
    report.new_documents = len(new_documents)
    people = _annotators(src, dst)
    changed: set[int] = set()
    span_ids: dict[int, int] = {}
    stance_ids: dict[int, int] = {}
    for src_annotator, (name, dst_annotator) in sorted(people.items(), key=lambda p: p[1][0]):
        if should_cancel():
            raise MergeCancelledError
        person = AnnotatorMerge(name)
        theirs = read_work(src, src_names, src_annotator)
        theirs = {documents[d]: work for d, work in theirs.items() if d in documents}
        person.documents = len(theirs)
        person.new_documents = len(set(theirs) & new_documents)
        ours = read_work(dst, dst_names, dst_annotator, theirs)
        bases = _bases(dst, dst_annotator, theirs)
        take: dict[int, Work] = {}
        for document_id, work in sorted(theirs.items()):
            outcome = _decide(
                dst, document_id, dst_annotator, name, uid, work, ours.get(document_id), bases
            )
            if isinstance(outcome, Conflict):
                person.conflicts.append(outcome)
                if outcome.kept == "file":
                    take[document_id] = work
            elif outcome:
                take[document_id] = work
            else:
                person.unchanged += 1
            _set_base(dst, document_id, dst_annotator, uid, work.fingerprint)
        person.taken = len(take)
        person.decisions = sum(work.decisions() for work in take.values())
        ids = _replace(dst, dst_names, dst_annotator, take)
        span_ids.update(ids[0])
        stance_ids.update(ids[1])
        changed |= set(take)
        _bring_assignments(src, dst, project_id, src_annotator, dst_annotator, documents)
        report.annotators.append(person)
    row_ids = {"entity_span": span_ids, "stance_annotation": stance_ids}
    report.events = _bring_events(src, dst, project_id, people, documents, row_ids)
    _log_merge(dst, project_id, report)
    return report, changed


def _single_project(src: Connection, display: str) -> dict[str, Any]:
    rows = [dict(r._mapping) for r in src.execute(select(Project.__table__))]
    if len(rows) != 1:
        raise DatabaseError(
            f"{display} holds {len(rows)} projects; a project file to merge holds exactly one"
        )
    return rows[0]


# -- schema: labels, stance labels, targets --------------------------------------------------


def _bring_schema(src: Connection, dst: Connection, src_project: int, project_id: int) -> list[str]:
    """Labels, stance labels and targets (with aliases) the project lacks, by name."""
    added: list[str] = []
    for model, what in ((EntityLabel, "entity label"), (StanceLabel, "stance label")):
        table = model.__table__
        have = {
            row.name: row
            for row in dst.execute(select(table).where(table.c.project_id == project_id))
        }
        shortcuts = {row.shortcut for row in have.values() if row.shortcut}
        position = max((row.position for row in have.values()), default=-1)
        for row in src.execute(
            select(table).where(table.c.project_id == src_project).order_by(table.c.position)
        ):
            if row.name in have:
                continue
            position += 1
            values = dict(row._mapping)
            values.pop("id")
            values.update(project_id=project_id, position=position)
            if values["shortcut"] in shortcuts:
                values["shortcut"] = None
            dst.execute(insert(table), [values])
            added.append(f"{what} {row.name}")
    targets = StanceTarget.__table__
    aliases = TargetAlias.__table__
    have_targets = {
        name: target_id
        for target_id, name in dst.execute(
            select(targets.c.id, targets.c.name).where(targets.c.project_id == project_id)
        )
    }
    for row in src.execute(select(targets).where(targets.c.project_id == src_project)):
        if row.name not in have_targets:
            result = dst.execute(
                insert(targets).returning(targets.c.id),
                [{"project_id": project_id, "name": row.name, "kind": row.kind}],
            )
            have_targets[row.name] = result.scalar_one()
            added.append(f"target {row.name}")
        known = set(
            dst.scalars(
                select(aliases.c.alias).where(aliases.c.target_id == have_targets[row.name])
            )
        )
        for (alias,) in src.execute(select(aliases.c.alias).where(aliases.c.target_id == row.id)):
            if alias not in known:
                dst.execute(
                    insert(aliases), [{"target_id": have_targets[row.name], "alias": alias}]
                )
                added.append(f"alias {alias!r} of target {row.name}")
    return added


# -- documents and annotators ----------------------------------------------------------------


def _match_documents(
    src: Connection, dst: Connection, src_project: int, project_id: int
) -> tuple[dict[int, int], set[int]]:
    """The file's document ids -> the project's (by the hash of the text, computed here, not
    trusted from the file); documents the project lacks are added. Also: the new ids."""
    table = Document.__table__
    by_hash: dict[str, int] = {}
    rows: dict[int, dict[str, Any]] = {}
    for row in src.execute(select(table).where(table.c.project_id == src_project)):
        values = dict(row._mapping)
        digest = hashlib.sha256(values["text"].encode("utf-8")).hexdigest()
        values["sha256"] = digest
        by_hash[digest] = values["id"]
        rows[values["id"]] = values
    found: dict[str, int] = {}
    hashes = sorted(by_hash)
    for chunk in _chunks(hashes):
        query = select(table.c.sha256, table.c.id).where(
            table.c.project_id == project_id, table.c.sha256.in_(chunk)
        )
        found.update({digest: doc_id for digest, doc_id in dst.execute(query)})
    mapping = {by_hash[digest]: doc_id for digest, doc_id in found.items()}
    missing = [rows[by_hash[digest]] for digest in hashes if digest not in found]
    new: set[int] = set()
    for values in missing:
        src_id = values.pop("id")
        values["project_id"] = project_id
        doc_id = dst.execute(insert(table).returning(table.c.id), [values]).scalar_one()
        mapping[src_id] = doc_id
        new.add(doc_id)
    return mapping, new


def _annotators(src: Connection, dst: Connection) -> dict[int, tuple[str, int]]:
    """The file's annotators that did anything -> (name, the project's id, created if new)."""
    ids: set[int] = set()
    for model in (EntitySpan, StanceAnnotation, DocumentStatus, DocumentFlag):
        table = model.__table__
        query = select(table.c.annotator_id).distinct().where(table.c.annotator_id.is_not(None))
        ids |= set(src.scalars(query))
    table = Annotator.__table__
    people: dict[int, tuple[str, int]] = {}
    for src_id, name in src.execute(select(table.c.id, table.c.name).where(table.c.id.in_(ids))):
        dst_id = dst.scalar(select(table.c.id).where(table.c.name == name))
        if dst_id is None:
            dst_id = dst.execute(
                insert(table).returning(table.c.id), [{"name": name, "created_at": utcnow()}]
            ).scalar_one()
        people[src_id] = (name, dst_id)
    return people


# -- deciding ---------------------------------------------------------------------------------


def _bases(dst: Connection, annotator_id: int, documents: Iterable[int]) -> dict[int, dict]:
    """Document -> {source: fingerprint} of the annotator's merge bases."""
    table = MergeBase.__table__
    bases: dict[int, dict[str, str]] = defaultdict(dict)
    for chunk in _chunks(sorted(documents)):
        query = select(table.c.document_id, table.c.source, table.c.fingerprint).where(
            table.c.annotator_id == annotator_id, table.c.document_id.in_(chunk)
        )
        for document_id, source, fingerprint in dst.execute(query):
            bases[document_id][source] = fingerprint
    return bases


def _decide(
    dst: Connection,
    document_id: int,
    annotator_id: int,
    name: str,
    uid: str,
    theirs: Work,
    ours: Work | None,
    bases: dict[int, dict[str, str]],
) -> bool | Conflict:
    """True: the file's version replaces the project's; False: nothing to do; a Conflict
    (already set aside) says which version won."""
    f = theirs.fingerprint
    p = ours.fingerprint if ours is not None else ""
    known = bases.get(document_id, {})
    base = known.get(uid)
    if f in (p, base):
        return False
    if ours is None or p == base:
        return True
    file_key = (theirs.edited_at or _EARLIEST, f)
    project_key = (ours.edited_at or _EARLIEST, p)
    file_wins = file_key > project_key
    loser, loser_source = (ours, _source_of(known, p)) if file_wins else (theirs, uid)
    _set_aside(dst, document_id, annotator_id, loser_source, loser)
    return Conflict(
        annotator=name,
        document_id=document_id,
        document=_document_name(dst, document_id),
        kept="file" if file_wins else "project",
        set_aside=loser_source,
        differences=_differences(dst, document_id, theirs, ours),
    )


def _source_of(bases: dict[str, str], fingerprint: str) -> str:
    """Which file a version came from (its base), or the project itself."""
    sources = sorted(source for source, value in bases.items() if value == fingerprint)
    return sources[0] if sources else PROJECT_VERSION


def _set_aside(
    dst: Connection, document_id: int, annotator_id: int, source: str, work: Work
) -> None:
    table = SetAsideWork.__table__
    exists = dst.scalar(
        select(table.c.id).where(
            table.c.document_id == document_id,
            table.c.annotator_id == annotator_id,
            table.c.fingerprint == work.fingerprint,
        )
    )
    if exists is None:
        dst.execute(
            insert(table),
            [
                {
                    "document_id": document_id,
                    "annotator_id": annotator_id,
                    "source": source,
                    "fingerprint": work.fingerprint,
                    "edited_at": work.edited_at,
                    "work": work.to_json(),
                    "created_at": utcnow(),
                }
            ],
        )


def _set_base(
    dst: Connection, document_id: int, annotator_id: int, source: str, fingerprint: str
) -> None:
    table = MergeBase.__table__
    where = (
        table.c.document_id == document_id,
        table.c.annotator_id == annotator_id,
        table.c.source == source,
    )
    stored = dst.execute(select(table.c.id, table.c.fingerprint).where(*where)).first()
    if stored is None:
        dst.execute(
            insert(table),
            [
                {
                    "document_id": document_id,
                    "annotator_id": annotator_id,
                    "source": source,
                    "fingerprint": fingerprint,
                    "updated_at": utcnow(),
                }
            ],
        )
    elif stored.fingerprint != fingerprint:
        dst.execute(
            update(table)
            .where(table.c.id == stored.id)
            .values(fingerprint=fingerprint, updated_at=utcnow())
        )


def _document_name(dst: Connection, document_id: int) -> str:
    row = dst.execute(
        select(Document.title, Document.source).where(Document.id == document_id)
    ).one()
    return row.title or row.source or f"document {document_id}"


def _differences(dst: Connection, document_id: int, theirs: Work, ours: Work | None) -> list[str]:
    """The spans and stance rows in one version and not the other, as people read them."""
    text = dst.scalar(select(Document.text).where(Document.id == document_id)) or ""

    def spans(work: Work | None) -> set[str]:
        if work is None:
            return set()
        shown = {
            f"{row['label']} {row['start_offset']}-{row['end_offset']} "
            f"“{text[row['start_offset'] : row['end_offset']][:40]}” ({row['state']})"
            for row in work.spans
        }
        shown |= {
            f"stance {row['label']} toward {row['target']} ({row['scope']} "
            f"{row['sentence_index'] if row['sentence_index'] is not None else ''})".replace(
                " )", ")"
            )
            for row in work.stance
        }
        if work.status:
            shown.add(f"status {work.status['status']}")
        if work.flag:
            shown.add(f"flag “{work.flag['note'][:40]}”")
        return shown

    file_only, project_only = spans(theirs) - spans(ours), spans(ours) - spans(theirs)
    return [f"file: {item}" for item in sorted(file_only)] + [
        f"project: {item}" for item in sorted(project_only)
    ]


# -- writing ---------------------------------------------------------------------------------


def _replace(
    dst: Connection, names: Names, annotator_id: int, take: dict[int, Work]
) -> tuple[dict[int, int], dict[int, int]]:
    """The annotator's rows on these documents become the file's. Returns the file's span
    and stance row ids -> the project's new ones (for the event log)."""
    if not take:
        return {}, {}
    documents = sorted(take)
    for model in (EntitySpan, StanceAnnotation, DocumentStatus, DocumentFlag):
        table = model.__table__
        for chunk in _chunks(documents):
            dst.execute(
                delete(table).where(
                    table.c.annotator_id == annotator_id, table.c.document_id.in_(chunk)
                )
            )
    lengths = _lengths(dst, documents)
    labels = {name: label_id for label_id, name in names.entity_labels.items()}
    stance_labels = {name: label_id for label_id, name in names.stance_labels.items()}
    targets = {name: target_id for target_id, name in names.targets.items()}
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
    values = {
        name: row[name]
        for name in (
            "start_offset",
            "end_offset",
            "state",
            "origin_kind",
            "origin_name",
            "origin_version",
            "origin_detail",
            "confidence",
            "created_at",
            "updated_at",
        )
    }
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
    if not rows:
        return {}
    result = dst.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return dict(zip(from_ids, result.scalars(), strict=True))


def _lengths(dst: Connection, documents: list[int]) -> dict[int, int]:
    lengths: dict[int, int] = {}
    for chunk in _chunks(documents):
        query = select(Document.id, Document.text_length).where(Document.id.in_(chunk))
        lengths.update({doc_id: length for doc_id, length in dst.execute(query)})
    return lengths


def _machine_keys(
    dst: Connection, model: Any, names: Names, documents: list[int]
) -> dict[tuple, int]:
    """(document, suggestion key) -> id of the project's machine suggestion there."""
    table = model.__table__
    keys: dict[tuple, int] = {}
    for chunk in _chunks(documents):
        query = select(table).where(table.c.annotator_id.is_(None), table.c.document_id.in_(chunk))
        for row in dst.execute(query):
            values = dict(row._mapping)
            key = (values["document_id"], *suggestion_key(model, names, values))
            keys.setdefault(key, values["id"])
    return keys


def _bring_assignments(
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


def _bring_events(
    src: Connection,
    dst: Connection,
    project_id: int,
    people: dict[int, tuple[str, int]],
    documents: dict[int, int],
    row_ids: dict[str, dict[int, int]],
) -> int:
    """The annotators' log entries the project lacks (by action id), ids translated where
    the rows they name came along (otherwise no object id: the log keeps its history)."""
    table = Event.__table__
    query = select(table).where(table.c.annotator_id.in_(list(people))).order_by(table.c.id)
    events = [dict(row._mapping) for row in src.execute(query)]
    actions = sorted({event["action_id"] for event in events})
    known: set[str] = set()
    for chunk in _chunks(actions):
        known |= set(
            dst.scalars(select(table.c.action_id).distinct().where(table.c.action_id.in_(chunk)))
        )
    rows = []
    for event in events:
        if event["action_id"] in known:
            continue
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
        rows.append(event)
    for start in range(0, len(rows), 5000):
        dst.execute(insert(table), rows[start : start + 5000])
    return len(rows)


def _log_merge(dst: Connection, project_id: int, report: FileMerge) -> None:
    from storage.events import new_action_id

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


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
