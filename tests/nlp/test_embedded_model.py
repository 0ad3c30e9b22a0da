"""The shipped German model with the shipped gazetteers finds the names of German news.

The articles in ``articles/`` were written for these tests; the expected names are labelled
by hand. The thresholds are recall per label: the model is not perfect (see its model card),
but a model that lost its knowledge, or gazetteers that stopped matching, fail here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.entity_suggester import EntitySuggester, prepare_pipeline, temperature_of
from nlp.patterns import load_patterns, shipped_pattern_files
from nlp.pipelines import PipelineCache, resolve_pipeline

ARTICLES = Path(__file__).with_name("articles")
EXPECTED = {
    "de-waffenruhe.txt": {
        "PER": {
            "Andrij Sybiha",
            "Dmitri Peskow",
            "António Guterres",
            "Michael Clarke",
            "Friedrich Merz",
        },
        "LOC": {"Genf", "Ukraine", "Russland", "Moskau", "Charkiw", "Kiew", "Berlin"},
        "ORG": {"Vereinten Nationen", "Europäische Union", "Institut für Strategische Studien"},
    },
    "de-wahl-frankreich.txt": {
        "PER": {"Emmanuel Macron", "Jordan Bardella", "Annalena Baerbock"},
        "LOC": {"Frankreich", "Marseille", "Brüssel", "Berlin", "Europa", "Paris", "Lyon"},
        "ORG": {"Rassemblement National", "Europäische Kommission", "Europäischen Union", "Ifop"},
    },
}
MIN_RECALL = {"PER": 0.8, "LOC": 0.9, "ORG": 0.6}


@pytest.fixture(scope="module")
def suggester() -> EntitySuggester:
    choice = resolve_pipeline("de")
    assert choice.source == "embedded" and choice.name == "de_standpunkt_ner"
    patterns = load_patterns(shipped_pattern_files())
    nlp = prepare_pipeline(PipelineCache().load(choice), patterns, temperature_of(choice.location))
    return EntitySuggester(nlp, choice, patterns)


def found_names(suggester: EntitySuggester) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"PER": set(), "LOC": set(), "ORG": set()}
    for name in EXPECTED:
        text = (ARTICLES / name).read_text(encoding="utf-8")
        for s in next(suggester.suggest([text])):
            assert 0.0 <= s.confidence <= 1.0 and s.origin_kind in ("model", "pattern")
            found.setdefault(s.label, set()).add(text[s.start : s.end])
    return found


@pytest.mark.parametrize("label", ["PER", "LOC", "ORG"])
def test_the_default_suggester_finds_the_names(suggester, label):
    found = found_names(suggester)
    expected = set().union(*(names[label] for names in EXPECTED.values()))
    hits = expected & found[label]
    assert len(hits) / len(expected) >= MIN_RECALL[label], sorted(expected - hits)


def test_model_suggestions_name_their_model(suggester):
    text = (ARTICLES / "de-waffenruhe.txt").read_text(encoding="utf-8")
    model = [s for s in next(suggester.suggest([text])) if s.origin_kind == "model"]
    assert model and {(s.origin_name, s.origin_version) for s in model} == {
        ("de_standpunkt_ner", "0.1.0")
    }
