"""Training data export: every format is read back and compared with the records."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from nlp.conll import read_docs, read_tagged_sentences
from storage.export.records import ExportDocument, ExportOptions, ExportSpan, ExportStance
from storage.export.training_data import output_files, write

# Emoji, a combining accent (e + U+0301), German quotes, a line break and a double space.
TEXT = (
    "Die NATO 😀 warnt vor „Russland“.\n"
    "Jose\u0301 Borrell kritisierte die EU-Kommission in  Brüssel."
)
FIRST_SENTENCE = "Die NATO 😀 warnt vor „Russland“."
ENTITIES = [("NATO", "ORG"), ("Russland", "LOC"), ("Jose\u0301 Borrell", "PER"), ("Brüssel", "LOC")]


def span(
    text: str, words: str, label: str, annotator: str | None = "anna", state: str = "accepted"
) -> ExportSpan:
    start = text.index(words)
    return ExportSpan(
        start=start,
        end=start + len(words),
        text=words,
        label=label,
        state=state,
        origin="manual",
        confidence=None,
        annotator=annotator,
        created_at="2024-05-01T10:00:00Z",
        updated_at="2024-05-01T10:00:00Z",
    )


def stance(text: str, scope: str, target: str, label: str, piece: str = "") -> ExportStance:
    start = text.index(piece) if piece else 0
    end = start + len(piece) if piece else len(text)
    return ExportStance(
        scope=scope,
        sentence_index=0 if scope == "sentence" else None,
        start=start,
        end=end,
        text=text[start:end],
        target=target,
        label=label,
        state="accepted",
        origin="manual",
        confidence=0.9,
        annotator="anna",
        explanation=None,
    )


def document(
    doc_id: int = 1,
    text: str = TEXT,
    spans: list[ExportSpan] | None = None,
    split: str = "train",
    language: str | None = "de",
) -> ExportDocument:
    return ExportDocument(
        id=doc_id,
        title=f"Artikel {doc_id}",
        source="dpa",
        language=language,
        text=text,
        meta={"url": f"https://example.org/{doc_id}"},
        status={"anna": "done"},
        seconds={"anna": 12.5},
        spans=[span(text, w, label) for w, label in ENTITIES] if spans is None else spans,
        stance=[
            stance(text, "sentence", "NATO", "AGAINST", FIRST_SENTENCE),
            stance(text, "document", "Russland", "FAVOR"),
        ]
        if text == TEXT
        else [],
        split=split,  # type: ignore[arg-type]
    )


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_spans_tokens_stance_and_meta(tmp_path: Path) -> None:
    report = write("jsonl", [document()], tmp_path / "data", ExportOptions(doccano=True))

    assert report.files == [tmp_path / "data.jsonl"]
    [record] = read_jsonl(tmp_path / "data.jsonl")
    text, tokens = record["text"], record["tokens"]
    assert text == TEXT
    assert [(s["text"], s["label"]) for s in record["spans"]] == ENTITIES
    for entity in record["spans"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert tokens[entity["token_start"]]["start"] == entity["start"]
        assert tokens[entity["token_end"]]["end"] == entity["end"]  # inclusive, as Prodigy
    for token in tokens:
        assert text[token["start"] : token["end"]] == token["text"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    assert record["label"] == [[s["start"], s["end"], s["label"]] for s in record["spans"]]
    assert record["meta"] == {
        "url": "https://example.org/1",
        "title": "Artikel 1",
        "source": "dpa",
        "language": "de",
        "document_id": 1,
        "annotator": "anna",
    }
    assert record["answer"] == "accept"
    author = {"holder": "author", "holder_start": None, "holder_end": None}
    author |= {"holder_text": None, "evidence_start": None, "evidence_end": None}
    author |= {"evidence": None}
    assert record["stance"] == [
        {"start": 0, "end": len(FIRST_SENTENCE), "sentence_index": 0}
        | {"target": "NATO", "label": "AGAINST", "scope": "sentence"}
        | author,
        {"start": 0, "end": len(TEXT), "sentence_index": None}
        | {"target": "Russland", "label": "FAVOR", "scope": "document"}
        | author,
    ]
    assert (report.documents, report.records, report.spans, report.stance) == (1, 1, 4, 2)
    assert report.misaligned_spans == 0


def test_jsonl_keeps_a_span_off_token_boundaries_and_reports_it(tmp_path: Path) -> None:
    text = "Die NATO-Staaten warnen."
    doc = document(text=text, spans=[span(text, "NATO", "ORG")])

    report = write("jsonl", [doc], tmp_path / "data.jsonl", ExportOptions())

    [record] = read_jsonl(tmp_path / "data.jsonl")
    [entity] = record["spans"]
    assert (entity["start"], entity["end"]) == (4, 8)
    assert entity["token_start"] == entity["token_end"] == 1  # "NATO-Staaten"
    assert report.misaligned_spans == 1
    assert any("not on token boundaries" in line for line in report.lines())


def test_jsonl_line_separators_inside_text_do_not_split_records(tmp_path: Path) -> None:
    text = "Erste Zeile\u2028zweite Zeile\u2029dritte."
    write("jsonl", [document(text=text, spans=[])], tmp_path / "d.jsonl", ExportOptions())

    lines = (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"] == text


def read_docbin(path: Path) -> list[spacy.tokens.Doc]:
    nlp = spacy.blank("de")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def test_spacy_docbin_has_entities_stance_and_cats(tmp_path: Path) -> None:
    report = write("spacy", [document()], tmp_path / "data.spacy", ExportOptions())

    [doc] = read_docbin(tmp_path / "data.spacy")
    expected = [(s.start, s.end, s.label) for s in document().spans]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == expected
    assert doc.text == TEXT
    [sentence] = doc.spans["stance"]
    assert (sentence.label_, sentence.text) == ("NATO:AGAINST", FIRST_SENTENCE)
    assert doc.cats == {"Russland:FAVOR": 1.0}
    assert doc.user_data["annotator"] == "anna"
    assert doc.user_data["document_id"] == 1
    assert "sc" not in doc.spans
    assert all(t.ent_iob_ == "O" for t in doc if not t.ent_type_)  # annotated: the rest is O
    assert (report.records, report.spans, report.stance) == (1, 4, 2)


def test_spacy_overlapping_spans_go_to_a_span_group(tmp_path: Path) -> None:
    text = "Die Universität Wien lehnt ab."
    spans = [span(text, "Universität Wien", "ORG"), span(text, "Wien", "LOC")]

    write("spacy", [document(text=text, spans=spans)], tmp_path / "d.spacy", ExportOptions())

    [doc] = read_docbin(tmp_path / "d.spacy")
    assert doc.ents == ()
    assert [(s.text, s.label_) for s in doc.spans["sc"]] == [
        ("Universität Wien", "ORG"),
        ("Wien", "LOC"),
    ]


def test_spacy_widens_misaligned_spans_to_whole_tokens(tmp_path: Path) -> None:
    text = "Die NATO-Staaten warnen."
    doc = document(text=text, spans=[span(text, "NATO", "ORG")])

    report = write("spacy", [doc], tmp_path / "d.spacy", ExportOptions())

    [read] = read_docbin(tmp_path / "d.spacy")
    assert [(e.text, e.label_) for e in read.ents] == [("NATO-Staaten", "ORG")]
    assert report.misaligned_spans == 1


def test_spacy_one_doc_per_annotator_and_no_rejected_spans(tmp_path: Path) -> None:
    text = "Die NATO tagt in Brüssel."
    spans = [
        span(text, "NATO", "ORG", "anna"),
        span(text, "NATO", "MISC", "ben"),
        span(text, "Brüssel", "LOC", "ben", state="rejected"),
    ]

    report = write(
        "spacy", [document(text=text, spans=spans)], tmp_path / "d.spacy", ExportOptions()
    )

    docs = read_docbin(tmp_path / "d.spacy")
    labels = {d.user_data["annotator"]: [(e.text, e.label_) for e in d.ents] for d in docs}
    assert labels == {"anna": [("NATO", "ORG")], "ben": [("NATO", "MISC")]}
    assert (report.records, report.spans, report.skipped_spans) == (2, 2, 1)


def test_spacy_leaves_entities_missing_when_nobody_annotated(tmp_path: Path) -> None:
    untouched = replace(document(spans=[]), status={}, stance=[])

    write("spacy", [untouched], tmp_path / "d.spacy", ExportOptions())

    [doc] = read_docbin(tmp_path / "d.spacy")
    assert {t.ent_iob_ for t in doc} == {""}  # missing, not "no entity"


def expected_conll_tokens(text: str) -> list[str]:
    return [t.text for t in spacy.blank("de")(text) if not t.is_space]


def test_conll_is_read_back_by_our_reader(tmp_path: Path) -> None:
    second = "Olaf Scholz sprach. Danach reiste er nach Paris."
    docs = [
        document(),
        document(2, second, [span(second, "Olaf Scholz", "PER"), span(second, "Paris", "LOC")]),
    ]

    report = write("conll", docs, tmp_path / "data", ExportOptions())

    path = tmp_path / "data.conll"
    assert path.read_text(encoding="utf-8").count("-DOCSTART- -X- O O\n") == 2
    sentences = list(read_tagged_sentences(path))
    tokens = [token for s in sentences for token in s.tokens]
    assert tokens == expected_conll_tokens(TEXT) + expected_conll_tokens(second)
    assert [s.tokens[0] for s in sentences] == ["Die", "Jose\u0301", "Olaf", "Danach"]
    tags = [tag for s in sentences for tag in s.tags]
    tagged = list(zip(tokens, tags, strict=True))
    assert ("NATO", "B-ORG") in tagged
    people = [pair for pair in tagged if pair[1].endswith("PER")]
    assert people[:2] == [("Jose\u0301", "B-PER"), ("Borrell", "I-PER")]
    read = read_docs(path, spacy.blank("de").vocab, map_label=lambda label: label)
    entities = [(e.text, e.label_) for d in read for e in d.ents]
    assert entities == [*ENTITIES, ("Olaf Scholz", "PER"), ("Paris", "LOC")]
    assert report.records == 2


def test_conll_never_splits_a_sentence_inside_an_entity(tmp_path: Path) -> None:
    text = "Er sah die Hl. Maria. Dann ging er."  # a boundary the splitter may put after "Hl."
    entity = span(text, "Hl. Maria", "PER")

    write("conll", [document(text=text, spans=[entity])], tmp_path / "d.conll", ExportOptions())

    read = read_docs(tmp_path / "d.conll", spacy.blank("de").vocab, map_label=lambda x: x)
    assert [(e.text, e.label_) for d in read for e in d.ents] == [("Hl. Maria", "PER")]


def test_conll_keeps_the_longest_of_overlapping_spans(tmp_path: Path) -> None:
    text = "Die Universität Wien lehnt ab."
    spans = [span(text, "Universität Wien", "ORG"), span(text, "Wien", "LOC")]

    report = write(
        "conll", [document(text=text, spans=spans)], tmp_path / "d.conll", ExportOptions()
    )

    [sentence] = read_tagged_sentences(tmp_path / "d.conll")
    assert sentence.tags == ["O", "B-ORG", "I-ORG", "O", "O", "O"]
    assert (report.spans, report.skipped_spans) == (1, 1)


def read_csv(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_csv_tables_equal_the_records(tmp_path: Path) -> None:
    text = "=SUMME(A1) sagt die NATO, „Nein“.\nZweite Zeile 😀"
    spans = [
        span(text, "=SUMME(A1)", "MISC"),
        span(text, "NATO", "ORG", state="rejected"),
    ]
    doc = document(text=text, spans=spans)
    doc.stance.append(stance(text, "sentence", "-NATO", "AGAINST", "=SUMME(A1) sagt die NATO,"))

    report = write("csv", [doc, document(2)], tmp_path / "tables.csv", ExportOptions())

    assert report.files == [tmp_path / "tables-entities.csv", tmp_path / "tables-stance.csv"]
    entities = read_csv(tmp_path / "tables-entities.csv")
    assert entities[0] == {
        "document_id": "1",
        "annotator": "anna",
        "start": "0",
        "end": "10",
        "text": "'=SUMME(A1)",  # formula injection: shown as text
        "label": "MISC",
        "state": "accepted",
        "origin": "manual",
        "confidence": "",
    }
    assert entities[1]["state"] == "rejected"  # the tables list everything
    assert [(r["document_id"], r["text"]) for r in entities[2:]] == [
        ("2", words) for words, _ in ENTITIES
    ]
    stance_rows = read_csv(tmp_path / "tables-stance.csv")
    assert stance_rows[0]["target"] == "'-NATO"
    assert stance_rows[0]["sentence_text"] == "'=SUMME(A1) sagt die NATO,"
    assert [(r["scope"], r["sentence_index"], r["sentence_text"]) for r in stance_rows[1:]] == [
        ("sentence", "0", FIRST_SENTENCE),
        ("document", "", TEXT),  # line breaks survive the quoting
    ]
    assert stance_rows[1]["confidence"] == "0.9"


@pytest.mark.parametrize(
    ("fmt", "out", "names"),
    [
        ("spacy", "data", ["data-train.spacy", "data-dev.spacy"]),
        ("jsonl", "data.jsonl", ["data-train.jsonl", "data-dev.jsonl"]),
        ("conll", "data.txt", ["data-train.txt", "data-dev.txt"]),
        (
            "csv",
            "data.csv",
            [
                "data-train-entities.csv",
                "data-train-stance.csv",
                "data-dev-entities.csv",
                "data-dev-stance.csv",
            ],
        ),
    ],
)
def test_split_writes_train_and_dev_files(
    tmp_path: Path, fmt: str, out: str, names: list[str]
) -> None:
    docs = [document(1, split="train"), document(2, split="dev"), document(3, split="train")]

    report = write(fmt, docs, tmp_path / out, ExportOptions(dev_share=0.3))

    assert report.files == [tmp_path / name for name in names]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_split_routes_each_document_by_its_split(tmp_path: Path) -> None:
    docs = [document(1, split="train"), document(2, split="dev"), document(3, split="train")]

    write("jsonl", docs, tmp_path / "data", ExportOptions(dev_share=0.3))

    def ids(name: str) -> list[int]:
        return [r["meta"]["document_id"] for r in read_jsonl(tmp_path / name)]

    assert (ids("data-train.jsonl"), ids("data-dev.jsonl")) == ([1, 3], [2])


def test_file_names_without_split() -> None:
    assert output_files("spacy", Path("out/data")) == [Path("out/data.spacy")]
    assert output_files("jsonl", Path("out/data.v2")) == [Path("out/data.v2.jsonl")]
    assert output_files("csv", Path("t.csv")) == [Path("t-entities.csv"), Path("t-stance.csv")]


@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "conll", "csv"])
def test_cancel_writes_nothing_and_keeps_the_old_file(tmp_path: Path, fmt: str) -> None:
    [old] = output_files(fmt, tmp_path / "data")[:1]
    old.write_bytes(b"old export")
    seen: list[int] = []

    report = write(
        fmt,
        [document(1), document(2), document(3)],
        tmp_path / "data",
        ExportOptions(),
        progress=seen.append,
        should_cancel=lambda: len(seen) == 2,
    )

    assert report.cancelled and report.files == []
    assert seen == [1, 2]
    assert old.read_bytes() == b"old export"
    assert [p.name for p in tmp_path.iterdir()] == [old.name]


def test_an_error_while_reading_leaves_no_file(tmp_path: Path) -> None:
    def failing() -> Iterator[ExportDocument]:
        yield document(1)
        raise OSError("database gone")

    with pytest.raises(OSError, match="database gone"):
        write("spacy", failing(), tmp_path / "data", ExportOptions(dev_share=0.5))

    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xml"):
        write("xml", [], tmp_path / "data", ExportOptions())


PEOPLE = ["Olaf Scholz", "Annalena Baerbock", "Emmanuel Macron", "Joe Biden"]
PLACES = ["Berlin", "Paris", "Brüssel", "Kiew", "Washington"]


def many_documents(count: int) -> Iterator[ExportDocument]:
    for index in range(count):
        person, place = PEOPLE[index % len(PEOPLE)], PLACES[index % len(PLACES)]
        text = f"{person} reiste am {index + 1}. Tag nach {place} \n„Die NATO-Staaten 😀 stehen.“"
        # Some spans carry the line break after them, "NATO" is part of a token, and every
        # tenth document has overlapping spans (a span group instead of ents).
        spans = [
            span(text, person, "PER"),
            span(text, place + (" \n" if index % 3 == 0 else ""), "LOC"),
            span(text, "NATO", "ORG"),
        ]
        if index % 10 == 0:
            spans.append(span(text, "NATO-Staaten 😀", "MISC"))
        split = "dev" if index % 5 == 0 else "train"
        rows = [stance(text, "sentence", "NATO", "FAVOR", "„Die NATO-Staaten 😀 stehen.“")]
        yield replace(document(index + 1, text, spans, split=split), stance=rows)


@pytest.mark.slow
def test_spacy_debug_data_finds_no_errors(tmp_path: Path) -> None:
    # debug data fails below 100 training examples, whatever their quality.
    write("spacy", many_documents(150), tmp_path / "corpus", ExportOptions(dev_share=0.2))
    config = tmp_path / "config.cfg"
    spacy_cli = [sys.executable, "-m", "spacy"]
    subprocess.run(
        [*spacy_cli, "init", "config", str(config), "--lang", "de", "--pipeline", "ner"],
        check=True,
        capture_output=True,
    )

    train, dev = tmp_path / "corpus-train.spacy", tmp_path / "corpus-dev.spacy"
    paths = ["--paths.train", str(train), "--paths.dev", str(dev)]
    result = subprocess.run(
        [*spacy_cli, "debug", "data", str(config), *paths],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "✘" not in output, output
    assert "120 training docs" in output, output
