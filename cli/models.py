"""``models``: the models trained for a project."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK
from cli.project_access import open_for_command

if TYPE_CHECKING:
    from services.values import ModelInfo


def add_parser(commands: argparse._SubParsersAction) -> None:
    models = commands.add_parser(
        "models",
        help="list the models trained for a project",
        description="Every entity model and stance classifier trained for the project: its "
        "version, language, what it started from, how many documents and spans it learnt "
        "from, its held-out F1 next to the base's, when it was made, and which one is active "
        "(suggests now).",
    )
    add_project_option(models)
    models.add_argument("--json", action="store_true", help="print JSON instead of a table")
    models.set_defaults(run=command_models)


def command_models(args: argparse.Namespace) -> int:
    from services.reports import trained_models

    with open_for_command(args.project, read_only=True) as project:
        models = trained_models(project)
    if args.json:
        print(json.dumps([m.to_dict() for m in models], indent=2, ensure_ascii=False))
        if not models:
            print("no models trained yet", file=sys.stderr)
    elif not models:
        print("no models trained yet")
    else:
        print(format_models(models))
    return EXIT_OK


def format_models(models: list[ModelInfo]) -> str:
    """A table, one model a line; ``*`` marks the active ones."""
    header: tuple[str, ...] = (
        "",
        "component",
        "version",
        "lang",
        "base",
        "docs",
        "spans",
        "F1",
        "base F1",
    )
    rows = [
        (
            "*" if m.active else "",
            m.component,
            m.version,
            m.language,
            m.base,
            str(m.training_documents),
            str(m.training_spans),
            f"{m.f1:.3f}",
            f"{m.base_f1:.3f}",
            m.created_at.strftime("%Y-%m-%d %H:%M") if m.created_at else "",
        )
        for m in models
    ]
    header += ("created (UTC)",)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {5, 6, 7, 8}  # numbers

    def line(row: tuple[str, ...]) -> str:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), *map(line, rows), "* active: suggests now"])
