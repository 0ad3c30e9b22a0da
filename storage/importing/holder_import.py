"""The actors imported stance rows name as their holder, found or added in the import's
transaction.

A holder name is the actor whose name or alias it is (as ``actor_by_words`` finds it: its
name as written, else a name or alias as written or case-folded; the project's actors are
read once per transaction rather than once per row). A name no actor has becomes a new
actor (kind "other", its name its alias), logged under the import's action, unless it is
just the words the row marks in the text (then the row keeps the words, as the app stores a
holder nobody made an actor of: an actor added later takes them in). A row with holder words
but no name gets the actor those words are an alias of, as ``StanceEditor.set_holder``
does."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.events import record_event
from storage.models import ActorAlias, StanceActor
from storage.stance.actors import ACTOR, described
from storage.stance.holder_names import HolderNames

NEW_ACTOR_KIND = "other"


class HolderActors:
    """The project's actors by holder name, for the rows of one import transaction."""

    def __init__(self, session: Session, project_id: int, action_id: str) -> None:
        self.session, self.project_id, self.action_id = session, project_id, action_id
        self.names = HolderNames(session, project_id)
        self.added: list[str] = []  # names of the actors this import added

    def actor_id(self, name: str | None, words: str | None) -> int | None:
        """The actor of a row whose holder is ``name`` (None: the author, or only the words)
        and whose holder words are ``words`` (None: not marked); None: no actor."""
        if name is None:
            return self.names.actor_id(words) if words is not None else None
        found = self.names.actor_id(name)
        if found is not None:
            return found
        if words is not None and " ".join(words.split()) == name:
            return None  # a holder named only by its words
        return self._add(name)

    def _add(self, name: str) -> int:
        actor = StanceActor(project_id=self.project_id, name=name, kind=NEW_ACTOR_KIND)
        actor.aliases.append(ActorAlias(alias=name))
        self.session.add(actor)
        self.session.flush()
        record_event(
            self.session,
            project_id=self.project_id,
            action_id=self.action_id,
            annotator_id=None,
            action="actor.create",
            object_type=ACTOR,
            object_id=actor.id,
            document_id=None,
            before=None,
            after=described(actor),
        )
        self.names.know(actor.id, name)
        self.added.append(name)
        return actor.id
