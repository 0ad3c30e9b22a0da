"""The background jobs of the window: plain functions a ``JobControl`` runs off the GUI thread.

They only use storage and nlp, so what they do can be read (and tested) without widgets;
``JobControl`` is all they see of the worker that runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from nlp.language import detect_language
from nlp.stance_training import ActiveStance, active_stance
from services.handout_preset import HandedOut, handed_out
from storage.database import DatabaseError, ProjectLocation, connect, resolve_location
from storage.export.export_report import ExportCancelledError, ExportReport
from storage.export.records import ExportOptions
from storage.importing.service import Importer, ImportSettings, ImportSummary
from storage.memory.background_pass import PassReport, propagate_memory
from storage.model_registry import ModelInfo, active_model
from storage.project import OpenProject, get_or_create_annotator, open_project
from storage.stance.store import add_target, project_targets, targets_changed_at


class JobControl(Protocol):
    """What a job may ask of the worker running it (``gui.workers.JobControl``)."""

    def is_cancelled(self) -> bool: ...

    def report_progress(self, done: int, where: str) -> None: ...

    def report_step(self, done: int, total: int) -> None: ...


class JobError(Exception):
    """A failure a job explains in a sentence for a person (a bad pattern file, no model):
    reported as it is, not logged as a crash."""


SAMPLE_SUFFIXES = (".txt",)
SAMPLE_TARGETS = "targets.tsv"  # name and aliases, a tab between each


@dataclass
class OpenedProject:
    """A project opened in the background, ready for the window."""

    project: OpenProject
    annotator_id: int
    samples: ImportSummary | None  # set when a new project got the sample articles
    stance: ActiveStance | None = None  # the stance suggester now (None: no targets)
    # Stance suggested before then is out of date (another suggester took over, or the
    # targets changed): such a document is suggested for again when shown.
    stance_since: datetime | None = None
    entity_model: ModelInfo | None = None  # the project's trained model that suggests now
    # A file handed out to one annotator: the window works as them (``annotator_id``).
    handout: HandedOut | None = None


def open_project_job(
    location: str | Path, annotator: str, samples_dir: Path | None, *, create: bool
) -> Callable[[JobControl], OpenedProject]:
    """A job that opens (or creates) the project, registers the annotator (the one a
    handed-out file names, else ``annotator``) and, on a project's very first start, imports
    the sample articles so the list is not empty."""

    def job(worker: JobControl) -> OpenedProject:
        project = open_project(location, create=create)
        try:
            handout = handed_out(project)
            who = handout.annotator if handout is not None else annotator
            with project.db.write() as session:
                annotator_id = get_or_create_annotator(session, who).id
            samples = None
            if project.schema_change.created and samples_dir is not None:
                samples = _import_samples(project, samples_dir, worker)
            with project.db.read() as session:
                has_targets = bool(project_targets(session, project.project_id))
                changed = targets_changed_at(session, project.project_id)
                entity_model = active_model(session, project.project_id, "ner")
            stance = active_stance(project.db, project.project_id) if has_targets else None
            since = max(
                (t for t in (changed, stance.activated if stance else None) if t), default=None
            )
        except BaseException:
            project.close()  # the window never sees it, so nobody else would close it
            raise
        return OpenedProject(project, annotator_id, samples, stance, since, entity_model, handout)

    return job


def _import_samples(project: OpenProject, samples_dir: Path, worker: JobControl) -> ImportSummary:
    files = sorted(p for p in samples_dir.glob("*") if p.suffix.lower() in SAMPLE_SUFFIXES)
    if not files:
        return ImportSummary()
    summary = _importer(project, worker).import_paths(files)
    targets = samples_dir / SAMPLE_TARGETS
    if targets.is_file():  # the samples show stance at once
        for line in targets.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, *aliases = line.split("\t")
                add_target(project.db, project.project_id, name, aliases)
    return summary


def import_files_job(
    project: OpenProject, paths: list[Path]
) -> Callable[[JobControl], ImportSummary]:
    """A job that imports the chosen files, reporting progress and stopping when cancelled
    (between batches: what was committed stays)."""

    def job(worker: JobControl) -> ImportSummary:
        return _importer(project, worker).import_paths(paths)

    return job


def _importer(project: OpenProject, worker: JobControl) -> Importer:
    # Looked up at call time so a test can replace the detector.
    settings = ImportSettings(detect_language=detect_language)
    return Importer(
        project.db,
        project.project_id,
        settings,
        progress=worker.report_progress,
        should_cancel=worker.is_cancelled,
    )


def location_name(location: str | Path) -> str:
    """The file's name, or the URL without its password, for the busy message."""
    text = str(location)
    if "://" not in text:
        return Path(text).name
    try:
        return resolve_location(text).url.render_as_string(hide_password=True)
    except DatabaseError:
        return text.split("://", 1)[0] + "://…"


def export_job(
    project: OpenProject, fmt: str, out: Path, options: ExportOptions
) -> Callable[[JobControl], ExportReport | None]:
    """A job that exports (None when cancelled: nothing was written)."""

    def job(worker: JobControl) -> ExportReport | None:
        from services.exporting import export_project

        try:
            return export_project(
                project.db,
                project.project_id,
                fmt,
                out,
                options,
                progress=worker.report_step,
                should_cancel=worker.is_cancelled,
            )
        except ExportCancelledError:
            return None
        except ValueError as exc:  # an unknown annotator, a format not available: say why
            raise JobError(str(exc)) from exc

    return job


def memory_pass_job(
    location: ProjectLocation, project_id: int
) -> Callable[[JobControl], PassReport]:
    """A job that spreads the project memory's decisions to the other documents."""

    def job(worker: JobControl) -> PassReport:
        with connect(location) as db:
            return propagate_memory(
                db, project_id, progress=worker.report_step, should_cancel=worker.is_cancelled
            )

    return job


def describe_error(exc: BaseException) -> str:
    """One line about an unexpected error: its message, or at least its kind."""
    message = str(exc).strip()
    if isinstance(exc, OSError) and exc.strerror:
        message = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return message.splitlines()[0] if message else type(exc).__name__
