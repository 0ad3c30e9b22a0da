"""``evaluate``: an entity pipeline on labelled data (CoNLL/IOB or a spaCy DocBin)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.exit_codes import EXIT_OK


def add_parser(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser(
        "evaluate",
        help="score an entity pipeline on labelled data",
        description="Per-label and overall precision, recall and F1 of a pipeline's entities "
        "on CoNLL/IOB data (one token per line) or a spaCy DocBin (.spacy).",
    )
    evaluate.add_argument("--model", required=True, metavar="NAME_OR_DIR")
    evaluate.add_argument("--data", required=True, type=Path, metavar="FILE")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    evaluate.set_defaults(run=command_evaluate)


def command_evaluate(args: argparse.Namespace) -> int:
    from services.evaluation import evaluate_entities, format_entity_scores

    scores = evaluate_entities(args.model, args.data)
    print(json.dumps(scores, indent=2) if args.json else format_entity_scores(scores))
    return EXIT_OK
