"""Training the stance classifier from a project's accepted labels, and letting it take over
from the lexicon only when it measures better on labels it never saw.

The held-out part is chosen by a stable hash of each document (20 %), so it does not move as
the project grows and a document's sentences are never split between training and testing.
Every run is recorded in the model registry (``storage.model_registry``), which says which
classifier is active per language.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import spacy

from errors import UserError
from nlp.metrics import score_labels
from nlp.model_folder import model_folder
from nlp.stance_classifier import (
    EPOCHS,
    LABELS,
    StanceExample,
    TrainingCancelledError,
    classify,
    train_classifier,
)
from nlp.stance_lexicon import NEUTRAL, LexiconStanceSuggester, load_lexicon
from nlp.stance_targets import TargetSpec
from storage.database import Database
from storage.model_registry import ModelInfo, active_model, record_model
from storage.models import Project
from storage.stance_store import (
    accepted_label_counts,
    accepted_sentence_labels,
    project_targets,
)

MIN_PER_LABEL = 30
HELD_OUT_SHARE = 5  # one document in five
SETTINGS_KEY = "stance_model"  # the active classifier, kept for older app versions
LAST_TRAINING_KEY = "stance_last_training"  # the latest run, activated or not
LEXICON_NAME = "stance-lexicon"
CLASSIFIER_NAME = "stance-textcat"  # suggestions carry "stance-textcat-<lang>"
VERSION_FORMAT = "%Y%m%dT%H%M%S%f"  # a classifier's version: when it was trained (UTC)


class NotEnoughLabelsError(UserError, ValueError):
    """Fewer accepted labels than training needs; the message gives the counts."""


@dataclass(frozen=True)
class StanceTrainingResult:
    version: str
    path: str
    training_labels: int
    held_out_labels: int
    classifier_macro_f1: float
    lexicon_macro_f1: float
    active: bool  # the classifier suggests from now on
    language: str = "de"
    # What suggested before this run, and its macro-F1 on the same held-out labels: a new
    # classifier must beat that, not only the lexicon.
    previous: str = LEXICON_NAME
    previous_macro_f1: float | None = None
    labels_total: int = 0  # accepted labels when this run started (for "N new since")


@dataclass(frozen=True)
class ActiveStance:
    """The suggester that suggests stance now, and its held-out macro-F1 where measured."""

    name: str  # "stance-textcat 20261129T…" or "stance-lexicon"
    macro_f1: float | None
    is_classifier: bool
    activated: datetime | None = None  # when the classifier took over (UTC, naive)


def is_held_out(document_sha256: str) -> bool:
    digest = hashlib.sha256(("held-out:" + document_sha256).encode()).digest()
    return digest[0] % HELD_OUT_SHARE == 0


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
    counts = Counter(e.label for _, e in examples)
    if any(counts[label] < min_per_label for label in LABELS):
        have = ", ".join(f"{label} {counts[label]}" for label in LABELS)
        raise NotEnoughLabelsError(
            f"training needs {min_per_label} accepted sentence labels of each kind; the "
            f"project has {have}"
        )
    with db.read() as session:
        targets = [TargetSpec(t.name, t.aliases) for t in project_targets(session, project_id)]
    lexicon = LexiconStanceSuggester(load_lexicon(language), targets)
    training = [e for sha, e in examples if not is_held_out(sha)]
    held_out = [e for sha, e in examples if is_held_out(sha)]
    if not held_out or not training:
        raise NotEnoughLabelsError("the labels come from too few documents to hold some out")
    epochs = EPOCHS
    steps = epochs + 1

    def on_epoch(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, steps)

    model = train_classifier(
        training, lexicon, language, epochs=epochs, on_epoch=on_epoch, should_cancel=should_cancel
    )
    gold = [e.label for e in held_out]
    model_f1 = _macro_f1(
        gold, [classify(model, e.sentence, e.target, lexicon)[0] for e in held_out]
    )
    lexicon_f1 = _macro_f1(gold, [_lexicon_label(lexicon, e) for e in held_out])
    previous, previous_f1 = LEXICON_NAME, lexicon_f1
    active_before = active_stance_model(db, project_id, language)
    if active_before is not None:
        before = spacy.load(active_before["path"])
        previous = f"stance-textcat {active_before['version']}"
        previous_f1 = _macro_f1(
            gold, [classify(before, e.sentence, e.target, lexicon)[0] for e in held_out]
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
    with model_folder(path) as partial:  # whole, or not there (a full disk)
        model.to_disk(partial)
        (partial / "standpunkt_training.json").write_text(json.dumps(asdict(result), indent=2))
    documents = len({sha for sha, _ in examples if not is_held_out(sha)})
    held_out_documents = len({sha for sha, _ in examples if is_held_out(sha)})
    _record(db, project_id, result, documents, held_out_documents)
    return result


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
    with db.write() as session:
        record_model(session, project_id, model, activate=result.active)
        project = session.get(Project, project_id)
        assert project is not None
        settings = project.settings | {LAST_TRAINING_KEY: details}
        if result.active:
            settings[SETTINGS_KEY] = details
        project.settings = settings


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    return score_labels(gold, predicted, LABELS).macro_f1


def _lexicon_label(lexicon: LexiconStanceSuggester, example: StanceExample) -> str:
    found = lexicon.suggest_sentence(example.sentence)
    return next((label for t, label, _c, _w in found if t == example.target), NEUTRAL)


def active_stance_model(db: Database, project_id: int, language: str | None = None) -> dict | None:
    """The training result (``StanceTrainingResult`` as a dict) of the classifier that
    suggests stance now for ``language`` (None: the one activated last), or None (the
    lexicon does)."""
    model = _active_classifier(db, project_id, language)
    return None if model is None else model.details


def _active_classifier(db: Database, project_id: int, language: str | None) -> ModelInfo | None:
    with db.read() as session:
        model = active_model(session, project_id, "stance", language)
    return model if model is not None and Path(model.path).is_dir() else None


def last_stance_training(db: Database, project_id: int) -> dict | None:
    """The latest training run's result (activated or not), or None before the first."""
    with db.read() as session:
        project = session.get(Project, project_id)
        return project.settings.get(LAST_TRAINING_KEY) if project else None


def active_stance(db: Database, project_id: int) -> ActiveStance:
    """Which suggester suggests stance now and its macro-F1 on the held-out labels of the
    latest training run (for the lexicon: None before the first run)."""
    model = _active_classifier(db, project_id, None)
    if model is not None:
        name = f"stance-textcat {model.version}"
        # Before the registry, the version (when it was trained) was when it took over.
        activated = model.activated_at or datetime.strptime(model.version, VERSION_FORMAT)
        return ActiveStance(name, model.f1, True, activated)
    last = last_stance_training(db, project_id)
    return ActiveStance(LEXICON_NAME, last["lexicon_macro_f1"] if last else None, False)


def new_labels_since_training(db: Database, project_id: int) -> tuple[Counter[str], int]:
    """The accepted sentence labels by label, and how many more there are than when the
    latest training run started (all of them before the first run)."""
    with db.read() as session:
        counts = accepted_label_counts(session, project_id)
    last = last_stance_training(db, project_id)
    total = sum(counts[label] for label in LABELS)
    return counts, total - (int(last.get("labels_total", 0)) if last else 0)
