"""Classification scores for stance labels: accuracy, macro-F1, confusion matrix, and the
majority-class baseline they are read against."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelScores:
    accuracy: float
    macro_f1: float
    per_label_f1: dict[str, float]
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count
    count: int


def score_labels(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> LabelScores:
    """Scores of ``predicted`` against ``gold`` over ``labels`` (macro-F1 averages them all,
    so a label nobody predicts counts as F1 0)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, {q: 0 for q in labels}).setdefault(p, 0)
        confusion[g][p] += 1
    per_label = {}
    for label in labels:
        tp = confusion.get(label, {}).get(label, 0)
        fp = sum(row.get(label, 0) for g, row in confusion.items() if g != label)
        fn = sum(c for p, c in confusion.get(label, {}).items() if p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_label[label] = 2 * precision * recall / (precision + recall) if tp else 0.0
    right = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return LabelScores(
        accuracy=right / len(gold) if gold else 0.0,
        macro_f1=sum(per_label.values()) / len(labels) if labels else 0.0,
        per_label_f1=per_label,
        confusion=confusion,
        count=len(gold),
    )


def majority_baseline(gold: Sequence[str], labels: Sequence[str]) -> LabelScores:
    """What always predicting the most frequent gold label scores."""
    most = Counter(gold).most_common(1)[0][0] if gold else labels[0]
    return score_labels(gold, [most] * len(gold), labels)


def format_scores(name: str, scores: LabelScores, labels: Sequence[str]) -> list[str]:
    lines = [
        f"{name}: accuracy {scores.accuracy:.3f}, macro-F1 {scores.macro_f1:.3f} "
        f"({', '.join(f'{k} {v:.2f}' for k, v in scores.per_label_f1.items())})"
    ]
    width = max(len(label) for label in labels) + 2
    lines.append(" " * width + "".join(f"{label:>{width}}" for label in labels) + "  ← predicted")
    for gold in labels:
        row = scores.confusion.get(gold, {})
        lines.append(f"{gold:<{width}}" + "".join(f"{row.get(p, 0):>{width}}" for p in labels))
    return lines
