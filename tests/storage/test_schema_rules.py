"""The schema itself refuses bad data, whatever code path writes it."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from storage.models import (
    AnnotationState,
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntitySpan,
    OriginKind,
    Project,
    StanceAnnotation,
    StanceScope,
    StanceTarget,
    TargetAlias,
)
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

SPAN_SQL = text(
    "INSERT INTO entity_spans (document_id, doc_length, start_offset, end_offset, label_id, "
    "state, origin_kind, annotator_id, confidence, created_at, updated_at) VALUES "
    "(:doc, :length, :start, :end, :label, :state, 'manual', :annotator, :confidence, "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)


@pytest.fixture
def setup(project):
    doc_id = add_documents(project, [GERMAN_TEXT])[0]
    annotator = add_annotator(project)
    with project.db.read() as session:
        label_id = session.scalar(text("SELECT id FROM entity_labels WHERE name = 'ORG'"))
    return project, doc_id, annotator, label_id


def _insert_span(project, **overrides) -> None:
    values = {"state": "accepted", "confidence": None} | overrides
    with project.db.write() as session:
        session.execute(SPAN_SQL, values)


def test_pragmas_are_set_on_every_connection(project):
    with project.db.read() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_valid_span_is_stored(setup):
    project, doc, annotator, label = setup
    _insert_span(
        project, doc=doc, length=len(GERMAN_TEXT), start=4, end=8, label=label, annotator=annotator
    )
    with project.db.read() as session:
        span = session.scalars(select(EntitySpan)).one()
        assert GERMAN_TEXT[span.start_offset : span.end_offset] == "NATO"


@pytest.mark.parametrize(
    ("start", "end", "why"),
    [
        (-1, 4, "negative start"),
        (8, 8, "empty span"),
        (9, 4, "end before start"),
        (0, len(GERMAN_TEXT) + 1, "end past the text"),
    ],
)
def test_offsets_outside_the_text_are_refused(setup, start, end, why):
    project, doc, annotator, label = setup
    with pytest.raises(IntegrityError, match="offsets_in_text"):
        _insert_span(
            project,
            doc=doc,
            length=len(GERMAN_TEXT),
            start=start,
            end=end,
            label=label,
            annotator=annotator,
        )


def test_a_span_cannot_claim_another_text_length(setup):
    # doc_length is tied to the document's real length by a composite foreign key.
    project, doc, annotator, label = setup
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        _insert_span(
            project, doc=doc, length=10_000, start=0, end=5000, label=label, annotator=annotator
        )


def test_foreign_keys_are_enforced(setup):
    project, doc, annotator, label = setup
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        _insert_span(
            project,
            doc=doc,
            length=len(GERMAN_TEXT),
            start=0,
            end=3,
            label=9999,
            annotator=annotator,
        )
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        _insert_span(
            project, doc=doc, length=len(GERMAN_TEXT), start=0, end=3, label=label, annotator=9999
        )


def test_confidence_must_be_between_0_and_1(setup):
    project, doc, annotator, label = setup
    with pytest.raises(IntegrityError, match="confidence_unit_interval"):
        _insert_span(
            project,
            doc=doc,
            length=len(GERMAN_TEXT),
            start=0,
            end=3,
            label=label,
            annotator=annotator,
            confidence=1.5,
        )


def test_unknown_state_is_refused(setup):
    project, doc, annotator, label = setup
    with pytest.raises(IntegrityError, match="CHECK"):
        _insert_span(
            project,
            doc=doc,
            length=len(GERMAN_TEXT),
            start=0,
            end=3,
            label=label,
            annotator=annotator,
            state="maybe",
        )


def test_a_decision_needs_an_annotator(setup):
    project, doc, _annotator, label = setup
    with pytest.raises(IntegrityError, match="decisions_have_annotator"):
        _insert_span(
            project,
            doc=doc,
            length=len(GERMAN_TEXT),
            start=0,
            end=3,
            label=label,
            annotator=None,
            state="accepted",
        )


def test_document_length_must_match_its_text(project):
    with pytest.raises(IntegrityError, match="length_matches_text"), project.db.write() as s:
        s.add(
            Document(
                project_id=project.project_id,
                sha256="a" * 64,
                text="abc",
                text_length=4,
                source="x",
            )
        )


def test_same_text_twice_in_a_project_is_refused(project):
    with pytest.raises(IntegrityError, match="UNIQUE"), project.db.write() as s:
        for _ in range(2):
            s.add(
                Document(
                    project_id=project.project_id,
                    sha256="b" * 64,
                    text="abc",
                    text_length=3,
                    source="x",
                )
            )
            s.flush()


def test_same_text_in_two_projects_is_allowed(project):
    with project.db.write() as s:
        other = Project(name="other")
        s.add(other)
        s.flush()
        for project_id in (project.project_id, other.id):
            s.add(
                Document(
                    project_id=project_id, sha256="c" * 64, text="abc", text_length=3, source="x"
                )
            )
    with project.db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM documents")) == 2


def test_document_text_is_immutable(setup):
    project, doc, _annotator, _label = setup
    with pytest.raises(IntegrityError, match="immutable"), project.db.write() as s:
        s.execute(
            text("UPDATE documents SET text = 'x', text_length = 1 WHERE id = :id"), {"id": doc}
        )
    with project.db.read() as s:
        assert s.get(Document, doc).text == GERMAN_TEXT


def test_event_log_is_append_only(setup):
    project, *_ = setup
    for statement in ("UPDATE events SET action = 'forged'", "DELETE FROM events"):
        with pytest.raises(IntegrityError, match="append-only"), project.db.write() as s:
            s.execute(text(statement))
    with project.db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM events WHERE action = 'document.import'")) == 1


def test_everything_round_trips(setup):
    project, doc, annotator, _label = setup
    with project.db.write() as s:
        target = StanceTarget(
            project_id=project.project_id,
            name="Russland",
            kind="country",
            aliases=[TargetAlias(alias="Russlands"), TargetAlias(alias="Kreml")],
        )
        s.add(target)
        s.flush()
        stance_label = s.scalar(text("SELECT id FROM stance_labels WHERE name = 'AGAINST'"))
        s.add(
            StanceAnnotation(
                document_id=doc,
                doc_length=len(GERMAN_TEXT),
                start_offset=36,
                end_offset=76,
                scope=StanceScope.SENTENCE,
                sentence_index=1,
                target_id=target.id,
                label_id=stance_label,
                state=AnnotationState.SUGGESTED,
                origin_kind=OriginKind.MODEL,
                origin_name="lexicon",
                origin_version="1",
                confidence=0.75,
                explanation="verurteilte",
            )
        )
        s.add(
            DocumentStatus(
                document_id=doc,
                annotator_id=annotator,
                status=DocumentStatusValue.DONE,
                seconds_spent=12.5,
            )
        )
    with project.db.read() as s:
        stance = s.scalars(select(StanceAnnotation)).one()
        assert (stance.target.name, stance.label.name, stance.scope) == (
            "Russland",
            "AGAINST",
            StanceScope.SENTENCE,
        )
        assert stance.confidence == 0.75 and stance.explanation == "verurteilte"
        assert [a.alias for a in stance.target.aliases] == ["Kreml", "Russlands"]
        status = s.scalars(select(DocumentStatus)).one()
        assert (status.status, status.seconds_spent) == (DocumentStatusValue.DONE, 12.5)
        names = [label.name for label in s.get(Project, project.project_id).entity_labels]
        assert names == ["PER", "LOC", "ORG", "MISC"]


def test_offsets_must_be_whole_numbers(setup):
    project, doc, annotator, label = setup
    with pytest.raises(IntegrityError, match="offsets_whole"):
        _insert_span(
            project,
            doc=doc,
            length=len(GERMAN_TEXT),
            start=0.5,
            end=2.5,
            label=label,
            annotator=annotator,
        )


def test_a_hash_in_capitals_cannot_smuggle_in_a_duplicate(project):
    with pytest.raises(IntegrityError, match="sha256_hex"), project.db.write() as s:
        s.add(
            Document(
                project_id=project.project_id,
                sha256="ABCDEF" + "a" * 58,
                text="abc",
                text_length=3,
                source="x",
            )
        )
