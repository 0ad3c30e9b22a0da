"""What a handed-out file carries (the memory of the documents that stayed behind, the
active models under a path that moves with it), and handing out again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from storage.entity_edits import EntityEditor
from storage.memory.learning import memory_stats
from storage.model_registry import ModelInfo, active_model, record_model
from storage.models import Document, EntityLabel
from storage.project import open_project
from storage.team.handout import hand_out
from tests.factories import GERMAN_TEXT, add_annotator, add_documents, run
from tests.team_factories import at, describe

TEXTS = [GERMAN_TEXT + f" Teil {n}." for n in range(4)]


def coordinator_with_memory_and_model(path: Path, models: Path) -> None:
    """Four documents; carl accepted "NATO" as ORG in all of them; an active entity model."""
    with open_project(path) as project:
        docs = add_documents(project, TEXTS)
        carl = EntityEditor(project.db, project.project_id, add_annotator(project, "carl"))
        for doc in docs:
            carl.add(doc, *at("NATO"), "ORG")
        folder = models / "ner-7"
        folder.mkdir(parents=True)
        (folder / "meta.json").write_text('{"name": "test"}', encoding="utf-8")
        with project.db.write() as session:
            record_model(
                session,
                project.project_id,
                ModelInfo("ner", "7", "de_project_ner", "de", str(folder), "de_base"),
                activate=True,
            )


def test_the_memory_of_documents_left_behind_travels_summed(tmp_path: Path) -> None:
    coordinator = tmp_path / "c.sqlite"
    coordinator_with_memory_and_model(coordinator, tmp_path / "elsewhere")
    with open_project(coordinator) as project:
        report = hand_out(project.db, project.project_id, ["anna", "ben"], tmp_path / "out",
                          overlap=0.0)  # fmt: skip
    assert [f.documents for f in report.files] == [2, 2]
    with open_project(tmp_path / "out" / "anna.sqlite") as anna, anna.db.read() as session:
        org = session.scalar(select(EntityLabel.id).where(EntityLabel.name == "ORG"))
        stats = memory_stats(session, anna.project_id)[("NATO", org)]
        assert session.query(Document).count() == 2
        # Accepted in 4 documents, 2 of them here (their own rows), 2 carried as a sum.
        assert (stats.accepted, stats.rejected, stats.documents) == (4, 0, 4)


def test_the_active_model_is_copied_and_found_where_the_file_goes(tmp_path: Path) -> None:
    coordinator = tmp_path / "c.sqlite"
    coordinator_with_memory_and_model(coordinator, tmp_path / "elsewhere")
    with open_project(coordinator) as project:
        hand_out(project.db, project.project_id, ["anna"], tmp_path / "out")
    shutil.rmtree(tmp_path / "elsewhere")  # the coordinator's machine is far away
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    shutil.move(tmp_path / "out" / "anna.sqlite", laptop / "anna.sqlite")
    shutil.move(tmp_path / "out" / "anna.sqlite.models", laptop / "anna.sqlite.models")
    with open_project(laptop / "anna.sqlite") as anna, anna.db.read() as session:
        model = active_model(session, anna.project_id, "ner", "de")
    assert model is not None
    assert Path(model.path) == laptop / "anna.sqlite.models" / "ner-7"
    assert json.loads((Path(model.path) / "meta.json").read_text())["name"] == "test"


def test_handing_out_again_writes_only_new_documents_and_keeps_the_earlier_file(
    capsys, tmp_path: Path
) -> None:
    coordinator = tmp_path / "c.sqlite"
    with open_project(coordinator) as project:
        add_documents(project, TEXTS[:2])
    out = tmp_path / "out"
    args = ["handout", "--project", str(coordinator), "--annotators", "anna", "--out", str(out)]
    assert run(capsys, *args)[0] == 0
    first = (out / "anna.sqlite").read_bytes()
    with open_project(out / "anna.sqlite"):  # anna opened it: a backups folder beside it
        pass
    assert (out / "anna.sqlite.backups").is_dir()
    first = (out / "anna.sqlite").read_bytes()
    code, text, _ = run(capsys, *args)
    assert code == 0 and "anna: nothing new to hand out" in text
    assert (out / "anna.sqlite").read_bytes() == first  # nothing new: the file stays
    with open_project(coordinator) as project:
        add_documents(project, TEXTS[2:])
    code, text, err = run(capsys, *args, "--json")
    assert code == 0, err
    report = json.loads(text)
    (written,) = report["files"]
    assert written["documents"] == 2
    kept = Path(written["earlier_file_kept_as"])
    assert kept.read_bytes() == first and kept.parent == out
    assert Path(f"{kept}.backups").is_dir() and not (out / "anna.sqlite.backups").exists()
    assert describe(out / "anna.sqlite")["documents"] != describe(kept)["documents"]
    assert {d[3] for d in describe(out / "anna.sqlite")["documents"]} == set(TEXTS[2:])
    # Both files merge back like the first (nothing labelled: nothing changes but the log).
    before = describe(coordinator)
    code, text, err = run(capsys, "merge", "--project", str(coordinator), str(kept),
                          str(out / "anna.sqlite"))  # fmt: skip
    assert code == 0, err
    assert describe(coordinator)["documents"] == before["documents"]
