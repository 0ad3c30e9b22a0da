"""Exporting a project: one call for every format, used by the command line and the app.
It ties storage/ (what is written) to the agreement figures (``services.agreement``), which
is why it lives here and not in storage/.

"xlsx" is the workbook for people (``storage.export.excel``); the training-data formats
("jsonl", "spacy", "conll", "csv") are written by ``storage.export.training_data``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.database import Database
from storage.export.export_report import ExportCancelledError, ExportReport
from storage.export.gather import (
    count_export_documents,
    export_annotators,
    export_meta_keys,
    iter_export_documents,
)
from storage.export.records import ExportOptions
from storage.label_schema import project_labels
from storage.project_files import refuse_project_file
from storage.project_identity import ProjectIdentity, project_identity

if TYPE_CHECKING:
    from storage.export.excel import ExportLabels

# The workbook (openpyxl) and the agreement figures are imported only for a workbook: a
# training-data export started a second sooner without them.

FORMATS = ("xlsx", "jsonl", "spacy", "conll", "csv")
TRAINING_FORMATS = FORMATS[1:]

Progress = Callable[[int, int], None]  # documents written so far, of how many

__all__ = ["FORMATS", "ExportCancelledError", "ExportReport", "export_project"]


def export_project(
    db: Database,
    project_id: int,
    fmt: str,
    out: Path,
    options: ExportOptions,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> ExportReport:
    """Export the project's documents that pass ``options`` to ``out`` in format ``fmt``.

    Raises ValueError for an unknown format or annotator (naming the known ones),
    ``ProjectFileError`` (a ValueError) when a file it would write is one of the project's
    own (the project, its -wal/-shm, a backup), ``ExportCancelledError`` when
    ``should_cancel`` said yes (``out`` is then unchanged), and OSError when ``out`` cannot be
    written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known formats: {', '.join(FORMATS)})")
    out = Path(out)
    if not out.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(out.parent))
    if out.is_dir():
        raise IsADirectoryError(21, "is a folder", str(out))
    for path in export_files(fmt, out, options):  # never over the project or its backups
        refuse_project_file(db.location.file, path, "export file")
    total = count_export_documents(db, project_id, options)  # also checks the annotator
    report_documents = _with_total(progress, total)
    documents = iter_export_documents(db, project_id, options)
    if fmt == "xlsx":
        from storage.export.excel import write_workbook

        return write_workbook(
            documents,
            out,
            project_export_labels(db, project_id),
            annotators=export_annotators(db, project_id, options),
            meta_keys=export_meta_keys(db, project_id),
            agreement=_agreement_rows(db, project_id),
            identity=_identity(db, project_id),
            progress=report_documents,
            should_cancel=should_cancel,
        )
    written = _training_data()(fmt, documents, out, options, report_documents, should_cancel)
    return _as_export_report(written, out)


def export_files(fmt: str, out: Path, options: ExportOptions) -> list[Path]:
    """Every file an export of ``fmt`` to ``out`` writes (training data may be split and
    CSV writes two tables per part)."""
    if fmt == "xlsx":
        return [out]
    from storage.export.training_data import SPLITS, output_files

    parts = SPLITS if options.dev_share > 0 else (None,)
    return [path for part in parts for path in output_files(fmt, out, part)]


def _as_export_report(written: Any, out: Path) -> ExportReport:
    """The training-data writers' report (``TrainingDataReport``) as ours; their cancel
    (a report marked ``cancelled``) as our ``ExportCancelledError``."""
    if written.cancelled:
        raise ExportCancelledError("export cancelled")
    files = tuple(written.files)
    lines = written.lines()
    return ExportReport(
        documents=written.documents,
        entities=written.spans,
        stance=written.stance,
        path=files[0] if files else out,
        files=files,
        details=tuple(lines[: len(lines) - len(files)]),
    )


def _training_data() -> Callable[..., ExportReport]:
    # Imported late: the training-data writers are written separately and may not exist yet.
    try:
        module = importlib.import_module("storage.export.training_data")
    except ModuleNotFoundError as exc:
        if exc.name != "storage.export.training_data":
            raise
        module = None
    write = getattr(module, "write", None)
    if write is None:
        return _not_available
    return write


def _not_available(fmt: str, *_args: object) -> ExportReport:
    raise ValueError(f"format {fmt} is not available yet")


def _with_total(progress: Progress | None, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    return lambda done: progress(done, total)


def project_export_labels(db: Database, project_id: int) -> ExportLabels:
    """The project's entity and stance labels with colours and descriptions, in order."""
    from storage.export.excel import ExportLabels, LabelInfo

    with db.read() as session:
        return ExportLabels(
            entity=[
                LabelInfo(r.name, r.colour, r.description)
                for r in project_labels(session, project_id, "entity")
            ],
            stance=[
                LabelInfo(r.name, r.colour, r.description)
                for r in project_labels(session, project_id, "stance")
            ],
        )


def _identity(db: Database, project_id: int) -> ProjectIdentity:
    with db.read() as session:
        return project_identity(session, project_id)


def _agreement_rows(db: Database, project_id: int) -> list[tuple[str, str, str, float | None]]:
    """The Agreement sheet's rows, or none while no two annotators labelled a document."""
    from services.agreement import agreement_rows, project_agreement

    try:
        return agreement_rows(project_agreement(db, project_id))
    except ValueError:  # nothing to compare yet
        return []
