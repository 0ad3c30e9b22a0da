"""``merge``: bring annotators' project files (handed out, or any project) back in."""

from __future__ import annotations

import argparse
import json

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    merge = commands.add_parser(
        "merge",
        help="merge annotators' project files into the project",
        description="Bring every annotator's decisions (spans, sentence and document "
        "stance, status, time spent, flags and notes) and their log entries from project "
        "files or database URLs into the project, matched by text; new documents are added. "
        "Merging the same file twice changes nothing, and the order of files does not "
        "matter. Where one annotator edited a document in two places, the version edited "
        "last wins and the other is kept apart and reported. All or nothing.",
    )
    add_project_option(merge)
    merge.add_argument("sources", nargs="+", metavar="FILE_OR_URL", help="files to merge")
    merge.add_argument("--json", action="store_true", help="print the report as JSON")
    merge.set_defaults(run=command_merge)


def command_merge(args: argparse.Namespace) -> int:
    from services.offline_teams import merge_into

    with open_for_command(args.project, create=False) as project:
        report = merge_into(project, args.sources)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK
