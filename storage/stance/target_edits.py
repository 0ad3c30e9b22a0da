"""Changing and removing a project's stance targets, each change one logged transaction
(adding them is ``storage.stance.store.add_targets``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.events import new_action_id, record_event
from storage.models import StanceAnnotation, StanceTarget, TargetAlias


def find_target(session: Session, project_id: int, name: str) -> StanceTarget | None:
    return session.scalar(
        select(StanceTarget).where(StanceTarget.project_id == project_id, StanceTarget.name == name)
    )


def described(target: StanceTarget) -> dict[str, object]:
    """A target as the event log records it."""
    return {
        "name": target.name,
        "aliases": [a.alias for a in target.aliases],
        "kind": target.kind,
    }


def clean_aliases(name: str, aliases: Iterable[str]) -> list[str]:
    """The alias list a target ``name`` gets: the name first, then ``aliases`` stripped,
    without blanks and repeats. Raises ``ValueError`` for an alias that is only ``*`` (a
    prefix of every word)."""
    words = [name.strip(), *(a.strip() for a in aliases)]
    if any(word.rstrip("*") == "" and word for word in words):
        raise ValueError(f"the target {name.strip()!r} has an alias that is only '*'")
    return [word for word in dict.fromkeys(words) if word]


def update_target(
    db: Database,
    project_id: int,
    name: str,
    new_name: str,
    aliases: Iterable[str],
    kind: str | None = None,
) -> None:
    """Rename target ``name`` to ``new_name``, replace its aliases with ``aliases`` (the new
    name is always one of them) and, unless ``kind`` is None, set its kind: one transaction,
    logged as one "target.update" event with the target before and after.

    Raises ``ValueError`` naming the target when the new name is empty, another target has
    it, or there is no target ``name``; then nothing changes."""
    clean = new_name.strip()
    if not clean:
        raise ValueError(f"the target {name!r} needs a name")
    wanted = clean_aliases(clean, aliases)
    with db.write() as session:
        target = find_target(session, project_id, name)
        if target is None:
            raise ValueError(f"there is no target {name!r}")
        if clean != name and find_target(session, project_id, clean) is not None:
            raise ValueError(f"cannot rename {name!r} to {clean!r}: that target exists already")
        before = described(target)
        target.name = clean
        if kind is not None:
            target.kind = kind
        for alias in [a for a in target.aliases if a.alias not in wanted]:
            target.aliases.remove(alias)  # delete-orphan: the row goes
        known = {a.alias for a in target.aliases}
        target.aliases.extend(TargetAlias(alias=a) for a in wanted if a not in known)
        session.flush()
        session.refresh(target, ["aliases"])  # in alias order, as it is read back
        record_event(
            session,
            project_id=project_id,
            action_id=new_action_id(),
            annotator_id=None,
            action="target.update",
            object_type="stance_target",
            object_id=target.id,
            document_id=None,
            before=before,
            after=described(target),
        )


class TargetInUseError(UserError, ValueError):
    """A target annotators labelled stance toward cannot be removed: their work stays."""

    def __init__(self, name: str, labels: int) -> None:
        super().__init__(
            f"cannot remove the target {name!r}: annotators made {labels} stance "
            f"label{'s' if labels != 1 else ''} for it"
        )
        self.name = name
        self.labels = labels


def remove_target(db: Database, project_id: int, name: str) -> int:
    """Delete target ``name``, its aliases and its open machine stance suggestions (those no
    annotator decided on) in one transaction, logged as one "target.delete" event; returns
    how many suggestions went.

    Raises ``TargetInUseError`` (a ``ValueError``) when annotators labelled stance toward
    it, or decided on one of its suggestions, and ``ValueError`` when there is no such
    target; then nothing changes."""
    with db.write() as session:
        target = find_target(session, project_id, name)
        if target is None:
            raise ValueError(f"there is no target {name!r}")
        machine = select(StanceAnnotation.id).where(
            StanceAnnotation.target_id == target.id, StanceAnnotation.annotator_id.is_(None)
        )
        # Annotators' rows toward it, and those that decided on one of its suggestions (an
        # annotator may have changed the target): deleting the suggestion would cut that link.
        labels = session.scalar(
            select(func.count()).where(
                StanceAnnotation.annotator_id.is_not(None),
                (StanceAnnotation.target_id == target.id)
                | StanceAnnotation.suggestion_id.in_(machine),
            )
        )
        if labels:
            raise TargetInUseError(name, labels)
        before = described(target)
        deleted = session.execute(delete(StanceAnnotation).where(StanceAnnotation.id.in_(machine)))
        removed = cast("CursorResult[Any]", deleted).rowcount
        before["suggestions_removed"] = removed
        target_id = target.id
        session.delete(target)  # its aliases go with it (delete-orphan)
        record_event(
            session,
            project_id=project_id,
            action_id=new_action_id(),
            annotator_id=None,
            action="target.delete",
            object_type="stance_target",
            object_id=target_id,
            document_id=None,
            before=before,
            after=None,
        )
    return removed
