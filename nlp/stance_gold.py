"""Reading hand-labelled stance data (one article per JSONL line, gold sentences given) and
scoring a sentence-level stance predictor on it against the majority baseline."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nlp.metrics import LabelScores, majority_baseline, score_labels
from nlp.stance_targets import TargetSpec

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
