"""``export``: a project as an Excel workbook, as training data, or as a discourse network
(``cli.network_export`` holds the network's options and run)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.argument_types import add_project_option, name
from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.network_export import (
    NETWORK_EPILOG,
    NETWORK_FORMATS,
    add_network_options,
    export_network_command,
    refuse_network_options,
)
from cli.project_access import open_for_command
from cli.terminal import progress_printer


def add_parser(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="export a project as an Excel workbook, as training data or as a network",
        description="Write the project's documents, entities and stance to an Excel workbook "
        "(xlsx, for people) or as training data (jsonl, spacy, conll, csv), or who takes which "
        "side toward which target as a discourse network (network: GraphML; network-csv: "
        "an edge list and a node list). The file appears only when it is complete; an older "
        "file of that name stays until then.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=NETWORK_EPILOG,
    )
    add_project_option(export)
    export.add_argument(
        "--format",
        required=True,
        choices=["xlsx", "jsonl", "spacy", "conll", "csv", *NETWORK_FORMATS],
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument(
        "--annotator",
        type=name,
        metavar="NAME",
        help="only this annotator's rows (default: everybody's)",
    )
    export.add_argument(
        "--state",
        choices=["accepted", "all"],
        default="accepted",
        help="accepted: what annotators accepted or edited (default); all: also open "
        "suggestions (marked with their state and confidence) and rejections",
    )
    export.add_argument(
        "--min-confidence",
        type=float,
        metavar="FLOAT",
        help="with --state all: leave out open entity suggestions less confident than this, "
        "which the app hides from annotators (default: the app's display threshold, 0.3; "
        "0: every suggestion)",
    )
    export.add_argument(
        "--status",
        choices=["done", "all"],
        default="all",
        help="done: only documents marked done (by the annotator, or by anybody); "
        "all: every document (default)",
    )
    export.add_argument(
        "--dev-share",
        type=float,
        metavar="FLOAT",
        help="training data: the share of documents for a dev file (e.g. 0.2)",
    )
    export.add_argument(
        "--seed", type=int, metavar="INT", help="training data: the seed of the train/dev split"
    )
    export.add_argument(
        "--doccano", action="store_true", help="jsonl: also doccano's label: [[start, end, label]]"
    )
    add_network_options(export)
    export.set_defaults(run=command_export)


def command_export(args: argparse.Namespace) -> int:
    from services.exporting import export_project
    from services.values import DISPLAY_THRESHOLD, ExportOptions

    if args.format in NETWORK_FORMATS:
        return export_network_command(args)
    refuse_network_options(args)
    training = args.format != "xlsx"
    if not training and (args.dev_share is not None or args.seed is not None or args.doccano):
        raise UsageError("--dev-share, --seed and --doccano go with training data formats")
    if args.doccano and args.format != "jsonl":
        raise UsageError("--doccano goes with --format jsonl")
    if args.min_confidence is not None and not 0 <= args.min_confidence <= 1:
        raise UsageError("--min-confidence must be between 0 and 1")
    if args.dev_share is not None and not 0 <= args.dev_share < 1:
        raise UsageError("--dev-share must be at least 0 and less than 1")
    options = ExportOptions(
        annotator=args.annotator,
        state=args.state,
        status=args.status,
        dev_share=args.dev_share or 0.0,
        seed=args.seed or 0,
        doccano=args.doccano,
        min_confidence=DISPLAY_THRESHOLD if args.min_confidence is None else args.min_confidence,
    )
    with open_for_command(args.project, read_only=True) as project:
        try:
            report = export_project(
                project.db,
                project.project_id,
                args.format,
                args.out,
                options,
                progress=progress_printer("export"),
            )
        # Broader than UserError: any value or file the export cannot write is one line.
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    for line in report.details:
        print(line, file=sys.stderr)
    files = ", ".join(str(f) for f in report.files or (report.path,))
    print(
        f"exported {report.documents} documents, {report.entities} entities, "
        f"{report.stance} stance rows to {files}"
    )
    return EXIT_OK
