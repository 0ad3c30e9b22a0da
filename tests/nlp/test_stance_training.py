"""Training the stance classifier from a project's labels: it suggests only when better."""

from __future__ import annotations

import zlib

import pytest

import nlp.stance_training as stance_training
import services.stance_training as stance_service
from storage.model_registry import list_models
from storage.project import open_project
from tests.factories import run
from tests.nlp_factories import make_project, stance_oracle


@pytest.mark.slow
def test_train_activates_a_better_classifier_and_suggest_uses_it(capsys, labelled_project):
    code, out, err = run(
        capsys, "train", "--project", labelled_project, "--component", "stance", "--activate"
    )
    assert code == 0, err
    with capsys.disabled():
        print(out)
    lines = out.splitlines()
    assert lines[0].startswith("stance classifier ")
    classifier, lexicon = (float(x.split()[-1]) for x in lines[1].split(":", 1)[1].split(","))
    assert (classifier > lexicon) == ("active:" in out)
    code, _, err = run(capsys, "suggest", "--project", labelled_project, "--stance-only")
    expected = "stance-textcat-de" if classifier > lexicon else "stance-lexicon-de"
    assert code == 0 and f"de: stance: {expected}" in err
    code, out, _ = run(capsys, "evaluate-stance", "--project", labelled_project)
    assert code == 0 and expected in out.splitlines()[0]


@pytest.mark.slow
def test_a_worse_classifier_is_never_activated(capsys, labelled_project, monkeypatch):
    monkeypatch.setattr(stance_service, "classify", lambda *_args: ("FAVOR", 1.0))
    code, out, _ = run(
        capsys, "train", "--project", labelled_project, "--component", "stance", "--activate"
    )
    assert code == 0 and "not activated" in out
    _, _, err = run(capsys, "suggest", "--project", labelled_project, "--stance-only")
    assert "de: stance: stance-lexicon-de" in err


def test_training_needs_enough_labels(capsys, tmp_path):
    project = make_project(capsys, tmp_path, ["Die NATO warnt Russland vor einer Eskalation."])
    code, _, err = run(capsys, "train", "--project", project, "--component", "stance")
    assert code == 1 and "FAVOR 0, AGAINST 0, NEUTRAL 0" in err
    assert run(capsys, "train", "--project", project, "--component", "tagger")[0] == 2


@pytest.mark.slow
def test_a_candidate_must_beat_the_active_classifier_not_only_the_lexicon(
    labelled_project, monkeypatch, tmp_path
):
    gold = stance_oracle(labelled_project)
    new_models: list[object] = []
    real_train = stance_service.train_classifier

    def train(*args, **kwargs):  # type: ignore[no-untyped-def]
        model = real_train(*args, **kwargs)
        new_models.append(model)
        return model

    def classify(model, sentence, target, _lexicon):  # type: ignore[no-untyped-def]
        label = gold[(sentence, target)]
        # A stable hash (str hashes change with every run): the same sentences go wrong.
        errs = zlib.crc32(sentence.encode()) % 10 == 0
        if model is new_models[-1] and len(new_models) == 2 and errs:
            label = "FAVOR" if label != "FAVOR" else "AGAINST"  # the candidate errs sometimes
        return label, 0.9

    monkeypatch.setattr(stance_service, "train_classifier", train)
    monkeypatch.setattr(stance_service, "classify", classify)
    with open_project(labelled_project) as opened:
        first = stance_service.train_project_stance(opened.db, opened.project_id, tmp_path)
        assert first.active and first.classifier_macro_f1 == 1.0
        assert first.previous == "stance-lexicon"
        second = stance_service.train_project_stance(opened.db, opened.project_id, tmp_path)
        # Better than the lexicon, worse than the classifier that suggests now: not active.
        assert second.lexicon_macro_f1 < second.classifier_macro_f1 < 1.0
        assert second.previous == f"stance-textcat {first.version}"
        assert second.previous_macro_f1 == 1.0 and not second.active
        active = stance_training.active_stance(opened.db, opened.project_id)
        assert active.name == f"stance-textcat {first.version}" and active.macro_f1 == 1.0
        last = stance_training.last_stance_training(opened.db, opened.project_id)
        assert last is not None and last["version"] == second.version
        # Both runs are in the registry; the first stays the active classifier.
        with opened.db.read() as session:
            models = list_models(session, opened.project_id, "stance")
        assert [(m.version, m.active, m.base) for m in models] == [
            (first.version, True, "stance-lexicon"),
            (second.version, False, f"stance-textcat {first.version}"),
        ]
        assert models[1].f1 == second.classifier_macro_f1 and models[1].base_f1 == 1.0
        assert models[0].name == "stance-textcat-de" and models[0].training_spans == 315
        assert models[0].training_documents > 0 and models[0].held_out_documents > 0


def test_training_reports_progress_and_can_be_cancelled(labelled_project, tmp_path):
    steps: list[tuple[int, int]] = []

    def cancel_after_three_epochs() -> bool:
        return len(steps) >= 3

    with open_project(labelled_project) as opened:
        counts, new = stance_training.new_labels_since_training(opened.db, opened.project_id)
        assert new == sum(counts.values()) == 353 and counts["AGAINST"] == 82
        with pytest.raises(stance_service.TrainingCancelledError):
            stance_service.train_project_stance(
                opened.db,
                opened.project_id,
                tmp_path / "models",
                progress=lambda done, total: steps.append((done, total)),
                should_cancel=cancel_after_three_epochs,
            )
        assert steps == [(1, 16), (2, 16), (3, 16)]
        assert not (tmp_path / "models").exists()  # nothing saved
        assert stance_training.last_stance_training(opened.db, opened.project_id) is None
        assert stance_training.active_stance(opened.db, opened.project_id).macro_f1 is None

        steps.clear()
        result = stance_service.train_project_stance(
            opened.db,
            opened.project_id,
            tmp_path / "models",
            progress=lambda done, total: steps.append((done, total)),
        )
        assert steps[-1] == (16, 16) and len(steps) == 16
        assert result.labels_total == 353
        assert stance_training.new_labels_since_training(opened.db, opened.project_id)[1] == 0
        expected = result.classifier_macro_f1 if result.active else result.lexicon_macro_f1
        assert stance_training.active_stance(opened.db, opened.project_id).macro_f1 == expected


def test_the_suggester_names_that_replace_each_other_are_the_suggesters_names():
    from nlp.stance_classifier import ClassifierStanceSuggester
    from nlp.stance_lexicon import LexiconStanceSuggester
    from nlp.suggest_stance import STANCE_SUGGESTER_NAMES

    names = {LexiconStanceSuggester.name, ClassifierStanceSuggester.name}
    assert set(STANCE_SUGGESTER_NAMES) == names
    assert ClassifierStanceSuggester.origin_kind == "model"
