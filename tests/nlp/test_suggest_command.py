"""`suggest` and `evaluate` on the command line, with a tiny model trained for the tests."""

from __future__ import annotations

import json

from tests.factories import run
from tests.nlp_factories import ARTICLES, make_project


def test_suggest_stores_model_and_pattern_suggestions_idempotently(capsys, tmp_path, tiny_model):
    project = make_project(capsys, tmp_path)
    code, out, err = run(capsys, "suggest", "--project", project, "--model", str(tiny_model))
    assert code == 0, err
    assert "de: de_tiny_ner@0.0.1" in err
    first = out.splitlines()[0]
    assert first.startswith("suggested for 2 documents: ") and " 0 kept" in first
    stats = json.loads(run(capsys, "stats", "--project", project, "--json")[1])
    assert stats["spans"]["by_state"]["suggested"] >= 3
    assert stats["spans"]["by_origin"]["model"] >= 2
    code, out, _ = run(capsys, "suggest", "--project", project, "--model", str(tiny_model))
    added = int(first.split(": ")[1].split()[0])
    assert out.splitlines()[0] == (
        f"suggested for 2 documents: 0 new, {added} kept, 0 withdrawn, "
        "0 not repeated (annotators decided)"
    )


def test_only_new_documents(capsys, tmp_path, tiny_model):
    project = make_project(capsys, tmp_path)
    run(capsys, "suggest", "--project", project, "--model", str(tiny_model))
    make_project(capsys, tmp_path, ["Maria Lang sprach in Minsk mit Jack Watling über Moskau."])
    code, out, _ = run(
        capsys, "suggest", "--project", project, "--model", str(tiny_model), "--only-new"
    )
    assert code == 0 and out.startswith("suggested for 1 document:")


def test_suggest_usage_and_failures(capsys, tmp_path, tiny_model):
    project = make_project(capsys, tmp_path)
    assert run(capsys, "suggest", "--project", project, "--language", "fr")[0] == 2
    assert run(capsys, "suggest", "--project", project, "--processes", "0")[0] == 2
    code, _, err = run(capsys, "suggest", "--project", str(tmp_path / "none.sqlite"))
    assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "suggest", "--project", project, "--model", str(tmp_path / "x"))
    assert code == 1 and "neither a pipeline folder nor an installed" in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "LOC"}\n', encoding="utf-8")
    code, _, err = run(
        capsys, "suggest", "--project", project, "--model", str(tiny_model), "--patterns", str(bad)
    )
    assert (
        code == 1
        and err.strip() == f"error: {bad}:1: pattern must be a string or a list of token dicts"
    )


def test_evaluate_prints_per_label_scores(capsys, tmp_path, tiny_model):
    data = tmp_path / "gold.conll"
    data.write_text(
        "Olaf B-PER\nScholz I-PER\nsprach O\nin O\nBerlin B-LOC\n.\tO\n\n"
        "In O\nKiew B-LOC\ntraf O\nAnna B-PER\nBerg I-PER\n. O\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "evaluate", "--model", str(tiny_model), "--data", str(data))
    assert code == 0
    assert out.splitlines()[0] == "model: de_tiny_ner@0.0.1   sentences: 2"
    assert any(line.startswith("PER ") for line in out.splitlines())
    assert any(line.startswith("overall ") for line in out.splitlines())
    code, out, _ = run(
        capsys, "evaluate", "--model", str(tiny_model), "--data", str(data), "--json"
    )
    scores = json.loads(out)
    assert set(scores["per_label"]) <= {"PER", "LOC"} and 0 <= scores["f1"] <= 1
    assert set(scores["confidence"]) == {">=0.5", ">=0.8"}
    code, _, err = run(
        capsys, "evaluate", "--model", str(tiny_model), "--data", str(tmp_path / "missing.conll")
    )
    assert code == 1 and "missing.conll: no such file" in err


def test_several_processes_store_the_same_as_one(capsys, tmp_path, tiny_model):
    texts = [
        f"In Minsk traf Anna Berg den Botschafter Nummer {i} über die Lage." for i in range(70)
    ]  # more than one batch, so the workers really share the work
    outputs = []
    for name, processes in (("one", "1"), ("two", "2")):
        (tmp_path / name).mkdir()
        project = make_project(capsys, tmp_path / name, texts)
        code, out, err = run(
            capsys,
            "suggest",
            "--project",
            project,
            "--model",
            str(tiny_model),
            "--processes",
            processes,
        )
        assert code == 0, err
        outputs.append(out)
    assert outputs[0] == outputs[1] and outputs[0].startswith("suggested for 70 documents")


def test_evaluate_reads_a_docbin(capsys, tmp_path, tiny_model):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("de")
    doc = nlp("Olaf Scholz sprach in Berlin .")
    doc.ents = [doc.char_span(0, 11, "PER"), doc.char_span(22, 28, "LOC")]
    path = tmp_path / "gold.spacy"
    DocBin(docs=[doc]).to_disk(path)
    code, out, _ = run(
        capsys, "evaluate", "--model", str(tiny_model), "--data", str(path), "--json"
    )
    assert code == 0 and json.loads(out)["sentences"] == 1


def test_english_without_a_pipeline_gets_pattern_suggestions_and_a_note(
    capsys, tmp_path, monkeypatch
):
    import nlp.pipelines

    monkeypatch.setattr(nlp.pipelines, "is_package", lambda name: False)
    text = (
        "The United Nations said on Monday that the talks in Geneva were over and that "
        "Russia and the European Union would meet again in the spring."
    )
    project = make_project(capsys, tmp_path, [text])
    code, out, err = run(capsys, "suggest", "--project", project)
    assert code == 0, err
    assert "en: patterns only" in err
    assert "en: note: No English pipeline is installed" in err
    stats = json.loads(run(capsys, "stats", "--project", project, "--json")[1])
    assert stats["spans"]["by_origin"] == {"pattern": stats["spans"]["by_state"]["suggested"]}
    assert stats["spans"]["by_label"]["LOC"] >= 2 and stats["spans"]["by_label"]["ORG"] >= 2
    code, out, _ = run(capsys, "suggest", "--project", project, "--only-new")
    assert out.startswith("suggested for 0 documents")  # it counts as suggested for


def test_suggest_uses_the_active_trained_model_and_replaces_the_old_ones_suggestions(
    capsys, tmp_path, tiny_model
):
    from sqlalchemy import select

    from storage.entity_edits import EntityEditor
    from storage.models import EntitySpan
    from storage.project import open_project
    from tests.factories import add_annotator, add_documents
    from tests.nlp_factories import make_labelled_project

    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    with open_project(project) as opened:
        new = add_documents(opened, ARTICLES)
    code, _, err = run(capsys, "suggest", "--project", str(project), "--language", "de")
    assert code == 0 and "de: de_standpunkt_ner@0.1.0" in err

    def machine_rows() -> list[EntitySpan]:
        with open_project(project) as opened, opened.db.read() as session:
            query = select(EntitySpan).where(
                EntitySpan.document_id.in_(new), EntitySpan.annotator_id.is_(None)
            )
            return list(session.scalars(query))

    old = [r for r in machine_rows() if r.origin_name == "de_standpunkt_ner"]
    assert len(old) >= 3
    with open_project(project) as opened:  # zoe decides on one of them
        EntityEditor(opened.db, opened.project_id, add_annotator(opened, "zoe")).accept(old[0].id)
    code, out, err = run(
        capsys, "train", "--project", str(project), "--component", "ner", "--activate"
    )
    assert code == 0 and "activated: the project's entity model from now on" in out, err
    version = out.split("de_project_ner@")[1].split(":")[0]
    code, _, err = run(capsys, "suggest", "--project", str(project), "--language", "de")
    assert code == 0 and f"de: de_project_ner@{version}" in err
    rows = machine_rows()
    models = {(r.origin_name, r.origin_version) for r in rows if r.origin_kind.value == "model"}
    assert ("de_project_ner", version) in models
    undecided = [r for r in rows if r.id != old[0].id]
    assert all(r.origin_name != "de_standpunkt_ner" for r in undecided)
    assert any(r.id == old[0].id for r in rows)  # the decided one stays
    # An explicit --model still wins, and its run takes over in turn.
    code, _, err = run(
        capsys, "suggest", "--project", str(project), "--language", "de", "--model", str(tiny_model)
    )
    assert code == 0 and "de: de_tiny_ner@0.0.1" in err
    names = {r.origin_name for r in machine_rows() if r.origin_kind.value == "model"}
    assert "de_project_ner" not in names
