"""The *Replay* tab of *View › Statistics…*: what the suggestions would have saved an
annotator, as measured by the project's last ``python main.py replay --project`` run.

The replay keeps its figures in the project (``services.replay.store_replay``); the tab
reads them with the dialog's refresh (one settings row: no job of its own) and draws the
corrections per block (``gui.replay_chart``), with the first and the last block's figures,
the models and the time below the chart. A project never replayed shows the command.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QWidget

from gui.chart_tab import ChartTab
from gui.replay_chart import ReplayChart
from services.replay_figures import BlockFigures, ReplayFigures

REPLAY = "replay"  # the tab's key, as the other tabs' in the statistics dialog


class ReplayTab(ChartTab):
    """``show_replay`` draws a project's replay or says how to make one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(REPLAY, parent)
        self.chart = ReplayChart(self)
        self.figures: ReplayFigures | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.main_layout.insertWidget(2, self.summary)  # below the chart, above the buttons
        # The sentence of a project never replayed holds a command to copy.
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_replay(self, figures: ReplayFigures | None, project: str) -> None:
        """``project``: where the project is, for the command that would replay into it."""
        self.figures = figures
        if figures is None:
            self.summary.clear()
            text = self.tr(
                "This project has not been replayed yet: run python main.py replay --gold "
                "FILE.jsonl --project {0} to see how many corrections the suggestions would "
                "have saved on labelled data."
            )
            self.show_message(text.format(project))
            return
        self.chart.draw(self.canvas.figure, figures)
        self.summary.setText(self._summary(figures))
        self.show_chart(self._caption(figures))

    def show_failure(self, message: str) -> None:
        self.figures = None
        self.summary.clear()
        self.show_message(self.tr("Cannot read the replay's figures: {0}").format(message))

    def _caption(self, figures: ReplayFigures) -> str:
        parts = [
            self.tr(
                "The corrections an annotator would have made on the replayed file, block by "
                "block, taking the documents in the file's order with the suggestions of that "
                "moment."
            )
        ]
        if figures.entities is not None:
            parts.append(
                self.tr(
                    "Per gold entity, rejections, relabellings, resizings and additions count; "
                    "without suggestions each gold entity costs one addition (the dashed line)."
                )
            )
        if figures.stance is not None:
            parts.append(
                self.tr(
                    "Per stance pair, the pairs whose suggested label differs from the gold count."
                )
            )
        if figures.entity_takeovers or figures.stance_takeovers:
            parts.append(self.tr("A dotted line marks where a newly trained model took over."))
        return " ".join(parts)

    def _summary(self, figures: ReplayFigures) -> str:
        lines: list[str] = []
        if figures.entities is not None:
            title = self.tr("Corrections per gold entity")
            lines.append(
                self._first_last(title, figures.first.per_gold, figures.last.per_gold, figures)
            )
            lines.append(
                self._models(
                    self.tr("Entity models"),
                    figures.entity_models,
                    figures.trained.get("entities", 0),
                )
            )
        if figures.stance is not None:
            title = self.tr("Corrections per stance pair")
            lines.append(
                self._first_last(title, figures.first.per_pair, figures.last.per_pair, figures)
            )
            lines.append(
                self._models(
                    self.tr("Stance suggesters"),
                    figures.stance_models,
                    figures.trained.get("stance", 0),
                )
            )
        text = self.tr("Documents replayed: {0}, in {1}; from {2}.")
        gold = figures.gold or self.tr("an unnamed file")
        lines.append(
            text.format(
                QLocale().toString(figures.documents), self._duration(figures.seconds), gold
            )
        )
        return "\n".join(lines)

    def _first_last(
        self, title: str, first: float | None, last: float | None, figures: ReplayFigures
    ) -> str:
        if len(figures.ends) == 1:
            text = self.tr("{0}: {1} in documents {2}–{3}.")
            return text.format(title, _number(first), *_span(figures.first))
        text = self.tr(
            "{0}: {1} in the first block (documents {2}–{3}), {4} in the last ({5}–{6})."
        )
        return text.format(
            title, _number(first), *_span(figures.first), _number(last), *_span(figures.last)
        )

    def _models(self, title: str, names: list[str], trained: int) -> str:
        shown = " → ".join(names) if names else self.tr("none")
        text = self.tr("{0}: {1}; trainings run: {2}.")
        return text.format(title, shown, QLocale().toString(trained))

    def _duration(self, seconds: float) -> str:
        locale = QLocale()
        if seconds < 60:
            return self.tr("{0} s").format(locale.toString(seconds, "f", 0))
        minutes, rest = divmod(round(seconds), 60)
        return self.tr("{0} min {1} s").format(locale.toString(minutes), locale.toString(rest))


def _number(value: float | None) -> str:
    """Two decimals in the user's locale; "–" where there is nothing to count."""
    return "–" if value is None else QLocale().toString(value, "f", 2)


def _span(block: BlockFigures) -> tuple[str, str]:
    locale = QLocale()
    return locale.toString(block.first), locale.toString(block.last)
