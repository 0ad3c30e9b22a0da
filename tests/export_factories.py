"""Builders the export, corrections and copy tests share: a project with every kind of
annotation, the workbooks made from it, and hand-made workbooks and cells."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import (
    JSON,
    MetaData,
    Text,
    cast,
    create_engine,
    inspect,
    select,
)

from services.exporting import export_project
from storage.copy_tables import SKIPPED_TABLES
from storage.entity_edits import EntityEditor
from storage.export.records import ExportOptions
from storage.label_schema import entity_label_ids
from storage.model_registry import ModelInfo, record_model
from storage.models import (
    AnnotationState,
    Annotator,
    Base,
    DocumentStatusValue,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.progress import set_status
from storage.project import OpenProject
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

# Emoji (a flag is two code points), a combining accent and a newline: offsets are code points.
EMOJI = "Die NATO warnt Russland. 🇺🇦 Kyjiw 😀 dankt Olaf Scholz."
COMBINING = "Cafe\u0301 in Zürich: Ángela Merkel\nsprach in Berlin über die NATO."
FORMULAS = "=SUM(A1) sagte +49 Anrufer -1 @user über die NATO."
TEXTS = [EMOJI, COMBINING, FORMULAS]


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@dataclass
class Built:
    """A project with two annotators' decisions, open suggestions and stance."""

    project: OpenProject
    docs: list[int]
    anna: int
    ben: int
    open_span: int  # a suggestion nobody decided on
    decided_span: int  # a suggestion anna accepted and ben rejected


def suggest_span(project: OpenProject, doc: int, text: str, word: str, label: str) -> int:
    with project.db.write() as session:
        start, end = at(text, word)
        span = EntitySpan(
            document_id=doc,
            doc_length=len(text),
            start_offset=start,
            end_offset=end,
            label_id=entity_label_ids(session, project.project_id)[label],
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.MODEL,
            origin_name="de_standpunkt_ner",
            origin_version="0.1.0",
            confidence=0.75,
        )
        session.add(span)
        session.flush()
        return span.id


def suggest_stance(project: OpenProject, doc: int, text: str, target: str, label: str) -> int:
    with project.db.write() as session:
        end = text.index(".") + 1
        row = StanceAnnotation(
            document_id=doc,
            doc_length=len(text),
            start_offset=0,
            end_offset=end,
            scope=StanceScope.SENTENCE,
            sentence_index=0,
            target_id=session.scalar(select(StanceTarget.id).where(StanceTarget.name == target)),
            label_id=session.scalar(select(StanceLabel.id).where(StanceLabel.name == label)),
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.PATTERN,
            origin_name="stance-lexicon-de",
            origin_version="de-1",
            confidence=0.6,
        )
        session.add(row)
        session.flush()
        return row.id


def build_project(project: OpenProject) -> Built:
    """Documents EMOJI, COMBINING, FORMULAS; anna and ben; see the asserts below for who did
    what. Used by the Excel and command line tests too."""
    add_target(project.db, project.project_id, "NATO")
    add_target(project.db, project.project_id, "Russland")
    docs = add_documents(project, TEXTS)
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    anna_edits = EntityEditor(project.db, project.project_id, anna)
    ben_edits = EntityEditor(project.db, project.project_id, ben)
    decided = suggest_span(project, docs[0], EMOJI, "NATO", "ORG")
    open_span = suggest_span(project, docs[0], EMOJI, "Russland", "LOC")
    anna_edits.accept(decided)
    ben_edits.reject(decided)
    anna_edits.add(docs[0], *at(EMOJI, "Kyjiw"), "LOC")
    anna_edits.add(docs[0], *at(EMOJI, "Olaf Scholz"), "PER")
    anna_edits.add(docs[1], *at(COMBINING, "Cafe\u0301"), "LOC")
    anna_edits.add(docs[1], *at(COMBINING, "Ángela Merkel"), "PER")
    ben_edits.add(docs[1], *at(COMBINING, "Berlin"), "LOC")
    for word in ("=SUM(A1)", "+49", "-1", "@user"):
        anna_edits.add(docs[2], *at(FORMULAS, word), "MISC")
    stance = suggest_stance(project, docs[0], EMOJI, "NATO", "AGAINST")
    suggest_stance(project, docs[0], EMOJI, "Russland", "AGAINST")  # stays open
    StanceEditor(project.db, project.project_id, anna).accept(stance)
    StanceEditor(project.db, project.project_id, ben).set_document_stance(docs[1], "NATO", "FAVOR")
    set_status(project.db, project.project_id, docs[0], anna, DocumentStatusValue.DONE, 90.0)
    set_status(project.db, project.project_id, docs[1], ben, DocumentStatusValue.DONE)
    return Built(project, docs, anna, ben, open_span, decided)


def rows_digest(project: OpenProject) -> str:
    """A hash of every row of every table of the project."""
    digest = hashlib.sha256()
    with project.db.read() as session:
        for table in Base.metadata.sorted_tables:
            rows = sorted(repr(tuple(row)) for row in session.execute(select(table)))
            digest.update(f"{table.name}:{rows}".encode("utf-8", "backslashreplace"))
    return digest.hexdigest()


def build_rich_project(project: OpenProject) -> None:
    """Documents, suggestions, decisions (one undone), stance targets and labels, events,
    project memory rows and a trained-model registry row."""
    built = build_project(project)
    doc = add_documents(project, [GERMAN_TEXT])[0]
    nato = SpanSuggestion(4, 8, "ORG", 0.9, "model", "de_test", "1.0")
    store_entity_suggestions(project.db, project.project_id, doc, [nato], ["de_test"])
    carla = EntityEditor(project.db, project.project_id, add_annotator(project, "carla"))
    for word in ("Bundesregierung", "Beschlüsse"):
        start = GERMAN_TEXT.index(word)
        added = carla.add(doc, start, start + len(word), "ORG")
    carla.undo(added.action_id)
    EntityEditor(project.db, project.project_id, built.anna).reject(built.open_span)
    model = ModelInfo(
        component="ner",
        version="2026-11-30",
        name="de_project_ner",
        language="de",
        path="models/ner/1",
        base="de_standpunkt_ner@0.1.0",
        training_documents=3,
        f1=0.61,
        scores={"ORG": {"f": 0.5}},
        details={"note": "ü 🇺🇦"},
    )
    with project.db.write() as session:
        record_model(session, project.project_id, model, activate=True)


def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every project table, ordered by key, JSON as its stored text."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = [
                n
                for n in inspect(connection).get_table_names()
                if n not in SKIPPED_TABLES and not n.startswith(("documents_fts", "sqlite_"))
            ]
            meta = MetaData()
            meta.reflect(connection, only=names)
            rows = {}
            for table in meta.sorted_tables:
                columns = [cast(c, Text) if isinstance(c.type, JSON) else c for c in table.columns]
                order = list(table.primary_key.columns) or list(table.columns)
                rows[table.name] = [
                    tuple(r) for r in connection.execute(select(*columns).order_by(*order))
                ]
            return rows
    finally:
        engine.dispose()


def exports(project: OpenProject, out: Path) -> dict[str, bytes]:
    """The JSONL and CSV exports of everything (suggestions and rejections too)."""
    out.mkdir()
    for fmt in ("jsonl", "csv"):
        export_project(
            project.db, project.project_id, fmt, out / f"all.{fmt}", ExportOptions(state="all")
        )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


Sheet = openpyxl.worksheet.worksheet.Worksheet


def export_all(project: OpenProject, out: Path) -> Path:
    export_project(project.db, project.project_id, "xlsx", out, ExportOptions(state="all"))
    return out


def find_row(sheet: Sheet, **values: object) -> int:
    """The number of the one row whose named columns hold ``values``."""
    header = [c.value for c in sheet[1]]
    found = [
        row[0].row
        for row in sheet.iter_rows(min_row=2)
        if all(row[header.index(k)].value == v for k, v in values.items())
    ]
    assert len(found) == 1, (values, found)
    return found[0]


def set_cells(sheet: Sheet, row: int, **values: object) -> None:
    header = [c.value for c in sheet[1]]
    for name, value in values.items():
        sheet.cell(row, header.index(name) + 1, value)


def own_spans(project: OpenProject, name: str) -> set[tuple[int, int, str, str, str]]:
    with project.db.read() as session:
        who = session.scalar(select(Annotator.id).where(Annotator.name == name))
        spans = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id == who))
        return {
            (s.start_offset, s.end_offset, s.label.name, s.state.value, s.origin_kind.value)
            for s in spans
        }


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PARTS = {
    "[Content_Types].xml": f"""<Types xmlns="{PKG}/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}.sharedStrings+xml"/>
</Types>""",
    "_rels/.rels": f"""<Relationships xmlns="{PKG}/relationships">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>""",
    "xl/workbook.xml": f"""<workbook xmlns="{MAIN}" xmlns:r="{REL}">
<sheets><sheet name="Artikel" sheetId="1" r:id="rId1"/></sheets></workbook>""",
    "xl/_rels/workbook.xml.rels": f"""<Relationships xmlns="{PKG}/relationships">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>""",
}


def workbook(
    path: Path,
    rows: Iterable[bytes],
    strings: Iterable[bytes] = (b"<si><t>text</t></si>",),
    dimension: str = "A1",
) -> Path:
    """Write a workbook whose sheet holds ``rows`` (<row> elements) and whose shared
    strings are ``strings`` (<si> elements), both streamed into the archive."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'.encode())
            part.write(b"<sheetData>")
            for row in rows:
                part.write(row)
            part.write(b"</sheetData></worksheet>")
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(f'<sst xmlns="{MAIN}">'.encode())
            for string in strings:
                part.write(string)
            part.write(b"</sst>")
    return path


def row(number: int, *cells: str) -> bytes:
    return f'<row r="{number}">{"".join(cells)}</row>'.encode()
