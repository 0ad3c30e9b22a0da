"""A project's inter-annotator agreement: entities and sentence stance, pair by pair and
overall, for ``python main.py agreement``.

What is compared (see ``storage.agreement_data`` for what counts as a label):

* entities, for each pair of annotators, over the documents in which both have entity
  spans: exact-match span F1 (counts summed over the documents) and token-level Cohen's
  kappa (every token labelled with its span's label or "O"); per label, the same restricted
  to that label (kappa on "this label or not").
* stance, per (sentence, target): Cohen's kappa for each pair over the sentence-targets both
  labelled, and Krippendorff's alpha (nominal) across all annotators, where an annotator
  who did not label a sentence-target is a missing value.
* holders: for each pair, over the sentence-targets both gave the same side (FAVOR, AGAINST:
  any label but NEUTRAL), how often they named the same holder (the actor's name, else the
  words, else the author; compared case-folded).

Overall pairwise numbers are the mean over the pairs that have something to compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from statistics import fmean
from typing import Any

from errors import UserError
from nlp.agreement import (
    binary,
    cohen_kappa,
    f1_from_counts,
    krippendorff_alpha_nominal,
    span_matches,
    token_labels,
)
from storage.agreement_data import AgreementDocument, agreement_documents
from storage.database import Database

StanceUnit = tuple[int, int, int, str]  # document id, sentence start, end, target
NEUTRAL = "NEUTRAL"


class NoSharedDocumentsError(UserError, ValueError):
    """No document was labelled by two annotators: there is nothing to agree on."""


@dataclass(frozen=True)
class EntityScores:
    span_f1: float | None
    token_kappa: float | None

    def to_dict(self) -> dict[str, float | None]:
        return {"span_f1": _round(self.span_f1), "token_kappa": _round(self.token_kappa)}


@dataclass(frozen=True)
class EntityPair:
    annotators: tuple[str, str]
    documents: int
    overall: EntityScores
    by_label: dict[str, EntityScores]


@dataclass(frozen=True)
class StancePair:
    annotators: tuple[str, str]
    units: int  # sentence-targets both labelled
    kappa: float | None
    by_target: dict[str, float | None]
    sided: int = 0  # of them, both took the same side (a label other than NEUTRAL)
    same_holder: int = 0  # of those, both named the same holder

    @property
    def holder_agreement(self) -> float | None:
        return self.same_holder / self.sided if self.sided else None


@dataclass
class AgreementReport:
    documents: int
    annotators: list[str]
    entity_pairs: list[EntityPair] = field(default_factory=list)
    stance_pairs: list[StancePair] = field(default_factory=list)
    stance_units: int = 0  # sentence-targets anybody labelled
    stance_alpha: float | None = None
    stance_alpha_by_target: dict[str, float | None] = field(default_factory=dict)

    def entity_overall(self) -> EntityScores:
        return _mean_scores(p.overall for p in self.entity_pairs)

    def entity_by_label(self) -> dict[str, EntityScores]:
        labels = sorted({label for p in self.entity_pairs for label in p.by_label})
        return {
            label: _mean_scores(p.by_label[label] for p in self.entity_pairs if label in p.by_label)
            for label in labels
        }

    def stance_kappa(self) -> float | None:
        return _mean(p.kappa for p in self.stance_pairs)

    def holder_counts(self) -> tuple[int, int]:
        """Over every pair: (labels both gave the same side, of them with the same holder)."""
        return (
            sum(p.sided for p in self.stance_pairs),
            sum(p.same_holder for p in self.stance_pairs),
        )

    def stance_kappa_by_target(self) -> dict[str, float | None]:
        targets = sorted(self.stance_alpha_by_target)
        return {t: _mean(p.by_target.get(t) for p in self.stance_pairs) for t in targets}

    def to_dict(self) -> dict[str, Any]:
        """Everything, as JSON-ready data (numbers rounded to 4 places; None: nothing to
        compare)."""
        kappas = self.stance_kappa_by_target()
        return {
            "documents": self.documents,
            "annotators": self.annotators,
            "entities": {
                **self.entity_overall().to_dict(),
                "by_label": {k: v.to_dict() for k, v in self.entity_by_label().items()},
                "pairs": [_entity_pair_dict(p) for p in self.entity_pairs],
            },
            "stance": {
                "units": self.stance_units,
                "kappa": _round(self.stance_kappa()),
                "alpha": _round(self.stance_alpha),
                "by_target": {
                    t: {"kappa": _round(kappas[t]), "alpha": _round(alpha)}
                    for t, alpha in sorted(self.stance_alpha_by_target.items())
                },
                "pairs": [_stance_pair_dict(p) for p in self.stance_pairs],
                "holder": _holder_dict(*self.holder_counts()),
            },
        }

    def lines(self) -> list[str]:
        """The report as text, one line each."""
        lines = [
            f"{self.documents} documents labelled by two or more annotators "
            f"({', '.join(self.annotators)})"
        ]
        overall = self.entity_overall()
        lines.append(f"entities: {_scores_text(overall)} (mean of {len(self.entity_pairs)} pairs)")
        lines += [f"  {k}: {_scores_text(v)}" for k, v in self.entity_by_label().items()]
        for pair in self.entity_pairs:
            lines.append(
                f"  {' / '.join(pair.annotators)}: {pair.documents} documents, "
                f"{_scores_text(pair.overall)}"
            )
        lines.append(
            f"stance: {self.stance_units} sentence-targets, "
            f"Krippendorff's alpha {_number(self.stance_alpha)}, "
            f"Cohen's kappa {_number(self.stance_kappa())} "
            f"(mean of {len(self.stance_pairs)} pairs)"
        )
        kappas = self.stance_kappa_by_target()
        for target, alpha in sorted(self.stance_alpha_by_target.items()):
            lines.append(f"  {target}: alpha {_number(alpha)}, kappa {_number(kappas[target])}")
        for stance in self.stance_pairs:
            lines.append(
                f"  {' / '.join(stance.annotators)}: {stance.units} sentence-targets, "
                f"kappa {_number(stance.kappa)}, {_holder_text(stance.sided, stance.same_holder)}"
            )
        sided, same = self.holder_counts()
        lines.append(f"holders: {_holder_text(sided, same)} (summed over the pairs)")
        return lines


def project_agreement(db: Database, project_id: int) -> AgreementReport:
    """Entity and stance agreement over the documents two or more annotators labelled.
    Raises NoSharedDocumentsError when there are none."""
    documents = agreement_documents(db, project_id)
    if not documents:
        raise NoSharedDocumentsError(
            "no document was labelled by two or more annotators: nothing to compare"
        )
    annotators = sorted({a for d in documents for a in d.annotators})
    report = AgreementReport(len(documents), annotators)
    for a, b in combinations(annotators, 2):
        entity = _entity_pair(documents, a, b)
        if entity is not None:
            report.entity_pairs.append(entity)
        stance = _stance_pair(documents, a, b)
        if stance is not None:
            report.stance_pairs.append(stance)
    _add_alpha(report, documents)
    return report


def _entity_pair(documents: Sequence[AgreementDocument], a: str, b: str) -> EntityPair | None:
    shared = [d for d in documents if a in d.entities and b in d.entities]
    if not shared:
        return None
    labels = sorted({s[2] for d in shared for s in d.entities[a] | d.entities[b]})
    tokens_a = [t for d in shared for t in token_labels(d.text, d.entities[a])]
    tokens_b = [t for d in shared for t in token_labels(d.text, d.entities[b])]
    by_label = {}
    for label in labels:
        counts = [0, 0, 0]
        for d in shared:
            only = [{s for s in d.entities[x] if s[2] == label} for x in (a, b)]
            counts = [c + m for c, m in zip(counts, span_matches(*only), strict=True)]
        kappa = _kappa(binary(tokens_a, label), binary(tokens_b, label))
        by_label[label] = EntityScores(f1_from_counts(*counts), kappa)
    counts = [0, 0, 0]
    for d in shared:
        counts = [
            c + m for c, m in zip(counts, span_matches(d.entities[a], d.entities[b]), strict=True)
        ]
    overall = EntityScores(f1_from_counts(*counts), _kappa(tokens_a, tokens_b))
    return EntityPair((a, b), len(shared), overall, by_label)


def _stance_pair(documents: Sequence[AgreementDocument], a: str, b: str) -> StancePair | None:
    labels_a, labels_b = _stance_labels(documents, a), _stance_labels(documents, b)
    both = sorted(labels_a.keys() & labels_b.keys())
    if not both:
        return None
    by_target = {}
    for target in sorted({unit[3] for unit in both}):
        units = [u for u in both if u[3] == target]
        by_target[target] = _kappa([labels_a[u] for u in units], [labels_b[u] for u in units])
    kappa = _kappa([labels_a[u] for u in both], [labels_b[u] for u in both])
    # The holder of a label both gave the same side: NEUTRAL is nobody's stance.
    sided = [u for u in both if labels_a[u] == labels_b[u] and labels_a[u].upper() != NEUTRAL]
    holders_a, holders_b = _holders(documents, a), _holders(documents, b)
    same = sum(1 for u in sided if _same_name(holders_a.get(u), holders_b.get(u)))
    return StancePair((a, b), len(both), kappa, by_target, len(sided), same)


def _holders(documents: Sequence[AgreementDocument], annotator: str) -> dict[StanceUnit, str]:
    return {
        (d.id, start, end, target): holder
        for d in documents
        for (start, end, target), holder in d.holders.get(annotator, {}).items()
    }


def _same_name(a: str | None, b: str | None) -> bool:
    return (
        a is not None
        and b is not None
        and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    )


def _holder_text(sided: int, same: int) -> str:
    if not sided:
        return "holder: no label both gave the same side"
    return f"same holder on {same} of {sided} labels both gave the same side ({same / sided:.0%})"


def _holder_dict(sided: int, same: int) -> dict[str, Any]:
    return {
        "sided_labels": sided,
        "same_holder": same,
        "agreement": _round(same / sided if sided else None),
    }


def _add_alpha(report: AgreementReport, documents: Sequence[AgreementDocument]) -> None:
    labels = {a: _stance_labels(documents, a) for a in report.annotators}
    units = sorted({u for by_unit in labels.values() for u in by_unit})
    report.stance_units = len(units)
    if not units:
        return
    values = {u: [labels[a].get(u) for a in report.annotators] for u in units}
    report.stance_alpha = _alpha(values.values())
    for target in sorted({u[3] for u in units}):
        report.stance_alpha_by_target[target] = _alpha(
            v for u, v in values.items() if u[3] == target
        )


def _stance_labels(documents: Sequence[AgreementDocument], annotator: str) -> dict[StanceUnit, str]:
    return {
        (d.id, start, end, target): label
        for d in documents
        for (start, end, target), label in d.stance.get(annotator, {}).items()
    }


def _kappa(labels_a: Sequence[str], labels_b: Sequence[str]) -> float | None:
    return cohen_kappa(labels_a, labels_b) if labels_a else None


def _alpha(units: Iterable[Sequence[str | None]]) -> float | None:
    try:
        return krippendorff_alpha_nominal(list(units))
    except ValueError:  # no sentence-target that two annotators labelled
        return None


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _mean_scores(scores: Iterable[EntityScores]) -> EntityScores:
    listed = list(scores)
    return EntityScores(_mean(s.span_f1 for s in listed), _mean(s.token_kappa for s in listed))


def _entity_pair_dict(pair: EntityPair) -> dict[str, Any]:
    return {
        "annotators": list(pair.annotators),
        "documents": pair.documents,
        **pair.overall.to_dict(),
        "by_label": {k: v.to_dict() for k, v in pair.by_label.items()},
    }


def _stance_pair_dict(pair: StancePair) -> dict[str, Any]:
    return {
        "annotators": list(pair.annotators),
        "units": pair.units,
        "kappa": _round(pair.kappa),
        "by_target": {k: _round(v) for k, v in pair.by_target.items()},
        "holder": _holder_dict(pair.sided, pair.same_holder),
    }


def _scores_text(scores: EntityScores) -> str:
    return f"span F1 {_number(scores.span_f1)}, token kappa {_number(scores.token_kappa)}"


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def agreement_rows(report: AgreementReport) -> list[tuple[str, str, str, float | None]]:
    """The report as table rows (part, scope, measure, value) for a spreadsheet."""
    data = report.to_dict()
    entities, stance = data["entities"], data["stance"]
    rows: list[tuple[str, str, str, float | None]] = [
        ("entities", "all labels", "span F1 (exact match)", entities["span_f1"]),
        ("entities", "all labels", "token-level Cohen's kappa", entities["token_kappa"]),
    ]
    for label, scores in entities["by_label"].items():
        rows.append(("entities", label, "span F1 (exact match)", scores["span_f1"]))
        rows.append(("entities", label, "token-level Cohen's kappa", scores["token_kappa"]))
    rows.append(("stance", "all targets", "Cohen's kappa (mean of pairs)", stance["kappa"]))
    rows.append(("stance", "all targets", "Krippendorff's alpha (nominal)", stance["alpha"]))
    for target, scores in stance["by_target"].items():
        rows.append(("stance", target, "Cohen's kappa (mean of pairs)", scores["kappa"]))
        rows.append(("stance", target, "Krippendorff's alpha (nominal)", scores["alpha"]))
    return rows
