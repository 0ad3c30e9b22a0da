"""The data of ``bench/merge_bench.py``: a coordinator's project handed out to annotators,
and each annotator's file filled with about 50 decisions per document.

The project and the hand-out go through the app's own code (import, targets,
``services.offline_teams.hand_out_files``); the annotators' decisions and their event log
entries are written straight into the handed-out files with ``sqlite3`` (rows shaped as the
editors write them: accepted and rejected suggestions pointing at the suggestion, spans
added by hand, sentence and document stance, status done with seconds, a few flags), since
only the merge is measured.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VOCABULARY = (
    "die der das und nicht ein eine Regierung Ministerium Bundeskanzler Außenministerin "
    "Russland Ukraine Nordkorea NATO Vereinten Nationen Berlin Moskau Kiew Washington "
    "erklärte warnte begrüßte kritisierte Verhandlungen Truppen Sanktionen Wirtschaft "
    "Soldaten Offensive Unterstützung Lieferungen Experten zufolge Berichten Sprecher "
    "über für gegen mit nach bei seit während weiterhin zusätzlich entscheidend"
).split()
TARGETS = ("NATO", "Russland", "Ukraine")
SENTENCES = 4  # per document, 12 words each: room for 35 spans on distinct words
WORDS = 12
SUGGESTIONS = 20  # machine suggestions per document in the coordinator's project
ACCEPTED, REJECTED, ADDED = 14, 6, 15  # the annotator's span decisions per document
FLAGGED = 0.02  # share of documents an annotator flags
HANDED_OUT = "2024-05-01 08:00:00.000000"
# The tables a merge brings in, with the rows of the annotators' own (what both sides copy).
COPIED = {
    "entity_spans": "annotator_id IS NOT NULL",
    "stance_annotations": "annotator_id IS NOT NULL",
    "document_status": "1",
    "document_flags": "1",
    "events": "annotator_id IS NOT NULL",
}


def document_text(number: int, rng: random.Random) -> str:
    """A short German-like article of ``SENTENCES`` sentences, unique by its number."""
    sentences = [f"Meldung {number}: " + " ".join(rng.choices(VOCABULARY, k=WORDS - 2)) + "."]
    for _ in range(SENTENCES - 1):
        sentences.append(" ".join(rng.choices(VOCABULARY, k=WORDS)).capitalize() + ".")
    return " ".join(sentences)


def build_coordinator(path: Path, documents: int, seed: int = 7) -> None:
    """Import ``documents`` articles, add the targets and the machine's suggestions."""
    from storage.importing.records import ImportedRecord
    from storage.importing.service import Importer
    from storage.project import open_project
    from storage.stance.store import add_targets

    rng = random.Random(seed)
    with open_project(path) as project:
        records = [
            ImportedRecord(text=document_text(n, rng), source=f"meldung-{n}.txt", location="")
            for n in range(documents)
        ]
        summary = Importer(project.db, project.project_id).import_items(records)
        assert summary.imported == documents, summary.lines()[-1]
        add_targets(project.db, project.project_id, [(t, [], "other") for t in TARGETS])
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        _add_suggestions(connection, rng)
    finally:
        connection.close()


def _add_suggestions(connection: sqlite3.Connection, rng: random.Random) -> None:
    labels = [row[0] for row in connection.execute("SELECT id FROM entity_labels")]
    rows = []
    for doc_id, text in connection.execute("SELECT id, text FROM documents ORDER BY id"):
        for start, end in sorted(rng.sample(_words(text), SUGGESTIONS)):
            confidence = round(rng.uniform(0.5, 0.99), 3)
            rows.append((rng.choice(labels), doc_id, len(text), start, end, confidence))
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO entity_spans (label_id, document_id, doc_length, start_offset, "
        "end_offset, state, origin_kind, origin_name, origin_version, confidence, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'suggested', 'model', "
        f"'de_core_news_md', '3.7.0', ?, '{HANDED_OUT}', '{HANDED_OUT}')",
        rows,
    )
    connection.execute("COMMIT")


def _words(text: str) -> list[tuple[int, int]]:
    """Word places after the "Meldung N:" head."""
    return [m.span() for m in re.finditer(r"[^\W\d]+", text)][1:]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^.]+\.", text)]


def hand_out(project_path: Path, folder: Path, annotators: list[str]) -> list[Path]:
    """The coordinator's documents split among ``annotators`` (no overlap), one file each."""
    from services.offline_teams import hand_out_files
    from services.projects import open_project

    with open_project(str(project_path)) as project:
        report = hand_out_files(project, annotators, folder, overlap=0.0, seed=1)
    return [item.path for item in report.files if item.path is not None]


@dataclass
class _Rows:
    """What one annotator's file gains, in insert order, with the next free ids."""

    span_id: int
    stance_id: int
    spans: list[tuple[Any, ...]] = field(default_factory=list)
    stance: list[tuple[Any, ...]] = field(default_factory=list)
    status: list[tuple[Any, ...]] = field(default_factory=list)
    flags: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)


def fill(path: Path, seed: int) -> int:
    """Write the annotator's decisions and log entries into a handed-out file; returns how
    many decisions (spans, stance rows, statuses)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        rows = _decisions(connection, random.Random(seed))
        connection.execute("BEGIN")
        _insert(connection, rows)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return len(rows.spans) + len(rows.stance) + len(rows.status)


def _decisions(connection: sqlite3.Connection, rng: random.Random) -> _Rows:
    (project_id,) = connection.execute("SELECT id FROM projects").fetchone()
    (annotator_id,) = connection.execute("SELECT id FROM annotators").fetchone()
    labels = dict(connection.execute("SELECT id, name FROM entity_labels"))
    stance_labels = dict(connection.execute("SELECT id, name FROM stance_labels"))
    targets = [row[0] for row in connection.execute("SELECT id FROM stance_targets")]
    suggestions: dict[int, list[tuple[Any, ...]]] = {}
    for row in connection.execute(
        "SELECT document_id, id, start_offset, end_offset, label_id, confidence "
        "FROM entity_spans WHERE annotator_id IS NULL ORDER BY id"
    ):
        suggestions.setdefault(row[0], []).append(row[1:])
    rows = _Rows(
        span_id=connection.execute("SELECT max(id) FROM entity_spans").fetchone()[0] + 1,
        stance_id=(connection.execute("SELECT max(id) FROM stance_annotations").fetchone()[0] or 0)
        + 1,
    )
    clock = _Clock(rng)
    person = _Person(project_id, annotator_id, labels, stance_labels, targets, clock, rows)
    for doc_id, text in connection.execute("SELECT id, text FROM documents ORDER BY id"):
        person.label(doc_id, text, suggestions.get(doc_id, []), rng)
    return rows


class _Clock:
    """The annotator's time: a few seconds between decisions."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seconds = rng.uniform(0, 3600)

    def tick(self) -> str:
        from datetime import datetime, timedelta

        self.seconds += self.rng.uniform(1, 8)
        moment = datetime(2024, 5, 2, 9) + timedelta(seconds=self.seconds)
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass
class _Person:
    project_id: int
    annotator_id: int
    labels: dict[int, str]
    stance_labels: dict[int, str]
    targets: list[int]
    clock: _Clock
    rows: _Rows

    def label(
        self, doc_id: int, text: str, suggested: list[tuple[Any, ...]], rng: random.Random
    ) -> None:
        """About 50 decisions: suggestions accepted and rejected, spans added, stance per
        sentence and target and for the document, the status done."""
        taken = {(start, end) for _, start, end, _, _ in suggested}
        for number, (sid, start, end, label_id, confidence) in enumerate(suggested):
            state = "accepted" if number < ACCEPTED else "rejected"
            origin: tuple[Any, ...] = ("model", "de_core_news_md", "3.7.0", confidence)
            self._span(doc_id, len(text), start, end, label_id, state, origin, sid)
        free = [place for place in _words(text) if place not in taken]
        for start, end in sorted(rng.sample(free, min(ADDED, len(free)))):
            label_id = rng.choice(list(self.labels))
            origin = ("manual", None, None, None)
            self._span(doc_id, len(text), start, end, label_id, "accepted", origin, None)
        for index, (start, end) in enumerate(_sentences(text)):
            while text[start] == " ":
                start += 1
            for target in self.targets:
                self._stance(doc_id, len(text), (start, end), target, "sentence", index, rng)
        for target in self.targets[:2]:
            self._stance(doc_id, len(text), (0, len(text)), target, "document", None, rng)
        at = self.clock.tick()
        seconds = round(rng.uniform(20, 300), 1)
        self.rows.status.append((doc_id, self.annotator_id, "done", seconds, at))
        after = {"document_id": doc_id, "status": "done", "seconds_spent": seconds}
        self._event(at, "document.status", "document_status", None, doc_id, after)
        if rng.random() < FLAGGED:
            at = self.clock.tick()
            self.rows.flags.append((doc_id, self.annotator_id, "Quelle prüfen", at))
            after = {"document_id": doc_id, "note": "Quelle prüfen"}
            self._event(at, "document.flag", "document_flag", None, doc_id, after)

    def _span(
        self,
        doc_id: int,
        length: int,
        start: int,
        end: int,
        label_id: int,
        state: str,
        origin: tuple[Any, ...],
        suggestion: int | None,
    ) -> None:
        at = self.clock.tick()
        row_id = self.rows.span_id
        self.rows.span_id += 1
        kind, name, version, confidence = origin
        values: tuple[Any, ...] = (label_id, suggestion, row_id, doc_id, length, start, end)
        values += (state, kind, name, version, None, confidence, self.annotator_id, at, at)
        self.rows.spans.append(values)
        after = dict(zip(_SPAN_COLUMNS, values[:-2], strict=True))
        after["label"] = self.labels[label_id]
        action = {"accepted": "span.accept", "rejected": "span.reject"}[state]
        action = "span.add" if kind == "manual" else action
        self._event(at, action, "entity_span", row_id, doc_id, after)

    def _stance(
        self,
        doc_id: int,
        length: int,
        place: tuple[int, int],
        target: int,
        scope: str,
        index: int | None,
        rng: random.Random,
    ) -> None:
        at = self.clock.tick()
        row_id = self.rows.stance_id
        self.rows.stance_id += 1
        label_id = rng.choice(list(self.stance_labels))
        values: tuple[Any, ...] = (scope, index, target, label_id, None, None, row_id, doc_id)
        values += (
            length,
            *place,
            "accepted",
            "manual",
            None,
            None,
            None,
            None,
            self.annotator_id,
            at,
            at,
        )
        self.rows.stance.append(values)
        after = dict(zip(_STANCE_COLUMNS, values[:-2], strict=True))
        after["label"] = self.stance_labels[label_id]
        action = "stance.set" if scope == "sentence" else "stance.document"
        self._event(at, action, "stance_annotation", row_id, doc_id, after)

    def _event(
        self,
        at: str,
        action: str,
        object_type: str,
        object_id: int | None,
        doc_id: int,
        after: dict[str, Any],
    ) -> None:
        head = (self.project_id, uuid.uuid4().hex, at, self.annotator_id, action, object_type)
        # "null" as the app stores a missing before (JSON null, not SQL NULL).
        self.rows.events.append((*head, object_id, doc_id, "null", json.dumps(after)))


_SPAN_COLUMNS = (
    "label_id suggestion_id id document_id doc_length start_offset end_offset state "
    "origin_kind origin_name origin_version origin_detail confidence annotator_id"
).split()
_STANCE_COLUMNS = (
    "scope sentence_index target_id label_id explanation suggestion_id id document_id "
    "doc_length start_offset end_offset state origin_kind origin_name origin_version "
    "origin_detail confidence annotator_id"
).split()


def _insert(connection: sqlite3.Connection, rows: _Rows) -> None:
    def into(table: str, columns: list[str], values: list[tuple[Any, ...]]) -> None:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        connection.executemany(sql, values)

    into("entity_spans", [*_SPAN_COLUMNS, "created_at", "updated_at"], rows.spans)
    into("stance_annotations", [*_STANCE_COLUMNS, "created_at", "updated_at"], rows.stance)
    status = ["document_id", "annotator_id", "status", "seconds_spent", "updated_at"]
    into("document_status", status, rows.status)
    into("document_flags", ["document_id", "annotator_id", "note", "updated_at"], rows.flags)
    event = "project_id action_id at annotator_id action object_type object_id document_id"
    into("events", [*event.split(), '"before"', '"after"'], rows.events)


def copied_rows(files: list[Path]) -> dict[str, int]:
    """Per table, the annotators' rows in ``files``: what a merge brings in."""
    totals = dict.fromkeys(COPIED, 0)
    for path in files:
        connection = sqlite3.connect(path)
        try:
            for table, where in COPIED.items():
                sql = f"SELECT count(*) FROM {table} WHERE {where}"
                totals[table] += connection.execute(sql).fetchone()[0]
        finally:
            connection.close()
    return totals


def iter_names(count: int) -> Iterator[str]:
    for number in range(count):
        yield f"annotator{number + 1:02d}"
