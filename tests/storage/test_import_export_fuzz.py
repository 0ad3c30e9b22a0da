"""Fuzzing the import and the exports with random JSONL, CSV and span records.

Each example writes a JSONL file and a CSV file of random records, some good and some bad in
a known way, imports both and checks: no exception escapes, every bad record is named with
its file and line, every good record is stored (even with hostile titles and metadata, which
are cleaned), and every export of the result reads back (JSONL parses as strict JSON, the
workbook loads with openpyxl, CSV, CoNLL and DocBin load). Bounded to well under a minute:
``FUZZ_EXAMPLES`` examples (more with ``STANDPUNKT_FUZZ_EXAMPLES=500`` for a long run).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from services.exporting import export_project
from storage.export.records import ExportOptions
from storage.importing.service import Importer
from storage.models import Document
from storage.project import open_project

FUZZ_EXAMPLES = int(os.environ.get("STANDPUNKT_FUZZ_EXAMPLES", "12"))
LABELS = ["PER", "LOC", "ORG", "MISC", "per", " LOC "]  # case and spaces: cleaned, kept

# Everything a hostile file may hold in names and metadata: controls, escapes, bidi
# overrides, lone surrogates, XML-illegal noncharacters, quotes and delimiters.
HOSTILE = st.characters(codec=None, categories=None, exclude_characters="\r")
hostile_text = st.text(alphabet=HOSTILE, max_size=12)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
# Text a document may hold as it is: no NUL, no lone surrogate, no outer white space.
document_core = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"), max_size=40
)


@dataclass
class Expected:
    """What the import must do with the files: store these texts, name these lines."""

    stored: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)  # "path:line" of every bad record


@st.composite
def good_jsonl_record(draw: st.DrawFn, number: int) -> tuple[dict[str, Any], str]:
    text = f"Meldung {number}: {draw(document_core)} Ende."
    spans, position = [], 0
    for _ in range(draw(st.integers(0, 3))):
        if position >= len(text) - 1:
            break
        start = draw(st.integers(position, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append({"start": start, "end": end, "label": draw(st.sampled_from(LABELS))})
        position = end
    record: dict[str, Any] = {
        "text": text,
        "meta": draw(st.dictionaries(hostile_text, json_values, max_size=4)),
    }
    if draw(st.booleans()):
        record["title"] = draw(hostile_text)
    if draw(st.booleans()):
        record[draw(hostile_text)] = draw(json_values)  # an unknown key goes to meta
    if spans:
        record["spans"] = spans
    # Without spans the text is cleaned (outer white space, line ends): it has none.
    return record, text


BAD_KINDS = (
    "broken json",
    "no text",
    "text not a string",
    "nul in text",
    "surrogate in text",
    "blank text",
    "span out of range",
    "span label with a control",
    "span label too long",
    "span offsets not numbers",
    "overlapping spans",
    "number too long",
)


def bad_jsonl_line(kind: str, number: int) -> str:
    text = f"Schlecht {number}: Die NATO warnt."
    record: dict[str, Any] = {"text": text}
    if kind == "broken json":
        return json.dumps(record)[:-3]
    if kind == "no text":
        record = {"body": text}
    elif kind == "text not a string":
        record["text"] = [text]
    elif kind == "nul in text":
        record["text"] = text + "\x00"
    elif kind == "surrogate in text":
        record["text"] = text + "\udc80"
    elif kind == "blank text":
        record["text"] = " \n\t "
    elif kind == "span out of range":
        record["spans"] = [{"start": 0, "end": len(text) + 5, "label": "PER"}]
    elif kind == "span label with a control":
        record["spans"] = [{"start": 0, "end": 4, "label": "PER\x1b[2J"}]
    elif kind == "span label too long":
        record["spans"] = [{"start": 0, "end": 4, "label": "L" * 10_000}]
    elif kind == "span offsets not numbers":
        record["spans"] = [{"start": "0", "end": 4.5, "label": "PER"}]
    elif kind == "overlapping spans":
        record["spans"] = [
            {"start": 0, "end": 8, "label": "PER"},
            {"start": 4, "end": 12, "label": "LOC"},
        ]
    elif kind == "number too long":
        return json.dumps(record)[:-1] + ', "count": ' + "9" * 5000 + "}"
    return json.dumps(record)


@st.composite
def jsonl_file(draw: st.DrawFn, path: Path) -> tuple[str, Expected]:
    expected, lines = Expected(), []
    for number in range(1, draw(st.integers(1, 12)) + 1):
        if draw(st.integers(0, 5)) == 0:
            lines.append("")  # a blank line is no record, but it counts in the numbering
        if draw(st.integers(0, 2)):
            record, text = draw(good_jsonl_record(number))
            lines.append(json.dumps(record))  # surrogates as \\udXXX, NaN as NaN
            expected.stored.add(text)
        else:
            lines.append(bad_jsonl_line(draw(st.sampled_from(BAD_KINDS)), number))
            expected.named.add(f"{path}:{len(lines)}")
    return "\n".join(lines) + "\n", expected


@st.composite
def csv_file(draw: st.DrawFn, path: Path) -> tuple[str, Expected]:
    # A CSV file is text: no lone surrogates (UTF-8 has none); NUL only where it is bad.
    no_surrogates = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r")
    cell = st.text(alphabet=no_surrogates, max_size=10)
    meta_names = draw(
        st.lists(st.sampled_from(["quelle", "autor", "datum", "rubrik"]), unique=True)
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["text", "title", *meta_names])
    expected, line = Expected(), 2
    for number in range(draw(st.integers(1, 10))):
        good = draw(st.integers(0, 2)) > 0
        text = f"Zeile {number}: {draw(document_core)} Ende."
        if not good:
            text = draw(st.sampled_from([text + "\x00", "   "]))
        # A row of blank cells is no record (like a blank line): a title makes it one.
        row = [text, "t" + draw(cell), *(draw(cell) for _ in meta_names)]
        before = out.tell()
        writer.writerow(row)
        written = out.getvalue()[before:]
        if good:
            expected.stored.add(text)
        else:
            expected.named.add(f"{path}:{line}")
        line += written.count("\n")
    return out.getvalue(), expected


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def check_exports(project, folder: Path) -> None:  # type: ignore[no-untyped-def]
    import spacy
    from spacy.tokens import DocBin

    from nlp.conll import read_tagged_sentences

    options = ExportOptions(state="all")
    for fmt in ("xlsx", "jsonl", "csv", "conll", "spacy"):
        out = folder / f"export.{fmt}"
        report = export_project(project.db, project.project_id, fmt, out, options)
        for path in report.files or (report.path,):
            if fmt == "jsonl":
                for line in path.read_text("utf-8").splitlines():
                    record = json.loads(line, parse_constant=_no_constants)
                    for span in record["spans"]:
                        assert 0 <= span["start"] < span["end"] <= len(record["text"])
            elif fmt == "xlsx":
                for read_only in (False, True):
                    book = openpyxl.load_workbook(path, read_only=read_only)
                    for sheet in book.worksheets:
                        list(sheet.iter_rows(values_only=True))
                    book.close()
            elif fmt == "csv":
                with path.open(encoding="utf-8-sig", newline="") as handle:
                    list(csv.reader(handle))
            elif fmt == "conll":
                list(read_tagged_sentences(path))
            else:
                list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_random_records_import_what_is_good_name_what_is_bad_and_export(
    tmp_path_factory, data
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")  # one folder per example, below pytest's
    jsonl_path, csv_path = folder / "records.jsonl", folder / "rows.csv"
    jsonl_text, from_jsonl = data.draw(jsonl_file(jsonl_path))
    csv_text, from_csv = data.draw(csv_file(csv_path))
    jsonl_path.write_text(jsonl_text, "utf-8")
    csv_path.write_text(csv_text, "utf-8", newline="")
    with open_project(folder / "p.sqlite") as project:
        summary = Importer(project.db, project.project_id).import_paths([jsonl_path, csv_path])
        errors = {p.location for p in summary.problems if p.severity == "error"}
        assert from_jsonl.named | from_csv.named <= errors, summary.lines()
        with project.db.read() as session:
            stored = set(session.scalars(select(Document.sha256)))
        wanted = {_digest(t) for t in from_jsonl.stored | from_csv.stored}
        assert wanted <= stored, summary.lines()
        assert summary.imported == len(wanted)
        check_exports(project, folder)
