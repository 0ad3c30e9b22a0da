"""The project's actors (who holds stances) as the window and the ``actors`` command edit
them: listing, adding, changing, merging, removing, and the names proposed from entities
that speak in the project."""

from __future__ import annotations

from collections.abc import Sequence

from storage.project import OpenProject
from storage.stance.actors import (
    ACTOR_KINDS,
    KIND_OF_LABEL,
    ActorError,
    ActorRecord,
    add_actors,
    merge_actors,
    project_actors,
    propose_actors,
    remove_actor,
    update_actor,
)
from storage.stance.holder_names import AUTHOR

__all__ = [
    "ACTOR_KINDS",
    "AUTHOR",
    "KIND_OF_LABEL",
    "ActorError",
    "ActorRecord",
    "add_actor",
    "add_proposed_actors",
    "change_actor",
    "listed_actors",
    "merge_into",
    "proposed_actors",
    "remove_named_actor",
]


def listed_actors(project: OpenProject) -> list[ActorRecord]:
    with project.db.read() as session:
        return project_actors(session, project.project_id)


def add_actor(project: OpenProject, name: str, aliases: Sequence[str], kind: str = "other") -> None:
    """Add an actor, or ``aliases`` to the existing one of that name; one logged action."""
    add_actors(project.db, project.project_id, [(name, aliases, kind)])


def add_proposed_actors(project: OpenProject, proposals: Sequence[tuple[str, str]]) -> None:
    """Add proposed actors, each ``(name, entity label)``, as one logged action."""
    add_actors(
        project.db,
        project.project_id,
        [(name, (), KIND_OF_LABEL.get(label, "other")) for name, label in proposals],
    )


def change_actor(
    project: OpenProject, name: str, new_name: str, aliases: Sequence[str], kind: str
) -> None:
    update_actor(project.db, project.project_id, name, new_name, aliases, kind)


def merge_into(project: OpenProject, names: Sequence[str], into: str) -> int:
    """Make the actors ``names`` one actor ``into``; returns how many labels moved."""
    return merge_actors(project.db, project.project_id, names, into)


def remove_named_actor(project: OpenProject, name: str) -> None:
    remove_actor(project.db, project.project_id, name)


def proposed_actors(project: OpenProject, limit: int = 15) -> list[tuple[str, str, int]]:
    """Entities that hold stances in the project and are no actor yet: (name, entity label,
    stance rows), most frequent first."""
    with project.db.read() as session:
        return propose_actors(session, project.project_id, limit)
