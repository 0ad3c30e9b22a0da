"""Reading a JSONL stance row's holder and evidence (what our JSONL export writes, and the
``holder`` names of stance data from elsewhere such as stance-news-de).

``holder`` is an actor's name, the words that name the holder, or ``"author"`` (also null or
missing: the article's author). ``holder_start``/``holder_end`` are where the text names the
holder and ``evidence_start``/``evidence_end`` the words that carry the stance: whole numbers
inside the text, start before end, both or neither. ``holder_text`` and ``evidence``, when
given, must be the text at those offsets (a file whose offsets drifted from its text is
refused rather than labelling the wrong words). Each problem is a sentence tail naming the
field, as ``stance_rows`` reports a row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

from storage.importing.text_rules import printable, shown

__all__ = ["AUTHOR", "MAX_HOLDER_CHARS", "HolderFields", "parse_holder", "stretch_problem"]

AUTHOR = "author"
MAX_HOLDER_CHARS = 200  # an actor's name: the column's length


@dataclass(frozen=True)
class HolderFields:
    holder: str | None = None  # None: the author
    holder_start: int | None = None
    holder_end: int | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None


def parse_holder(item: dict[str, Any], text: str) -> HolderFields | str:
    """The row's holder and evidence, or why they cannot be read (a sentence tail)."""
    name = _holder_name(item.get("holder"))
    if isinstance(name, tuple):
        return name[0]
    holder = _stretch(item, "holder", "holder_text", text)
    if isinstance(holder, str):
        return holder
    evidence = _stretch(item, "evidence", "evidence", text)
    if isinstance(evidence, str):
        return evidence
    if name == AUTHOR:
        if holder is not None:
            return (
                "has the holder 'author' and holder words (holder_start, holder_end): the "
                "author is not named in the text; give the name or no words"
            )
        name = None
    return HolderFields(name, *(holder or (None, None)), *(evidence or (None, None)))


def _holder_name(value: Any) -> str | tuple[str] | None:
    """The holder's name (``AUTHOR`` for the author's words, None for none given), or a
    1-tuple with the problem."""
    if value is None:
        return None
    if not isinstance(value, str):
        return (f"has a holder {shown(value, as_json=True)} that is not a name (text) or null",)
    name = " ".join(value.split())
    if not name:
        return None
    if len(name) > MAX_HOLDER_CHARS:
        return (f"has a holder over {MAX_HOLDER_CHARS} characters: {shown(name)}",)
    if printable(name) != name:
        return (f"has a holder with a control character: {shown(name)}",)
    return AUTHOR if name.casefold() == AUTHOR else name


def _stretch(
    item: dict[str, Any], field: str, text_field: str, text: str
) -> tuple[int, int] | str | None:
    """The offsets ``{field}_start``/``{field}_end`` (None when neither is given), or why
    they are wrong; ``text_field``, when given, must be the text there."""
    start, end = item.get(f"{field}_start"), item.get(f"{field}_end")
    words = item.get(text_field)
    if start is None and end is None:
        if words is not None:
            return f"has {text_field} {shown(words)} but no {field}_start and {field}_end"
        return None
    problem = stretch_problem(field, start, end, len(text))
    if problem is not None:
        return problem
    assert _is_int(start) and _is_int(end)  # stretch_problem checked them
    if words is not None and words != text[start:end]:
        return (
            f"has {text_field} {shown(words)}, but the text at {field}_start–{field}_end "
            f"{start}–{end} is {shown(text[start:end])}"
        )
    return start, end


def stretch_problem(field: str, start: Any, end: Any, length: int) -> str | None:
    """Why ``start``–``end`` cannot be the ``field`` words of a text of ``length``
    characters, or None."""
    if start is None or end is None:
        given, missing = ("start", "end") if end is None else ("end", "start")
        return f"has {field}_{given} but no {field}_{missing} (give both or neither)"
    for name, value in ((f"{field}_start", start), (f"{field}_end", end)):
        if not _is_int(value):
            return f"has a {name} {shown(value, as_json=True)} that is not a whole number"
    if not (_is_int(start) and _is_int(end) and 0 <= start < end <= length):
        return (
            f"has {field}_start–{field}_end {start}–{end} outside the text (it has {length} "
            "characters; start must be before end)"
        )
    return None


def _is_int(value: Any) -> TypeGuard[int]:
    # JSON true/false are bools, which Python also counts as ints.
    return isinstance(value, int) and not isinstance(value, bool)
