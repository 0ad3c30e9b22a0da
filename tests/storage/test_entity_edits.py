"""Entity actions: one committed, logged, undoable transaction each."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.editing import AnnotationError
from storage.entity_edits import EntityEditor, visible_spans
from storage.models import EntitySpan, Event, Project
from storage.project import open_project
from tests.factories import GERMAN_TEXT, NATO, SCHOLZ, add_annotator, add_documents, suggest

BERLIN = (GERMAN_TEXT.index("Berlin"), GERMAN_TEXT.index("Berlin") + 6)


@pytest.fixture
def doc(project):
    return add_documents(project, [GERMAN_TEXT])[0]


@pytest.fixture
def editor(project):
    return EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))


def view(project, doc, annotator_id):
    with project.db.read() as session:
        return [
            (GERMAN_TEXT[s.start_offset : s.end_offset], s.label.name, s.state.value)
            for s in visible_spans(session, doc, annotator_id)
        ]


def events(project):
    with project.db.read() as session:
        return [
            (e.action, e.before and e.before.get("state"), e.after and e.after.get("state"))
            for e in session.scalars(
                select(Event).where(Event.action != "document.import").order_by(Event.id)
            )
        ]


def test_accepting_a_suggestion_keeps_it_open_for_other_annotators(project, doc, editor):
    suggestion = suggest(project, doc, *NATO)
    editor.accept(suggestion)
    assert view(project, doc, editor.annotator_id) == [("NATO", "ORG", "accepted")]
    other = add_annotator(project, "ben")
    assert view(project, doc, other) == [("NATO", "ORG", "suggested")]
    with project.db.read() as session:
        mine = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.is_not(None))).one()
        assert (mine.suggestion_id, mine.origin_name, mine.confidence) == (
            suggestion,
            "de_test",
            0.8,
        )
    assert events(project) == [("span.accept", None, "accepted")]


def test_a_rejection_is_kept(project, doc, editor):
    editor.reject(suggest(project, doc, *NATO))
    assert view(project, doc, editor.annotator_id) == [("NATO", "ORG", "rejected")]


def test_deleting_a_suggestion_rejects_it_so_it_does_not_come_back(project, doc, editor):
    editor.delete(suggest(project, doc, *NATO))
    assert view(project, doc, editor.annotator_id) == [("NATO", "ORG", "rejected")]


def test_add_relabel_resize_delete_a_manual_span(project, doc, editor):
    span_id = editor.add(doc, *SCHOLZ, "PER").span_ids[0]
    editor.relabel(span_id, "ORG")
    editor.resize(span_id, SCHOLZ[0] + 5, SCHOLZ[1])
    assert view(project, doc, editor.annotator_id) == [("Scholz", "ORG", "accepted")]
    editor.delete(span_id)
    assert view(project, doc, editor.annotator_id) == []
    assert [e[0] for e in events(project)] == [
        "span.add",
        "span.relabel",
        "span.resize",
        "span.delete",
    ]


def test_changing_a_suggestion_marks_it_edited(project, doc, editor):
    suggestion = suggest(project, doc, *SCHOLZ, label="ORG")
    editor.relabel(suggestion, "PER")
    assert view(project, doc, editor.annotator_id) == [("Olaf Scholz", "PER", "edited")]


def test_accept_all_is_one_action(project, doc, editor):
    for start, end in (NATO, BERLIN):
        suggest(project, doc, start, end, label="LOC")
    result = editor.accept_all(doc)
    assert len(result.span_ids) == 2
    with project.db.read() as session:
        actions = {
            e.action_id
            for e in session.scalars(select(Event).where(Event.action == "span.accept_all"))
        }
    assert actions == {result.action_id}
    editor.undo(result.action_id)
    assert [s for _, _, s in view(project, doc, editor.annotator_id)] == ["suggested"] * 2


def test_undo_and_redo_restore_exact_states(project, doc, editor):
    suggestion = suggest(project, doc, *NATO)
    accepted = editor.accept(suggestion)
    relabelled = editor.relabel(accepted.span_ids[0], "LOC")
    undo_relabel = editor.undo(relabelled.action_id)
    assert view(project, doc, editor.annotator_id) == [("NATO", "ORG", "accepted")]
    editor.undo(accepted.action_id)
    assert view(project, doc, editor.annotator_id) == [("NATO", "ORG", "suggested")]
    editor.undo(undo_relabel.action_id)  # redo is the undo of an undo
    # the relabelled row came back even though its accept was undone: redo follows the log
    with project.db.read() as session:
        assert session.get(EntitySpan, accepted.span_ids[0]).label.name == "LOC"


def test_undo_of_a_deletion_brings_the_span_back(project, doc, editor):
    span_id = editor.add(doc, *BERLIN, "LOC").span_ids[0]
    deleted = editor.delete(span_id)
    editor.undo(deleted.action_id)
    assert view(project, doc, editor.annotator_id) == [("Berlin", "LOC", "accepted")]


def test_overlapping_spans_are_refused_with_a_message(project, doc, editor):
    editor.add(doc, *SCHOLZ, "PER")
    with pytest.raises(AnnotationError, match=r"overlaps PER “Olaf Scholz”"):
        editor.add(doc, SCHOLZ[0] + 5, SCHOLZ[1] + 3, "ORG")
    assert len(view(project, doc, editor.annotator_id)) == 1


def test_an_add_replaces_the_open_suggestions_it_overlaps_and_undo_brings_them_back(
    project, doc, editor
):
    # "Olaf Scholz verteidigte" as ORG, 4 % (hidden in the window), and "Scholz" as LOC.
    wide = suggest(project, doc, SCHOLZ[0], SCHOLZ[1] + 12, label="ORG", confidence=0.04)
    suggest(project, doc, SCHOLZ[0] + 5, SCHOLZ[1], label="LOC")
    suggest(project, doc, *NATO)  # elsewhere: stays open
    result = editor.add(doc, *SCHOLZ, "PER")
    assert view(project, doc, editor.annotator_id) == [
        ("NATO", "ORG", "suggested"),
        ("Olaf Scholz", "PER", "accepted"),
        ("Olaf Scholz verteidigte", "ORG", "rejected"),
        ("Scholz", "LOC", "rejected"),
    ]
    assert events(project) == [
        ("span.replace", None, "rejected"),
        ("span.replace", None, "rejected"),
        ("span.add", None, "accepted"),
    ]
    editor.undo(result.action_id)
    assert view(project, doc, editor.annotator_id) == [
        ("NATO", "ORG", "suggested"),
        ("Olaf Scholz verteidigte", "ORG", "suggested"),
        ("Scholz", "LOC", "suggested"),
    ]
    other = add_annotator(project, "ben")  # the suggestion itself was never changed
    assert ("Olaf Scholz verteidigte", "ORG", "suggested") in view(project, doc, other)
    assert wide in {s for s in _ids(project)}


def test_an_add_exactly_where_a_suggestion_of_its_label_stands_accepts_it(project, doc, editor):
    suggestion = suggest(project, doc, *SCHOLZ, label="PER")
    result = editor.add(doc, *SCHOLZ, "PER")
    with project.db.read() as session:
        mine = session.get(EntitySpan, result.span_ids[0])
        assert (mine.suggestion_id, mine.state.value) == (suggestion, "accepted")
    assert view(project, doc, editor.annotator_id) == [("Olaf Scholz", "PER", "accepted")]


def test_an_add_over_a_decided_span_is_refused_and_changes_nothing(project, doc, editor):
    editor.accept(suggest(project, doc, SCHOLZ[0] + 5, SCHOLZ[1], label="LOC"))
    suggest(project, doc, SCHOLZ[0], SCHOLZ[1] + 12, label="ORG", confidence=0.04)
    before = view(project, doc, editor.annotator_id)
    with pytest.raises(AnnotationError, match=r"overlaps LOC “Scholz” .* decided already"):
        editor.add(doc, *SCHOLZ, "PER")
    assert view(project, doc, editor.annotator_id) == before
    assert events(project) == [("span.accept", None, "accepted")]


def _ids(project) -> list[int]:
    with project.db.read() as session:
        return list(session.scalars(select(EntitySpan.id)))


def test_overlaps_are_allowed_when_the_schema_says_so(project, doc, editor):
    with project.db.write() as session:
        p = session.get(Project, project.project_id)
        p.settings = p.settings | {"allow_overlapping_spans": True}
    editor.add(doc, *SCHOLZ, "PER")
    editor.add(doc, SCHOLZ[0] + 5, SCHOLZ[1], "ORG")
    assert len(view(project, doc, editor.annotator_id)) == 2


def test_a_rejected_suggestion_does_not_block_a_corrected_span(project, doc, editor):
    editor.reject(suggest(project, doc, SCHOLZ[0], SCHOLZ[0] + 4, label="LOC"))
    editor.add(doc, *SCHOLZ, "PER")


@pytest.mark.parametrize(
    ("start", "end", "label", "message"),
    [
        (0, 10_000, "PER", r"span 0–10000 is outside document \d+ \(its text has \d+ characters\)"),
        (5, 5, "PER", "outside document"),
        (0, 3, "GPE", r"unknown entity label 'GPE' \(labels: LOC, MISC, ORG, PER\)"),
    ],
)
def test_bad_actions_are_refused_and_nothing_changes(
    project, doc, editor, start, end, label, message
):
    with pytest.raises(AnnotationError, match=message):
        editor.add(doc, start, end, label)
    assert view(project, doc, editor.annotator_id) == []
    assert events(project) == []


def test_an_action_is_on_disk_when_it_returns(project, doc, editor, project_file):
    editor.add(doc, *BERLIN, "LOC")
    # A second, independent connection (another process would see the same) finds it.
    with open_project(project_file) as other, other.db.read() as session:
        assert session.scalar(select(EntitySpan.end_offset)) == BERLIN[1]


def test_another_annotators_span_cannot_be_changed(project, doc, editor):
    span_id = editor.add(doc, *BERLIN, "LOC").span_ids[0]
    ben = EntityEditor(project.db, project.project_id, add_annotator(project, "ben"))
    with pytest.raises(AnnotationError, match="belongs to another annotator"):
        ben.relabel(span_id, "ORG")


def test_fractional_offsets_are_refused(project, doc, editor):
    with pytest.raises(AnnotationError, match="whole numbers"):
        editor.add(doc, 1.5, 3, "PER")


def test_a_span_of_another_project_in_the_same_database_is_not_touched(project, doc, editor):
    span = suggest(project, doc, 0, 3)
    other = EntityEditor(project.db, project.project_id + 1, editor.annotator_id)
    before = events(project)
    with pytest.raises(AnnotationError, match=f"no span {span} in this project"):
        other.accept(span)
    assert events(project) == before
