"""``agreement``: how far annotators agree."""

from __future__ import annotations

import argparse
import json

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    agreement = commands.add_parser(
        "agreement",
        help="show how far annotators agree",
        description="Inter-annotator agreement over the documents two or more annotators "
        "labelled: entity span F1 and token-level Cohen's kappa per pair and label; sentence "
        "stance Cohen's kappa per pair and Krippendorff's alpha across all, per target.",
    )
    add_project_option(agreement)
    agreement.add_argument("--json", action="store_true", help="print JSON instead of text")
    agreement.set_defaults(run=command_agreement)


def command_agreement(args: argparse.Namespace) -> int:
    from services.agreement import project_agreement

    with open_for_command(args.project, read_only=True) as project:
        report = project_agreement(project.db, project.project_id)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK
