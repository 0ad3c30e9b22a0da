"""Holders and evidence go out in a handed-out file and come back with the merge: an actor the
annotator added on the laptop, the holder's words and the evidence."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from storage.models import StanceAnnotation
from storage.project import open_project
from storage.stance.actors import add_actors, project_actors
from storage.stance.edits import StanceEditor
from storage.stance.holder_names import HolderNames
from storage.stance.store import add_target
from storage.team.handout import hand_out
from storage.team.merge_run import merge_files
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

SECOND = (GERMAN_TEXT.index("Russland"), len(GERMAN_TEXT))


def at(word: str) -> tuple[int, int]:
    start = GERMAN_TEXT.index(word)
    return start, start + len(word)


def test_holders_and_evidence_travel_out_and_back(tmp_path: Path) -> None:
    coordinator = tmp_path / "p.sqlite"
    with open_project(coordinator) as project:
        add_target(project.db, project.project_id, "NATO")
        add_actors(project.db, project.project_id, [("Russland", ["Moskau"], "country")])
        (document,) = add_documents(project, [GERMAN_TEXT])
        hand_out(project.db, project.project_id, ["anna"], tmp_path / "out")
    with open_project(tmp_path / "out" / "anna.sqlite") as laptop:
        with laptop.db.read() as session:
            assert [a.name for a in project_actors(session, laptop.project_id)] == ["Russland"]
        add_actors(laptop.db, laptop.project_id, [("Scholz", ["Olaf Scholz"], "person")])
        editor = StanceEditor(laptop.db, laptop.project_id, add_annotator(laptop, "anna"))
        nato = editor.set_sentence(document, *SECOND, 1, "NATO", "AGAINST").span_ids[0]
        editor.set_holder(nato, start=at("Russland")[0], end=at("Russland")[1])
        editor.set_evidence(nato, *at("verurteilte"))
        favour = editor.set_sentence(document, 0, GERMAN_TEXT.index(".") + 1, 0, "NATO", "FAVOR")
        editor.set_holder(favour.span_ids[0], actor="Scholz")
    with open_project(coordinator) as project:
        merge_files(project.db, project.project_id, [tmp_path / "out" / "anna.sqlite"])
        with project.db.read() as session:
            names = HolderNames(session, project.project_id)
            rows = sorted(
                (
                    row.start_offset,
                    names.name(
                        row.holder_actor_id,
                        GERMAN_TEXT[row.holder_start : row.holder_end]
                        if row.holder_start is not None
                        else None,
                    ),
                    row.holder_start,
                    row.evidence_start,
                    row.evidence_end,
                )
                for row in session.scalars(select(StanceAnnotation))
            )
            actors = {a.name: a.aliases for a in project_actors(session, project.project_id)}
    assert actors == {"Russland": ("Moskau", "Russland"), "Scholz": ("Olaf Scholz", "Scholz")}
    assert rows == [
        (0, "Scholz", None, None, None),
        (SECOND[0], "Russland", at("Russland")[0], *at("verurteilte")),
    ]
