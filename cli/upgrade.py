"""``upgrade``: a project saved by an older version to this version's schema."""

from __future__ import annotations

import argparse

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    upgrade = commands.add_parser(
        "upgrade",
        help="upgrade a project saved by an older version",
        description="Check the project, back it up and upgrade its schema to this version's "
        "(the app and every command that writes do this when they open it; commands that "
        "only read do not).",
    )
    add_project_option(upgrade)
    upgrade.set_defaults(run=command_upgrade)


def command_upgrade(args: argparse.Namespace) -> int:
    with open_for_command(args.project, create=False) as project:
        change = project.schema_change
    if change.from_version == change.to_version:
        print(f"{project.location.display} is at the newest schema ({change.to_version})")
    else:
        print(
            f"upgraded {project.location.display} from schema {change.from_version} to "
            f"{change.to_version}; the backup taken before is {change.backup}"
        )
    return EXIT_OK
