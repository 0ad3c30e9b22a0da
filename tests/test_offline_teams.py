"""Offline teams: two annotators' files handed out from one project, labelled through the
editors the window uses, merged back in both orders."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.entity_edits import EntityEditor
from storage.models import (
    Document,
    EntityLabel,
    MemoryCarried,
    Project,
    StanceTarget,
    TargetAlias,
)
from storage.project import open_project
from storage.team.handout import handout_info
from tests.factories import GERMAN_TEXT, add_annotator, run
from tests.team_factories import (
    NEW_TEXT,
    SECOND_TEXT,
    THIRD_TEXT,
    anna_at_the_coordinators_desk,
    anna_works,
    at,
    ben_works,
    describe,
    hand_out_to_anna_and_ben,
    make_coordinator,
)


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The coordinator's project, handed out; anna and ben worked; anna also edited the
    second document at the coordinator's desk (before her laptop's edits: those win). Built
    once: every test merges into its own copy and only reads the files."""
    tmp_path = tmp_path_factory.mktemp("team")
    coordinator = tmp_path / "coordinator.sqlite"
    ids = make_coordinator(coordinator)
    out = tmp_path / "out"
    hand_out_to_anna_and_ben(coordinator, out)
    anna_at_the_coordinators_desk(coordinator, ids)
    anna_works(out / "anna.sqlite", ids)
    ben_works(out / "ben.sqlite", ids)
    return {"project": coordinator, "anna": out / "anna.sqlite", "ben": out / "ben.sqlite"}


def merged(capsys, team: dict, tmp_path: Path, name: str, *files: str) -> tuple[Path, dict]:
    project = tmp_path / f"{name}.sqlite"
    shutil.copy(team["project"], project)
    report = {}
    for file in files:
        code, out, err = run(capsys, "merge", "--project", str(project), str(team[file]), "--json")
        assert code == 0, err
        report[file] = json.loads(out)
    return project, report


def log_size(project: Path) -> int:
    connection = sqlite3.connect(project)
    try:
        return connection.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        connection.close()


def test_a_handed_out_file_holds_the_annotators_documents_and_says_whose_it_is(team) -> None:
    with open_project(team["anna"], read_only=True) as anna, anna.db.read() as session:
        settings = session.get(Project, anna.project_id).settings
        texts = set(session.scalars(select(Document.text)))
        labels = set(session.scalars(select(EntityLabel.name)))
        aliases = set(session.scalars(select(TargetAlias.alias)))
        targets = set(session.scalars(select(StanceTarget.name)))
        carried = session.scalar(select(func.count()).select_from(MemoryCarried))
    info = handout_info(settings)
    assert info is not None and info["annotator"] == "anna"
    assert info["project"] == "coordinator"  # named after the coordinator's project
    # Hers (every document, overlap 1.0), and the one she added; carl's work stays behind.
    assert texts == {GERMAN_TEXT, SECOND_TEXT, THIRD_TEXT, NEW_TEXT}
    assert {"PER", "ORG", "LOC", "EVENT"} <= labels
    assert targets == {"NATO", "Russland"} and "Moskau" in aliases
    assert carried == 0  # every document was handed out: no memory stays behind
    # carl's span did not travel with the document.
    assert describe(team["anna"])["spans"] and all(
        row[7] in (None, "anna") for row in describe(team["anna"])["spans"]
    )


def test_merging_in_either_order_gives_the_same_project(capsys, team, tmp_path) -> None:
    one, _ = merged(capsys, team, tmp_path, "ab", "anna", "ben")
    two, _ = merged(capsys, team, tmp_path, "ba", "ben", "anna")
    assert describe(one) == describe(two)


def test_merging_twice_changes_nothing(capsys, team, tmp_path) -> None:
    project, first = merged(capsys, team, tmp_path, "twice", "anna", "ben")
    before = describe(project)
    log = log_size(project)
    for file in ("anna", "ben"):
        code, out, err = run(capsys, "merge", "--project", str(project), str(team[file]), "--json")
        assert code == 0, err
        again = json.loads(out)
        person = again["files"][0]["annotators"][0]
        assert (person["documents_updated"], person["conflicts"], again["conflicts"]) == (
            0,
            [],
            0,
        )
        assert again["files"][0]["events"] == 0 and again["files"][0]["new_documents"] == 0
    assert describe(project) == before
    assert log_size(project) == log  # not even a log entry for a merge that did nothing
    assert first["anna"]["conflicts"] == 1


def test_nothing_of_the_coordinators_project_changes_but_the_merged_rows(
    capsys, team, tmp_path
) -> None:
    before = describe(team["project"])
    project, report = merged(capsys, team, tmp_path, "rows", "anna", "ben")
    after = describe(project)

    def others(rows: list, who: int) -> list:
        return [row for row in rows if row[who] not in ("anna", "ben")]

    assert others(after["spans"], 7) == others(before["spans"], 7)  # carl's and machines'
    added = [d for d in after["documents"] if d not in before["documents"]]
    assert set(before["documents"]) < set(after["documents"])
    assert [d[3] for d in added] == [NEW_TEXT]
    assert set(before["events"]) <= set(after["events"])
    assert set(before["assignments"]) <= set(after["assignments"])
    assert after["labels"] == sorted([*before["labels"], "EVENT"])
    # anna's second document: her laptop's work (edited last) replaced her desk's edit,
    # which is kept apart, and the report names the document and the spans.
    anna_second = [row for row in after["spans"] if row[7] == "anna" and row[4] == "accepted"]
    assert any(row[8] is not None and row[8][3] == "ORG" for row in anna_second)
    assert "done" in {row[2] for row in after["status"] if row[1] == "anna"}
    assert [row[2] for row in after["flags"]] == ["NATO or not?"]
    assert len(after["set_aside"]) == 1 and after["set_aside"][0][2] == "project"
    conflict = report["anna"]["files"][0]["annotators"][0]["conflicts"][0]
    assert conflict["kept"] == "file"
    assert any(
        "LOC" in d and "Russland" in d and d.startswith("project:") for d in conflict["differences"]
    )
    assert report["anna"]["files"][0]["schema_added"] == ["entity label EVENT"]
    anna = report["anna"]["files"][0]["annotators"][0]
    assert anna["new_documents"] == 1 and anna["annotator"] == "anna"
    # The memory learnt from both: Olaf Scholz accepted by anna and ben in the shared text.
    memory = {(row[0], row[1], row[3], row[4]) for row in after["memory"]}
    assert ("Olaf Scholz", "PER", 2, 0) in memory and ("Gipfel", "EVENT", 1, 0) in memory


def test_agreement_sees_both_annotators_after_the_merge(capsys, team, tmp_path) -> None:
    project, _ = merged(capsys, team, tmp_path, "agree", "anna", "ben")
    code, out, err = run(capsys, "agreement", "--project", str(project), "--json")
    assert code == 0, err
    report = json.loads(out)
    # The same work as tests/test_agreement_command.py, done on two laptops: the same
    # figures, worked out by hand there (span F1 2*3/8, token kappa 174/197, stance 0).
    assert report["documents"] == 1
    assert report["annotators"] == ["anna", "ben"]
    assert report["entities"]["span_f1"] == 0.75
    assert report["entities"]["token_kappa"] == round(174 / 197, 4)
    assert (report["stance"]["units"], report["stance"]["kappa"]) == (2, 0.0)


def test_the_text_report_names_files_annotators_and_conflicts(capsys, team, tmp_path) -> None:
    project = tmp_path / "text.sqlite"
    shutil.copy(team["project"], project)
    code, out, err = run(capsys, "merge", "--project", str(project), str(team["anna"]))
    assert code == 0, err
    assert "anna: 3 documents, 9 decisions, 3 updated" in out
    assert "1 new documents, 1 conflicts" in out
    assert "conflict in document" in out and "kept the file's version" in out
    assert out.splitlines()[-1].startswith("merged 1 files, 1 conflicts")


def test_merging_into_a_team_database_gives_the_same_work(
    capsys, team, tmp_path, postgres_url: str
) -> None:
    from storage.copy_project import copy_project

    copy_project(team["project"], postgres_url)
    for file in ("anna", "ben"):
        code, _, err = run(capsys, "merge", "--project", postgres_url, str(team[file]))
        assert code == 0, err
    back = tmp_path / "back.sqlite"
    copy_project(postgres_url, back)
    on_file, _ = merged(capsys, team, tmp_path, "file", "anna", "ben")
    server, local = describe(back), describe(on_file)
    for part in ("documents", "labels", "spans", "stance", "status", "flags", "set_aside"):
        assert server[part] == local[part], part


def test_one_annotators_two_files_that_conflict_merge_alike_in_either_order(
    capsys, team, tmp_path
) -> None:
    """anna's work on one document in two files (her laptop and a second machine): the
    version edited last wins whichever file comes first, and the other is set aside."""
    second = tmp_path / "anna-second-machine.sqlite"
    shutil.copy(team["anna"], second)
    with open_project(second) as project:
        with project.db.write() as session:  # another machine's file: another merge source
            row = session.get(Project, project.project_id)
            row.settings = {**row.settings, "handout": {**row.settings["handout"], "uid": "x"}}
        with project.db.read() as session:
            doc = session.scalar(select(Document.id).where(Document.text == SECOND_TEXT))
        anna = add_annotator(project, "anna")
        EntityEditor(project.db, project.project_id, anna).add(
            doc, *at("Olaf Scholz", SECOND_TEXT), "PER"
        )
    files = {**team, "second": second}
    one, first_report = merged(capsys, files, tmp_path, "a2", "anna", "second")
    two, _ = merged(capsys, files, tmp_path, "2a", "second", "anna")
    assert describe(one) == describe(two)
    spans = [row for row in describe(one)["spans"] if row[7] == "anna" and row[3] == "PER"]
    assert any(row[2] - row[1] == len("Olaf Scholz") for row in spans)  # the later edit won
    assert first_report["second"]["conflicts"] == 1
