"""A learning curve of the entity model: fine-tune on growing numbers of the project's
training documents and score each on the fixed held-out documents, next to the base model,
to see whether labelling more documents still pays. Nothing is saved, recorded or activated.

The documents come in a fixed order (by a hash of their text), and each size takes the first
of them, so a larger size holds the smaller ones and two runs on the same labels agree. Each
size trains as ``services.entity_training.train_project_ner`` would (same epochs rule,
pieces and rehearsal), from the pipeline the resolver picks (installed or shipped), not
from the project's active model: that one has seen the training documents already. Reading
the project's documents is ``services.learning_curve``'s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.training import Example

from errors import UserError
from nlp.ner_training import (
    add_new_labels,
    epochs_for,
    fine_tune,
    in_vocab,
    load_base,
    score,
)
from nlp.pipelines import PipelineChoice

COMPONENTS = ("ner",)  # the stance classifier has no curve yet
DEFAULT_SHARES = (0.25, 0.5, 0.75, 1.0)


class LearningCurveError(UserError, ValueError):
    """No curve can be made (an unsupported component, bad sizes); the message says why."""


@dataclass(frozen=True)
class CurvePoint:
    size: int  # documents asked for
    documents: int  # documents trained on
    spans: int  # their entity spans
    f1: float  # held-out F1
    scores: dict[str, Any]  # per label, as ``nlp.evaluate.span_scores``


@dataclass
class LearningCurve:
    component: str
    language: str
    base: str  # origin of the pipeline every size starts from
    base_f1: float
    base_scores: dict[str, Any]
    training_documents: int  # available for the curve
    held_out_documents: int
    points: list[CurvePoint] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. sizes that were clipped

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_sizes(available: int) -> list[int]:
    """A quarter, a half, three quarters and all of the training documents."""
    return sorted({max(1, round(available * share)) for share in DEFAULT_SHARES})


def plan_sizes(sizes: Sequence[int] | None, available: int) -> tuple[list[int], list[str]]:
    """The sizes to train, ascending and without repeats, and a note for each one that was
    more than the training documents there are (it is clipped to all of them)."""
    if sizes is None:
        return default_sizes(available), []
    if not sizes or any(size <= 0 for size in sizes):
        raise LearningCurveError("sizes must be whole numbers of documents above 0")
    notes = [
        f"{size} is more than the {available} training documents: using {available}"
        for size in sorted(set(sizes))
        if size > available
    ]
    return sorted({min(size, available) for size in sizes}), notes


def curve_point(
    choice: PipelineChoice,
    size: int,
    docs: list[Doc],
    rehearsal: list[Doc],
    held_out: list[Doc],
    should_cancel: Callable[[], bool],
) -> CurvePoint:
    """One size: a fresh copy of the base, fine-tuned on ``docs``, scored."""
    nlp = load_base(choice)
    docs = [in_vocab(nlp, d) for d in docs]
    add_new_labels(nlp, docs)
    examples = [Example(nlp.make_doc(d.text), in_vocab(nlp, d)) for d in rehearsal]
    fine_tune(nlp, docs, examples, epochs_for(docs, examples), should_cancel=should_cancel)
    scores = score(nlp, [in_vocab(nlp, d) for d in held_out])
    spans = sum(len(d.ents) for d in docs)
    return CurvePoint(size, len(docs), spans, float(scores["f1"]), scores)


def stable_key(doc: Doc) -> str:
    return hashlib.sha256(("curve:" + doc.text).encode()).hexdigest()


def plot_learning_curve(curve: LearningCurve, path: Path) -> None:
    """A PNG line chart of held-out F1 against training documents, the base model as a
    horizontal line. Drawn with matplotlib's Agg canvas: no display, no Qt."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    documents = [p.documents for p in curve.points]
    axes.plot(documents, [p.f1 for p in curve.points], marker="o", label="fine-tuned model")
    axes.axhline(curve.base_f1, color="grey", linestyle="--", label=f"base {curve.base}")
    axes.set_xlabel("training documents")
    axes.set_ylabel(f"held-out F1 ({curve.held_out_documents} documents)")
    axes.set_ylim(0, 1.02)
    axes.set_xlim(left=0)
    axes.set_title(f"Learning curve of the entity model ({curve.language})")
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    figure.tight_layout()
    figure.savefig(path, format="png")
