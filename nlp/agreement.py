"""Inter-annotator agreement on plain data: span F1 and Cohen's kappa for entities, Cohen's
kappa and Krippendorff's alpha (nominal) for stance.

Nothing here knows the database; ``services.agreement`` feeds these functions what
``storage.agreement_data`` reads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import permutations

from text.tokens import token_spans

Span = tuple[int, int, str]  # start, end, label
OUTSIDE = "O"  # the token label of a token in no span


def span_matches(a: set[Span], b: set[Span]) -> tuple[int, int, int]:
    """(spans in both, spans in ``a``, spans in ``b``): what span F1 is made of, so that
    counts from several documents can be summed before dividing."""
    return len(a & b), len(a), len(b)


def f1_from_counts(matched: int, size_a: int, size_b: int) -> float:
    """Exact-match F1 from summed ``span_matches`` counts; 1.0 when both sides are empty
    (nothing to disagree on)."""
    if size_a + size_b == 0:
        return 1.0
    # Precision of a against b is matched/size_a, recall matched/size_b; their harmonic mean
    # is this, and it is symmetric, so it does not matter who counts as the reference.
    return 2 * matched / (size_a + size_b)


def span_f1(a: set[Span], b: set[Span], label: str | None = None) -> float:
    """Exact-match F1 of two annotators' spans (start, end and label must all agree), of all
    spans or only those labelled ``label``. Both empty: 1.0."""
    if label is not None:
        a = {s for s in a if s[2] == label}
        b = {s for s in b if s[2] == label}
    return f1_from_counts(*span_matches(a, b))


def cohen_kappa(labels_a: Sequence[str], labels_b: Sequence[str]) -> float:
    """Cohen's kappa of two annotators' labels for the same items, (p_o - p_e) / (1 - p_e).

    When the expected agreement p_e is 1 (both gave every item the same one label) the
    formula is 0/0; we return 1.0 if they agree on everything and 0.0 otherwise, so that
    perfect agreement on a one-label sample reads as perfect rather than as undefined.
    Raises ValueError for sequences of different length or no items."""
    if len(labels_a) != len(labels_b):
        raise ValueError(f"{len(labels_a)} labels against {len(labels_b)}")
    if not labels_a:
        raise ValueError("no items to compare")
    n = len(labels_a)
    observed = sum(x == y for x, y in zip(labels_a, labels_b, strict=True)) / n
    count_a, count_b = Counter(labels_a), Counter(labels_b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected >= 1.0:
        return 1.0 if observed >= 1.0 else 0.0
    return (observed - expected) / (1.0 - expected)


def token_labels(text: str, spans: Iterable[Span]) -> list[str]:
    """The label of each token of ``text`` (``text.tokens``): the label of the span it
    overlaps, or ``OUTSIDE``. An annotator's spans do not overlap, so there is one at most."""
    ordered = sorted(spans)
    labels = []
    for start, end in token_spans(text):
        label = next((s[2] for s in ordered if s[0] < end and start < s[1]), OUTSIDE)
        labels.append(label)
    return labels


def binary(labels: Sequence[str], label: str) -> list[str]:
    """``labels`` reduced to ``label`` or not: the per-label view of a kappa."""
    return [x if x == label else "other" for x in labels]


def krippendorff_alpha_nominal(units: Sequence[Sequence[str | None]]) -> float:
    """Krippendorff's alpha for nominal data, from the coincidence matrix.

    ``units`` holds, per unit, each annotator's value (``None``: they gave none). Units with
    fewer than two values cannot be paired and are ignored. alpha = 1 - (n - 1) * D / E with
    D = sum over c != k of o_ck (disagreeing pairs in the coincidence matrix) and
    E = sum over c != k of n_c * n_k. When E is 0 (one value used throughout) the formula is
    0/0; as with ``cohen_kappa`` we return 1.0 (every pair agrees). Raises ValueError when no
    unit has two values."""
    # Float weights (1 / (m_u - 1)), which Counter's int-valued type does not allow.
    coincidences: defaultdict[tuple[str, str], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        if len(values) < 2:
            continue
        # Each ordered pair of values from different annotators, weighted 1 / (m_u - 1) so
        # that every pairable value contributes exactly 1 to its row total n_c.
        for c, k in permutations(values, 2):
            coincidences[c, k] += 1 / (len(values) - 1)
    if not coincidences:
        raise ValueError("no unit has values from two annotators")
    totals: defaultdict[str, float] = defaultdict(float)
    for (c, _), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    disagreeing = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = n * n - sum(t * t for t in totals.values())  # sum of n_c * n_k over c != k
    if expected <= 1e-12:
        return 1.0
    return 1.0 - (n - 1) * disagreeing / expected
