"""The project's actors: who holds stances in its articles, each with the ways the articles
write them. Listed, added, changed, merged into one, removed and proposed here; each change is
one logged transaction.

An actor's aliases are matched as written or case-folded ("Wladimir Putin", "wladimir
putin"), so "Putin", "Wladimir Putin" and "der russische Präsident" are one actor once the
user gives them as aliases. A holder the text names but no actor has keeps its words
(``holder_names``), so an actor added later takes in the holders already labelled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.events import new_action_id, record_event
from storage.models import (
    ActorAlias,
    AnnotationState,
    Document,
    EntityLabel,
    EntitySpan,
    StanceActor,
    StanceAnnotation,
)
from storage.stance.holder_names import HolderNames

ACTOR = "stance_actor"
ACTOR_KINDS = ("person", "organisation", "country", "other")
# What kind of actor a proposed name becomes, by its entity label.
KIND_OF_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "country"}


@dataclass(frozen=True)
class ActorRecord:
    name: str
    aliases: tuple[str, ...]
    kind: str


class ActorError(UserError, ValueError):
    """An actor change that cannot be made: the message names the actor."""


def project_actors(session: Session, project_id: int) -> list[ActorRecord]:
    actors = session.scalars(
        select(StanceActor).where(StanceActor.project_id == project_id).order_by(StanceActor.name)
    )
    return [ActorRecord(a.name, tuple(x.alias for x in a.aliases), a.kind) for a in actors]


def find_actor(session: Session, project_id: int, name: str) -> StanceActor | None:
    return session.scalar(
        select(StanceActor).where(StanceActor.project_id == project_id, StanceActor.name == name)
    )


def actor_by_words(session: Session, project_id: int, words: str) -> StanceActor | None:
    """The actor whose name or alias is ``words`` (as ``HolderNames`` reads them)."""
    found = HolderNames(session, project_id).actor_id(words)
    return session.get(StanceActor, found) if found is not None else None


def described(actor: StanceActor) -> dict[str, object]:
    return {"name": actor.name, "aliases": [a.alias for a in actor.aliases], "kind": actor.kind}


def add_actors(
    db: Database, project_id: int, actors: Iterable[tuple[str, Iterable[str], str]]
) -> None:
    """Add actors, each ``(name, aliases, kind)``, in one transaction logged as one action; a
    name that is an actor already gets the aliases added. Raises ``ActorError`` (adding
    nothing) for an empty name or an unknown kind."""
    wanted = [(name.strip(), list(aliases), kind) for name, aliases, kind in actors]
    for name, _aliases, kind in wanted:
        if not name:
            raise ActorError("an actor needs a name")
        if kind not in ACTOR_KINDS:
            raise ActorError(
                f"the actor {name!r} has the kind {kind!r}, not one of {', '.join(ACTOR_KINDS)}"
            )
    action_id = new_action_id()
    with db.write() as session:
        for name, aliases, kind in wanted:
            actor = find_actor(session, project_id, name)
            before = None if actor is None else described(actor)
            if actor is None:
                actor = StanceActor(project_id=project_id, name=name, kind=kind)
                session.add(actor)
            known = {a.alias for a in actor.aliases}
            for alias in dict.fromkeys([name, *(a.strip() for a in aliases)]):
                if alias and alias not in known:
                    actor.aliases.append(ActorAlias(alias=alias))
                    known.add(alias)
            session.flush()
            _log(
                session,
                project_id,
                action_id,
                "actor.create" if before is None else "actor.update",
                actor,
                before,
            )


def update_actor(
    db: Database, project_id: int, name: str, new_name: str, aliases: Iterable[str], kind: str
) -> None:
    """Rename actor ``name``, replace its aliases (the new name is always one) and set its
    kind, as one logged transaction. Raises ``ActorError`` when there is no such actor, the
    new name is empty or another actor's."""
    clean = new_name.strip()
    if not clean:
        raise ActorError(f"the actor {name!r} needs a name")
    if kind not in ACTOR_KINDS:
        raise ActorError(
            f"the actor {name!r} has the kind {kind!r}, not one of {', '.join(ACTOR_KINDS)}"
        )
    wanted = [w for w in dict.fromkeys([clean, *(a.strip() for a in aliases)]) if w]
    with db.write() as session:
        actor = _existing(session, project_id, name)
        if clean != name and find_actor(session, project_id, clean) is not None:
            raise ActorError(
                f"cannot rename the actor {name!r} to {clean!r}: that actor exists already"
            )
        before = described(actor)
        actor.name, actor.kind = clean, kind
        for alias in [a for a in actor.aliases if a.alias not in wanted]:
            actor.aliases.remove(alias)
        known = {a.alias for a in actor.aliases}
        actor.aliases.extend(ActorAlias(alias=a) for a in wanted if a not in known)
        session.flush()
        session.refresh(actor, ["aliases"])
        _log(session, project_id, new_action_id(), "actor.update", actor, before)


def merge_actors(db: Database, project_id: int, names: Iterable[str], into: str) -> int:
    """Make the actors ``names`` one: ``into`` takes their names and aliases as aliases and
    every stance label they hold; the others go. One logged transaction; returns how many
    stance rows changed hands. Raises ``ActorError`` for an unknown name."""
    others = [n for n in dict.fromkeys(names) if n != into]
    action_id = new_action_id()
    with db.write() as session:
        keep = _existing(session, project_id, into)
        before = described(keep)
        moved = 0
        for name in others:
            actor = _existing(session, project_id, name)
            known = {a.alias for a in keep.aliases}
            for alias in [actor.name, *(a.alias for a in actor.aliases)]:
                if alias not in known:
                    keep.aliases.append(ActorAlias(alias=alias))
                    known.add(alias)
            result = session.execute(
                update(StanceAnnotation)
                .where(StanceAnnotation.holder_actor_id == actor.id)
                .values(holder_actor_id=keep.id)
                .execution_options(synchronize_session=False)
            )
            moved += result.rowcount  # type: ignore[attr-defined]
            session.flush()
            gone = described(actor) | {"merged_into": keep.name}
            actor_id = actor.id
            session.delete(actor)
            session.flush()
            record_event(
                session,
                project_id=project_id,
                action_id=action_id,
                annotator_id=None,
                action="actor.merge",
                object_type=ACTOR,
                object_id=actor_id,
                document_id=None,
                before=gone,
                after=None,
            )
        session.flush()
        session.refresh(keep, ["aliases"])
        _log(session, project_id, action_id, "actor.update", keep, before)
    return moved


def remove_actor(db: Database, project_id: int, name: str) -> None:
    """Delete actor ``name`` and its aliases. Raises ``ActorError`` when stance labels name
    it as their holder (merge it into another actor instead) or there is no such actor."""
    with db.write() as session:
        actor = _existing(session, project_id, name)
        used = session.scalar(
            select(func.count()).where(StanceAnnotation.holder_actor_id == actor.id)
        )
        if used:
            raise ActorError(
                f"cannot remove the actor {name!r}: {used} stance label"
                f"{'s name' if used != 1 else ' names'} it as holder (merge it into another actor)"
            )
        before, actor_id = described(actor), actor.id
        session.delete(actor)
        record_event(
            session,
            project_id=project_id,
            action_id=new_action_id(),
            annotator_id=None,
            action="actor.delete",
            object_type=ACTOR,
            object_id=actor_id,
            document_id=None,
            before=before,
            after=None,
        )


def propose_actors(
    session: Session, project_id: int, limit: int = 15
) -> list[tuple[str, str, int]]:
    """PER, ORG and LOC entities that speak in the project: the names of entity spans that
    are the holder of a stance row (suggested or labelled), most often first, as (name, entity
    label, stance rows); names that are an actor or an actor's alias already are left out."""
    words = func.substr(
        Document.text,
        StanceAnnotation.holder_start + 1,
        StanceAnnotation.holder_end - StanceAnnotation.holder_start,
    )
    taken = {
        w.casefold()
        for w in session.scalars(
            select(ActorAlias.alias)
            .join(StanceActor, StanceActor.id == ActorAlias.actor_id)
            .where(StanceActor.project_id == project_id)
            .union(select(StanceActor.name).where(StanceActor.project_id == project_id))
        )
    }
    rows = session.execute(
        select(words, EntityLabel.name, func.count(StanceAnnotation.id.distinct()))
        .select_from(StanceAnnotation)
        .join(Document, Document.id == StanceAnnotation.document_id)
        .join(
            EntitySpan,
            (EntitySpan.document_id == StanceAnnotation.document_id)
            & (EntitySpan.start_offset == StanceAnnotation.holder_start)
            & (EntitySpan.end_offset == StanceAnnotation.holder_end),
        )
        .join(EntityLabel, EntityLabel.id == EntitySpan.label_id)
        .where(
            Document.project_id == project_id,
            StanceAnnotation.holder_start.is_not(None),
            StanceAnnotation.state != AnnotationState.REJECTED,
            EntitySpan.state != AnnotationState.REJECTED,
            EntityLabel.name.in_(list(KIND_OF_LABEL)),
        )
        .group_by(words, EntityLabel.name)
        .order_by(func.count(StanceAnnotation.id.distinct()).desc(), words)
    )
    proposals: dict[str, tuple[str, str, int]] = {}
    for name, label, count in rows:
        key = name.strip().casefold()
        if key and key not in taken and key not in proposals:
            proposals[key] = (name.strip(), label, count)
    return list(proposals.values())[:limit]


def _existing(session: Session, project_id: int, name: str) -> StanceActor:
    actor = find_actor(session, project_id, name)
    if actor is None:
        raise ActorError(f"there is no actor {name!r}")
    return actor


def _log(
    session: Session,
    project_id: int,
    action_id: str,
    action: str,
    actor: StanceActor,
    before: dict[str, object] | None,
) -> None:
    record_event(
        session,
        project_id=project_id,
        action_id=action_id,
        annotator_id=None,
        action=action,
        object_type=ACTOR,
        object_id=actor.id,
        document_id=None,
        before=before,
        after=described(actor),
    )
