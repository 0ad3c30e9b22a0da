"""Who is still writing a half-finished file? A lock the operating system releases for us.

Backups, copies, exports and models are written under a temporary name and renamed when
complete. A writer that is killed leaves its temporary files behind, and whoever comes next
should remove them, but never those of a writer that is still at work: another process, a
process in another container with the same pid numbers, another machine on a shared folder.
Process ids cannot tell these apart; a lock can. For as long as it works, a writer holds a
``<work>.lock`` file beside its work; the operating system lets go of it when the writer
ends in any way, SIGKILL and power cut included:

- POSIX: the lock file is locked (``flock``) before it gets its name, so a lock file that
  can be seen but can be locked belongs to a writer that is gone;
- Windows: a file open in another process cannot be deleted, so a lock file that can be
  deleted belongs to a writer that is gone.

Work without a lock file was left by a version that took none; it counts as abandoned once
it has not changed for ``UNLOCKED_SETTLE_SECONDS``. Only the lock files are locked, never
the data files: SQLite's own locks on a database being written are unaffected.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_SUFFIX = ".lock"
UNLOCKED_SETTLE_SECONDS = 3600.0
_WINDOWS = os.name == "nt"

if not _WINDOWS:
    import fcntl


def lock_file_for(work: Path) -> Path:
    """The lock file that says whether ``work`` (a file or folder) is still being written."""
    return work.with_name(work.name + LOCK_SUFFIX)


class HeldLock:
    """The lock of one piece of work, held until ``release()``."""

    def __init__(self, work: Path) -> None:
        self.lock = lock_file_for(work)
        if _WINDOWS:
            self._descriptor: int | None = os.open(
                self.lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666
            )
        else:
            # Locked under a name of its own, then renamed: never visible unlocked.
            fresh = self.lock.with_name(f"{self.lock.name}.{secrets.token_hex(6)}")
            self._descriptor = os.open(fresh, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
            fcntl.flock(self._descriptor, fcntl.LOCK_EX)
            fresh.replace(self.lock)

    def release(self) -> None:
        """Remove the lock file and let go of it (once; later calls do nothing)."""
        if self._descriptor is None:
            return
        if not _WINDOWS:  # removed while still locked, so nobody takes it for abandoned
            with contextlib.suppress(OSError):
                self.lock.unlink()
        os.close(self._descriptor)
        self._descriptor = None
        if _WINDOWS:
            with contextlib.suppress(OSError):
                self.lock.unlink()


@contextlib.contextmanager
def writing(work: Path) -> Iterator[Path]:
    """Hold the lock of ``work`` for the block; yields ``work``. Create ``work`` inside the
    block and rename or remove it there too: the lock file goes when the block ends."""
    held = HeldLock(work)
    try:
        yield work
    finally:
        held.release()


def abandoned(work: Path, unlocked_settle: float = UNLOCKED_SETTLE_SECONDS) -> bool:
    """Whether nobody is writing ``work`` any more (see the module's docstring)."""
    lock = lock_file_for(work)
    if not lock.exists():
        return _unchanged_for(work, unlocked_settle)
    if _WINDOWS:
        try:
            lock.unlink()  # refused while its writer holds it open
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return True
    try:
        descriptor = os.open(lock, os.O_RDWR)
    except FileNotFoundError:  # its writer finished just now
        return False
    except OSError:  # not ours to judge (permissions): leave it
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: its writer is at work
        return False
    else:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        return True
    finally:
        os.close(descriptor)


def remove_abandoned(work: Path, unlocked_settle: float = UNLOCKED_SETTLE_SECONDS) -> bool:
    """Remove ``work`` (file or folder) and its lock file if ``abandoned``; say whether."""
    if not abandoned(work, unlocked_settle):
        return False
    if work.is_dir() and not work.is_symlink():
        shutil.rmtree(work, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            work.unlink()
    with contextlib.suppress(FileNotFoundError):
        lock_file_for(work).unlink()
    return True


def _unchanged_for(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime >= seconds
    except FileNotFoundError:
        return False
