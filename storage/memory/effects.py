"""What an entity action changes elsewhere through the project memory, done and recorded in
the action itself.

A decision changes the memory's counts of a name. When that changes what the memory says
about the name (it becomes suggested, blocked, or suggested with another label), every
document containing it changes: suggestions are withdrawn or made. That happens here, in
the action's own transaction, and each suggestion made or withdrawn is logged as one of the
action's events (``storage.memory.suggestions.RowLog``), so one undo of the action takes
all of it back (withdrawn rows come back with their ids and values, made ones go) and a
redo does it again. What the action did is summed up per name (``MemoryEffect``) for the
window to say. Counts that change without changing what the memory says only change
confidences; the background pass (``storage.memory.background_pass``) spreads those.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.memory.background_pass import documents_containing
from storage.memory.learning import (
    MachineRow,
    MemoryStats,
    memory_stats,
    prime_documents,
    take_counts_before,
    take_machine_rows,
    take_touched,
)
from storage.memory.matching import bases
from storage.memory.suggestions import (
    RowLog,
    label_rank,
    load_memory,
    refresh_document_memory,
)
from storage.models import EntityLabel

Verdict = tuple[int | None, frozenset[int]]  # (suggested label, blocked labels) of a surface


@dataclass(frozen=True)
class MemoryEffect:
    """What one action did to one name's suggestions over the project (its own document
    included): ``added`` suggestions made in ``added_documents`` documents, ``withdrawn``
    ones taken away from ``withdrawn_documents``."""

    surface: str
    label: str
    added: int = 0
    added_documents: int = 0
    withdrawn: int = 0
    withdrawn_documents: int = 0
    documents: frozenset[int] = frozenset()  # where it changed, for the views to redraw


def refresh_after_action(
    session: Session, project_id: int, action_id: str, annotator_id: int
) -> tuple[MemoryEffect, ...]:
    """Bring the memory's suggestions up to date after the action's span events (before the
    commit): in the documents the events touched, and in every document containing a name
    whose verdict the action changed. Returns what changed for those names."""
    touched = take_touched(session)
    changed = _changed_verdicts(session, project_id, take_counts_before(session))
    scope: dict[int, set[str]] = {doc: set(surfaces) for doc, surfaces in touched.items()}
    if changed:
        for document_id in documents_containing(session, project_id, changed):
            scope.setdefault(document_id, set()).update(changed)
    if scope:
        # One view for all: refreshing a document for more names than it needs changes
        # nothing, and loading the memory once per document costs more.
        everything = set().union(*scope.values())
        view = load_memory(session, project_id, everything) if len(scope) > 1 else None
        log = RowLog(action_id, annotator_id)
        prime_documents(session, scope)
        for document_id, surfaces in sorted(scope.items()):
            refresh_document_memory(session, project_id, document_id, surfaces, view, log)
    take_touched(session)  # the rows just logged noted their documents again: done already
    take_counts_before(session)
    return summarise(session, project_id, changed, take_machine_rows(session))


def _changed_verdicts(
    session: Session, project_id: int, before: dict[str, dict[tuple[str, int], MemoryStats]]
) -> set[str]:
    """The surfaces among ``before``'s whose verdict the transaction changed."""
    if not before:
        return set()
    now = memory_stats(session, project_id, before)
    changed = set()
    for surface, counts in before.items():
        after = {pair: stats for pair, stats in now.items() if pair[0] == surface}
        if verdict(counts) != verdict(after):
            changed.add(surface)
    return changed


def verdict(stats: dict[tuple[str, int], MemoryStats]) -> Verdict:
    """What the memory says about one surface: the label it suggests (picked as
    ``load_memory`` picks it) and the labels it blocks."""
    best = None
    for (_, label_id), counts in sorted(stats.items(), key=label_rank):
        if counts.suggests:
            best = label_id  # the last, best one stays
    blocked = frozenset(label_id for (_, label_id), counts in stats.items() if counts.blocked)
    return (best, blocked)


def summarise(
    session: Session, project_id: int, surfaces: Iterable[str], rows: list[MachineRow]
) -> tuple[MemoryEffect, ...]:
    """Per (name, label) among ``surfaces`` (and their inflected forms): the suggestions the
    transaction's events made and removed, and in how many documents."""
    names = set(surfaces)
    if not names or not rows:
        return ()
    tally: dict[tuple[str, int], dict[int, dict[int, int]]] = {}
    for row in rows:
        name = row.surface if row.surface in names else _base_in(row.surface, names)
        if name is None:
            continue
        per_step = tally.setdefault((name, row.label_id), {1: {}, -1: {}})[row.step]
        per_step[row.document_id] = per_step.get(row.document_id, 0) + 1
    query = select(EntityLabel.id, EntityLabel.name).where(EntityLabel.project_id == project_id)
    labels: dict[int, str] = {label_id: name for label_id, name in session.execute(query)}
    effects = []
    for (name, label_id), steps in sorted(tally.items()):
        added, withdrawn = steps[1], steps[-1]
        effects.append(
            MemoryEffect(
                name,
                labels.get(label_id, str(label_id)),
                sum(added.values()),
                len(added),
                sum(withdrawn.values()),
                len(withdrawn),
                frozenset(added) | frozenset(withdrawn),
            )
        )
    return tuple(effects)


def _base_in(surface: str, names: set[str]) -> str | None:
    return next((base for base in bases(surface) if base in names), None)
