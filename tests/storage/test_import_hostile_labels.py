"""One rule for label names, whether they come from the schema editor or an import
(issue 14, point 7)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from storage.importing.service import Importer
from storage.label_schema import add_label, project_labels, update_label
from storage.models import EntityLabel, EntitySpan
from storage.project import OpenProject


def label_names(project: OpenProject) -> list[str]:
    with project.db.read() as session:
        return [label.name for label in project_labels(session, project.project_id, "entity")]


def stored_spans(project: OpenProject) -> list[tuple[int, str]]:
    with project.db.read() as session:
        rows = session.execute(
            select(EntitySpan.start_offset, EntityLabel.name)
            .join(EntityLabel, EntityLabel.id == EntitySpan.label_id)
            .order_by(EntitySpan.id)
        )
        return [tuple(row) for row in rows]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "'' is empty"),
        ("  \t ", "'  \\t ' is empty"),
        ("X" * 65, "'XXXXXXXXXXXXXXXXXXXX…' is longer than 64 characters"),
        ("A\x00B", "'A\\x00B' contains the character U+0000, which a label name cannot hold"),
        ("A\nB", "'A\\nB' contains the character U+000A, which a label name cannot hold"),
        ("PER\ud800", "'PER\\ud800' contains the character U+D800"),
        ("PER\uffff", "'PER\\uffff' contains the character U+FFFF"),
        ("AB\u202eC", "'AB\\u202eC' contains the character U+202E"),  # reads "ABC" reversed
    ],
)
def test_the_label_name_rule(name, reason):
    from storage.label_rules import clean_label_name

    with pytest.raises(ValueError) as refused:
        clean_label_name(name)
    assert str(refused.value).startswith(reason)


def test_the_label_name_rule_strips_and_keeps_the_rest():
    from storage.label_rules import clean_label_name

    assert clean_label_name("  Thema Ä  ") == "Thema Ä"
    assert clean_label_name("X" * 64) == "X" * 64


def test_the_schema_editor_uses_the_same_rule(project):
    with pytest.raises(ValueError, match="U\\+0000, which a label name cannot hold"):
        add_label(project.db, project.project_id, "entity", "A\x00B", "#123456")
    with pytest.raises(ValueError, match="U\\+D800"):
        update_label(project.db, project.project_id, "entity", "PER", new_name="P\ud800")
    assert "A\x00B" not in label_names(project)


def test_imported_labels_follow_the_rule(project, tmp_path):
    data = tmp_path / "spans.jsonl"
    lines = [
        {"text": "Olaf Scholz", "spans": [[0, 4, "X" * 10_000]]},
        {"text": "Olaf Scholz", "label": [[5, 11, " LOC "]]},
        {"text": "Bonn am Rhein", "spans": [{"start": 0, "end": 4, "label": "A\u0000B"}]},
        {"text": "Köln am Rhein", "spans": [[0, 4, "Thema\n"]]},
    ]
    data.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert summary.imported == 2
    assert [f"{p.location}: {p.severity}: {p.message}" for p in summary.problems] == [
        f"{data}:1: error: span 0–4 has a label that cannot be used: "
        "'XXXXXXXXXXXXXXXXXXXX…' is longer than 64 characters; record skipped",
        f"{data}:3: error: span 0–4 has a label that cannot be used: 'A\\x00B' contains the "
        "character U+0000, which a label name cannot hold; record skipped",
        f"{data}:2: warning: span 5–11: white space around the label ' LOC ' removed",
        f"{data}:4: warning: span 0–4: white space around the label 'Thema\\n' removed",
        f"{data}:4: warning: label 'Thema' was not in the project; added it",
    ]
    assert label_names(project) == ["PER", "LOC", "ORG", "MISC", "Thema"]
    assert stored_spans(project) == [(5, "LOC"), (0, "Thema")]


def test_a_label_differing_only_in_case_is_the_project_label(project, tmp_path):
    data = tmp_path / "gross-klein.jsonl"
    lines = [
        {"text": "Olaf Scholz in Berlin", "spans": [[0, 11, "per"], [15, 21, "Loc"]]},
        {"text": "Angela Merkel", "spans": [[0, 13, "per"]]},
        {"text": "Klimapolitik", "spans": [[0, 12, "Thema"]]},
        {"text": "Energiepolitik", "spans": [[0, 14, "THEMA"]]},
        {"text": "Olaf Scholz", "spans": [[0, 11, "PER"], [0, 11, "per"]]},
    ]
    data.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert label_names(project) == ["PER", "LOC", "ORG", "MISC", "Thema"]
    assert stored_spans(project) == [
        (0, "PER"),
        (15, "LOC"),
        (0, "PER"),
        (0, "Thema"),
        (0, "Thema"),
        (0, "PER"),
    ]
    assert [f"{p.location}: {p.message}" for p in summary.problems] == [
        f"{data}:1: label 'per' taken as the project's label 'PER' (names differing only in "
        "case are one label)",
        f"{data}:1: label 'Loc' taken as the project's label 'LOC' (names differing only in "
        "case are one label)",
        f"{data}:3: label 'Thema' was not in the project; added it",
        f"{data}:4: label 'THEMA' taken as the project's label 'Thema' (names differing only "
        "in case are one label)",
    ]
