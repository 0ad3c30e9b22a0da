"""The rules every label name, shortcut and colour follows, from the schema editor or an
import: what is refused and why, and the value as stored."""

from __future__ import annotations

import re

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
MAX_NAME_LENGTH = 64  # the column's length
# Control characters (tab and newline too: a name is one line) and lone surrogates, which
# cannot be written as UTF-8; U+FFFE and U+FFFF are not allowed in XML (the exports).
# Control characters, lone surrogates, XML's non-characters, and the bidirectional controls
# that make a label read otherwise than it is (in the legend, a workbook, a terminal).
_NOT_IN_NAMES = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean_label_name(name: str) -> str:
    """The rule for every label name, from the schema editor or an import: ``name`` without
    surrounding white space. Raises ``ValueError`` whose message is the name followed by
    what is wrong with it ("'PER\\x00' contains the character U+0000, which a label name
    cannot hold"): empty, over ``MAX_NAME_LENGTH`` characters, or holding a control
    character, a lone surrogate, U+FFFE or U+FFFF."""
    clean = name.strip()
    # Shown escaped where it cannot be shown as it is; cut where it would flood a message.
    shown = _NOT_IN_NAMES.sub(lambda bad: ascii(bad.group())[1:-1], clean[:20])
    shown += "…" if len(clean) > 20 else ""
    if not clean:
        raise ValueError(f"{name!r} is empty")
    if len(clean) > MAX_NAME_LENGTH:
        raise ValueError(f"'{shown}' is longer than {MAX_NAME_LENGTH} characters")
    bad = _NOT_IN_NAMES.search(clean)
    if bad is not None:
        raise ValueError(
            f"'{shown}' contains the character U+{ord(bad.group()):04X}, which a label name "
            "cannot hold"
        )
    return clean


def check_shortcut(kind: str, name: str, shortcut: str | None) -> str | None:
    """The shortcut as stored (lower case, None for none); ``ValueError`` naming the label
    when it is not one letter or 0."""
    key = (shortcut or "").strip().lower()
    if not key:
        return None
    if len(key) != 1 or not (key.isalpha() or key.isdigit()):
        raise ValueError(
            f"the shortcut of the {kind} label {name!r} must be one letter or digit, "
            f"not {shortcut!r}"
        )
    if key in "123456789":
        raise ValueError(
            f"the shortcut of the {kind} label {name!r} cannot be {key}: the digits 1-9 "
            "choose labels by their number"
        )
    return key


def check_colour(kind: str, name: str, colour: str) -> str:
    """The colour as stored ("#rrggbb" in lower case); ``ValueError`` naming the label
    otherwise."""
    clean = colour.strip()
    if not _COLOUR.fullmatch(clean):
        raise ValueError(
            f"the colour of the {kind} label {name!r} must be written #rrggbb, not {colour!r}"
        )
    return clean.lower()
