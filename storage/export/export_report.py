"""What an export reports, apart from the writers: the command line and the window import
this without openpyxl or spaCy (a JSONL export needs no workbook library, and starting one
took a second)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ExportCancelledError(Exception):
    """The user stopped the export; nothing was written."""


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote. ``files`` lists every file when a format writes several
    (training data split into train and dev); ``details`` are lines for the user beside the
    counts (notes of the training-data writers, what did not fit into a workbook)."""

    documents: int
    entities: int
    stance: int  # sentence and document stance rows
    path: Path
    files: tuple[Path, ...] = ()
    details: tuple[str, ...] = ()
