"""Whether a suggested holder is the one a gold label names (for benchmarks and agreement).

The rule:
- "author" (any case) or an empty gold name means the article's author, and matches only a
  suggested holder of None; a suggested None matches only the author.
- Otherwise the gold name may list several acceptable names separated by "/"
  ("Putin/Peskow"); a part in brackets is a comment and is left out ("Beobachter
  (Spekulationen)"). The suggestion is right when, for any part, the part and the suggested
  name (or one of its ``aliases``) are equal ignoring case, or share a content word.
- Content words: the words of a name casefolded, split at spaces, hyphens and other
  non-letters ("US-Geheimdienste" -> "us", "geheimdienste"), without stopwords (articles,
  prepositions) and without words shorter than three letters. Two words are the same when
  equal or when one is the other plus an ending of at most two letters (inflection:
  "Geheimdienste" / "Geheimdiensten", "Kremls" / "Kreml").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

AUTHOR = "author"
MIN_WORD = 3
MAX_ENDING = 2
STOPWORDS = frozenset(
    "der die das des dem den ein eine einer eines einem einen und oder von vom zu zur zum "
    "im in am an auf für mit aus bei nach the a an of and or for to in on at by from".split()
)
_BRACKETS = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[^\W\d_]+")


def content_words(name: str) -> set[str]:
    words = _WORD.findall(_BRACKETS.sub(" ", name).casefold())
    return {w for w in words if len(w) >= MIN_WORD and w not in STOPWORDS}


def _same_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= MAX_ENDING


def _names_match(gold: str, suggested: str) -> bool:
    if gold.strip().casefold() == suggested.strip().casefold():
        return True
    return any(_same_word(g, s) for g in content_words(gold) for s in content_words(suggested))


def is_author(name: str | None) -> bool:
    return name is None or not name.strip() or name.strip().casefold() == AUTHOR


def same_holder(gold: str | None, suggested: str | None, aliases: Iterable[str] = ()) -> bool:
    """Whether ``suggested`` (None: the author) is the holder ``gold`` names (see the module
    docstring for the rule)."""
    if is_author(gold) or suggested is None:
        return is_author(gold) and suggested is None
    assert gold is not None
    names = [suggested, *aliases]
    parts = [_BRACKETS.sub(" ", p).strip() or p for p in gold.split("/")]
    return any(_names_match(part, name) for part in parts for name in names)
