"""``restore``: a project file from one of its backups."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK, CommandError, UsageError


def add_parser(commands: argparse._SubParsersAction) -> None:
    restore = commands.add_parser(
        "restore",
        help="restore a project file from one of its backups",
        description="Replace a project file by a backup from <project>.backups/: by default "
        "the newest one that passes SQLite's full integrity check. The file it replaces is "
        "kept in the backups folder (reason before-restore). Close the app on the project "
        "first.",
    )
    add_project_option(restore)
    restore.add_argument(
        "--backup", type=Path, metavar="FILE", help="restore this backup instead of the newest"
    )
    restore.add_argument(
        "--list",
        action="store_true",
        help="list the backups, newest first, each with the result of its check",
    )
    restore.set_defaults(run=command_restore)


def command_restore(args: argparse.Namespace) -> int:
    from services.maintenance import backup_states, restore_project
    from services.projects import project_file

    file = project_file(args.project)
    if file is None:
        raise CommandError(
            "restore works on project files; a database on a server is backed up by its server"
        )
    if args.list:
        if args.backup is not None:
            raise UsageError("--list goes without --backup")
        states = backup_states(file)
        if not states:
            print(f"no backups of {file} in {file.name}.backups")
        for state in states:
            print(state.line())
        return EXIT_OK
    try:
        report = restore_project(file, args.backup)
    except OSError as exc:
        raise CommandError(f"cannot restore {file}: {exc.strerror or exc}") from exc
    print(f"restored {file} from {report.backup}")
    if report.replaced is not None:
        print(f"the file it replaced is kept as {report.replaced}")
    return EXIT_OK
