"""The cold-start stance suggester on German articles we wrote and labelled by hand
(``stance_data/``): it must beat always answering the most frequent label."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.stance_gold import read_articles, read_targets, score_predictor
from nlp.stance_lexicon import LexiconStanceSuggester, load_lexicon
from text.sentences import split_sentences

DATA = Path(__file__).with_name("stance_data")


@pytest.fixture(scope="module")
def articles():
    return read_articles(DATA / "articles_de.jsonl")


def test_the_data_is_complete(articles):
    assert len(articles) >= 10
    for article in articles:
        for index in range(len(article.sentences)):
            for target in article.targets:
                assert (index, target) in article.labels


def test_the_splitter_finds_the_gold_sentences(articles):
    for article in articles:
        text = article.sentences[0] + "\n" + " ".join(article.sentences[1:])
        assert [s.text for s in split_sentences(text)] == article.sentences, article.id


def test_lexicon_beats_the_majority_baseline(articles):
    suggester = LexiconStanceSuggester(load_lexicon("de"), read_targets(DATA / "targets_de.json"))

    def predict(sentence: str, target: str) -> str | None:
        return next(
            (label for t, label, _c, _e in suggester.suggest_sentence(sentence) if t == target),
            None,
        )

    scores, baseline = score_predictor(articles, predict)
    print(
        f"lexicon macro-F1 {scores.macro_f1:.3f} accuracy {scores.accuracy:.3f}; "
        f"majority macro-F1 {baseline.macro_f1:.3f} accuracy {baseline.accuracy:.3f}"
    )
    assert scores.macro_f1 > baseline.macro_f1 + 0.15


@pytest.mark.slow
def test_the_trained_classifier_beats_the_lexicon_on_unseen_articles(articles):
    from nlp.stance_gold import cross_validate_classifier

    lexicon = LexiconStanceSuggester(load_lexicon("de"), read_targets(DATA / "targets_de.json"))
    by_lexicon, by_classifier = cross_validate_classifier(articles, lexicon)
    print(
        f"unseen articles: lexicon macro-F1 {by_lexicon.macro_f1:.3f}, "
        f"classifier {by_classifier.macro_f1:.3f}"
    )
    assert by_classifier.macro_f1 > by_lexicon.macro_f1
