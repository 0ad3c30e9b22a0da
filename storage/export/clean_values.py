"""Stored values as the export formats can write them, changing as little as possible.

Old projects hold whatever earlier versions (or a hand-edited database) stored. Metadata comes
from JSON, which can spell lone UTF-16 surrogates (``"\\ud800"``), control characters, NaN
and the infinities; names and texts can hold control characters. The exports write all of it
rather than fail:

- a character a format cannot carry becomes U+FFFD, one character for one, so every offset
  into a document's text still fits: ``utf8_text`` replaces lone surrogates (UTF-8 cannot
  encode them), ``xml_text`` also what XML 1.0 forbids (control characters but tab, line
  feed and carriage return; U+FFFE; U+FFFF);
- strict JSON has no NaN or infinities: ``json_value`` writes them as null.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

REPLACEMENT = "\ufffd"
_SURROGATES = re.compile("[\ud800-\udfff]")
# XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-].
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def utf8_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length)."""
    try:
        # Surrogates are the only code points UTF-8 cannot encode, and encoding is several
        # times faster than searching for them (this runs on every exported text).
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub(REPLACEMENT, text)
    return text


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD (same length)."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(REPLACEMENT, text)


def integer_text(value: int) -> str:
    """The digits of ``value``; hexadecimal (``0x…``) for one too long for Python to write in
    decimal (over 4,300 digits by default), which only a hand-made record can hold."""
    try:
        return str(value)
    except ValueError:
        return f"-0x{-value:x}" if value < 0 else f"0x{value:x}"


def json_value(value: Any) -> Any:
    """``value`` as strict JSON can hold it: NaN and infinities as None, texts and keys
    without lone surrogates, keys as text, integers too long to write as text, anything else
    (a date, a set) as its ``str``."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return utf8_text(value)
    if isinstance(value, int):
        try:
            str(value)  # what json.dumps does, and fails at, too
        except ValueError:
            return integer_text(value)
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {utf8_text(str(k)): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return utf8_text(str(value))


def json_text(value: Any) -> str:
    """``value`` as one line of strict JSON (UTF-8 safe, no NaN), non-ASCII kept as it is."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError):  # NaN, an infinity, an over-long integer, an odd type
        text = json.dumps(json_value(value), ensure_ascii=False, allow_nan=False)
    # ensure_ascii=False copies lone surrogates into the text; inside a JSON string each
    # becomes U+FFFD, one for one.
    return utf8_text(text)


def parse_json_object(raw: str | None) -> dict[str, Any]:
    """A stored JSON column (read as text) as a dict, whatever it holds: None and ``null``
    give ``{}``; another value (a list, a number) or text that is no JSON at all is kept
    under the key ``"meta"``. Integers too long for Python (over 4,300 digits) stay text."""
    if raw is None:
        return {}
    try:
        value = json.loads(raw, parse_int=_integer)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python can read
        return {"meta": raw}
    if value is None:
        return {}
    if not isinstance(value, dict):
        return {"meta": value}
    return value


def _integer(digits: str) -> int | str:
    try:
        return int(digits)
    except ValueError:  # beyond sys.get_int_max_str_digits(): kept as written
        return digits
