"""Scoring an entity pipeline on labelled data: per-label and overall precision, recall, F1,
and how well its confidence separates right from wrong suggestions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from errors import UserError
from nlp.conll import ConllFormatError, read_docs
from nlp.entity_suggester import SCORES_KEY, prepare_pipeline, temperature_of
from nlp.pipelines import PipelineCache, PipelineUnavailableError, resolve_pipeline

THRESHOLDS = (0.5, 0.8)


class EvaluationError(UserError, ValueError):
    """Data or model that cannot be evaluated; the message says which and why."""


def load_gold(data: Path, nlp: Language) -> list[Doc]:
    """Gold docs from a DocBin (``.spacy``) or a CoNLL/IOB file (anything else)."""
    if not data.is_file():
        raise EvaluationError(f"{data}: no such file")
    try:
        if data.suffix == ".spacy":
            return list(DocBin().from_disk(data).get_docs(nlp.vocab))
        return read_docs(data, nlp.vocab)
    except ConllFormatError as exc:
        raise EvaluationError(str(exc)) from exc
    except (ValueError, OSError) as exc:
        raise EvaluationError(f"{data}: cannot read: {exc}") from exc


def evaluate_pipeline(model: str, data: Path) -> dict[str, Any]:
    """Scores of ``model`` (package or folder) on ``data``: its entities as the suggester
    predicts them, and how precise they are above each confidence threshold."""
    try:
        choice = resolve_pipeline("de", model)
        nlp = PipelineCache().load(choice)
    except PipelineUnavailableError as exc:
        raise EvaluationError(str(exc)) from exc
    if "ner" not in nlp.pipe_names:
        raise EvaluationError(f"{model} has no entity recognizer (ner)")
    nlp = prepare_pipeline(nlp, patterns=None, temperature=temperature_of(choice.location))
    gold = load_gold(data, nlp)
    if not gold:
        raise EvaluationError(f"{data}: no sentences")
    predicted = list(nlp.pipe(doc.text for doc in gold))
    scores = span_scores([Example(p, g) for p, g in zip(predicted, gold, strict=True)])
    scores["model"] = choice.origin
    scores["sentences"] = len(gold)
    scored = [doc.user_data.get(SCORES_KEY, []) for doc in predicted]
    scores["confidence"] = confidence_report(scored, gold)
    return scores


def span_scores(examples: list[Example]) -> dict[str, Any]:
    result = Scorer.score_spans(examples, "ents")
    per_label = {
        label: {"precision": v["p"], "recall": v["r"], "f1": v["f"]}
        for label, v in sorted((result["ents_per_type"] or {}).items())
    }
    return {
        "precision": result["ents_p"] or 0.0,
        "recall": result["ents_r"] or 0.0,
        "f1": result["ents_f"] or 0.0,
        "per_label": per_label,
    }


def confidence_report(
    scored: list[list[tuple[int, int, str, float]]], gold: list[Doc]
) -> dict[str, dict[str, float]]:
    """For each threshold: how many suggestions reach it and what share of them is right
    (exact offsets and label), and the share of gold entities they cover."""
    truth = [{(e.start_char, e.end_char, e.label_) for e in doc.ents} for doc in gold]
    total_gold = sum(len(t) for t in truth)
    report = {}
    for threshold in THRESHOLDS:
        shown = right = 0
        for suggestions, gold_set in zip(scored, truth, strict=True):
            for start, end, label, prob in suggestions:
                if prob >= threshold:
                    shown += 1
                    right += (start, end, label) in gold_set
        report[f">={threshold}"] = {
            "suggestions": shown,
            "precision": right / shown if shown else 0.0,
            "recall": right / total_gold if total_gold else 0.0,
        }
    return report


def format_scores(scores: dict[str, Any]) -> str:
    lines = [
        f"model: {scores['model']}   sentences: {scores['sentences']}",
        f"{'label':8s} {'precision':>9s} {'recall':>7s} {'f1':>6s}",
    ]
    for label, s in scores["per_label"].items():
        lines.append(f"{label:8s} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}")
    lines.append(
        f"{'overall':8s} {scores['precision']:9.3f} {scores['recall']:7.3f} {scores['f1']:6.3f}"
    )
    lines.append("confidence: threshold, suggestions, precision, recall")
    for threshold, s in scores["confidence"].items():
        lines.append(
            f"  {threshold:6s} {s['suggestions']:6d} {s['precision']:9.3f} {s['recall']:7.3f}"
        )
    return "\n".join(lines)
