"""Turn the bytes of a text file into ``str`` without asking the user for an encoding.

News articles reach us as UTF-8, as UTF-16 from Windows tools ("Unicode text" in
Notepad and Excel) and as cp1252/latin-1 from older systems. ``decode_text`` tries the
candidates from the most to the least specific and refuses files that are not text at
all, so a stray PDF or ZIP never ends up as an article full of mojibake.

Leading BOM: the decoded text never starts with U+FEFF. A byte-order mark only says how
the file is encoded; it is not part of the article, and keeping it would shift every
offset by one and give the same article two different SHA-256 hashes.
"""

from __future__ import annotations

import codecs
import re

from errors import UserError

__all__ = ["BinaryFileError", "decode_text", "normalise_newlines", "sniff_not_utf8"]

# UTF-32 first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_BOMS = tuple(bom for bom, encoding in _BOMS if not encoding.startswith("utf-8"))

# Binary detection looks at the start of the data only; that is enough to tell a text
# file from a PDF/ZIP/image and keeps the check cheap for files of hundreds of MB.
_SAMPLE_BYTES = 64 * 1024
# More control characters than this share of the sample means "not text".
_MAX_CONTROL_SHARE = 0.10
# UTF-16 without BOM: Latin-script text has a NUL in (almost) every high byte.
_MIN_UTF16_NUL_SHARE = 0.30
_MAX_UTF16_OTHER_NUL_SHARE = 0.02

# C0 controls (and DEL) that do not occur in ordinary text; \t \n \r \f are allowed.
_CONTROL_CODES = (frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}) | {0x7F}
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_CODES)
# The same set as a regular expression: counting matches runs in C, fast on long texts.
_CONTROL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROL_CODES)) + "]")


class BinaryFileError(UserError, ValueError):
    """The data is not text (NUL bytes or many control characters)."""


def decode_text(data: bytes, *, stray_nuls: bool = False) -> tuple[str, str]:
    """Decode the bytes of a text file, detecting the encoding.

    Takes the raw file content and returns ``(text, encoding)`` where ``encoding`` is one
    of "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be" (all from a BOM),
    "utf-8", "utf-16-le"/"utf-16-be" (no BOM, found by the NUL-byte pattern), "cp1252" or
    "latin-1". Candidates are tried in that order; cp1252 fails on its undefined bytes
    (0x81 0x8D 0x8F 0x90 0x9D), then latin-1 (which never fails) is used. Data with NUL
    bytes is never taken as UTF-8 (pure-ASCII UTF-16 would be valid UTF-8 otherwise).

    The text keeps its newlines as they are (see ``normalise_newlines``) but never starts
    with U+FEFF: a BOM is dropped. With a BOM, bytes that do not fit the encoding become
    U+FFFD instead of failing, because the BOM is stronger evidence than any guess.

    Raises ``BinaryFileError`` when the data is not text: NUL bytes that are not UTF-16,
    or more than 10% control characters (other than tab, newline, CR, form feed) in the
    first 64 KiB. With ``stray_nuls`` (for files read record by record, like CSV), NUL
    bytes that are neither UTF-16 nor over that share are kept in the text, so the reader
    can refuse only the records that hold them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding.removesuffix("-sig"), errors="replace")
            return _checked(_drop_bom(text)), encoding
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in data:
        utf16 = _decode_utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        if not stray_nuls:
            raise BinaryFileError("binary data, not text")
    # UTF-8 and cp1252 encode control characters as single bytes: count them on the bytes,
    # which is many times faster than on the decoded text.
    if _control_share(sample) > _MAX_CONTROL_SHARE:
        raise BinaryFileError("binary data, not text")
    for encoding in ("utf-8", "cp1252"):
        try:
            return _drop_bom(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def sniff_not_utf8(sample: bytes) -> str | None:
    """Why a file starting with ``sample`` cannot be read as UTF-8 lines, or None.

    Returns "UTF-16 or UTF-32" for a byte-order mark of those or NUL bytes in every other
    byte, "binary" for more than 10% control characters (NUL included); a stray NUL byte
    or two is no reason (the lines holding them are refused one by one).
    """
    if sample.startswith(_WIDE_BOMS) or _utf16_order(sample) is not None:
        return "UTF-16 or UTF-32"
    if _control_share(sample) > _MAX_CONTROL_SHARE:
        return "binary"
    return None


def normalise_newlines(text: str) -> str:
    """Return ``text`` with Windows (\\r\\n) and old Mac (lone \\r) line breaks as \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _drop_bom(text: str) -> str:
    # A second BOM (file saved twice by a confused editor) must not survive either.
    return text.lstrip("\ufeff")


def _checked(text: str) -> str:
    """Return ``text`` unless its start is mostly control characters (then raise)."""
    sample = text[:_SAMPLE_BYTES]
    controls = len(_CONTROL_RE.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryFileError("binary data, not text")
    return text


def _control_share(sample: bytes) -> float:
    """Share of control bytes (NUL included, \\t \\n \\r \\f excluded) in ``sample``."""
    if not sample:
        return 0.0
    return len(sample.translate(None, _NON_CONTROL_BYTES)) / len(sample)


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 recognised by NULs in every other byte, else None."""
    encoding = None if len(data) % 2 else _utf16_order(data[:_SAMPLE_BYTES])
    if encoding is None:
        return None
    try:
        return _checked(_drop_bom(data.decode(encoding))), encoding
    except (UnicodeDecodeError, BinaryFileError):
        # Binary data that merely looks like UTF-16; the caller reports it as binary.
        return None


def _utf16_order(sample: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when ``sample`` has NULs in (almost) every other byte."""
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even_nuls = sample[0::2].count(0) / pairs
    odd_nuls = sample[1::2].count(0) / pairs
    if odd_nuls >= _MIN_UTF16_NUL_SHARE and even_nuls <= _MAX_UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even_nuls >= _MIN_UTF16_NUL_SHARE and odd_nuls <= _MAX_UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None
