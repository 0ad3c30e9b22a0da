"""``handout``: one project file per annotator, to label offline and merge back."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.argument_types import add_project_option, name
from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    handout = commands.add_parser(
        "handout",
        help="hand out documents to annotators as project files, to label offline",
        description="Assign the documents nobody has yet (as `assign` does: the overlap share "
        "to everyone, the rest split), then write DIR/<annotator>.sqlite for each annotator: "
        "their documents with text and suggestions, the label schema, the stance targets, "
        "the project memory and the active models. The file opens in the app with that "
        "annotator preset. Running it again writes only documents not handed out before "
        "(an earlier file of the same name is kept, renamed with its time). Bring the work "
        "back with `merge`.",
    )
    add_project_option(handout)
    handout.add_argument(
        "--annotators",
        type=name,
        required=True,
        metavar="NAMES",
        help="comma-separated annotator names, e.g. anna,ben,carl",
    )
    handout.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="the folder to write into"
    )
    handout.add_argument(
        "--overlap",
        type=float,
        default=0.2,
        help="share of the documents every annotator gets, 0 to 1 (default 0.2)",
    )
    handout.add_argument("--seed", type=int, default=0, help="which documents overlap (default 0)")
    handout.add_argument("--json", action="store_true", help="print the report as JSON")
    handout.set_defaults(run=command_handout)


def command_handout(args: argparse.Namespace) -> int:
    from services.assignment import AssignmentError
    from services.offline_teams import hand_out_files

    with open_for_command(args.project, create=False) as project:
        try:
            report = hand_out_files(
                project,
                args.annotators.split(","),
                args.out,
                overlap=args.overlap,
                seed=args.seed,
            )
        except AssignmentError as exc:
            raise UsageError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"cannot write into {args.out}: {exc.strerror or exc}") from exc
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK
