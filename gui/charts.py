"""The statistics charts, drawn with matplotlib into the figure of a ``ChartTab``
(``gui.chart_tab``).

``StatisticsCharts`` draws one chart per method into a ``Figure`` and returns False when
there is nothing to draw (``ChartTab`` then shows a sentence instead). Numbers and dates on the
charts are written by ``QLocale``, as everywhere else in the app; entity and stance label
bars take the project's label colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QLocale, QObject

from gui.chart_drawing import (
    ACTIVE_COLOUR,
    FALLBACK_COLOUR,
    FONT_SIZE,
    MODEL_COLOUR,
    NEUTRAL_COLOUR,
    OUTCOME_COLOURS,
    annotator_colour,
    count_text,
    date_text,
    f1_axes,
    f1_labels,
    formatter,
    minutes_text,
    paired_bars,
    text_colour,
    tidy,
)
from services.statistics import (
    AgreementReport,
    LabelCounts,
    LabelDistribution,
    LearningCurve,
    ModelInfo,
    ProgressOverTime,
    SuggestionOutcome,
    SuggestionOutcomes,
    TimePerDocument,
    time_histogram,
)


class StatisticsCharts(QObject):
    """One method per chart: ``labels``, ``progress``, ``times``, ``suggestions``,
    ``agreement``. Each clears the figure first."""

    # --- label distribution -------------------------------------------------------------

    def labels(self, figure: Figure, data: LabelDistribution) -> bool:
        parts = [
            (self.tr("Entity labels"), data.entities),
            (self.tr("Stance labels"), data.stance),
        ]
        shown = [(title, counts) for title, counts in parts if counts.counts]
        figure.clear()
        if not shown:
            return False
        axes = figure.subplots(1, len(shown), squeeze=False)[0]
        for ax, (title, counts) in zip(axes, shown, strict=True):
            self._stacked_labels(ax, title, counts)
        return True

    def _stacked_labels(self, ax: Axes, title: str, data: LabelCounts) -> None:
        """One bar per annotator, one segment per label in the label's colour."""
        annotators = sorted(data.counts)
        totals = [sum(data.counts[a].values()) for a in annotators]
        lefts = [0] * len(annotators)
        for label in data.used_labels():
            widths = [data.counts[a].get(label, 0) for a in annotators]
            colour = data.colours.get(label, FALLBACK_COLOUR)
            bars = ax.barh(
                annotators, widths, left=lefts, color=colour, edgecolor="white", label=label
            )
            # Numbers only where they fit inside their segment.
            texts = [count_text(w) if w >= 0.12 * max(totals) else "" for w in widths]
            ax.bar_label(
                bars, texts, label_type="center", fontsize=FONT_SIZE - 1, color=text_colour(colour)
            )
            lefts = [left + w for left, w in zip(lefts, widths, strict=True)]
        ax.invert_yaxis()  # the first annotator on top
        ax.set_title(title, fontsize=FONT_SIZE + 1)
        ax.set_xlabel(self.tr("Accepted, edited or added"), fontsize=FONT_SIZE)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.xaxis.set_major_formatter(formatter(count_text))
        # Right of the bars: below them it would drift off as the chart grows taller.
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=FONT_SIZE, frameon=False)
        tidy(ax)

    # --- progress over time -------------------------------------------------------------

    def progress(self, figure: Figure, data: ProgressOverTime) -> bool:
        figure.clear()
        if not data.annotators:
            return False
        ax = figure.subplots()
        last = max(p.days[-1] for p in data.annotators)
        first = min(p.days[0] for p in data.annotators)
        for index, person in enumerate(data.annotators):
            # Flat to the last day anybody finished something: lines end together.
            days = [*person.days, last] if person.days[-1] < last else person.days
            counts = person.cumulative + [person.cumulative[-1]] * (len(days) - len(person.days))
            ax.step(
                [mdates.date2num(d) for d in days],
                counts,
                where="post",
                color=annotator_colour(index),
                label=person.annotator,
                linewidth=2,
            )
            ax.plot(
                [mdates.date2num(d) for d in person.days],
                person.cumulative,
                "o",
                color=annotator_colour(index),
                markersize=4,
            )
        margin = max(timedelta(days=1), (last - first) / 20)
        ax.set_xlim(mdates.date2num(first - margin), mdates.date2num(last + margin))
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
        ax.xaxis.set_major_formatter(formatter(date_text))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(formatter(count_text))
        ax.set_ylabel(self.tr("Documents done"), fontsize=FONT_SIZE)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="upper left", fontsize=FONT_SIZE, frameon=False)
        tidy(ax)
        return True

    # --- time per document --------------------------------------------------------------

    def times(self, figure: Figure, data: TimePerDocument) -> bool:
        figure.clear()
        histogram = time_histogram(data)
        if not histogram.edges:
            return False
        ax = figure.subplots()
        minutes = [edge / 60 for edge in histogram.edges]
        step = minutes[1] - minutes[0]
        people = data.annotators
        width = step * 0.85 / len(people)
        for index, person in enumerate(people):
            lefts = [m + step * 0.075 + width * index for m in minutes[:-1]]
            ax.bar(
                lefts,
                histogram.counts[person.annotator],
                width=width,
                align="edge",
                color=annotator_colour(index),
                label=self._median_text(person.annotator, person.median, len(person.seconds)),
            )
            median = min(person.median / 60, minutes[-1])  # a long median: at the end
            ax.axvline(median, color=annotator_colour(index), linestyle="--", linewidth=1.5)
        ax.set_xlim(minutes[0], minutes[-1])
        ticks = minutes[:-1] if histogram.open_ended else minutes
        labels = [minutes_text(m, step) for m in ticks]
        if histogram.open_ended:  # the last bin starts there and has no end
            labels[-1] = self.tr("≥ {0}").format(labels[-1])
        ax.set_xticks(ticks)
        ax.set_xticklabels(labels)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(formatter(count_text))
        ax.set_xlabel(self.tr("Minutes spent on a document"), fontsize=FONT_SIZE)
        ax.set_ylabel(self.tr("Documents"), fontsize=FONT_SIZE)
        # Above the plot: inside, it would hide the long times' bars at the right.
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncols=min(2, len(people)),
            fontsize=FONT_SIZE,
            frameon=False,
        )
        ax.grid(axis="y", alpha=0.3)
        tidy(ax)
        return True

    def _median_text(self, annotator: str, seconds: float, documents: int) -> str:
        text = self.tr("{0}: median {1} min, %Ln document(s)", "", documents)
        return text.format(annotator, QLocale().toString(seconds / 60, "f", 1))

    # --- suggestion outcomes ------------------------------------------------------------

    def suggestions(self, figure: Figure, data: SuggestionOutcomes) -> bool:
        parts = [
            (self.tr("Entity suggestions"), [r for r in data.rows if r.kind == "entity"]),
            (self.tr("Stance suggestions"), [r for r in data.rows if r.kind == "stance"]),
        ]
        shown = [(title, rows) for title, rows in parts if rows]
        figure.clear()
        if not shown:
            return False
        heights = [len(rows) + 1 for _, rows in shown]  # each row the same height
        axes = figure.subplots(len(shown), 1, squeeze=False, height_ratios=heights)[:, 0]
        for ax, (title, rows) in zip(axes, shown, strict=True):
            self._outcome_bars(ax, title, rows)
        # One legend for both parts, above them at a fixed distance however tall they are.
        handles, texts = axes[0].get_legend_handles_labels()
        figure.legend(
            handles, texts, loc="outside upper left", ncols=3, fontsize=FONT_SIZE, frameon=False
        )
        return True

    def _outcome_bars(self, ax: Axes, title: str, rows: Sequence[SuggestionOutcome]) -> None:
        """One bar per origin kind and label: the shares accepted, edited and rejected."""
        names = [
            self.tr("{0}: {1}").format(self._origin_text(r.origin_kind), r.label) for r in rows
        ]
        outcomes = [
            ("accepted", self.tr("accepted unchanged")),
            ("edited", self.tr("edited")),
            ("rejected", self.tr("rejected")),
        ]
        lefts = [0.0] * len(rows)
        for key, text in outcomes:
            shares = [getattr(r, key) / r.decided if r.decided else 0.0 for r in rows]
            ax.barh(names, shares, left=lefts, color=OUTCOME_COLOURS[key], label=text, height=0.7)
            lefts = [left + s for left, s in zip(lefts, shares, strict=True)]
        for y, row in enumerate(rows):
            ax.text(1.02, y, self._outcome_text(row), va="center", fontsize=FONT_SIZE - 1)
        ax.set_ylim(len(rows) - 0.5, -0.5)  # the first row on top, no gap above it
        ax.set_xlim(0, 1.55)  # room for the texts right of the bars
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.xaxis.set_major_formatter(formatter(self._percent_text))
        ax.set_title(title, fontsize=FONT_SIZE + 1, loc="left")
        tidy(ax)

    def _origin_text(self, origin_kind: str) -> str:
        """The kind of suggester in the user's language (storage keeps English keys)."""
        texts = {
            "model": self.tr("model"),
            "pattern": self.tr("pattern"),
            "manual": self.tr("manual"),
            "import": self.tr("import"),
            "review": self.tr("review"),
            "memory": self.tr("memory"),
        }
        return texts.get(origin_kind, origin_kind)

    def _outcome_text(self, row: SuggestionOutcome) -> str:
        locale = QLocale()
        if row.acceptance_rate is None:
            text = self.tr("no decision yet, {0} open")
            return text.format(locale.toString(row.open))
        text = self.tr("{0} unchanged of %Ln decision(s), {1} open", "", row.decided)
        return text.format(self._percent_text(row.acceptance_rate), locale.toString(row.open))

    def _percent_text(self, share: float) -> str:
        return self.tr("{0} %").format(QLocale().toString(share * 100, "f", 0))

    # --- agreement ----------------------------------------------------------------------

    def agreement(
        self, figure: Figure, report: AgreementReport | None, colours: dict[str, str]
    ) -> bool:
        figure.clear()
        if report is None:
            return False
        by_label = report.entity_by_label()
        # The schema's order, as in the other charts; labels no longer in it at the end.
        order = [label for label in colours if label in by_label]
        entities = {
            label: by_label[label] for label in order + sorted(by_label.keys() - set(order))
        }
        kappas = report.stance_kappa_by_target()
        if not entities and not kappas:
            return False
        axes = figure.subplots(1, int(bool(entities)) + int(bool(kappas)), squeeze=False)[0]
        if entities:
            f1 = {label: scores.span_f1 for label, scores in entities.items()}
            kappa = {label: scores.token_kappa for label, scores in entities.items()}
            measures = [(self.tr("span F1"), f1), (self.tr("token kappa"), kappa)]
            label_colours = [colours.get(label, FALLBACK_COLOUR) for label in entities]
            title = self.tr("Entities, per label")
            paired_bars(axes[0], title, list(entities), measures, label_colours)
        if kappas:
            alpha = report.stance_alpha_by_target
            measures = [
                (self.tr("Cohen's kappa"), kappas),
                (self.tr("Krippendorff's alpha"), alpha),
            ]
            paired_bars(axes[-1], self.tr("Stance, per target"), list(kappas), measures, None)
        return True

    # --- learning -----------------------------------------------------------------------

    def learning(
        self, figure: Figure, models: Sequence[ModelInfo], curve: LearningCurve | None
    ) -> bool:
        """The trained models' history and, once computed, the learning curve, side by
        side: both held-out F1 against training documents."""
        figure.clear()
        parts = int(bool(models)) + int(curve is not None)
        if not parts:
            return False
        axes = figure.subplots(1, parts, squeeze=False)[0]
        if models:
            self._model_history(axes[0], models)
        if curve is not None:
            self._learning_curve(axes[-1], curve)
        return True

    def _model_history(self, ax: Axes, models: Sequence[ModelInfo]) -> None:
        """Each model's F1 (oldest to newest, joined), its base's below or above it, the
        active one ringed."""
        documents = [m.training_documents for m in models]
        f1 = [m.f1 for m in models]
        bases = [m.base_f1 for m in models]
        ax.vlines(documents, bases, f1, colors=NEUTRAL_COLOUR, linestyles=":", linewidth=1)
        ax.plot(documents, f1, "-o", color=MODEL_COLOUR, label=self.tr("trained model"))
        ax.plot(
            documents,
            bases,
            "o",
            color=NEUTRAL_COLOUR,
            markerfacecolor="white",
            markersize=5,
            label=self.tr("model it started from"),
        )
        active = [m for m in models if m.active]
        if active:
            ax.plot(
                [m.training_documents for m in active],
                [m.f1 for m in active],
                "o",
                markersize=14,
                markerfacecolor="none",
                markeredgecolor=ACTIVE_COLOUR,
                markeredgewidth=2,
                label=self.tr("suggests now"),
            )
        # Below where the base is higher: above, its dotted line would cross the number.
        f1_labels(ax, documents, f1, [b > y for b, y in zip(bases, f1, strict=True)])
        f1_axes(ax, max(documents))
        ax.set_title(self.tr("Trained models"), fontsize=FONT_SIZE + 1)
        ax.set_xlabel(self.tr("Training documents"), fontsize=FONT_SIZE)
        ax.set_ylabel(self.tr("Held-out F1"), fontsize=FONT_SIZE)

    def _learning_curve(self, ax: Axes, curve: LearningCurve) -> None:
        """As ``nlp.learning_curve.plot_learning_curve`` draws it, in the user's language."""
        documents = [p.documents for p in curve.points]
        f1 = [p.f1 for p in curve.points]
        base = self.tr("base model {0}: F1 {1}").format(
            curve.base, QLocale().toString(curve.base_f1, "f", 2)
        )
        ax.axhline(curve.base_f1, color=NEUTRAL_COLOUR, linestyle="--", label=base)
        ax.plot(documents, f1, "-o", color=MODEL_COLOUR, label=self.tr("fine-tuned model"))
        # Below just under the base's line: above, the line would cross the number.
        f1_labels(ax, documents, f1, [0 < curve.base_f1 - y < 0.15 for y in f1])
        f1_axes(ax, max(documents, default=1))
        ax.set_title(self.tr("Learning curve"), fontsize=FONT_SIZE + 1)
        ax.set_xlabel(self.tr("Training documents"), fontsize=FONT_SIZE)
        text = self.tr("Held-out F1 (%Ln document(s))", "", curve.held_out_documents)
        ax.set_ylabel(text, fontsize=FONT_SIZE)
