"""A stance row's holder as a name: its actor's, else the actor whose alias the text's words
are, else those words; no actor and no words is the article's author.

Reading it so (rather than storing a name) lets an actor added or merged later take in the
holders labelled before, as the Discourse Network Analyzer's actor list does. The one place
that says which actor some words name: an actor's own name as written first, then a name or
alias as written, then case-folded ("wladimir putin")."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ActorAlias, StanceActor

AUTHOR = "author"


def _clean(words: str) -> str:
    return " ".join(words.split())


class HolderNames:
    """The project's actors, read once, for naming many rows."""

    def __init__(self, session: Session, project_id: int) -> None:
        self.by_id: dict[int, str] = {}
        self._names: dict[str, int] = {}  # an actor's own name, as written
        self._words: dict[str, int] = {}  # names and aliases, as written
        self._folded: dict[str, int] = {}  # names and aliases, case-folded
        rows = session.execute(
            select(StanceActor.id, StanceActor.name, ActorAlias.alias)
            .outerjoin(ActorAlias, ActorAlias.actor_id == StanceActor.id)
            .where(StanceActor.project_id == project_id)
            .order_by(StanceActor.id, ActorAlias.alias)
        )
        for actor_id, name, alias in rows:
            self.know(actor_id, name, alias)

    def know(self, actor_id: int, name: str, alias: str | None = None) -> None:
        """Count an actor (or one more alias of it) in: one added while the index is used."""
        self.by_id[actor_id] = name
        self._names.setdefault(name, actor_id)
        for words in (name, alias):
            if words:
                self._words.setdefault(words, actor_id)
                self._folded.setdefault(words.casefold(), actor_id)

    def actor_id(self, words: str) -> int | None:
        """The actor ``words`` name, or None."""
        clean = _clean(words)
        if not clean:
            return None
        for table, key in ((self._names, clean), (self._words, clean)):
            if key in table:
                return table[key]
        return self._folded.get(clean.casefold())

    def actor_of(self, words: str) -> str | None:
        """The name of the actor ``words`` name, or None."""
        found = self.actor_id(words)
        return self.by_id[found] if found is not None else None

    def name(self, actor_id: int | None, words: str | None) -> str:
        """The holder's name (``AUTHOR`` for the article's author)."""
        if actor_id is not None and actor_id in self.by_id:
            return self.by_id[actor_id]
        if words and words.strip():
            return self.actor_of(words) or _clean(words)
        return AUTHOR
