"""Training the stance classifier in the background: on demand, and by itself after every N
new accepted sentence labels once each label has enough of them.

The job works on its own connection to the project (``storage.database.connect``), so the
annotator goes on working meanwhile and opening another project never waits for it; the
result for a project that is no longer open is dropped. A classifier takes over only when
it measured better than what suggests now (``nlp.stance_training``); a switch is announced
in the status bar, which always names the active stance suggester and its held-out
macro-F1.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings

from gui.background_trainer import BackgroundTrainer, TrainingOutcome
from services.display import STANCE_RETRAIN_EVERY
from services.training_jobs import stance_training_job

__all__ = ["RETRAIN_EVERY_KEY", "StanceTrainer", "TrainingOutcome", "training_summary"]

RETRAIN_EVERY_KEY = "stance/retrain_every"
DEFAULT_RETRAIN_EVERY = STANCE_RETRAIN_EVERY  # new accepted sentence labels between runs


class StanceTrainer(BackgroundTrainer):
    """Trains the stance classifier; ``labels_changed`` after every stance decision."""

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(
            settings, RETRAIN_EVERY_KEY, DEFAULT_RETRAIN_EVERY, stance_training_job, parent
        )


def training_summary(outcome: TrainingOutcome) -> str:
    """One sentence on a finished run: whether the new classifier took over, with the
    held-out macro-F1 it was judged by."""
    translate = QCoreApplication.translate
    result = outcome.result
    if result is None:
        return translate("StanceTraining", "Training the stance classifier was cancelled.")
    locale = QLocale()
    new = locale.toString(result.classifier_macro_f1, "f", 2)
    previous_f1 = result.previous_macro_f1
    old = locale.toString(previous_f1 if previous_f1 is not None else 0.0, "f", 2)
    if result.active:
        text = translate(
            "StanceTraining",
            "The new stance classifier takes over: held-out macro-F1 {0} against {1} for {2}.",
        )
    else:
        text = translate(
            "StanceTraining",
            "The new stance classifier is not better (held-out macro-F1 {0} against {1}): "
            "{2} keeps suggesting.",
        )
    return text.format(new, old, result.previous)
