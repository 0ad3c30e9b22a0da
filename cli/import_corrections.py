"""``import --corrections``: the changed rows of a corrected export workbook become edits."""

from __future__ import annotations

import argparse
import sys

from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.memory_report import spread_memory
from cli.project_access import open_for_command


def import_corrections(args: argparse.Namespace) -> int:
    from services.importing import ForeignWorkbookError
    from services.importing import import_corrections as apply_workbook

    if args.paths or args.text_field is not None or args.spans_as_suggestions:
        raise UsageError(
            "--corrections goes without FILE_OR_DIR, --text-field and --spans-as-suggestions"
        )
    annotator = "corrections" if args.annotator is None else args.annotator
    if not annotator.strip():
        raise UsageError("--annotator needs a name")
    with open_for_command(args.project, create=False) as project:
        try:
            report = apply_workbook(
                project, args.corrections, annotator, force=args.force, as_gold=args.as_gold
            )
        except ForeignWorkbookError as exc:
            raise CommandError(f"{exc} (--force applies it anyway)") from exc
        spread_memory(project)
    *problems, totals = report.lines()
    for line in problems:
        print(line, file=sys.stderr)
    print(totals)
    if report.not_applied and (args.strict or report.applied + report.unchanged == 0):
        raise CommandError(f"{report.not_applied} rows could not be applied (see above)")
    return EXIT_OK
