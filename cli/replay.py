"""``replay``: what the suggestions would have saved an annotator on labelled data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.argument_types import positive
from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.project_access import refuse_project_output

KINDS = ("accept", "reject", "relabel", "resize", "add")
HEADER = (
    f"{'documents':>11s} {'gold':>5s} {'shown':>5s} {'right':>5s}"
    + "".join(f" {k:>7s}" for k in KINDS)
    + f" {'corr/gold':>9s} {'P':>5s} {'R':>5s} {'F1':>5s}"
    + f" {'pairs':>5s} {'corr/pair':>9s} {'acc':>5s} {'mF1':>5s} {'seconds':>8s}"
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    replay = commands.add_parser(
        "replay",
        help="count the corrections the suggestions would have cost on labelled data",
        description="Import a labelled JSONL file's texts without their labels and take them "
        "in file order as one annotator would: the suggestions the app would show, the "
        "corrections needed to reach the file's labels (accept, reject, relabel, resize, add; "
        "stance pairs whose shown label differs), the labels applied as the window applies "
        "them, the document marked done and the models retrained on the app's schedule. "
        "Prints the figures per block of documents.",
    )
    replay.add_argument("--gold", type=Path, required=True, metavar="FILE.jsonl")
    replay.add_argument(
        "--project",
        metavar="PATH_OR_URL",
        help="replay into this project (created if missing; it must hold none of the texts "
        "yet; its stance targets and their aliases are used). Default: a fresh project in a "
        "temporary folder, removed afterwards",
    )
    replay.add_argument("--documents", type=positive, metavar="N", help="stop after N documents")
    replay.add_argument(
        "--block", type=positive, default=20, metavar="N", help="documents per block (20)"
    )
    replay.add_argument(
        "--retrain-every",
        type=positive,
        default=None,
        metavar="N",
        help="train the entity model after every N documents marked done (the app's 20)",
    )
    replay.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        metavar="X",
        help="the display threshold: suggestions less confident are not shown (the app's 0.3)",
    )
    replay.add_argument("--json", action="store_true", help="print JSON instead of a table")
    replay.add_argument(
        "--plot", type=Path, metavar="FILE.png", help="also draw the learning curve as a PNG"
    )
    replay.set_defaults(run=command_replay)


def command_replay(args: argparse.Namespace) -> int:
    from services.replay import ReplayError, ReplayOptions, replay

    if args.min_confidence is not None and not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {args.min_confidence}")
    if args.plot is not None:  # before minutes of replaying
        if args.project is not None:
            refuse_project_output(args.project, args.plot, "plot")
        if not args.plot.parent.is_dir():
            raise CommandError(f"cannot write {args.plot}: no folder {args.plot.parent}")
    options = ReplayOptions(args.gold, args.project, args.documents, args.block)
    if args.retrain_every is not None:
        options.retrain_every = args.retrain_every
    if args.min_confidence is not None:
        options.min_confidence = args.min_confidence
    if not args.json:
        print(HEADER)
    try:
        result = replay(
            options,
            on_block=_progress_line if args.json else _table_row,
            on_note=lambda note: print(f"note: {note}", file=sys.stderr),
        )
    except ReplayError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        _print_summary(result)
    if args.plot is not None:
        _plot(result, args.plot)
        # With --json, stdout holds the JSON alone.
        print(f"plot saved in {args.plot}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK


def _table_row(block: dict) -> None:
    first, last = block["documents"]
    entities, stance = block["entities"], block["stance"]
    counts = entities["corrections"]
    print(
        f"{f'{first}–{last}':>11s} {entities['gold']:5d} {entities['suggested']:5d} "
        f"{entities['correct']:5d}"
        + "".join(f" {counts[k]:7d}" for k in KINDS)
        + f" {entities['corrections_per_gold']:9.3f} {entities['precision']:5.2f} "
        f"{entities['recall']:5.2f} {entities['f1']:5.2f} {stance['pairs']:5d} "
        f"{stance['corrections_per_pair']:9.3f} {stance['accuracy']:5.2f} "
        f"{stance['macro_f1']:5.2f} {block['seconds']:8.1f}",
        flush=True,
    )
    models = block["models"]
    trained = models["trained"]
    print(
        f"{'':>11s} models: entities {' → '.join(models['entities']) or '-'}; stance "
        f"{' → '.join(models['stance']) or '-'}; trained: entities {trained['entities']}, "
        f"stance {trained['stance']}",
        flush=True,
    )


def _progress_line(block: dict) -> None:
    first, last = block["documents"]
    print(
        f"replay: documents {first}–{last}: "
        f"{block['entities']['corrections_per_gold']:.3f} corrections per gold entity, "
        f"{block['stance']['corrections_per_pair']:.3f} per stance pair",
        file=sys.stderr,
        flush=True,
    )


def _print_summary(result: dict) -> None:
    summary = result["summary"]
    entities, stance = summary["entities"], summary["stance"]
    first, last = summary["first_block"], summary["last_block"]
    labelled = summary["labelled"]
    parts = []
    if labelled["entities"]:
        parts.append(
            f"{entities['corrections_per_gold']:.3f} corrections per gold entity (without "
            f"suggestions: 1.000), P {entities['precision']:.2f} R {entities['recall']:.2f} "
            f"F1 {entities['f1']:.2f}; first block {_span(first)} "
            f"{first['corrections_per_gold']:.3f}, last block {_span(last)} "
            f"{last['corrections_per_gold']:.3f}"
        )
    else:
        parts.append("entities not labelled in the file")
    if labelled["stance"]:
        parts.append(
            f"stance {stance['corrections_per_pair']:.3f} corrections per pair, accuracy "
            f"{stance['accuracy']:.2f}, macro-F1 {stance['macro_f1']:.2f}; first block "
            f"{first['corrections_per_pair']:.3f}, last block {last['corrections_per_pair']:.3f}"
        )
    else:
        parts.append("stance not labelled in the file")
    print(f"all {summary['documents']} documents in {summary['seconds']:.0f} s:")
    for part in parts:
        print(f"  {part}")
    if summary["project"] is not None:
        print(f"the replayed project: {summary['project']} (View › Statistics shows the curve)")


def _span(documents: dict) -> str:
    first, last = documents["documents"]
    return f"{first}–{last}"


def _plot(result: dict, path: Path) -> None:
    from services.replay_plot import plot_replay

    try:
        plot_replay(result, path)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from exc
