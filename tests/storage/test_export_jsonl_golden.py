"""The JSONL export's bytes: unchanged by its faster token writing (a golden line, and a
line-by-line comparison with the plain way of writing the same records), and the machine's
open suggestions marked as suggestions rather than written as labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy

from storage.export.clean_values import json_text, utf8_text
from storage.export.records import ExportDocument, ExportOptions, ExportSpan, ExportStance
from storage.export.training_data import write

# A quote, a backslash, a tab, U+2028, an emoji, a combining accent, a lone surrogate, a line
# break and a double space: everything JSON and the tokenizer treat specially.
HOSTILE = 'Die „NATO“ sagt "nein"\\ja\tdoch\u2028😀 Jose\u0301 \ud800 in  Brüssel.\nEnde'
LONG = "x" * 3000 + " NATO"


def span(text: str, words: str, label: str, annotator: str | None, **kw: Any) -> ExportSpan:
    start = text.index(words)
    values = {"state": "accepted", "origin": "manual", "confidence": None} | kw
    return ExportSpan(
        start, start + len(words), words, label, values["state"], values["origin"],
        values["confidence"], annotator, "2024-05-01T10:00:00+00:00", "2024-05-01T10:00:00+00:00",
    )  # fmt: skip


def document(doc_id: int, text: str, spans: list[ExportSpan], **kw: Any) -> ExportDocument:
    values: dict[str, Any] = {
        "title": f"Artikel {doc_id}",
        "source": "dpa",
        "language": "de",
        "meta": {"url": f"https://example.org/{doc_id}", "score": float("nan")},
        "status": {"anna": "done"},
        "seconds": {},
        "stance": [],
    } | kw
    return ExportDocument(id=doc_id, text=text, spans=spans, **values)


def plain_line(document: ExportDocument, annotator: str | None, doccano: bool) -> str:
    """A record the plain way, as the export wrote it before: token objects, dicts,
    ``json.dumps``."""
    text = utf8_text(document.text)
    doc = spacy.blank(document.language or "xx").make_doc(text)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i}
        | {"ws": bool(t.whitespace_)}
        for t in doc
    ]
    spans = []
    for s in sorted(document.spans, key=lambda s: (s.start, s.end, s.label)):
        if s.annotator != annotator or s.state == "rejected":
            continue
        stripped = s.text.strip()
        first = s.start + len(s.text) - len(s.text.lstrip())
        covered = doc.char_span(first, first + len(stripped), alignment_mode="expand")
        spans.append(
            {"start": s.start, "end": s.end, "text": s.text, "label": s.label}
            | {"token_start": covered.start, "token_end": covered.end - 1}
        )
    meta = {**document.meta, "title": document.title, "source": document.source}
    meta |= {"language": document.language, "document_id": document.id, "annotator": annotator}
    record: dict[str, Any] = {"text": document.text, "meta": meta, "tokens": tokens}
    record |= {"spans": spans, "stance": [], "answer": "accept", "_annotator_id": annotator}
    if doccano:
        record["label"] = [[s["start"], s["end"], s["label"]] for s in spans]
    line = json_text(record)
    for raw in ("\u2028", "\u2029", "\x85"):
        line = line.replace(raw, f"\\u{ord(raw):04x}")
    return line + "\n"


def test_a_small_record_is_written_byte_for_byte_as_before(tmp_path: Path) -> None:
    doc = document(1, "Die NATO warnt.", [span("Die NATO warnt.", "NATO", "ORG", "anna")])
    doc = document(1, doc.text, doc.spans, meta={}, title="T", source="s")

    write("jsonl", [doc], tmp_path / "d.jsonl", ExportOptions())

    assert (tmp_path / "d.jsonl").read_bytes() == (
        b'{"text": "Die NATO warnt.", "meta": {"title": "T", "source": "s", "language": "de", '
        b'"document_id": 1, "annotator": "anna"}, "tokens": [{"text": "Die", "start": 0, '
        b'"end": 3, "id": 0, "ws": true}, {"text": "NATO", "start": 4, "end": 8, "id": 1, '
        b'"ws": true}, {"text": "warnt", "start": 9, "end": 14, "id": 2, "ws": false}, '
        b'{"text": ".", "start": 14, "end": 15, "id": 3, "ws": false}], "spans": [{"start": 4, '
        b'"end": 8, "text": "NATO", "label": "ORG", "token_start": 1, "token_end": 1}], '
        b'"stance": [], "answer": "accept", "_annotator_id": "anna"}\n'
    )


@pytest.mark.parametrize("doccano", [False, True])
def test_hostile_records_are_written_as_the_plain_way_writes_them(
    tmp_path: Path, doccano: bool
) -> None:
    spans = [
        span(HOSTILE, "NATO", "ORG", "anna"),
        span(HOSTILE, "Jose\u0301", "PER", "anna"),
        span(HOSTILE, "Brüssel", 'LOC"\\', "anna"),
        span(HOSTILE, "ja\tdoch", "MISC", "ben"),
        span(HOSTILE, ".\nEnde", "LOC", "ben"),  # off the tokens, a line break inside
        span(HOSTILE, "Brüssel", "LOC", "ben", state="rejected"),
    ]
    documents = [
        document(1, HOSTILE, spans, status={"anna": "done", "ben": "in_progress"}),
        document(2, "Nichts.", [], status={}, language=None),  # nobody annotated it
        document(3, LONG, [span(LONG, "NATO", "ORG", "ben")], status={}),
    ]

    write("jsonl", documents, tmp_path / "d.jsonl", ExportOptions(doccano=doccano))

    expected = [
        plain_line(documents[0], "anna", doccano),
        plain_line(documents[0], "ben", doccano),
        plain_line(documents[1], None, doccano),
        plain_line(documents[2], "ben", doccano),
    ]
    written = (tmp_path / "d.jsonl").read_text(encoding="utf-8")
    assert written.split("\n")[:-1] == [line[:-1] for line in expected]
    assert [json.loads(line)["meta"]["score"] for line in expected] == [None] * 4


def test_open_suggestions_are_marked_and_never_answered_accept(tmp_path: Path) -> None:
    text = "Die NATO warnt Russland."
    suggested = {"state": "suggested", "origin": "model de 1", "confidence": 0.75}
    spans = [
        span(text, "NATO", "ORG", "anna"),
        span(text, "Russland", "LOC", None, **suggested),
    ]
    doc = document(1, text, spans)

    write("jsonl", [doc], tmp_path / "d.jsonl", ExportOptions(state="all", doccano=True))

    anna, machine = (json.loads(line) for line in (tmp_path / "d.jsonl").open())
    assert anna["answer"] == "accept" and "state" not in anna["spans"][0]
    assert anna["label"] == [[4, 8, "ORG"]]
    assert machine["meta"]["annotator"] is None and machine["answer"] == "ignore"
    [entity] = machine["spans"]
    assert (entity["text"], entity["state"], entity["confidence"]) == (
        "Russland",
        "suggested",
        0.75,
    )
    assert machine["label"] == []  # doccano cannot tell a suggestion from a label


def test_open_stance_suggestions_are_marked_too(tmp_path: Path) -> None:
    text = "Die NATO warnt."
    row = ExportStance(
        "document", None, 0, len(text), text, "NATO", "AGAINST", "suggested", "pattern x", 0.5,
        None, None,
    )  # fmt: skip
    untouched = document(1, text, [], stance=[row], status={})
    write("jsonl", [untouched], tmp_path / "d.jsonl", ExportOptions(state="all"))

    [machine] = (json.loads(line) for line in (tmp_path / "d.jsonl").open())
    assert machine["answer"] == "ignore"
    assert machine["stance"][0] == {
        "start": 0, "end": len(text), "sentence_index": None, "target": "NATO",
        "label": "AGAINST", "scope": "document", "holder": "author", "holder_start": None,
        "holder_end": None, "holder_text": None, "evidence_start": None, "evidence_end": None,
        "evidence": None, "state": "suggested", "confidence": 0.5,
    }  # fmt: skip
