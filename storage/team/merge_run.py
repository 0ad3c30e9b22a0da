"""Merging several annotators' files into a project in one transaction (``merge_files``):
every file is checked before anything is written, and a failure, a cancel or a killed
process leaves the project as it was."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError

from storage.copy_project import check_source_schema
from storage.database import Database, DatabaseError, ProjectLocation, open_reader, resolve_location
from storage.memory.learning import rebuild_memory
from storage.team.merge import MergeCancelledError, MergeReport, merge_file

Progress = Callable[[str, int, int], None]  # file, files merged, files in all


def merge_files(
    db: Database,
    project_id: int,
    sources: Sequence[str | Path],
    *,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> MergeReport:
    """Merge every file (or database URL) in ``sources`` into the project, all or nothing.
    ``DatabaseError`` (a message naming the file) for a source that is missing, damaged, not
    a project, at another schema version, or the project itself; ``MergeCancelledError``
    when ``should_cancel`` said so. Either way nothing changed."""
    if not sources:
        raise DatabaseError("name at least one project file to merge")
    locations = [_checked(db.location, source) for source in sources]
    report = MergeReport()
    with db.write() as session:
        dst = session.connection()
        changed: set[int] = set()
        for number, location in enumerate(locations):
            if progress is not None:
                progress(location.display, number, len(locations))
            reader = open_reader(location)
            try:
                with reader.engine.connect() as src:
                    merged, documents = merge_file(
                        dst, project_id, src, location.display, should_cancel
                    )
            except (OperationalError, SQLAlchemyDatabaseError) as exc:
                if isinstance(exc, IntegrityError):
                    raise
                reason = str(exc.orig or exc).splitlines()[0]
                raise DatabaseError(f"cannot read {location.display}: {reason}") from exc
            finally:
                reader.close()
            report.files.append(merged)
            changed |= documents
        if should_cancel():
            raise MergeCancelledError
        rebuild_memory(session, project_id, changed)
    if progress is not None:
        progress("", len(locations), len(locations))
    return report


def _checked(project: ProjectLocation, source: str | Path) -> ProjectLocation:
    location = resolve_location(source)
    if location.url == project.url or (
        location.file is not None
        and project.file is not None
        and location.file.exists()
        and project.file.exists()
        and location.file.samefile(project.file)
    ):
        raise DatabaseError(f"{location.display} is the project itself; name another file")
    if location.file is not None and not location.file.exists():
        raise DatabaseError(f"{location.file} does not exist")
    check_source_schema(location, "merge")
    return location
