"""Fine-tuning an entity recognizer on gold docs: cutting them into pieces, how many epochs,
the new labels, rehearsal against forgetting, scoring, and saving the pipeline folder. What
reads a project's labels and records the model is ``services.entity_training``.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from errors import UserError
from nlp.entity_suggester import CONFIDENCE_FILE, temperature_of
from nlp.evaluate import span_scores
from nlp.model_folder import model_folder
from nlp.pipelines import PipelineChoice
from nlp.stance_classifier import TrainingCancelledError
from text.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.pipeline import EntityRecognizer

MIN_DOCUMENTS = 5  # labelled documents, at least one of them held out
EPOCHS = 10  # at most; fewer when there is much text (see ``epochs_for``)
MIN_EPOCHS = 2
# Characters of training text one run processes (about): the 160 training documents of a
# project of 200 articles of 3,000 characters get 4 or 5 epochs (about a minute on two
# cores, as good on held-out documents as 10 epochs of whole documents), a small project 10.
CHARACTER_BUDGET = 2_000_000
CHUNK_CHARS = 800  # documents are cut at sentence ends into pieces of about this length
DROPOUT = 0.2
BATCH_SIZE = 8  # pieces per update
REHEARSAL_DOCUMENTS = 20  # unlabelled documents with the base model's entities
MODEL_NAME = "project_ner"  # suggestions carry "<lang>_project_ner@<version>"


class NerTrainingError(UserError, ValueError):
    """Training cannot run; the message says why (for the command line: one line)."""


class NotEnoughDocumentsError(NerTrainingError):
    """Fewer labelled documents than training needs; the message gives the counts."""


@dataclass(frozen=True)
class NerTrainingResult:
    version: str
    path: str
    origin: str  # what its suggestions carry, e.g. "de_project_ner@20261129T101112000000"
    base: str  # the origin of the pipeline it started from
    language: str
    training_documents: int
    held_out_documents: int
    rehearsal_documents: int
    scores: dict[str, Any]  # span_scores of the new model on the held-out documents
    base_scores: dict[str, Any]  # ... and of the base model
    active: bool  # the new model suggests from now on
    several_annotators: int = 0  # documents labelled by more than one (the first one's used)
    skipped_documents: int = 0  # overlapping spans, or another language than the main one
    new_labels: list[str] = field(default_factory=list)
    training_spans: int = 0
    epochs: int = 0
    # What suggested when training started and its held-out scores (None: the base did, and
    # ``base_scores`` are its scores): a candidate must beat it to be activated.
    previous: str | None = None
    previous_scores: dict[str, Any] | None = None

    @property
    def f1(self) -> float:
        return float(self.scores["f1"])

    @property
    def base_f1(self) -> float:
        return float(self.base_scores["f1"])

    @property
    def previous_f1(self) -> float:
        return float((self.previous_scores or self.base_scores)["f1"])


@dataclass
class LabelledDocuments:
    """Gold docs per side of the split, plus what was left out and why."""

    language: str
    training: list[Doc] = field(default_factory=list)
    held_out: list[Doc] = field(default_factory=list)
    several_annotators: int = 0
    skipped: int = 0


def load_base(choice: PipelineChoice) -> Language:
    nlp = spacy.load(choice.location)
    if "ner" not in nlp.pipe_names:
        raise NerTrainingError(f"{choice.origin} has no entity recognizer (ner)")
    return nlp


def check_enough(data: LabelledDocuments) -> None:
    total = len(data.training) + len(data.held_out)
    if total < MIN_DOCUMENTS or not data.held_out or not data.training:
        raise NotEnoughDocumentsError(
            f"entity training needs at least {MIN_DOCUMENTS} documents with accepted entity "
            f"spans, marked done (or imported with accepted spans), at least 1 of them held "
            f"out for testing and 1 to train on; the project has {total} "
            f"({len(data.held_out)} held out)"
        )


def in_vocab(nlp: Language, doc: Doc) -> Doc:
    """The gold doc (made with a blank pipeline's vocabulary) in the pipeline's vocabulary,
    whose string store then knows its labels (scoring looks them up there)."""
    return Doc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))


def score(nlp: Language, gold: list[Doc]) -> dict[str, Any]:
    """Per-label and overall precision, recall and F1 of the pipeline's entities."""
    predicted = nlp.pipe(doc.text for doc in gold)
    return span_scores([Example(p, g) for p, g in zip(predicted, gold, strict=True)])


def add_new_labels(nlp: Language, docs: list[Doc]) -> list[str]:
    """Adds the labels the base ``ner`` does not know (it grows its output layer for them);
    the ones it knows keep their weights."""
    ner = cast("EntityRecognizer", nlp.get_pipe("ner"))
    known = set(ner.labels)
    new = sorted({e.label_ for doc in docs for e in doc.ents} - known)
    for label in new:
        ner.add_label(label)
    return new


def epochs_for(training: list[Doc], rehearsal: list[Example]) -> int:
    """Fewer epochs the more text there is: the time of a run stays bounded, and on much
    data a few passes learn what ten do on little."""
    characters = sum(len(d.text) for d in training) + sum(len(e.text) for e in rehearsal)
    wanted = math.ceil(CHARACTER_BUDGET / max(characters, 1))
    return min(EPOCHS, max(MIN_EPOCHS, wanted))


def fine_tune(
    nlp: Language,
    training: list[Doc],
    rehearsal: list[Example],
    epochs: int,
    *,
    on_epoch: Callable[[int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> None:
    """Update the ``ner`` on the gold docs and the rehearsal examples, cut into pieces, for
    ``epochs`` epochs (``on_epoch(done)`` after each)."""
    examples = [
        Example(nlp.make_doc(piece.text), piece)
        for doc in [*training, *(e.reference for e in rehearsal)]
        for piece in chunks(doc)
    ]
    # The same order and dropout on every run, so two runs on the same labels compare.
    fix_random_seed(0)
    optimizer = nlp.resume_training()
    rng = random.Random(0)
    with nlp.select_pipes(enable=_trained_components(nlp)):
        for epoch in range(epochs):
            rng.shuffle(examples)
            for batch in minibatch(examples, size=BATCH_SIZE):
                if should_cancel():
                    raise TrainingCancelledError("training was cancelled")
                nlp.update(batch, sgd=optimizer, drop=DROPOUT)
            if on_epoch is not None:
                on_epoch(epoch + 1)


def chunks(doc: Doc, size: int = CHUNK_CHARS) -> list[Doc]:
    """``doc`` cut at sentence ends into pieces of at least ``size`` characters (the last
    may be shorter), never inside an entity: many short examples per document give more
    updates per epoch than a few long ones, so fewer epochs are needed."""
    if len(doc.text) < 2 * size:
        return [doc]
    starts = []
    for sentence in split_sentences(doc.text)[1:]:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None and len(span):
            starts.append(span.start)
    pieces, begin = [], 0
    for start in starts:
        if start <= begin or doc[start].ent_iob_ == "I":
            continue
        if doc[start].idx - doc[begin].idx >= size:
            pieces.append(doc[begin:start].as_doc())
            begin = start
    pieces.append(doc[begin:].as_doc())
    return pieces


def _trained_components(nlp: Language) -> list[str]:
    """``ner`` and the embedding components it listens to (shared ``tok2vec``)."""
    names = ["ner"]
    for name, component in nlp.components:
        if "ner" in getattr(component, "listening_components", []):
            names.append(name)
    return names


def save_model(nlp: Language, choice: PipelineChoice, result: NerTrainingResult) -> None:
    """The pipeline folder, with what the suggester reads beside it (the temperature of the
    confidences: the base's, since a handful of held-out documents cannot fit a new one)."""
    nlp.meta.update(name=MODEL_NAME, version=result.version, lang=result.language)
    nlp.meta["description"] = f"fine-tuned from {result.base} on a project's accepted spans"
    nlp.meta.pop("performance", None)
    with model_folder(Path(result.path)) as path:  # whole, or not there (a full disk)
        nlp.to_disk(path)
        base_confidence = Path(choice.location) / CONFIDENCE_FILE
        if base_confidence.is_file():
            shutil.copyfile(base_confidence, path / CONFIDENCE_FILE)
        else:
            temperature = temperature_of(choice.location)
            (path / CONFIDENCE_FILE).write_text(json.dumps({"temperature": temperature}))
        (path / "standpunkt_training.json").write_text(json.dumps(asdict(result), indent=2))


def format_scores(title: str, scores: dict[str, Any]) -> list[str]:
    """Lines for the command line: one per label, then the overall figures."""
    lines = [f"  {title}", f"    {'label':10s} {'precision':>9s} {'recall':>7s} {'f1':>6s}"]
    for label, s in scores["per_label"].items():
        lines.append(f"    {label:10s} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}")
    lines.append(
        f"    {'overall':10s} {scores['precision']:9.3f} {scores['recall']:7.3f} "
        f"{scores['f1']:6.3f}"
    )
    return lines
