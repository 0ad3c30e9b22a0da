"""``copy-project``: a whole project to a new or empty database (SQLite and PostgreSQL)."""

from __future__ import annotations

import argparse
import sys

from cli.exit_codes import EXIT_OK
from cli.terminal import raw_stderr


def add_parser(commands: argparse._SubParsersAction) -> None:
    copier = commands.add_parser(
        "copy-project",
        help="copy a whole project to a new or empty database (SQLite and PostgreSQL)",
        description="Copy every table of a project, ids and the event log included, to a new "
        "or empty database: to move a project between a SQLite file and a PostgreSQL server "
        "(postgresql+psycopg://user@host/db) so a team can work on it. A target that holds "
        "data is refused and left as it is.",
    )
    copier.add_argument(
        "--from", dest="from_url", required=True, metavar="PATH_OR_URL", help="the project"
    )
    copier.add_argument(
        "--to", dest="to_url", required=True, metavar="PATH_OR_URL", help="new or empty"
    )
    copier.set_defaults(run=command_copy_project)


def command_copy_project(args: argparse.Namespace) -> int:
    from services.maintenance import copy_project

    shown = [False]  # whether a progress line is open

    def progress(table: str, done: int, total: int) -> None:
        # Our own table names; the carriage return redraws the line.
        print(f"\r{table}: {done}/{total}", end="", file=raw_stderr(), flush=True)
        shown[0] = True

    try:
        report = copy_project(args.from_url, args.to_url, progress=progress)
    finally:
        if shown[0]:  # end the progress line
            print(file=sys.stderr)
    print("\n".join(report.lines()))
    return EXIT_OK
