"""Offline teams: handing project files out to annotators and merging their work back
(``storage.team``), for the command line and the window alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from storage.project import OpenProject
from storage.team.handout import HandoutReport, hand_out, handout_info
from storage.team.merge import Conflict, MergeCancelledError, MergeReport
from storage.team.merge_run import merge_files

__all__ = [
    "Conflict",
    "HandoutReport",
    "MergeCancelledError",
    "MergeReport",
    "hand_out_files",
    "handout_info",
    "merge_into",
]


def hand_out_files(
    project: OpenProject,
    annotators: Sequence[str],
    folder: Path,
    *,
    overlap: float = 0.2,
    seed: int = 0,
    progress: Callable[[str, int, int], None] | None = None,
) -> HandoutReport:
    """Assign the documents nobody has yet and write one project file per annotator into
    ``folder`` (``storage.team.handout``)."""
    return hand_out(
        project.db,
        project.project_id,
        list(annotators),
        folder,
        overlap=overlap,
        seed=seed,
        progress=progress,
    )


def merge_into(
    project: OpenProject,
    sources: Sequence[str | Path],
    *,
    progress: Callable[[str, int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> MergeReport:
    """Merge annotators' project files into ``project``, all or nothing
    (``storage.team.merge``)."""
    return merge_files(
        project.db, project.project_id, sources, progress=progress, should_cancel=should_cancel
    )
