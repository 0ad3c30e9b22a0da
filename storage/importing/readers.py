"""The one entry point of the import readers: paths in, records and problems out.

``read_paths`` walks folders, picks the reader by file extension and turns every bad
input into an ``ImportProblem`` so one broken file never stops an import of thousands.
The format readers live in ``read_txt``, ``read_jsonl`` and ``read_table``.
"""

from __future__ import annotations

import errno
import logging
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from storage.importing.read_jsonl import read_jsonl
from storage.importing.read_table import read_csv, read_xlsx
from storage.importing.read_txt import read_txt
from storage.importing.record_checks import clean_source
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from storage.importing.text_rules import printable, shown

__all__ = ["SUPPORTED_SUFFIXES", "read_paths"]

log = logging.getLogger(__name__)

Item = ImportedRecord | ImportProblem
Reader = Callable[[Path, str, ReadOptions], Iterator[Item]]

_READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".xlsx": read_xlsx,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)


def read_paths(
    paths: Sequence[Path], options: ReadOptions
) -> Iterator[ImportedRecord | ImportProblem]:
    """Read files and folders lazily into records and problems, never raising for bad input.

    Takes the paths the user chose (files or folders, in that order) and the options;
    yields ``ImportedRecord`` items and ``ImportProblem`` items as it goes. Folders are
    walked recursively in name order; hidden entries (".x") and Office lock files
    ("~$x") in folders are ignored, other unsupported files there are a warning, and so
    is every entry that cannot be read (a link to nothing, a link loop, a link back to a
    folder already read, a pipe, a socket, a device; a pipe is never opened, it would
    wait forever). A missing path, anything but a file or folder, or an unsupported file
    given explicitly is an error.

    The stored ``source`` is the file name for a file given directly and the path from
    the chosen folder on ("articles/sub/a.txt") for files found in a folder; rows of
    JSONL/CSV/XLSX files share the source of their file. A name that is not UTF-8 or
    holds control characters is stored cleaned (``record_checks.clean_source``), with a
    warning.
    """
    for given in paths:
        path = Path(given)
        kind = _kind(path)
        if kind == "folder":
            yield from _read_folder(path, options)
        elif kind == "file":
            yield from _read_file(path, path.name, options, in_folder=False)
        elif kind == "missing":
            yield ImportProblem(str(path), f"no such file or folder: {path}")
        else:
            yield ImportProblem(str(path), f"not a regular file or folder: {kind}")


def _read_folder(folder: Path, options: ReadOptions) -> Iterator[Item]:
    """Read every supported file below ``folder``; sources start with the folder's name."""
    # "." and ".." have no useful name of their own; use the real folder's name.
    name = folder.resolve().name if folder.name in ("", "..") else folder.name
    yield from _walk(folder, name, options, visited=set())


def _walk(folder: Path, prefix: str, options: ReadOptions, visited: set[Path]) -> Iterator[Item]:
    """Depth-first walk in name order (ignoring case, so it is the same on every OS)."""
    visited.add(folder.resolve())
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: (entry.name.casefold(), entry.name))
    except OSError as exc:
        yield ImportProblem(str(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        source = f"{prefix}/{entry.name}" if prefix else entry.name
        kind = _kind(entry)
        if kind == "folder" and entry.resolve() in visited:
            # A link back up (or to a folder read before) would loop or read it twice.
            message = f"skipped: a link to the folder {entry.resolve()}, which is read already"
            yield ImportProblem(str(entry), message, severity="warning")
        elif kind == "folder":
            yield from _walk(entry, source, options, visited)
        elif kind == "file":
            yield from _read_file(entry, source, options, in_folder=True)
        else:
            yield ImportProblem(str(entry), f"skipped: {kind}", severity="warning")


def _kind(path: Path) -> str:
    """ "file", "folder", "missing", or what else ``path`` is, in words ("a named pipe
    (FIFO)", "a symbolic link to something that does not exist: x"). Only looks at the
    entry (stat), never opens it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops (it points to itself, directly or through others)"
        if path.is_symlink():
            return f"a symbolic link to something that does not exist: {path.readlink()}"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "missing"
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file or folder"


def _read_file(path: Path, source: str, options: ReadOptions, *, in_folder: bool) -> Iterator[Item]:
    """Check type and size of one file, then hand it to the reader for its extension."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    described = printable(suffix) or "no extension"
    if reader is None and in_folder:
        yield ImportProblem(
            str(path), f"skipped: not a supported file type ({described})", severity="warning"
        )
        return
    if reader is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        message = f"not a supported file type ({described}); use {supported}"
        yield ImportProblem(str(path), message)
        return
    source, changes = clean_source(source)
    if changes:
        message = f"the source name is stored as {shown(source, 200)}: {', '.join(changes)}"
        yield ImportProblem(str(path), message, severity="warning")
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            limit = _format_size(options.max_file_bytes)
            yield ImportProblem(str(path), f"file is {_format_size(size)}, over the {limit} limit")
            return
        yield from reader(path, source, options)
    except OSError as exc:
        yield ImportProblem(str(path), f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:
        # A reader bug must not end an import of thousands of files; report and go on.
        log.exception("unexpected error while reading %s", path)
        yield ImportProblem(str(path), f"unexpected error while reading: {exc!r}")


def _format_size(size: int) -> str:
    """Bytes for people: "600.0 MB" (MB = 1024 * 1024 bytes), "12.5 KB", "300 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"
