"""Writing a trained model's folder whole or not at all.

A model is a folder of many files; a full disk or a killed process half-way through used to
leave a folder that looked like a model and failed to load. Here the folder is written
under a hidden name beside its place (``.ner-VERSION.<random>.partial``), under a lock
(``storage.file_locks``), and renamed into place only when every file is written. A failure
removes it; a process killed meanwhile leaves it behind, and the next save into the same
folder removes it once the operating system has released its writer's lock, never while
its writer is still at work (in another process, container or machine).
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from errors import UserError
from storage.file_locks import remove_abandoned, writing

PARTIAL_SUFFIX = ".partial"


class ModelSaveError(UserError, OSError):
    """A model could not be written; the message says where and why (disk full, say)."""


@contextlib.contextmanager
def model_folder(path: Path) -> Iterator[Path]:
    """Yield a fresh folder to write the model for ``path`` into; on leaving the block
    without an error it becomes ``path``. Any error removes it: an ``OSError`` comes out as
    ``ModelSaveError`` naming ``path``, others as they are."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_partials(path.parent)
        partial = path.with_name(f".{path.name}.{secrets.token_hex(6)}{PARTIAL_SUFFIX}")
        with writing(partial):
            try:
                partial.mkdir()
                yield partial
                partial.rename(path)
            finally:
                shutil.rmtree(partial, ignore_errors=True)  # gone already when renamed
    except OSError as exc:
        raise ModelSaveError(f"cannot save the model in {path}: {exc.strerror or exc}") from exc


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove the half-written model folders in ``folder`` whose writer is gone; return
    them."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if entry.name.startswith(".")
        and entry.name.endswith(PARTIAL_SUFFIX)
        and entry.is_dir()
        and remove_abandoned(entry)
    ]
