"""What a merged file brings besides work: its label schema, its documents (matched by
text, added when new) and its annotators (``storage.team.merge``)."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from storage.database import DatabaseError
from storage.models import (
    ActorAlias,
    Annotator,
    Document,
    DocumentFlag,
    DocumentStatus,
    EntityLabel,
    EntitySpan,
    Project,
    StanceActor,
    StanceAnnotation,
    StanceLabel,
    StanceTarget,
    TargetAlias,
    utcnow,
)
from storage.team.work import chunks


def single_project(src: Connection, display: str) -> dict[str, Any]:
    rows = [dict(r._mapping) for r in src.execute(select(Project.__table__))]
    if len(rows) != 1:
        raise DatabaseError(
            f"{display} holds {len(rows)} projects; a project file to merge holds exactly one"
        )
    return rows[0]


# -- schema: labels, stance labels, targets --------------------------------------------------


def bring_schema(src: Connection, dst: Connection, src_project: int, project_id: int) -> list[str]:
    """Labels, stance labels, targets and actors (with aliases) the project lacks, by name."""
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
    for lists in (_TARGETS, _ACTORS):
        added += _bring_named(src, dst, src_project, project_id, *lists)
    return added


# A named list and its aliases: (table, alias table, its reference column, what a report says).
_TARGETS = (StanceTarget.__table__, TargetAlias.__table__, "target_id", "target")
_ACTORS = (StanceActor.__table__, ActorAlias.__table__, "actor_id", "actor")


def _bring_named(
    src: Connection,
    dst: Connection,
    src_project: int,
    project_id: int,
    table: Table,
    aliases: Table,
    owner: str,
    what: str,
) -> list[str]:
    """The entries of a named list (targets, actors) and their aliases the project lacks."""
    added: list[str] = []
    have = {
        name: row_id
        for row_id, name in dst.execute(
            select(table.c.id, table.c.name).where(table.c.project_id == project_id)
        )
    }
    for row in src.execute(select(table).where(table.c.project_id == src_project)):
        if row.name not in have:
            result = dst.execute(
                insert(table).returning(table.c.id),
                [{"project_id": project_id, "name": row.name, "kind": row.kind}],
            )
            have[row.name] = result.scalar_one()
            added.append(f"{what} {row.name}")
        known = set(dst.scalars(select(aliases.c.alias).where(aliases.c[owner] == have[row.name])))
        for (alias,) in src.execute(select(aliases.c.alias).where(aliases.c[owner] == row.id)):
            if alias not in known:
                dst.execute(insert(aliases), [{owner: have[row.name], "alias": alias}])
                added.append(f"alias {alias!r} of {what} {row.name}")
    return added


# -- documents and annotators ----------------------------------------------------------------


def match_documents(
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
    for chunk in chunks(hashes):
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


def annotators(src: Connection, dst: Connection) -> dict[int, tuple[str, int]]:
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
