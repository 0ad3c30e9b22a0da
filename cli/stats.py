"""``stats``: what a project holds."""

from __future__ import annotations

import argparse
import json

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    stats = commands.add_parser(
        "stats",
        help="show what a project holds",
        description="Documents by status and language; spans and stance records by label, "
        "state and origin.",
    )
    add_project_option(stats)
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stats.set_defaults(run=command_stats)


def command_stats(args: argparse.Namespace) -> int:
    from services.reports import project_counts

    with open_for_command(args.project, read_only=True) as project:
        stats = project_counts(project)
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_stats(stats.to_dict()))
    return EXIT_OK


def format_stats(stats: dict) -> str:
    lines = [
        f"project: {stats['project']}",
        f"documents: {stats['documents']} ({stats['characters']} characters)",
    ]
    lines += [f"  language {lang}: {n}" for lang, n in sorted(stats["by_language"].items())]
    for annotator, counts in sorted(stats["by_status"].items()):
        parts = ", ".join(f"{status} {n}" for status, n in counts.items())
        lines.append(f"  {annotator}: {parts}")
    for kind in ("spans", "stance"):
        groups = stats[kind]
        total = sum(groups.get("by_state", {}).values())
        lines.append(f"{kind}: {total}")
        for group in ("by_label", "by_state", "by_origin"):
            values = groups.get(group, {})
            if values:
                parts = ", ".join(f"{k} {v}" for k, v in sorted(values.items()))
                lines.append(f"  {group.removeprefix('by_')}: {parts}")
    lines += _suggestion_outcome_lines(stats)
    return "\n".join(lines)


def _suggestion_outcome_lines(stats: dict) -> list[str]:
    outcomes = stats.get("suggestion_outcomes", {}).get("by_origin", [])
    lines = []
    if outcomes:
        lines.append("suggestions decided on, per origin (accepted unchanged / edited / rejected):")
    for row in outcomes:
        rate = row["acceptance_rate"]
        rate_text = "no decisions yet" if rate is None else f"acceptance {rate:.0%}"
        lines.append(
            f"  {row['origin']:8s} {row['accepted']} / {row['edited']} / {row['rejected']} "
            f"of {row['suggested']} suggested, {row['open']} open: {rate_text}"
        )
    return lines
