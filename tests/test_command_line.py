"""The command line contract: commands, options, output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ROOT, run


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Die NATO warnt Russland vor einer Eskalation.\nDas sagte der Sprecher in Brüssel.", "utf-8"
    )
    (folder / "b.txt").write_text("The United Nations said the talks were over.", "utf-8")
    (folder / "c.txt").write_text(
        "Die NATO warnt Russland vor einer Eskalation.\nDas sagte der Sprecher in Brüssel.", "utf-8"
    )
    return folder


def test_import_then_stats(capsys, tmp_path, articles):
    project = str(tmp_path / "p.sqlite")
    code, out, err = run(capsys, "import", "--project", project, str(articles))
    assert code == 0
    assert out.strip() == ("imported 2 documents (0 spans), skipped 1 duplicate and 0 with errors")
    assert "artikel/c.txt: skipped: duplicate of “artikel/a.txt”" in err
    code, out, _ = run(capsys, "stats", "--project", project, "--json")
    assert code == 0
    stats = json.loads(out)
    assert (stats["documents"], stats["by_language"]) == (2, {"de": 1, "en": 1})
    assert stats["spans"] == {"by_label": {}, "by_state": {}, "by_origin": {}}
    code, out, _ = run(capsys, "stats", "--project", project)
    assert code == 0 and "documents: 2" in out and "language de: 1" in out


def test_import_counts_spans_by_label_state_and_origin(capsys, tmp_path):
    data = tmp_path / "spans.jsonl"
    data.write_text(
        json.dumps(
            {
                "text": "Olaf Scholz in Berlin",
                "spans": [
                    {"start": 0, "end": 11, "label": "PER"},
                    {"start": 15, "end": 21, "label": "LOC"},
                ],
            }
        )
        + "\n",
        "utf-8",
    )
    project = str(tmp_path / "p.sqlite")
    assert run(capsys, "import", "--project", project, str(data))[0] == 0
    stats = json.loads(run(capsys, "stats", "--project", project, "--json")[1])
    assert stats["spans"] == {
        "by_label": {"LOC": 1, "PER": 1},
        "by_state": {"accepted": 2},
        "by_origin": {"import": 2},
    }


def test_text_field_option(capsys, tmp_path):
    data = tmp_path / "t.csv"
    data.write_text("id;body\n1;Ein Artikel über die EU.\n", "utf-8")
    project = str(tmp_path / "p.sqlite")
    code, _, err = run(capsys, "import", "--project", project, str(data))
    assert code == 1
    assert "no column 'text' (columns: id, body)" in err
    assert err.strip().splitlines()[-1].startswith("error: ")
    code, out, _ = run(capsys, "import", "--project", project, str(data), "--text-field", "body")
    assert code == 0 and out.startswith("imported 1 document ")


def test_partly_bad_input_imports_the_rest(capsys, tmp_path):
    data = tmp_path / "x.jsonl"
    data.write_text('{"text": "Gut."}\n{"text": \n{"text": "Auch gut."}\n', "utf-8")
    project = str(tmp_path / "p.sqlite")
    code, out, err = run(capsys, "import", "--project", project, str(data))
    assert code == 0
    assert f"{data}:2: error: invalid JSON" in err
    assert out.startswith("imported 2 documents")
    code, _, err = run(capsys, "import", "--project", project, "--strict", str(data))
    assert code == 1 and "could not be imported" in err


def test_bad_usage_exits_2(capsys, tmp_path):
    assert run(capsys, "import", str(tmp_path))[0] == 2  # no --project
    assert run(capsys, "stats")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2


def test_failure_exits_1_with_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "stats", "--project", str(tmp_path / "missing.sqlite"))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("error: ") and "missing.sqlite" in err
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00\x01 not sqlite" * 100)
    code, _, err = run(capsys, "import", "--project", str(junk), str(tmp_path))
    assert code == 1 and err.count("\n") == 1 and "junk.sqlite is not a Standpunkt project" in err


def test_every_command_has_help(capsys):
    for command in ("import", "stats"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and "--project" in out


def test_the_real_entry_point(tmp_path):
    # The contract as a user's shell sees it: a separate process and its exit code.
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "stats",
            "--project",
            str(tmp_path / "none.sqlite"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "none.sqlite" in result.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+nodriver://u@localhost/x", "unknown database kind 'postgresql+nodriver'"),
        ("mysql+nosuchdbapi://u@localhost/x", "unknown database kind"),
    ],
)
def test_unusable_database_urls_fail_with_one_line(capsys, url, message):
    code, _, err = run(capsys, "stats", "--project", url)
    assert code == 1 and err.count("\n") == 1 and message in err


def test_a_sqlite_url_works_like_a_path(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'url.sqlite'}"
    code, out, _ = run(capsys, "import", "--project", url, str(ROOT / "resources" / "samples"))
    samples = len(list((ROOT / "resources" / "samples").glob("*.txt")))
    assert code == 0 and out.startswith(f"imported {samples} documents")
    assert (tmp_path / "url.sqlite").exists()


def test_a_project_that_cannot_be_created_fails_with_one_line(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(
        capsys,
        "import",
        "--project",
        str(blocker / "sub" / "p.sqlite"),
        str(ROOT / "resources" / "samples"),
    )
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"error: cannot create {blocker / 'sub' / 'p.sqlite'}")


def test_blank_annotator_is_bad_usage(capsys, tmp_path, articles):
    code, _, err = run(
        capsys,
        "import",
        "--project",
        str(tmp_path / "p.sqlite"),
        "--annotator",
        "  ",
        str(articles),
    )
    assert code == 2 and "error: --annotator needs a name" in err


def test_no_display_is_one_line_not_a_crash(capsys, monkeypatch):
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    code, _, err = run(capsys)
    assert code == 1 and err.startswith("error: no display") and err.count("\n") == 1


def test_stats_only_reads_and_takes_no_backup(capsys, tmp_path, articles):
    project = tmp_path / "p.sqlite"
    run(capsys, "import", "--project", str(project), str(articles))
    for _ in range(3):
        assert run(capsys, "stats", "--project", str(project))[0] == 0
    assert not (tmp_path / "p.sqlite.backups").exists()


def test_output_into_a_closed_pipe_is_quiet(tmp_path, articles):
    project = tmp_path / "p.sqlite"
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", "--project", str(project), str(articles)],
        check=True,
        capture_output=True,
    )
    # Like `stats | head -0`: the reader is gone before anything is written.
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "stats", "--project", str(project), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    child.stdout.close()
    _, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (0, b"")


def test_copy_project_copies_and_refuses_a_target_with_data(capsys, tmp_path, articles):
    source, target = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run(capsys, "import", "--project", str(source), str(articles))[0] == 0
    code, out, err = run(capsys, "copy-project", "--from", str(source), "--to", str(target))
    assert code == 0, err
    assert "documents: 2" in out  # a.txt and b.txt; c.txt is a duplicate of a.txt
    _, stats_source, _ = run(capsys, "stats", "--project", str(source), "--json")
    _, stats_target, _ = run(capsys, "stats", "--project", str(target), "--json")
    assert stats_target.replace("b.sqlite", "a.sqlite") == stats_source

    before = target.read_bytes()
    code, _, err = run(capsys, "copy-project", "--from", str(source), "--to", str(target))
    assert code == 1 and "already holds data" in err and "nothing was changed" in err
    assert target.read_bytes() == before


def test_assign_splits_the_documents_with_an_overlap(capsys, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(25):
        (folder / f"{i}.txt").write_text(f"Meldung {i}: Die NATO tagt in Brüssel.", "utf-8")
    project = str(tmp_path / "p.sqlite")
    assert run(capsys, "import", "--project", project, str(folder))[0] == 0
    argv = ["assign", "--project", project, "--annotators", "anna,ben,carl", "--overlap", "0.2"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "5 overlap documents, given to every annotator" in out
    assert "anna: 12 new, 12 assigned in all" in out and "carl: 11 new" in out
    code, out, _ = run(capsys, *argv)  # again: nothing new to assign
    assert code == 0 and "0 assignments added" in out
    code, _, err = run(capsys, *argv[:-1], "1.5")
    assert code == 2 and "--overlap must be a share between 0 and 1" in err
