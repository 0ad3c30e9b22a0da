"""Builders the tests share: projects, documents, annotators and suggestions, and a runner of
the command line. Plain functions; the fixtures that use them live in the conftest.py files."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

import main
from storage.documents import document_page
from storage.entity_edits import EntityEditor
from storage.events import snapshot
from storage.importing.records import ImportedRecord
from storage.importing.service import Importer
from storage.label_schema import entity_label_ids
from storage.models import (
    AnnotationState,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
)
from storage.project import OpenProject, get_or_create_annotator
from storage.review.edits import ReviewEditor
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target

GERMAN_TEXT = (
    "Die NATO hat sich besorgt geäußert. Russland verurteilte die Beschlüsse, "
    "und Olaf Scholz verteidigte in Berlin die Linie der Bundesregierung."
)


def add_documents(project: OpenProject, texts: list[str]) -> list[int]:
    """Store ``texts`` as documents and return their ids."""
    records = [
        ImportedRecord(text=t, source=f"doc{i}.txt", location=f"doc{i}.txt")
        for i, t in enumerate(texts)
    ]
    summary = Importer(project.db, project.project_id).import_items(records)
    assert summary.imported == len(texts), summary.lines()
    return summary.document_ids


def file_digests(folder: Path) -> dict[str, str]:
    """Every file and folder below ``folder`` (relative name) with the SHA-256 of its bytes
    ("folder" for a folder): compare two of these to show that nothing there was created,
    removed or changed."""
    return {
        str(path.relative_to(folder)): (
            "folder" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
    }


def add_annotator(project: OpenProject, name: str = "anna") -> int:
    with project.db.write() as session:
        return get_or_create_annotator(session, name).id


ROOT = Path(__file__).resolve().parents[1]  # the repository


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``python main.py *argv`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main.main(list(argv))
    except SystemExit as exit_:  # argparse exits by itself on bad usage and --help
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# Where GERMAN_TEXT names the NATO and Olaf Scholz.
NATO = (4, 8)
SCHOLZ = (GERMAN_TEXT.index("Olaf"), GERMAN_TEXT.index("Olaf") + len("Olaf Scholz"))


def suggest(project, doc, start, end, label="ORG", confidence=0.8) -> int:
    """A machine suggestion on a document of GERMAN_TEXT, as a suggester would store it."""
    with project.db.write() as session:
        labels = entity_label_ids(session, project.project_id)
        span = EntitySpan(
            document_id=doc,
            doc_length=len(GERMAN_TEXT),
            start_offset=start,
            end_offset=end,
            label_id=labels[label],
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.MODEL,
            origin_name="de_test",
            origin_version="1.0",
            confidence=confidence,
        )
        session.add(span)
        session.flush()
        return span.id


# The documents of the document list's order and filter tests.
TEXT = "Die NATO warnt. Russland schweigt."  # 34 characters


def add_entity(
    project: OpenProject,
    document_id: int,
    confidence: float | None,
    annotator_id: int | None = None,
    decides: int | None = None,
    state: AnnotationState = AnnotationState.SUGGESTED,
    start: int = 4,
) -> int:
    """A machine suggestion (no annotator), or an annotator's row deciding on ``decides``."""
    with project.db.write() as session:
        label = entity_label_ids(session, project.project_id)["ORG"]
        span = EntitySpan(
            document_id=document_id,
            doc_length=len(TEXT),
            start_offset=start,
            end_offset=start + 4,
            label_id=label,
            state=state,
            origin_kind=OriginKind.MODEL if decides or annotator_id is None else OriginKind.MANUAL,
            confidence=confidence,
            annotator_id=annotator_id,
            suggestion_id=decides,
        )
        session.add(span)
        session.flush()
        return span.id


WORDS = ["Kiew", "Minsk", "Riga"]


def make_documents(project, n: int) -> list[int]:
    """``n`` documents of equal length; document i mentions WORDS[i % 3]."""
    texts = [f"Die NATO warnt. {WORDS[i % 3]} {i:03d}".ljust(len(TEXT) - 1) + "." for i in range(n)]
    return add_documents(project, texts)


def listed(project, annotator, flt, order="import", page=4) -> list[int]:
    """Every listed id, read page by page after the last row's key (as the list does)."""
    ids: list[int] = []
    after = None
    with project.db.read() as session:
        while True:
            rows = document_page(
                session,
                project.project_id,
                annotator,
                0,
                page,
                order=order,
                after=after,
                document_filter=flt,
            )
            ids += [row.id for row in rows]
            if len(rows) < page:
                return ids
            after = (rows[-1].uncertainty, rows[-1].id)


def damage_documents_page(path: Path, seed: int = 1) -> None:
    """Random bytes over one page of the documents table (its root), ``sqlite_master``
    left intact: the damage a failing disk or a bad copy does."""
    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'documents'"
        ).fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    noise = random.Random(seed).randbytes(page_size)
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(noise)


def german_at(word: str) -> tuple[int, int]:
    """Where GERMAN_TEXT has ``word`` first."""
    start = GERMAN_TEXT.index(word)
    return start, start + len(word)


FIRST = (0, GERMAN_TEXT.index(".") + 1)  # "Die NATO hat sich besorgt geäußert."
SECOND = (FIRST[1] + 1, len(GERMAN_TEXT))  # "Russland verurteilte ..."


@dataclass
class Reviewed:
    """A document three annotators labelled, and the reviewer's editor."""

    document_id: int
    annotators: dict[str, int]
    reviewer_id: int
    editor: ReviewEditor


def three_annotators(project: OpenProject) -> Reviewed:
    """anna, ben and carla on ``GERMAN_TEXT``: NATO ORG and Berlin LOC by all three;
    Russland LOC, LOC, ORG; "Olaf Scholz" PER by anna and ben, "Scholz" PER by carla.
    Stance: sentence 0 toward NATO NEUTRAL by all; sentence 1 toward Russland AGAINST,
    FAVOR, AGAINST. Anna also rejected a span nobody else has (no label, not compared)."""
    add_target(project.db, project.project_id, "NATO")
    add_target(project.db, project.project_id, "Russland")
    doc = add_documents(project, [GERMAN_TEXT])[0]
    ids = {name: add_annotator(project, name) for name in ("anna", "ben", "carla")}
    spans = {
        "anna": [("NATO", "ORG"), ("Russland", "LOC"), ("Olaf Scholz", "PER"), ("Berlin", "LOC")],
        "ben": [("NATO", "ORG"), ("Russland", "LOC"), ("Olaf Scholz", "PER"), ("Berlin", "LOC")],
        "carla": [("NATO", "ORG"), ("Russland", "ORG"), ("Scholz", "PER"), ("Berlin", "LOC")],
    }
    stance = {"anna": "AGAINST", "ben": "FAVOR", "carla": "AGAINST"}
    for name, annotator_id in ids.items():
        entities = EntityEditor(project.db, project.project_id, annotator_id)
        for word, label in spans[name]:
            entities.add(doc, *german_at(word), label)
        sentences = StanceEditor(project.db, project.project_id, annotator_id)
        sentences.set_sentence(doc, *FIRST, 0, "NATO", "NEUTRAL")
        sentences.set_sentence(doc, *SECOND, 1, "Russland", stance[name])
    rejected = EntityEditor(project.db, project.project_id, ids["anna"])
    added = rejected.add(doc, *german_at("Bundesregierung"), "ORG")
    rejected.reject(added.span_ids)
    reviewer_id = add_annotator(project, "rita")
    editor = ReviewEditor(project.db, project.project_id, reviewer_id)
    return Reviewed(doc, ids, reviewer_id, editor)


def own_rows(project: OpenProject, annotator_ids: list[int]) -> list[dict[str, Any]]:
    """Every row of these annotators, as snapshots with timestamps: to compare before/after."""
    with project.db.read() as session:
        rows: list[Any] = [
            *session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.in_(annotator_ids))),
            *session.scalars(
                select(StanceAnnotation).where(StanceAnnotation.annotator_id.in_(annotator_ids))
            ),
        ]
        return sorted(
            ({**snapshot(r), "type": type(r).__name__, "at": r.updated_at} for r in rows),
            key=lambda v: (v["type"], v["id"]),
        )
