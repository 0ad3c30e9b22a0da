"""Who holds a suggested stance (nlp/stance_holders.py): hand-written German and English
sentences, one rule each, with the holder's name, how it was found, and its offsets."""

from __future__ import annotations

import pytest

from nlp.holder_names import HolderSpec
from nlp.stance_holders import (
    ATTRIBUTION,
    CONTINUED,
    PRONOUN,
    QUOTE,
    REPORTED,
    SUBJECT,
)
from nlp.stance_lexicon import LexiconStanceSuggester, StanceSuggestion, load_lexicon
from nlp.stance_targets import TargetSpec

TARGETS = [
    TargetSpec("Russland", ("Russland", "Russlands", "Moskau", "Kreml*")),
    TargetSpec("USA", ("USA", "US", "Washington", "Weißes Haus", "Weiße Haus")),
    TargetSpec("Ukraine", ("Ukraine", "Kiew")),
    TargetSpec("NATO", ("NATO", "Nato")),
    TargetSpec("Iran", ("Iran", "Teheran")),
]
TARGETS_EN = [
    TargetSpec("Russia", ("Russia", "Moscow", "Kremlin")),
    TargetSpec("NATO", ("NATO",)),
    TargetSpec("Ukraine", ("Ukraine", "Kyiv")),
]


@pytest.fixture(scope="module")
def german() -> LexiconStanceSuggester:
    return LexiconStanceSuggester(load_lexicon("de"), TARGETS)


@pytest.fixture(scope="module")
def english() -> LexiconStanceSuggester:
    return LexiconStanceSuggester(load_lexicon("en"), TARGETS_EN)


def stance(
    suggester: LexiconStanceSuggester,
    text: str,
    target: str,
    sentence: int = 0,
    entities: list[tuple[int, int, str]] | None = None,
) -> StanceSuggestion:
    """The suggestion for ``target`` in the ``sentence``-th sentence; it must take a side."""
    found = [
        s
        for s in suggester.suggest(text, entities)
        if s.target == target and s.sentence_index == sentence
    ]
    assert len(found) == 1, found
    assert found[0].label in ("FAVOR", "AGAINST"), found[0]
    return found[0]


def mention(text: str, s: StanceSuggestion) -> str:
    assert s.holder_start is not None and s.holder_end is not None
    return text[s.holder_start : s.holder_end]


def test_reported_speech_names_the_speaker_and_where_he_is(german):
    text = "Der Militärexperte Jack Watling warnte, dass Russland die Ukraine brutal angreife."
    s = stance(german, text, "Russland")
    assert (s.holder, s.holder_how) == ("Militärexperte Jack Watling", REPORTED)
    assert mention(text, s) == "Militärexperte Jack Watling"
    assert s.explanation.endswith("; holder: Militärexperte Jack Watling, reported speech")


def test_an_entity_span_names_the_holder_without_his_title(german):
    text = "Der Militärexperte Jack Watling warnte, dass Russland die Ukraine brutal angreife."
    start = text.index("Jack")
    s = stance(german, text, "Russland", entities=[(start, start + 12, "PER")])
    assert (s.holder, s.holder_start, s.holder_end) == ("Jack Watling", start, start + 12)


def test_an_inverted_verb_after_a_quote_names_the_speaker(german):
    text = "„Die USA sind ein Aggressor“, sagte Außenminister Sergej Lawrow."
    s = stance(german, text, "USA")
    assert (s.holder, s.holder_how) == ("Außenminister Sergej Lawrow", QUOTE)


def test_a_verb_of_saying_behind_the_sentence_frames_it(german):
    text = "Die Nato verurteilt die Ukraine scharf, sagte Kremlsprecher Dmitri Peskow."
    s = stance(german, text, "Ukraine")
    assert (s.holder, s.holder_how) == ("Kremlsprecher Dmitri Peskow", REPORTED)


@pytest.mark.parametrize(
    ("text", "target", "holder"),
    [
        ("Laut Außenminister Sergej Lawrow ist die Nato eine Bedrohung.", "NATO", None),
        ("US-Geheimdiensten zufolge hat Russland die Wahl massiv manipuliert.", "Russland", None),
        (
            "Nach Angaben der ukrainischen Armee hat Russland die Ukraine brutal angegriffen.",
            "Russland",
            "ukrainischen Armee",
        ),
    ],
)
def test_attribution_without_a_verb(german, text, target, holder):
    s = stance(german, text, target)
    expected = (
        holder or {"NATO": "Außenminister Sergej Lawrow", "Russland": "US-Geheimdiensten"}[target]
    )
    assert (s.holder, s.holder_how) == (expected, ATTRIBUTION)
    assert mention(text, s) == expected


def test_the_subject_of_a_judging_verb_holds_the_stance(german):
    text = "Russland kritisierte die USA scharf."
    s = stance(german, text, "USA")
    assert (s.holder, s.holder_how, mention(text, s)) == ("Russland", SUBJECT, "Russland")


def test_a_subject_whose_verb_judges_nobody_here_holds_nothing(german):
    # "die Ukraine" looks like the subject of "unterstützen", which judges no target in its
    # clause: the stance toward Russland in the other clause is the author's.
    text = (
        "Während die Nachbarländer die Ukraine unterstützen, wächst die Sorge, dass Russland "
        "die Lage weiter destabilisieren könnte."
    )
    s = stance(german, text, "Russland")
    assert (s.label, s.holder, s.holder_how) == ("AGAINST", None, "")


def test_a_target_alias_names_the_target(german):
    text = "Moskau kritisierte die USA scharf."
    s = stance(german, text, "USA")
    assert (s.holder, mention(text, s)) == ("Russland", "Moskau")


@pytest.mark.parametrize(
    ("text", "target", "holder", "how"),
    [
        ("Sergej Lawrow wirft den USA vor, die Ukraine aufzurüsten.", "USA", "Sergej Lawrow", None),
        ("Iran droht den USA mit Krieg.", "USA", "Iran", SUBJECT),
        ("Putin: Die Nato ist eine Bedrohung für Russland.", "NATO", "Putin", QUOTE),
        (
            "Der Chef des Ausschusses, Viktor Oserow, sagte, die USA seien ein Aggressor.",
            "USA",
            "Viktor Oserow",
            REPORTED,
        ),
        (
            "Am Montag erklärte das Weiße Haus, Russland sei ein Aggressor.",
            "Russland",
            "USA",
            REPORTED,
        ),
    ],
)
def test_accusations_threats_colons_appositions_and_fronted_verbs(
    german, text, target, holder, how
):
    s = stance(german, text, target)
    assert s.holder == holder
    if how is not None:
        assert s.holder_how == how


def test_indirect_speech_continues_the_previous_holder(german):
    text = (
        "Am Montag erklärte Sergej Lawrow, die USA seien ein Aggressor. "
        "Die Nato sei eine Bedrohung."
    )
    s = stance(german, text, "NATO", sentence=1)
    assert (s.holder, s.holder_how) == ("Sergej Lawrow", CONTINUED)
    assert s.holder_start is not None and s.holder_start < text.index("Die Nato")
    assert mention(text, s) == "Sergej Lawrow"


def test_a_quote_without_a_speaker_continues_the_previous_holder(german):
    text = "„Die USA sind ein Aggressor“, sagte Sergej Lawrow. „Die Nato ist eine Bedrohung.“"
    s = stance(german, text, "NATO", sentence=1)
    assert (s.holder, s.holder_how) == ("Sergej Lawrow", CONTINUED)


def test_the_authors_own_sentence_ends_the_continuation(german):
    text = (
        "Am Montag erklärte Sergej Lawrow, die USA seien ein Aggressor. "
        "Die Nato ist eine Bedrohung."
    )
    s = stance(german, text, "NATO", sentence=1)
    assert (s.holder, s.holder_how, s.holder_start) == (None, "", None)
    assert s.explanation.endswith("; holder: author")


def test_a_pronoun_resolves_to_the_last_person_entity(german):
    text = "Sergej Lawrow sprach in Genf. Er kritisierte die USA scharf."
    s = stance(german, text, "USA", sentence=1, entities=[(0, 13, "PER"), (24, 28, "LOC")])
    assert (s.holder, s.holder_how, s.holder_start, s.holder_end) == (
        "Sergej Lawrow",
        PRONOUN,
        0,
        13,
    )


def test_a_pronoun_resolves_to_the_last_person_who_spoke(german):
    text = (
        "Außenminister Sergej Lawrow warnte, die Nato sei eine Bedrohung. "
        "Zudem kritisierte er die USA scharf."
    )
    s = stance(german, text, "USA", sentence=1)
    assert (s.holder, s.holder_how) == ("Außenminister Sergej Lawrow", PRONOUN)
    assert mention(text, s) == "Außenminister Sergej Lawrow"


def test_a_project_actor_names_the_holder_by_its_aliases():
    holders = [HolderSpec("Putin", ("Wladimir Putin", "russische Präsident"))]
    suggester = LexiconStanceSuggester(load_lexicon("de"), TARGETS, holders)
    for text in (
        "Der russische Präsident warnte, die Nato sei eine Bedrohung.",
        "Kremlchef Wladimir Putin warnte, die Nato sei eine Bedrohung.",
    ):
        assert stance(suggester, text, "NATO").holder == "Putin", text


def test_a_target_is_not_against_itself_by_its_own_word(german):
    text = "Moskau sagte, Russland sei eine Bedrohung."
    assert stance(german, text, "Russland").holder is None


def test_the_evidence_runs_from_the_first_to_the_last_deciding_cue(german):
    text = "Russland kritisierte die USA scharf."
    s = stance(german, text, "USA")
    assert s.evidence_start is not None and s.evidence_end is not None
    assert text[s.evidence_start : s.evidence_end] == "kritisierte die USA scharf"
    # Offsets are the document's: the same sentence second in a text moves them along.
    later = stance(german, "Es regnet. " + text, "USA", sentence=1)
    assert (later.evidence_start, later.evidence_end) == (
        s.evidence_start + 11,
        s.evidence_end + 11,
    )


def test_neutral_suggestions_carry_no_holder_and_no_evidence(german):
    text = "Russland kritisierte die USA scharf."
    neutral = next(s for s in german.suggest(text) if s.target == "Russland")
    assert neutral.label == "NEUTRAL"
    assert (neutral.holder, neutral.holder_how, neutral.evidence_start) == (None, "", None)
    assert "holder:" not in neutral.explanation


@pytest.mark.parametrize(
    ("text", "target", "holder", "how", "entities"),
    [
        (
            "Russia is an aggressor, said Kremlin critic Alexei Navalny.",
            "Russia",
            "Kremlin critic Alexei Navalny",
            REPORTED,
            None,
        ),
        (
            "Defence analyst Jack Watling warned that Russia brutally attacked Ukraine.",
            "Ukraine",
            "Defence analyst Jack Watling",
            REPORTED,
            None,
        ),
        (
            "Jack Watling spoke in London. He strongly condemned Russia.",
            "Russia",
            "Jack Watling",
            PRONOUN,
            [(0, 12, "PER")],
        ),
        (
            "According to Jens Stoltenberg, Russia is an aggressor.",
            "Russia",
            "Jens Stoltenberg",
            ATTRIBUTION,
            None,
        ),
    ],
)
def test_english_attribution(english, text, target, holder, how, entities):
    sentence = 1 if text.startswith("Jack Watling spoke") else 0
    s = stance(english, text, target, sentence=sentence, entities=entities)
    assert (s.holder, s.holder_how) == (holder, how)


def test_a_pronoun_takes_the_person_mentioned_last_not_the_last_speaker(german):
    text = (
        "Wladimir Putin sprach in Genf. Später kritisierte Sergej Lawrow die USA scharf. "
        "Putin reagierte gelassen. Er kritisierte die Nato scharf."
    )
    s = stance(german, text, "NATO", sentence=3, entities=[(0, 14, "PER")])
    later = text.index("Putin reagierte")
    assert (s.holder, s.holder_how, s.holder_start, s.holder_end) == (
        "Wladimir Putin",
        PRONOUN,
        later,
        later + len("Putin"),
    )


def test_who_speaks_for_a_target_is_not_against_it(german):
    # The threat of Russia's own minister, told as such, is the author's portrayal.
    text = "Der russische Außenminister Sergej Lawrow drohte, Russland werde die Ukraine angreifen."
    s = stance(german, text, "Russland")
    assert s.holder is None
    assert stance(german, text, "Ukraine").holder == "russische Außenminister Sergej Lawrow"
    # So does the Kremlin's spokesman; a critic of the Kremlin does not.
    text = "Der Kremlsprecher Dmitri Peskow sagte, Russland sei eine Bedrohung."
    assert stance(german, text, "Russland").holder is None
