"""A model folder is written whole or not at all: a disk that fills up (here: a file-size
limit on the process) ends in one line and leaves no half model and no registry entry."""

from __future__ import annotations

import errno
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nlp.model_folder import ModelSaveError, model_folder, remove_stale_partials
from storage.model_registry import list_models
from storage.project import open_project
from tests.factories import ROOT
from tests.nlp_factories import make_labelled_project

LIMIT_BYTES = 2 * 1024 * 1024  # the project and its backup fit; a spaCy model does not


def _limit_file_size() -> None:
    # Writing past the limit then fails with EFBIG, as a full disk fails with ENOSPC.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT_BYTES, LIMIT_BYTES))


def test_train_on_a_full_disk_ends_in_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    models = tmp_path / "models"
    argv = ["train", "--project", str(project), "--component", "ner", "--out", str(models)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        preexec_fn=_limit_file_size,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"error: cannot save the model in {models}/ner-")
    assert last.endswith("File too large")
    assert "Traceback" not in result.stderr
    assert list(models.iterdir()) == []  # no half-written model, no hidden partial
    with open_project(project, read_only=True) as opened, opened.db.read() as session:
        assert list_models(session, opened.project_id) == []


def test_a_failed_write_removes_the_partial_folder(tmp_path: Path) -> None:
    target = tmp_path / "ner-1"
    failing = pytest.raises(ModelSaveError, match=f"cannot save the model in {target}: ")
    with failing, model_folder(target) as partial:
        (partial / "meta.json").write_text("{}")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_a_whole_write_appears_under_its_name(tmp_path: Path) -> None:
    with model_folder(tmp_path / "ner-2") as partial:
        (partial / "meta.json").write_text("{}")
        assert not (tmp_path / "ner-2").exists()  # not before it is complete
    assert (tmp_path / "ner-2" / "meta.json").read_text() == "{}"


HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from storage.file_locks import writing

with writing(Path({partial!r})) as partial:
    partial.mkdir()
    (partial / "model").write_bytes(b"half")
    open({ready!r}, "w").close()
    time.sleep(600)  # killed here, or still at work
"""


def _writer_at_work(tmp_path: Path, name: str) -> subprocess.Popen:
    partial, ready = tmp_path / name, tmp_path / f"{name}-ready"
    code = HOLDER.format(root=str(ROOT), partial=str(partial), ready=str(ready))
    child = subprocess.Popen([sys.executable, "-c", code])
    while not ready.exists():
        assert child.poll() is None, "the writer ended early"
        time.sleep(0.05)
    ready.unlink()
    return child


def test_partials_of_killed_writers_are_removed_by_the_next_save(tmp_path: Path) -> None:
    killed = _writer_at_work(tmp_path, ".ner-3.abc.partial")
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    living = _writer_at_work(tmp_path, ".ner-4.def.partial")
    try:
        assert remove_stale_partials(tmp_path) == [tmp_path / ".ner-3.abc.partial"]
        with model_folder(tmp_path / "ner-5"):
            pass
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            ".ner-4.def.partial",
            ".ner-4.def.partial.lock",
            "ner-5",
        ]
    finally:
        living.kill()
        living.wait()
