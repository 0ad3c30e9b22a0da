"""Training the project's entity model: read its labelled documents, fine-tune the
recognizer (``nlp.ner_training``), score it, save it, record it in the model registry
(``storage.model_registry``), and let it suggest only when it measures better than the model
that suggests now on documents it never saw.

Training labels: the spans annotators accepted or edited in documents they marked done,
and imported spans that came as accepted labels; where a review (origin ``review``, from
``import --corrections``) changed a document, its version wins over the annotator's.

The held-out documents are the stance rule's (``nlp.stance_training.is_held_out``: a fifth,
by a stable hash of the document's text), so a document is held out for both components and
the share does not move as the project grows. Training starts from the pipeline that would
suggest now (the project's active model, else the resolver's choice) and resumes its ``ner``,
so it keeps what it knew; a few unlabelled project documents with the base model's own
entities are mixed in against forgetting (rehearsal).

The training steps are called through their module (``training.score``), so a test that
replaces one there replaces it here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from nlp import ner_training as training
from nlp.ner_training import (
    MODEL_NAME,
    REHEARSAL_DOCUMENTS,
    LabelledDocuments,
    NerTrainingResult,
)
from nlp.pipelines import PipelineChoice, resolve_pipeline
from nlp.stance_classifier import TrainingCancelledError
from nlp.stance_training import VERSION_FORMAT, is_held_out
from storage.database import Database
from storage.export.annotation_sets import AnnotationSet
from storage.export.gather import iter_export_documents, origin_text
from storage.export.records import ExportDocument, ExportOptions, ExportSpan
from storage.export.spacy_data import annotated_doc
from storage.export.training_report import TrainingDataReport
from storage.importing.service import text_hash
from storage.label_habits import LabelHabit, rejected_labels, relabel_habits
from storage.model_registry import ModelInfo, active_model, record_training
from storage.models import OriginKind

MODEL_KIND = OriginKind.MODEL.value

SETTINGS_KEY = "ner_model"  # the active model, kept for older app versions (see registry)
LAST_TRAINING_KEY = "ner_last_training"  # the latest run, activated or not
DECIDED = ("accepted", "edited")
IMPORTED = origin_text(OriginKind.IMPORT, None, None)
REVIEWED = origin_text(OriginKind.REVIEW, None, None)


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
    training.check_enough(data)
    choice, nlp = _base_pipeline(db, project_id, data, base)
    base_scores = training.score(nlp, data.held_out)
    rehearsal = rehearsal_examples(db, project_id, nlp, data.language)
    new_labels = training.add_new_labels(nlp, data.training)
    planned = training.epochs_for(data.training, rehearsal) if epochs is None else epochs
    steps = planned + 1
    on_epoch = _epoch_progress(progress, steps)
    training.fine_tune(
        nlp, data.training, rehearsal, planned, on_epoch=on_epoch, should_cancel=should_cancel
    )
    scores = training.score(nlp, data.held_out)
    previous, previous_scores = _what_suggests_now(db, project_id, data.language, choice, data)
    _scoring_done(progress, steps, should_cancel)
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
        active=activate and scores["f1"] > (previous_scores or base_scores)["f1"],
        several_annotators=data.several_annotators,
        skipped_documents=data.skipped,
        new_labels=new_labels,
        training_spans=sum(len(d.ents) for d in data.training),
        epochs=planned,
        previous=previous,
        previous_scores=previous_scores,
    )
    training.save_model(nlp, choice, result)
    _record(db, project_id, result)
    return result


def _base_pipeline(
    db: Database, project_id: int, data: LabelledDocuments, base: str | None
) -> tuple[PipelineChoice, Language]:
    """The pipeline to start from, loaded, with the labelled docs moved into its vocab."""
    choice = base_choice(db, project_id, data.language, base)
    nlp = training.load_base(choice)
    data.training = [training.in_vocab(nlp, d) for d in data.training]
    data.held_out = [training.in_vocab(nlp, d) for d in data.held_out]
    return choice, nlp


def _epoch_progress(
    progress: Callable[[int, int], None] | None, steps: int
) -> Callable[[int], None]:
    """What fine-tuning calls after each epoch: ``progress`` out of all ``steps``."""

    def on_epoch(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    return on_epoch


def _scoring_done(
    progress: Callable[[int, int], None] | None, steps: int, should_cancel: Callable[[], bool]
) -> None:
    """The last step is done; ``TrainingCancelledError`` if cancelled before the saving."""
    if progress is not None:
        progress(steps, steps)
    if should_cancel():
        raise TrainingCancelledError("training was cancelled")


def _what_suggests_now(
    db: Database, project_id: int, language: str, choice: PipelineChoice, data: LabelledDocuments
) -> tuple[str | None, dict[str, Any] | None]:
    """The active model and its held-out scores when it is not the base (a base named by
    the caller); (None, None) when the base is what suggests now."""
    active = active_ner_model(db, project_id, language)
    if active is None or Path(active["path"]).resolve() == Path(choice.location).resolve():
        return None, None
    now = resolve_pipeline(language, active["path"])
    return now.origin, training.score(spacy.load(now.location), data.held_out)


def rehearsal_examples(
    db: Database, project_id: int, nlp: Language, language: str
) -> list[Example]:
    """Unlabelled project documents with the base model's own entities as their labels."""
    texts = unlabelled_texts(db, project_id, language, REHEARSAL_DOCUMENTS)
    with db.read() as session:
        habits = relabel_habits(session, project_id)
        dropped = rejected_labels(session, project_id)
    # The base's predictions in the project's convention: taught as the base says them,
    # they would teach back what annotators relabel or reject every time.
    examples = []
    for doc in nlp.pipe(texts):
        doc.ents = [
            Span(doc, e.start, e.end, label=_habit_label(habits, e.label_))
            for e in doc.ents
            if (MODEL_KIND, e.label_) not in dropped
        ]
        examples.append(Example(nlp.make_doc(doc.text), doc))
    return examples


def _habit_label(habits: dict[tuple[str, str], LabelHabit], label: str) -> str:
    habit = habits.get((MODEL_KIND, label))
    return habit.taken if habit is not None else label


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
    record_training(
        db,
        project_id,
        model,
        details,
        activate=result.active,
        settings_key=SETTINGS_KEY,
        last_training_key=LAST_TRAINING_KEY,
    )
