"""The shipped gazetteers in resources/patterns/: well-formed, unique, and they find names
(and only names) in German and English news sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.lang.de.stop_words import STOP_WORDS as GERMAN_STOP_WORDS
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.language import Language

PATTERN_DIR = Path(__file__).resolve().parents[2] / "resources" / "patterns"
LABELS = {"LOC", "ORG", "PER", "MISC"}
SHIPPED = {
    "countries.jsonl": ("LOC", "country/"),
    "capitals.jsonl": ("LOC", "city/"),
    "regions.jsonl": ("LOC", "region/"),
    "organisations.jsonl": ("ORG", "org/"),
}
# Left out on purpose: ordinary words or first names that would give many false hits.
LEFT_OUT = "Chad Victoria Male Nice Essen Halle Golf IS AU Wagner Islands us Us".split()


def pattern_files() -> list[Path]:
    return sorted(PATTERN_DIR.glob("*.jsonl"))


def read(path: Path) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name}:{number}: invalid JSON: {exc.msg}")
    return records


def all_records() -> list[dict[str, Any]]:
    return [record for path in pattern_files() for record in read(path)]


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(all_records())
    return nlp


def found(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(ent.text, ent.label_) for ent in nlp(text).ents}


def test_shipped_files_exist() -> None:
    names = {path.name for path in pattern_files()}
    assert set(SHIPPED) <= names
    assert (PATTERN_DIR / "README.md").is_file()


@pytest.mark.parametrize("path", pattern_files(), ids=lambda path: path.name)
def test_every_line_is_a_valid_phrase_pattern(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")  # UTF-8, or this raises
    assert raw.endswith("\n")
    for number, record in enumerate(read(path), start=1):
        where = f"{path.name}:{number}"
        assert isinstance(record, dict), where
        assert record.get("label") in LABELS, where
        pattern = record.get("pattern")
        assert isinstance(pattern, str), where
        assert pattern, where
        assert pattern == pattern.strip(), where
        assert "  " not in pattern, where
        assert isinstance(record.get("id"), str), where
        assert record["id"], where


def test_no_duplicate_label_and_pattern_across_files() -> None:
    seen: dict[tuple[str, str], str] = {}
    duplicates = []
    for path in pattern_files():
        for record in read(path):
            key = (record["label"], record["pattern"])
            if key in seen:
                duplicates.append(f"{key} in {seen[key]} and {path.name}")
            seen.setdefault(key, path.name)
    assert duplicates == []


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_file_label_id_prefix_and_order(name: str) -> None:
    label, prefix = SHIPPED[name]
    records = read(PATTERN_DIR / name)
    assert records
    assert {record["label"] for record in records} == {label}
    assert all(record["id"].startswith(prefix) for record in records)
    keys = [(record["id"], record["pattern"]) for record in records]
    assert keys == sorted(keys)


def test_countries_cover_un_members_and_the_five_others() -> None:
    ids = {record["id"] for record in read(PATTERN_DIR / "countries.jsonl")}
    assert len(ids) == 193 + 5
    for code in ("XK", "TW", "PS", "VA", "EH", "RU", "UA", "KP", "KR", "US", "GB", "DE"):
        assert f"country/{code}" in ids


def test_no_common_words_or_deliberately_left_out_names() -> None:
    patterns = {record["pattern"] for record in all_records()}
    stop_words = GERMAN_STOP_WORDS | ENGLISH_STOP_WORDS
    # Lower case and sentence-initial forms; all-caps acronyms (US, WHO) are intended.
    common = stop_words | {word.capitalize() for word in stop_words}
    assert sorted(patterns & common) == []
    assert sorted(patterns & set(LEFT_OUT)) == []


def test_german_news_sentence(nlp: Language) -> None:
    text = (
        "Im Weißen Haus hieß es, die Raketentests Nordkoreas und die Hilfe Russlands "
        "beunruhigten die NATO und die Vereinten Nationen; Pjöngjang wies die Kritik zurück."
    )
    assert found(nlp, text) == {
        ("Weißen Haus", "ORG"),
        ("Nordkoreas", "LOC"),
        ("Russlands", "LOC"),
        ("NATO", "ORG"),
        ("Vereinten Nationen", "ORG"),
        ("Pjöngjang", "LOC"),
    }


def test_english_news_sentence(nlp: Language) -> None:
    text = (
        "North Korea fired another missile on Sunday, and the United Nations said "
        "Pyongyang had again violated sanctions."
    )
    expected = {("North Korea", "LOC"), ("United Nations", "ORG"), ("Pyongyang", "LOC")}
    assert found(nlp, text) == expected

    english = spacy.blank("en")
    english.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"}).add_patterns(
        all_records()
    )
    assert found(english, text) == expected


def test_inflected_and_ukrainian_forms(nlp: Language) -> None:
    text = "Die Ukraine meldet Angriffe auf Charkiw und Saporischschja, Kyjiws Bürgermeister warnt."
    assert found(nlp, text) == {
        ("Ukraine", "LOC"),
        ("Charkiw", "LOC"),
        ("Saporischschja", "LOC"),
        ("Kyjiws", "LOC"),
    }


def test_forms_after_the_definite_article_and_swiss_spelling(nlp: Language) -> None:
    text = (
        "Das Weiße Haus, der Internationale Strafgerichtshof und das Vereinigte Königreich "
        "äußerten sich zum Schwarzen Meer; das Weisse Haus in Washington schwieg."
    )
    assert found(nlp, text) == {
        ("Weiße Haus", "ORG"),
        ("Internationale Strafgerichtshof", "ORG"),
        ("Vereinigte Königreich", "LOC"),
        ("Schwarzen Meer", "LOC"),
        ("Weisse Haus", "ORG"),
        ("Washington", "LOC"),
    }


def test_longer_match_wins(nlp: Language) -> None:
    text = "Das Kiel Institut für Weltwirtschaft zitiert die New York Times."
    assert found(nlp, text) == {
        ("Kiel Institut für Weltwirtschaft", "ORG"),
        ("New York Times", "ORG"),
    }


def test_pattern_ids_are_kept(nlp: Language) -> None:
    doc = nlp("Russlands Armee greift an.")
    assert [(ent.text, ent.ent_id_) for ent in doc.ents] == [("Russlands", "country/RU")]


@pytest.mark.parametrize(
    "text",
    [
        "Die Lage bleibt angespannt, sagte er am Montag.",
        "The situation remains tense, he said on Monday.",
    ],
)
def test_plain_sentence_without_names_gives_no_entities(nlp: Language, text: str) -> None:
    assert found(nlp, text) == set()
