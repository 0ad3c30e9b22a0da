"""Which spans the window shows: the rule the article, the Spans panel, exports and
``main.py replay`` share, so a replay counts what an annotator would have seen."""

from __future__ import annotations

from services.span_data import HighlightSpan

DEFAULT_MIN_CONFIDENCE = 0.3  # QSettings "suggestions/min_confidence"
ENTITY_RETRAIN_EVERY = 20  # documents marked done between automatic entity trainings
STANCE_RETRAIN_EVERY = 30  # new accepted sentence labels between automatic stance trainings
SUGGESTED, REJECTED = "suggested", "rejected"


def is_highlighted(span: HighlightSpan, min_confidence: float) -> bool:
    """Rejected spans are not shown, nor machine suggestions less confident than
    ``min_confidence``; what an annotator accepted or edited always is."""
    if span.state == REJECTED:
        return False
    if span.state == SUGGESTED and span.confidence is not None:
        return span.confidence >= min_confidence
    return True
