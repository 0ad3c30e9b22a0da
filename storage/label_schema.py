"""The label schema a new project starts with, reading the schema of an open project, and
editing it: labels added, changed, moved and removed, each as one logged transaction. The
rules a name, shortcut and colour follow live in ``storage.label_rules``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from sqlalchemy import ScalarResult, func, select
from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.events import new_action_id, record_event, snapshot
from storage.label_rules import check_colour, check_shortcut, clean_label_name
from storage.models import EntityLabel, EntitySpan, Project, StanceAnnotation, StanceLabel


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
    ``action_id``) when the project lacks it. The name follows ``clean_label_name`` (a
    ``ValueError`` says why not), and a label differing only in case is the same label."""
    name = clean_label_name(name)
    existing = {n.casefold(): i for n, i in entity_label_ids(session, project_id).items()}
    if name.casefold() in existing:
        return existing[name.casefold()]
    position = len(existing)
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


# --- editing the schema of an open project ---------------------------------------------------

LabelKind = Literal["entity", "stance"]
LABEL_KINDS: tuple[LabelKind, ...] = ("entity", "stance")
_MODELS: dict[str, type[EntityLabel] | type[StanceLabel]] = {
    "entity": EntityLabel,
    "stance": StanceLabel,
}
_USERS: dict[str, type[EntitySpan] | type[StanceAnnotation]] = {
    "entity": EntitySpan,
    "stance": StanceAnnotation,
}
KEEP: Any = object()  # update_label: leave this value as it is


@dataclass(frozen=True)
class LabelRecord:
    """A label as the schema editor shows it; ``uses`` counts the spans (or stance rows),
    suggestions included, that refer to it."""

    name: str
    colour: str
    shortcut: str | None
    description: str
    position: int
    uses: int


class LabelInUseError(UserError, ValueError):
    """A label that spans or stance rows refer to cannot be removed: they would lose it."""

    def __init__(self, kind: str, name: str, uses: int) -> None:
        rows = "span" if kind == "entity" else "stance annotation"
        super().__init__(
            f"cannot remove the {kind} label {name!r}: {uses} {rows}"
            f"{'s use' if uses != 1 else ' uses'} it (suggestions included)"
        )
        self.kind, self.name, self.uses = kind, name, uses


def project_labels(session: Session, project_id: int, kind: LabelKind) -> list[LabelRecord]:
    """The project's labels of ``kind`` in their order, each with how often it is used."""
    model, users = _model(kind), _USERS[kind]
    counts = dict(
        session.execute(
            select(users.label_id, func.count())
            .join(model, model.id == users.label_id)
            .where(model.project_id == project_id)
            .group_by(users.label_id)
        ).all()
    )
    # select() of either model is typed as their common base; the rows are labels.
    labels = cast(
        "ScalarResult[EntityLabel | StanceLabel]",
        session.scalars(
            select(model).where(model.project_id == project_id).order_by(model.position, model.id)
        ),
    )
    return [
        LabelRecord(
            label.name,
            label.colour,
            label.shortcut,
            label.description or "",
            label.position,
            counts.get(label.id, 0),
        )
        for label in labels
    ]


def add_label(
    db: Database,
    project_id: int,
    kind: LabelKind,
    name: str,
    colour: str,
    shortcut: str | None = None,
    description: str = "",
) -> None:
    """Add a label of ``kind`` after the last one: one transaction, logged as one
    "label.create" event. Raises ``ValueError`` naming the label when a value is refused
    (see ``update_label``); then nothing changes."""
    with db.write() as session:
        labels = _labels(session, project_id, kind)
        label = _model(kind)(project_id=project_id, position=len(labels))
        _assign(label, kind, labels, name, colour, shortcut, description)
        session.add(label)
        session.flush()
        _log(session, project_id, kind, "label.create", label.id, None, snapshot(label))


def update_label(
    db: Database,
    project_id: int,
    kind: LabelKind,
    name: str,
    *,
    new_name: str = KEEP,
    colour: str = KEEP,
    shortcut: str | None = KEEP,
    description: str = KEEP,
) -> None:
    """Change label ``name`` of ``kind``: the values given (a ``shortcut`` of None or ""
    removes it), in one transaction logged as one "label.update" event.

    Raises ``ValueError`` naming the label when there is no such label, the name is empty
    or another label of the kind has it, the colour is not "#rrggbb", or the shortcut is
    not one letter (or 0), is a digit 1-9 (those choose labels by number) or is another
    label's of the kind; then nothing changes. A shortcut of the other kind is fine: entity
    and stance keys work in different places."""
    if new_name is not KEEP and not new_name.strip():
        raise ValueError(f"the {kind} label {name!r} needs a name")
    with db.write() as session:
        labels = _labels(session, project_id, kind)
        label = _find(labels, kind, name)
        before = snapshot(label)
        _assign(
            label,
            kind,
            [other for other in labels if other is not label],
            label.name if new_name is KEEP else new_name,
            label.colour if colour is KEEP else colour,
            label.shortcut if shortcut is KEEP else shortcut,
            label.description if description is KEEP else description,
        )
        after = snapshot(label)
        if after != before:
            _log(session, project_id, kind, "label.update", label.id, before, after)


def move_label(db: Database, project_id: int, kind: LabelKind, name: str, steps: int) -> bool:
    """Move label ``name`` ``steps`` places later in the order (earlier when negative),
    stopping at either end; the labels are numbered 0, 1, … again. One transaction, one
    "label.move" event per label whose place changed. Returns False (and logs nothing)
    when the label stayed where it was; raises ``ValueError`` when there is no such label."""
    with db.write() as session:
        labels = _labels(session, project_id, kind)
        label = _find(labels, kind, name)
        order = [other for other in labels if other is not label]
        index = max(0, min(len(order), labels.index(label) + steps))
        order.insert(index, label)
        action_id = new_action_id()  # one user action, however many labels it renumbers
        moved = False
        for position, each in enumerate(order):
            if each.position != position:
                before = snapshot(each)
                each.position = position
                after = snapshot(each)
                _log(session, project_id, kind, "label.move", each.id, before, after, action_id)
                moved = True
        return moved


def remove_label(db: Database, project_id: int, kind: LabelKind, name: str) -> None:
    """Delete label ``name`` of ``kind`` and number the rest 0, 1, … again: one
    transaction, logged as one "label.delete" event.

    Raises ``LabelInUseError`` (a ``ValueError``) saying how many rows use the label while
    any span or stance row (a suggestion too) refers to it, and ``ValueError`` when there
    is no such label; then nothing changes."""
    with db.write() as session:
        labels = _labels(session, project_id, kind)
        label = _find(labels, kind, name)
        users = _USERS[kind]
        uses = session.scalar(select(func.count()).where(users.label_id == label.id)) or 0
        if uses:
            raise LabelInUseError(kind, label.name, uses)
        before = snapshot(label)
        session.delete(label)
        for position, other in enumerate(o for o in labels if o is not label):
            other.position = position
        _log(session, project_id, kind, "label.delete", before["id"], before, None)


def _model(kind: str) -> type[EntityLabel] | type[StanceLabel]:
    if kind not in _MODELS:
        raise ValueError(f"unknown kind of label {kind!r} (entity or stance)")
    return _MODELS[kind]


def _labels(session: Session, project_id: int, kind: str) -> list[Any]:
    model = _model(kind)
    query = select(model).where(model.project_id == project_id)
    return list(session.scalars(query.order_by(model.position, model.id)))


def _find(labels: list[Any], kind: str, name: str) -> Any:
    found = next((label for label in labels if label.name == name), None)
    if found is None:
        raise ValueError(f"there is no {kind} label {name!r}")
    return found


def _assign(
    label: Any,
    kind: str,
    others: list[Any],
    name: str,
    colour: str,
    shortcut: str | None,
    description: str | None,
) -> None:
    """Check the values against the other labels of the kind and set them on ``label``."""
    try:
        clean = clean_label_name(name)
    except ValueError as exc:
        if not name.strip():
            raise ValueError(f"the {kind} label needs a name") from None
        raise ValueError(f"the name of the {kind} label {exc}") from None
    # Names differing only in case would look like one label in the legend and exports.
    taken = next((o for o in others if o.name.casefold() == clean.casefold()), None)
    if taken is not None:
        raise ValueError(f"there is already a label {taken.name!r} among the {kind} labels")
    key = check_shortcut(kind, clean, shortcut)
    holder = next(
        (o for o in others if key is not None and (o.shortcut or "").lower() == key), None
    )
    if holder is not None:
        raise ValueError(
            f"the shortcut {key!r} of the {kind} label {clean!r} is taken by {holder.name!r}"
        )
    checked_colour = check_colour(kind, clean, colour)
    label.name, label.colour, label.shortcut = clean, checked_colour, key
    label.description = (description or "").strip()


def _log(
    session: Session,
    project_id: int,
    kind: str,
    action: str,
    label_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    action_id: str | None = None,
) -> None:
    record_event(
        session,
        project_id=project_id,
        action_id=action_id or new_action_id(),
        annotator_id=None,
        action=action,
        object_type=f"{kind}_label",
        object_id=label_id,
        document_id=None,
        before=before,
        after=after,
    )
