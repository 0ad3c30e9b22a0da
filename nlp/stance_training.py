"""Training the stance classifier from a project's accepted labels, and letting it take over
from the lexicon only when it measures better on labels it never saw.

The held-out part is chosen by a stable hash of each document (20 %), so it does not move as
the project grows and a document's sentences are never split between training and testing.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from nlp.metrics import score_labels
from nlp.stance_classifier import LABELS, StanceExample, classify, train_classifier
from nlp.stance_lexicon import NEUTRAL, LexiconStanceSuggester, load_lexicon
from nlp.stance_targets import TargetSpec
from storage.database import Database
from storage.models import (
    Project,
)
from storage.stance_store import accepted_sentence_labels, project_targets

MIN_PER_LABEL = 30
HELD_OUT_SHARE = 5  # one document in five
SETTINGS_KEY = "stance_model"


class NotEnoughLabelsError(ValueError):
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
) -> StanceTrainingResult:
    """Train on the project's labels, score classifier and lexicon on the held-out documents,
    save the classifier, and (with ``activate``) make it active only if it is better."""
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
    model = train_classifier(training, lexicon, language)
    gold = [e.label for e in held_out]
    by_model = [classify(model, e.sentence, e.target, lexicon)[0] for e in held_out]
    by_lexicon = [
        next(
            (label for t, label, _c, _w in lexicon.suggest_sentence(e.sentence) if t == e.target),
            NEUTRAL,
        )
        for e in held_out
    ]
    model_f1 = score_labels(gold, by_model, LABELS).macro_f1
    lexicon_f1 = score_labels(gold, by_lexicon, LABELS).macro_f1
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = models_dir / f"stance-{version}"
    path.mkdir(parents=True, exist_ok=True)
    model.to_disk(path)
    result = StanceTrainingResult(
        version,
        str(path),
        len(training),
        len(held_out),
        model_f1,
        lexicon_f1,
        active=activate and model_f1 > lexicon_f1,
        language=language,
    )
    (path / "standpunkt_training.json").write_text(json.dumps(asdict(result), indent=2))
    if result.active:
        with db.write() as session:
            project = session.get(Project, project_id)
            assert project is not None
            project.settings = project.settings | {SETTINGS_KEY: asdict(result)}
    return result


def active_stance_model(db: Database, project_id: int) -> dict | None:
    """The settings of the classifier that suggests stance now, or None (the lexicon does)."""
    with db.read() as session:
        project = session.get(Project, project_id)
        model = project.settings.get(SETTINGS_KEY) if project else None
    return model if model and Path(model["path"]).is_dir() else None
