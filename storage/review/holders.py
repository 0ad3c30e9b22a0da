"""Who holds a stance label in the review: each annotator's (and gold's) holder, by name as
``storage.stance.holder_names`` reads it, with the words that name the holder and the evidence,
so that the reviewer sees whose stance each version says it is."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import StanceAnnotation
from storage.stance.holder_names import AUTHOR, HolderNames

NEUTRAL = "NEUTRAL"  # takes no side: who holds it is not compared


@dataclass(frozen=True)
class StanceHolder:
    """A stance row's holder: the actor's name, the words naming the holder, or ``AUTHOR``;
    the words themselves and the evidence words (None when not given)."""

    name: str = AUTHOR
    words: str | None = None  # where the text names the holder
    evidence: str | None = None  # the words that carry the stance

    @property
    def by_author(self) -> bool:
        """The article's author holds it: no actor and no words name anybody else."""
        return self.name == AUTHOR and self.words is None

    @property
    def key(self) -> tuple[bool, str]:
        """What two versions must share to name the same holder: names, not word offsets,
        as agreement compares them ("Putin" and an actor whose alias it is are one)."""
        return self.by_author, self.name


def holder_of(row: StanceAnnotation, names: HolderNames, text: str) -> StanceHolder:
    """``row``'s holder and evidence, their words cut from the document's ``text``."""
    words = _words(text, row.holder_start, row.holder_end)
    return StanceHolder(
        name=names.name(row.holder_actor_id, words),
        words=words,
        evidence=_words(text, row.evidence_start, row.evidence_end),
    )


def holders_differ(labels: dict[str, str], holders: dict[str, StanceHolder]) -> bool:
    """Everybody gave one label that takes a side, but they name different holders."""
    given = set(labels.values())
    if len(given) != 1 or next(iter(given)).upper() == NEUTRAL:
        return False
    return len({holders[name].key for name in labels if name in holders}) > 1


def _words(text: str, start: int | None, end: int | None) -> str | None:
    if start is None or end is None or end <= start:
        return None
    return " ".join(text[start:end].split()) or None
