"""Editing a project's label schema: labels added, changed, moved and removed, each as one
logged transaction; refused with a message naming the label (and then nothing changes)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.label_schema import (
    DEFAULT_ENTITY_LABELS,
    DEFAULT_STANCE_LABELS,
    LabelInUseError,
    LabelRecord,
    add_label,
    move_label,
    project_labels,
    remove_label,
    update_label,
)
from storage.models import EntityLabel, Event
from storage.stance.store import SentenceStance, add_target, store_stance_suggestions
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.factories import GERMAN_TEXT, add_documents

ENTITY_NAMES = [spec.name for spec in DEFAULT_ENTITY_LABELS]
STANCE_NAMES = [spec.name for spec in DEFAULT_STANCE_LABELS]


def labels(project, kind: str = "entity") -> list[LabelRecord]:
    with project.db.read() as session:
        return project_labels(session, project.project_id, kind)


def names(project, kind: str = "entity") -> list[str]:
    return [label.name for label in labels(project, kind)]


def label_events(project, kind: str = "entity") -> list[Event]:
    with project.db.read() as session:
        query = select(Event).where(Event.object_type == f"{kind}_label").order_by(Event.id)
        return list(session.scalars(query))


def suggest_span(project, label: str) -> None:
    [doc] = add_documents(project, [GERMAN_TEXT])
    start = GERMAN_TEXT.index("NATO")
    span = SpanSuggestion(start, start + 4, label, 0.9, "model", "m", "1")
    store_entity_suggestions(project.db, project.project_id, doc, [span], ["m"])


# --- adding ---------------------------------------------------------------------------------


def test_a_label_is_added_last_and_logged(project):
    add_label(project.db, project.project_id, "entity", " EVENT ", "#AABBCC", "E", " Events ")
    assert labels(project)[-1] == LabelRecord("EVENT", "#aabbcc", "e", "Events", 4, 0)
    [event] = label_events(project)
    assert (event.action, event.before) == ("label.create", None)
    assert event.after["name"] == "EVENT" and event.after["position"] == 4


def test_a_label_without_a_shortcut_is_added(project):
    add_label(project.db, project.project_id, "stance", "UNCLEAR", "#123456", "")
    assert labels(project, "stance")[-1].shortcut is None


@pytest.mark.parametrize(
    ("name", "colour", "shortcut", "message"),
    [
        ("  ", "#123456", "x", "needs a name"),
        ("per", "#123456", "x", "there is already a label 'PER' among the entity labels"),
        ("EVENT", "#12345", "x", "colour of the entity label 'EVENT' must be written #rrggbb"),
        ("EVENT", "red", "x", "not 'red'"),
        ("EVENT", "#12345g", "x", "#rrggbb"),
        ("EVENT", "#123456", "P", "the shortcut 'p' of the entity label 'EVENT' is taken by 'PER'"),
        ("EVENT", "#123456", "xy", "must be one letter or digit, not 'xy'"),
        ("EVENT", "#123456", "#", "must be one letter or digit"),
        ("EVENT", "#123456", "3", "cannot be 3: the digits 1-9 choose labels by their number"),
        ("E" * 65, "#123456", "x", "longer than 64 characters"),
    ],
)
def test_a_refused_label_is_not_added_and_the_message_says_why(
    project, name, colour, shortcut, message
):
    with pytest.raises(ValueError, match="label") as refused:
        add_label(project.db, project.project_id, "entity", name, colour, shortcut)
    assert message in str(refused.value)
    assert names(project) == ENTITY_NAMES
    assert label_events(project) == []


def test_a_shortcut_of_the_other_kind_and_zero_are_fine(project):
    add_label(project.db, project.project_id, "stance", "PERSONAL", "#123456", "p")  # PER's
    add_label(project.db, project.project_id, "entity", "NUMBER", "#123456", "0")
    assert labels(project, "stance")[-1].shortcut == "p"
    assert labels(project)[-1].shortcut == "0"


def test_an_unknown_kind_is_refused(project):
    with pytest.raises(ValueError, match="unknown kind of label 'relation'"):
        add_label(project.db, project.project_id, "relation", "X", "#123456")  # type: ignore[arg-type]


# --- changing -------------------------------------------------------------------------------


def test_a_label_is_changed_in_one_logged_event_with_before_and_after(project):
    update_label(
        project.db,
        project.project_id,
        "entity",
        "PER",
        new_name="PERSON",
        colour="#000000",
        shortcut="q",
        description="A person",
    )
    assert labels(project)[0] == LabelRecord("PERSON", "#000000", "q", "A person", 0, 0)
    [event] = label_events(project)
    assert event.action == "label.update"
    assert (event.before["name"], event.before["shortcut"]) == ("PER", "p")
    assert (event.after["name"], event.after["shortcut"]) == ("PERSON", "q")


def test_only_the_values_given_change_and_none_removes_the_shortcut(project):
    update_label(project.db, project.project_id, "stance", "FAVOR", shortcut=None)
    favor = labels(project, "stance")[0]
    assert (favor.name, favor.colour, favor.shortcut) == ("FAVOR", "#009e73", None)
    assert favor.description == DEFAULT_STANCE_LABELS[0].description


def test_a_change_that_changes_nothing_is_not_logged(project):
    update_label(project.db, project.project_id, "entity", "LOC", new_name="LOC", shortcut="L")
    assert label_events(project) == []


def test_a_label_keeps_its_own_name_and_shortcut_but_not_anothers(project):
    update_label(project.db, project.project_id, "entity", "ORG", new_name="Org")  # itself
    assert names(project)[2] == "Org"
    with pytest.raises(ValueError, match="'m' of the entity label 'Org' is taken by 'MISC'"):
        update_label(project.db, project.project_id, "entity", "Org", shortcut="m")
    with pytest.raises(ValueError, match="already a label 'LOC'"):
        update_label(project.db, project.project_id, "entity", "Org", new_name="LOC")
    with pytest.raises(ValueError, match="the entity label 'Org' needs a name"):
        update_label(project.db, project.project_id, "entity", "Org", new_name=" ")
    with pytest.raises(ValueError, match="there is no stance label 'PER'"):
        update_label(project.db, project.project_id, "stance", "PER", colour="#000000")
    assert [e.action for e in label_events(project)] == ["label.update"]


def test_a_renamed_label_keeps_its_spans(project):
    suggest_span(project, "ORG")
    update_label(project.db, project.project_id, "entity", "ORG", new_name="ORGANISATION")
    assert labels(project)[2] == LabelRecord(
        "ORGANISATION", "#e69f00", "o", DEFAULT_ENTITY_LABELS[2].description, 2, 1
    )


# --- moving ---------------------------------------------------------------------------------


def test_moving_renumbers_the_labels_in_one_action(project):
    assert move_label(project.db, project.project_id, "entity", "MISC", -2)
    assert names(project) == ["PER", "MISC", "LOC", "ORG"]
    assert [label.position for label in labels(project)] == [0, 1, 2, 3]
    events = label_events(project)
    assert {e.action for e in events} == {"label.move"}
    assert len({e.action_id for e in events}) == 1  # one user action
    assert sorted(e.after["name"] for e in events) == ["LOC", "MISC", "ORG"]


def test_moving_stops_at_either_end_and_logs_nothing_there(project):
    assert not move_label(project.db, project.project_id, "stance", "FAVOR", -1)
    assert move_label(project.db, project.project_id, "stance", "FAVOR", 10)
    assert names(project, "stance") == ["AGAINST", "NEUTRAL", "FAVOR"]
    assert not move_label(project.db, project.project_id, "stance", "FAVOR", 1)
    assert len(label_events(project, "stance")) == 3


# --- removing -------------------------------------------------------------------------------


def test_an_unused_label_is_removed_and_the_rest_renumbered(project):
    remove_label(project.db, project.project_id, "entity", "LOC")
    assert names(project) == ["PER", "ORG", "MISC"]
    assert [label.position for label in labels(project)] == [0, 1, 2]
    [event] = label_events(project)
    assert (event.action, event.after) == ("label.delete", None)
    assert event.before["name"] == "LOC"
    with project.db.read() as session:
        assert session.scalar(select(func.count()).select_from(EntityLabel)) == 3


def test_a_label_spans_use_is_not_removed_and_the_message_says_how_many(project):
    suggest_span(project, "ORG")
    with pytest.raises(LabelInUseError, match="entity label 'ORG': 1 span uses it") as refused:
        remove_label(project.db, project.project_id, "entity", "ORG")
    assert refused.value.uses == 1
    assert names(project) == ENTITY_NAMES
    assert label_events(project) == []


def test_a_stance_label_in_use_is_not_removed(project):
    [doc] = add_documents(project, [GERMAN_TEXT])
    add_target(project.db, project.project_id, "Russland")
    end = GERMAN_TEXT.index(".") + 1
    stance = SentenceStance(0, 0, end, "Russland", "AGAINST", 0.7, "cue", "pattern", "lex", "1")
    store_stance_suggestions(project.db, project.project_id, [(doc, [stance])], ["lex"])
    with pytest.raises(LabelInUseError, match="1 stance annotation uses it"):
        remove_label(project.db, project.project_id, "stance", "AGAINST")
    remove_label(project.db, project.project_id, "stance", "NEUTRAL")  # unused: fine
    assert names(project, "stance") == ["FAVOR", "AGAINST"]
    assert [label.uses for label in labels(project, "stance")] == [0, 1]


def test_removing_a_label_that_is_not_there_says_so(project):
    with pytest.raises(ValueError, match="there is no entity label 'FAVOR'"):
        remove_label(project.db, project.project_id, "entity", "FAVOR")
