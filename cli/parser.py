"""The whole command line: the app's own option and every command's sub-parser, in the
order ``--help`` lists them."""

from __future__ import annotations

import argparse

from cli import (
    actors,
    agreement,
    app,
    assign,
    copy_project,
    evaluate,
    evaluate_stance,
    export,
    handout,
    import_files,
    learning_curve,
    merge,
    models,
    replay,
    restore,
    stats,
    suggest,
    targets,
    train,
    upgrade,
)

# Each module's ``add_parser(commands)`` adds its command; this order is --help's.
COMMANDS = (
    app,
    import_files,
    stats,
    agreement,
    suggest,
    targets,
    actors,
    train,
    models,
    learning_curve,
    replay,
    assign,
    handout,
    merge,
    copy_project,
    export,
    restore,
    upgrade,
    evaluate_stance,
    evaluate,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Annotate news articles with named entities and stance. "
        "Without a command, the app starts.",
    )
    parser.add_argument(
        "--project",
        help="project file or SQLAlchemy URL to open in the app "
        "(default: the project in your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser
