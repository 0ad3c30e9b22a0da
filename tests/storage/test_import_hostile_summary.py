"""The import's report stays small and printable however hostile the input (issue 14,
point 9 and the same kind)."""

from __future__ import annotations

import json

from storage.importing import service
from storage.importing.readers import read_paths
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from storage.importing.service import Importer


def test_a_reimport_of_many_duplicates_lists_the_first_and_counts_all(project, tmp_path):
    data = tmp_path / "viele.jsonl"
    data.write_text(
        "".join(json.dumps({"text": f"Meldung {n}"}) + "\n" for n in range(2500)),
        encoding="utf-8",
    )
    importer = Importer(project.db, project.project_id)
    assert importer.import_paths([data]).imported == 2500
    again = importer.import_paths([data])
    assert len(again.duplicates) == service.MAX_REPORTED_DUPLICATES == 1000
    assert (again.duplicate_count, again.error_count, again.skipped) == (2500, 0, 2500)
    lines = again.lines()
    assert lines[0] == f"{data}:1: skipped: duplicate of “viele.jsonl”"
    assert lines[-2:] == [
        "… and 1500 more duplicates not listed",
        "imported 0 documents (0 spans), skipped 2500 duplicates and 0 with errors",
    ]


def test_warnings_past_the_cap_are_counted(project, monkeypatch):
    monkeypatch.setattr(service, "MAX_REPORTED_PROBLEMS", 2)
    records = [
        ImportedRecord(
            text=f"Meldung {n}", source="t.jsonl", location=f"t.jsonl:{n}", title="T\x07"
        )
        for n in range(5)
    ]
    summary = Importer(project.db, project.project_id).import_items(records)
    assert (summary.imported, len(summary.problems), summary.warning_count) == (5, 2, 5)
    assert "… and 3 more warnings not listed" in summary.lines()


def test_the_report_never_carries_control_characters_or_invalid_characters(project, tmp_path):
    folder = tmp_path / "namen"
    folder.mkdir()
    # A file name that would retitle the terminal, and one whose bytes are not UTF-8.
    (folder / "titel\x1b]0;gehackt\x07.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "caf\udcff.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    summary = Importer(project.db, project.project_id).import_paths([folder])
    lines = summary.lines()
    assert lines[:4] == [
        f"{folder}/caf\\udcff.txt: warning: the source name is stored as 'namen/caf\ufffd.txt': "
        "bytes that are not UTF-8 replaced by U+FFFD",
        f"{folder}/caf\\udcff.txt: error: binary file, not text",
        f"{folder}/titel\\x1b]0;gehackt\\x07.txt: warning: the source name is stored as "
        "'namen/titel]0;gehackt.txt': control characters removed",
        f"{folder}/titel\\x1b]0;gehackt\\x07.txt: error: binary file, not text",
    ]
    for line in lines:
        line.encode("utf-8")
        assert not any(ord(c) < 32 for c in line)


def test_a_csv_header_of_very_many_columns_is_capped(tmp_path):
    data = tmp_path / "breit.csv"
    # Repeated names were numbered by a search that was cubic in the number of columns (an
    # hour for 5,000), and every column became a metadata key.
    data.write_text("text," + ",".join(["a"] * 1100) + "\nMeldung," + ",".join(["1"] * 1100) + "\n")
    items = list(read_paths([data], ReadOptions()))
    assert items[0] == ImportProblem(
        f"{data}:1",
        "only the first 1,024 columns are read; this row has a value in column 1,025, which is "
        "left out here and in every other row",
        severity="warning",
    )
    (record,) = items[1:]
    assert isinstance(record, ImportedRecord)
    assert list(record.meta)[:3] == ["a", "a (2)", "a (3)"] and len(record.meta) == 1023
