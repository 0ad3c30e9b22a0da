"""Fine-tuning the entity recognizer on a project's accepted spans, and letting it suggest
only when it measures better than the model it started from on documents it never saw.

The held-out documents are the stance rule's (``nlp.stance_training.is_held_out``: a fifth,
by a stable hash of the document's text), so a document is held out for both components and
the share does not move as the project grows. Training starts from the pipeline that would
suggest now (the project's active model, else the resolver's choice) and resumes its ``ner``,
so it keeps what it knew; a few unlabelled project documents with the base model's own
entities are mixed in against forgetting (rehearsal).
"""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from nlp.entity_suggester import CONFIDENCE_FILE, temperature_of
from nlp.evaluate import span_scores
from nlp.pipelines import PipelineChoice, resolve_pipeline
from nlp.stance_classifier import TrainingCancelledError
from nlp.stance_training import VERSION_FORMAT, is_held_out
from storage.database import Database
from storage.export.annotation_sets import annotation_sets
from storage.export.gather import iter_export_documents
from storage.export.records import ExportDocument, ExportOptions
from storage.export.spacy_data import annotated_doc
from storage.export.training_report import TrainingDataReport
from storage.importing.service import text_hash
from storage.models import Project

MIN_DOCUMENTS = 5  # labelled documents, at least one of them held out
EPOCHS = 10
DROPOUT = 0.2
BATCH_SIZE = 8
REHEARSAL_DOCUMENTS = 20  # unlabelled documents with the base model's entities
SETTINGS_KEY = "ner_model"  # the project's entity model that suggests now (absent: resolver)
LAST_TRAINING_KEY = "ner_last_training"  # the latest run, activated or not
MODEL_NAME = "project_ner"  # suggestions carry "<lang>_project_ner@<version>"


class NerTrainingError(ValueError):
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

    @property
    def f1(self) -> float:
        return float(self.scores["f1"])

    @property
    def base_f1(self) -> float:
        return float(self.base_scores["f1"])


@dataclass
class LabelledDocuments:
    """Gold docs per side of the split, plus what was left out and why."""

    language: str
    training: list[Doc] = field(default_factory=list)
    held_out: list[Doc] = field(default_factory=list)
    several_annotators: int = 0
    skipped: int = 0


def labelled_documents(db: Database, project_id: int) -> LabelledDocuments:
    """One gold doc per document with accepted (or edited) entity spans of the project's main
    language. Where several annotators labelled a document, the first by name is taken: their
    spans are one consistent set, which a mix of people's spans would not be."""
    chosen: list[tuple[ExportDocument, Doc]] = []
    report = TrainingDataReport("ner")
    several = skipped = 0
    for document in iter_export_documents(db, project_id, ExportOptions(state="accepted")):
        sets = [s for s in annotation_sets(document, report) if s.annotator and s.spans]
        if not sets:
            continue
        several += len(sets) > 1
        doc = annotated_doc(sets[0], report)
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


def unlabelled_texts(db: Database, project_id: int, language: str, limit: int) -> list[str]:
    """Up to ``limit`` texts of documents nobody labelled entities in (held-out ones never:
    they are scored, so the model must not see them in any form)."""
    texts: list[str] = []
    for document in iter_export_documents(db, project_id, ExportOptions(state="all")):
        if len(texts) >= limit:
            break
        labelled = any(s.annotator for s in document.spans)
        if labelled or (document.language or "de") != language:
            continue
        if not is_held_out(text_hash(document.text)):
            texts.append(document.text)
    return texts


def active_ner_model(db: Database, project_id: int) -> dict | None:
    """The settings of the project's trained entity model that suggests now, or None."""
    with db.read() as session:
        project = session.get(Project, project_id)
        model = project.settings.get(SETTINGS_KEY) if project else None
    return model if model and Path(model["path"]).is_dir() else None


def base_choice(db: Database, project_id: int, language: str, base: str | None) -> PipelineChoice:
    """The pipeline to start from: ``base`` if named, else the project's active model for
    the language, else what the resolver picks (an installed or the embedded pipeline)."""
    if base is None:
        active = active_ner_model(db, project_id)
        if active is not None and active.get("language") == language:
            base = active["path"]
    return resolve_pipeline(language, base)


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
    and the base on the held-out ones, save it to ``out_dir/ner-<version>/`` and (with
    ``activate``) make it the project's entity model only if its held-out F1 is higher.

    ``progress(done, total)`` counts epochs and the scoring step; ``should_cancel`` is asked
    between epochs and before saving (``TrainingCancelledError``: nothing saved)."""
    data = labelled_documents(db, project_id)
    _check_enough(data)
    choice = base_choice(db, project_id, data.language, base)
    nlp = spacy.load(choice.location)
    if "ner" not in nlp.pipe_names:
        raise NerTrainingError(f"{choice.origin} has no entity recognizer (ner)")
    data.training = [_in_vocab(nlp, d) for d in data.training]
    data.held_out = [_in_vocab(nlp, d) for d in data.held_out]
    base_scores = score(nlp, data.held_out)
    rehearsal = [
        Example(nlp.make_doc(doc.text), doc)
        for doc in nlp.pipe(unlabelled_texts(db, project_id, data.language, REHEARSAL_DOCUMENTS))
    ]
    new_labels = _add_new_labels(nlp, data.training)
    examples = [Example(nlp.make_doc(d.text), d) for d in data.training] + rehearsal
    epochs = EPOCHS if epochs is None else epochs
    for done in _train(nlp, examples, epochs):
        if progress is not None:
            progress(done, epochs + 1)
        if should_cancel():
            raise TrainingCancelledError("training was cancelled")
    scores = score(nlp, data.held_out)
    if progress is not None:
        progress(epochs + 1, epochs + 1)
    if should_cancel():
        raise TrainingCancelledError("training was cancelled")
    version = datetime.now(UTC).strftime(VERSION_FORMAT)
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
        active=activate and scores["f1"] > base_scores["f1"],
        several_annotators=data.several_annotators,
        skipped_documents=data.skipped,
        new_labels=new_labels,
    )
    _save(nlp, choice, result)
    _record(db, project_id, result)
    return result


def _check_enough(data: LabelledDocuments) -> None:
    total = len(data.training) + len(data.held_out)
    if total < MIN_DOCUMENTS or not data.held_out or not data.training:
        raise NotEnoughDocumentsError(
            f"entity training needs at least {MIN_DOCUMENTS} documents with accepted entity "
            f"spans, at least 1 of them held out for testing and 1 to train on; the project "
            f"has {total} ({len(data.held_out)} held out)"
        )


def _in_vocab(nlp: Language, doc: Doc) -> Doc:
    """The gold doc (made with a blank pipeline's vocabulary) in the pipeline's vocabulary,
    whose string store then knows its labels (scoring looks them up there)."""
    return Doc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))


def score(nlp: Language, gold: list[Doc]) -> dict[str, Any]:
    """Per-label and overall precision, recall and F1 of the pipeline's entities."""
    predicted = nlp.pipe(doc.text for doc in gold)
    return span_scores([Example(p, g) for p, g in zip(predicted, gold, strict=True)])


def _add_new_labels(nlp: Language, docs: list[Doc]) -> list[str]:
    """Adds the labels the base ``ner`` does not know (it grows its output layer for them);
    the ones it knows keep their weights."""
    ner = nlp.get_pipe("ner")
    known = set(ner.labels)
    new = sorted({e.label_ for doc in docs for e in doc.ents} - known)
    for label in new:
        ner.add_label(label)
    return new


def _trained_components(nlp: Language) -> list[str]:
    """``ner`` and the embedding components it listens to (shared ``tok2vec``)."""
    names = ["ner"]
    for name, component in nlp.components:
        if "ner" in getattr(component, "listening_components", []):
            names.append(name)
    return names


def _train(nlp: Language, examples: list[Example], epochs: int) -> Iterator[int]:
    """Update the ``ner`` epoch by epoch; yields the number of epochs done."""
    # The same order and dropout on every run, so two runs on the same labels compare.
    fix_random_seed(0)
    optimizer = nlp.resume_training()
    rng = random.Random(0)
    with nlp.select_pipes(enable=_trained_components(nlp)):
        for epoch in range(epochs):
            rng.shuffle(examples)
            for batch in minibatch(examples, size=BATCH_SIZE):
                nlp.update(batch, sgd=optimizer, drop=DROPOUT)
            yield epoch + 1


def _save(nlp: Language, choice: PipelineChoice, result: NerTrainingResult) -> None:
    """The pipeline folder, with what the suggester reads beside it (the temperature of the
    confidences: the base's, since a handful of held-out documents cannot fit a new one)."""
    path = Path(result.path)
    nlp.meta.update(name=MODEL_NAME, version=result.version, lang=result.language)
    nlp.meta["description"] = f"fine-tuned from {result.base} on a project's accepted spans"
    nlp.meta.pop("performance", None)
    path.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    base_confidence = Path(choice.location) / CONFIDENCE_FILE
    if base_confidence.is_file():
        shutil.copyfile(base_confidence, path / CONFIDENCE_FILE)
    else:
        temperature = temperature_of(choice.location)
        (path / CONFIDENCE_FILE).write_text(json.dumps({"temperature": temperature}))
    (path / "standpunkt_training.json").write_text(json.dumps(asdict(result), indent=2))


def _record(db: Database, project_id: int, result: NerTrainingResult) -> None:
    with db.write() as session:
        project = session.get(Project, project_id)
        assert project is not None
        settings = project.settings | {LAST_TRAINING_KEY: asdict(result)}
        if result.active:
            settings[SETTINGS_KEY] = asdict(result)
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
