"""Fine-tuning the entity recognizer on a project's labelled documents, and letting it suggest
only when it measures better than the model that suggests now on documents it never saw.

Training labels: the spans annotators accepted or edited in documents they marked done,
and imported spans that came as accepted labels; where a review (origin ``review``, from
``import --corrections``) changed a document, its version wins over the annotator's.

The held-out documents are the stance rule's (``nlp.stance_training.is_held_out``: a fifth,
by a stable hash of the document's text), so a document is held out for both components and
the share does not move as the project grows. Training starts from the pipeline that would
suggest now (the project's active model, else the resolver's choice) and resumes its ``ner``,
so it keeps what it knew; a few unlabelled project documents with the base model's own
entities are mixed in against forgetting (rehearsal). Every run is recorded in the model
registry (``storage.model_registry``).
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
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
from nlp.pipelines import PipelineChoice, resolve_pipeline
from nlp.sentences import split_sentences
from nlp.stance_classifier import TrainingCancelledError
from nlp.stance_training import VERSION_FORMAT, is_held_out
from storage.database import Database
from storage.export.annotation_sets import AnnotationSet
from storage.export.gather import iter_export_documents, origin_text
from storage.export.records import ExportDocument, ExportOptions, ExportSpan
from storage.export.spacy_data import annotated_doc
from storage.export.training_report import TrainingDataReport
from storage.importing.service import text_hash
from storage.model_registry import ModelInfo, active_model, record_model
from storage.models import OriginKind, Project

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
SETTINGS_KEY = "ner_model"  # the active model, kept for older app versions (see registry)
LAST_TRAINING_KEY = "ner_last_training"  # the latest run, activated or not
MODEL_NAME = "project_ner"  # suggestions carry "<lang>_project_ner@<version>"
DECIDED = ("accepted", "edited")
IMPORTED = origin_text(OriginKind.IMPORT, None, None)
REVIEWED = origin_text(OriginKind.REVIEW, None, None)


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


def labelled_documents(db: Database, project_id: int) -> LabelledDocuments:
    """One gold doc per labelled document of the project's main language (see the module
    docstring for which documents and spans count). Where several annotators labelled a
    document, the first by name is taken: their spans are one consistent set, which a mix
    of people's spans would not be."""
    chosen: list[tuple[ExportDocument, Doc]] = []
    report = TrainingDataReport("ner")
    several = skipped = 0
    for document in iter_export_documents(db, project_id, ExportOptions(state="all")):
        gold, annotators = gold_annotation(document)
        if gold is None:
            continue
        several += annotators > 1
        doc = annotated_doc(gold, report)
        if doc.has_annotation("ENT_IOB"):
            chosen.append((document, doc))
        else:
            skipped += 1  # overlapping spans: no consistent entity layer to learn from
    languages = Counter(d.language or "de" for d, _ in chosen)
    main = languages.most_common(1)[0][0] if languages else "de"
    result = LabelledDocuments(main, several_annotators=several, skipped=skipped)
    for document, doc in chosen:
        if (document.language or "de") != main:
            result.skipped += 1
        elif is_held_out(text_hash(document.text)):
            result.held_out.append(doc)
        else:
            result.training.append(doc)
    return result


def gold_annotation(document: ExportDocument) -> tuple[AnnotationSet | None, int]:
    """The document's gold entity spans (None: it does not count yet) and how many
    annotators' labels were candidates for it.

    It counts once an annotator marked it done or it came with accepted spans; the first
    such annotator (by name) with spans is taken, and a review's rows replace their spans
    where they overlap (a review's rejection removes one)."""
    done = {name for name, status in document.status.items() if status == "done"}
    mine: dict[str, list[ExportSpan]] = {}
    for span in document.spans:
        if span.annotator:
            mine.setdefault(span.annotator, []).append(span)
    imported = {a for a, spans in mine.items() if any(_decided(s, IMPORTED) for s in spans)}
    reviewers = {a for a, spans in mine.items() if any(s.origin == REVIEWED for s in spans)}
    if not done and not imported:
        return None, 0
    candidates = sorted(
        a for a in (done | imported) - reviewers if any(_decided(s) for s in mine.get(a, []))
    )
    spans = [s for s in mine[candidates[0]] if _decided(s)] if candidates else []
    for reviewer in sorted(reviewers):
        review = mine[reviewer]
        spans = [s for s in spans if not any(_overlap(s, r) for r in review)]
        spans += [s for s in review if _decided(s) and not any(_overlap(s, k) for k in spans)]
    if not spans:
        return None, len(candidates)
    who = candidates[0] if candidates else sorted(reviewers)[0]
    spans.sort(key=lambda s: (s.start, s.end))
    return AnnotationSet(document, who, spans, [], complete=True), len(candidates)


def _decided(span: ExportSpan, origin: str | None = None) -> bool:
    return span.state in DECIDED and (origin is None or span.origin == origin)


def _overlap(a: ExportSpan, b: ExportSpan) -> bool:
    return a.start < b.end and b.start < a.end


def unlabelled_texts(db: Database, project_id: int, language: str, limit: int) -> list[str]:
    """Up to ``limit`` texts of documents nobody labelled entities in nor marked done
    (held-out ones never: they are scored, so the model must not see them in any form)."""
    texts: list[str] = []
    for document in iter_export_documents(db, project_id, ExportOptions(state="all")):
        if len(texts) >= limit:
            break
        labelled = any(s.annotator for s in document.spans) or "done" in document.status.values()
        if labelled or (document.language or "de") != language:
            continue
        if not is_held_out(text_hash(document.text)):
            texts.append(document.text)
    return texts


def active_ner_model(db: Database, project_id: int, language: str | None = None) -> dict | None:
    """The training result (``NerTrainingResult`` as a dict) of the project's entity model
    that suggests now for ``language`` (None: any), or None when its folder is gone."""
    with db.read() as session:
        model = active_model(session, project_id, "ner", language)
    if model is None or not Path(model.path).is_dir():
        return None
    return model.details or {"path": model.path, "version": model.version}


def base_choice(db: Database, project_id: int, language: str, base: str | None) -> PipelineChoice:
    """The pipeline to start from: ``base`` if named, else the project's active model for
    the language, else what the resolver picks (an installed or the embedded pipeline)."""
    if base is None:
        active = active_ner_model(db, project_id, language)
        if active is not None:
            base = active["path"]
    return resolve_pipeline(language, base)


def load_base(choice: PipelineChoice) -> Language:
    nlp = spacy.load(choice.location)
    if "ner" not in nlp.pipe_names:
        raise NerTrainingError(f"{choice.origin} has no entity recognizer (ner)")
    return nlp


def train_project_ner(
    db: Database,
    project_id: int,
    out_dir: Path,
    *,
    base: str | None = None,
    activate: bool = False,
    epochs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> NerTrainingResult:
    """Fine-tune the base pipeline's ``ner`` on the project's labelled documents, score it
    and the base on the held-out ones, save it to ``out_dir/ner-<version>/``, record it in
    the registry and (with ``activate``) make it the project's entity model only if its
    held-out F1 is higher than the active model's (no active model: the base's).

    ``epochs``: exactly that many (None: as many as the amount of text calls for, see
    ``epochs_for``). ``progress(done, total)`` counts epochs and the scoring step;
    ``should_cancel`` is asked between updates and before saving (``TrainingCancelledError``:
    nothing saved)."""
    data = labelled_documents(db, project_id)
    check_enough(data)
    choice = base_choice(db, project_id, data.language, base)
    nlp = load_base(choice)
    data.training = [in_vocab(nlp, d) for d in data.training]
    data.held_out = [in_vocab(nlp, d) for d in data.held_out]
    base_scores = score(nlp, data.held_out)
    rehearsal = rehearsal_examples(db, project_id, nlp, data.language)
    new_labels = add_new_labels(nlp, data.training)
    planned = epochs_for(data.training, rehearsal) if epochs is None else epochs
    steps = planned + 1

    def on_epoch(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    fine_tune(
        nlp, data.training, rehearsal, planned, on_epoch=on_epoch, should_cancel=should_cancel
    )
    scores = score(nlp, data.held_out)
    previous, previous_scores = _what_suggests_now(db, project_id, data.language, choice, data)
    if progress is not None:
        progress(steps, steps)
    if should_cancel():
        raise TrainingCancelledError("training was cancelled")
    version = datetime.now(UTC).strftime(VERSION_FORMAT)
    to_beat = previous_scores or base_scores
    result = NerTrainingResult(
        version=version,
        path=str(out_dir / f"ner-{version}"),
        origin=f"{data.language}_{MODEL_NAME}@{version}",
        base=choice.origin,
        language=data.language,
        training_documents=len(data.training),
        held_out_documents=len(data.held_out),
        rehearsal_documents=len(rehearsal),
        scores=scores,
        base_scores=base_scores,
        active=activate and scores["f1"] > to_beat["f1"],
        several_annotators=data.several_annotators,
        skipped_documents=data.skipped,
        new_labels=new_labels,
        training_spans=sum(len(d.ents) for d in data.training),
        epochs=planned,
        previous=previous,
        previous_scores=previous_scores,
    )
    _save(nlp, choice, result)
    _record(db, project_id, result)
    return result


def check_enough(data: LabelledDocuments) -> None:
    total = len(data.training) + len(data.held_out)
    if total < MIN_DOCUMENTS or not data.held_out or not data.training:
        raise NotEnoughDocumentsError(
            f"entity training needs at least {MIN_DOCUMENTS} documents with accepted entity "
            f"spans, marked done (or imported with accepted spans), at least 1 of them held "
            f"out for testing and 1 to train on; the project has {total} "
            f"({len(data.held_out)} held out)"
        )


def _what_suggests_now(
    db: Database, project_id: int, language: str, choice: PipelineChoice, data: LabelledDocuments
) -> tuple[str | None, dict[str, Any] | None]:
    """The active model and its held-out scores when it is not the base (a base named by
    the caller); (None, None) when the base is what suggests now."""
    active = active_ner_model(db, project_id, language)
    if active is None or Path(active["path"]).resolve() == Path(choice.location).resolve():
        return None, None
    now = resolve_pipeline(language, active["path"])
    return now.origin, score(spacy.load(now.location), data.held_out)


def in_vocab(nlp: Language, doc: Doc) -> Doc:
    """The gold doc (made with a blank pipeline's vocabulary) in the pipeline's vocabulary,
    whose string store then knows its labels (scoring looks them up there)."""
    return Doc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))


def score(nlp: Language, gold: list[Doc]) -> dict[str, Any]:
    """Per-label and overall precision, recall and F1 of the pipeline's entities."""
    predicted = nlp.pipe(doc.text for doc in gold)
    return span_scores([Example(p, g) for p, g in zip(predicted, gold, strict=True)])


def rehearsal_examples(
    db: Database, project_id: int, nlp: Language, language: str
) -> list[Example]:
    """Unlabelled project documents with the base model's own entities as their labels."""
    texts = unlabelled_texts(db, project_id, language, REHEARSAL_DOCUMENTS)
    return [Example(nlp.make_doc(doc.text), doc) for doc in nlp.pipe(texts)]


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


def _save(nlp: Language, choice: PipelineChoice, result: NerTrainingResult) -> None:
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


def _record(db: Database, project_id: int, result: NerTrainingResult) -> None:
    """The registry row, and the settings older app versions read, in one transaction."""
    details = asdict(result)
    model = ModelInfo(
        component="ner",
        version=result.version,
        name=result.origin.partition("@")[0],
        language=result.language,
        path=result.path,
        base=result.base,
        training_documents=result.training_documents,
        training_spans=result.training_spans,
        held_out_documents=result.held_out_documents,
        f1=result.f1,
        base_f1=result.base_f1,
        scores=result.scores,
        base_scores=result.base_scores,
        details=details,
    )
    with db.write() as session:
        record_model(session, project_id, model, activate=result.active)
        project = session.get(Project, project_id)
        assert project is not None
        settings = project.settings | {LAST_TRAINING_KEY: details}
        if result.active:
            settings[SETTINGS_KEY] = details
        project.settings = settings


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
