"""What the statistics charts share, with no words of their own: the colours, axes written
by ``QLocale`` (as numbers and dates are everywhere else in the app), F1 points and axes,
and pairs of bars for two measures."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PySide6.QtCore import QDate, QLocale

# Okabe-Ito: told apart with the common kinds of colour blindness, like the label defaults.
ANNOTATOR_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000")
OUTCOME_COLOURS = {"accepted": "#009e73", "edited": "#e69f00", "rejected": "#d55e00"}
NEUTRAL_COLOUR = "#777777"  # bars of stance targets, which have no colour of their own
# Two measures side by side: the first solid, the second light and hatched.
PAIRED_STYLES: tuple[dict[str, Any], ...] = (
    {"alpha": 1.0, "edgecolor": "white"},
    {"alpha": 0.5, "edgecolor": "#333333", "hatch": "//"},
)
FALLBACK_COLOUR = "#999999"
MODEL_COLOUR, ACTIVE_COLOUR = "#0072b2", "#d55e00"  # a trained model's F1; the active one
FONT_SIZE = 9


def annotator_colour(index: int) -> str:
    return ANNOTATOR_COLOURS[index % len(ANNOTATOR_COLOURS)]


def count_text(value: float) -> str:
    locale = QLocale()
    return locale.toString(int(value)) if value == int(value) else locale.toString(value, "f", 1)


def formatter(text: Callable[[float], str]) -> FuncFormatter:
    return FuncFormatter(lambda value, _position: text(value))


def tidy(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=FONT_SIZE)


def f1_labels(ax: Axes, xs: Sequence[float], f1: Sequence[float], below: Sequence[bool]) -> None:
    """Each point's F1 above it, or below it where asked (not at the bottom: the number
    would sit on the axis)."""
    locale = QLocale()
    for x, y, wanted in zip(xs, f1, below, strict=True):
        under = wanted and y >= 0.1
        ax.annotate(
            locale.toString(y, "f", 2),
            (x, y),
            xytext=(0, -10 if under else 10),  # clear of the ring round the active one
            textcoords="offset points",
            ha="center",
            va="top" if under else "bottom",
            fontsize=FONT_SIZE - 1,
        )


def f1_axes(ax: Axes, most_documents: int) -> None:
    """F1 from 0 to 1, room above for the legend; documents from 0, whole numbers."""
    locale = QLocale()
    ax.set_ylim(0, 1.3)
    ax.set_yticks([t / 5 for t in range(6)])
    ax.yaxis.set_major_formatter(formatter(lambda v: locale.toString(v, "f", 1)))
    ax.set_xlim(0, most_documents * 1.08 + 0.5)  # the last label not cut off
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.xaxis.set_major_formatter(formatter(count_text))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=FONT_SIZE, frameon=False)
    tidy(ax)


def paired_bars(
    ax: Axes,
    title: str,
    names: list[str],
    measures: Sequence[tuple[str, dict[str, float | None]]],
    colours: list[str] | None,
) -> None:
    """Two bars per name: the first measure solid, the second light and hatched, in the
    name's colour (grey without one); None (nothing to compare) shows as "–"."""
    locale = QLocale()
    faces = colours if colours is not None else [NEUTRAL_COLOUR] * len(names)
    width = 0.38
    lowest = 0.0
    handles = []
    for index, (measure, values) in enumerate(measures):
        style = PAIRED_STYLES[index]
        xs = [i + (index - 0.5) * width for i in range(len(names))]
        heights = [values.get(name) or 0.0 for name in names]
        bars = ax.bar(xs, heights, width=width * 0.95, color=faces, linewidth=0.5, **style)
        texts = [
            "–" if values.get(name) is None else locale.toString(float(values[name] or 0), "f", 2)
            for name in names
        ]
        ax.bar_label(bars, texts, padding=2, fontsize=FONT_SIZE - 1)
        lowest = min(lowest, *heights)
        # The legend explains the style, not one label's colour.
        handles.append(Patch(facecolor=NEUTRAL_COLOUR, linewidth=0.5, label=measure, **style))
    ax.set_xticks(range(len(names)))
    crowded = max(map(len, names)) * len(names) > 36  # side by side they would collide
    ax.set_xticklabels(names, rotation=30 if crowded else 0, ha="right" if crowded else "center")
    # Above 1 (no score goes there) is room for the legend.
    ax.set_ylim(lowest - 0.1 if lowest < 0 else 0.0, 1.3)
    ax.set_yticks([t / 5 for t in range(math.floor(min(lowest, 0) * 5), 6)])
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.yaxis.set_major_formatter(formatter(lambda v: locale.toString(v, "f", 1)))
    ax.set_title(title, fontsize=FONT_SIZE + 1)
    ax.legend(handles=handles, loc="upper center", ncols=2, fontsize=FONT_SIZE, frameon=False)
    tidy(ax)


def text_colour(background: str) -> str:
    """Black on light colours, white on dark ones (relative luminance, roughly)."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "white"


def date_text(value: float) -> str:
    day: date = mdates.num2date(value).date()
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def minutes_text(minutes: float, step: float) -> str:
    decimals = 0 if step >= 1 else 2 if step < 0.5 else 1
    return QLocale().toString(minutes, "f", decimals)
