"""Fine-tuning the entity model from a project's accepted spans: a pipeline folder that
suggests, per-label scores, activation only when better, and a clear refusal on too little."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from sqlalchemy import select

import nlp.ner_training as ner_training
import services.entity_training as entity_training
from nlp.entity_suggester import CONFIDENCE_FILE
from nlp.pipelines import resolve_pipeline
from nlp.stance_training import is_held_out
from services.suggesting import SuggestOptions, suggest_documents
from storage.entity_edits import EntityEditor
from storage.importing.records import ImportedRecord, ImportedSpan
from storage.importing.service import Importer, ImportSettings, text_hash
from storage.label_schema import entity_label_ids
from storage.model_registry import active_model, list_models
from storage.models import (
    AnnotationState,
    EntitySpan,
    OriginKind,
    Project,
)
from storage.progress import set_status
from storage.project import open_project
from tests.factories import add_annotator, add_documents, run
from tests.nlp_factories import (
    DONE,
    PLACES,
    UNLABELLED,
    WEAPONS,
    labelled_texts,
    make_labelled_project,
)


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
        "error: entity training needs at least 5 documents with accepted entity spans, "
        "marked done (or imported with accepted spans), at least 1 of them held out for "
        f"testing and 1 to train on; the project has 3 ({held_out} held out)\n"
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
        zoe_id = add_annotator(opened, "zoe")
        zoe = EntityEditor(opened.db, opened.project_id, zoe_id)
        start = texts[0].index(PLACES[0])
        zoe.add(1, start, start + len(PLACES[0]), "ORG")  # document 1 holds texts[0]
        set_status(opened.db, opened.project_id, 1, zoe_id, DONE)
        data = entity_training.labelled_documents(opened.db, opened.project_id)
    assert data.several_annotators == 1 and len(data.training) + len(data.held_out) == 6
    doc = next(d for d in data.training + data.held_out if d.text == texts[0])
    assert sorted(e.label_ for e in doc.ents) == ["LOC", "WAFFE"]  # anna's, not zoe's ORG


def import_with_spans(project, texts: list[str], as_suggestions: bool = False) -> list[int]:
    """Imports ``texts`` with their WAFFE spans (accepted labels of "import", or suggestions)."""
    records = [
        ImportedRecord(
            text=t,
            source=f"spans{i}.jsonl",
            location=f"spans{i}",
            spans=[
                ImportedSpan(t.index(w), t.index(w) + len(w), "WAFFE") for w in WEAPONS if w in t
            ],
        )
        for i, t in enumerate(texts)
    ]
    settings = ImportSettings(spans_as_suggestions=as_suggestions)
    return Importer(project.db, project.project_id, settings).import_items(records).document_ids


def gold_of(data: ner_training.LabelledDocuments) -> dict[str, list[tuple[str, str]]]:
    return {d.text: [(e.text, e.label_) for e in d.ents] for d in data.training + data.held_out}


def test_training_labels_are_done_documents_imports_and_reviews(tmp_path):
    texts = labelled_texts(5)
    with open_project(tmp_path / "p.sqlite") as project:
        done, undone, reviewed = add_documents(project, texts[:3])
        import_with_spans(project, [texts[3]])
        import_with_spans(project, [texts[4]], as_suggestions=True)
        anna = add_annotator(project)
        editor = EntityEditor(project.db, project.project_id, anna)
        for document_id, text in ((done, texts[0]), (undone, texts[1]), (reviewed, texts[2])):
            for word in (WEAPONS[texts.index(text)], PLACES[texts.index(text)]):
                start = text.index(word)
                editor.add(document_id, start, start + len(word), "LOC")
        set_status(project.db, project.project_id, done, anna, DONE)
        set_status(project.db, project.project_id, reviewed, anna, DONE)
        # A review (import --corrections) relabels anna's weapon and rejects her place.
        reviewer = add_annotator(project, "corrections")
        with project.db.write() as session:
            labels = entity_label_ids(session, project.project_id)
            for word, label, state in (
                (WEAPONS[2], "WAFFE", AnnotationState.EDITED),
                (PLACES[2], "LOC", AnnotationState.REJECTED),
            ):
                start = texts[2].index(word)
                session.add(
                    EntitySpan(
                        document_id=reviewed,
                        doc_length=len(texts[2]),
                        start_offset=start,
                        end_offset=start + len(word),
                        label_id=labels[label],
                        state=state,
                        origin_kind=OriginKind.REVIEW,
                        annotator_id=reviewer,
                    )
                )
        data = entity_training.labelled_documents(project.db, project.project_id)
    assert gold_of(data) == {
        texts[0]: [(PLACES[0], "LOC"), (WEAPONS[0], "LOC")],  # marked done
        texts[2]: [(WEAPONS[2], "WAFFE")],  # the review's version
        texts[3]: [(WEAPONS[3], "WAFFE")],  # imported as accepted labels
    }


def test_every_run_is_recorded_and_a_worse_candidate_is_never_activated(tmp_path):
    make_labelled_project(tmp_path / "p.sqlite", 12)
    with open_project(tmp_path / "p.sqlite") as project:
        [new] = add_documents(project, ["Experten in Warschau halten das System Taurus für gut."])
        db, project_id = project.db, project.project_id
        good = entity_training.train_project_ner(db, project_id, tmp_path / "m", activate=True)
        assert good.active and good.f1 > good.base_f1
        options = SuggestOptions(language="de")
        suggest_documents(db, project_id, [(new, "de")], options)
        before = suggestion_rows(project)
        assert {row[3] for row in before if row[2] == "model"} == {good.origin.split("@")[0]}
        # A candidate without the project's training (the shipped model, no epochs) is worse
        # than the active model, though it would match the base it started from.
        embedded = resolve_pipeline("de").location
        bad = entity_training.train_project_ner(
            db, project_id, tmp_path / "m", base=embedded, epochs=0, activate=True
        )
        assert not bad.active and bad.previous == good.origin and bad.f1 < bad.previous_f1
        with db.read() as session:
            models = list_models(session, project_id, "ner")
            active = active_model(session, project_id, "ner", "de")
        assert active is not None and active.version == good.version
        assert [(m.version, m.active) for m in models] == [
            (good.version, True),
            (bad.version, False),
        ]
        first = models[0]
        assert (first.base, first.training_documents, first.held_out_documents) == (
            good.base,
            good.training_documents,
            good.held_out_documents,
        )
        assert first.training_spans == 2 * good.training_documents  # WAFFE and LOC each
        assert first.scores["per_label"]["WAFFE"]["f1"] == good.scores["per_label"]["WAFFE"]["f1"]
        assert first.created_at is not None and first.activated_at is not None
        assert project_settings(tmp_path / "p.sqlite")["ner_model"]["version"] == good.version
        report = suggest_documents(db, project_id, [(new, "de")], options)
        assert report.pipelines == {"de": good.origin} and report.added == report.removed == 0
        assert suggestion_rows(project) == before


def suggestion_rows(project) -> list[tuple]:
    with project.db.read() as session:
        rows = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.is_(None)))
        return sorted(
            (r.start_offset, r.end_offset, r.origin_kind.value, r.origin_name, r.origin_version)
            for r in rows
        )


def test_long_documents_are_cut_at_sentence_ends_outside_entities():
    nlp = spacy.blank("de")
    sentences = [
        f"Die Lage in {PLACES[i % 4]} bleibt nach Angaben von heute ernst." for i in range(9)
    ]
    doc = nlp(" ".join(sentences))
    doc.ents = [doc.char_span(m, m + len(p), "LOC") for p in PLACES for m in _all(doc.text, p)]
    pieces = ner_training.chunks(doc, size=100)
    assert len(pieces) > 2 and all(len(p.text) < 200 for p in pieces)
    assert "".join(p.text for p in pieces) == doc.text
    assert [e.text for p in pieces for e in p.ents] == [e.text for e in doc.ents]
    assert all(p.text.rstrip().endswith(".") for p in pieces)
    assert ner_training.chunks(doc, size=10_000) == [doc]


def _all(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


def test_epochs_fall_as_the_text_grows(monkeypatch):
    nlp = spacy.blank("de")
    monkeypatch.setattr(ner_training, "CHARACTER_BUDGET", 10_000)
    assert ner_training.epochs_for([nlp("kurz")], []) == ner_training.EPOCHS
    assert ner_training.epochs_for([nlp("x" * 2_500)], []) == 4
    assert ner_training.epochs_for([nlp("x" * 100_000)], []) == ner_training.MIN_EPOCHS
