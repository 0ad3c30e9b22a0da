"""``actors``: list, propose, add and merge the actors who hold stances."""

from __future__ import annotations

import argparse

from cli.argument_types import add_project_option, name
from cli.exit_codes import EXIT_OK, UsageError
from cli.project_access import open_for_command

KINDS = ("person", "organisation", "country", "other")


def add_parser(commands: argparse._SubParsersAction) -> None:
    actors = commands.add_parser(
        "actors",
        help="list, propose, add and merge the actors who hold stances",
        description="Actors hold stances in the articles (a person, an organisation, a "
        "country): the holder of a stance label is one of them or the article's author. "
        "Their aliases make 'Putin', 'Wladimir Putin' and 'der russische Präsident' one "
        "actor. Without options the project's actors are listed.",
    )
    add_project_option(actors)
    actors.add_argument("--add", type=name, metavar="NAME", help="add an actor (or aliases to it)")
    actors.add_argument(
        "--alias",
        type=name,
        action="append",
        default=[],
        metavar="WORDS",
        help="another way the actor is written (Wladimir Putin, Kremlchef); repeatable",
    )
    actors.add_argument("--kind", choices=KINDS, default="other", help="with --add (default other)")
    actors.add_argument(
        "--merge",
        type=name,
        action="append",
        default=[],
        metavar="NAME",
        help="merge this actor into --add's (its names become aliases, its labels move); "
        "repeatable",
    )
    actors.add_argument(
        "--propose",
        action="store_true",
        help="show entities that hold stances in the project and are no actor yet",
    )
    actors.set_defaults(run=command_actors)


def command_actors(args: argparse.Namespace) -> int:
    from services.actors import add_actor, listed_actors, merge_into, proposed_actors

    if args.alias and args.add is None:
        raise UsageError("--alias goes with --add")
    if args.merge and args.add is None:
        raise UsageError("--merge goes with --add (the actor the others merge into)")
    with open_for_command(args.project, create=False, read_only=args.add is None) as project:
        if args.add is not None:
            if not args.add.strip():
                raise UsageError("--add needs a name")
            add_actor(project, args.add.strip(), args.alias, args.kind)
            if args.merge:
                moved = merge_into(project, [m.strip() for m in args.merge], args.add.strip())
                into = args.add.strip()
                print(f"merged {len(args.merge)} actor(s) into {into}; {moved} labels moved")
        if args.propose:
            for name_, label, count in proposed_actors(project):
                print(f"{name_}\t{label}\t{count}")
            return EXIT_OK
        for actor in listed_actors(project):
            print(f"{actor.name}\t{actor.kind}\t{', '.join(actor.aliases)}")
    return EXIT_OK
