"""What the suggesters store as explanations, read back as a kind and its values (for a
window that says them in its own language)."""

from __future__ import annotations

from nlp.stance_explanations import (
    AUTHOR,
    CUES,
    CUES_CANCEL,
    ELSEWHERE,
    HOLDER_HOWS,
    MODEL,
    NEGATED_SUFFIX,
    NO_CUES,
    SPEAKER,
    WEAK_CUES,
    Explanation,
    read_explanation,
)

__all__ = [
    "AUTHOR",
    "CUES",
    "CUES_CANCEL",
    "ELSEWHERE",
    "HOLDER_HOWS",
    "MODEL",
    "NEGATED_SUFFIX",
    "NO_CUES",
    "SPEAKER",
    "WEAK_CUES",
    "Explanation",
    "read_explanation",
]
