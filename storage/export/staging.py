"""The files an export writes before it is complete, and what a killed export left of them.

Every export writes beside its target (same folder, so the final rename is cheap and atomic):
a part file per output file, and for a workbook a scratch folder for openpyxl's per-sheet
temporary files (which openpyxl would otherwise put in the system's temporary folder). Their
names say whose they are::

    .export.xlsx.HOST-PID-RANDOM.part       .export.xlsx.HOST-PID-RANDOM.sheets/

HOST is a short hash of this machine's name, PID the writing process (both only for a person
looking at the folder). An export that ends in any way (done, failed, cancelled) removes its
own; one killed (SIGKILL, power cut) cannot, so every export first removes those in its folder
whose writer is gone. Each is written under a lock (``storage.file_locks``) that the operating
system releases when its writer ends, so files of a live export are never touched: not of
another process, another thread of this one, another container or machine on a shared folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import socket
from pathlib import Path

from storage.file_locks import HeldLock, remove_abandoned

PART, SCRATCH = "part", "sheets"
MAX_NAME_CHARS = 120  # of the target's name in ours: names stay below the usual 255 limit
_held: dict[Path, HeldLock] = {}  # the locks of this process's exports, by what they guard
_OURS = re.compile(
    r"^\..*\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})-[0-9a-f]{8}\.(?:part|sheets)$", re.S
)


def host_tag() -> str:
    """Eight hex digits that name this machine in our file names."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def owned_name(target: Path, kind: str) -> Path:
    """A fresh name beside ``target`` for this process: ``.NAME.HOST-PID-RANDOM.KIND``."""
    tag = f"{host_tag()}-{os.getpid()}-{secrets.token_hex(4)}"
    return target.with_name(f".{target.name[:MAX_NAME_CHARS]}.{tag}.{kind}")


def new_part_file(target: Path) -> Path:
    """An empty part file beside ``target`` (created now, never an existing one), locked as
    being written until ``finish`` or ``discard``. Permissions follow the umask as the final
    file's should (``tempfile.mkstemp`` makes them private)."""
    path = owned_name(target, PART)
    _held[path] = HeldLock(path)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    os.close(descriptor)
    return path


def new_scratch_folder(target: Path) -> Path:
    """An empty folder beside ``target`` for temporary files of this export, locked as being
    written until ``discard``."""
    path = owned_name(target, SCRATCH)
    _held[path] = HeldLock(path)
    path.mkdir()
    return path


def finish(part: Path, target: Path) -> None:
    """Put the complete ``part`` in place of ``target``: flushed to disk first, so the rename
    never exposes a file whose content is still only in memory."""
    with part.open("rb") as stream:
        os.fsync(stream.fileno())
    part.replace(target)
    _release(part)


def discard(*paths: Path) -> None:
    """Remove part files and scratch folders of ours; what is already gone is fine."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        _release(path)


def remove_stale(folder: Path) -> list[Path]:
    """Remove the part files and scratch folders in ``folder`` that a killed export left;
    returns what was removed. Those of exports still at work stay."""
    try:
        paths = list(Path(folder).iterdir())
    except OSError:  # an unreadable folder: the export itself will say what is wrong
        return []
    return [path for path in paths if _OURS.match(path.name) and remove_abandoned(path)]


def _release(path: Path) -> None:
    held = _held.pop(path, None)
    if held is not None:
        held.release()
