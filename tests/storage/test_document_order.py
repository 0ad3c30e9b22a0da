"""Documents in uncertainty order: 1 - the least confident open suggestion, paged by keyset."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from storage.documents import document_page
from storage.models import (
    AnnotationState,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.project import OpenProject
from tests.factories import TEXT, add_annotator, add_documents, add_entity


def add_stance(
    project: OpenProject,
    document_id: int,
    confidence: float,
    annotator_id: int | None = None,
    decides: int | None = None,
    scope: StanceScope = StanceScope.SENTENCE,
) -> int:
    with project.db.write() as session:
        target = session.scalar(select(StanceTarget.id).where(StanceTarget.name == "NATO"))
        if target is None:
            new = StanceTarget(project_id=project.project_id, name="NATO")
            session.add(new)
            session.flush()
            target = new.id
        label = session.scalar(select(StanceLabel.id).where(StanceLabel.name == "AGAINST"))
        row = StanceAnnotation(
            document_id=document_id,
            doc_length=len(TEXT),
            start_offset=0,
            end_offset=15,
            scope=scope,
            sentence_index=0 if scope == StanceScope.SENTENCE else None,
            target_id=target,
            label_id=label,
            state=AnnotationState.ACCEPTED if annotator_id else AnnotationState.SUGGESTED,
            origin_kind=OriginKind.MODEL,
            confidence=confidence,
            annotator_id=annotator_id,
            suggestion_id=decides,
        )
        session.add(row)
        session.flush()
        return row.id


def uncertainties(project: OpenProject, annotator_id: int | None, order: str) -> list:
    with project.db.read() as session:
        rows = document_page(session, project.project_id, annotator_id, 0, 100, order=order)
    return [(row.id, row.uncertainty) for row in rows]


def test_uncertainty_counts_open_entity_and_stance_suggestions_per_annotator(project):
    docs = _same_length_documents(project, 6)
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    d0, d1, d2, d3, d4, d5 = docs
    add_entity(project, d0, 0.9)
    add_entity(project, d0, 0.6, start=16)
    add_entity(project, d1, 0.95)
    stance = add_stance(project, d1, 0.5)
    add_stance(project, d1, 0.5, annotator_id=ben, decides=stance)  # ben's decision only
    low = add_entity(project, d2, 0.2)
    add_entity(project, d2, 0.7, start=16)
    add_entity(project, d2, 0.2, anna, decides=low, state=AnnotationState.REJECTED)
    # d3: nothing. d4: nothing that counts: no confidence, a document-scope stance, a span
    # of anna's own (confident or not, it is no machine suggestion).
    add_entity(project, d4, None)
    add_stance(project, d4, 0.1, scope=StanceScope.DOCUMENT)
    add_entity(project, d4, 0.05, anna, start=16, state=AnnotationState.ACCEPTED)
    add_entity(project, d5, 0.6)

    expected = {
        anna: [(d1, 0.5), (d0, 0.4), (d5, 0.4), (d2, 0.3), (d3, None), (d4, None)],
        ben: [(d2, 0.8), (d0, 0.4), (d5, 0.4), (d1, 0.05), (d3, None), (d4, None)],
        None: [(d2, 0.8), (d1, 0.5), (d0, 0.4), (d5, 0.4), (d3, None), (d4, None)],
    }
    for annotator, rows in expected.items():
        assert uncertainties(project, annotator, "uncertainty") == _approx(rows), annotator
        # Import order carries the same values, in id order.
        assert uncertainties(project, annotator, "import") == _approx(sorted(rows)), annotator


def test_keyset_pages_in_uncertainty_order_list_every_document_once(project):
    docs = _same_length_documents(project, 37)
    anna = add_annotator(project)
    confidences: dict[int, list[float]] = {}
    for n, doc in enumerate(docs):
        if n % 6 == 5:
            continue  # no suggestions: listed last, by id
        # Few distinct values, so that ties fall across page boundaries.
        confidences[doc] = [round(0.1 * (n % 4) + 0.3, 1), 0.95]
        for k, confidence in enumerate(confidences[doc]):
            add_entity(project, doc, confidence, start=4 + 12 * k)
        if n % 5 == 0:  # anna has decided on the least confident one: it does not count
            first = add_stance(project, doc, 0.35)
            add_stance(project, doc, 0.35, annotator_id=anna, decides=first)
    expected = sorted(
        ((doc, 1 - min(c)) for doc, c in confidences.items()),
        key=lambda row: (-row[1], row[0]),
    ) + [(doc, None) for doc in docs if doc not in confidences]

    walked: list[tuple[int, float | None]] = []
    after = None
    with project.db.read() as session:
        for _ in range(len(docs)):  # a keyset that never moves on must not loop for ever
            page = document_page(
                session, project.project_id, anna, 0, 5, order="uncertainty", after=after
            )
            if not page:
                break
            walked += [(row.id, row.uncertainty) for row in page]
            after = (page[-1].uncertainty, page[-1].id)
        by_offset = [
            (row.id, row.uncertainty)
            for offset in range(0, 40, 7)
            for row in document_page(
                session, project.project_id, anna, offset, 7, order="uncertainty"
            )
        ]
    assert walked == expected  # the same floats: both sides compute 1 - confidence
    assert by_offset == expected
    assert len({doc for doc, _ in walked}) == len(docs)


def test_import_order_pages_after_the_key_too_and_orders_are_checked(project):
    docs = _same_length_documents(project, 4)
    add_entity(project, docs[3], 0.1)
    with project.db.read() as session:
        page = document_page(session, project.project_id, None, 0, 2, after=(0.9, docs[1]))
        assert [row.id for row in page] == docs[2:]
        with pytest.raises(ValueError, match="unknown document order"):
            document_page(session, project.project_id, None, 0, 2, order="random")
        with pytest.raises(ValueError, match="not after an id"):
            document_page(session, project.project_id, None, 0, 2, docs[0], order="uncertainty")


@pytest.mark.parametrize("annotator", [None, "anna"])
def test_uncertainty_order_reads_the_suggestion_indexes(project, annotator):
    # Without the indexes of migration 0003 (or with conditions that do not let the planner
    # use them) a page of 100,000 documents takes seconds instead of a third of one.
    annotator_id = add_annotator(project) if annotator else None
    statements: list[tuple[str, tuple]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(project.db.engine, "before_cursor_execute", remember)
    try:
        with project.db.read() as session:
            document_page(session, project.project_id, annotator_id, 0, 200, order="uncertainty")
    finally:
        event.remove(project.db.engine, "before_cursor_execute", remember)
    [(statement, parameters)] = [s for s in statements if "lowest_confidence" in s[0]]
    with project.db.read() as session:
        plan = " ".join(
            str(row[-1])
            for row in session.connection().exec_driver_sql(
                f"EXPLAIN QUERY PLAN {statement}", parameters
            )
        )
    assert "ix_entity_spans_open_suggestion" in plan
    assert "ix_stance_annotations_open_suggestion" in plan
    if annotator:
        assert "ix_entity_spans_decision" in plan
        assert "ix_stance_annotations_decision" in plan


def _same_length_documents(project: OpenProject, count: int) -> list[int]:
    """Documents whose texts all have TEXT's length (the spans above assume it)."""
    return add_documents(project, [f"{TEXT[:-2]}{i:02d}" for i in range(count)])


def _approx(rows: list[tuple[int, float | None]]) -> list:
    return [(doc, None if u is None else pytest.approx(u)) for doc, u in rows]


@pytest.mark.parametrize("order", ["status", "spans-desc", "language", "title-desc"])
def test_column_orders_page_by_keyset_and_list_every_document_once(project, order) -> None:
    from storage.models import DocumentStatusValue
    from storage.progress import set_status

    ids = add_documents(project, [TEXT[:-1] + str(n) for n in range(7)])  # as long as TEXT
    anna = add_annotator(project)
    for n, document_id in enumerate(ids):
        for _ in range(n % 3):
            add_entity(project, document_id, 0.5, start=4 + _)
        if n % 2:
            set_status(project.db, project.project_id, document_id, anna, DocumentStatusValue.DONE)
    seen, after = [], None
    with project.db.read() as session:
        while True:
            page = document_page(session, project.project_id, anna, 0, 3, order=order, after=after)
            if not page:
                break
            seen += page
            after = (page[-1].sort_value, page[-1].id)
    assert sorted(row.id for row in seen) == sorted(ids)  # each once
    column = order.removesuffix("-desc")
    values = {
        "status": [row.status.value for row in seen],
        "spans": [row.spans for row in seen],
        "language": [row.language or "" for row in seen],
        "title": [row.title.lower() for row in seen],
    }[column]
    assert values == sorted(values, reverse=order.endswith("-desc"))
    with pytest.raises(ValueError, match="pages after"), project.db.read() as session:
        document_page(session, project.project_id, anna, 0, 3, after_id=1, order=order)
