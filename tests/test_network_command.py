"""``python main.py export --format network|network-csv``: the GraphML read back with
networkx and the CSV with the csv module, against counts made by hand for the project of
tests/network_factories.py (its docstring lists every label)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from storage.project import open_project
from tests.factories import run
from tests.network_factories import build_network_project

W, T, N, D, A = (
    "actor:Jack Watling",
    "actor:Viktor Trehubov",
    "actor:NATO",
    "actor:Die NATO",
    "author",
)
NATO, RUS, USA = "target:NATO", "target:Russland", "target:USA"

# Two-mode, each label counted: (favor, against, side) per holder -> target.
BY_STATEMENT = {
    (W, USA): (0, 1, "AGAINST"),
    (W, NATO): (1, 0, "FAVOR"),
    (W, RUS): (0, 2, "AGAINST"),  # two sentences of D3
    (T, NATO): (1, 1, "MIXED"),  # anna FAVOR, ben AGAINST in D1
    (T, RUS): (0, 2, "AGAINST"),  # anna and ben in D2
    (N, RUS): (0, 1, "AGAINST"),
    (D, RUS): (0, 1, "AGAINST"),
    (A, RUS): (0, 1, "AGAINST"),  # the gold row of D2, not anna's AGAINST and ben's FAVOR
    (A, NATO): (1, 0, "FAVOR"),  # anna's document stance of D3
}
# Per document, a holder's side toward a target counts once in a document.
BY_DOCUMENT = BY_STATEMENT | {(W, RUS): (0, 1, "AGAINST"), (T, RUS): (0, 1, "AGAINST")}
# Node: (label, kind, statements, documents).
NODES = {
    A: ("author", "author", 2, 2),
    D: ("Die NATO", "actor", 1, 1),
    W: ("Jack Watling", "actor", 4, 3),
    N: ("NATO", "actor", 1, 1),
    T: ("Viktor Trehubov", "actor", 4, 2),
    NATO: ("NATO", "target", 4, 3),
    RUS: ("Russland", "target", 7, 3),
    USA: ("USA", "target", 1, 1),
}
# One-mode: min of the two actors' counts, summed over (target, side); targets it comes from.
AGREE = {
    frozenset((W, T)): (3, "NATO; Russland"),  # NATO FAVOR 1 + Russland AGAINST min(2, 2)
    frozenset((W, N)): (1, "Russland"),  # min(2, 1)
    frozenset((W, D)): (1, "Russland"),
    frozenset((W, A)): (2, "NATO; Russland"),
    frozenset((T, N)): (1, "Russland"),
    frozenset((T, D)): (1, "Russland"),
    frozenset((T, A)): (2, "NATO; Russland"),
    frozenset((N, D)): (1, "Russland"),
    frozenset((N, A)): (1, "Russland"),
    frozenset((D, A)): (1, "Russland"),
}
CONFLICT = {
    frozenset((W, T)): (1, "NATO"),  # Watling FAVOR 1, Trehubov AGAINST 1
    frozenset((T, A)): (1, "NATO"),  # Trehubov AGAINST 1, the author FAVOR 1
}


@pytest.fixture(scope="module")
def project_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("network") / "project.sqlite"
    with open_project(path, backup_on_open=False) as project:
        build_network_project(project)
    yield str(path)


def export(capsys, project: str, out: Path, *options: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run(capsys, "export", "--project", project, "--out", str(out), *options)


def two_mode_edges(graph: nx.DiGraph) -> dict[tuple[str, str], tuple[int, int, str]]:
    return {(a, b): (d["favor"], d["against"], d["side"]) for a, b, d in graph.edges(data=True)}


def test_the_actor_target_network_read_back_with_networkx(capsys, project_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "net.graphml"
    code, stdout, stderr = export(capsys, project_path, out, "--format", "network")
    assert code == 0, stderr
    assert f"5 actors, 3 targets and 9 edges (12 labels in 3 documents) to {out}" in stdout
    graph = nx.read_graphml(out)
    assert isinstance(graph, nx.DiGraph)
    assert two_mode_edges(graph) == BY_STATEMENT
    assert all(d["weight"] == d["favor"] + d["against"] for _a, _b, d in graph.edges(data=True))
    nodes = {
        n: (d["label"], d["kind"], d["statements"], d["documents"])
        for n, d in graph.nodes(data=True)
    }
    assert nodes == NODES
    assert {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1} == {NATO, RUS, USA}
    assert nx.bipartite.is_bipartite(graph)


def test_counting_per_document(capsys, project_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "net.graphml"
    code, _out, stderr = export(
        capsys, project_path, out, "--format", "network", "--count", "documents"
    )
    assert code == 0, stderr
    assert two_mode_edges(nx.read_graphml(out)) == BY_DOCUMENT


def test_the_actor_network_agree_and_conflict(capsys, project_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "actors.graphml"
    code, stdout, stderr = export(
        capsys, project_path, out, "--format", "network", "--mode", "actors"
    )
    assert code == 0, stderr
    assert "5 actors and 12 edges" in stdout
    graph = nx.read_graphml(out)
    assert isinstance(graph, nx.MultiGraph) and not graph.is_directed()  # agree and conflict
    ties: dict[str, dict[frozenset[str], tuple[int, str]]] = {"agree": {}, "conflict": {}}
    for a, b, d in graph.edges(data=True):
        ties[d["kind"]][frozenset((a, b))] = (d["weight"], d["targets"])
    assert ties == {"agree": AGREE, "conflict": CONFLICT}
    assert {d["kind"] for _n, d in graph.nodes(data=True)} == {"actor", "author"}


def test_only_conflicts_without_the_author(capsys, project_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "conflict.graphml"
    options = ("--format", "network", "--mode", "actors", "--ties", "conflict")
    code, _out, stderr = export(capsys, project_path, out, *options, "--without-author")
    assert code == 0, stderr
    graph = nx.read_graphml(out)
    assert set(graph.nodes) == {W, T, N, D}
    assert [(frozenset((a, b)), d["weight"]) for a, b, d in graph.edges(data=True)] == [
        (frozenset((W, T)), 1)
    ]


def test_one_annotator_counts_alone_even_where_a_review_settled(
    capsys, project_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ben.graphml"
    code, _out, stderr = export(
        capsys, project_path, out, "--format", "network", "--annotator", "ben"
    )
    assert code == 0, stderr
    assert two_mode_edges(nx.read_graphml(out)) == {
        (T, NATO): (0, 1, "AGAINST"),
        (T, RUS): (0, 1, "AGAINST"),
        (A, RUS): (1, 0, "FAVOR"),  # his own label, though gold says AGAINST
        (D, RUS): (0, 1, "AGAINST"),  # his rejected suggestion is not counted
    }


def test_csv_edge_and_node_lists(capsys, project_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "net.csv"
    code, stdout, stderr = export(capsys, project_path, out, "--format", "network-csv")
    assert code == 0, stderr
    edges_file, nodes_file = tmp_path / "net-edges.csv", tmp_path / "net-nodes.csv"
    assert f"to {edges_file} and {nodes_file}" in stdout
    assert not out.exists()
    with edges_file.open(encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream))
    with nodes_file.open(encoding="utf-8", newline="") as stream:
        nodes = list(csv.DictReader(stream))
    assert list(edges[0]) == ["source", "target", "favor", "against", "weight", "side"]
    assert {
        (e["source"], e["target"]): (int(e["favor"]), int(e["against"]), e["side"]) for e in edges
    } == BY_STATEMENT
    assert {
        n["id"]: (n["label"], n["kind"], int(n["statements"]), int(n["documents"])) for n in nodes
    } == NODES


def test_an_unknown_annotator_and_an_unwritable_path_are_one_line(
    capsys, project_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "net.graphml"
    code, _out, stderr = export(
        capsys, project_path, out, "--format", "network", "--annotator", "nobody"
    )
    assert code == 1
    assert stderr.strip().count("\n") == 0 and "no annotator called 'nobody'" in stderr
    assert "anna, ben" in stderr
    missing = tmp_path / "no-such-folder" / "net.graphml"
    code, _out, stderr = export(capsys, project_path, missing, "--format", "network")
    assert code == 1 and stderr.strip().count("\n") == 0
    assert str(missing.parent) in stderr
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _out, stderr = export(capsys, project_path, folder, "--format", "network")
    assert code == 1 and stderr.strip().count("\n") == 0 and "is a folder" in stderr
    folder.rmdir()
    if os.geteuid() != 0:  # root writes into a read-only folder anyway
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        code, _out, stderr = export(
            capsys, project_path, locked / "n.graphml", "--format", "network"
        )
        assert code == 1 and "cannot write" in stderr
    assert list(tmp_path.iterdir()) == ([tmp_path / "locked"] if os.geteuid() != 0 else [])


def test_an_empty_network_is_a_valid_empty_graph_with_a_note(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "empty.sqlite"
    with open_project(project, backup_on_open=False):
        pass
    out = tmp_path / "empty.graphml"
    code, stdout, stderr = export(capsys, str(project), out, "--format", "network")
    assert code == 0
    assert "network is empty" in stderr
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 0 and graph.is_directed()
    assert "0 actors, 0 targets and 0 edges" in stdout


def test_network_options_need_a_network_format(capsys, project_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _out, stderr = export(
        capsys, project_path, tmp_path / "x.jsonl", "--format", "jsonl", "--mode", "actors"
    )
    assert code == 2 and "--mode goes with --format network" in stderr
    code, _out, stderr = export(
        capsys, project_path, tmp_path / "x.graphml", "--format", "network", "--ties", "agree"
    )
    assert code == 2 and "--ties goes with --mode actors" in stderr
    code, stdout, _err = run(capsys, "export", "--help")
    assert "--count statements (default)" in stdout and "X-edges.csv" in stdout
