"""The stance lexicons in resources/stance/: well-formed, unique, large enough, and their
prefix patterns catch the words they are meant for and none of a list of common neutral words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STANCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "stance"
LANGUAGES = ["de", "en"]
CUE_HEADER = ["cue", "polarity", "kind", "weight"]
DEMONYM_HEADER = ["stem", "target"]
POLARITIES = {"+1", "-1"}
WEIGHTS = {"0.5", "1.0", "1.5"}
KINDS = {"verb", "adj", "noun", "adv", "phrase"}
MIN_CUES = {"de": 250, "en": 150}
MIN_TARGETS = 60
GAP = "..."
MAX_GAP = 8
# A word of a pattern: lowercase letters, digits, dots, hyphens and apostrophes, with an
# optional `*` at the end (prefix match). A lone "-" stands for the hyphen token that the
# English tokenizer splits off ("de - escalat*").
WORD = re.compile(r"[\w.'’-]+\*?")
PUNCTUATION = {",", "“", '"', "„", "»", "«"}

# Common words that no single-word pattern may match. Several are here because a careless
# prefix would catch them: lob* -> Lobby, droh* -> Drohne, streit* -> Streitkräfte,
# verteidig* -> Verteidigungsminister, erfolg* -> erfolgt, einig* -> einige, besatzung* ->
# Besatzungsmitglieder (crew), schreibt* -> Schreibtisch, rüge* -> Rügen, nato* -> Natur.
NEUTRAL_DE = """
Regierung Minister Ministerin Woche Montag Dienstag Jahr Land Länder Stadt Menschen Zeit
Lobby Bericht Treffen Gespräch Gespräche Präsident Präsidentin Sprecher Sprecherin Partei
Wahl Wahlen Welt Frage Antwort Haus Lage Ende Anfang Teil Seite Ziel Hauptstadt Botschafter
Außenminister Kanzler Abkommen Vertrag Gipfel Konferenz Verhandlungen Erklärung Kommission
Parlament Abgeordnete Grenze Soldaten Truppen Waffen Panzer Raketen Gas Lieferungen Pipeline
Bundeswehr Streitkräfte Verteidigungsminister Verteidigungsministerium Drohne Drohnen
Besatzung Besatzungsmitglieder Ausbeute Natur einige einigen einiges erfolgt erfolgte erfolgen
Schulden Gewaltenteilung gewaltig Sprache Schreibtisch Rügen Mahnmal Ausweis Preisträger
Schützenpanzer vertraulich Vertrieb Warenhaus Waren Bündnis Allianz dreistellig zweifellos
tadellos Hilfsmittel kriegen Israelitische
""".split()
NEUTRAL_EN = """
government minister week year country people time report meeting president spokesperson
spokesman party election world question answer house situation capital ambassador embassy
summit treaty agreement talks border troops soldiers weapons missile tank gas oil pipeline
parliament commission statement states united lobby opposition opposite executive successor
succession respective respectively assistant aide aides defendant defence defense
protectionism warner warsaw warm warrant warship winter protestant admiral harmony source
improvised impression barbara bullish blockchain fairly victoria concerning accustomed
optimisation feudal trustee progressive demand strike israelite
""".split()


def data_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, line) for every line that is not blank and not a `#` comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]


def read_table(path: Path, header: list[str]) -> list[list[str]]:
    raw = path.read_bytes().decode("utf-8")  # UTF-8, or this raises
    assert raw.endswith("\n"), path.name
    assert raw.splitlines()[0] == "\t".join(header), f"{path.name}: header line"
    rows = []
    for number, line in data_lines(path)[1:]:
        fields = line.split("\t")
        assert len(fields) == len(header), f"{path.name}:{number}: {line!r}"
        rows.append(fields)
    return rows


def read_list(path: Path) -> list[str]:
    raw = path.read_bytes().decode("utf-8")
    assert raw.endswith("\n"), path.name
    return [line for _, line in data_lines(path)]


def cues(lang: str) -> list[list[str]]:
    return read_table(STANCE_DIR / f"cues_{lang}.tsv", CUE_HEADER)


def demonyms(lang: str) -> list[list[str]]:
    return read_table(STANCE_DIR / f"demonyms_{lang}.tsv", DEMONYM_HEADER)


def problem(pattern: str, punctuation: bool = False) -> str | None:
    """Why `pattern` is not a valid pattern, or None if it is."""
    if pattern != pattern.strip() or "  " in pattern or "\t" in pattern:
        return "stray whitespace"
    if pattern != pattern.lower():
        return "not lowercase"
    words = pattern.split(" ")
    if GAP in (words[0], words[-1]):
        return "a gap must stand between two words"
    for word, following in zip(words, [*words[1:], None], strict=True):
        if word == GAP:
            if following == GAP:
                return "two gaps in a row"
        elif word != "-" and (
            word.rstrip("*") in {"", "-"}
            or not (WORD.fullmatch(word) or (punctuation and word in PUNCTUATION))
        ):
            return f"bad word {word!r}"
    return None


def word_matches(word: str, token: str) -> bool:
    if word.endswith("*"):
        return token.startswith(word[:-1])
    return token == word


def phrase_matches(pattern: str, tokens: list[str]) -> bool:
    """Whether `pattern` matches lowercased `tokens` from the first one on; a gap (`...`)
    stands for 0 to MAX_GAP tokens."""
    words = pattern.split(" ")

    def match(word_index: int, token_index: int) -> bool:
        if word_index == len(words):
            return True
        if words[word_index] == GAP:
            return any(match(word_index + 1, token_index + skip) for skip in range(MAX_GAP + 1))
        return (
            token_index < len(tokens)
            and word_matches(words[word_index], tokens[token_index])
            and match(word_index + 1, token_index + 1)
        )

    return match(0, 0)


def patterns_in(name: str) -> list[str]:
    """Every pattern in the file `name`: the first column of a table, or each line of a list."""
    path = STANCE_DIR / name
    if name.startswith("cues_"):
        return [row[0] for row in read_table(path, CUE_HEADER)]
    if name.startswith("demonyms_"):
        return [row[0] for row in read_table(path, DEMONYM_HEADER)]
    return read_list(path)


ALL_FILES = [
    f"{kind}_{lang}.{ext}"
    for lang in LANGUAGES
    for kind, ext in (
        ("cues", "tsv"),
        ("demonyms", "tsv"),
        ("negations", "txt"),
        ("reporting", "txt"),
    )
]


def best_cue(lang: str, token: str) -> list[str] | None:
    """The one-word cue that matches `token` (lowercased); the longest one wins."""
    token = token.lower()
    candidates = [row for row in cues(lang) if " " not in row[0] and word_matches(row[0], token)]
    return max(candidates, key=lambda row: len(row[0].rstrip("*")), default=None)


def target_of(lang: str, token: str) -> str | None:
    token = token.lower()
    candidates = [
        row for row in demonyms(lang) if " " not in row[0] and word_matches(row[0], token)
    ]
    best = max(candidates, key=lambda row: len(row[0].rstrip("*")), default=None)
    return best[1] if best else None


def test_shipped_files_exist() -> None:
    for name in ALL_FILES:
        assert (STANCE_DIR / name).is_file(), name
    assert (STANCE_DIR / "README.md").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cue_rows_are_well_formed(lang: str) -> None:
    for cue, polarity, kind, weight in cues(lang):
        assert problem(cue) is None, f"{cue!r}: {problem(cue)}"
        assert polarity in POLARITIES, cue
        assert weight in WEIGHTS, cue
        assert kind in KINDS, cue
        if kind == "phrase":
            assert " " in cue, f"{cue!r}: a phrase has several words"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cues_are_unique_and_numerous(lang: str) -> None:
    names = [row[0] for row in cues(lang)]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    assert not duplicates
    assert len(names) >= MIN_CUES[lang]
    for polarity in POLARITIES:
        assert sum(row[1] == polarity for row in cues(lang)) >= MIN_CUES[lang] // 3, polarity


def test_every_german_cue_with_sharp_s_has_a_swiss_twin() -> None:
    names = {row[0] for row in cues("de")}
    missing = sorted(name for name in names if "ß" in name and name.replace("ß", "ss") not in names)
    assert not missing


@pytest.mark.parametrize(
    ("token", "polarity"),
    [
        ("verurteilte", "-1"),
        ("Verurteilung", "-1"),
        ("kritisierte", "-1"),
        ("Kritik", "-1"),
        ("warnte", "-1"),
        ("Sanktionen", "-1"),
        ("Angriffe", "-1"),
        ("Angriffskrieg", "-1"),
        ("Kriegsverbrechen", "-1"),
        ("besorgniserregend", "-1"),
        ("völkerrechtswidrigen", "-1"),
        ("Provokationen", "-1"),
        ("eskaliert", "-1"),
        ("Aggression", "-1"),
        ("beschuldigte", "-1"),
        ("unfreundlichen", "-1"),
        ("unterstützt", "+1"),
        ("Unterstützung", "+1"),
        ("begrüßte", "+1"),
        ("begrüsste", "+1"),
        ("lobte", "+1"),
        ("Solidarität", "+1"),
        ("Partnerschaft", "+1"),
        ("erfolgreich", "+1"),
        ("verlässlichen", "+1"),
        ("Zusammenarbeit", "+1"),
        ("Durchbruch", "+1"),
    ],
)
def test_german_cues_catch_inflected_forms(token: str, polarity: str) -> None:
    row = best_cue("de", token)
    assert row is not None, token
    assert row[1] == polarity, row


@pytest.mark.parametrize(
    ("token", "polarity"),
    [
        ("condemned", "-1"),
        ("condemnation", "-1"),
        ("criticised", "-1"),
        ("criticized", "-1"),
        ("warned", "-1"),
        ("sanctions", "-1"),
        ("attacks", "-1"),
        ("aggression", "-1"),
        ("threatened", "-1"),
        ("accused", "-1"),
        ("escalation", "-1"),
        ("supports", "+1"),
        ("welcomed", "+1"),
        ("praised", "+1"),
        ("solidarity", "+1"),
        ("partnership", "+1"),
        ("successful", "+1"),
        ("reliable", "+1"),
        ("cooperation", "+1"),
        ("breakthrough", "+1"),
        ("unreliable", "-1"),
        ("disrespectful", "-1"),
    ],
)
def test_english_cues_catch_inflected_forms(token: str, polarity: str) -> None:
    row = best_cue("en", token)
    assert row is not None, token
    assert row[1] == polarity, row


def test_longest_prefix_decides_weight() -> None:
    assert best_cue("de", "Angriffskrieges") == ["angriffskrieg*", "-1", "noun", "1.5"]
    assert best_cue("de", "Angriffe") == ["angriff*", "-1", "noun", "1.0"]


@pytest.mark.parametrize("name", ALL_FILES)
def test_no_pattern_matches_a_common_neutral_word(name: str) -> None:
    neutral = NEUTRAL_DE if "_de." in name else NEUTRAL_EN
    caught = {
        pattern: hits
        for pattern in patterns_in(name)
        if " " not in pattern
        and (hits := [word for word in neutral if word_matches(pattern, word.lower())])
    }
    assert not caught, f"{name}: {caught}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_negations_are_single_tokens(lang: str) -> None:
    entries = read_list(STANCE_DIR / f"negations_{lang}.txt")
    assert len(entries) == len(set(entries))
    for entry in entries:
        assert " " not in entry, entry
        assert problem(entry) is None, entry
    required = {
        "de": {"nicht", "kein*", "nie", "niemals", "weder", "ohne", "kaum"},
        "en": {"not", "no", "never", "neither", "nor", "without", "hardly", "n't"},
    }
    assert required[lang] <= set(entries)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reporting_patterns_are_well_formed(lang: str) -> None:
    entries = read_list(STANCE_DIR / f"reporting_{lang}.txt")
    assert len(entries) == len(set(entries))
    for entry in entries:
        assert problem(entry, punctuation=True) is None, f"{entry!r}: {problem(entry, True)}"
    required = {
        "de": {"sagt*", "erklärt*", "betont*", "teilt* ... mit", "laut", "zufolge", "berichtet*"},
        "en": {"said", "says", "told", "according to", "announced", "claimed", "added"},
    }
    assert required[lang] <= set(entries)


@pytest.mark.parametrize(("lang", "token"), [("de", "warnte"), ("en", "warned")])
def test_reporting_verbs_that_take_a_side_are_cues_too(lang: str, token: str) -> None:
    reporting = [p for p in read_list(STANCE_DIR / f"reporting_{lang}.txt") if " " not in p]
    assert any(word_matches(pattern, token) for pattern in reporting)
    assert best_cue(lang, token) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_demonym_rows_are_well_formed(lang: str) -> None:
    rows = demonyms(lang)
    stems = [stem for stem, _ in rows]
    assert len(stems) == len(set(stems))
    for stem, target in rows:
        assert problem(stem) is None, f"{stem!r}: {problem(stem)}"
        assert GAP not in stem.split(" "), stem
        assert target, stem
        assert target == target.strip(), stem
    assert len({target for _, target in rows}) >= MIN_TARGETS


@pytest.mark.parametrize(
    ("lang", "token", "target"),
    [
        ("de", "russischen", "Russland"),
        ("de", "Russen", "Russland"),
        ("de", "ukrainische", "Ukraine"),
        ("de", "nordkoreanischen", "Nordkorea"),
        ("de", "südkoreanische", "Südkorea"),
        ("de", "amerikanischen", "USA"),
        ("de", "US-Regierung", "USA"),
        ("de", "chinesische", "China"),
        ("de", "iranischen", "Iran"),
        ("de", "israelische", "Israel"),
        ("de", "EU-Kommission", "EU"),
        ("de", "Nato-Gipfel", "Nato"),
        ("de", "UN-Sicherheitsrat", "UN"),
        ("de", "deutsche", "Deutschland"),
        ("de", "französischen", "Frankreich"),
        ("de", "britische", "Großbritannien"),
        ("de", "türkischen", "Türkei"),
        ("de", "belarussische", "Belarus"),
        ("de", "weißrussische", "Belarus"),
        ("de", "Europäische", None),
        ("en", "Russian", "Russia"),
        ("en", "Ukrainians", "Ukraine"),
        ("en", "American", "United States"),
        ("en", "U.S.-led", "United States"),
        ("en", "Chinese", "China"),
        ("en", "Iranian", "Iran"),
        ("en", "Israeli", "Israel"),
        ("en", "German", "Germany"),
        ("en", "EU", "EU"),
        ("en", "us", None),
        ("en", "European", None),
    ],
)
def test_demonyms_name_the_target(lang: str, token: str, target: str | None) -> None:
    assert target_of(lang, token) == target


@pytest.mark.parametrize(
    ("lang", "tokens", "target"),
    [
        ("en", "North Korean missile".split(), "North Korea"),
        ("en", "South Korean officials".split(), "South Korea"),
        ("en", "South Africa".split(), None),
    ],
)
def test_multi_word_demonyms(lang: str, tokens: list[str], target: str | None) -> None:
    tokens = [token.lower() for token in tokens]
    found = {name for stem, name in demonyms(lang) if " " in stem and phrase_matches(stem, tokens)}
    assert found == ({target} if target else set())


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Die Regierung lehnte den Vorschlag am Montag ab", "lehnt* ... ab"),
        ("Kiew warf Moskau vor", "warf* ... vor"),
        ("Das Ministerium stellte die Zahlen in Frage", "stellt* ... in frage"),
        ("Sie sprach sich klar für Sanktionen aus", "sprach sich ... für"),
    ],
)
def test_gap_cues_match_separable_verbs(sentence: str, cue: str) -> None:
    assert cue in {row[0] for row in cues("de")}
    tokens = sentence.lower().split()
    assert any(phrase_matches(cue, tokens[start:]) for start in range(len(tokens)))


def test_a_gap_is_bounded() -> None:
    tokens = "lehnte eins zwei drei vier fünf sechs sieben acht neun ab".split()
    assert not phrase_matches("lehnt* ... ab", tokens)
    assert phrase_matches("lehnt* ... ab", [*tokens[:9], "ab"])
