"""``targets``: list, propose and add stance targets."""

from __future__ import annotations

import argparse

from cli.argument_types import add_project_option, name
from cli.exit_codes import EXIT_OK, UsageError
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    targets = commands.add_parser(
        "targets",
        help="list, propose and add stance targets",
        description="Stance targets are what sentences take a side on (a country, an "
        "organisation, a person). Without options the project's targets are listed.",
    )
    add_project_option(targets)
    targets.add_argument("--add", type=name, metavar="NAME", help="add a target (or aliases to it)")
    targets.add_argument(
        "--alias",
        type=name,
        action="append",
        default=[],
        metavar="WORD",
        help="another way the target is written (Russlands, Moskau, Kreml*); repeatable",
    )
    targets.add_argument(
        "--propose",
        action="store_true",
        help="show the most frequent names of the project as candidate targets",
    )
    targets.set_defaults(run=command_targets)


def command_targets(args: argparse.Namespace) -> int:
    from services.targets import add_named_target, listed_targets, proposed_targets

    with open_for_command(args.project, create=False, read_only=args.add is None) as project:
        if args.add is not None:
            if not args.add.strip():
                raise UsageError("--add needs a name")
            add_named_target(project, args.add, args.alias)
        elif args.alias:
            raise UsageError("--alias goes with --add")
        if args.propose:
            for name_, label, count in proposed_targets(project):
                print(f"{name_}\t{label}\t{count}")
            return EXIT_OK
        for target in listed_targets(project):
            print(f"{target.name}\t{', '.join(target.aliases)}")
    return EXIT_OK
