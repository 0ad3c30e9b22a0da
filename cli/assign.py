"""``assign``: give each annotator a share of the documents."""

from __future__ import annotations

import argparse

from cli.argument_types import add_project_option, name
from cli.exit_codes import EXIT_OK, UsageError
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    assign = commands.add_parser(
        "assign",
        help="assign documents to annotators",
        description="Give each annotator a share of the documents; a share of overlap "
        "documents goes to every annotator, for agreement. Documents already assigned are "
        "left alone, so running it again assigns only new documents. In the app, the filter "
        "bar's *Assigned to me* shows an annotator their documents.",
    )
    add_project_option(assign)
    assign.add_argument(
        "--annotators",
        type=name,
        required=True,
        metavar="NAMES",
        help="comma-separated annotator names, e.g. anna,ben,carl",
    )
    assign.add_argument(
        "--overlap",
        type=float,
        default=0.1,
        help="share of the documents every annotator gets, 0 to 1 (default 0.1)",
    )
    assign.add_argument(
        "--seed",
        type=int,
        default=0,
        help="which documents overlap; the same seed gives the same assignment",
    )
    assign.set_defaults(run=command_assign)


def command_assign(args: argparse.Namespace) -> int:
    from services.assignment import AssignmentError, assign_annotators

    with open_for_command(args.project, create=False) as project:
        try:
            report = assign_annotators(
                project, args.annotators.split(","), overlap=args.overlap, seed=args.seed
            )
        except AssignmentError as exc:  # options that do not fit the project: usage
            raise UsageError(str(exc)) from exc
    print("\n".join(report.lines()))
    return EXIT_OK
