"""A coordinator's project handed out to anna and ben, their work on their own laptops, and
a description of a project file that ignores row ids (to compare merges)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from storage.document_edits import DocumentEditor
from storage.document_flags import FlagEditor
from storage.entity_edits import EntityEditor
from storage.label_schema import add_label
from storage.models import AnnotationState, DocumentStatusValue, EntitySpan, OriginKind
from storage.project import OpenProject, open_project
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from storage.team.handout import hand_out
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

SECOND_TEXT = GERMAN_TEXT + " Nachtrag."
THIRD_TEXT = "Die Bundesregierung schweigt zu den Beschlüssen."
NEW_TEXT = "Ein neuer Artikel über den Gipfel in Brüssel."
FIRST = (0, GERMAN_TEXT.index(".") + 1)
SECOND = (FIRST[1] + 1, len(GERMAN_TEXT))


def at(word: str, text: str = GERMAN_TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def machine_suggestion(project: OpenProject, document: int, text: str, word: str) -> int:
    with project.db.write() as session:
        span = EntitySpan(
            document_id=document,
            doc_length=len(text),
            start_offset=at(word, text)[0],
            end_offset=at(word, text)[1],
            label_id=_label(session, project, "ORG"),
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.MODEL,
            origin_name="de_test",
            origin_version="1.0",
            confidence=0.8,
        )
        session.add(span)
        session.flush()
        return span.id


def _label(session: Any, project: OpenProject, name: str) -> int:
    from storage.label_schema import entity_label_ids

    return entity_label_ids(session, project.project_id)[name]


def make_coordinator(path: Path) -> dict[str, int]:
    """Three documents, targets NATO and Russland, a machine suggestion (NATO in the second)
    and carl's work on the third, done at the coordinator's desk."""
    with open_project(path) as project:
        add_target(project.db, project.project_id, "NATO")
        add_target(project.db, project.project_id, "Russland", aliases=["Moskau"])
        first, second, third = add_documents(project, [GERMAN_TEXT, SECOND_TEXT, THIRD_TEXT])
        suggestion = machine_suggestion(project, second, SECOND_TEXT, "NATO")
        carl = EntityEditor(project.db, project.project_id, add_annotator(project, "carl"))
        carl.add(third, *at("Bundesregierung", THIRD_TEXT), "ORG")
    return {"first": first, "second": second, "third": third, "suggestion": suggestion}


def hand_out_to_anna_and_ben(path: Path, folder: Path) -> None:
    """Every document to both (overlap 1.0), so the shared one is known."""
    with open_project(path) as project:
        hand_out(project.db, project.project_id, ["anna", "ben"], folder, overlap=1.0)


def label_first(project: OpenProject, name: str, berlin: str, russland: str, doc: int) -> None:
    """As ``tests/test_agreement_command.py`` labels its shared document."""
    annotator = add_annotator(project, name)
    editor = EntityEditor(project.db, project.project_id, annotator)
    for word, label in (("NATO", "ORG"), ("Russland", "LOC"), ("Olaf Scholz", "PER")):
        editor.add(doc, *at(word), label)
    editor.add(doc, *at("Berlin"), berlin)
    stance = StanceEditor(project.db, project.project_id, annotator)
    stance.set_sentence(doc, *FIRST, 0, "NATO", "AGAINST")
    stance.set_sentence(doc, *SECOND, 1, "Russland", russland)


def anna_works(file: Path, ids: dict[str, int]) -> None:
    """On anna's laptop: the shared document, the suggestion in the second accepted (done,
    30 s, flagged), a label of her own and a new article labelled with it."""
    with open_project(file) as project:
        label_first(project, "anna", "LOC", "AGAINST", ids["first"])
        anna = add_annotator(project, "anna")
        EntityEditor(project.db, project.project_id, anna).accept(ids["suggestion"])
        DocumentEditor(project.db, project.project_id, anna).set_status(
            ids["second"], DocumentStatusValue.DONE, add_seconds=30.0
        )
        FlagEditor(project.db, project.project_id, anna).flag(ids["second"], "NATO or not?")
        add_label(project.db, project.project_id, "entity", "EVENT", "#aa5500")
        (new,) = add_documents(project, [NEW_TEXT])
        EntityEditor(project.db, project.project_id, anna).add(
            new, *at("Gipfel", NEW_TEXT), "EVENT"
        )


def ben_works(file: Path, ids: dict[str, int]) -> None:
    with open_project(file) as project:
        label_first(project, "ben", "ORG", "FAVOR", ids["first"])


def anna_at_the_coordinators_desk(path: Path, ids: dict[str, int]) -> None:
    """anna also touched the second document in the coordinator's project: a conflict."""
    with open_project(path) as project:
        anna = add_annotator(project, "anna")
        EntityEditor(project.db, project.project_id, anna).add(
            ids["second"], *at("Russland", SECOND_TEXT), "LOC"
        )


# -- describing a project file without ids ------------------------------------------------


def describe(path: Path, *, events: bool = True) -> dict[str, Any]:
    """Everything a merge may change, by content (ids translated to texts and names)."""
    db = sqlite3.connect(path)
    try:
        return _describe(db, events)
    finally:
        db.close()


def _describe(db: sqlite3.Connection, events: bool) -> dict[str, Any]:
    sha = dict(db.execute("SELECT id, sha256 FROM documents"))
    who = dict(db.execute("SELECT id, name FROM annotators"))
    labels = dict(db.execute("SELECT id, name FROM entity_labels"))
    stance_labels = dict(db.execute("SELECT id, name FROM stance_labels"))
    targets = dict(db.execute("SELECT id, name FROM stance_targets"))
    spans = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT id, document_id, start_offset, end_offset, label_id, origin_kind, "
            "origin_name FROM entity_spans WHERE annotator_id IS NULL"
        )
    }

    def suggestion(row_id: int | None) -> Any:
        if row_id is None or row_id not in spans:
            return None
        doc, start, end, label, kind, name = spans[row_id]
        return (sha[doc], start, end, labels[label], kind, name)

    described: dict[str, Any] = {
        "documents": sorted(db.execute("SELECT sha256, title, source, text FROM documents")),
        "labels": sorted(labels.values()),
        "stance_labels": sorted(stance_labels.values()),
        "targets": sorted(
            db.execute(
                "SELECT t.name, a.alias FROM stance_targets t "
                "LEFT JOIN target_aliases a ON a.target_id = t.id"
            ),
            key=repr,
        ),
        "spans": sorted(
            (
                sha[d],
                s,
                e,
                labels[label],
                state,
                kind,
                name,
                who.get(a),
                suggestion(sug),
                conf,
                created,
                updated,
            )
            for d, s, e, label, state, kind, name, a, sug, conf, created, updated in db.execute(
                "SELECT document_id, start_offset, end_offset, label_id, state, origin_kind, "
                "origin_name, annotator_id, suggestion_id, confidence, created_at, updated_at "
                "FROM entity_spans"
            )
        ),
        "stance": sorted(
            (sha[d], s, e, targets[t], stance_labels[label], state, scope, idx, who.get(a))
            for d, s, e, t, label, state, scope, idx, a in db.execute(
                "SELECT document_id, start_offset, end_offset, target_id, label_id, state, "
                "scope, sentence_index, annotator_id FROM stance_annotations"
            )
        ),
        "status": sorted(
            (sha[d], who[a], status, seconds)
            for d, a, status, seconds in db.execute(
                "SELECT document_id, annotator_id, status, seconds_spent FROM document_status"
            )
        ),
        "flags": sorted(
            (sha[d], who[a], note)
            for d, a, note in db.execute(
                "SELECT document_id, annotator_id, note FROM document_flags"
            )
        ),
        "assignments": sorted(
            (sha[d], who[a])
            for d, a in db.execute("SELECT document_id, annotator_id FROM assignments")
        ),
        "set_aside": sorted(
            (sha[d], who[a], source, fingerprint)
            for d, a, source, fingerprint in db.execute(
                "SELECT document_id, annotator_id, source, fingerprint FROM set_aside_work"
            )
        ),
        "bases": sorted(
            (sha[d], who[a], source, fingerprint)
            for d, a, source, fingerprint in db.execute(
                "SELECT document_id, annotator_id, source, fingerprint FROM merge_bases"
            )
        ),
        "memory": sorted(
            (surface, labels[label], sha[d], accepted, rejected)
            for surface, label, d, accepted, rejected in db.execute(
                "SELECT surface, label_id, document_id, accepted, rejected FROM entity_memory "
                "WHERE accepted > 0 OR rejected > 0"
            )
        ),
    }
    if events:
        described["events"] = sorted(
            (action_id, action, who.get(a), kind, sha.get(d))
            for action_id, action, a, kind, d in db.execute(
                "SELECT action_id, action, annotator_id, object_type, document_id FROM events "
                "WHERE action != 'project.merge'"
            )
        )
    return described
