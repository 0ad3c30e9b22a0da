"""Giving documents to annotators: each labels their own share, and a share of overlap
documents goes to every annotator, so that inter-annotator agreement has shared documents.

The overlap goes to *all* annotators rather than to rotating pairs: the agreement report
(``services.agreement``) compares every pair and computes Krippendorff's alpha across
all, and a fully crossed overlap gives every pair the same documents and alpha its full
design, at the cost of the overlap work growing with the number of annotators.

Which documents overlap is a seeded shuffle of the document ids (``random.Random(seed)``,
stable across Python versions), so the same seed over the same documents gives the same
assignment. The rest go round-robin, starting with the annotator who has the fewest
documents of the project so far, so that counts stay within one of each other across runs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.events import new_action_id, record_event, snapshot
from storage.models import Annotator, Assignment, Document
from storage.project import get_or_create_annotator

ASSIGN_ACTION = "document.assign"
UNASSIGN_ACTION = "document.unassign"
OBJECT_TYPE = "assignment"
_BATCH = 500


class AssignmentError(UserError, ValueError):
    """The options of an assignment do not make sense; the message says which and why."""


@dataclass
class AssignmentReport:
    """What ``assign_documents`` did."""

    action_id: str
    annotators: list[str]
    documents: int  # documents considered (the unassigned ones with ``only_unassigned``)
    skipped: int  # documents left alone because they were assigned already
    overlap_documents: list[int] = field(default_factory=list)  # given to every annotator
    new_per_annotator: dict[str, int] = field(default_factory=dict)  # assignments added
    total_per_annotator: dict[str, int] = field(default_factory=dict)  # in the project now

    @property
    def created(self) -> int:
        return sum(self.new_per_annotator.values())

    def lines(self) -> list[str]:
        """The report for the command line, one fact a line."""
        lines = [
            f"{self.documents} documents to assign ({self.skipped} already assigned, left "
            f"as they are)",
            f"{len(self.overlap_documents)} overlap documents, given to every annotator",
        ]
        for name in self.annotators:
            lines.append(
                f"  {name}: {self.new_per_annotator.get(name, 0)} new, "
                f"{self.total_per_annotator.get(name, 0)} assigned in all"
            )
        lines.append(f"{self.created} assignments added")
        return lines


def _validate(annotators: Sequence[str], overlap: float) -> list[str]:
    """The clean annotator names; AssignmentError naming the option that is wrong."""
    # `not a <= x <= b` also refuses NaN.
    if not 0.0 <= overlap <= 1.0:
        raise AssignmentError(
            f"--overlap must be a share between 0 and 1 (such as 0.2 for 20 %), not {overlap}"
        )
    names = [name.strip() for name in annotators]
    if not names:
        raise AssignmentError("--annotators needs at least one annotator name")
    if any(not name for name in names):
        raise AssignmentError("--annotators has an empty name (two commas in a row?)")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise AssignmentError(f"--annotators names {name!r} twice")
        seen.add(name)
    return names


def plan_assignments(
    document_ids: Sequence[int],
    annotators: Sequence[str],
    overlap: float,
    seed: int = 0,
    start: int = 0,
) -> tuple[list[int], dict[str, list[int]]]:
    """Who gets which document, without a database: the overlap documents (for everyone)
    and each annotator's share of the rest, round-robin from ``annotators[start]``."""
    names = _validate(annotators, overlap)
    shuffled = sorted(document_ids)  # sorted first: the input order must not matter
    random.Random(seed).shuffle(shuffled)
    shared = round(overlap * len(shuffled))
    overlap_ids = sorted(shuffled[:shared])
    shares: dict[str, list[int]] = {name: list(overlap_ids) for name in names}
    for i, document_id in enumerate(shuffled[shared:]):
        shares[names[(start + i) % len(names)]].append(document_id)
    return overlap_ids, {name: sorted(ids) for name, ids in shares.items()}


def assign_documents(
    db: Database,
    project_id: int,
    annotators: list[str],
    overlap: float = 0.1,
    seed: int = 0,
    only_unassigned: bool = True,
) -> AssignmentReport:
    """Assign the project's documents to ``annotators`` (created if new), in one transaction
    logged as one action (``document.assign``, one event per assignment).

    ``overlap`` (0 to 1): the share of the documents, ``round(overlap * n)``, that every
    annotator gets; the rest are split round-robin. With ``only_unassigned`` the documents
    that already have an assignment are left alone, so running it again (after an import,
    say) assigns only the new documents. Without it every document is planned again and the
    missing pairs are added; existing assignments are never removed. Raises
    ``AssignmentError`` for options that make no sense."""
    names = _validate(annotators, overlap)
    action_id = new_action_id()
    with db.write() as session:
        people = {name: get_or_create_annotator(session, name) for name in names}
        all_ids, assigned_pairs = _project_assignments(session, project_id)
        already = {document_id for document_id, _ in assigned_pairs}
        pool = [d for d in all_ids if d not in already] if only_unassigned else all_ids
        order = _fewest_first(session, project_id, names) if only_unassigned else names
        overlap_ids, shares = plan_assignments(pool, order, overlap, seed)
        report = AssignmentReport(
            action_id=action_id,
            annotators=names,
            documents=len(pool),
            skipped=len(all_ids) - len(pool),
            overlap_documents=overlap_ids,
        )
        shared = set(overlap_ids)
        for name in names:
            wanted = [d for d in shares[name] if (d, people[name].id) not in assigned_pairs]
            report.new_per_annotator[name] = _add_assignments(
                session, project_id, action_id, people[name], wanted, shared
            )
        counts = assignment_counts(session, project_id)
        report.total_per_annotator = {name: counts.get(name, 0) for name in names}
    return report


def _project_assignments(
    session: Session, project_id: int
) -> tuple[list[int], set[tuple[int, int]]]:
    """The ids of the project's documents, and its (document id, annotator id) pairs."""
    all_ids = list(session.scalars(select(Document.id).where(Document.project_id == project_id)))
    pairs = session.execute(
        select(Assignment.document_id, Assignment.annotator_id).where(
            Assignment.project_id == project_id
        )
    )
    return all_ids, {(document_id, annotator_id) for document_id, annotator_id in pairs}


def _fewest_first(session: Session, project_id: int, names: list[str]) -> list[str]:
    """``names`` by how many documents each has so far, the first named on a tie."""
    # The balance then holds across runs that each add a few documents. Not when re-planning
    # everything: that must give the same plan every time, so the caller keeps the order.
    before = assignment_counts(session, project_id)
    return sorted(names, key=lambda name: (before.get(name, 0), names.index(name)))


def _add_assignments(
    session: Session,
    project_id: int,
    action_id: str,
    annotator: Annotator,
    document_ids: list[int],
    overlap_ids: set[int],
) -> int:
    """Assign ``document_ids`` to the annotator, one logged event each; returns how many."""
    added = [
        Assignment(project_id=project_id, document_id=d, annotator_id=annotator.id)
        for d in document_ids
    ]
    session.add_all(added)
    session.flush()  # the ids, for the log
    for assignment in added:
        record_event(
            session,
            project_id=project_id,
            action_id=action_id,
            annotator_id=None,  # who assigned is no annotator; whom is in `after`
            action=ASSIGN_ACTION,
            object_type=OBJECT_TYPE,
            object_id=assignment.id,
            document_id=assignment.document_id,
            before=None,
            after={
                **snapshot(assignment),
                "annotator": annotator.name,
                "overlap": assignment.document_id in overlap_ids,
            },
        )
    return len(added)


def assigned_documents(session: Session, project_id: int, annotator_id: int) -> set[int]:
    """The ids of the project's documents assigned to the annotator."""
    return set(
        session.scalars(
            select(Assignment.document_id).where(
                Assignment.project_id == project_id, Assignment.annotator_id == annotator_id
            )
        )
    )


def assignment_counts(session: Session, project_id: int) -> dict[str, int]:
    """How many of the project's documents each annotator (by name) is assigned."""
    rows = session.execute(
        select(Annotator.name, func.count(Assignment.id))
        .join(Assignment, Assignment.annotator_id == Annotator.id)
        .where(Assignment.project_id == project_id)
        .group_by(Annotator.name)
    )
    return {name: count for name, count in rows}


def has_assignments(session: Session, project_id: int) -> bool:
    """Whether any document of the project is assigned (what the list's filter offers)."""
    query = select(Assignment.id).where(Assignment.project_id == project_id).limit(1)
    return session.scalar(query) is not None


def unassign(
    db: Database,
    project_id: int,
    annotators: Sequence[str] | None = None,
    document_ids: Sequence[int] | None = None,
) -> int:
    """Remove assignments (of ``annotators`` only, of ``document_ids`` only, or all of the
    project's), logged as one ``document.unassign`` action; returns how many."""
    action_id = new_action_id()
    with db.write() as session:
        query = select(Assignment, Annotator.name).join(
            Annotator, Annotator.id == Assignment.annotator_id
        )
        query = query.where(Assignment.project_id == project_id)
        if annotators is not None:
            query = query.where(Annotator.name.in_([name.strip() for name in annotators]))
        if document_ids is not None:
            query = query.where(Assignment.document_id.in_(list(document_ids)))
        removed = [(assignment, name) for assignment, name in session.execute(query)]
        for assignment, name in removed:
            record_event(
                session,
                project_id=project_id,
                action_id=action_id,
                annotator_id=None,
                action=UNASSIGN_ACTION,
                object_type=OBJECT_TYPE,
                object_id=assignment.id,
                document_id=assignment.document_id,
                before={**snapshot(assignment), "annotator": name},
                after=None,
            )
        ids = [assignment.id for assignment, _ in removed]
        # In batches: a database limits how many values one statement may carry.
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            session.execute(delete(Assignment).where(Assignment.id.in_(batch)))
    return len(ids)
