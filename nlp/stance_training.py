"""The stance classifier of a project: which documents are held out from its training,
which suggester is active, what a training run found. The training run itself (reading the
labels, training, recording) is ``services.stance_training``'s.

The held-out part is chosen by a stable hash of each document (20 %), so it does not move as
the project grows and a document's sentences are never split between training and testing.
Every run is recorded in the model registry (``storage.model_registry``), which says which
classifier is active per language.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from errors import UserError
from nlp.metrics import score_labels
from nlp.stance_classifier import (
    LABELS,
    StanceExample,
)
from nlp.stance_lexicon import NEUTRAL, LexiconStanceSuggester
from storage.database import Database
from storage.model_registry import ModelInfo, active_model
from storage.models import Project
from storage.stance.store import (
    accepted_label_counts,
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


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    return score_labels(gold, predicted, LABELS).macro_f1


def lexicon_label(lexicon: LexiconStanceSuggester, example: StanceExample) -> str:
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
