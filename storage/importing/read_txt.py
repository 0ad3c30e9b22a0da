"""Plain-text reader (one file = one article) and the text rules every reader shares.

The shared rules live here because TXT defines them: a text is cleaned (newlines
normalised, outer whitespace stripped) before offsets mean anything, and a cleaned text
must be non-empty and not longer than ``ReadOptions.max_text_chars``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storage.importing.encoding import BinaryFileError, decode_text, normalise_newlines
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions

__all__ = ["check_text", "clean_text", "guess_title", "read_txt"]

MAX_TITLE_CHARS = 150
# A first line ending like a sentence (or leading into one) is not a headline.
_SENTENCE_END = ".!?:;,…"
# Closing quotes/brackets are looked through: 'Er sagte: „Nein.“' ends a sentence.
_CLOSERS = "\"'“”‘’»«›‹)]"
# The widest encoding we decode (UTF-32) needs 4 bytes per character.
_MAX_BYTES_PER_CHAR = 4
# Encodings that need no mention in the metadata.
_UTF8_NAMES = ("utf-8", "utf-8-sig")


def clean_text(text: str) -> str:
    """Return ``text`` with \\n newlines, without outer whitespace and without a leading BOM."""
    return normalise_newlines(text).lstrip("\ufeff").strip()


def check_text(text: str, options: ReadOptions) -> str | None:
    """Say what is wrong with a text that is about to be imported, or None when it is fine.

    Takes the text as it will be stored; returns "empty text" for empty/whitespace-only
    text and a "text is N characters, over the M character limit" message for long text.
    """
    if not text.strip():
        return "empty text"
    if len(text) > options.max_text_chars:
        return (
            f"text is {len(text):,} characters, over the {options.max_text_chars:,} character limit"
        )
    return None


def guess_title(text: str) -> str | None:
    """Return the first line of a cleaned text when it looks like a headline, else None.

    A headline has at most 150 characters, does not end in . ! ? : ; , or … (closing
    quotes and brackets are looked through) and is followed by at least one more
    non-empty line. The line is not removed from the text.
    """
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not first or len(first) > MAX_TITLE_CHARS or not rest.strip():
        return None
    last = first.rstrip(_CLOSERS)[-1:]
    if not last or last in _SENTENCE_END:
        return None
    return first


def read_txt(
    path: Path, source: str, options: ReadOptions
) -> Iterator[ImportedRecord | ImportProblem]:
    """Read one text file as one article.

    Takes the path, the source name to store and the options; yields one
    ``ImportedRecord`` (location = the path) or one ``ImportProblem``. The text is
    cleaned with ``clean_text``; the title is guessed with ``guess_title``;
    ``meta["encoding"]`` names the encoding when it is not UTF-8.
    """
    location = str(path)
    # Don't load a file that cannot possibly fit the character limit.
    if path.stat().st_size > options.max_text_chars * _MAX_BYTES_PER_CHAR + _MAX_BYTES_PER_CHAR:
        limit = f"{options.max_text_chars:,}"
        yield ImportProblem(location, f"text is over the {limit} character limit")
        return
    try:
        text, encoding = decode_text(path.read_bytes())
    except BinaryFileError:
        yield ImportProblem(location, "binary file, not text")
        return
    text = clean_text(text)
    problem = check_text(text, options)
    if problem is not None:
        yield ImportProblem(location, problem)
        return
    meta = {} if encoding in _UTF8_NAMES else {"encoding": encoding}
    yield ImportedRecord(
        text=text, source=source, location=location, title=guess_title(text), meta=meta
    )
