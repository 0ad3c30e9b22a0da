"""Holders the first rules missed, one general class each (nlp/holder_clauses.py and the
colon and attribution rules): hand-written German sentences, none from the held-out set."""

from __future__ import annotations

import pytest

from nlp.stance_holders import ATTRIBUTION
from nlp.stance_lexicon import LexiconStanceSuggester, StanceSuggestion, load_lexicon
from nlp.stance_targets import TargetSpec

TARGETS = [
    TargetSpec("Russland", ("Russland", "Russlands", "Moskau")),
    TargetSpec("NATO", ("NATO", "Nato")),
]


@pytest.fixture(scope="module")
def german() -> LexiconStanceSuggester:
    return LexiconStanceSuggester(load_lexicon("de"), TARGETS)


def side(suggester: LexiconStanceSuggester, text: str, target: str) -> StanceSuggestion:
    found = [s for s in suggester.suggest(text) if s.target == target]
    assert len(found) == 1, found
    assert found[0].label in ("FAVOR", "AGAINST"), found[0]
    return found[0]


def test_a_relative_clause_ending_in_the_verb_is_held_by_its_antecedent(german):
    text = "Lob kam von Außenminister Peter Berg, der die Angriffe Russlands verurteilte."
    assert side(german, text, "Russland").holder == "Außenminister Peter Berg"


def test_a_passive_is_held_by_its_agent(german):
    text = "Russland wurde seitens der Bundesregierung scharf kritisiert."
    assert side(german, text, "Russland").holder == "Bundesregierung"


def test_a_passive_without_an_agent_names_no_holder(german):
    text = "Am Ende wurde Russland scharf kritisiert."
    assert side(german, text, "Russland").holder is None


def test_the_subject_after_a_reflexive_verb_of_saying(german):
    text = "Sehr enttäuscht zeigte sich die Bundesregierung vom aggressiven Vorgehen Russlands."
    assert side(german, text, "Russland").holder == "Bundesregierung"


def test_heisst_es_in_names_the_source(german):
    text = "Russland habe die Ukraine brutal angegriffen, heißt es in einem Bericht des Außenamtes."
    s = side(german, text, "Russland")
    assert (s.holder, s.holder_how) == ("Bericht des Außenamtes", ATTRIBUTION)


def test_a_score_is_no_speaker_and_colon(german):
    text = "Das 0:3 war eine schwere Niederlage für Russland, das scharf kritisiert wurde."
    assert side(german, text, "Russland").holder is None


def test_a_topic_before_a_colon_is_no_speaker(german):
    text = "Die Grenzfrage: Russland muss die Angriffe sofort beenden, fordert die NATO."
    assert side(german, text, "Russland").holder == "NATO"


def test_a_name_before_a_colon_still_speaks(german):
    text = "Stoltenberg: Russland greift die Ukraine brutal an."
    assert side(german, text, "Russland").holder == "Stoltenberg"
