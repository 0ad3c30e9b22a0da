"""Holders come in with JSONL stance rows: stance-news-de's names (no offsets) become actors,
"author" and null are the author, names of actors and their aliases find them; bad holder and
evidence values skip their record with a message naming the line and the field, and nothing
already saved changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.importing.records import ImportedStance
from storage.importing.service import Importer, ImportSettings
from storage.importing.stance_import import store_document_stance
from storage.models import Document, Event, StanceActor, StanceAnnotation
from storage.stance.actors import add_actors
from tests.factories import add_documents

# Hand-written in the shape of stance-news-de: a holder per label, a name or "author".
TEXT = "Trump droht der EU mit Zöllen. Die EU reagiert gelassen. Das Treffen endet am Abend."
SENTENCES = [(0, 30), (31, 56), (57, 84)]
NEXT = "Ein anderer Text. Die EU schweigt."
REAGIERT = TEXT.index("reagiert")


def row(sentence: int, target: str, label: str, **more: Any) -> dict[str, Any]:
    start, end = SENTENCES[sentence]
    return {"start": start, "end": end, "sentence_index": sentence} | {
        "target": target,
        "label": label,
        **more,
    }


def write(tmp_path: Path, *records: dict[str, Any], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def imported(project, path: Path):
    settings = ImportSettings(annotator="anna")
    return Importer(project.db, project.project_id, settings).import_paths([path])


def holders(project) -> list[tuple[str, str | None, int | None, int | None, int | None]]:
    """(target, actor, holder start, evidence start, evidence end) of every stored row."""
    with project.db.read() as session:
        rows = session.scalars(select(StanceAnnotation).order_by(StanceAnnotation.id)).unique()
        return [
            (
                r.target.name,
                r.holder_actor.name if r.holder_actor else None,
                r.holder_start,
                r.evidence_start,
                r.evidence_end,
            )
            for r in rows
        ]


def test_stance_news_de_holder_names_become_actors(project, tmp_path):
    record = {
        "text": TEXT,
        "meta": {"title": "Zölle"},
        "stance": [
            row(0, "EU", "AGAINST", holder="Trump"),
            row(1, "Trump", "NEUTRAL", holder="author"),
            row(2, "EU", "FAVOR", holder=None),
        ],
    }
    again = {"text": NEXT, "stance": [{"sentence_index": 1, "target": "EU", "label": "AGAINST"}]}
    again["stance"][0]["holder"] = "trump"  # the same actor, written otherwise
    summary = imported(project, write(tmp_path, record, again))
    assert summary.error_count == 0, summary.lines()
    assert (summary.stance, summary.actors) == (4, 1)
    assert summary.lines()[-1].startswith("imported 2 documents (0 spans, 4 stance labels, 1 new")
    assert holders(project) == [
        ("EU", "Trump", None, None, None),
        ("Trump", None, None, None, None),
        ("EU", None, None, None, None),
        ("EU", "Trump", None, None, None),
    ]
    with project.db.read() as session:
        (actor,) = session.scalars(select(StanceActor)).all()
        assert (actor.name, actor.kind, [a.alias for a in actor.aliases]) == (
            "Trump",
            "other",
            ["Trump"],
        )
    warnings = [p.message for p in summary.problems if p.severity == "warning"]
    assert any("holder 'Trump' was not an actor of the project; added it" in w for w in warnings)


def test_names_and_aliases_of_actors_find_them_and_words_are_kept(project, tmp_path):
    add_actors(project.db, project.project_id, [("Donald Trump", ["Trump"], "person")])
    record = {
        "text": TEXT,
        "stance": [
            # Words and a name that is an alias: the actor, with the words.
            row(0, "EU", "AGAINST", holder="Trump", holder_start=0, holder_end=5)
            | {"holder_text": "Trump", "evidence_start": 6, "evidence_end": 11},
            # Words alone (no name): the actor whose alias they are.
            row(1, "EU", "FAVOR", holder_start=0, holder_end=5, evidence="reagiert")
            | {"evidence_start": REAGIERT, "evidence_end": REAGIERT + 8},
            # Words no actor has, given as the name too: words only, no new actor.
            row(2, "EU", "NEUTRAL", holder="Das Treffen", holder_start=57, holder_end=68),
        ],
    }
    summary = imported(project, write(tmp_path, record))
    assert (summary.error_count, summary.actors) == (0, 0), summary.lines()
    assert holders(project) == [
        ("EU", "Donald Trump", 0, 6, 11),
        ("EU", "Donald Trump", 0, REAGIERT, REAGIERT + 8),
        ("EU", None, 57, None, None),
    ]


GOOD = row(1, "EU", "FAVOR")


def saved(project) -> tuple[list[str], int, int, int]:
    with project.db.read() as session:
        texts = list(session.scalars(select(Document.text).order_by(Document.id)))
        count = [
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (StanceAnnotation, Event, StanceActor)
        ]
    return texts, *count


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"holder": 7}, "has a holder 7 that is not a name (text) or null"),
        ({"holder": ["Trump"]}, 'has a holder ["Trump"] that is not a name'),
        ({"holder": {"name": "Trump"}}, "that is not a name (text) or null"),
        ({"holder": "T" * 201}, "has a holder over 200 characters"),
        ({"holder": "Trump\x1b[2J"}, "has a holder with a control character"),
        ({"holder": "Tr\u0000ump"}, "has a holder with a control character"),
        ({"holder_start": 0}, "has holder_start but no holder_end (give both or neither)"),
        ({"holder_end": 5}, "has holder_end but no holder_start (give both or neither)"),
        ({"evidence_start": 6}, "has evidence_start but no evidence_end"),
        ({"holder_start": "0", "holder_end": 5}, 'has a holder_start "0" that is not a whole'),
        ({"holder_start": 0, "holder_end": 5.0}, "has a holder_end 5.0 that is not a whole"),
        ({"holder_start": True, "holder_end": 5}, "has a holder_start true that is not a whole"),
        ({"holder_start": -1, "holder_end": 5}, "has holder_start–holder_end -1–5 outside the"),
        ({"holder_start": 80, "holder_end": 90}, "80–90 outside the text (it has 84 characters"),
        ({"holder_start": 5, "holder_end": 5}, "start must be before end"),
        ({"evidence_start": 9, "evidence_end": 2}, "evidence_start–evidence_end 9–2 outside"),
        ({"evidence_start": 0, "evidence_end": 10**30}, "outside the text"),
        (
            {"holder_start": 0, "holder_end": 5, "holder_text": "Biden"},
            "has holder_text 'Biden', but the text at holder_start–holder_end 0–5 is 'Trump'",
        ),
        ({"holder_text": "Trump"}, "has holder_text 'Trump' but no holder_start and holder_end"),
        (
            {"evidence_start": 6, "evidence_end": 11, "evidence": "lobt"},
            "has evidence 'lobt', but the text at evidence_start–evidence_end 6–11 is 'droht'",
        ),
        ({"holder_start": 0, "holder_end": 5, "holder_text": 5}, "has holder_text 5, but"),
        (
            {"holder": "author", "holder_start": 0, "holder_end": 5},
            "has the holder 'author' and holder words",
        ),
    ],
)
def test_a_bad_holder_or_evidence_skips_its_record_and_names_the_field(
    project, tmp_path, fields, says
):
    skips_its_record(project, tmp_path, [GOOD | fields], says)


def test_two_holders_for_one_sentence_and_target_skip_the_record(project, tmp_path):
    rows = [GOOD | {"holder": "Trump"}, GOOD | {"holder": "author"}]
    skips_its_record(project, tmp_path, rows, "gives 'EU' another holder or evidence than")


def skips_its_record(project, tmp_path: Path, stance: list[dict[str, Any]], says: str) -> None:
    first = imported(project, write(tmp_path, {"text": "Schon da. Die EU lobt.", "stance": []}))
    assert first.imported == 1
    before = saved(project)
    path = write(
        tmp_path,
        {"text": TEXT, "stance": stance},
        {"text": NEXT, "stance": [{"sentence_index": 1, "target": "EU", "label": "FAVOR"}]},
    )
    summary = imported(project, path)
    errors = [p for p in summary.problems if p.severity == "error"]
    assert [p.location for p in errors] == [f"{path}:1"], summary.lines()
    assert says in errors[0].message
    assert errors[0].message.endswith("record skipped")
    assert "\x1b" not in "\n".join(summary.lines())  # a terminal never obeys the file
    texts, rows, _events, actors = saved(project)
    assert texts == before[0] + [NEXT]  # the bad record skipped whole, the next one in
    assert (rows, actors) == (before[1] + 1, before[3])


def test_storing_stance_for_a_document_refuses_holder_words_outside_it(project):
    (doc,) = add_documents(project, [TEXT])
    before = saved(project)
    bad = ImportedStance("EU", "FAVOR", *SENTENCES[1], "sentence", 1, None, 50, 99)
    with pytest.raises(ValueError, match="holder_start–holder_end 50–99 outside the text"):
        store_document_stance(project.db, project.project_id, doc, [bad], "anna")
    assert saved(project) == before
