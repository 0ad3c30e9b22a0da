"""Handing work out: one project file per annotator, to label offline and merge back.

``hand_out`` assigns the documents nobody has yet (``storage.assignment``), then writes
``<folder>/<annotator>.sqlite`` for every annotator with documents not handed out before: a
whole project (the schema's tables, the label schema, the stance targets and their aliases)
holding only that annotator's documents with their text, the machine suggestions on them and
the annotator's own earlier work, their assignments, the project memory (the documents' own
rows, and the rest summed in ``memory_carried``), and the active models, copied into the
file's models folder under a relative path (``storage.model_registry.resolve_model_path``).
Ids are kept, so the file's rows read like the project's.

The file's settings say whose work it is (``settings["handout"]``: annotator, project, a new
uid that names the file as a merge source). For each document handed out the project records
the annotator's work as it was (``merge_bases``), the common ancestor that lets a merge tell
an update from an edit in two places (``storage.team.merge``). Handing out again writes only
documents not handed out (or merged) before; an earlier file of the same name is kept,
renamed with its time.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, case, func, insert, select

from storage.assignment import AssignmentReport, assign_documents, assigned_documents
from storage.copy_project import build_project_file
from storage.database import Database
from storage.model_registry import resolve_model_path
from storage.models import (
    ActorAlias,
    Annotator,
    Assignment,
    Document,
    DocumentFlag,
    DocumentStatus,
    EntityLabel,
    EntityMemory,
    EntitySpan,
    MemoryCarried,
    MergeBase,
    Project,
    StanceActor,
    StanceAnnotation,
    StanceLabel,
    StanceTarget,
    TargetAlias,
    TrainedModel,
    utcnow,
)
from storage.paths import models_dir_for
from storage.project_files import backup_dir_for, side_files
from storage.project_identity import project_identity
from storage.team.work import Names, read_work

HANDOUT_KEY = "handout"  # Project.settings key of a handed-out file
FILE_SUFFIX = ".sqlite"
_CHUNK = 500
_NOT_CARRIED = ("replay",)  # settings that describe the coordinator's project, not the work

Progress = Callable[[str, int, int], None]  # annotator, files written, files to write


@dataclass
class HandoutFile:
    """What was written for one annotator (``path`` None: nothing new for them)."""

    annotator: str
    path: Path | None
    documents: int
    earlier: Path | None = None  # an earlier file of the same name, kept under this name
    models: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "file": None if self.path is None else str(self.path),
            "documents": self.documents,
            "earlier_file_kept_as": None if self.earlier is None else str(self.earlier),
            "models": self.models,
        }


@dataclass
class HandoutReport:
    assignment: AssignmentReport
    files: list[HandoutFile] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = self.assignment.lines()
        for item in self.files:
            if item.path is None:
                lines.append(f"{item.annotator}: nothing new to hand out")
                continue
            lines.append(f"{item.annotator}: {item.documents} documents -> {item.path}")
            if item.earlier is not None:
                lines.append(f"  the earlier {item.path.name} was kept as {item.earlier.name}")
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "assigned": self.assignment.new_per_annotator,
            "overlap_documents": len(self.assignment.overlap_documents),
            "files": [item.to_json() for item in self.files],
        }


def handout_info(settings: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a project's settings say about it being handed out (None: it is not)."""
    info = (settings or {}).get(HANDOUT_KEY)
    if not isinstance(info, dict) or not isinstance(info.get("annotator"), str):
        return None
    return info


def hand_out(
    db: Database,
    project_id: int,
    annotators: list[str],
    folder: Path,
    *,
    overlap: float = 0.2,
    seed: int = 0,
    progress: Progress | None = None,
) -> HandoutReport:
    """Assign, then write one file per annotator into ``folder`` (see the module docstring).
    ``AssignmentError`` for options that make no sense; ``OSError`` or ``DatabaseError`` when
    the folder cannot be written (the project keeps the assignment, which a second run
    uses)."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} is a file, not a folder")
    report = HandoutReport(assign_documents(db, project_id, annotators, overlap, seed))
    folder.mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(report.assignment.annotators):
        if progress is not None:
            progress(name, number, len(report.assignment.annotators))
        report.files.append(_hand_out_to(db, project_id, name, folder))
    if progress is not None:
        progress("", len(report.files), len(report.files))
    return report


def _hand_out_to(db: Database, project_id: int, name: str, folder: Path) -> HandoutFile:
    with db.read() as session:
        annotator = session.scalar(select(Annotator).where(Annotator.name == name))
        assert annotator is not None  # assign_documents created every annotator
        annotator_id = annotator.id
        handed = set(
            session.scalars(
                select(MergeBase.document_id).where(MergeBase.annotator_id == annotator_id)
            )
        )
        documents = sorted(assigned_documents(session, project_id, annotator_id) - handed)
    if not documents:
        return HandoutFile(name, None, 0)
    path = folder / f"{_file_stem(name)}{FILE_SUFFIX}"
    earlier = _keep_earlier(path)
    uid = uuid.uuid4().hex
    models: list[tuple[Path, str]] = []

    def fill(dst: Connection) -> None:
        with db.read() as session:
            models.extend(
                _copy_rows(session.connection(), dst, project_id, annotator_id, documents, uid)
            )

    build_project_file(path, fill, "hand-out")
    for folder_from, relative in models:
        shutil.copytree(folder_from, models_dir_for(path) / relative, dirs_exist_ok=True)
    _record_bases(db, project_id, annotator_id, documents, uid)
    return HandoutFile(name, path, len(documents), earlier, len(models))


def _file_stem(name: str) -> str:
    """An annotator's name as a file name: path separators and control characters out."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name)
    return cleaned.strip(". ") or "annotator"


def _keep_earlier(path: Path) -> Path | None:
    """An earlier file of this name may hold work not merged yet: rename it, with its
    models folder, instead of overwriting it."""
    if not path.exists():
        return None
    stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.{stamp}{path.suffix}")
    number = 1
    while kept.exists():
        number += 1
        kept = path.with_name(f"{path.stem}.{stamp}-{number}{path.suffix}")
    path.replace(kept)
    for side in side_files(path):
        if side.exists():
            side.replace(kept.with_name(kept.name + side.name[len(path.name) :]))
    # Its models and backups folders go with it (named after the file).
    for folder_of in (models_dir_for, backup_dir_for):
        if folder_of(path).exists():
            folder_of(path).replace(folder_of(kept))
    return kept


def _copy_rows(
    src: Connection,
    dst: Connection,
    project_id: int,
    annotator_id: int,
    documents: list[int],
    uid: str,
) -> list[tuple[Path, str]]:
    """Every row the annotator's file holds, ids kept, in foreign-key order; commits. The
    active models' folders to copy come back (folder, path relative to the models folder)."""
    if not dst.in_transaction():
        dst.begin()
    project = src.execute(select(Project.__table__).where(Project.id == project_id)).one()
    values = dict(project._mapping)
    identity = project_identity(src, project_id)
    settings = {k: v for k, v in (values["settings"] or {}).items() if k not in _NOT_CARRIED}
    settings[HANDOUT_KEY] = {
        "uid": uid,
        "annotator": _name(src, annotator_id),
        "project": values["name"],
        "project_uid": identity.uid,
        "created_at": utcnow().isoformat(timespec="seconds"),
        "documents": len(documents),
    }
    settings.setdefault("uid", identity.uid)  # the file is the same project's work
    values["settings"] = settings
    dst.execute(insert(Project.__table__), [values])
    _copy(src, dst, Annotator.__table__, Annotator.id == annotator_id)
    for schema in (EntityLabel, StanceLabel, StanceTarget, StanceActor):
        _copy(src, dst, schema.__table__, schema.__table__.c.project_id == project_id)
    targets = select(StanceTarget.id).where(StanceTarget.project_id == project_id)
    _copy(src, dst, TargetAlias.__table__, TargetAlias.target_id.in_(targets))
    actors = select(StanceActor.id).where(StanceActor.project_id == project_id)
    _copy(src, dst, ActorAlias.__table__, ActorAlias.actor_id.in_(actors))
    for chunk in _chunks(documents):
        _copy(src, dst, Document.__table__, Document.id.in_(chunk))
        for table in (EntitySpan.__table__, StanceAnnotation.__table__):
            # Suggestions before the decisions that point at them.
            here = table.c.document_id.in_(chunk)
            _copy(src, dst, table, here, table.c.annotator_id.is_(None))
            _copy(src, dst, table, here, table.c.annotator_id == annotator_id)
        for table in (DocumentStatus.__table__, DocumentFlag.__table__, Assignment.__table__):
            here = table.c.document_id.in_(chunk)
            _copy(src, dst, table, here, table.c.annotator_id == annotator_id)
        _copy(src, dst, EntityMemory.__table__, EntityMemory.document_id.in_(chunk))
    _carry_memory(src, dst, project_id, documents)
    models = _copy_models(src, dst, project_id)
    dst.commit()
    return models


def _name(src: Connection, annotator_id: int) -> str:
    return src.scalar(select(Annotator.name).where(Annotator.id == annotator_id)) or ""


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _copy(src: Connection, dst: Connection, table: Table, *where: Any) -> int:
    rows = [dict(row._mapping) for row in src.execute(select(table).where(*where))]
    if rows:
        dst.execute(insert(table), rows)
    return len(rows)


def _carry_memory(src: Connection, dst: Connection, project_id: int, documents: list[int]) -> None:
    """The memory of the documents not handed out, summed per surface and label."""
    memory = EntityMemory.__table__
    totals: dict[tuple[str, int], list[int]] = {}

    def add(rows: Iterable[Any], sign: int) -> None:
        for surface, label_id, accepted, rejected, in_documents in rows:
            counts = totals.setdefault((surface, label_id), [0, 0, 0])
            for i, n in enumerate((accepted, rejected, in_documents)):
                counts[i] += sign * int(n or 0)

    grouped = select(
        memory.c.surface,
        memory.c.label_id,
        func.sum(memory.c.accepted),
        func.sum(memory.c.rejected),
        func.sum(case((memory.c.accepted > 0, 1), else_=0)),
    ).group_by(memory.c.surface, memory.c.label_id)
    add(src.execute(grouped.where(memory.c.project_id == project_id)), 1)
    for chunk in _chunks(documents):
        add(src.execute(grouped.where(memory.c.document_id.in_(chunk))), -1)
    carried = MemoryCarried.__table__
    add(
        src.execute(
            select(
                carried.c.surface,
                carried.c.label_id,
                carried.c.accepted,
                carried.c.rejected,
                carried.c.documents,
            ).where(carried.c.project_id == project_id)
        ),
        1,
    )
    rows = [
        {
            "project_id": project_id,
            "surface": surface,
            "label_id": label_id,
            "accepted": counts[0],
            "rejected": counts[1],
            "documents": counts[2],
        }
        for (surface, label_id), counts in totals.items()
        if counts[0] > 0 or counts[1] > 0
    ]
    if rows:
        dst.execute(insert(carried), rows)


def _copy_models(src: Connection, dst: Connection, project_id: int) -> list[tuple[Path, str]]:
    """The active models, their paths made relative to the file's models folder."""
    table = TrainedModel.__table__
    rows = src.execute(select(table).where(table.c.project_id == project_id, table.c.active))
    folders = []
    for row in rows:
        values = dict(row._mapping)
        folder = Path(resolve_model_path(src, values["path"]))
        if folder.is_dir():
            relative = folder.name
            folders.append((folder, relative))
            values["path"] = relative
            details = dict(values["details"] or {})
            if "path" in details:
                details["path"] = relative
            values["details"] = details
        dst.execute(insert(table), [values])
    return folders


def _record_bases(
    db: Database, project_id: int, annotator_id: int, documents: list[int], uid: str
) -> None:
    """The annotator's work on each document as handed out: a merge's common ancestor."""
    with db.write() as session:
        connection = session.connection()
        names = Names.read(connection, project_id)
        works = read_work(connection, names, annotator_id, documents)
        now = utcnow()
        rows = [
            {
                "document_id": document_id,
                "annotator_id": annotator_id,
                "source": uid,
                "fingerprint": works[document_id].fingerprint if document_id in works else "",
                "updated_at": now,
            }
            for document_id in documents
        ]
        connection.execute(insert(MergeBase.__table__), rows)
