"""The stance lexicon's explanations: stored and exported in English (the CLI and the
workbook read them as they are), each made from one named format, so a window can read the
kind and its values back and say them in its own language.

A FAVOR or AGAINST suggestion's explanation ends with who holds the stance:
"cues: warnte (−1); holder: Jack Watling, reported speech" or "…; holder: author". Texts
stored before holders existed have no such suffix and read as before."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEAKER = "speaker"  # the target speaks in the sentence: its stance is not judged
NO_CUES = "no_cues"
CUES_CANCEL = "cues_cancel"
CUES = "cues"
WEAK_CUES = "weak_cues"  # some evidence, too little to suggest a side
ELSEWHERE = "elsewhere"  # the sentence's cues judge something else
MODEL = "model"  # a trained classifier's: its name and version
NEGATED_SUFFIX = " (negated)"
HOLDER_SEPARATOR = "; holder: "
AUTHOR = "author"  # the holder_how of "holder: author"
# The ways a holder is found (``nlp.stance_holders``), as the suffix spells them.
HOLDER_HOWS = ("reported speech", "attribution", "quote", "subject", "continued", "pronoun")

FORMATS = {
    SPEAKER: "{0} speaks here; not judged",
    NO_CUES: "no cue words",
    CUES_CANCEL: "cues cancel out: {0}",
    CUES: "cues: {0}",
    WEAK_CUES: "too little evidence: {0}",
    ELSEWHERE: "cues judge something else: {0}",
    MODEL: "model {0}",
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
    holder: str | None = None  # the holder's name; None for the author or when not named
    holder_how: str = ""  # one of HOLDER_HOWS, AUTHOR, or "" when the text names no holder


def explain(code: str, value: str = "") -> str:
    """The stored English text of an explanation."""
    return FORMATS[code].format(value)


def with_holder(text: str, holder: str | None, how: str) -> str:
    """``text`` with the holder suffix: "; holder: NAME, HOW", or "; holder: author" when
    ``holder`` is None."""
    said = AUTHOR if holder is None else f"{holder}, {how}"
    return f"{text}{HOLDER_SEPARATOR}{said}"


def _split_holder(text: str) -> tuple[str, str | None, str]:
    """(the text before a holder suffix, the holder, how); the text itself when it has none."""
    base, separator, said = text.rpartition(HOLDER_SEPARATOR)
    if not separator:
        return text, None, ""
    if said == AUTHOR:
        return base, None, AUTHOR
    name, comma, how = said.rpartition(", ")
    if comma and name and how in HOLDER_HOWS:
        return base, name, how
    return text, None, ""


def read_explanation(text: str) -> Explanation | None:
    """The explanation ``text`` was made from, or None for any other text (one stored by an
    older version, or free text)."""
    base, holder, how = _split_holder(text)
    for code, pattern in _PATTERNS.items():
        found = pattern.fullmatch(base)
        if found is not None:
            return Explanation(code, found.group(1) if found.groups() else "", holder, how)
    return None
