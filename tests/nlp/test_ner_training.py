"""Fine-tuning the entity model from a project's accepted spans: a pipeline folder that
suggests, per-label scores, activation only when better, and a clear refusal on too little."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from sqlalchemy import select

import nlp.ner_training as ner_training
from nlp.entity_suggester import CONFIDENCE_FILE
from nlp.stance_training import is_held_out
from storage.entity_edits import EntityEditor
from storage.importing.service import text_hash
from storage.label_schema import add_label
from storage.models import EntitySpan, Project
from storage.project import open_project
from tests.conftest import add_annotator, add_documents
from tests.test_command_line import run

WEAPONS = ["Leopard", "Taurus", "Patriot", "Iskander", "Himars", "Gepard"]
PLACES = ["Berlin", "Kiew", "Moskau", "Warschau"]
TEMPLATES = [
    "Die Regierung in {loc} lehnt die Lieferung von {w} weiterhin ab.",
    "Nach Angaben aus {loc} sind neue {w} an der Front eingetroffen.",
    "Experten in {loc} halten das System {w} für sehr wirksam.",
]
UNLABELLED = [
    "Olaf Scholz sprach am Montag in Berlin über die Lage in der Ukraine.",
    "In Kiew traf Anna Berg den Botschafter der Vereinigten Staaten.",
]


def labelled_texts(count: int) -> list[str]:
    return [
        TEMPLATES[i % len(TEMPLATES)].format(loc=PLACES[i % len(PLACES)], w=WEAPONS[i % 6])
        + f" Meldung {i}."
        for i in range(count)
    ]


def make_labelled_project(path: Path, count: int) -> list[str]:
    """A project whose first ``count`` documents have accepted WAFFE and LOC spans by anna,
    plus two unlabelled ones (rehearsal material); returns the labelled texts."""
    texts = labelled_texts(count)
    with open_project(path) as project:
        ids = add_documents(project, texts + UNLABELLED)
        add_label(project.db, project.project_id, "entity", "WAFFE", "#ff0000")
        editor = EntityEditor(project.db, project.project_id, add_annotator(project))
        for i, (document_id, text) in enumerate(zip(ids, texts, strict=False)):
            for word, label in ((WEAPONS[i % 6], "WAFFE"), (PLACES[i % len(PLACES)], "LOC")):
                start = text.index(word)
                editor.add(document_id, start, start + len(word), label)
    return texts


def project_settings(path: Path) -> dict:
    with open_project(path) as project, project.db.read() as session:
        return dict(session.get(Project, project.project_id).settings)


def test_train_writes_a_pipeline_that_loads_and_suggests(capsys, tmp_path):
    project = tmp_path / "p.sqlite"
    texts = make_labelled_project(project, 12)
    held_out = sum(is_held_out(text_hash(t)) for t in texts)
    assert 0 < held_out < 12  # the fixture must exercise both sides of the split
    out = tmp_path / "models"
    code, stdout, err = run(
        capsys, "train", "--project", str(project), "--component", "ner", "--out", str(out)
    )
    assert code == 0, err
    rehearsal = sum(not is_held_out(text_hash(t)) for t in UNLABELLED)
    assert f"on {12 - held_out} documents (and {rehearsal} unlabelled for rehearsal)" in stdout
    assert f"tested on {held_out} held-out documents" in stdout
    assert "new labels: WAFFE" in stdout
    assert "new model de_project_ner@" in stdout and "base model de_standpunkt_ner@0.1.0" in stdout
    waffe = [line.split() for line in stdout.splitlines() if line.strip().startswith("WAFFE ")]
    assert len(waffe) == 2  # the new model's line and the base's
    assert float(waffe[0][3]) > 0.0 and float(waffe[1][3]) == 0.0  # learnt a label it lacked
    assert float(stdout.split("held-out F1: new ")[1].split(",")[0]) > 0.5
    folders = list(out.glob("ner-*"))
    assert len(folders) == 1 and f"saved in {folders[0]}" in stdout
    nlp = spacy.load(folders[0])
    assert "WAFFE" in nlp.get_pipe("ner").labels and (folders[0] / CONFIDENCE_FILE).is_file()
    assert "ner_model" not in project_settings(project)  # no --activate: nothing changes
    version = folders[0].name.removeprefix("ner-")
    with open_project(project) as opened:  # labelled places get no suggestions: a new text
        add_documents(opened, ["Experten in Warschau halten das System Taurus für wirksam."])
    code, _, err = run(capsys, "suggest", "--project", str(project), "--model", str(folders[0]))
    assert code == 0, err
    assert f": de_project_ner@{version}" in err  # the documents have no language: "unknown"
    with open_project(project) as opened, opened.db.read() as session:
        spans = session.scalars(select(EntitySpan).where(EntitySpan.origin_version == version))
        labels = {span.label.name for span in spans}
    assert "WAFFE" in labels


def fixed_scores(monkeypatch: pytest.MonkeyPatch, base_f1: float, new_f1: float) -> None:
    """The base is scored first, then the new model (see ``train_project_ner``)."""
    results = iter([base_f1, new_f1])

    def score(_nlp, _gold) -> dict:
        f1 = next(results)
        per_label = {"WAFFE": {"precision": f1, "recall": f1, "f1": f1}}
        return {"precision": f1, "recall": f1, "f1": f1, "per_label": per_label}

    monkeypatch.setattr(ner_training, "score", score)


@pytest.mark.parametrize(("base_f1", "new_f1", "activated"), [(0.8, 0.8, False), (0.4, 0.6, True)])
def test_activate_only_when_better_than_the_base(
    capsys, tmp_path, monkeypatch, base_f1, new_f1, activated
):
    monkeypatch.setattr(ner_training, "EPOCHS", 1)
    fixed_scores(monkeypatch, base_f1, new_f1)
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 8)
    code, stdout, err = run(
        capsys, "train", "--project", str(project), "--component", "ner", "--activate"
    )
    assert code == 0, err
    assert f"held-out F1: new {new_f1:.3f}, base {base_f1:.3f}" in stdout
    assert ("not activated: it is not better than" in stdout) is not activated
    settings = project_settings(project)
    assert settings["ner_model"]["active"] if activated else "ner_model" not in settings
    assert settings["ner_last_training"]["scores"]["f1"] == new_f1
    # Models go beside the project file when --out is not given.
    assert Path(settings["ner_last_training"]["path"]).parent == tmp_path / "p.sqlite.models"


def test_too_few_documents_fail_with_the_counts(capsys, tmp_path):
    project = tmp_path / "p.sqlite"
    texts = make_labelled_project(project, 3)
    held_out = sum(is_held_out(text_hash(t)) for t in texts)
    code, stdout, err = run(capsys, "train", "--project", str(project), "--component", "ner")
    assert code == 1 and stdout == ""
    assert err == (
        "error: entity training needs at least 5 documents with accepted entity spans, at "
        "least 1 of them held out for testing and 1 to train on; the project has 3 "
        f"({held_out} held out)\n"
    )
    assert not (tmp_path / "p.sqlite.models").exists()


def test_both_runs_ner_then_stance(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(ner_training, "EPOCHS", 1)
    fixed_scores(monkeypatch, 0.5, 0.5)
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 8)
    code, stdout, err = run(capsys, "train", "--project", str(project), "--component", "both")
    # The entity model was trained and saved; stance has no labels, so the run fails there.
    assert "entity model de_project_ner@" in stdout
    assert code == 1 and "error: training needs 30 accepted sentence labels" in err
    record = json.loads(
        next((tmp_path / "p.sqlite.models").glob("ner-*/standpunkt_training.json")).read_text()
    )
    assert record["training_documents"] + record["held_out_documents"] == 8


def test_a_document_labelled_twice_counts_once_with_the_first_annotators_spans(tmp_path):
    project = tmp_path / "p.sqlite"
    texts = make_labelled_project(project, 6)
    with open_project(project) as opened:
        zoe = EntityEditor(opened.db, opened.project_id, add_annotator(opened, "zoe"))
        start = texts[0].index(PLACES[0])
        zoe.add(1, start, start + len(PLACES[0]), "ORG")  # document 1 holds texts[0]
        data = ner_training.labelled_documents(opened.db, opened.project_id)
    assert data.several_annotators == 1 and len(data.training) + len(data.held_out) == 6
    doc = next(d for d in data.training + data.held_out if d.text == texts[0])
    assert sorted(e.label_ for e in doc.ents) == ["LOC", "WAFFE"]  # anna's, not zoe's ORG
