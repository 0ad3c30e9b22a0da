"""One merge of a suggester run's fresh suggestions into the rows a document already has
(entity spans and sentence stance alike), never touching what annotators decided.

Rows sit at *places* (an entity span's offsets and label, a sentence's offsets and target).
Per fresh suggestion: nothing is stored where an annotator has a row at its place (blocked);
a machine row already there is kept and refreshed when it says the same; otherwise a new
machine row is added. The subclasses say what a place is and what "the same" means, and
which of the rules for stance apply (see the class attributes).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from storage.events import record_event
from storage.models import EntitySpan, StanceAnnotation

Row = TypeVar("Row", EntitySpan, StanceAnnotation)
Candidate = TypeVar("Candidate")


@dataclass(frozen=True)
class MergeCounts:
    """What one merge did: rows added, kept (and refreshed), removed (this run's earlier
    suggestions it no longer makes) and fresh suggestions not stored (blocked)."""

    added: int = 0
    kept: int = 0
    removed: int = 0
    blocked: int = 0


class SuggestionMerge(ABC, Generic[Row, Candidate]):
    """The merge for one kind of row, in one session, for one run that speaks for the
    origin names ``replaced``."""

    # A machine row of an origin the run does not speak for, or one an annotator decided on,
    # stays as it is; the suggestion at its place counts as blocked (stance: one open
    # suggestion per place). Otherwise the row at the place is simply kept (entities).
    GUARDS_OTHERS = False
    # Each stored machine row answers one suggestion of the run at most (stance).
    ONE_ANSWER_PER_ROW = False
    # The run's earlier suggestions it does not repeat are removed unless decided (entities).
    WITHDRAWS_STALE = False

    def __init__(self, session: Session, replaced: set[str]) -> None:
        self.session = session
        self.replaced = replaced

    @abstractmethod
    def place(self, suggestion: Candidate) -> Hashable | None:
        """Where ``suggestion`` goes; ``None``: it cannot be stored and is not counted."""

    @abstractmethod
    def row_place(self, row: Row) -> Hashable:
        """Where a stored row is, in the terms of ``place``."""

    def refused(self, suggestion: Candidate) -> bool:
        """Whether ``suggestion`` is blocked before anything else (and not wanted either)."""
        return False

    @abstractmethod
    def same(self, row: Row, suggestion: Candidate) -> bool:
        """Whether the machine row at the suggestion's place says what it says."""

    @abstractmethod
    def refresh(self, row: Row, suggestion: Candidate) -> None:
        """Bring a kept machine row up to date with the suggestion."""

    @abstractmethod
    def new_row(self, suggestion: Candidate) -> Row | None:
        """A new machine row for the suggestion; ``None``: it cannot be stored (blocked)."""

    def merge(self, rows: Sequence[Row], suggestions: Iterable[Candidate]) -> MergeCounts:
        """Merge ``suggestions`` into a document's stored ``rows`` (all of one kind)."""
        machine = {self.row_place(r): r for r in rows if r.annotator_id is None}
        human = {self.row_place(r) for r in rows if r.annotator_id is not None}
        decided = {r.suggestion_id for r in rows if r.suggestion_id is not None}
        wanted: set[Hashable] = set()
        added = kept = blocked = 0
        for suggestion in suggestions:
            place = self.place(suggestion)
            if place is None:
                continue
            if self.refused(suggestion):
                blocked += 1
                continue
            wanted.add(place)
            if place in human:
                blocked += 1
                continue
            old = machine.pop(place, None) if self.ONE_ANSWER_PER_ROW else machine.get(place)
            if old is not None:
                if self.GUARDS_OTHERS and not self._replaceable(old, decided):
                    blocked += 1
                    continue
                if self.same(old, suggestion):
                    self.refresh(old, suggestion)
                    kept += 1
                    continue
                self.session.delete(old)
            row = self.new_row(suggestion)
            if row is None:
                blocked += 1
                continue
            self.session.add(row)
            added += 1
        removed = self._withdraw(machine, wanted, decided) if self.WITHDRAWS_STALE else 0
        return MergeCounts(added=added, kept=kept, removed=removed, blocked=blocked)

    def _replaceable(self, row: Row, decided: set[int]) -> bool:
        return row.id not in decided and row.origin_name in self.replaced

    def _withdraw(
        self, machine: dict[Hashable, Row], wanted: set[Hashable], decided: set[int]
    ) -> int:
        stale = [
            row
            for place, row in machine.items()
            if place not in wanted and row.origin_name in self.replaced and row.id not in decided
        ]
        for row in stale:
            self.session.delete(row)
        return len(stale)


def log_run(
    session: Session,
    project_id: int,
    action_id: str,
    action: str,
    document_id: int,
    replaced: set[str],
    counts: MergeCounts,
    fields: Sequence[str] = ("added", "kept", "removed", "blocked"),
) -> None:
    """The event that says a suggester ran over a document, and what it stored there (the
    counts named in ``fields``)."""
    record_event(
        session,
        project_id=project_id,
        action_id=action_id,
        annotator_id=None,
        action=action,
        object_type="document",
        object_id=document_id,
        document_id=document_id,
        before=None,
        after={"origins": sorted(replaced), **{name: getattr(counts, name) for name in fields}},
    )
