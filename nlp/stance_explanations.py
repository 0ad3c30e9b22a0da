"""The stance lexicon's explanations: stored and exported in English (the CLI and the
workbook read them as they are), each made from one named format, so a window can read the
kind and its values back and say them in its own language."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEAKER = "speaker"  # the target speaks in the sentence: its stance is not judged
NO_CUES = "no_cues"
CUES_CANCEL = "cues_cancel"
CUES = "cues"
WEAK_CUES = "weak_cues"  # some evidence, too little to suggest a side
ELSEWHERE = "elsewhere"  # the sentence's cues judge something else
NEGATED_SUFFIX = " (negated)"

FORMATS = {
    SPEAKER: "{0} speaks here; not judged",
    NO_CUES: "no cue words",
    CUES_CANCEL: "cues cancel out: {0}",
    CUES: "cues: {0}",
    WEAK_CUES: "too little evidence: {0}",
    ELSEWHERE: "cues judge something else: {0}",
}
_PATTERNS = {
    code: re.compile(re.escape(text).replace(re.escape("{0}"), "(.+)"))
    for code, text in FORMATS.items()
}


@dataclass(frozen=True)
class Explanation:
    """What kind of explanation (one of the codes above) and its one value (a target name,
    or the cues with their weights, e.g. "verurteilte (−1.5), nicht kritisiert (negated)
    (+1)"), empty when the kind has none."""

    code: str
    value: str = ""


def explain(code: str, value: str = "") -> str:
    """The stored English text of an explanation."""
    return FORMATS[code].format(value)


def read_explanation(text: str) -> Explanation | None:
    """The explanation ``text`` was made from, or None for any other text (a trained
    model's, or one stored by an older version)."""
    for code, pattern in _PATTERNS.items():
        found = pattern.fullmatch(text)
        if found is not None:
            return Explanation(code, found.group(1) if found.groups() else "")
    return None
