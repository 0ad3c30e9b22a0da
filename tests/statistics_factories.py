"""A project with something in every chart of the statistics view (two annotators, entity
and stance decisions of every origin, documents done over four days), and copies of it."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.entity_edits import EntityEditor
from storage.events import new_action_id
from storage.models import (
    DocumentStatus,
    DocumentStatusValue,
    EntitySpan,
    Event,
    StanceAnnotation,
)
from storage.project import OpenProject, open_project
from storage.stance.edits import StanceEditor
from storage.stance.store import SentenceStance, add_target, store_stance_suggestions
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.factories import add_annotator, add_documents

TEXTS = [
    "Olaf Scholz traf Emmanuel Macron in Paris.",
    "Die NATO tagte in Brüssel.",
    "Annalena Baerbock sprach in Kiew.",
    "Ein Text ohne Namen.",
]
DAY = datetime(2024, 3, 1)


def _suggestion(text: str, word: str, label: str, origin: str) -> SpanSuggestion:
    start = text.index(word)
    return SpanSuggestion(start, start + len(word), label, 0.8, origin, f"{origin}-1", "1")


def _mark_done(
    project: OpenProject, document: int, annotator: int, at: datetime, seconds: float
) -> None:
    """Done at a chosen time: ``set_status`` would log the time of the test run."""
    with project.db.write() as session:
        row = session.scalar(
            select(DocumentStatus).where(
                DocumentStatus.document_id == document, DocumentStatus.annotator_id == annotator
            )
        )
        if row is None:
            row = DocumentStatus(document_id=document, annotator_id=annotator)
            session.add(row)
        row.status, row.seconds_spent = DocumentStatusValue.DONE, seconds
        session.add(
            Event(
                project_id=project.project_id,
                action_id=new_action_id(),
                at=at,
                annotator_id=annotator,
                action="document.done",
                object_type="document_status",
                document_id=document,
            )
        )


def _suggestion_ids(project: OpenProject) -> dict[tuple[int, str], int]:
    """(document, suggested text) -> id of the machine suggestion."""
    with project.db.read() as session:
        spans = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.is_(None)))
        return {
            (s.document_id, TEXTS[s.document_id - 1][s.start_offset : s.end_offset]): s.id
            for s in spans
        }


def build_statistics_project(project: OpenProject) -> None:
    """Two annotators with entity and stance decisions on model, pattern and manual
    suggestions, documents done over four days. What each chart must show:

    * entities decided: anna PER 1, LOC 1, ORG 2, MISC 1; ben PER 2. Stance: anna FAVOR 1;
      ben AGAINST 2.
    * suggestions (entity): model PER 3 accepted, 1 rejected, 1 open; model LOC 1 edited,
      1 rejected, 1 open; pattern ORG 1 accepted, 1 rejected; manual LOC 1 accepted.
      (stance): model FAVOR 1 accepted, 1 edited; pattern NEUTRAL 1 edited, 1 rejected.
    * done (UTC): anna 2 on 1 March, 1 on 4 March (a document done again on 3 March counts
      once); ben 1 on 2 March (23:30), 1 on 4 March.
    * seconds on done documents: anna 90, 120, 300; ben 600 (and one done with 0 seconds).
    """
    docs = add_documents(project, TEXTS)
    anna_id, ben_id = add_annotator(project, "anna"), add_annotator(project, "ben")
    pid = project.project_id
    suggestions = {
        docs[0]: [
            _suggestion(TEXTS[0], "Olaf Scholz", "PER", "model"),
            _suggestion(TEXTS[0], "Emmanuel Macron", "PER", "model"),
            _suggestion(TEXTS[0], "Paris", "LOC", "model"),
        ],
        docs[1]: [
            _suggestion(TEXTS[1], "NATO", "ORG", "pattern"),
            _suggestion(TEXTS[1], "Brüssel", "LOC", "manual"),
        ],
        docs[2]: [
            _suggestion(TEXTS[2], "Annalena Baerbock", "PER", "model"),
            _suggestion(TEXTS[2], "Kiew", "LOC", "model"),
        ],
    }
    for doc, found in suggestions.items():
        origins = {s.origin_name for s in found}
        store_entity_suggestions(project.db, pid, doc, found, origins)
    ids = _suggestion_ids(project)
    anna, ben = EntityEditor(project.db, pid, anna_id), EntityEditor(project.db, pid, ben_id)
    anna.accept(ids[docs[0], "Olaf Scholz"])
    anna.reject(ids[docs[0], "Emmanuel Macron"])
    anna.relabel(ids[docs[0], "Paris"], "ORG")
    anna.accept([ids[docs[1], "NATO"], ids[docs[1], "Brüssel"]])
    anna.add(docs[3], 4, 8, "MISC")
    ben.accept([ids[docs[0], "Olaf Scholz"], ids[docs[0], "Emmanuel Macron"]])
    ben.reject([ids[docs[0], "Paris"], ids[docs[1], "NATO"]])

    add_target(project.db, pid, "Frankreich")
    add_target(project.db, pid, "NATO")
    one, two = (0, len(TEXTS[0])), (0, len(TEXTS[1]))
    stance = [
        (docs[0], [SentenceStance(0, *one, "Frankreich", "FAVOR", 0.7, "", "model", "m", "1")]),
        (docs[1], [SentenceStance(0, *two, "NATO", "NEUTRAL", 0.6, "", "pattern", "p", "1")]),
    ]
    store_stance_suggestions(project.db, pid, stance, ["m", "p"])
    with project.db.read() as session:
        rows = session.scalars(
            select(StanceAnnotation).order_by(StanceAnnotation.document_id)
        ).all()
        favour, neutral = rows[0].id, rows[1].id
    anna_s, ben_s = StanceEditor(project.db, pid, anna_id), StanceEditor(project.db, pid, ben_id)
    anna_s.accept(favour)
    anna_s.reject(neutral)
    ben_s.relabel(favour, "AGAINST")
    ben_s.set_sentence(docs[1], *two, 0, "NATO", "AGAINST")

    _mark_done(project, docs[0], anna_id, DAY + timedelta(hours=10), 120)
    _mark_done(project, docs[1], anna_id, DAY + timedelta(hours=15), 300)
    _mark_done(project, docs[0], anna_id, DAY + timedelta(days=2), 120)  # again: counted once
    _mark_done(project, docs[3], anna_id, DAY + timedelta(days=3, hours=9), 90)
    _mark_done(project, docs[0], ben_id, DAY + timedelta(days=1, hours=23, minutes=30), 600)
    _mark_done(project, docs[2], ben_id, DAY + timedelta(days=3, hours=12), 0)


def build_template(folder: Path) -> Path:
    """A project file of ``build_statistics_project`` in ``folder``: build it once per
    module, give each test a copy (``copy_of``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STANDPUNKT_DATA_DIR", str(folder / "data"))
        with open_project(folder / "template.sqlite") as project:
            build_statistics_project(project)
    return folder / "template.sqlite"


def copy_of(template: Path, folder: Path) -> Path:
    copy = folder / "statistics.sqlite"
    shutil.copyfile(template, copy)  # closing the template checkpointed its WAL into it
    return copy
