"""The *Learning curve* tab of *View › Statistics…*: has labelling more documents paid?

At once it shows the history of the project's trained entity models from the registry (read
with the dialog's counts: held-out F1 of each against the documents it learnt from). On
request it computes a learning curve (``services.statistics.learning_curve_job``, the same
numbers as ``python main.py learning-curve``): one model per share of the training
documents, scored on the held-out ones. That trains several models, seconds on a small
project, minutes on a big one, so it runs in a thread pool of the tab's own, on a
connection of its own, with progress and Cancel; nothing it trains is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QThreadPool, QTime, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from gui.chart_tab import ChartTab
from gui.charts import StatisticsCharts
from gui.workers import Worker
from services.session import OpenProject
from services.statistics import (
    MIN_DOCUMENTS,
    CurveOutcome,
    LearningCurve,
    ModelInfo,
    learning_curve_job,
)

LEARNING = "learning"  # the tab's key, as the other tabs' in the statistics dialog


class LearningCurveTab(ChartTab):
    """The models' history (``show_models``) and, once computed, the learning curve, side
    by side in one figure; ``compute()`` starts the curve, ``cancel()`` stops it."""

    computation_ended = Signal()  # drawn, failed or cancelled

    def __init__(
        self, project: OpenProject, charts: StatisticsCharts, parent: QWidget | None = None
    ) -> None:
        super().__init__(LEARNING, parent)
        self._project = project
        self._charts = charts
        self.models: list[ModelInfo] | None = None  # None: not read (yet)
        self.curve: LearningCurve | None = None
        self.sizes: list[int] | None = None  # documents per model; None: quarters of them
        # A pool of its own: minutes of training must not hold up the dialog's counts.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._worker: Worker | None = None
        self._worker_project: OpenProject | None = None
        self._finished: list[Worker] = []  # kept until the next start: see Worker
        self.compute_button = QPushButton(self.tr("Co&mpute learning curve"))
        self.compute_button.setToolTip(
            self.tr(
                "Train one entity model on a quarter, a half, three quarters and all of the "
                "training documents and score each on the held-out ones. Nothing is saved."
            )
        )
        self.compute_button.clicked.connect(self.compute)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("Step %v of %m"))
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.curve_status = QLabel()
        self.curve_status.setWordWrap(True)
        self.buttons.insertWidget(0, self.compute_button)
        self.buttons.insertWidget(1, self.progress, 1)
        self.buttons.insertWidget(2, self.cancel_button)
        self.main_layout.insertWidget(2, self.curve_status)  # below the chart, above buttons

    @property
    def computing(self) -> bool:
        return self._worker is not None

    def set_project(self, project: OpenProject) -> None:
        """Another project: nothing of this one's stays; a computation under way stops."""
        self._project = project
        self.models = None
        self.curve = None
        self.curve_status.clear()
        self.cancel()
        self.show_message("")

    def show_models(self, models: list[ModelInfo]) -> None:
        self.models = models
        self._redraw()

    # --- computing the curve ------------------------------------------------------------

    @Slot()
    def compute(self) -> None:
        if self._worker is not None:
            return
        self._pool.waitForDone()  # the last worker may still be returning from run()
        self._finished.clear()
        project = self._project
        worker = Worker(learning_curve_job(project.location, project.project_id, self.sizes))
        worker.signals.step.connect(self._on_step)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        self._worker, self._worker_project = worker, project
        self.compute_button.setEnabled(False)
        self.progress.setRange(0, 0)  # moving until the base model is scored
        self.progress.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.curve_status.setText(
            self.tr(
                "Training one model per share of the training documents; this takes from "
                "seconds to minutes, depending on how many there are."
            )
        )
        self._pool.start(worker)

    @Slot()
    def cancel(self) -> None:
        """Ask the computation to stop after its current training step (the dialog closes,
        or the user asked); the chart shown stays."""
        if self._worker is None or self._worker.is_cancelled():
            return
        self._worker.cancel()
        self.cancel_button.setEnabled(False)
        if self._worker_project is self._project:
            self.curve_status.setText(self.tr("Stopping after the current training step…"))

    def shutdown(self) -> None:
        """Stop the computation and wait for it (the window closes)."""
        self.cancel()
        self._pool.waitForDone()

    @Slot(int, int)
    def _on_step(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _end(self) -> bool:
        """Whether to show the result: not when another project is shown now."""
        worker, project = self._worker, self._worker_project
        assert worker is not None
        self._finished.append(worker)
        self._worker = self._worker_project = None
        self.compute_button.setEnabled(True)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        return project is self._project

    @Slot(object)
    def _on_finished(self, outcome: CurveOutcome) -> None:
        if self._end():
            if outcome.cancelled:
                self.curve_status.setText(self.tr("The learning curve was cancelled."))
            elif outcome.too_few:
                self.curve_status.setText(
                    self.tr(
                        "Too few labelled documents for a learning curve: it needs at least "
                        "%Ln documents with accepted entity spans, marked done, at least one "
                        "of them held out for testing and one to train on.",
                        "",
                        MIN_DOCUMENTS,
                    )
                )
            else:
                self.curve = outcome.curve
                time = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
                self.curve_status.setText(
                    self.tr("Learning curve computed at {0}; none of its models was kept.").format(
                        time
                    )
                )
                self._redraw()
        self.computation_ended.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._end():
            self.curve_status.setText(
                self.tr("Cannot compute the learning curve: {0}").format(message)
            )
        self.computation_ended.emit()

    # --- drawing ------------------------------------------------------------------------

    def _redraw(self) -> None:
        models = self.models or []
        if self._charts.learning(self.canvas.figure, models, self.curve):
            self.show_chart(self._caption(self.models, self.curve))
        elif self.models is not None:  # None: still reading, or reading failed (said so)
            self.show_message(
                self.tr(
                    "No entity model has been trained for this project yet: train one with "
                    "Annotate › Train entity model now, or compute a learning curve to see "
                    "what labelling more documents would bring."
                )
            )

    def _caption(self, models: list[ModelInfo] | None, curve: LearningCurve | None) -> str:
        # The figure's titles name the parts: the caption refers to them, not to sides.
        parts: list[str] = []
        if models:
            parts = [
                self.tr(
                    "Trained models: held-out F1 of each entity model trained for the project, "
                    "oldest to newest, against the documents it learnt from; in grey the model "
                    "it started from, on the same held-out documents. The ringed one suggests "
                    "now."
                )
            ]
        elif models is not None:  # None: unknown, reading them failed
            parts = [self.tr("No entity model has been trained for this project yet.")]
        if curve is not None:
            text = self.tr(
                "Learning curve: held-out F1 of models trained on growing shares of the {0} "
                "training documents, each scored on the same %Ln held-out document(s); "
                "dashed, the base model {1} they start from.",
                "",
                curve.held_out_documents,
            )
            parts.append(text.format(QLocale().toString(curve.training_documents), curve.base))
        return " ".join(parts)
