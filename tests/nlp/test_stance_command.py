"""Stance on the command line: targets, suggest --stance-only, evaluate-stance."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import (
    AnnotationState,
    Document,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.project import get_or_create_annotator, open_project
from storage.stance.edits import StanceEditor
from tests.factories import run
from tests.nlp_factories import make_project

ARTICLE = (
    "Russland verurteilte die Beschlüsse der NATO scharf. "
    "Die Bundesregierung begrüßte die Hilfe für die Ukraine ausdrücklich. "
    "Am Montag tagte der Rat in Brüssel."
)


def test_targets_stance_suggestions_and_their_evaluation(capsys, tmp_path):
    project = make_project(capsys, tmp_path, [ARTICLE])
    code, out, err = run(capsys, "suggest", "--project", project, "--stance-only")
    assert code == 1 and "no stance targets" in err
    for name, aliases in (("NATO", []), ("Ukraine", ["Kiew"]), ("Russland", ["Moskau"])):
        args = ["targets", "--project", project, "--add", name]
        for alias in aliases:
            args += ["--alias", alias]
        assert run(capsys, *args)[0] == 0
    code, out, _ = run(capsys, "targets", "--project", project)
    assert out.splitlines() == [
        "NATO\tNATO",
        "Russland\tMoskau, Russland",
        "Ukraine\tKiew, Ukraine",
    ]
    code, out, err = run(capsys, "suggest", "--project", project, "--stance-only")
    assert code == 0, err
    assert out.startswith("stance suggested for 1 document (2 sentences): 3 new")
    with open_project(project) as opened, opened.db.read() as session:
        found = {
            (s.target.name, s.label.name): s.explanation
            for s in session.scalars(select(StanceAnnotation))
        }
    assert set(found) == {("NATO", "AGAINST"), ("Russland", "NEUTRAL"), ("Ukraine", "FAVOR")}
    assert "verurteilte" in found[("NATO", "AGAINST")]
    code, out, _ = run(capsys, "suggest", "--project", project, "--stance-only")
    assert "0 new, 3 kept" in out  # idempotent
    code, out, _ = run(capsys, "suggest", "--project", project, "--stance-only", "--only-new")
    assert out.startswith("stance suggested for 0 documents")

    code, _, err = run(capsys, "evaluate-stance", "--project", project)
    assert code == 1 and "no accepted stance labels" in err
    with open_project(project) as opened, opened.db.write() as session:
        anna = get_or_create_annotator(session, "anna").id
        document = session.scalars(select(Document)).one()
        first_end = ARTICLE.index(".") + 1
        for target, label in (("NATO", "AGAINST"), ("Russland", "AGAINST")):
            session.add(
                StanceAnnotation(
                    document_id=document.id,
                    doc_length=document.text_length,
                    start_offset=0,
                    end_offset=first_end,
                    scope=StanceScope.SENTENCE,
                    sentence_index=0,
                    target_id=session.scalar(
                        select(StanceTarget.id).where(StanceTarget.name == target)
                    ),
                    label_id=session.scalar(
                        select(StanceLabel.id).where(StanceLabel.name == label)
                    ),
                    state=AnnotationState.ACCEPTED,
                    origin_kind=OriginKind.MANUAL,
                    annotator_id=anna,
                )
            )
    code, out, _ = run(capsys, "evaluate-stance", "--project", project)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2 accepted sentence labels; suggester: stance-lexicon-de@de-")
    assert lines[1].startswith("suggester: accuracy 0.500")
    assert any(line.startswith("majority baseline: accuracy 1.000") for line in lines)
    # NATO AGAINST is right; the suggester says Russland holds it, the label the author.
    holder_line = "holder: right for {} of the 1 labels taking a side that the suggester got right"
    assert holder_line.format(0) in out
    assert run(capsys, "actors", "--project", project, "--add", "Russland")[0] == 0
    with open_project(project) as opened:
        with opened.db.read() as session:
            nato = session.scalars(
                select(StanceAnnotation.id)
                .join(StanceTarget, StanceTarget.id == StanceAnnotation.target_id)
                .where(StanceTarget.name == "NATO", StanceAnnotation.annotator_id == anna)
            ).one()
        StanceEditor(opened.db, opened.project_id, anna).set_holder(nato, actor="Russland")
    code, out, _ = run(capsys, "evaluate-stance", "--project", project)
    assert holder_line.format(1) + " (1.00)" in out


def test_target_proposals_and_bad_usage(capsys, tmp_path):
    project = make_project(capsys, tmp_path, [ARTICLE])
    assert run(capsys, "targets", "--project", project, "--alias", "x")[0] == 2
    assert run(capsys, "targets", "--project", project, "--add", " ")[0] == 2
    code, out, _ = run(capsys, "targets", "--project", project, "--propose")
    assert code == 0 and out == ""  # no entities suggested yet
