"""Discourse networks from stance labels: who takes which side toward which target.

What is counted: the sentence and document stance labels that take a side (every label but
NEUTRAL; the export reads only what annotators accepted or edited), each with its holder
(an actor's name, the words that name the holder, or "author"). Where a review settled a
place (a row of origin "review", the gold version) only that row counts there, as
``storage.stance.store.accepted_sentence_labels`` does for training.

Two networks, as the Discourse Network Analyzer (DNA) exports them:

- actor–target (two-mode): a directed edge holder → target with how often the holder was
  FAVOR and AGAINST, ``weight`` = their sum and ``side`` FAVOR, AGAINST or MIXED;
- actors (one-mode, DNA's congruence network): actors linked when they take the same side
  toward the same target ("agree", weight Σ over (target, side) of the smaller of the two
  counts), and, as DNA's "conflict" option, when they take opposite sides ("conflict",
  weight Σ of the smaller counts of opposite sides).

Counting per statement (each label 1) or per document (a holder's side toward a target
counts once in a document, however many sentences say it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

from storage.export.records import ExportDocument, ExportStance

Mode = Literal["actor-target", "actors"]
Ties = Literal["agree", "conflict", "both"]
Counting = Literal["statements", "documents"]
MODES: tuple[Mode, ...] = ("actor-target", "actors")
TIES: tuple[Ties, ...] = ("agree", "conflict", "both")
COUNTINGS: tuple[Counting, ...] = ("statements", "documents")

AUTHOR = "author"  # the holder of a label that names none (storage.stance.holder_names)
NEUTRAL = "NEUTRAL"
FAVOR, AGAINST, MIXED = "FAVOR", "AGAINST", "MIXED"
REVIEW_ORIGIN = "review"  # a gold row's origin (storage.export.gather.origin_text)


@dataclass(frozen=True)
class Statement:
    """One label that takes a side: ``holder`` is ``side`` toward ``target``."""

    document_id: int
    holder: str
    target: str
    side: str  # the label's name in capitals: FAVOR, AGAINST or another of the project's
    annotator: str | None = None
    superseded: bool = False  # at a place a review settled, and not the gold row


@dataclass(frozen=True)
class NetworkOptions:
    mode: Mode = "actor-target"
    ties: Ties = "both"  # one-mode only
    count: Counting = "statements"
    with_author: bool = True  # the article's author as a node "author"
    annotator: str | None = None  # only theirs (None: everybody's, gold where reviewed)
    target: str | None = None  # only the labels toward this target (the window's filter)


@dataclass
class Node:
    id: str  # "actor:NAME", "target:NAME" or "author": actors and targets may share names
    label: str
    kind: str  # "actor", "author" or "target"
    statements: int = 0  # how many labels (statements) the node has, whatever is counted
    documents: int = 0  # in how many documents


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # "position" (actor → target), "agree" or "conflict"
    weight: int = 0
    favor: int = 0  # two-mode only
    against: int = 0
    side: str = ""  # two-mode: FAVOR, AGAINST, MIXED (or a project's other label)
    targets: list[str] = field(default_factory=list)  # one-mode: the targets they share


@dataclass
class Network:
    mode: Mode
    nodes: list[Node]
    edges: list[Edge]
    statements: int  # labels counted
    documents: int  # documents they are in

    @property
    def directed(self) -> bool:
        return self.mode == "actor-target"

    def actors(self) -> list[Node]:
        return [n for n in self.nodes if n.kind != "target"]

    def targets(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "target"]


def takes_side(row: ExportStance) -> bool:
    return row.label.upper() != NEUTRAL and row.state != "rejected"


def statements_of(documents: Iterable[ExportDocument]) -> list[Statement]:
    """The labels that take a side, one ``Statement`` each; those at a place a review
    settled (but the gold row) marked ``superseded``."""
    result: list[Statement] = []
    for document in documents:
        reviewed = {_place(r) for r in document.stance if r.origin == REVIEW_ORIGIN}
        for row in document.stance:
            if takes_side(row):
                superseded = row.origin != REVIEW_ORIGIN and _place(row) in reviewed
                side = row.label.upper()
                result.append(
                    Statement(document.id, row.holder, row.target, side, row.annotator, superseded)
                )
    return result


def _counted(statement: Statement, options: NetworkOptions) -> bool:
    if options.annotator is not None:
        if statement.annotator != options.annotator:
            return False
    elif statement.superseded:
        return False  # the review settled it: the gold row is the one label there
    if not options.with_author and statement.holder == AUTHOR:
        return False
    return options.target is None or statement.target == options.target


def _place(row: ExportStance) -> tuple[str, int, int, str]:
    return (row.scope, row.start, row.end, row.target)


def build_network(statements: list[Statement], options: NetworkOptions) -> Network:
    """The network of ``statements`` as ``options`` ask."""
    kept = [s for s in statements if _counted(s, options)]
    counts = _counts(kept, options.count)
    if options.mode == "actors":
        nodes = _actor_nodes(kept)
        edges = one_mode_edges(counts, options.ties)
    else:
        nodes = _actor_nodes(kept) + _target_nodes(kept)
        edges = two_mode_edges(counts)
    return Network(options.mode, nodes, edges, len(kept), len({s.document_id for s in kept}))


def _counts(statements: list[Statement], count: Counting) -> Counter[tuple[str, str, str]]:
    """(holder, target, side) -> how often, per statement or per document."""
    if count == "documents":
        once = {(s.document_id, s.holder, s.target, s.side) for s in statements}
        return Counter((holder, target, side) for _doc, holder, target, side in once)
    return Counter((s.holder, s.target, s.side) for s in statements)


def actor_id(name: str) -> str:
    return AUTHOR if name == AUTHOR else f"actor:{name}"


def target_id(name: str) -> str:
    return f"target:{name}"


def _actor_nodes(statements: list[Statement]) -> list[Node]:
    return _nodes(statements, lambda s: s.holder, actor_id, _actor_kind)


def _target_nodes(statements: list[Statement]) -> list[Node]:
    return _nodes(statements, lambda s: s.target, target_id, lambda _name: "target")


def _actor_kind(name: str) -> str:
    return "author" if name == AUTHOR else "actor"


def _nodes(
    statements: list[Statement],
    name_of: Callable[[Statement], str],
    id_of: Callable[[str], str],
    kind_of: Callable[[str], str],
) -> list[Node]:
    labels: Counter[str] = Counter(name_of(s) for s in statements)
    documents: dict[str, set[int]] = {name: set() for name in labels}
    for s in statements:
        documents[name_of(s)].add(s.document_id)
    return [
        Node(id_of(name), name, kind_of(name), labels[name], len(documents[name]))
        for name in sorted(labels, key=_name_order)
    ]


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def two_mode_edges(counts: Counter[tuple[str, str, str]]) -> list[Edge]:
    """Holder → target, with the FAVOR and AGAINST counts (other labels add to the weight)."""
    by_pair: dict[tuple[str, str], Counter[str]] = {}
    for (holder, target, side), n in counts.items():
        by_pair.setdefault((holder, target), Counter())[side] += n
    edges = []
    for holder, target in sorted(by_pair, key=lambda p: (_name_order(p[0]), _name_order(p[1]))):
        sides = by_pair[(holder, target)]
        present = sorted(side for side, n in sides.items() if n)
        edges.append(
            Edge(
                actor_id(holder),
                target_id(target),
                "position",
                weight=sum(sides.values()),
                favor=sides[FAVOR],
                against=sides[AGAINST],
                side=present[0] if len(present) == 1 else MIXED,
            )
        )
    return edges


def one_mode_edges(counts: Counter[tuple[str, str, str]], ties: Ties) -> list[Edge]:
    """Undirected edges between actors: "agree" (same side toward a target) and "conflict"
    (opposite sides), each weighted by the smaller of the two actors' counts."""
    by_holder: dict[str, dict[str, Counter[str]]] = {}
    for (holder, target, side), n in counts.items():
        by_holder.setdefault(holder, {}).setdefault(target, Counter())[side] += n
    edges: list[Edge] = []
    for a, b in combinations(sorted(by_holder, key=_name_order), 2):
        shared = sorted(set(by_holder[a]) & set(by_holder[b]), key=_name_order)
        if ties in ("agree", "both"):
            edges += _tie(a, b, "agree", shared, by_holder, same=True)
        if ties in ("conflict", "both"):
            edges += _tie(a, b, "conflict", shared, by_holder, same=False)
    return edges


def _tie(
    a: str,
    b: str,
    kind: str,
    shared: list[str],
    by_holder: dict[str, dict[str, Counter[str]]],
    same: bool,
) -> list[Edge]:
    weight, targets = 0, []
    for target in shared:
        mine, theirs = by_holder[a][target], by_holder[b][target]
        here = sum(min(mine[x], theirs[y]) for x in mine for y in theirs if (x == y) == same)
        if here:
            weight += here
            targets.append(target)
    if not weight:
        return []
    return [Edge(actor_id(a), actor_id(b), kind, weight=weight, targets=targets)]


def network_of(documents: Iterable[ExportDocument], options: NetworkOptions) -> Network:
    return build_network(statements_of(documents), options)
