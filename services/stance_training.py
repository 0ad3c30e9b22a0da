"""Training the project's stance classifier from its accepted labels (``nlp.stance_classifier``
does the training), and letting it take over from the lexicon only when it measures better
on labels it never saw; every run is recorded in the model registry
(``storage.model_registry``). Which documents are held out, and which suggester is active,
is ``nlp.stance_training``'s.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import spacy
from spacy.language import Language

from nlp.model_folder import model_folder
from nlp.stance_classifier import (
    EPOCHS,
    LABELS,
    StanceExample,
    TrainingCancelledError,
    classify,
    train_classifier,
)
from nlp.stance_lexicon import LexiconStanceSuggester, load_lexicon
from nlp.stance_targets import TargetSpec
from nlp.stance_training import (
    CLASSIFIER_NAME,
    LAST_TRAINING_KEY,
    LEXICON_NAME,
    MIN_PER_LABEL,
    SETTINGS_KEY,
    VERSION_FORMAT,
    NotEnoughLabelsError,
    StanceTrainingResult,
    active_stance_model,
    is_held_out,
    lexicon_label,
    macro_f1,
)
from storage.database import Database
from storage.model_registry import ModelInfo, record_training
from storage.stance.store import accepted_sentence_labels, project_targets


def labelled_examples(db: Database, project_id: int) -> list[tuple[str, StanceExample]]:
    """(document hash, example) for every accepted sentence label with a trainable label."""
    return [
        (
            row.document_sha256,
            StanceExample(row.document_text[row.start : row.end], row.target, row.label),
        )
        for row in accepted_sentence_labels(db, project_id)
        if row.label in LABELS
    ]


def train_project_stance(
    db: Database,
    project_id: int,
    models_dir: Path,
    language: str = "de",
    min_per_label: int = MIN_PER_LABEL,
    activate: bool = True,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> StanceTrainingResult:
    """Train on the project's labels, score the classifier, the lexicon and the classifier
    that is active now on the held-out documents, save the new classifier, and (with
    ``activate``) make it active only if it beats what suggests now.

    ``progress(done, total)`` counts epochs and the scoring step; ``should_cancel`` is asked
    between epochs and before saving (``TrainingCancelledError``: nothing saved)."""
    examples = labelled_examples(db, project_id)
    _check_enough(examples, min_per_label)
    lexicon = _project_lexicon(db, project_id, language)
    training, held_out = _split(examples)
    steps = EPOCHS + 1

    def on_epoch(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, steps)

    model = train_classifier(
        training, lexicon, language, epochs=EPOCHS, on_epoch=on_epoch, should_cancel=should_cancel
    )
    model_f1 = _classifier_f1(model, held_out, lexicon)
    lexicon_f1 = macro_f1(
        [e.label for e in held_out], [lexicon_label(lexicon, e) for e in held_out]
    )
    previous, previous_f1 = _what_suggests_now(
        db, project_id, language, held_out, lexicon, lexicon_f1
    )
    if progress is not None:
        progress(steps, steps)
    if should_cancel():
        raise TrainingCancelledError("training was cancelled")
    version = datetime.now(UTC).strftime(VERSION_FORMAT)
    path = models_dir / f"stance-{version}"
    result = StanceTrainingResult(
        version,
        str(path),
        len(training),
        len(held_out),
        model_f1,
        lexicon_f1,
        active=activate and model_f1 > previous_f1,
        language=language,
        previous=previous,
        previous_macro_f1=previous_f1,
        labels_total=len(examples),
    )
    _save(model, result, path)
    _record(db, project_id, result, *_document_counts(examples))
    return result


def _check_enough(examples: list[tuple[str, StanceExample]], min_per_label: int) -> None:
    """``NotEnoughLabelsError`` unless every label has ``min_per_label`` examples."""
    counts = Counter(e.label for _, e in examples)
    if any(counts[label] < min_per_label for label in LABELS):
        have = ", ".join(f"{label} {counts[label]}" for label in LABELS)
        raise NotEnoughLabelsError(
            f"training needs {min_per_label} accepted sentence labels of each kind; the "
            f"project has {have}"
        )


def _split(
    examples: list[tuple[str, StanceExample]],
) -> tuple[list[StanceExample], list[StanceExample]]:
    """The training examples and the held-out ones; ``NotEnoughLabelsError`` when either
    is empty."""
    training = [e for sha, e in examples if not is_held_out(sha)]
    held_out = [e for sha, e in examples if is_held_out(sha)]
    if not held_out or not training:
        raise NotEnoughLabelsError("the labels come from too few documents to hold some out")
    return training, held_out


def _project_lexicon(db: Database, project_id: int, language: str) -> LexiconStanceSuggester:
    """The lexicon suggester for the language, toward the project's targets."""
    with db.read() as session:
        targets = [TargetSpec(t.name, t.aliases) for t in project_targets(session, project_id)]
    return LexiconStanceSuggester(load_lexicon(language), targets)


def _classifier_f1(
    model: Language, held_out: list[StanceExample], lexicon: LexiconStanceSuggester
) -> float:
    """The classifier's macro F1 on the held-out examples."""
    predicted = [classify(model, e.sentence, e.target, lexicon)[0] for e in held_out]
    return macro_f1([e.label for e in held_out], predicted)


def _what_suggests_now(
    db: Database,
    project_id: int,
    language: str,
    held_out: list[StanceExample],
    lexicon: LexiconStanceSuggester,
    lexicon_f1: float,
) -> tuple[str, float]:
    """The name of what suggests now and its held-out macro F1: the active classifier's,
    else the lexicon's."""
    active = active_stance_model(db, project_id, language)
    if active is None:
        return LEXICON_NAME, lexicon_f1
    before = spacy.load(active["path"])
    return f"stance-textcat {active['version']}", _classifier_f1(before, held_out, lexicon)


def _save(model: Language, result: StanceTrainingResult, path: Path) -> None:
    """The classifier and its training result in ``path``."""
    with model_folder(path) as partial:  # whole, or not there (a full disk)
        model.to_disk(partial)
        (partial / "standpunkt_training.json").write_text(json.dumps(asdict(result), indent=2))


def _document_counts(examples: list[tuple[str, StanceExample]]) -> tuple[int, int]:
    """How many documents the training examples and the held-out ones come from."""
    held_out = {sha for sha, _ in examples if is_held_out(sha)}
    return len({sha for sha, _ in examples} - held_out), len(held_out)


def _record(
    db: Database,
    project_id: int,
    result: StanceTrainingResult,
    documents: int,
    held_out_documents: int,
) -> None:
    """The registry row, and the settings older app versions read, in one transaction."""
    details = asdict(result)
    model = ModelInfo(
        component="stance",
        version=result.version,
        name=f"{CLASSIFIER_NAME}-{result.language}",
        language=result.language,
        path=result.path,
        base=result.previous,
        training_documents=documents,
        training_spans=result.training_labels,
        held_out_documents=held_out_documents,
        f1=result.classifier_macro_f1,
        base_f1=result.lexicon_macro_f1
        if result.previous_macro_f1 is None
        else result.previous_macro_f1,
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
