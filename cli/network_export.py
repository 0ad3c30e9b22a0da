"""The discourse network formats of ``export`` (``--format network`` and ``network-csv``):
their options, and the run (``services.network``). Services are imported when a network
is exported: every other command starts without them."""

from __future__ import annotations

import argparse
import sys

from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.project_access import open_for_command

NETWORK_FORMATS = ("network", "network-csv")
NETWORK_EPILOG = """\
networks (--format network | network-csv):
  What is counted: the sentence and document stance labels that take a side (every label
  but NEUTRAL) that annotators accepted or edited; with --annotator only theirs, else
  everybody's, but where a review settled a place only the gold label there. Each label's
  holder is its actor, the words naming the holder, or the article's author ("author").
  --mode actor-target (default): nodes are actors (kind actor or author, bipartite 0) and
    targets (kind target, bipartite 1); directed edges holder -> target with favor,
    against, weight (= favor + against) and side (FAVOR, AGAINST or MIXED).
  --mode actors: undirected edges between actors, kind "agree" (same side toward a
    target) and "conflict" (opposite sides), weight = sum over targets of the smaller of
    the two actors' counts, targets = the targets it comes from ("; " between them).
  Nodes: id ("actor:NAME", "target:NAME" or "author"), label (the name), kind,
    statements (how many labels), documents (in how many documents).
  --count statements (default): each label counts 1; documents: a holder's side toward
    a target counts once per document.
  network-csv: --out X.csv writes the edge list X-edges.csv (source, target, ...) and
    the node list X-nodes.csv (id, label, ...), UTF-8 with a header.
"""


def add_network_options(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--mode",
        choices=["actors", "actor-target"],
        help="network: actor-target (two-mode, default) or actors (one-mode)",
    )
    export.add_argument(
        "--count",
        choices=["statements", "documents"],
        help="network: count each label (statements, default) or a holder's side toward a "
        "target once per document (documents)",
    )
    export.add_argument(
        "--ties",
        choices=["agree", "conflict", "both"],
        help="network --mode actors: link actors who agree, who conflict, or both (default)",
    )
    export.add_argument(
        "--without-author",
        action="store_true",
        help="network: leave out the labels held by the article's author",
    )


def refuse_network_options(args: argparse.Namespace) -> None:
    """Network options with another format are a mistake worth saying."""
    given = [
        option
        for option, value in (
            ("--mode", args.mode),
            ("--count", args.count),
            ("--ties", args.ties),
            ("--without-author", args.without_author or None),
        )
        if value is not None
    ]
    if given:
        verb = "goes" if len(given) == 1 else "go"
        raise UsageError(f"{', '.join(given)} {verb} with --format network or network-csv")


def export_network_command(args: argparse.Namespace) -> int:
    from services.network import NetworkOptions, export_network

    if args.state != "accepted":
        raise UsageError("a network counts what annotators accepted or edited: no --state all")
    misplaced = [
        option
        for option, value in (
            ("--min-confidence", args.min_confidence),
            ("--dev-share", args.dev_share),
            ("--seed", args.seed),
            ("--doccano", args.doccano or None),
        )
        if value is not None
    ]
    if misplaced:
        verb = "does" if len(misplaced) == 1 else "do"
        raise UsageError(f"{', '.join(misplaced)} {verb} not go with a network")
    if args.ties is not None and args.mode != "actors":
        raise UsageError("--ties goes with --mode actors")
    options = NetworkOptions(
        mode=args.mode or "actor-target",
        ties=args.ties or "both",
        count=args.count or "statements",
        with_author=not args.without_author,
        annotator=args.annotator.strip() if args.annotator else None,
    )
    with open_for_command(args.project, read_only=True) as project:
        try:
            report = export_network(
                project.db, project.project_id, args.format, args.out, options, args.status
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            where = exc.filename or args.out
            raise CommandError(f"cannot write {where}: {exc.strerror or exc}") from exc
    network = report.network
    if report.empty:
        print("note: no stance label takes a side here: the network is empty", file=sys.stderr)
    actors, targets = len(network.actors()), len(network.targets())
    what = f"{actors} actors" + (f", {targets} targets" if network.directed else "")
    files = " and ".join(str(path) for path in report.files)
    print(
        f"exported a network of {what} and {len(network.edges)} edges "
        f"({network.statements} labels in {network.documents} documents) to {files}"
    )
    return EXIT_OK
