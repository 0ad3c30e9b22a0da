"""Deciding one annotator's work on one document: nothing, the file's version, or a
conflict that the version edited last wins (the rule in ``storage.team.merge``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update

from storage.models import Document, MergeBase, SetAsideWork, utcnow
from storage.team.merge_report import Conflict
from storage.team.work import Work, chunks

PROJECT_VERSION = "project"  # the source of a set-aside version edited in the project
_EARLIEST = datetime.min


# -- deciding ---------------------------------------------------------------------------------


def bases(dst: Connection, annotator_id: int, documents: Iterable[int]) -> dict[int, dict]:
    """Document -> {source: fingerprint} of the annotator's merge bases."""
    table = MergeBase.__table__
    bases: dict[int, dict[str, str]] = defaultdict(dict)
    for chunk in chunks(sorted(documents)):
        query = select(table.c.document_id, table.c.source, table.c.fingerprint).where(
            table.c.annotator_id == annotator_id, table.c.document_id.in_(chunk)
        )
        for document_id, source, fingerprint in dst.execute(query):
            bases[document_id][source] = fingerprint
    return bases


def decide(
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


def set_bases(
    dst: Connection,
    annotator_id: int,
    source: str,
    fingerprints: dict[int, str],
    known: dict[int, dict[str, str]],
) -> None:
    """Remember what the file held of the annotator's work (document -> fingerprint): the
    common ancestor of the next merge of the same file. ``known``: the bases read before."""
    table = MergeBase.__table__
    now = utcnow()
    new, changed = [], []
    for document_id, fingerprint in fingerprints.items():
        stored = known.get(document_id, {}).get(source)
        values = {"document_id": document_id, "fingerprint": fingerprint, "updated_at": now}
        if stored is None:
            new.append({**values, "annotator_id": annotator_id, "source": source})
        elif stored != fingerprint:
            changed.append({**values, "doc": document_id})
    if new:
        dst.execute(insert(table), new)
    if changed:
        dst.execute(
            update(table)
            .where(
                table.c.document_id == bindparam("doc"),
                table.c.annotator_id == annotator_id,
                table.c.source == source,
            )
            .values(fingerprint=bindparam("fingerprint"), updated_at=bindparam("updated_at")),
            [{key: row[key] for key in ("doc", "fingerprint", "updated_at")} for row in changed],
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
