"""A stance row's holder as a name: its actor's, else the actor whose alias the text's words
are, else those words; no actor and no words is the article's author.

Reading it so (rather than storing a name) lets an actor added or merged later take in the
holders labelled before, as the Discourse Network Analyzer's actor list does."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ActorAlias, StanceActor

AUTHOR = "author"


class HolderNames:
    """The project's actors, read once, for naming many rows."""

    def __init__(self, session: Session, project_id: int) -> None:
        self.by_id: dict[int, str] = {}
        self.by_words: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        rows = session.execute(
            select(StanceActor.id, StanceActor.name, ActorAlias.alias)
            .outerjoin(ActorAlias, ActorAlias.actor_id == StanceActor.id)
            .where(StanceActor.project_id == project_id)
            .order_by(StanceActor.id, ActorAlias.alias)
        )
        for actor_id, name, alias in rows:
            self.by_id[actor_id] = name
            for words in (name, alias):
                if words:
                    self.by_words.setdefault(words, name)
                    self.folded.setdefault(words.casefold(), name)

    def actor_of(self, words: str) -> str | None:
        """The actor ``words`` name, or None."""
        clean = " ".join(words.split())
        return self.by_words.get(clean) or self.folded.get(clean.casefold())

    def name(self, actor_id: int | None, words: str | None) -> str:
        """The holder's name (``AUTHOR`` for the article's author)."""
        if actor_id is not None and actor_id in self.by_id:
            return self.by_id[actor_id]
        if words and words.strip():
            return self.actor_of(words) or " ".join(words.split())
        return AUTHOR
