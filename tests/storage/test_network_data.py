"""Counting discourse networks from statements (no project): the smaller count weighs a tie,
a project's own side-taking label counts toward the weight, authors can be left out."""

from __future__ import annotations

from storage.export.network_data import NetworkOptions, Statement, build_network


def statements(*rows: tuple[int, str, str, str]) -> list[Statement]:
    return [Statement(doc, holder, target, side, "anna") for doc, holder, target, side in rows]


def test_a_tie_weighs_the_smaller_count_of_each_side() -> None:
    said = statements(
        *[(d, "Merz", "Ukraine", "FAVOR") for d in (1, 2, 3)],
        (4, "Scholz", "Ukraine", "FAVOR"),
        (4, "Scholz", "Ukraine", "AGAINST"),
        (5, "Weidel", "Ukraine", "AGAINST"),
        (5, "Weidel", "Ukraine", "AGAINST"),
    )
    network = build_network(said, NetworkOptions(mode="actors"))
    ties = {(e.kind, e.source, e.target): e.weight for e in network.edges}
    assert ties == {
        ("agree", "actor:Merz", "actor:Scholz"): 1,  # min(3, 1)
        ("conflict", "actor:Merz", "actor:Scholz"): 1,  # Merz FAVOR 3 vs Scholz AGAINST 1
        ("conflict", "actor:Merz", "actor:Weidel"): 2,  # min(3, 2)
        ("agree", "actor:Scholz", "actor:Weidel"): 1,  # AGAINST min(1, 2)
        ("conflict", "actor:Scholz", "actor:Weidel"): 1,  # Scholz FAVOR 1 vs Weidel AGAINST 2
    }


def test_another_side_taking_label_and_no_author() -> None:
    said = statements(
        (1, "author", "Ukraine", "FAVOR"),
        (1, "Merz", "Ukraine", "PRO"),
        (2, "Merz", "Ukraine", "FAVOR"),
    )
    network = build_network(said, NetworkOptions(with_author=False))
    assert [n.id for n in network.nodes] == ["actor:Merz", "target:Ukraine"]
    (edge,) = network.edges
    assert (edge.favor, edge.against, edge.weight, edge.side) == (1, 0, 2, "MIXED")
    assert network.statements == 2 and network.documents == 2
