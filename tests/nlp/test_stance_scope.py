"""Which target a stance cue judges (nlp/stance_scope.py): hand-written German sentences,
one rule each."""

from __future__ import annotations

import pytest

from nlp.stance_explanations import ELSEWHERE, SPEAKER, WEAK_CUES, read_explanation
from nlp.stance_lexicon import LexiconStanceSuggester, load_lexicon
from nlp.stance_targets import TargetSpec

TARGETS = [
    TargetSpec("Russland", ("Russland", "Russlands", "Moskau", "Kreml*")),
    TargetSpec("USA", ("USA", "US", "Washington")),
    TargetSpec("Ukraine", ("Ukraine", "Kiew")),
    TargetSpec("Nordkorea", ("Nordkorea", "Pjöngjang")),
    TargetSpec("EU", ("EU", "Brüssel")),
    TargetSpec("Iran", ("Iran", "Teheran")),
]


@pytest.fixture(scope="module")
def suggester() -> LexiconStanceSuggester:
    return LexiconStanceSuggester(load_lexicon("de"), TARGETS)


def labels(suggester: LexiconStanceSuggester, sentence: str) -> dict[str, str]:
    return {target: label for target, label, _c, _e in suggester.suggest_sentence(sentence)}


def explanation(suggester: LexiconStanceSuggester, sentence: str, target: str) -> str:
    """The code of the explanation given for ``target``."""
    text = next(e for t, _l, _c, e in suggester.suggest_sentence(sentence) if t == target)
    read = read_explanation(text)
    assert read is not None, text
    return read.code


def test_a_verb_of_judgement_judges_its_object_not_its_subject(suggester):
    sentence = "Die Ukraine verurteilte die USA am Dienstag scharf."
    assert labels(suggester, sentence) == {"Ukraine": "NEUTRAL", "USA": "AGAINST"}
    assert explanation(suggester, sentence, "Ukraine") == SPEAKER


def test_a_subject_of_two_names_holds_the_judgement_together(suggester):
    sentence = "Der Kreml und Moskaus Diplomaten lobten Washington überschwänglich."
    assert labels(suggester, sentence)["USA"] == "FAVOR"
    assert labels(suggester, sentence)["Russland"] == "NEUTRAL"


def test_after_a_finite_auxiliary_the_target_is_the_object(suggester):
    sentence = "Der Außenminister hatte Teheran zuvor mehrmals gewarnt."
    assert labels(suggester, sentence) == {"Iran": "AGAINST"}


def test_in_the_passive_the_subject_is_judged(suggester):
    assert labels(suggester, "Moskau wurde von vielen Staaten kritisiert.") == {
        "Russland": "AGAINST"
    }


def test_criticising_sanctions_against_a_target_is_not_against_it(suggester):
    sentence = "Nordkorea kritisierte neue Sanktionen gegen Russland."
    assert labels(suggester, sentence) == {"Nordkorea": "NEUTRAL", "Russland": "NEUTRAL"}


def test_the_speaker_of_reported_speech_is_not_judged_by_what_they_say(suggester):
    sentence = "Kiew erklärte, Russland führe einen brutalen Angriffskrieg."
    assert labels(suggester, sentence) == {"Ukraine": "NEUTRAL", "Russland": "AGAINST"}


def test_one_evaluative_word_colours_only_the_target_it_stands_next_to(suggester):
    sentence = (
        "Die USA nannten die Lage in der Ukraine angesichts der russischen Aggression "
        "alarmierend und gefährlich."
    )
    found = labels(suggester, sentence)
    assert found["Russland"] == "AGAINST"
    assert found["Ukraine"] == "NEUTRAL"


def test_an_act_portrays_its_agent_not_the_target_it_was_aimed_at(suggester):
    sentence = "Der brutale Angriff Russlands auf die Ukraine dauert an."
    assert labels(suggester, sentence) == {"Russland": "AGAINST", "Ukraine": "NEUTRAL"}


def test_an_agent_named_with_durch_is_the_one_the_act_portrays(suggester):
    sentence = "Die EU reagierte auf die gewaltsame Annexion der Halbinsel durch Moskau."
    assert labels(suggester, sentence) == {"EU": "NEUTRAL", "Russland": "AGAINST"}


def test_gegen_turns_a_judgement_against_its_target(suggester):
    sentence = "Die EU sagte Kiew Unterstützung gegen Russland zu."
    found = labels(suggester, sentence)
    assert found["Russland"] == "AGAINST"


def test_a_cue_does_not_cross_into_another_clause(suggester):
    sentence = (
        "Die EU will die Abhängigkeit von russischem Gas verringern, begrüßte die Kommission."
    )
    assert labels(suggester, sentence) == {"EU": "NEUTRAL", "Russland": "NEUTRAL"}
    code = explanation(suggester, sentence, "Russland")
    assert code == ELSEWHERE


def test_denying_an_accusation_defends_the_accused(suggester):
    assert labels(suggester, "Moskau wies die Vorwürfe am Montag entschieden zurück.") == {
        "Russland": "FAVOR"
    }


def test_a_negation_in_the_cue_s_clause_flips_it(suggester):
    assert labels(suggester, "Die EU hat die USA nicht kritisiert.") == {
        "EU": "NEUTRAL",
        "USA": "FAVOR",
    }


def test_a_negation_in_another_clause_does_not(suggester):
    found = labels(suggester, "Das war nicht überraschend, denn Pjöngjang verurteilte die USA.")
    assert found["USA"] == "AGAINST"


def test_weak_evidence_stays_neutral(suggester):
    sentence = "Die Spannungen zwischen Washington und Teheran nehmen zu."
    assert set(labels(suggester, sentence).values()) == {"NEUTRAL"}
    explained = {explanation(suggester, sentence, t) for t in ("USA", "Iran")}
    assert explained <= {WEAK_CUES, ELSEWHERE, "no_cues"}


def test_welcoming_aid_for_a_target_favours_it(suggester):
    assert labels(suggester, "Die Regierung begrüßte die Hilfe für Kiew.") == {"Ukraine": "FAVOR"}
