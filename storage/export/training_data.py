"""Writing export records as training data that spaCy, Prodigy and doccano read directly.

Formats: ``jsonl`` (Prodigy/doccano), ``spacy`` (a ``DocBin``), ``conll`` (CoNLL-2003 IOB2)
and ``csv`` (the Entities and Stance tables). Each format lives in its own module; this one
names the files, stages them as part files and renames them only when all went well, so a
cancelled or failed export leaves no partial file and keeps an older one; what a killed one
left is removed by the next (``storage.export.staging``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from storage.export import staging
from storage.export.records import ExportDocument, ExportOptions
from storage.export.training_report import TrainingDataReport

FORMATS = ("jsonl", "spacy", "conll", "csv")
# The first suffix is added when ``out`` has none of them.
SUFFIXES = {
    "jsonl": (".jsonl",),
    "spacy": (".spacy",),
    "conll": (".conll", ".iob", ".txt"),
    "csv": (".csv",),
}
SPLITS = ("train", "dev")


class PartWriter(Protocol):
    """Writes one file set (the whole export, or its train or dev part)."""

    def add(self, document: ExportDocument, report: TrainingDataReport) -> None: ...

    def close(self) -> None: ...


def write(
    fmt: str,
    documents: Iterable[ExportDocument],
    out: Path,
    options: ExportOptions,
    progress: Callable[[int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> TrainingDataReport:
    """Write ``documents`` as training data in ``fmt`` and report what went out.

    File names: ``out`` gets the format's suffix unless it has it already (``data`` and
    ``data.spacy`` both give ``data.spacy``; CoNLL also keeps ``.iob`` and ``.txt``). With
    ``options.dev_share > 0`` the suffix is preceded by ``-train`` and ``-dev`` and each
    document goes to the file of its ``split`` (``data-train.spacy``, ``data-dev.spacy``);
    both files are written even if one stays empty. CSV writes two tables per part, with
    ``-entities`` and ``-stance`` before ``.csv``: ``data-entities.csv``,
    ``data-stance.csv``, or ``data-train-entities.csv`` … ``data-dev-stance.csv``.

    ``progress(n)`` is called after each document with the number done so far;
    ``should_cancel()`` is asked before each one. A cancelled export returns a report with
    ``cancelled`` set, writes nothing and leaves existing files as they were.
    Raises ValueError for an unknown format; OSError when a file cannot be written (then,
    too, nothing is left behind)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown training data format {fmt!r} (known: {', '.join(FORMATS)})")
    report = TrainingDataReport(format=fmt)
    parts = SPLITS if options.dev_share > 0 else (None,)
    with _staged({part: output_files(fmt, out, part) for part in parts}) as staged:
        writers = {part: _writer(fmt, staged[part], options) for part in parts}
        for document in documents:
            if should_cancel():
                report.cancelled = True
                break
            writers[document.split if options.dev_share > 0 else None].add(document, report)
            report.documents += 1
            if progress is not None:
                progress(report.documents)
        for writer in writers.values():
            writer.close()
        if report.cancelled:
            raise _CancelledError
    if not report.cancelled:
        report.files = [path for part in parts for path in output_files(fmt, out, part)]
    return report


def output_files(fmt: str, out: Path, part: str | None = None) -> list[Path]:
    """The final file names for ``fmt``: the whole export (``part`` None) or one split."""
    suffixes = SUFFIXES[fmt]
    stem, suffix = (out.stem, out.suffix) if out.suffix in suffixes else (out.name, suffixes[0])
    if part is not None:
        stem = f"{stem}-{part}"
    if fmt == "csv":
        return [out.with_name(f"{stem}-{table}{suffix}") for table in ("entities", "stance")]
    return [out.with_name(f"{stem}{suffix}")]


def _writer(fmt: str, paths: list[Path], options: ExportOptions) -> PartWriter:
    # Imported here: the spaCy modules take a while to import, and CSV needs none of them.
    if fmt == "jsonl":
        from storage.export.jsonl_data import JsonlWriter

        return JsonlWriter(paths[0], options)
    if fmt == "spacy":
        from storage.export.spacy_data import DocBinWriter

        return DocBinWriter(paths[0])
    if fmt == "conll":
        from storage.export.conll_data import ConllWriter

        return ConllWriter(paths[0])
    from storage.export.csv_data import CsvWriter

    return CsvWriter(paths[0], paths[1])


class _CancelledError(Exception):
    """Unwinds the staging so that it discards its temporary files."""


@contextlib.contextmanager
def _staged(
    finals: dict[str | None, list[Path]],
) -> Iterator[dict[str | None, list[Path]]]:
    """Temporary files beside the final ones (same folder, so renaming is cheap and does not
    cross file systems); renamed onto the final names when the block ends normally, deleted
    when it raises. A cancel is raised as ``_CancelledError`` inside the block and ends here."""
    staged: dict[str | None, list[Path]] = {}
    for folder in {path.parent for paths in finals.values() for path in paths}:
        staging.remove_stale(folder)  # what killed exports left there
    try:
        for part, paths in finals.items():
            staged[part] = [staging.new_part_file(path) for path in paths]
        yield staged
        for part, paths in finals.items():
            for temporary, final in zip(staged[part], paths, strict=True):
                staging.finish(temporary, final)
    except _CancelledError:
        pass
    finally:
        # Renamed ones are gone already; the others (on any error or cancel) go now.
        staging.discard(*(path for paths in staged.values() for path in paths))
