"""Names from imported data reach a terminal as text, never as escape sequences: control and
bidirectional characters are shown escaped, and JSON output stays valid JSON."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from cli.terminal import terminal_safe
from storage.project import open_project
from tests.factories import add_documents, run

# Set the window title, clear the screen, ring the bell; reverse the text that follows.
TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J\x1b[H"
RLO = "\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def hostile_project(path: Path) -> None:
    """A project holding what an older version let in: labels and a target with escape
    sequences, written straight into the database."""
    with open_project(path) as project:
        add_documents(project, [f"Die NATO {RLO}warnt{CLEAR} Russland."])
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO entity_labels (project_id, name, colour, position, description) "
        "VALUES (1, ?, '#ff0000', 9, '')",
        (f"PER{TITLE}",),
    )
    label = connection.execute("SELECT max(id) FROM entity_labels").fetchone()[0]
    connection.execute(
        "INSERT INTO entity_spans (document_id, doc_length, start_offset, end_offset, "
        "label_id, state, origin_kind, created_at, updated_at) "
        "SELECT id, text_length, 4, 8, ?, 'suggested', 'pattern', created_at, created_at "
        "FROM documents",
        (label,),
    )
    connection.commit()
    connection.close()


def test_terminal_safe_escapes_what_a_terminal_would_act_on() -> None:
    assert terminal_safe(f"a{TITLE}b") == "a\\u001b]0;owned\\u0007b"
    assert terminal_safe(f"x{RLO}y\u2066z\u0085") == "x\\u202ey\\u2066z\\u0085"
    assert terminal_safe("tab\tand\nnewline, Umlaute äöü, 日本") == (
        "tab\tand\nnewline, Umlaute äöü, 日本"
    )
    assert terminal_safe("name\udcff.txt") == "name\\udcff.txt"  # not UTF-8 on disk


def test_stats_shows_hostile_label_names_escaped(capsys, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    hostile_project(project)
    code, out, err = run(capsys, "stats", "--project", str(project))
    assert code == 0, err
    assert not RAW.search(out + err)
    assert "PER\\u001b]0;owned\\u0007" in out


def test_stats_json_stays_json_and_keeps_the_names(capsys, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    hostile_project(project)
    code, out, err = run(capsys, "stats", "--project", str(project), "--json")
    assert code == 0, err
    assert not RAW.search(out)
    stats = json.loads(out)
    assert f"PER{TITLE}" in stats["spans"]["by_label"]


def test_import_messages_escape_file_names(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"bad{CLEAR}{RLO}txt.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "good.txt").write_text("Die NATO warnt Russland.", "utf-8")
    code, out, err = run(capsys, "import", "--project", str(tmp_path / "p.sqlite"), str(folder))
    assert code == 0
    assert not RAW.search(out + err)
    assert "[2J" in err and "txt.txt: error: binary file" in err  # named, harmlessly


def test_targets_propose_escapes_names(capsys, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    name = f"Kreml{RLO}gnis"
    records = tmp_path / "spans.jsonl"
    lines = []
    for i in range(3):
        text = f"{name} meldet etwas Neues zum {i}. Mal."
        lines.append(
            json.dumps({"text": text, "spans": [{"start": 0, "end": len(name), "label": "ORG"}]})
        )
    records.write_text("\n".join(lines) + "\n", "utf-8")
    assert run(capsys, "import", "--project", str(project), str(records))[0] == 0
    code, out, err = run(capsys, "targets", "--project", str(project), "--propose")
    assert code == 0, err
    assert not RAW.search(out)
    assert "Kreml\\u202egnis" in out


def test_an_annotator_name_that_is_not_utf8_is_bad_usage(capsys, tmp_path: Path) -> None:
    """``--annotator $'\\xff'``: Python hands over the byte as a lone surrogate."""
    project = tmp_path / "p.sqlite"
    (tmp_path / "a.txt").write_text("Die NATO warnt.", "utf-8")
    code, out, err = run(
        capsys,
        "import",
        "--project",
        str(project),
        str(tmp_path / "a.txt"),
        "--annotator",
        "\udcff",
    )
    assert code == 2 and out == ""
    assert "--annotator" in err and "not valid UTF-8" in err
    assert not RAW.search(err)
    assert not project.exists()
    code, _, err = run(
        capsys, "targets", "--project", str(project), "--add", f"X{TITLE}", "--alias", "y"
    )
    assert code == 2 and "control characters" in err
