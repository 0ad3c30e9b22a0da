"""Discourse networks of a project's stance labels (``storage.export.network_data``): the
``network`` and ``network-csv`` exports of ``python main.py export``, and the actor–target
network the statistics window draws (read in the background by ``network_job``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from services.jobs import JobControl
from storage.database import Database, ProjectLocation, connect
from storage.export.gather import (
    iter_export_documents,
    known_annotators,
    resolve_annotator,
)
from storage.export.network_data import (
    AUTHOR,
    COUNTINGS,
    MIXED,
    MODES,
    TIES,
    Counting,
    Edge,
    Mode,
    Network,
    NetworkOptions,
    Node,
    Statement,
    Ties,
    build_network,
    statements_of,
)
from storage.export.network_files import csv_files, network_files, write_network
from storage.export.records import ExportOptions, Status
from storage.project_files import refuse_project_file
from storage.stance.store import project_targets

NETWORK_FORMATS = ("network", "network-csv")

__all__ = [
    "AUTHOR",
    "COUNTINGS",
    "MIXED",
    "MODES",
    "NETWORK_FORMATS",
    "TIES",
    "Counting",
    "Edge",
    "Mode",
    "Network",
    "NetworkData",
    "NetworkOptions",
    "NetworkReport",
    "Node",
    "Statement",
    "Ties",
    "build_network",
    "csv_files",
    "export_network",
    "network_job",
]


@dataclass(frozen=True)
class NetworkReport:
    network: Network
    files: list[Path]

    @property
    def empty(self) -> bool:
        return not self.network.nodes


def read_statements(
    db: Database, project_id: int, annotator: str | None = None, status: Status = "all"
) -> list[Statement]:
    """The project's labels that take a side, accepted or edited by annotators (one
    annotator's, or everybody's). Raises ValueError naming the known annotators for an
    unknown one."""
    options = ExportOptions(annotator=annotator, state="accepted", status=status)
    return statements_of(iter_export_documents(db, project_id, options))


def export_network(
    db: Database,
    project_id: int,
    fmt: str,
    out: Path,
    options: NetworkOptions,
    status: Status = "all",
) -> NetworkReport:
    """Write the network ``options`` ask for as ``fmt`` ("network": GraphML; "network-csv":
    an edge list and a node list, see ``csv_files``). ValueError for an unknown format or
    annotator or a file of the project's own; OSError when a file cannot be written."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(NETWORK_FORMATS)})")
    out = Path(out)
    if not out.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(out.parent))
    for path in network_files(fmt, out):
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder", str(path))
        refuse_project_file(db.location.file, path, "export file")
    with db.read() as session:
        resolve_annotator(session, options.annotator)  # before reading anything
    network = build_network(read_statements(db, project_id, options.annotator, status), options)
    return NetworkReport(network, write_network(network, fmt, out))


@dataclass(frozen=True)
class NetworkData:
    """What the statistics window's network tab filters and draws."""

    statements: list[Statement]
    annotators: list[str]  # those with a label that takes a side
    targets: list[str]  # the project's targets


def network_job(location: ProjectLocation, project_id: int) -> Callable[[JobControl], NetworkData]:
    """Every annotator's labels that take a side, read once on a connection of the job's
    own; the window filters them (``build_network``) without reading again."""

    def job(_worker: JobControl) -> NetworkData:
        with connect(location) as db:
            statements = read_statements(db, project_id)
            with db.read() as session:
                known = known_annotators(session)
                targets = [t.name for t in project_targets(session, project_id)]
        labelled = {s.annotator for s in statements}
        return NetworkData(statements, [a for a in known if a in labelled], targets)

    return job
