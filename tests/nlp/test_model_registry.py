"""The model registry: candidates recorded, one active model per component and language,
activation in one transaction, and projects from before the registry keeping their model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from nlp.pipelines import project_pipeline, resolve_pipeline
from nlp.stance_training import active_stance, active_stance_model
from services.entity_training import active_ner_model
from storage.model_registry import (
    ModelInfo,
    UnknownModelError,
    activate_model,
    active_model,
    list_models,
    model_origin_names,
    record_model,
)
from storage.models import Project, TrainedModel
from storage.project import OpenProject
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.factories import add_documents

VERSIONS = ("20261101T100000000000", "20261102T100000000000", "20261103T100000000000")


def model_folder(root: Path, version: str, language: str = "de") -> Path:
    """A folder that passes for a trained pipeline where only its meta is read."""
    folder = root / f"ner-{version}"
    folder.mkdir(parents=True)
    meta = {"lang": language, "name": "project_ner", "version": version}
    (folder / "meta.json").write_text(json.dumps(meta))
    return folder


def candidate(version: str, path: Path, language: str = "de", f1: float = 0.5) -> ModelInfo:
    return ModelInfo(
        component="ner",
        version=version,
        name=f"{language}_project_ner",
        language=language,
        path=str(path),
        base="de_standpunkt_ner@0.1.0",
        training_documents=8,
        training_spans=20,
        held_out_documents=2,
        f1=f1,
        base_f1=0.4,
        scores={"f1": f1, "per_label": {"LOC": {"precision": f1, "recall": f1, "f1": f1}}},
        base_scores={"f1": 0.4, "per_label": {}},
        details={"version": version, "path": str(path), "language": language},
    )


def test_record_list_and_activate_one_per_component_and_language(
    project: OpenProject, tmp_path: Path
) -> None:
    folders = [model_folder(tmp_path, v) for v in VERSIONS]
    with project.db.write() as session:
        first = record_model(session, project.project_id, candidate(VERSIONS[0], folders[0]))
        record_model(session, project.project_id, candidate(VERSIONS[1], folders[1]), activate=True)
        english = candidate(VERSIONS[2], folders[2], language="en")
        record_model(session, project.project_id, english, activate=True)
    assert not first.active and first.created_at is not None
    with project.db.read() as session:
        models = list_models(session, project.project_id)
        german = active_model(session, project.project_id, "ner", "de")
        assert active_model(session, project.project_id, "stance", "de") is None
    assert [(m.version, m.active) for m in models] == [
        (VERSIONS[0], False),
        (VERSIONS[1], True),
        (VERSIONS[2], True),
    ]
    assert german is not None and german.version == VERSIONS[1] and german.activated_at
    assert german.origin == f"de_project_ner@{VERSIONS[1]}"
    assert german.scores["per_label"]["LOC"]["f1"] == 0.5
    assert models[0].to_dict()["created_at"].endswith("Z")

    with project.db.write() as session:  # switching back deactivates the other German one
        activate_model(session, project.project_id, "ner", VERSIONS[0])
    with project.db.read() as session:
        active = {
            (m.version, m.language) for m in list_models(session, project.project_id) if m.active
        }
    assert active == {(VERSIONS[0], "de"), (VERSIONS[2], "en")}
    with pytest.raises(UnknownModelError), project.db.write() as session:
        activate_model(session, project.project_id, "ner", "19990101T000000000000")


def test_the_schema_allows_one_active_model_per_language(
    project: OpenProject, tmp_path: Path
) -> None:
    with project.db.write() as session:
        record_model(session, project.project_id, candidate(VERSIONS[0], tmp_path), activate=True)
    with pytest.raises(IntegrityError), project.db.write() as session:
        session.add(
            TrainedModel(
                project_id=project.project_id,
                component="ner",
                version=VERSIONS[1],
                name="de_project_ner",
                language="de",
                path=str(tmp_path),
                base="x",
                active=True,
            )
        )


def test_a_model_from_before_the_registry_stays_active(
    project: OpenProject, tmp_path: Path
) -> None:
    old = model_folder(tmp_path, VERSIONS[0])
    legacy = {
        "version": VERSIONS[0],
        "path": str(old),
        "origin": f"de_project_ner@{VERSIONS[0]}",
        "base": "de_standpunkt_ner@0.1.0",
        "language": "de",
        "training_documents": 7,
        "held_out_documents": 2,
        "scores": {"f1": 0.7, "per_label": {}},
        "base_scores": {"f1": 0.3, "per_label": {}},
        "active": True,
    }
    with project.db.write() as session:
        session.get(Project, project.project_id).settings = {"ner_model": legacy}
    with project.db.read() as session:
        found = active_model(session, project.project_id, "ner", "de")
        assert active_model(session, project.project_id, "ner", "en") is None
        [listed] = list_models(session, project.project_id)
    assert found is not None and found.legacy and found.f1 == 0.7 and listed.active
    assert active_ner_model(project.db, project.project_id) == legacy  # same shape as before
    assert project_pipeline(project.db, project.project_id, "de").origin == (
        f"de_project_ner@{VERSIONS[0]}"
    )

    # A worse candidate is recorded: the old model becomes a registry row and stays active.
    with project.db.write() as session:
        record_model(session, project.project_id, candidate(VERSIONS[1], tmp_path / "x"))
    with project.db.read() as session:
        models = list_models(session, project.project_id)
        found = active_model(session, project.project_id, "ner", "de")
    assert [(m.version, m.active, m.legacy) for m in models] == [
        (VERSIONS[0], True, False),
        (VERSIONS[1], False, False),
    ]
    assert found is not None and found.version == VERSIONS[0]


def test_a_stance_classifier_from_before_the_registry_stays_active(
    project: OpenProject, tmp_path: Path
) -> None:
    folder = tmp_path / "stance-x"
    folder.mkdir()
    legacy = {
        "version": VERSIONS[0],
        "path": str(folder),
        "training_labels": 300,
        "held_out_labels": 40,
        "classifier_macro_f1": 0.6,
        "lexicon_macro_f1": 0.5,
        "active": True,
        "language": "de",
        "previous": "stance-lexicon",
        "previous_macro_f1": 0.5,
        "labels_total": 340,
    }
    with project.db.write() as session:
        session.get(Project, project.project_id).settings = {"stance_model": legacy}
    assert active_stance_model(project.db, project.project_id) == legacy
    active = active_stance(project.db, project.project_id)
    assert active.is_classifier and active.macro_f1 == 0.6
    assert active.name == f"stance-textcat {VERSIONS[0]}"
    assert active.activated is not None and active.activated.day == 1


def test_the_project_pipeline_falls_back_to_the_resolver(
    project: OpenProject, tmp_path: Path
) -> None:
    resolver = resolve_pipeline("de")
    assert project_pipeline(project.db, project.project_id, "de") == resolver
    folder = model_folder(tmp_path, VERSIONS[0])
    with project.db.write() as session:
        record_model(session, project.project_id, candidate(VERSIONS[0], folder), activate=True)
    choice = project_pipeline(project.db, project.project_id, "de")
    assert choice.origin == f"de_project_ner@{VERSIONS[0]}" and choice.source == "project"
    folder.rename(tmp_path / "moved")  # the folder is gone: suggest as before
    assert project_pipeline(project.db, project.project_id, "de") == resolver


def test_model_origin_names_are_the_open_model_suggestions(project: OpenProject) -> None:
    [document_id] = add_documents(project, ["Olaf Scholz sprach in Berlin."])
    suggestions = [
        SpanSuggestion(0, 11, "PER", 0.9, "model", "de_standpunkt_ner", "0.1.0"),
        SpanSuggestion(22, 28, "LOC", None, "pattern", "cities.jsonl", "1"),
    ]
    store_entity_suggestions(project.db, project.project_id, document_id, suggestions, [])
    with project.db.read() as session:
        assert model_origin_names(session, [document_id]) == {"de_standpunkt_ner"}
        assert model_origin_names(session, []) == set()
