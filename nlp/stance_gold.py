"""Reading hand-labelled stance data (one article per JSONL line, gold sentences given) and
scoring a sentence-level stance predictor on it against the majority baseline."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.metrics import LabelScores, majority_baseline, score_labels
from nlp.stance_targets import TargetSpec

if TYPE_CHECKING:
    from nlp.stance_lexicon import LexiconStanceSuggester

LABELS = ["FAVOR", "AGAINST", "NEUTRAL"]
# sentence, target -> label (None: the predictor says nothing, which counts as NEUTRAL)
Predictor = Callable[[str, str], str | None]


@dataclass(frozen=True)
class GoldArticle:
    id: str
    sentences: list[str]
    targets: list[str]
    labels: dict[tuple[int, str], str]


def read_articles(path: Path) -> list[GoldArticle]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            labels = {(x["sentence"], x["target"]): x["label"] for x in record["labels"]}
            articles.append(
                GoldArticle(record["id"], record["sentences"], record["targets"], labels)
            )
    return articles


def read_targets(path: Path) -> list[TargetSpec]:
    """Targets from a JSON file; its demonyms are stems ("russisch" for russische, ...)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        TargetSpec(
            name,
            tuple(spec.get("aliases", ())),
            tuple(d if d.endswith("*") else d + "*" for d in spec.get("demonyms", ())),
        )
        for name, spec in data.items()
    ]


def score_predictor(
    articles: list[GoldArticle], predict: Predictor
) -> tuple[LabelScores, LabelScores]:
    """(the predictor's scores, the majority baseline's) over every gold (sentence, target)."""
    gold, predicted = [], []
    for article in articles:
        for (index, target), label in sorted(article.labels.items()):
            gold.append(label)
            predicted.append(predict(article.sentences[index], target) or "NEUTRAL")
    return score_labels(gold, predicted, LABELS), majority_baseline(gold, LABELS)


def cross_validate_classifier(
    articles: list[GoldArticle],
    lexicon: LexiconStanceSuggester,
    folds: int = 4,
    epochs: int = 15,
) -> tuple[LabelScores, LabelScores]:
    """(lexicon scores, classifier scores) over all labels, the classifier for each article
    trained on the articles of the other folds only (folds by article, never by sentence)."""
    from nlp.stance_classifier import StanceExample, classify, train_classifier

    gold, by_lexicon, by_classifier = [], [], []
    for fold in range(folds):
        held_out = [a for i, a in enumerate(articles) if i % folds == fold]
        training = [
            StanceExample(a.sentences[index], target, label)
            for i, a in enumerate(articles)
            if i % folds != fold
            for (index, target), label in a.labels.items()
        ]
        model = train_classifier(training, lexicon, epochs=epochs)
        for article in held_out:
            for (index, target), label in sorted(article.labels.items()):
                sentence = article.sentences[index]
                gold.append(label)
                by_classifier.append(classify(model, sentence, target, lexicon)[0])
                by_lexicon.append(
                    next(
                        (
                            lab
                            for t, lab, _c, _e in lexicon.suggest_sentence(sentence)
                            if t == target
                        ),
                        "NEUTRAL",
                    )
                )
    return score_labels(gold, by_lexicon, LABELS), score_labels(gold, by_classifier, LABELS)
