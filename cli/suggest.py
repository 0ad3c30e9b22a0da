"""``suggest``: store entity and stance suggestions for a project's documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.memory_report import spread_memory
from cli.project_access import open_for_command
from cli.terminal import progress_printer
from text.counts import counted

if TYPE_CHECKING:
    from services.projects import OpenProject


def add_parser(commands: argparse._SubParsersAction) -> None:
    suggest = commands.add_parser(
        "suggest",
        help="store entity and stance suggestions for a project's documents",
        description="Run the entity suggesters (the language's spaCy pipeline and the pattern "
        "files) and the stance suggester (toward the project's targets) over the documents and "
        "store their suggestions. Without --model, the project's active trained entity model "
        "suggests for its language (see `models`), and its suggestions take over the open ones "
        "of the model before. Decisions of annotators are never changed, rejected spans are "
        "not suggested again, and re-running is idempotent.",
    )
    add_project_option(suggest)
    suggest.add_argument(
        "--model",
        metavar="NAME_OR_DIR",
        help="spaCy pipeline package or folder to use (default: the project's active trained "
        "model for the language, else an installed or the shipped pipeline)",
    )
    suggest.add_argument(
        "--only-new",
        action="store_true",
        help="only documents the suggester (entities, stance) has not seen yet",
    )
    suggest.add_argument(
        "--language",
        choices=["de", "en"],
        help="only documents in this language (documents of unknown language count as it)",
    )
    suggest.add_argument(
        "--processes", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    suggest.add_argument(
        "--patterns",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="an extra pattern file (JSONL) on top of the shipped gazetteers and the "
        "project's own (<project>.patterns/*.jsonl); repeatable",
    )
    only = suggest.add_mutually_exclusive_group()
    only.add_argument("--entities-only", action="store_true", help="only entity suggestions")
    only.add_argument("--stance-only", action="store_true", help="only stance suggestions")
    suggest.set_defaults(run=command_suggest)


def command_suggest(args: argparse.Namespace) -> int:
    from services.suggesting import SuggestOptions, own_pattern_files

    if args.processes < 1:
        raise UsageError("--processes must be at least 1")
    options = SuggestOptions(
        model=args.model,
        only_new=args.only_new,
        language=args.language,
        processes=args.processes,
        pattern_files=args.patterns,
    )
    entities_failed = False
    with open_for_command(args.project, create=False) as project:
        options.pattern_files += own_pattern_files(project)
        if not args.stance_only:
            entities_failed = not _suggest_entities(project, options)
            spread_memory(project)
        if not args.entities_only:
            stance = _suggest_stance(project, args)
            if args.stance_only and stance.skipped and not stance.documents:
                raise CommandError("no stance suggestions could be made (see above)")
    if entities_failed:
        raise CommandError("no document could be suggested for (see above)")
    return EXIT_OK


def _suggest_entities(project: OpenProject, options: Any) -> bool:
    """Entity suggestions; prints what happened; False when no document could be done."""
    from services.suggesting import suggest_project_in_processes

    try:
        report = suggest_project_in_processes(
            project, options, progress=progress_printer("suggest")
        )
    except OSError as exc:  # a pattern or model file that cannot be read
        raise CommandError(str(exc)) from exc
    for language, origin in sorted(report.pipelines.items()):
        print(f"{language}: {origin}", file=sys.stderr)
    for language, why in sorted(report.skipped.items()):
        # A language with patterns but no model still got suggestions: a note, not a skip.
        kind = "note" if language in report.pipelines else "skipped"
        print(f"{language}: {kind}: {why}", file=sys.stderr)
    print(
        f"suggested for {counted(report.documents, 'document')}: {report.added} new, "
        f"{report.kept} kept, "
        f"{report.removed} withdrawn, {report.blocked} not repeated (annotators decided)"
    )
    return not (report.documents == 0 and report.skipped)


def _suggest_stance(project: OpenProject, args: argparse.Namespace) -> Any:
    from services.suggesting import suggest_project_stance

    report = suggest_project_stance(
        project, args.only_new, args.language, progress=progress_printer("stance")
    )
    for language, name in sorted(report.suggesters.items()):
        print(f"{language}: stance: {name}", file=sys.stderr)
    for language, why in sorted(report.skipped.items()):
        print(f"{language}: stance skipped: {why}", file=sys.stderr)
    print(
        f"stance suggested for {counted(report.documents, 'document')} "
        f"({counted(report.sentences, 'sentence')}): "
        f"{report.added} new, {report.kept} kept, {report.blocked} not repeated "
        "(annotators decided)"
    )
    return report
