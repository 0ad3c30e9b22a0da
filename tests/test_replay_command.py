"""`python main.py replay`: two constructed documents replayed, every figure counted by hand.

The suggestions come from a pattern file of the project's own (English documents: no model
runs, so nothing but the patterns, the project memory and the stance lexicon suggests):

    Zorblat -> ORG (right), Quexby -> PER (should be LOC), John -> PER (should be
    "John Smith"), Monday -> ORG (not an entity)
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

import main
from storage.models import AnnotationState, DocumentStatus, DocumentStatusValue, EntitySpan
from storage.project import open_project
from storage.stance.store import add_target
from tests.factories import add_documents, run

FIRST = (
    "John Smith met Zorblat staff in Quexby on Monday. Observers praised Zorblat for its help. "
    "Lisa came too."
)
SECOND = "Lisa and John Smith visited Quexby. Zorblat staff were there. Critics condemned Zorblat."
PATTERNS = [
    {"label": "ORG", "pattern": "Zorblat"},
    {"label": "PER", "pattern": "Quexby"},
    {"label": "PER", "pattern": "John"},
    {"label": "ORG", "pattern": "Monday"},
]


def span(text: str, word: str, label: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return {"start": start, "end": start + len(word), "label": label}


def sentence(text: str, words: str, target: str, label: str) -> dict:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "target": target, "label": label}


def gold_records() -> list[dict]:
    first_spans = [
        span(FIRST, "John Smith", "PER"),
        span(FIRST, "Zorblat", "ORG"),
        span(FIRST, "Quexby", "LOC"),
        span(FIRST, "Zorblat", "ORG", 1),
        span(FIRST, "Lisa", "PER"),
    ]
    second_spans = [
        span(SECOND, "Lisa", "PER"),
        span(SECOND, "John Smith", "PER"),
        span(SECOND, "Quexby", "LOC"),
        span(SECOND, "Zorblat", "ORG"),
        span(SECOND, "Zorblat", "ORG", 1),
    ]
    return [
        {
            "text": FIRST,
            "lang": "en",
            "spans": first_spans,
            "stance": [
                sentence(
                    FIRST, "John Smith met Zorblat staff in Quexby on Monday.", "Zorblat", "NEUTRAL"
                ),
                sentence(FIRST, "Observers praised Zorblat for its help.", "Zorblat", "FAVOR"),
            ],
        },
        {
            "text": SECOND,
            "lang": "en",
            "spans": second_spans,
            "stance": [
                sentence(SECOND, "Zorblat staff were there.", "Zorblat", "NEUTRAL"),
                sentence(SECOND, "Critics condemned Zorblat.", "Zorblat", "AGAINST"),
            ],
        },
    ]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """One replay for the tests that read its figures (a replay loads the pattern files)."""
    folder = tmp_path_factory.mktemp("replay")
    project = folder / "p.sqlite"
    patterns = folder / "p.sqlite.patterns"
    patterns.mkdir()
    write_jsonl(patterns / "names.jsonl", PATTERNS)
    gold = write_jsonl(folder / "gold.jsonl", gold_records())
    out = io.StringIO()
    with redirect_stdout(out):
        code = main.main(
            ["replay", "--gold", str(gold), "--project", str(project), "--block", "1", "--json"]
        )
    assert code == 0
    return json.loads(out.getvalue()), project


def test_the_first_document_costs_what_its_wrong_suggestions_cost(
    replayed: tuple[dict, Path],
) -> None:
    result, _ = replayed
    first = result["blocks"][0]
    assert first["documents"] == [1, 1]
    # Shown: John (PER), Zorblat twice, Quexby (PER), Monday (ORG). Zorblat is right twice
    # (two keys, no correction), Monday is rejected, Quexby relabelled, John resized to
    # "John Smith", and Lisa, which nothing suggested, added: 4 corrections for 5 entities.
    assert first["entities"] == {
        "gold": 5,
        "suggested": 5,
        "correct": 2,
        "corrections": {"accept": 2, "reject": 1, "relabel": 1, "resize": 1, "add": 1},
        "corrections_per_gold": 0.8,
        "precision": 0.4,
        "recall": 0.4,
        "f1": 0.4,
    }
    # The lexicon: NEUTRAL for the first sentence (no cue), FAVOR for "praised": both right.
    assert first["stance"] == {
        "pairs": 2,
        "corrections": 0,
        "corrections_per_pair": 0.0,
        "accuracy": 1.0,
        "macro_f1": 1.0,
    }
    assert first["models"]["entities"] == ["patterns only"]
    assert first["models"]["stance"][0].startswith("stance-lexicon-en")


def test_the_second_document_gets_what_the_first_taught(replayed: tuple[dict, Path]) -> None:
    result, _ = replayed
    second = result["blocks"][1]
    # The memory suggests Lisa, John Smith and Quexby (LOC) as decided; the patterns' "John"
    # and "Quexby" (PER) overlap those and are not shown; Zorblat comes from the patterns.
    assert second["entities"]["suggested"] == 5
    assert second["entities"]["correct"] == 5
    assert second["entities"]["corrections"] == {
        "accept": 5,
        "reject": 0,
        "relabel": 0,
        "resize": 0,
        "add": 0,
    }
    assert second["entities"]["corrections_per_gold"] == 0.0
    # "Critics condemned Zorblat." is AGAINST; the lexicon shows NEUTRAL there: 1 of 2.
    # Macro-F1 over the labels that occur: AGAINST 0, NEUTRAL 2/3 (P 1/2, R 1).
    assert second["stance"] == {
        "pairs": 2,
        "corrections": 1,
        "corrections_per_pair": 0.5,
        "accuracy": 0.5,
        "macro_f1": round((0 + 2 / 3) / 2, 4),
    }
    summary = result["summary"]
    assert summary["documents"] == 2
    assert summary["entities"]["corrections_per_gold"] == 0.4  # 4 of 10
    assert summary["stance"]["corrections_per_pair"] == 0.25  # 1 of 4
    assert summary["first_block"]["corrections_per_gold"] == 0.8
    assert summary["last_block"]["corrections_per_gold"] == 0.0


def test_the_project_holds_exactly_the_gold_done_and_the_figures(
    replayed: tuple[dict, Path],
) -> None:
    from services.replay import stored_replay

    result, path = replayed
    with open_project(path) as project, project.db.read() as session:
        kept = {
            (s.document_id, s.start_offset, s.end_offset, s.label.name)
            for s in session.query(EntitySpan).where(
                EntitySpan.annotator_id.is_not(None),
                EntitySpan.state != AnnotationState.REJECTED,
            )
        }
        statuses = [s.status for s in session.query(DocumentStatus)]
        stored = stored_replay(project)
    wanted = {
        (number, s["start"], s["end"], s["label"])
        for number, record in enumerate(gold_records(), 1)
        for s in record["spans"]
    }
    assert kept == wanted
    assert statuses == [DocumentStatusValue.DONE, DocumentStatusValue.DONE]
    assert stored == result


def test_a_table_and_a_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", gold_records())
    chart = tmp_path / "curve.png"
    code, out, err = run(capsys, "replay", "--gold", str(gold), "--plot", str(chart))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["documents", "gold", "shown"]
    assert lines[1].split()[:2] == ["1–2", "10"]  # one block of 20 holds both documents
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_a_project_holding_one_of_the_texts_is_refused_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.sqlite"
    with open_project(path) as project:
        add_documents(project, [SECOND])
        add_target(project.db, project.project_id, "Zorblat")
    before = path.read_bytes()
    gold = write_jsonl(tmp_path / "gold.jsonl", gold_records())
    code, _, err = run(capsys, "replay", "--gold", str(gold), "--project", str(path))
    assert code == 1
    assert "already holds 1 of these texts (first: " in err and "gold.jsonl:2" in err
    assert path.read_bytes() == before


def test_bad_lines_are_named_and_a_file_without_records_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = gold_records()
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(records[0]) + "\n{not json\n" + json.dumps(records[0]) + "\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "replay", "--gold", str(gold), "--json")
    assert code == 0, err
    assert "gold.jsonl:2: invalid JSON" in err
    assert "gold.jsonl:3: the same text as" in err
    assert json.loads(out)["summary"]["documents"] == 1
    gold.write_text("{not json\n", encoding="utf-8")
    code, _, err = run(capsys, "replay", "--gold", str(gold))
    assert code == 1
    assert "no labelled document to replay" in err and "gold.jsonl:1" in err


def test_doccano_and_prodigy_spans_replay_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = gold_records()
    doccano = {"text": first["text"], "lang": "en"}
    doccano["label"] = [[s["start"], s["end"], s["label"]] for s in first["spans"]]
    prodigy = {"text": second["text"], "lang": "en", "answer": "accept"}
    prodigy["spans"] = [dict(s, token_start=0, token_end=0) for s in second["spans"]]
    gold = write_jsonl(tmp_path / "gold.jsonl", [doccano, prodigy])
    code, out, err = run(capsys, "replay", "--gold", str(gold), "--json", "--block", "1")
    assert code == 0, err
    result = json.loads(out)
    assert [b["entities"]["gold"] for b in result["blocks"]] == [5, 5]
    assert result["summary"]["labelled"] == {"entities": True, "stance": False}
