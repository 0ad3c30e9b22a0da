"""The project memory from the command line: labels imported as accepted teach it, every
other document that contains the name holds the suggestion afterwards, documents imported
later get it too, and `stats` reports how often memory suggestions were accepted."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from storage.entity_edits import EntityEditor, visible_spans
from storage.models import Document, EntitySpan, OriginKind
from storage.project import get_or_create_annotator, open_project
from tests.factories import run

LABELLED = "Russische Truppen rücken auf Pokrovsk vor."
OTHERS = [
    "In Pokrovsk fehlt seit Tagen Wasser.",
    "Die Verteidigung Pokrovsks hält vorerst.",
    "Die Pokrovsk-Front bleibt ruhig.",
    "Berlin schweigt.",
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def memory_suggestions(project: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Per document text: (covered, label, explanation) of its open memory suggestions."""
    with open_project(project, create=False) as opened, opened.db.read() as session:
        texts = {i: t for i, t in session.execute(select(Document.id, Document.text))}
        rows = session.scalars(
            select(EntitySpan).where(
                EntitySpan.origin_kind == OriginKind.MEMORY, EntitySpan.annotator_id.is_(None)
            )
        )
        found: dict[str, list[tuple[str, str, str]]] = {}
        for r in rows:
            text = texts[r.document_id]
            covered = text[r.start_offset : r.end_offset]
            found.setdefault(text, []).append((covered, r.label.name, r.origin_detail or ""))
        return found


def test_an_imported_label_is_suggested_in_every_other_document(capsys, tmp_path):
    project = str(tmp_path / "p.sqlite")
    start = LABELLED.index("Pokrovsk")
    labelled = {
        "text": LABELLED,
        "spans": [{"start": start, "end": start + 8, "label": "LOC"}],
        "answer": "accept",
        "meta": {"language": "de"},
    }
    records = [labelled] + [{"text": t, "meta": {"language": "de"}} for t in OTHERS]
    data = write_jsonl(tmp_path / "a.jsonl", records)
    code, _, err = run(capsys, "import", "--project", project, str(data), "--annotator", "anna")
    assert code == 0, err
    assert "project memory: 2 suggestions added" in err
    explanation = "accepted 1 time in 1 document"
    assert memory_suggestions(Path(project)) == {
        OTHERS[0]: [("Pokrovsk", "LOC", explanation)],
        OTHERS[1]: [("Pokrovsks", "LOC", explanation)],
    }

    # A document imported later gets what the memory knows.
    later = write_jsonl(tmp_path / "b.jsonl", [{"text": "Pokrovsk liegt im Donbass."}])
    code, _, err = run(capsys, "import", "--project", project, str(later))
    assert code == 0, err
    assert memory_suggestions(Path(project))["Pokrovsk liegt im Donbass."] == [
        ("Pokrovsk", "LOC", explanation)
    ]


def test_stats_report_the_acceptance_of_memory_suggestions(capsys, tmp_path):
    project = tmp_path / "p.sqlite"
    start = LABELLED.index("Pokrovsk")
    labelled = {"text": LABELLED, "spans": [{"start": start, "end": start + 8, "label": "LOC"}]}
    records = [labelled] + [{"text": t, "meta": {"language": "de"}} for t in OTHERS[:2]]
    data = write_jsonl(tmp_path / "a.jsonl", records)
    assert run(capsys, "import", "--project", str(project), str(data))[0] == 0
    with open_project(project, create=False) as opened:
        with opened.db.write() as session:
            zoe = get_or_create_annotator(session, "zoe").id
        editor = EntityEditor(opened.db, opened.project_id, zoe)
        decisions = []
        for text in OTHERS[:2]:
            with opened.db.read() as session:
                document_id = session.scalar(select(Document.id).where(Document.text == text))
                [memory] = [
                    s
                    for s in visible_spans(session, document_id, zoe)
                    if s.origin_kind == OriginKind.MEMORY
                ]
                decisions.append(memory.id)
        editor.accept(decisions[0])
        editor.reject(decisions[1])

    code, out, err = run(capsys, "stats", "--project", str(project))
    assert code == 0, err
    assert "  memory   1 / 0 / 1 of 2 suggested, 0 open: acceptance 50%" in out
    code, out, _ = run(capsys, "stats", "--project", str(project), "--json")
    [row] = [
        r for r in json.loads(out)["suggestion_outcomes"]["by_origin"] if r["origin"] == "memory"
    ]
    assert (row["accepted"], row["rejected"], row["acceptance_rate"]) == (1, 1, 0.5)
