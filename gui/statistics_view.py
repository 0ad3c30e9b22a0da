"""The statistics window of *View › Statistics…* (``gui.statistics_workflow``): charts
about the project, one tab each: labels per annotator, progress over time, time per
document, how suggestions were decided, agreement per label, who takes which side toward
which target (``gui.network_tab``), and the entity models' learning
(``gui.learning_curve_tab``); each chart exports to PNG.

The numbers are read in the background, on connections of the jobs' own
(``storage.database.connect``): first the counts (about 3 s on 100,000 documents with
500,000 suggestions), then agreement, which tokenizes every document two annotators
labelled (about 17 s on 10,000 such documents) and would hold the GIL against drawing the
counts' charts if it ran beside them. The network's labels are read by a job of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QSettings, QThreadPool, QTime, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.chart_tab import ChartTab
from gui.charts import StatisticsCharts
from gui.learning_curve_tab import LEARNING, LearningCurveTab
from gui.network_tab import NETWORK, NetworkTab
from gui.replay_tab import REPLAY, ReplayTab
from gui.workers import Worker
from services.network import NetworkData, network_job
from services.replay_figures import ReplayFiguresError, read_replay
from services.session import OpenProject
from services.statistics import (
    AgreementData,
    StatisticsCounts,
    agreement_job,
    counts_job,
    time_histogram,
)

TABS = ("labels", "progress", "time", "suggestions", "agreement")  # then NETWORK, LEARNING, REPLAY
# What each background job reads, by the tabs it fills.
PARTS = {
    "counts": ("labels", "progress", "time", "suggestions", LEARNING),
    "agreement": ("agreement",),
    "network": (NETWORK,),
}
SHORTCUT = "Ctrl+Alt+S"
EXPORT_FOLDER_KEY = "statistics/export_folder"  # QSettings: where the last PNG went


class StatisticsDialog(QDialog):
    """The statistics of one project; ``refresh()`` reads them again in the background,
    ``loaded`` says everything read is shown."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(self, project: OpenProject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statistics"))
        self.setModal(False)
        self._project = project
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: dict[str, tuple[Worker, OpenProject]] = {}
        self._finished: list[Worker] = []  # kept until the next round: see Worker
        self._again = False  # a refresh asked for while reading: read once more after it
        self._failure: str | None = None
        self._export_folder = Path(str(QSettings().value(EXPORT_FOLDER_KEY, str(Path.home()))))
        self.charts = StatisticsCharts(self)
        self.tabs = QTabWidget()
        self.tab: dict[str, ChartTab] = {}
        titles = {
            "labels": self.tr("&Labels"),
            "progress": self.tr("&Progress"),
            "time": self.tr("&Time per document"),
            "suggestions": self.tr("S&uggestions"),
            "agreement": self.tr("&Agreement"),
            NETWORK: self.tr("&Network"),
            LEARNING: self.tr("Learnin&g curve"),
            REPLAY: self.tr("Repla&y"),
        }
        self.learning = LearningCurveTab(project, self.charts)
        self.replay = ReplayTab()
        self.network = NetworkTab()
        own: dict[str, ChartTab] = {
            NETWORK: self.network,
            LEARNING: self.learning,
            REPLAY: self.replay,
        }
        for key in (*TABS, NETWORK, LEARNING, REPLAY):
            tab = own.get(key) or ChartTab(key)
            tab.export_requested.connect(self.choose_export)
            self.tab[key] = tab
            self.tabs.addTab(tab, titles[key])
        self.status = QLabel()
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        room = self.screen().availableGeometry()  # a small screen shows the buttons too
        self.resize(min(940, room.width()), min(640, room.height()))
        self.refresh()

    @property
    def loading(self) -> bool:
        return bool(self._running)

    def set_project(self, project: OpenProject) -> None:
        """Show another project's statistics (the window opened it); read now if shown,
        else when shown again."""
        self._project = project
        for tab in self.tab.values():
            tab.show_message("")  # not a moment of the other project's charts
        self.learning.set_project(project)
        if self._running:
            self._again = True  # the round under way reads the other project
        elif self.isVisible():
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._running:
            self._again = True
            return
        self._pool.waitForDone()  # the last workers may still be returning from run()
        self._finished.clear()
        self._failure = None
        project = self._project
        job = counts_job(project.location, project.project_id)
        self._start("counts", job, self._on_counts, self._on_counts_failed)
        # Queued behind the counts (one thread): the network tab fills right after them.
        network = network_job(project.location, project.project_id)
        self._start("network", network, self._on_network, self._on_network_failed)
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Reading the project…"))
        for key, tab in self.tab.items():
            if not tab.has_chart:  # a chart shown stays until its new numbers are there
                waiting = self.tr("Comparing the annotators' labels…")
                tab.show_message(waiting if key == "agreement" else self.tr("Loading…"))
        self._show_replay()

    def shutdown(self) -> None:
        """Wait for the reading jobs (the window closes; their results are of no use).
        Agreement cannot be cancelled: this waits for it to end; the learning curve stops
        after its current training step."""
        self._again = False
        self.learning.shutdown()
        self._pool.waitForDone()

    def _start(
        self,
        part: str,
        job: Callable[[Worker], object],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        worker = Worker(job)
        worker.signals.finished.connect(done)
        worker.signals.failed.connect(failed)
        self._running[part] = (worker, self._project)
        self._pool.start(worker)

    def _end(self, part: str) -> bool:
        """Whether to show the part's result: not when another project is shown now."""
        worker, project = self._running.pop(part)
        self._finished.append(worker)
        return project is self._project

    def _round_done(self) -> None:
        if self._running:
            return
        self.refresh_button.setEnabled(True)
        if self._again:
            self._again = False
            self.refresh()
            return
        if self._failure is not None:
            text = self.tr("Cannot read the statistics: {0}").format(self._failure)
            self.status.setText(text)
            self.failed.emit(self._failure)
        else:
            time = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
            self.status.setText(self.tr("As of {0}").format(time))
        self.loaded.emit()

    def _start_agreement(self) -> None:
        """After the counts, not beside them: agreement is pure Python and would hold the
        GIL against the counts and against drawing their charts."""
        if self._again:
            return  # the round starts over anyway
        project = self._project
        job = agreement_job(project.location, project.project_id)
        self._start("agreement", job, self._on_agreement, self._on_agreement_failed)

    @Slot(object)
    def _on_counts(self, counts: StatisticsCounts) -> None:
        if self._end("counts"):
            self._show_counts(counts)
        self._start_agreement()
        self._round_done()

    @Slot(object)
    def _on_agreement(self, data: AgreementData) -> None:
        if self._end("agreement"):
            self._show_agreement(data)
        self._round_done()

    @Slot(object)
    def _on_network(self, data: NetworkData) -> None:
        if self._end("network"):
            self.network.show_data(data)
        self._round_done()

    @Slot(str)
    def _on_network_failed(self, message: str) -> None:
        if self._end("network"):
            self._show_failure(PARTS["network"], message)
        self._round_done()

    @Slot(str)
    def _on_counts_failed(self, message: str) -> None:
        if self._end("counts"):
            self._show_failure(PARTS["counts"], message)
        self._start_agreement()
        self._round_done()

    @Slot(str)
    def _on_agreement_failed(self, message: str) -> None:
        if self._end("agreement"):
            self._show_failure(PARTS["agreement"], message)
        self._round_done()

    def _show_failure(self, keys: tuple[str, ...], message: str) -> None:
        self._failure = message
        for key in keys:
            self.tab[key].show_message(self.tr("Cannot read the statistics: {0}").format(message))

    # --- the tabs -----------------------------------------------------------------------

    def _show_counts(self, counts: StatisticsCounts) -> None:
        self._show_labels(counts)
        self._show_progress(counts)
        self._show_times(counts)
        self._show_suggestions(counts)
        self.learning.show_models(counts.models)

    def _show_labels(self, data: StatisticsCounts) -> None:
        tab = self.tab["labels"]
        if self.charts.labels(tab.canvas.figure, data.labels):
            text = self.tr(
                "How many entity spans and stance labels each annotator accepted, edited or "
                "added, by label. Open suggestions and rejections are not counted."
            )
            counts = (data.labels.entities.counts, data.labels.stance.counts)
            tab.show_chart(text, rows=max(len(c) for c in counts))
        else:
            tab.show_message(self.tr("Nobody has accepted or added a label yet."))

    def _show_progress(self, data: StatisticsCounts) -> None:
        tab = self.tab["progress"]
        if self.charts.progress(tab.canvas.figure, data.progress):
            text = self.tr(
                "Documents each annotator has marked done, day by day; a document marked done "
                "again counts once, on the first day. The project has %Ln document(s).",
                "",
                data.progress.documents,
            )
            tab.show_chart(text)
        else:
            tab.show_message(self.tr("Nobody has marked a document done yet."))

    def _show_times(self, data: StatisticsCounts) -> None:
        tab = self.tab["time"]
        if self.charts.times(tab.canvas.figure, data.times):
            text = self.tr(
                "Time each annotator spent on the documents they marked done; the dashed lines "
                "are the medians."
            )
            if time_histogram(data.times).open_ended:
                text += " " + self.tr("The last bars also hold the longer times.")
            tab.show_chart(text)
        else:
            tab.show_message(self.tr("No document marked done has time measured yet."))

    def _show_suggestions(self, data: StatisticsCounts) -> None:
        tab = self.tab["suggestions"]
        if self.charts.suggestions(tab.canvas.figure, data.suggestions):
            text = self.tr(
                "How annotators decided on machine suggestions, by kind of suggester and the "
                "label it suggested: accepted unchanged, edited (another label or other "
                "boundaries) or rejected. Each annotator's decision counts; open suggestions "
                "nobody has decided on are not in the bars."
            )
            rows = data.suggestions.rows
            tab.show_chart(text, rows=len(rows) + 2 * len({r.kind for r in rows}))
        else:
            tab.show_message(self.tr("There are no machine suggestions yet."))

    def _show_agreement(self, data: AgreementData) -> None:
        tab = self.tab["agreement"]
        report = data.report
        if self.charts.agreement(tab.canvas.figure, report, data.colours) and report is not None:
            text = self.tr(
                "Agreement over the %Ln document(s) that two or more annotators labelled "
                "({0}): exact-match span F1 and token-level Cohen's kappa per entity label, "
                "mean of the annotator pairs; for stance, Cohen's kappa and Krippendorff's "
                "alpha per target. 1 is full agreement, 0 what chance would give; – means "
                "nothing to compare.",
                "",
                report.documents,
            )
            text = text.format(", ".join(report.annotators))
            sided, same = report.holder_counts()
            if sided:
                text += " " + self.tr(
                    "Holders: the same holder on {0} of the %Ln label(s) both annotators of a "
                    "pair gave the same side ({1:.0%}).",
                    "",
                    sided,
                ).format(same, same / sided)
            tab.show_chart(text)
        else:
            tab.show_message(self.tr("No document was labelled by two annotators yet."))

    def _show_replay(self) -> None:
        # One settings row, read at once: a job of its own would cost more than the read.
        try:
            figures = read_replay(self._project)
        except ReplayFiguresError as exc:
            self.replay.show_failure(str(exc))
            return
        self.replay.show_replay(figures, self._project.location.display)

    # --- export -------------------------------------------------------------------------

    @Slot(str)
    def choose_export(self, key: str) -> None:
        path = self.ask_path(f"statistics-{key}.png")
        if path is None:
            return
        try:
            self.export_png(key, path)
        except OSError as exc:
            title = self.tr("Cannot export the chart")
            QMessageBox.warning(self, title, f"{path}: {exc.strerror or exc}")
            return
        self._export_folder = path.parent  # the next chart most likely goes beside it
        QSettings().setValue(EXPORT_FOLDER_KEY, str(path.parent))

    def ask_path(self, name: str) -> Path | None:
        """Where to save the PNG; None when the user cancels (tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export chart"),
            str(self._export_folder / name),
            self.tr("PNG images (*.png)"),
        )
        return Path(chosen) if chosen else None

    def export_png(self, key: str, path: Path) -> None:
        self.tab[key].canvas.export_png(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._again = False  # a pending refresh is of no use to a closed window
        self.learning.cancel()  # minutes of training nobody would see
        super().closeEvent(event)
