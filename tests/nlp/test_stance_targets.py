"""Target mentions: aliases, inflected forms, compounds, demonyms, entity spans."""

from __future__ import annotations

from nlp.stance_targets import TargetSpec, find_mentions

TARGETS = [
    TargetSpec("Russland", ("Russland", "Russlands", "Moskau", "Kreml*"), ("russisch*",)),
    TargetSpec("USA", ("USA", "US", "Washington"), ("amerikanisch*",)),
    TargetSpec("NATO", ("NATO",), ()),
]


def mentions(text, spans=()):
    return [(text[m.start : m.end], m.target, m.how) for m in find_mentions(text, TARGETS, spans)]


def test_aliases_inflections_compounds_and_demonyms():
    text = (
        "Russlands Präsident und der Kremlsprecher kritisierten die US-Regierung; "
        "russische Truppen stehen bereit, amerikanischen Angaben zufolge."
    )
    assert mentions(text) == [
        ("Russlands", "Russland", "alias"),
        ("Kremlsprecher", "Russland", "alias"),
        ("US-Regierung", "USA", "alias"),
        ("russische", "Russland", "demonym"),
        ("amerikanischen", "USA", "demonym"),
    ]


def test_case_matters_for_aliases_but_entities_link_other_spellings():
    text = "Die Nato warnt us alle."
    assert mentions(text) == []
    assert mentions(text, [(4, 8)]) == [("Nato", "NATO", "entity")]


def test_multi_word_aliases():
    targets = [TargetSpec("USA", ("Weißes Haus", "Weißen Haus*"), ())]
    text = "Das Weiße Haus schwieg, im Weißen Hauses hieß es nichts."
    found = [(text[m.start : m.end], m.target) for m in find_mentions(text, targets)]
    assert found == [("Weißen Hauses", "USA")]


def test_multi_word_demonyms():
    targets = [TargetSpec("North Korea", (), ("north korean*",))]
    text = "North Korean troops arrived."
    assert [(text[m.start : m.end], m.how) for m in find_mentions(text, targets)] == [
        ("North Korean", "demonym")
    ]
