"""A small project whose stance labels have every kind of holder: an actor named by an alias
in the text, an actor not named in the text, words no actor has, the author, and evidence
(the holder export and import tests)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update

from storage.models import Document
from storage.project import OpenProject
from storage.stance.actors import add_actors
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from tests.factories import add_annotator, add_documents
from text.sentences import split_sentences

TEXT = (
    "Watling warnte vor der Pause. "
    "Laut Trehubov greift Russland um jeden Preis an. "
    "Das Bündnis steht zur Ukraine. "
    "Die Hilfe kommt zu spät. "
    "Das Wetter ist gut."
)
TITLE = "Die Lage in der Ukraine"
DATE = "2025-03-05"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@dataclass(frozen=True)
class Expected:
    """A stance row as the exports give it back."""

    sentence: int | None  # None: the whole document
    target: str
    label: str
    holder: str
    holder_words: str | None = None
    evidence: str | None = None


# In the order the export writes them: document stance first, then by sentence and target.
EXPECTED = [
    Expected(None, "Russland", "AGAINST", "author"),
    Expected(0, "Ukraine", "FAVOR", "Jack Watling", "Watling", "warnte"),
    Expected(1, "Russland", "AGAINST", "Trehubov", "Trehubov", "um jeden Preis"),
    Expected(2, "Ukraine", "FAVOR", "NATO", None, "steht zur"),
    Expected(3, "Ukraine", "AGAINST", "author"),
    Expected(4, "Ukraine", "NEUTRAL", "author"),
]


def holder_project(project: OpenProject) -> int:
    """anna's labels of ``EXPECTED`` on one document (with a title and a date); returns its
    id. Actors: Jack Watling (alias Watling) and NATO (alias Das Bündnis is NOT given: the
    holder is set by name)."""
    add_actors(
        project.db,
        project.project_id,
        [("Jack Watling", ["Watling"], "person"), ("NATO", [], "organisation")],
    )
    for target in ("Russland", "Ukraine"):
        add_target(project.db, project.project_id, target)
    (doc,) = add_documents(project, [TEXT])
    with project.db.write() as session:
        session.execute(
            update(Document)
            .where(Document.id == doc)
            .values(title=TITLE, meta={"Datum": DATE, "url": "https://example.org/lage"})
        )
    editor = StanceEditor(project.db, project.project_id, add_annotator(project, "anna"))
    sentences = split_sentences(TEXT)
    for row in EXPECTED:
        if row.sentence is None:
            editor.set_document_stance(doc, row.target, row.label)
            continue
        sentence = sentences[row.sentence]
        (stance_id,) = editor.set_sentence(
            doc, sentence.start, sentence.end, row.sentence, row.target, row.label
        ).span_ids
        if row.holder_words is not None:
            editor.set_holder(stance_id, None, *at(row.holder_words))
        elif row.holder != "author":
            editor.set_holder(stance_id, row.holder)
        if row.evidence is not None:
            editor.set_evidence(stance_id, *at(row.evidence))
    return doc
