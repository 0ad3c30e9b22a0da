"""Choosing the pipeline per language, and suggestions with confidence and origin."""

from __future__ import annotations

import shutil

import pytest
import spacy

import nlp.pipelines as pipelines
from nlp.entity_suggester import EntitySuggester, prepare_pipeline
from nlp.patterns import load_patterns
from nlp.pipelines import (
    ENGLISH_HELP,
    PipelineCache,
    PipelineUnavailableError,
    resolve_pipeline,
)


def test_a_named_folder_wins(tiny_model, tmp_path):
    choice = resolve_pipeline("de", str(tiny_model), models_dir=tmp_path)
    assert (choice.source, choice.name, choice.version) == ("project", "de_tiny_ner", "0.0.1")
    assert choice.origin == "de_tiny_ner@0.0.1"


def test_an_installed_official_pipeline_comes_before_the_embedded(
    tiny_model, tmp_path, monkeypatch
):
    shutil.copytree(tiny_model, tmp_path / "de_tiny_ner")
    assert resolve_pipeline("de", models_dir=tmp_path).source == "embedded"
    monkeypatch.setattr(
        pipelines, "is_package", lambda name: name in ("de_core_news_md", "de_core_news_sm")
    )
    monkeypatch.setattr(pipelines, "_package_version", lambda name: "3.8.0")
    choice = resolve_pipeline("de", models_dir=tmp_path)
    assert (choice.name, choice.source) == ("de_core_news_md", "installed")  # largest first


def test_no_english_pipeline_says_how_to_add_one(tmp_path):
    with pytest.raises(PipelineUnavailableError) as raised:
        resolve_pipeline("en", models_dir=tmp_path)
    assert str(raised.value) == ENGLISH_HELP
    assert "python -m spacy download en_core_web_sm" in ENGLISH_HELP


def test_a_name_that_is_nothing_is_refused(tmp_path):
    with pytest.raises(PipelineUnavailableError, match="neither a pipeline folder nor"):
        resolve_pipeline("de", str(tmp_path / "nope"))


def test_pipelines_load_once(tiny_model):
    cache = PipelineCache()
    choice = resolve_pipeline("de", str(tiny_model))
    assert cache.load(choice) is cache.load(choice)


def test_suggestions_carry_confidence_and_origin(tiny_model, tmp_path):
    patterns_file = tmp_path / "orgs.jsonl"
    patterns_file.write_text(
        '{"label": "ORG", "pattern": "NATO", "id": "org/nato"}\n', encoding="utf-8"
    )
    patterns = load_patterns([patterns_file])
    choice = resolve_pipeline("de", str(tiny_model))
    nlp = prepare_pipeline(spacy.load(tiny_model), patterns)
    suggester = EntitySuggester(nlp, choice, patterns)
    text = "Olaf Scholz sprach am Montag in Kiew über die NATO."
    found = next(suggester.suggest([text]))
    by_text = {text[s.start : s.end]: s for s in found}
    assert by_text["Olaf Scholz"].label == "PER"
    assert by_text["Kiew"].label == "LOC"
    assert all(0.0 <= s.confidence <= 1.0 for s in found)
    model = by_text["Olaf Scholz"]
    assert (model.origin_kind, model.origin_name, model.origin_version) == (
        "model",
        "de_tiny_ner",
        "0.0.1",
    )
    nato = by_text["NATO"]
    assert (nato.origin_kind, nato.origin_name, nato.origin_detail) == (
        "pattern",
        "orgs.jsonl",
        "org/nato",
    )


def test_several_processes_give_the_same_suggestions(tiny_model):
    choice = resolve_pipeline("de", str(tiny_model))
    suggester = EntitySuggester(prepare_pipeline(spacy.load(tiny_model), None), choice)
    texts = [f"In Minsk traf Anna Berg den Botschafter Nummer {i}." for i in range(6)]
    assert list(suggester.suggest(texts, n_process=2, batch_size=2)) == list(
        suggester.suggest(texts)
    )
