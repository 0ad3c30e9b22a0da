"""The label schema a new project starts with, and reading the schema of an open project."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.events import new_action_id, record_event
from storage.models import EntityLabel, Project, StanceLabel


@dataclass(frozen=True)
class LabelSpec:
    name: str
    colour: str
    shortcut: str | None
    description: str = ""


# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
DEFAULT_ENTITY_LABELS = (
    LabelSpec("PER", "#cc79a7", "p", "Person"),
    LabelSpec("LOC", "#56b4e9", "l", "Location: country, city, region"),
    LabelSpec("ORG", "#e69f00", "o", "Organisation: company, party, institution"),
    LabelSpec("MISC", "#009e73", "m", "Other names: events, works, nationalities"),
)
DEFAULT_STANCE_LABELS = (
    LabelSpec("FAVOR", "#009e73", "f", "The sentence supports or defends the target"),
    LabelSpec("AGAINST", "#d55e00", "a", "The sentence criticises or opposes the target"),
    LabelSpec("NEUTRAL", "#999999", "n", "The sentence mentions the target without taking a side"),
)
DEFAULT_SETTINGS = {"allow_overlapping_spans": False}


def add_default_schema(project: Project) -> None:
    """Give a new project the default entity and stance labels."""
    for position, spec in enumerate(DEFAULT_ENTITY_LABELS):
        project.entity_labels.append(
            EntityLabel(
                name=spec.name,
                colour=spec.colour,
                shortcut=spec.shortcut,
                position=position,
                description=spec.description,
            )
        )
    for position, spec in enumerate(DEFAULT_STANCE_LABELS):
        project.stance_labels.append(
            StanceLabel(
                name=spec.name,
                colour=spec.colour,
                shortcut=spec.shortcut,
                position=position,
                description=spec.description,
            )
        )


def entity_label_ids(session: Session, project_id: int) -> dict[str, int]:
    """Entity label name -> id for a project."""
    rows = session.execute(
        select(EntityLabel.name, EntityLabel.id).where(EntityLabel.project_id == project_id)
    )
    return {name: label_id for name, label_id in rows}


def ensure_entity_label(
    session: Session,
    project_id: int,
    name: str,
    action_id: str | None = None,
    annotator_id: int | None = None,
) -> int:
    """The id of entity label ``name``, created (grey, no shortcut, logged as part of
    ``action_id``) when the project lacks it."""
    existing = session.scalar(
        select(EntityLabel.id).where(EntityLabel.project_id == project_id, EntityLabel.name == name)
    )
    if existing is not None:
        return existing
    position = len(entity_label_ids(session, project_id))
    label = EntityLabel(
        project_id=project_id, name=name, colour="#bbbbbb", shortcut=None, position=position
    )
    session.add(label)
    session.flush()
    record_event(
        session,
        project_id=project_id,
        action_id=action_id or new_action_id(),
        annotator_id=annotator_id,
        action="label.create",
        object_type="entity_label",
        object_id=label.id,
        document_id=None,
        before=None,
        after={"name": name, "colour": label.colour, "position": position},
    )
    return label.id
