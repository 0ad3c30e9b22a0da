"""``train``: a suggester (entity model, stance classifier) from the project's labels."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cli.argument_types import add_project_option
from cli.exit_codes import EXIT_OK
from cli.project_access import open_for_command, refuse_project_output
from cli.terminal import progress_printer

if TYPE_CHECKING:
    from services.projects import OpenProject


def add_parser(commands: argparse._SubParsersAction) -> None:
    trainer = commands.add_parser(
        "train",
        help="train a suggester from the project's labels",
        description="Train the stance classifier from the accepted sentence labels (at least "
        "30 of each label), score it and the lexicon on held-out documents, and with "
        "--activate let it suggest from now on if it is better. With --component ner, "
        "fine-tune the entity model on the spans of documents marked done or imported with "
        "accepted spans (at least 5 documents) and score it and the active model on held-out "
        "documents. Every model is recorded (see `models`).",
    )
    add_project_option(trainer)
    trainer.add_argument("--component", choices=["ner", "stance", "both"], required=True)
    trainer.add_argument(
        "--out", type=Path, metavar="DIR", help="where the model goes (default: <project>.models/)"
    )
    trainer.add_argument(
        "--activate", action="store_true", help="use the new model if it beats the active suggester"
    )
    trainer.set_defaults(run=command_train)


def command_train(args: argparse.Namespace) -> int:
    from services.projects import models_dir_for

    if args.out is not None:
        refuse_project_output(args.project, args.out, "model folder")
    with open_for_command(args.project, create=False) as project:
        out = args.out or models_dir_for(project.location.file)
        if args.component in ("ner", "both"):
            _train_ner(project, out, args.activate)
        if args.component in ("stance", "both"):
            _train_stance(project, out, args.activate)
    return EXIT_OK


def _train_ner(project: OpenProject, out: Path, activate: bool) -> None:
    from services.entity_training import train_project_ner
    from services.evaluation import format_training_scores as format_scores

    result = train_project_ner(
        project.db,
        project.project_id,
        out,
        activate=activate,
        progress=progress_printer("train ner"),
    )
    print(
        f"entity model {result.origin}: fine-tuned from {result.base} on "
        f"{result.training_documents} documents (and {result.rehearsal_documents} unlabelled "
        f"for rehearsal), tested on {result.held_out_documents} held-out documents"
    )
    if result.new_labels:
        print(f"  new labels: {', '.join(result.new_labels)}")
    if result.several_annotators:
        print(
            f"  {result.several_annotators} documents labelled by several annotators: "
            "the first annotator's spans were used"
        )
    if result.skipped_documents:
        print(
            f"  {result.skipped_documents} documents left out (overlapping spans, or not in "
            f"the main language {result.language})"
        )
    for line in format_scores(f"new model {result.origin}", result.scores):
        print(line)
    for line in format_scores(f"base model {result.base}", result.base_scores):
        print(line)
    if result.previous is not None and result.previous_scores is not None:
        for line in format_scores(f"active model {result.previous}", result.previous_scores):
            print(line)
    print(f"  held-out F1: new {result.f1:.3f}, base {result.base_f1:.3f}")
    to_beat = result.previous or result.base
    if result.active:
        print(
            f"  activated: the project's entity model from now on; suggest (without --model) "
            f"and the app use it for {result.language} documents"
        )
    elif activate:
        print(
            f"  not activated: it is not better than {to_beat} on the held-out documents; "
            f"{to_beat} stays active"
        )
    print(f"  saved in {result.path} (use it with: suggest --model {result.path})")


def _train_stance(project: OpenProject, out: Path, activate: bool) -> None:
    from services.stance_training import train_project_stance

    result = train_project_stance(project.db, project.project_id, out, activate=activate)
    print(
        f"stance classifier {result.version}: trained on {result.training_labels} labels, "
        f"tested on {result.held_out_labels} held-out labels"
    )
    print(
        f"  held-out macro-F1: classifier {result.classifier_macro_f1:.3f}, "
        f"lexicon {result.lexicon_macro_f1:.3f}"
    )
    if result.previous != "stance-lexicon":
        print(f"  {result.previous} (active until now): {result.previous_macro_f1:.3f}")
    if result.active:
        print("  active: the classifier suggests stance from now on")
    elif activate:
        print(f"  not activated: it is not better than {result.previous} on the held-out labels")
    print(f"  saved in {result.path}")
