"""How entity spans look in the article text: which are shown, their formats, their tooltips.

Highlights are extra selections over the plain text (the text itself is never markup).
Suggestions get a light tint of their label's colour and a dashed underline; spans an
annotator accepted or edited get a solid, stronger background; rejected spans are not shown.
The focused span (the one the keys act on) is painted once more on top, strongest, with a
solid underline; the text view draws a frame around it as well.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit

# The rule of what is shown is shared with exports and replay; re-exported for the widgets.
from services.display import DEFAULT_MIN_CONFIDENCE as DEFAULT_MIN_CONFIDENCE
from services.display import is_highlighted as is_highlighted
from services.span_data import HighlightSpan, LabelInfo

FALLBACK_COLOUR = "#bbbbbb"  # a label whose colour is not a valid "#rrggbb"
SUGGESTION_ALPHA = 60  # of 255: a light tint, the text stays easy to read
DECIDED_ALPHA = 165  # accepted and edited spans: clearly stronger
FOCUS_ALPHA = 215  # the focused span: stronger still, its text stays readable
FOCUS_DARKER = 185  # the focus frame and underline: the label's colour, darkened (QColor %)
SUGGESTED, ACCEPTED, EDITED, REJECTED = "suggested", "accepted", "edited", "rejected"


def label_colour(label: LabelInfo) -> QColor:
    """The label's colour; grey when the stored value is no colour Qt understands."""
    colour = QColor(label.colour)
    return colour if colour.isValid() else QColor(FALLBACK_COLOUR)


def text_on(colour: QColor, under: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    """Black or white, whichever contrasts more with ``colour`` (translucent: blended over
    the theme's ``under`` colour). The theme's own text colour would be white in a dark
    theme on light label colours, and black in a light one on dark label colours."""
    background = blended(colour, QGuiApplication.palette().color(under))
    light = luminance(background)
    black, white = (light + 0.05) / 0.05, 1.05 / (light + 0.05)  # WCAG contrast ratios
    return QColor("#000000") if black >= white else QColor("#ffffff")


def blended(colour: QColor, under: QColor) -> QColor:
    """``colour`` painted with its alpha over the opaque ``under``."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        alpha * colour.redF() + (1 - alpha) * under.redF(),
        alpha * colour.greenF() + (1 - alpha) * under.greenF(),
        alpha * colour.blueF() + (1 - alpha) * under.blueF(),
    )


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2): 0 for black, 1 for white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def span_format(span: HighlightSpan) -> QTextCharFormat:
    """A tint and dashed underline for a suggestion, a solid background for a decision."""
    colour = label_colour(span.label)
    text_format = QTextCharFormat()
    background = QColor(colour)
    if span.state == SUGGESTED:
        background.setAlpha(SUGGESTION_ALPHA)
        text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        text_format.setUnderlineColor(colour)
    else:
        background.setAlpha(DECIDED_ALPHA)
        text_format.setForeground(text_on(background))
    text_format.setBackground(background)
    return text_format


def focus_colour(label: LabelInfo) -> QColor:
    """The colour of the focused span's frame and underline: its label's, much darker, so
    the frame stands out from the tint in light and dark themes alike."""
    return label_colour(label).darker(FOCUS_DARKER)


def focus_format(span: HighlightSpan) -> QTextCharFormat:
    """The focused span: the label's colour at nearly full strength, a solid underline."""
    text_format = QTextCharFormat()
    background = label_colour(span.label)
    background.setAlpha(FOCUS_ALPHA)
    text_format.setBackground(background)
    text_format.setForeground(text_on(background))
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    text_format.setUnderlineColor(focus_colour(span.label))
    return text_format


class TextPositions:
    """Converts between offsets into a Python string (code points, as stored) and positions
    in a ``QTextDocument`` (UTF-16 units): they differ after characters such as emoji."""

    def __init__(self, text: str) -> None:
        astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        self._astral = astral
        # Qt position just after the first half of each surrogate pair.
        self._pair_middles = [offset + n + 1 for n, offset in enumerate(astral)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        return position - bisect_right(self._pair_middles, position)


def extra_selections(
    document: QTextDocument, spans: Iterable[HighlightSpan], positions: TextPositions
) -> list[QTextEdit.ExtraSelection]:
    """One extra selection per span, in the order given (later ones paint on top)."""
    return [_selection(document, span, positions, span_format(span)) for span in spans]


def focus_selection(
    document: QTextDocument, span: HighlightSpan, positions: TextPositions
) -> QTextEdit.ExtraSelection:
    """The extra selection that marks the focused span (to paint last, on top)."""
    return _selection(document, span, positions, focus_format(span))


def _selection(
    document: QTextDocument,
    span: HighlightSpan,
    positions: TextPositions,
    text_format: QTextCharFormat,
) -> QTextEdit.ExtraSelection:
    last = max(document.characterCount() - 1, 0)
    cursor = QTextCursor(document)
    cursor.setPosition(min(positions.to_qt(span.start), last))
    cursor.setPosition(min(positions.to_qt(span.end), last), QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor  # type: ignore[misc]
    selection.format = text_format  # type: ignore[misc]
    return selection


def spans_at(spans: Sequence[HighlightSpan], offset: int) -> list[HighlightSpan]:
    """The spans that cover the character at ``offset``."""
    return [span for span in spans if span.start <= offset < span.end]


def span_tooltip(span: HighlightSpan) -> str:
    """Plain text, one fact a line: label and state, origin, confidence."""
    translate = QCoreApplication.translate
    states = {
        SUGGESTED: translate("Highlights", "suggestion"),
        ACCEPTED: translate("Highlights", "accepted"),
        EDITED: translate("Highlights", "edited"),
        REJECTED: translate("Highlights", "rejected"),
    }
    lines = [f"{span.label.name} · {states.get(span.state, span.state)}", origin_text(span)]
    if span.confidence is not None:
        percent = QLocale().toString(round(span.confidence * 100))
        lines.append(translate("Highlights", "confidence {0}%").format(percent))
    return "\n".join(line for line in lines if line)


def origin_text(span: HighlightSpan) -> str:
    """Where a span came from, e.g. "model de_standpunkt_ner 0.1.0" or
    "pattern countries.jsonl: country/RU"."""
    translate = QCoreApplication.translate
    name = span.origin_name or ""
    detail = span.origin_detail or ""
    if span.origin_kind == "model":
        text = translate("Highlights", "model {0} {1}").format(name, span.origin_version or "")
        return f"{text.strip()} ({detail})" if detail else text.strip()
    if span.origin_kind == "pattern":
        if detail:
            return translate("Highlights", "pattern {0}: {1}").format(name, detail)
        return translate("Highlights", "pattern {0}").format(name)
    if span.origin_kind == "manual":
        return translate("Highlights", "added by hand")
    if span.origin_kind == "import":
        if name:
            return translate("Highlights", "imported from {0}").format(name)
        return translate("Highlights", "imported")
    if span.origin_kind == "review":
        return translate("Highlights", "from a review")
    if span.origin_kind == "memory":
        return memory_text(detail)
    return " ".join(part for part in (span.origin_kind, name) if part)


MEMORY_PART = re.compile(r"part of “(.+)”: (.+)")
MEMORY_DETAIL = re.compile(r"accepted (\d+) times? in (\d+) documents?(?:, rejected (\d+) times?)?")


def memory_text(detail: str) -> str:
    """The project memory's explanation (stored in English by ``storage.memory.learning``)
    in the UI language: "project memory: accepted 7 times in 5 documents"."""
    translate = QCoreApplication.translate
    part = MEMORY_PART.fullmatch(detail)
    if part is not None:  # a surname of a remembered name
        text = memory_text(part.group(2))
        return text + " " + translate("Highlights", "(part of “{0}”)").format(part.group(1))
    found = MEMORY_DETAIL.fullmatch(detail)
    if found is None:
        return translate("Highlights", "project memory: {0}").format(detail)
    accepted, documents, rejected = (int(g or 0) for g in found.groups())
    # Singular and plural as two strings (not %n): the UI's languages are German and
    # English, and English runs untranslated, where %n would read "time(s)".
    locale = QLocale()
    if accepted == 1:
        times = translate("Highlights", "accepted 1 time")
    else:
        times = translate("Highlights", "accepted {0} times").format(locale.toString(accepted))
    if documents == 1:
        where = translate("Highlights", "in 1 document")
    else:
        where = translate("Highlights", "in {0} documents").format(locale.toString(documents))
    text = translate("Highlights", "project memory: {0} {1}").format(times, where)
    if rejected == 1:
        text += translate("Highlights", ", rejected 1 time")
    elif rejected:
        text += translate("Highlights", ", rejected {0} times").format(locale.toString(rejected))
    return text


def tooltip_html(spans: Sequence[HighlightSpan]) -> str:
    """The tooltip for the spans under the mouse as rich text, every value escaped (label
    and pattern names come from files, and Qt would take a tag-like plain text for markup)."""
    parts = [html.escape(span_tooltip(span)).replace("\n", "<br>") for span in spans]
    return "<qt>" + "<hr>".join(parts) + "</qt>"
