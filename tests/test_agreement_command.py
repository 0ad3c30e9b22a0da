"""`python main.py agreement`: two annotators on one document, numbers computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage.entity_edits import EntityEditor
from storage.project import open_project
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from tests.factories import GERMAN_TEXT, add_annotator, add_documents, run

FIRST = (0, GERMAN_TEXT.index(".") + 1)  # "Die NATO hat sich besorgt geäußert."
SECOND = (FIRST[1] + 1, len(GERMAN_TEXT))  # "Russland verurteilte ..."


def at(word: str) -> tuple[int, int]:
    start = GERMAN_TEXT.index(word)
    return start, start + len(word)


def label_entities(editor: EntityEditor, document: int, berlin: str) -> None:
    for word, label in (("NATO", "ORG"), ("Russland", "LOC"), ("Olaf Scholz", "PER")):
        editor.add(document, *at(word), label)
    editor.add(document, *at("Berlin"), berlin)


def make_project(path: Path, *, second_annotator: bool = True) -> None:
    """anna and ben label the first document; only anna labels the second (not compared).
    They differ on Berlin's entity label and on the stance toward Russland."""
    with open_project(path) as project:
        add_target(project.db, project.project_id, "NATO")
        add_target(project.db, project.project_id, "Russland")
        shared, alone = add_documents(project, [GERMAN_TEXT, GERMAN_TEXT + " Nachtrag."])
        people = [("anna", "LOC", "AGAINST")]
        if second_annotator:
            people.append(("ben", "ORG", "FAVOR"))
        for name, berlin, russland in people:
            annotator = add_annotator(project, name)
            label_entities(EntityEditor(project.db, project.project_id, annotator), shared, berlin)
            stance = StanceEditor(project.db, project.project_id, annotator)
            stance.set_sentence(shared, *FIRST, 0, "NATO", "AGAINST")
            stance.set_sentence(shared, *SECOND, 1, "Russland", russland)
        anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
        anna.add(alone, *at("NATO"), "ORG")


@pytest.fixture
def project_path(tmp_path: Path) -> str:
    path = tmp_path / "p.sqlite"
    make_project(path)
    return str(path)


# Entities, 23 tokens ("Die NATO hat ... Bundesregierung ."); only Berlin differs (LOC/ORG).
#   span F1 = 2 * 3 matches / (4 + 4 spans) = 0.75
#   tokens: anna O 18, ORG 1, LOC 2, PER 2; ben O 18, ORG 2, LOC 1, PER 2
#   p_o = 22/23, p_e = (18*18 + 1*2 + 2*1 + 2*2) / 23^2 = 332/529
#   kappa = (506/529 - 332/529) / (197/529) = 174/197 = 0.8832
#   LOC: spans anna 2, ben 1, one shared: F1 = 2/3; tokens LOC or not, anna 2/21, ben 1/22:
#        p_o = 22/23, p_e = (2*1 + 21*22) / 529 = 464/529, kappa = 42/65 = 0.646
# Stance: NATO both AGAINST; Russland AGAINST / FAVOR.
#   kappa = (0.5 - 0.5) / (1 - 0.5) = 0 (p_e: anna AGAINST 2/2, ben AGAINST 1/2)
#   alpha: o_AA = 2, o_AF = o_FA = 1, n_A = 3, n_F = 1, n = 4:
#          1 - 3 * 2 / (16 - 9 - 1) = 0
def test_json_report(capsys, project_path):
    code, stdout, _ = run(capsys, "agreement", "--project", project_path, "--json")
    assert code == 0
    report = json.loads(stdout)
    assert report["documents"] == 1
    assert report["annotators"] == ["anna", "ben"]
    entities = report["entities"]
    assert entities["span_f1"] == 0.75
    assert entities["token_kappa"] == round(174 / 197, 4)
    assert entities["by_label"]["PER"] == {"span_f1": 1.0, "token_kappa": 1.0}
    assert entities["by_label"]["LOC"] == {
        "span_f1": round(2 / 3, 4),
        "token_kappa": round(42 / 65, 4),
    }
    assert entities["pairs"][0]["annotators"] == ["anna", "ben"]
    assert entities["pairs"][0]["documents"] == 1
    stance = report["stance"]
    assert (stance["units"], stance["kappa"], stance["alpha"]) == (2, 0.0, 0.0)
    assert stance["by_target"]["NATO"] == {"kappa": 1.0, "alpha": 1.0}
    assert stance["by_target"]["Russland"] == {"kappa": 0.0, "alpha": 0.0}
    assert stance["pairs"][0]["units"] == 2


def test_text_report(capsys, project_path):
    code, stdout, err = run(capsys, "agreement", "--project", project_path)
    assert (code, err) == (0, "")
    lines = stdout.splitlines()
    assert lines[0] == "1 documents labelled by two or more annotators (anna, ben)"
    assert lines[1] == "entities: span F1 0.750, token kappa 0.883 (mean of 1 pairs)"
    assert "  LOC: span F1 0.667, token kappa 0.646" in lines
    assert "  anna / ben: 1 documents, span F1 0.750, token kappa 0.883" in lines
    assert (
        "stance: 2 sentence-targets, Krippendorff's alpha 0.000, Cohen's kappa 0.000 "
        "(mean of 1 pairs)" in lines
    )
    assert "  NATO: alpha 1.000, kappa 1.000" in lines


def test_one_annotator_exits_1(capsys, tmp_path):
    path = tmp_path / "p.sqlite"
    make_project(path, second_annotator=False)
    code, stdout, err = run(capsys, "agreement", "--project", str(path))
    assert (code, stdout) == (1, "")
    assert err.startswith("error: no document was labelled by two or more annotators")


def test_the_excel_export_has_an_agreement_sheet_once_two_annotators_labelled(
    capsys, project_path, tmp_path
):
    from openpyxl import load_workbook

    out = tmp_path / "team.xlsx"
    code, _, err = run(
        capsys, "export", "--project", project_path, "--format", "xlsx", "--out", str(out)
    )
    assert code == 0, err
    rows = list(load_workbook(out)["Agreement"].iter_rows(values_only=True))
    assert rows[0] == ("part", "scope", "measure", "value")
    assert ("entities", "all labels", "span F1 (exact match)", 0.75) in rows
    assert ("stance", "NATO", "Krippendorff's alpha (nominal)", 1.0) in rows

    single = tmp_path / "one.sqlite"
    make_project(single, second_annotator=False)
    out = tmp_path / "alone.xlsx"
    assert (
        run(capsys, "export", "--project", str(single), "--format", "xlsx", "--out", str(out))[0]
        == 0
    )
    assert "Agreement" not in load_workbook(out).sheetnames
