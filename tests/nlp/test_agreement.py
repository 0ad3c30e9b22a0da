"""Agreement measures against examples computed by hand."""

from __future__ import annotations

import pytest

from nlp.agreement import (
    OUTSIDE,
    binary,
    cohen_kappa,
    krippendorff_alpha_nominal,
    span_f1,
    token_labels,
)


def test_kappa_of_a_hand_computed_two_by_two_table():
    # 50 items, two annotators, labels yes/no:
    #
    #               B yes   B no
    #      A yes     20       5     (A: yes 25)
    #      A no      10      15     (A: no 25)
    #             (B: yes 30, no 20)
    #
    # p_o = (20 + 15) / 50 = 0.7
    # p_e = P(A yes) * P(B yes) + P(A no) * P(B no) = 0.5 * 0.6 + 0.5 * 0.4 = 0.5
    # kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10
    pairs += [("no", "no")] * 15
    a, b = zip(*pairs, strict=True)
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(b, a) == pytest.approx(0.4)


def test_kappa_of_perfect_and_of_chance_agreement():
    labels = ["FAVOR", "AGAINST", "NONE", "AGAINST"]
    assert cohen_kappa(labels, labels) == 1.0
    # p_o = 2/4 = 0.5; each annotator uses x and y half the time, so p_e = 0.5: kappa 0.
    assert cohen_kappa(["x", "x", "y", "y"], ["x", "y", "x", "y"]) == pytest.approx(0.0)
    # Worse than chance: p_o = 0, p_e = 0.5, kappa = -1.
    assert cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)


def test_kappa_when_everything_expected_to_agree():
    # p_e = 1: 0/0 by the formula; the documented convention gives 1.0 for full agreement.
    assert cohen_kappa(["O", "O", "O"], ["O", "O", "O"]) == 1.0


def test_kappa_refuses_what_cannot_be_compared():
    with pytest.raises(ValueError):
        cohen_kappa([], [])
    with pytest.raises(ValueError):
        cohen_kappa(["x"], ["x", "y"])


def test_span_f1_exact_match_and_per_label():
    a = {(0, 8, "ORG"), (10, 18, "LOC"), (20, 25, "PER")}
    b = {(0, 8, "ORG"), (10, 18, "ORG"), (20, 24, "PER")}
    # One exact match of three spans each: F1 = 2 * 1 / (3 + 3).
    assert span_f1(a, b) == pytest.approx(1 / 3)
    # ORG: a has 1, b has 2, one shared: 2 * 1 / 3.
    assert span_f1(a, b, "ORG") == pytest.approx(2 / 3)
    assert span_f1(a, b, "LOC") == 0.0
    assert span_f1(set(), set()) == 1.0
    assert span_f1(a, a) == 1.0


def test_token_labels_follow_nlp_tokens():
    text = "Die NATO warnt Olaf Scholz."
    tokens = token_labels(text, [(4, 8, "ORG"), (15, 26, "PER")])
    assert tokens == [OUTSIDE, "ORG", OUTSIDE, "PER", "PER", OUTSIDE]
    assert binary(tokens, "PER") == ["other", "other", "other", "PER", "PER", "other"]


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal data,
# 4 observers, 12 units, None where an observer gave no value.
KRIPPENDORFF_2011 = [
    ["1", "1", None, "1"],
    ["2", "2", "3", "2"],
    ["3", "3", "3", "3"],
    ["3", "3", "3", "3"],
    ["2", "2", "2", "2"],
    ["1", "2", "3", "4"],
    ["4", "4", "4", "4"],
    ["1", "1", "2", "1"],
    ["2", "2", "2", "2"],
    [None, "5", "5", "5"],
    [None, None, "1", "1"],
    [None, "3", None, None],  # one value: not pairable, ignored
]


def test_krippendorff_alpha_of_the_2011_nominal_example():
    # Coincidences, each unit's ordered pairs weighted 1 / (m_u - 1):
    #
    #            1      2      3      4      5     n_c
    #      1     7     4/3    1/3    1/3     .      9
    #      2    4/3    10     4/3    1/3     .     13
    #      3    1/3    4/3     8     1/3     .     10
    #      4    1/3    1/3    1/3     4      .      5
    #      5     .      .      .      .      3      3
    #                                            n = 40
    #
    # disagreeing pairs: 40 - (7 + 10 + 8 + 4 + 3) = 8
    # sum over c != k of n_c n_k = 40^2 - (81 + 169 + 100 + 25 + 9) = 1216
    # alpha = 1 - (n - 1) * 8 / 1216 = 1 - 39 * 8 / 1216 = 0.743 (as in the paper)
    assert krippendorff_alpha_nominal(KRIPPENDORFF_2011) == pytest.approx(1 - 312 / 1216)
    assert round(krippendorff_alpha_nominal(KRIPPENDORFF_2011), 3) == 0.743


def test_krippendorff_alpha_with_missing_values_and_edge_cases():
    # Units a value short are ignored: the same data without unit 12 gives the same alpha.
    assert krippendorff_alpha_nominal(KRIPPENDORFF_2011[:11]) == pytest.approx(1 - 312 / 1216)
    assert krippendorff_alpha_nominal([["x", "x", None], [None, "y", "y"]]) == 1.0
    # Two coders, two units, complete disagreement: o_xy = o_yx = 2, n = 4,
    # alpha = 1 - 3 * 4 / (16 - 4 - 4) = -0.5.
    assert krippendorff_alpha_nominal([["x", "y"], ["y", "x"]]) == pytest.approx(-0.5)
    # Only one value anywhere: no expected disagreement, documented as 1.0.
    assert krippendorff_alpha_nominal([["x", "x"], ["x", None, "x"]]) == 1.0
    with pytest.raises(ValueError):
        krippendorff_alpha_nominal([["x", None], [None]])


def test_krippendorff_alpha_of_two_complete_coders_is_close_to_kappa():
    # For two coders without missing values alpha differs from Scott's pi only by the
    # small-sample factor (n - 1) / n; here a sanity check that it ranks like kappa.
    a = ["x", "x", "y", "y", "x", "y"]
    b = ["x", "x", "y", "x", "x", "y"]
    alpha = krippendorff_alpha_nominal(list(zip(a, b, strict=True)))
    assert 0 < alpha < 1
    assert alpha == pytest.approx(cohen_kappa(a, b), abs=0.1)


def test_kappa_and_alpha_match_reference_implementations():
    """Random label sets, scored by scikit-learn's Cohen's kappa and the `krippendorff`
    package (test dependencies only) and by ours."""
    import random

    import numpy as np
    from krippendorff import alpha as reference_alpha
    from sklearn.metrics import cohen_kappa_score

    rng = random.Random(7)
    labels = ["FAVOR", "AGAINST", "NEUTRAL"]
    compared = 0
    for _ in range(20):
        n = rng.randint(5, 40)
        a = [rng.choice(labels) for _ in range(n)]
        b = [x if rng.random() < 0.6 else rng.choice(labels) for x in a]
        if len(set(a) | set(b)) < 2:
            continue
        assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
        # Three annotators, some items missing for some of them.
        c = [x if rng.random() < 0.5 else rng.choice(labels) for x in a]
        units = [
            [v if rng.random() > 0.15 else None for v in unit] for unit in zip(a, b, c, strict=True)
        ]
        units = [u for u in units if sum(v is not None for v in u) >= 2]
        if len({v for u in units for v in u if v is not None}) < 2:
            continue
        codes = {label: i for i, label in enumerate(labels)}
        matrix = np.array(
            [[np.nan if u[k] is None else codes[u[k]] for u in units] for k in range(3)]
        )
        expected = reference_alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert krippendorff_alpha_nominal(units) == pytest.approx(expected)
        compared += 1
    assert compared >= 15  # the random sets were not all skipped
