"""``import``: articles (or, with --corrections, a corrected export workbook) into a project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.argument_types import add_project_option, name
from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.import_corrections import import_corrections
from cli.memory_report import spread_memory
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    importer = commands.add_parser(
        "import",
        help="import articles into a project",
        description="Import .txt files, folders of them, JSONL, CSV/TSV or XLSX into a project. "
        "Duplicates and bad input are reported and skipped; the rest is imported.",
    )
    add_project_option(importer, creates=True)
    importer.add_argument("paths", nargs="*", metavar="FILE_OR_DIR", type=Path)
    importer.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE.xlsx",
        help="import a corrected export workbook instead: changed rows of its Entities, Stance "
        "and Document stance sheets become edits by --annotator (default: corrections)",
    )
    importer.add_argument(
        "--text-field",
        metavar="NAME",
        help="the column (CSV/XLSX) or key (JSONL) holding the text (default: text)",
    )
    importer.add_argument(
        "--annotator",
        type=name,
        help="annotator that imported spans and stance labels belong to (default: import), or "
        "who makes the "
        "edits of --corrections (default: corrections)",
    )
    importer.add_argument(
        "--spans-as-suggestions",
        action="store_true",
        help="import spans and sentence stance from JSONL as suggestions to review, not as "
        "accepted labels",
    )
    importer.add_argument(
        "--strict", action="store_true", help="exit with 1 if any input could not be imported"
    )
    importer.add_argument(
        "--force",
        action="store_true",
        help="with --corrections: apply a workbook that was exported from another project",
    )
    importer.add_argument(
        "--as-gold",
        action="store_true",
        help="with --corrections: take the workbook's corrections of other annotators' spans "
        "as the gold version (origin review, left out of agreement) instead of as "
        "--annotator's own edits",
    )
    importer.set_defaults(run=command_import)


def command_import(args: argparse.Namespace) -> int:
    from services.importing import ImportInterruptedError, article_settings, import_articles

    if args.corrections is not None:
        return import_corrections(args)
    if args.force:
        raise UsageError("--force goes with --corrections")
    if args.as_gold:
        raise UsageError("--as-gold goes with --corrections")
    if not args.paths:
        raise UsageError("give FILE_OR_DIR to import (or --corrections FILE.xlsx)")
    annotator = "import" if args.annotator is None else args.annotator
    if not annotator.strip():
        raise UsageError("--annotator needs a name")
    try:
        settings = article_settings(annotator, args.spans_as_suggestions)
    except ValueError as exc:  # a name that cannot be stored
        raise UsageError(f"--annotator: {exc}") from exc
    with open_for_command(args.project) as project:
        try:
            summary = import_articles(project, args.paths, settings, args.text_field)
        except ImportInterruptedError as exc:
            for line in exc.summary.lines()[:-1]:
                print(line, file=sys.stderr)
            raise CommandError(
                f"database error: {exc.reason}; {exc.summary.imported} documents were "
                "imported before it"
            ) from exc
        spread_memory(project)  # labels imported teach it; new documents get what it knows
    *problems, totals = summary.lines()
    for line in problems:
        print(line, file=sys.stderr)
    print(totals)
    errors = summary.error_count
    if errors and (args.strict or summary.imported == 0):
        raise CommandError(f"{errors} inputs could not be imported (see above)")
    return EXIT_OK
