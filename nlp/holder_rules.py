"""The word lists the holder rules read, per language: verbs of saying (``reporting_*.txt``),
attribution without a verb (``attribution_*.tsv``), function titles (``titles_*.txt``), and
the subjunctive forms that mark indirect speech."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nlp.holder_phrases import Words
from nlp.lexicon_match import EntryIndex
from nlp.stance_clauses import function_words

AFTER, BEFORE, NONE = "after", "before", "none"
# Verbs of saying that relay the news ("berichtet die Agentur", "meldet"): the speaker of
# what is relayed, when the sentence names one, holds the stance, not the agency.
RELAY = ("bericht", "meldet", "gemeldet", "report")
# Konjunktiv I (and the II that stands in for it): "Russland sei bereit", "sie hätten …".
SUBJUNCTIVE = {
    "de": frozenset(
        "sei seien seiest habe hätten hätte werde könne müsse solle wolle dürfe "
        "gebe wäre wären".split()
    ),
    "en": frozenset(),
}


@dataclass(frozen=True)
class Attribution:
    where: str  # after, before or none
    after_comma: bool  # ", so Scholz": only after a comma


@dataclass
class HolderRules:
    words: Words
    verbs: EntryIndex[str]
    attribution: EntryIndex[Attribution]
    subjunctive: frozenset[str]


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    rows = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if row and not row.startswith("#")]


def load_holder_rules(language: str, folder: Path) -> HolderRules:
    attribution: list[tuple[tuple[str, ...], Attribution]] = []
    for row in _lines(folder / f"attribution_{language}.tsv")[1:]:  # header first
        pattern, where = row.split("\t")[:2]
        words = tuple(pattern.lower().split())
        comma = words[0] == ","
        attribution.append((words[1:] if comma else words, Attribution(where, comma)))
    listed = {" ".join(words) for words, _ in attribution}
    reporting = [
        line.lower()
        for line in _lines(folder / f"reporting_{language}.txt")
        if line.lower() not in listed and not line.startswith(",")
    ]
    titles = tuple(w.lower() for w in _lines(folder / f"titles_{language}.txt"))
    return HolderRules(
        Words(language, function_words(language), titles),
        EntryIndex([(tuple(p.split()), p) for p in reporting]),
        EntryIndex(attribution),
        SUBJUNCTIVE.get(language, frozenset()),
    )
