"""A discourse network (``storage.export.network_data``) as files: GraphML, or an edge list
and a node list as CSV.

GraphML is written by hand (no graph library at run time): UTF-8, every attribute declared
as a key with its ``attr.type``, so networkx, Gephi, visone and igraph read the numbers as
numbers. Node ids are "actor:NAME", "target:NAME" and "author" (an actor and a target may
share a name, as NATO often does); ``label`` is the plain name.

CSV: ``--out X.csv`` writes ``X-edges.csv`` and ``X-nodes.csv``, plain UTF-8 with a header,
``source``/``target`` the node ids of the node list's ``id`` (pandas, igraph's
``graph_from_data_frame(edges, vertices=nodes)`` and Gephi's spreadsheet import read them).

Both appear only when complete (``storage.export.staging``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from storage.export import staging
from storage.export.clean_values import xml_text
from storage.export.network_data import Edge, Network, Node

# (attribute, GraphML type): the node keys, then the edge keys of each mode.
NODE_KEYS: list[tuple[str, str]] = [
    ("label", "string"),
    ("kind", "string"),
    ("statements", "int"),
    ("documents", "int"),
]
TWO_MODE_EDGE_KEYS = [
    ("favor", "int"),
    ("against", "int"),
    ("weight", "double"),
    ("side", "string"),
]
ONE_MODE_EDGE_KEYS = [("kind", "string"), ("weight", "double"), ("targets", "string")]
TARGETS_SEPARATOR = "; "


def csv_files(out: Path) -> tuple[Path, Path]:
    """The edge list and the node list a CSV network export to ``out`` writes."""
    suffix = out.suffix or ".csv"
    return (out.with_name(f"{out.stem}-edges{suffix}"), out.with_name(f"{out.stem}-nodes{suffix}"))


def network_files(fmt: str, out: Path) -> list[Path]:
    return list(csv_files(out)) if fmt == "network-csv" else [out]


def write_network(network: Network, fmt: str, out: Path) -> list[Path]:
    """Write ``network`` as ``fmt`` ("network": GraphML, "network-csv"); returns the files."""
    finals = network_files(fmt, out)
    with _staged(finals) as streams:
        if fmt == "network-csv":
            _write_edges_csv(network, streams[0])
            _write_nodes_csv(network, streams[1])
        else:
            _write_graphml(network, streams[0])
    return finals


@contextmanager
def _staged(finals: list[Path]) -> Iterator[list[IO[str]]]:
    """Text streams onto part files beside ``finals``, put in their place together when the
    block ends without an error (else removed)."""
    staging.remove_stale(finals[0].parent)
    parts: list[Path] = []
    try:
        for final in finals:
            parts.append(staging.new_part_file(final))
        streams: list[IO[str]] = [part.open("w", encoding="utf-8", newline="") for part in parts]
        try:
            yield streams
        finally:
            for stream in streams:
                stream.close()
        for part, final in zip(parts, finals, strict=True):
            staging.finish(part, final)
    finally:
        staging.discard(*parts)  # those finished are gone already


def _node_keys(network: Network) -> list[tuple[str, str]]:
    return NODE_KEYS + ([("bipartite", "int")] if network.directed else [])


def _edge_keys(network: Network) -> list[tuple[str, str]]:
    return TWO_MODE_EDGE_KEYS if network.directed else ONE_MODE_EDGE_KEYS


def node_values(network: Network, node: Node) -> dict[str, object]:
    values: dict[str, object] = {
        "label": node.label,
        "kind": node.kind,
        "statements": node.statements,
        "documents": node.documents,
    }
    if network.directed:  # networkx's bipartite convention: 0 one side, 1 the other
        values["bipartite"] = 1 if node.kind == "target" else 0
    return values


def edge_values(network: Network, edge: Edge) -> dict[str, object]:
    if network.directed:
        return {
            "favor": edge.favor,
            "against": edge.against,
            "weight": edge.weight,
            "side": edge.side,
        }
    return {
        "kind": edge.kind,
        "weight": edge.weight,
        "targets": TARGETS_SEPARATOR.join(edge.targets),
    }


def _write_graphml(network: Network, out: IO[str]) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    node_ids = _declare(out, "node", "n", _node_keys(network))
    edge_ids = _declare(out, "edge", "e", _edge_keys(network))
    direction = "directed" if network.directed else "undirected"
    out.write(f'  <graph id="G" edgedefault="{direction}">\n')
    for node in network.nodes:
        out.write(f"    <node id={_attr(node.id)}>\n")
        _data(out, node_ids, node_values(network, node))
        out.write("    </node>\n")
    for number, edge in enumerate(network.edges):
        ends = f"source={_attr(edge.source)} target={_attr(edge.target)}"
        out.write(f'    <edge id="e{number}" {ends}>\n')
        _data(out, edge_ids, edge_values(network, edge))
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")


def _declare(out: IO[str], kind: str, prefix: str, keys: list[tuple[str, str]]) -> dict[str, str]:
    """Write the ``<key>`` elements; returns attribute -> key id."""
    ids = {}
    for number, (name, type_) in enumerate(keys):
        ids[name] = f"{prefix}{number}"
        out.write(
            f'  <key id="{ids[name]}" for="{kind}" attr.name="{name}" attr.type="{type_}"/>\n'
        )
    return ids


def _data(out: IO[str], ids: dict[str, str], values: dict[str, object]) -> None:
    for name, value in values.items():
        out.write(f'      <data key="{ids[name]}">{escape(_text(value))}</data>\n')


def _attr(value: str) -> str:
    return quoteattr(xml_text(value))


def _text(value: object) -> str:
    return xml_text(str(value))


def _write_edges_csv(network: Network, out: IO[str]) -> None:
    names = [name for name, _type in _edge_keys(network)]
    writer = csv.writer(out)
    writer.writerow(["source", "target", *names])
    for edge in network.edges:
        values = edge_values(network, edge)
        writer.writerow([_csv(edge.source), _csv(edge.target), *(_csv(values[n]) for n in names)])


def _write_nodes_csv(network: Network, out: IO[str]) -> None:
    names = [name for name, _type in _node_keys(network)]
    writer = csv.writer(out)
    writer.writerow(["id", *names])
    for node in network.nodes:
        values = node_values(network, node)
        writer.writerow([_csv(node.id), *(_csv(values[n]) for n in names)])


def _csv(value: object) -> object:
    # A lone surrogate (UTF-8 cannot encode it) becomes U+FFFD; numbers stay numbers.
    return xml_text(value) if isinstance(value, str) else value
