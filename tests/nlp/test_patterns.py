"""Pattern files: loading, clear errors, matches that say which pattern produced them."""

from __future__ import annotations

import json

import pytest
import spacy

from nlp.entity_suggester import EntitySuggestion, merge_suggestions
from nlp.patterns import PATTERN_SPANS_KEY, PatternFileError, load_patterns, read_pattern_file


def write(path, lines):
    path.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) if not isinstance(x, str) else x for x in lines)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_phrase_and_token_patterns_match_with_their_ids(tmp_path):
    file = write(
        tmp_path / "mine.jsonl",
        [
            {"label": "LOC", "pattern": "Pokrowsk", "id": "city/pokrovsk"},
            {
                "label": "ORG",
                "pattern": [{"LOWER": "khortytsia"}, {"ORTH": "-"}, {"LOWER": "truppe"}],
            },
        ],
    )
    patterns = load_patterns([file])
    nlp = spacy.blank("de")
    patterns.install(nlp)
    doc = nlp("Die Khortytsia - Truppe kämpft bei Pokrowsk.")
    found = [(s.text, s.label_, s.id_) for s in doc.spans[PATTERN_SPANS_KEY]]
    assert sorted(found) == [
        ("Khortytsia - Truppe", "ORG", "mine:2"),
        ("Pokrowsk", "LOC", "city/pokrovsk"),
    ]
    assert patterns.origin_of("city/pokrovsk") == "mine.jsonl"
    assert doc.ents == ()  # patterns never overwrite the model's entities


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"bad.jsonl:2: invalid JSON"),
        ('{"pattern": "Kiew"}', r"bad.jsonl:2: no label"),
        ('{"label": "LOC", "pattern": "  "}', r"bad.jsonl:2: pattern must be a string"),
        ('["LOC", "Kiew"]', r"bad.jsonl:2: expected an object"),
    ],
)
def test_bad_pattern_lines_name_file_and_line(tmp_path, line, message):
    file = write(tmp_path / "bad.jsonl", [{"label": "LOC", "pattern": "Kiew"}, line])
    with pytest.raises(PatternFileError, match=message):
        read_pattern_file(file)


def test_version_changes_with_the_patterns(tmp_path):
    one = load_patterns([write(tmp_path / "a.jsonl", [{"label": "LOC", "pattern": "Kiew"}])])
    two = load_patterns([write(tmp_path / "b.jsonl", [{"label": "LOC", "pattern": "Kyjiw"}])])
    assert one.version != two.version and len(one.version) == 10


def suggestion(start, end, label, confidence, kind="model", detail=None):
    return EntitySuggestion(start, end, label, confidence, kind, "m", "1", detail)


def test_merge_confirms_agreeing_pairs_and_resolves_overlaps_by_confidence():
    model = [suggestion(0, 9, "PER", 0.4), suggestion(20, 28, "LOC", 0.7)]
    patterns = [
        suggestion(0, 9, "LOC", 0.9, "pattern", "country/KP"),
        suggestion(20, 28, "LOC", 0.9, "pattern", "country/RU"),
        suggestion(40, 44, "ORG", 0.9, "pattern", "org/nato"),
    ]
    merged = merge_suggestions(model, patterns)
    assert [(s.start, s.label, s.origin_kind, s.confidence, s.origin_detail) for s in merged] == [
        (0, "LOC", "pattern", 0.9, "country/KP"),
        (20, "LOC", "model", 0.9, "confirmed by pattern country/RU"),
        (40, "ORG", "pattern", 0.9, "org/nato"),
    ]


def test_a_pattern_overrules_the_model_on_the_same_words():
    model = [suggestion(0, 9, "PER", 0.98)]
    patterns = [suggestion(0, 9, "LOC", 0.9, "pattern", "country/KP")]
    assert [(s.label, s.origin_kind) for s in merge_suggestions(model, patterns)] == [
        ("LOC", "pattern")
    ]
