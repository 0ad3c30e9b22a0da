"""Accuracy, macro-F1 and the confusion matrix, checked by hand."""

from __future__ import annotations

import pytest

from nlp.metrics import majority_baseline, score_labels

LABELS = ["FAVOR", "AGAINST", "NEUTRAL"]


def test_scores_by_hand():
    gold = ["FAVOR", "FAVOR", "AGAINST", "NEUTRAL", "NEUTRAL", "NEUTRAL"]
    predicted = ["FAVOR", "NEUTRAL", "AGAINST", "NEUTRAL", "AGAINST", "NEUTRAL"]
    scores = score_labels(gold, predicted, LABELS)
    assert scores.accuracy == pytest.approx(4 / 6)
    # FAVOR: p 1, r .5 -> .667; AGAINST: p .5, r 1 -> .667; NEUTRAL: p 2/3, r 2/3 -> .667
    assert scores.per_label_f1 == pytest.approx(
        {"FAVOR": 2 / 3, "AGAINST": 2 / 3, "NEUTRAL": 2 / 3}
    )
    assert scores.macro_f1 == pytest.approx(2 / 3)
    assert scores.confusion["NEUTRAL"] == {"FAVOR": 0, "AGAINST": 1, "NEUTRAL": 2}


def test_majority_baseline_predicts_the_most_frequent_label():
    gold = ["NEUTRAL"] * 6 + ["FAVOR"] * 2 + ["AGAINST"] * 2
    baseline = majority_baseline(gold, LABELS)
    assert baseline.accuracy == pytest.approx(0.6)
    assert baseline.macro_f1 == pytest.approx((2 * 0.6 * 1 / 1.6) / 3)
