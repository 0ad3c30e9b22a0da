"""``evaluate-stance``: the stance suggester against accepted stance labels."""

from __future__ import annotations

import argparse

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK
from cli.project_access import open_for_command


def add_parser(commands: argparse._SubParsersAction) -> None:
    evaluate_stance = commands.add_parser(
        "evaluate-stance",
        help="score the stance suggester against accepted stance labels",
        description="Accuracy, macro-F1 and a confusion matrix of the current stance "
        "suggester against the stance labels annotators accepted, next to the majority-class "
        "baseline; and, of the labels taking a side (FAVOR, AGAINST) that it got right, how "
        "often its holder is the labelled one.",
    )
    add_project_option(evaluate_stance)
    evaluate_stance.set_defaults(run=command_evaluate_stance)


def command_evaluate_stance(args: argparse.Namespace) -> int:
    from services.evaluation import evaluate_stance
    from services.evaluation import format_stance_scores as format_scores

    with open_for_command(args.project, read_only=True) as project:
        result = evaluate_stance(project)
    print(f"{result.scores.count} accepted sentence labels; suggester: {result.suggester}")
    for line in format_scores("suggester", result.scores, result.labels):
        print(line)
    for line in format_scores("majority baseline", result.baseline, result.labels):
        print(line)
    if result.sided_right:
        print(
            f"holder: right for {result.holders_right} of the {result.sided_right} labels "
            f"taking a side that the suggester got right ({result.holder_accuracy:.2f})"
        )
    else:
        print("holder: no label taking a side that the suggester got right")
    return EXIT_OK
