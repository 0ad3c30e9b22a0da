"""The window's background jobs for offline teams: handing out project files to annotators
and merging their work back (``services.offline_teams``), with progress, cancel and
messages for a person."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from services.jobs import JobControl, JobError
from services.offline_teams import (
    HandoutReport,
    MergeCancelledError,
    MergeReport,
    hand_out_files,
    merge_into,
)
from storage.assignment import AssignmentError, assignment_counts
from storage.project import OpenProject

__all__ = [
    "HandoutReport",
    "MergeReport",
    "assigned_annotators",
    "handout_job",
    "merge_job",
]


def assigned_annotators(project: OpenProject) -> list[str]:
    """Who has documents assigned in the project (the hand-out dialog's first guess)."""
    with project.db.read() as session:
        return sorted(assignment_counts(session, project.project_id))


def _progress(worker: JobControl) -> Callable[[str, int, int], None]:
    """The services' (where, done, total) as the worker's step and its label."""

    def report(where: str, done: int, total: int) -> None:
        worker.report_step(done, total)
        worker.report_progress(done, where)

    return report


def handout_job(
    project: OpenProject, annotators: Sequence[str], folder: Path, *, overlap: float, seed: int
) -> Callable[[JobControl], HandoutReport]:
    """A job that assigns and writes one file per annotator into ``folder``. It cannot be
    cancelled: the service writes file after file and keeps the assignment it made."""

    def job(worker: JobControl) -> HandoutReport:
        try:
            return hand_out_files(
                project,
                annotators,
                folder,
                overlap=overlap,
                seed=seed,
                progress=_progress(worker),
            )
        except AssignmentError as exc:  # names or overlap that make no sense: say which
            raise JobError(str(exc)) from exc
        except OSError as exc:  # "… is a file, not a folder" says it all; errno needs where
            message = f"cannot write into {folder}: {exc.strerror}" if exc.strerror else str(exc)
            raise JobError(message) from exc

    return job


def merge_job(
    project: OpenProject, sources: Sequence[str | Path]
) -> Callable[[JobControl], MergeReport | None]:
    """A job that merges annotators' files into the project, all or nothing (None when
    cancelled: nothing changed). A bad file is a ``DatabaseError`` naming it."""

    def job(worker: JobControl) -> MergeReport | None:
        try:
            return merge_into(
                project, sources, progress=_progress(worker), should_cancel=worker.is_cancelled
            )
        except MergeCancelledError:
            return None

    return job
