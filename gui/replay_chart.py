"""The replay's learning curve in the statistics window: corrections per gold entity and per
stance pair, block by block, against the documents done; the 1.0 an annotator spends on
each gold entity without suggestions; a dotted line where a new model took over. The same
points as the PNG of ``main.py replay --plot`` (``services.replay_figures``), drawn into the
tab's figure in the user's language."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QLocale, QObject

from gui.chart_drawing import (
    ACTIVE_COLOUR,
    FONT_SIZE,
    NEUTRAL_COLOUR,
    annotator_colour,
    count_text,
    formatter,
    tidy,
)
from services.replay_figures import ReplayFigures, Takeover

ENTITY_COLOUR, STANCE_COLOUR = annotator_colour(0), annotator_colour(5)
STANCE_MODEL_COLOUR = annotator_colour(3)
MOST_POINT_LABELS = 12  # more blocks: their numbers would overlap


class ReplayChart(QObject):
    """``draw`` clears the figure and draws the replay's curve."""

    def draw(self, figure: Figure, figures: ReplayFigures) -> None:
        figure.clear()
        ax = figure.subplots()
        values: list[float] = []
        if figures.entities is not None:
            ax.axhline(
                1.0,
                color=NEUTRAL_COLOUR,
                linestyle="--",
                linewidth=1.2,
                label=self.tr("entities without suggestions"),
            )
            text = self.tr("corrections per gold entity")
            self._curve(ax, figures.ends, figures.entities, ENTITY_COLOUR, "o", text)
            values += figures.entities
        if figures.stance:
            xs, ys = [x for x, _ in figures.stance], [y for _, y in figures.stance]
            text = self.tr("corrections per stance pair")
            self._curve(ax, xs, ys, STANCE_COLOUR, "s", text)
            values += ys
        self._takeovers(
            ax, figures.entity_takeovers, ACTIVE_COLOUR, self.tr("new entity model from here")
        )
        self._takeovers(
            ax, figures.stance_takeovers, STANCE_MODEL_COLOUR, self.tr("new stance model from here")
        )
        self._axes(ax, figures, max([1.0, *values]))

    def _curve(
        self, ax: Axes, xs: Sequence[int], ys: Sequence[float], colour: str, marker: str, text: str
    ) -> None:
        # Over the axis (and not clipped by it): a block without corrections sits on 0.
        ax.plot(
            xs,
            ys,
            "-" + marker,
            color=colour,
            label=text,
            linewidth=2,
            markersize=5,
            zorder=3,
            clip_on=False,
        )
        if len(xs) > MOST_POINT_LABELS:
            return
        locale = QLocale()
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(
                locale.toString(y, "f", 2),
                (x, y),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=FONT_SIZE - 1,
                color=colour,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},  # over the lines
            )

    def _takeovers(self, ax: Axes, found: Sequence[Takeover], colour: str, text: str) -> None:
        for index, takeover in enumerate(found):
            ax.axvline(
                takeover.documents,
                color=colour,
                linestyle=":",
                linewidth=1.5,
                label=text if index == 0 else "_nolegend_",  # one legend entry for all
            )

    def _axes(self, ax: Axes, figures: ReplayFigures, highest: float) -> None:
        locale = QLocale()
        ax.set_ylim(0, highest * 1.15)  # room for the numbers above the points
        ax.yaxis.set_major_formatter(formatter(lambda v: locale.toString(v, "f", 1)))
        ax.set_xlim(0, max(figures.ends) * 1.04 + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(formatter(count_text))
        ax.set_xlabel(self.tr("Documents done (end of each block)"), fontsize=FONT_SIZE)
        ax.set_ylabel(self.tr("Corrections"), fontsize=FONT_SIZE)
        if figures.block == 1:  # "per block of 1 documents" reads wrong
            title = self.tr("Replay: corrections per document")
        else:
            title = self.tr("Replay: corrections per block of {0} documents")
        ax.set_title(title.format(locale.toString(figures.block)), fontsize=FONT_SIZE + 1)
        ax.grid(alpha=0.3)
        # Above the plot, over its title: inside, it would hide the points near the 1.0 line.
        handles, texts = ax.get_legend_handles_labels()
        ax.figure.legend(
            handles, texts, loc="outside upper left", ncols=2, fontsize=FONT_SIZE, frameon=False
        )
        tidy(ax)
