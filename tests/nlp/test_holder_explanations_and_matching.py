"""The holder in stored explanations (old texts still read), the holder-matching rule of
the benchmarks, the naming of holders, and the classifier's holders and evidence."""

from __future__ import annotations

import pytest

from nlp.holder_match import same_holder
from nlp.holder_names import HolderNamer, HolderSpec
from nlp.stance_classifier import ClassifierStanceSuggester
from nlp.stance_evidence import Judged, suggestion_of
from nlp.stance_explanations import (
    AUTHOR,
    CUES,
    CUES_CANCEL,
    ELSEWHERE,
    MODEL,
    NO_CUES,
    SPEAKER,
    WEAK_CUES,
    explain,
    read_explanation,
    with_holder,
)
from nlp.stance_holders import Holder
from nlp.stance_lexicon import LexiconStanceSuggester, load_lexicon
from nlp.stance_targets import TargetSpec
from text.sentences import Sentence

OLD_TEXTS = {
    "Ukraine speaks here; not judged": (SPEAKER, "Ukraine"),
    "no cue words": (NO_CUES, ""),
    "cues cancel out: lobte (+1), kritisierte (−1)": (CUES_CANCEL, "lobte (+1), kritisierte (−1)"),
    "cues: warnte (−1), nicht kritisiert (negated) (+1)": (
        CUES,
        "warnte (−1), nicht kritisiert (negated) (+1)",
    ),
    "too little evidence: Krise (−0.5)": (WEAK_CUES, "Krise (−0.5)"),
    "cues judge something else: Angriff (−1)": (ELSEWHERE, "Angriff (−1)"),
    "model stance-textcat 3": (MODEL, "stance-textcat 3"),
}


@pytest.mark.parametrize("text", sorted(OLD_TEXTS))
def test_texts_stored_before_holders_read_as_before(text):
    read = read_explanation(text)
    assert read is not None
    assert (read.code, read.value, read.holder, read.holder_how) == (*OLD_TEXTS[text], None, "")


def test_free_text_is_no_explanation():
    assert read_explanation("verurteilte") is None
    assert read_explanation("cues; holder: somebody") is None


@pytest.mark.parametrize(
    ("holder", "how"),
    [("Jack Watling", "reported speech"), ("Moskau, Kreml", "quote"), (None, "")],
)
def test_the_holder_suffix_round_trips(holder, how):
    text = with_holder(explain(CUES, "warnte (−1)"), holder, how)
    read = read_explanation(text)
    assert read is not None
    assert (read.code, read.value, read.holder) == (CUES, "warnte (−1)", holder)
    assert read.holder_how == (how or AUTHOR)


def test_the_issues_example_reads_back():
    text = "cues: warnte (−1); holder: Jack Watling, reported speech"
    read = read_explanation(text)
    assert read is not None and (read.holder, read.holder_how) == (
        "Jack Watling",
        "reported speech",
    )
    assert with_holder("cues: warnte (−1)", None, "") == "cues: warnte (−1); holder: author"


@pytest.mark.parametrize(
    ("gold", "suggested", "aliases", "same"),
    [
        ("author", None, (), True),
        ("Author", "Putin", (), False),
        ("Putin", None, (), False),
        (None, None, (), True),
        ("Putin/Peskow", "Kremlsprecher Dmitri Peskow", (), True),
        ("US-Geheimdienste", "US-Geheimdiensten", (), True),  # an inflected form
        ("US-Geheimdienste", "USA", ("USA", "US"), False),  # "us" is too short to count
        ("EU", "eu", (), True),  # short names: equal as a whole
        ("Weißes Haus", "USA", ("Weißes Haus", "Washington"), True),
        ("Beobachter (Spekulationen)", "Beobachter", (), True),
        ("Beobachter (Spekulationen)", "Spekulationen", (), False),  # a comment, not a name
        ("der Sprecher", "die Sprecherin", (), True),  # "sprecher" + "in"
        ("der Sprecher", "der Minister", (), False),  # articles are no content words
    ],
)
def test_same_holder(gold, suggested, aliases, same):
    assert same_holder(gold, suggested, aliases) is same


def test_holder_names_prefer_actors_then_targets_then_the_words():
    namer = HolderNamer(
        [HolderSpec("Putin", ("Wladimir Putin", "Kremlchef*"))],
        [("Russland", ("Russland", "Moskau", "Kreml*")), ("Putin", ("Putin",))],
    )
    assert namer.name(["Wladimir", "Putin"], "PER", False).name == "Putin"
    assert namer.name(["Kremlchefs"], None, True).name == "Putin"  # alias plus an ending
    assert namer.name(["Moskau"], "LOC", False).name == "Russland"
    assert namer.name(["der", "Kreml"], None, False).name == "Russland"
    # A prefix alias names an inflected word, not a compound: "Kremlsprecher" stays.
    assert namer.name(["Kremlsprecher", "Peskow"], None, True).name == "Kremlsprecher Peskow"
    assert namer.name(["die", "russische", "Führung"], None, False).name == "russische Führung"
    person = namer.name(["Jack", "Watling"], None, False)
    assert (person.name, person.person) == ("Jack Watling", True)


def test_a_target_against_itself_is_the_authors_portrayal():
    sentence = Sentence(0, 30, "x" * 30)
    verdict = Judged("Iran", "AGAINST", 0.8, "cues: droht (−1)", ((5, 10, -1.0),))
    own = suggestion_of(0, sentence, verdict, Holder("Iran", 0, 4, "subject"))
    assert (own.holder, own.evidence_start, own.evidence_end) == (None, 5, 10)
    other = suggestion_of(0, sentence, verdict, Holder("USA", 0, 3, "subject"))
    assert (other.holder, other.holder_how) == ("USA", "subject")


class _Cats:
    def __init__(self, cats: dict[str, float]) -> None:
        self.cats = cats


class _FakeModel:
    """Says AGAINST to everything, as a trained classifier might."""

    def __call__(self, text: str) -> _Cats:
        return _Cats({"FAVOR": 0.1, "AGAINST": 0.8, "NEUTRAL": 0.1})


def test_the_classifier_fills_holder_and_evidence_like_the_lexicon():
    lexicon = LexiconStanceSuggester(
        load_lexicon("de"), [TargetSpec("USA", ("USA",)), TargetSpec("Russland", ("Russland",))]
    )
    suggester = ClassifierStanceSuggester(_FakeModel(), lexicon, "7")  # type: ignore[arg-type]
    text = "Russland kritisierte die USA scharf."
    by_target = {s.target: s for s in suggester.suggest(text)}
    usa = by_target["USA"]
    assert (usa.label, usa.holder, usa.holder_how) == ("AGAINST", "Russland", "subject")
    assert text[usa.evidence_start : usa.evidence_end] == "kritisierte die USA scharf"
    assert usa.explanation == "model stance-textcat 7; holder: Russland, subject"
    # The lexicon found no cue for Russland itself: no evidence; Russland against itself is
    # the author's word.
    russia = by_target["Russland"]
    assert (russia.holder, russia.evidence_start) == (None, None)
