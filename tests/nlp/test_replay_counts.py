"""The corrections ``replay`` counts, checked by hand on constructed suggestions."""

from __future__ import annotations

from nlp.replay_counts import EntityTally, Gold, Shown, StanceTally, plan_entities


def test_each_kind_of_decision_is_found() -> None:
    # "John Smith met Acme staff in Paris on Monday; Lisa came too."
    shown = [
        Shown(1, 0, 4, "PER"),  # "John" of "John Smith": resize
        Shown(2, 9, 13, "ORG"),  # "Acme": right
        Shown(3, 29, 34, "PER"),  # "Paris" as PER: relabel
        Shown(4, 38, 44, "ORG"),  # "Monday": reject
    ]
    gold = [
        Gold(0, 10, "PER"),
        Gold(9, 13, "ORG"),
        Gold(29, 34, "LOC"),
        Gold(46, 50, "PER"),  # "Lisa": add
    ]
    plan = plan_entities(shown, gold)
    assert [s.id for s in plan.accept] == [2]
    assert [(s.id, g.label) for s, g in plan.relabel] == [(3, "LOC")]
    assert [(s.id, (g.start, g.end)) for s, g in plan.resize] == [(1, (0, 10))]
    assert [s.id for s in plan.reject] == [4]
    assert plan.add == [Gold(46, 50, "PER")]
    assert plan.counts == {"accept": 1, "reject": 1, "relabel": 1, "resize": 1, "add": 1}


def test_a_resize_with_the_wrong_label_is_a_relabel_too() -> None:
    plan = plan_entities([Shown(1, 0, 4, "ORG")], [Gold(0, 10, "PER")])
    assert plan.counts == {"accept": 0, "reject": 0, "relabel": 1, "resize": 1, "add": 0}


def test_one_suggestion_pairs_with_one_gold_entity_the_largest_overlap_first() -> None:
    # One long suggestion over two gold names: it is resized to the one it covers most,
    # and the other is added.
    plan = plan_entities([Shown(1, 0, 20, "PER")], [Gold(0, 5, "PER"), Gold(8, 20, "PER")])
    assert [(g.start, g.end) for _, g in plan.resize] == [(8, 20)]
    assert plan.add == [Gold(0, 5, "PER")]


def test_without_suggestions_every_gold_entity_is_one_addition() -> None:
    gold = [Gold(0, 4, "PER"), Gold(10, 14, "LOC"), Gold(20, 24, "ORG")]
    tally = EntityTally()
    plan = plan_entities([], gold)
    tally.add(plan, 0, len(gold))
    tally.count("add", len(plan.add))
    figures = tally.as_dict()
    assert figures["corrections_per_gold"] == 1.0
    assert figures["precision"] == 0.0 and figures["recall"] == 0.0


def test_entity_figures_of_a_document() -> None:
    shown = [Shown(1, 0, 4, "PER"), Shown(2, 9, 13, "ORG"), Shown(3, 20, 25, "LOC")]
    gold = [Gold(0, 4, "PER"), Gold(9, 13, "ORG"), Gold(30, 35, "PER")]
    plan = plan_entities(shown, gold)
    tally = EntityTally()
    tally.add(plan, len(shown), len(gold))
    for kind, times in plan.counts.items():
        tally.count(kind, times)
    figures = tally.as_dict()
    assert figures["gold"] == 3 and figures["suggested"] == 3 and figures["correct"] == 2
    assert figures["corrections"] == {
        "accept": 2,
        "reject": 1,
        "relabel": 0,
        "resize": 0,
        "add": 1,
    }
    assert figures["corrections_per_gold"] == round(2 / 3, 4)  # accepts are not corrections
    assert figures["precision"] == round(2 / 3, 4)
    assert figures["recall"] == round(2 / 3, 4)


def test_stance_pairs_unsuggested_count_as_neutral() -> None:
    tally = StanceTally()
    tally.add("AGAINST", "AGAINST")
    tally.add("NEUTRAL", None)  # nothing shown, gold NEUTRAL: no correction
    tally.add("FAVOR", None)  # nothing shown, gold FAVOR: one
    tally.add("NEUTRAL", "AGAINST")  # a side shown where the gold has none: one
    figures = tally.as_dict()
    assert figures["pairs"] == 4
    assert figures["corrections"] == 2
    assert figures["corrections_per_pair"] == 0.5
    assert figures["accuracy"] == 0.5
    # AGAINST: P 1/2, R 1 -> F1 2/3; NEUTRAL: P 1/2 (FAVOR shown as NEUTRAL), R 1/2 -> 1/2;
    # FAVOR never shown -> 0.
    against = 2 * 0.5 * 1.0 / 1.5
    neutral = 0.5
    assert figures["macro_f1"] == round((against + 0.0 + neutral) / 3, 4)
