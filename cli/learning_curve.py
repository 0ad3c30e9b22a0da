"""``learning-curve``: how the entity model improves with more labelled documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.project_access import open_for_command, refuse_project_output
from cli.terminal import progress_printer

if TYPE_CHECKING:
    from services.learning_curve import LearningCurve


def add_parser(commands: argparse._SubParsersAction) -> None:
    curve = commands.add_parser(
        "learning-curve",
        help="how the entity model improves with more labelled documents",
        description="Fine-tune the entity model on growing numbers of the project's training "
        "documents (never the held-out ones) and print the held-out F1 of each next to the "
        "base model's. Nothing is saved or activated.",
    )
    add_project_option(curve)
    curve.add_argument("--component", choices=["ner", "stance"], default="ner")
    curve.add_argument(
        "--sizes",
        metavar="N,N,...",
        help="numbers of training documents (default: 25, 50, 75 and 100 %% of them)",
    )
    curve.add_argument("--plot", type=Path, metavar="FILE.png", help="also draw it as a PNG")
    curve.set_defaults(run=command_learning_curve)


def command_learning_curve(args: argparse.Namespace) -> int:
    from services.learning_curve import learning_curve

    sizes = _sizes(args.sizes) if args.sizes is not None else None
    if args.plot is not None:  # before minutes of training
        refuse_project_output(args.project, args.plot, "plot")
        if not args.plot.parent.is_dir():
            raise CommandError(f"cannot write {args.plot}: no folder {args.plot.parent}")
    if args.component != "ner":
        raise CommandError(
            "learning-curve supports --component ner only for now (the stance classifier "
            "has no learning curve yet)"
        )
    with open_for_command(args.project, read_only=True) as project:
        curve = learning_curve(
            project.db,
            project.project_id,
            args.component,
            sizes,
            progress=progress_printer("learning curve"),
        )
    _print_curve(curve)
    if args.plot is not None:
        _plot(curve, args.plot)
    return EXIT_OK


def _print_curve(curve: LearningCurve) -> None:
    for note in curve.notes:
        print(f"note: {note}", file=sys.stderr)
    print(
        f"learning curve of the entity model ({curve.language}): base {curve.base}, "
        f"{curve.training_documents} training and {curve.held_out_documents} held-out documents"
    )
    print(f"  {'size':>6s} {'documents':>9s} {'spans':>6s} {'F1':>6s} {'base F1':>7s}")
    for point in curve.points:
        print(
            f"  {point.size:6d} {point.documents:9d} {point.spans:6d} {point.f1:6.3f} "
            f"{curve.base_f1:7.3f}"
        )


def _sizes(text: str) -> list[int]:
    """``--sizes 50,100,200`` as numbers; a UsageError naming the option otherwise."""
    parts = [part.strip() for part in text.split(",")]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise UsageError(
            f"--sizes must be whole numbers of documents above 0, separated by commas "
            f"(e.g. 50,100,200), not {text!r}"
        )
    return [int(part) for part in parts]


def _plot(curve: LearningCurve, path: Path) -> None:
    from services.learning_curve import plot_learning_curve

    try:
        plot_learning_curve(curve, path)
    except ImportError as exc:
        needs = "--plot needs matplotlib (pip install -r requirements.txt)"
        raise CommandError(f"{needs}: {exc}") from exc
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"plot saved in {path}")
