"""An export killed mid-write (SIGKILL) leaves nothing behind that the next export does not
remove, and nothing in the system's temporary folder; a live export's files are never
touched. Real processes: the export runs in a child that is killed (or held) while writing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from storage.export.excel import ExportLabels, write_workbook
from storage.export.records import ExportDocument, ExportOptions
from storage.export.training_data import write

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and pids are POSIX here")

# fmt, out and mode ("kill": many documents, "wait": stop after 50 until a line on stdin).
CHILD = r"""
import sys
from pathlib import Path
from storage.export.records import ExportDocument, ExportOptions, ExportSpan

fmt, out, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
span = ExportSpan(0, 4, "Olaf", "PER", "accepted", "manual", None, "anna", "", "")
count = 1_000_000 if mode == "kill" else 60
told = False


def documents():
    for number in range(1, count + 1):
        yield ExportDocument(number, "t", "s", "de", "Olaf Scholz", {}, {}, {}, [span])


def progress(done):
    global told
    if done >= 50 and not told:
        told = True
        print("writing", flush=True)
        if mode == "wait":
            sys.stdin.readline()


if fmt == "xlsx":
    from storage.export.excel import ExportLabels, write_workbook

    write_workbook(documents(), out, ExportLabels(), progress=progress)
else:
    from storage.export.training_data import write

    write(fmt, documents(), out, ExportOptions(), progress=progress)
print("done", flush=True)
"""


def start_export(fmt: str, out: Path, mode: str, system_temp: Path) -> subprocess.Popen:
    """The child export, once it has written 50 documents (its files exist by then)."""
    env = {**os.environ, "TMPDIR": str(system_temp), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, fmt, str(out), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout.readline() == b"writing\n"
    return child


def one_document() -> list[ExportDocument]:
    return [ExportDocument(1, "t", "s", "de", "Olaf Scholz", {}, {}, {})]


def export_again(fmt: str, out: Path) -> None:
    if fmt == "xlsx":
        write_workbook(one_document(), out, ExportLabels())
    else:
        write(fmt, one_document(), out, ExportOptions())


def assert_complete(fmt: str, out: Path) -> None:
    if fmt == "xlsx":
        for read_only in (False, True):
            book = openpyxl.load_workbook(out, read_only=read_only)
            assert book["Documents"]["A2"].value == 1
            book.close()
    else:
        [line] = out.read_text(encoding="utf-8").splitlines()
        assert json.loads(line)["meta"]["document_id"] == 1


@pytest.fixture
def system_temp(tmp_path: Path) -> Path:
    """The child's system temporary folder (its TMPDIR): nothing may be left in it."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("fmt", ["xlsx", "jsonl"])
def test_a_killed_export_leaves_nothing_after_the_next(tmp_path, system_temp, fmt):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"export.{fmt}"
    out.write_bytes(b"the old export")
    child = start_export(fmt, out, "kill", system_temp)
    child.kill()  # SIGKILL: no finally, no atexit
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert out.read_bytes() == b"the old export"  # never a half file
    assert [p for p in folder.iterdir() if p != out]  # what the kill left
    export_again(fmt, out)
    assert sorted(p.name for p in folder.iterdir()) == [out.name]
    assert list(system_temp.iterdir()) == []
    assert_complete(fmt, out)


def test_a_live_exports_files_are_left_alone(tmp_path, system_temp):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "export.xlsx"
    child = start_export("xlsx", out, "wait", system_temp)
    try:
        theirs = sorted(folder.iterdir())
        assert theirs  # its part file and scratch folder, mid-write
        export_again("xlsx", out)  # same target, same folder
        assert sorted(p for p in folder.iterdir() if p != out) == theirs
        assert_complete("xlsx", out)
        stdout, _ = child.communicate(b"go on\n", timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0 and stdout == b"done\n"
    assert sorted(p.name for p in folder.iterdir()) == [out.name]
    assert openpyxl.load_workbook(out)["Documents"].max_row == 61  # the child's, complete
    assert list(system_temp.iterdir()) == []
