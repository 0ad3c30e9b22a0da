"""Merging annotators' project files back into the project: every annotator's decisions,
nothing lost, in any order, as often as wanted.

The unit of a merge is one annotator's work on one document (``storage.team.work``: spans,
sentence and document stance, status and time spent, flag and note), matched to the
project's documents by the SHA-256 of their text; documents the project lacks are added.
For each unit, with F the file's version, P the project's and B the common ancestor (what
this file had when it was handed out or last merged, ``merge_bases``):

* F = P, or F = B (the file brings nothing new): nothing changes;
* P is empty, or P = B (only the file changed): F replaces P;
* otherwise the annotator edited the document in two places, a **conflict**: the version
  edited last wins (the newest ``updated_at`` in it; equal times: the larger fingerprint),
  and the other is kept whole in ``set_aside_work``, reported with document and spans.

The rule depends only on the versions, never on the order of files, so merging A then B
gives the same project as B then A, and merging a file again changes nothing. Rows of other
annotators and machine suggestions are never touched. Labels, stance labels and targets
(with aliases) the project lacks come in by name and are reported. The annotators' event
log entries come too, once (an action id is unique across machines). Everything happens in
the caller's transaction: a merge is whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from storage.project_identity import project_identity
from storage.team.handout import handout_info
from storage.team.merge_report import AnnotatorMerge, Conflict, FileMerge, MergeReport
from storage.team.merge_rows import (
    bring_assignments,
    bring_events,
    log_merge,
    replace,
)
from storage.team.merge_rules import bases, decide, set_bases
from storage.team.merge_schema import annotators, bring_schema, match_documents, single_project
from storage.team.work import Names, Work, read_work

__all__ = ["Conflict", "FileMerge", "MergeCancelledError", "MergeReport", "merge_file"]

Cancelled = Callable[[], bool]


class MergeCancelledError(Exception):
    """The user cancelled; the caller's transaction rolls everything back."""


def merge_file(
    dst: Connection,
    project_id: int,
    src: Connection,
    display: str,
    should_cancel: Cancelled = lambda: False,
) -> tuple[FileMerge, set[int]]:
    """Merge the project file read by ``src`` into project ``project_id`` on ``dst`` (in
    dst's transaction). Returns the report and the project's documents whose work changed
    (their memory needs recounting)."""
    source_project = single_project(src, display)
    info = handout_info(source_project["settings"])
    uid = info["uid"] if info and isinstance(info.get("uid"), str) else None
    uid = uid or project_identity(src, source_project["id"]).uid
    report = FileMerge(display, uid)
    report.labels_added = bring_schema(src, dst, source_project["id"], project_id)
    src_names = Names.read(src, source_project["id"])
    dst_names = Names.read(dst, project_id)
    documents, new_documents = match_documents(src, dst, source_project["id"], project_id)
    report.new_documents = len(new_documents)
    people = annotators(src, dst)
    changed: set[int] = set()
    row_ids: dict[str, dict[int, int]] = {"entity_span": {}, "stance_annotation": {}}
    for src_annotator, (name, dst_annotator) in sorted(people.items(), key=lambda p: p[1][0]):
        if should_cancel():
            raise MergeCancelledError
        person, take = _merge_annotator(
            src, dst, (src_names, dst_names), (src_annotator, dst_annotator, name), uid, documents
        )
        person.new_documents = len(set(take) & new_documents) if take else 0
        ids = replace(dst, dst_names, dst_annotator, take)
        row_ids["entity_span"].update(ids[0])
        row_ids["stance_annotation"].update(ids[1])
        changed |= set(take)
        bring_assignments(src, dst, project_id, src_annotator, dst_annotator, documents)
        report.annotators.append(person)
    report.events = bring_events(src, dst, project_id, people, documents, row_ids)
    if report.changed:  # a merge that changes nothing leaves no trace either
        log_merge(dst, project_id, report)
    return report, changed


def _merge_annotator(
    src: Connection,
    dst: Connection,
    names: tuple[Names, Names],
    who: tuple[int, int, str],
    uid: str,
    documents: dict[int, int],
) -> tuple[AnnotatorMerge, dict[int, Work]]:
    """Decide each document the annotator worked on in the file: the report, and the work
    that replaces the project's (conflicts are set aside as they are decided)."""
    src_annotator, dst_annotator, name = who
    person = AnnotatorMerge(name)
    theirs = read_work(src, names[0], src_annotator)
    theirs = {documents[d]: work for d, work in theirs.items() if d in documents}
    person.documents = len(theirs)
    ours = read_work(dst, names[1], dst_annotator, theirs)
    known = bases(dst, dst_annotator, theirs)
    take: dict[int, Work] = {}
    for document_id, work in sorted(theirs.items()):
        outcome = decide(
            dst, document_id, dst_annotator, name, uid, work, ours.get(document_id), known
        )
        if isinstance(outcome, Conflict):
            person.conflicts.append(outcome)
            if outcome.kept == "file":
                take[document_id] = work
        elif outcome:
            take[document_id] = work
        else:
            person.unchanged += 1
    set_bases(dst, dst_annotator, uid, {d: work.fingerprint for d, work in theirs.items()}, known)
    person.taken = len(take)
    person.decisions = sum(work.decisions() for work in take.values())
    return person, take
