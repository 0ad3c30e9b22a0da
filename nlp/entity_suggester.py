"""Entity suggestions with a confidence and an origin, from a spaCy model and pattern files.

The model's entities are its usual greedy predictions. Each gets a confidence: the product,
over the entity's tokens, of the probability of the decision taken at that token (a softmax
over the NER's action scores, divided by a temperature fitted on held-out sentences when the
model was trained). A beam search was tried first: its marginals were 1.0 for almost every
entity, because the beam's parses differ only in their last decisions.

Pattern matches (``SpanRuler``, Prodigy-style pattern files) are kept apart in
``doc.spans["patterns"]`` and merged here, so each suggestion says which produced it.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.patterns import PATTERN_SPANS_KEY, PatternSet
from nlp.pipelines import PipelineChoice

if TYPE_CHECKING:
    from spacy.pipeline import EntityRecognizer

SCORES_KEY = "standpunkt_entity_scores"  # doc.user_data: [(start_char, end_char, label, p)]
SCORER_NAME = "standpunkt_entities"
CONFIDENCE_FILE = "standpunkt_confidence.json"  # {"temperature": ...} beside the model
DEFAULT_TEMPERATURE = 2.0
DEFAULT_MIN_CONFIDENCE = 0.0  # keep every model entity; views hide the weak ones
PATTERN_CONFIDENCE = 0.9  # gazetteer entries are names by construction; rarely wrong


@dataclass(frozen=True)
class EntitySuggestion:
    start: int  # character offsets into the text
    end: int
    label: str
    confidence: float
    origin_kind: str  # "model" or "pattern"
    origin_name: str
    origin_version: str
    origin_detail: str | None = None


class ScoredEntityRecognizer:
    """A pipeline component that decodes with the NER's model in place of the NER (the same
    greedy decisions), keeping each token's action scores to give each entity a confidence.
    Scores go to ``doc.user_data`` as plain data, so they survive ``n_process``."""

    def __init__(self, nlp: Language, name: str, ner_name: str, temperature: float) -> None:
        self.nlp = nlp
        self.name = name
        self.ner_name = ner_name
        self.temperature = temperature

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._decode(batch)
                batch = []
        if batch:
            yield from self._decode(batch)

    def _decode(self, docs: list[Doc]) -> list[Doc]:
        # get_pipe is typed as any component; the one named here is a transition-based NER.
        ner = cast("EntityRecognizer", self.nlp.get_pipe(self.ner_name))
        states = ner.moves.init_batch(docs)
        step_model = ner.model.predict(docs)
        token_scores = [numpy.zeros((len(d), ner.moves.n_moves), dtype="f") for d in docs]
        slot = {id(state): i for i, state in enumerate(states)}
        active = [state for state in states if not state.is_final()]
        while active:
            scores = numpy.ascontiguousarray(step_model.predict(active), dtype="f")
            for row, state in zip(scores, active, strict=True):
                token_scores[slot[id(state)]][state.B(0)] = row  # one decision per token
            active = ner.transition_states(active, scores)
        ner.set_annotations(docs, states)
        for doc, scores in zip(docs, token_scores, strict=True):
            best = _max_probability(scores / self.temperature)
            doc.user_data[SCORES_KEY] = [
                (e.start_char, e.end_char, e.label_, float(numpy.prod(best[e.start : e.end])))
                for e in doc.ents
            ]
        return docs


def _max_probability(logits: numpy.ndarray) -> numpy.ndarray:
    """Per row, the softmax probability of the best action (invalid actions included: an
    approximation that costs nothing and changes little)."""
    if logits.size == 0:
        return numpy.zeros(len(logits), dtype="f")
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = numpy.exp(shifted)
    return (exp.max(axis=1) / exp.sum(axis=1)).astype("f")


@Language.factory(
    SCORER_NAME,
    default_config={"ner_name": "ner", "temperature": DEFAULT_TEMPERATURE},
)
def make_scored_entity_recognizer(
    nlp: Language, name: str, ner_name: str, temperature: float
) -> ScoredEntityRecognizer:
    return ScoredEntityRecognizer(nlp, name, ner_name, temperature)


def temperature_of(model_folder: str | Path) -> float:
    """The temperature fitted for a model when it was trained, or the default."""
    path = Path(model_folder) / CONFIDENCE_FILE
    if path.is_file():
        return float(json.loads(path.read_text(encoding="utf-8"))["temperature"])
    return DEFAULT_TEMPERATURE


def prepare_pipeline(
    nlp: Language, patterns: PatternSet | None, temperature: float = DEFAULT_TEMPERATURE
) -> Language:
    """Set up a loaded pipeline for suggesting: the NER decoded with confidences, and the
    pattern ruler. Components that do not help entity suggestions are disabled."""
    if "ner" in nlp.component_names and SCORER_NAME not in nlp.component_names:
        nlp.add_pipe(SCORER_NAME, after="ner", config={"temperature": temperature})
    if patterns is not None and patterns.patterns:
        patterns.install(nlp)
    keep = {"tok2vec", "transformer", SCORER_NAME, patterns.ruler_name if patterns else ""}
    keep |= _listened_to(nlp)
    for name in nlp.pipe_names:
        if name not in keep:
            nlp.disable_pipe(name)  # the plain "ner" too: the scorer decodes in its place
    return nlp


def _listened_to(nlp: Language) -> set[str]:
    """Embedding components the NER reads from (their names differ between pipelines)."""
    names = set()
    for name, component in nlp.components:
        if hasattr(component, "listening_components") and "ner" in component.listening_components:
            names.add(name)
    return names


class EntitySuggester:
    """Turns texts into entity suggestions with a prepared pipeline."""

    def __init__(
        self,
        nlp: Language,
        choice: PipelineChoice,
        patterns: PatternSet | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        self.nlp = nlp
        self.choice = choice
        self.patterns = patterns
        self.min_confidence = min_confidence

    def suggest(
        self, texts: Iterable[str], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[list[EntitySuggestion]]:
        """For each text, its suggestions in text order (no two overlap)."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            yield self.suggestions_for(doc)

    def suggestions_for(self, doc: Doc) -> list[EntitySuggestion]:
        model = [
            EntitySuggestion(
                start, end, label, round(prob, 4), "model", self.choice.name, self.choice.version
            )
            for start, end, label, prob in doc.user_data.get(SCORES_KEY, [])
            if prob >= self.min_confidence
        ]
        found = (
            [
                EntitySuggestion(
                    span.start_char,
                    span.end_char,
                    span.label_,
                    PATTERN_CONFIDENCE,
                    "pattern",
                    self.patterns.origin_of(span.id_),
                    self.patterns.version,
                    span.id_ or None,
                )
                for span in doc.spans.get(PATTERN_SPANS_KEY, [])
            ]
            if self.patterns is not None
            else []
        )
        return merge_suggestions(model, found)


def merge_suggestions(
    model: list[EntitySuggestion], patterns: list[EntitySuggestion]
) -> list[EntitySuggestion]:
    """One suggestion per place: the most confident wins an overlap; a pattern that agrees
    exactly with the model's entity confirms it (the model's origin, the pattern named); on
    exactly the same words with another label, the pattern wins (a gazetteer knows that
    "Nordkorea" is a country better than the model does)."""
    exact = {(p.start, p.end, p.label): p for p in patterns}
    places = {(p.start, p.end) for p in patterns}
    confirmed = []
    for suggestion in model:
        pattern = exact.pop((suggestion.start, suggestion.end, suggestion.label), None)
        if pattern is None and (suggestion.start, suggestion.end) in places:
            continue  # same words, other label: the pattern's suggestion stands alone
        if pattern is not None:
            suggestion = EntitySuggestion(
                suggestion.start,
                suggestion.end,
                suggestion.label,
                max(suggestion.confidence, pattern.confidence),
                suggestion.origin_kind,
                suggestion.origin_name,
                suggestion.origin_version,
                f"confirmed by pattern {pattern.origin_detail}",
            )
        confirmed.append(suggestion)
    candidates = sorted(
        confirmed + list(exact.values()),
        key=lambda s: (-s.confidence, -(s.end - s.start), s.start),
    )
    # The chosen ones never overlap: sorted by start, their ends are sorted too, and a
    # candidate can only overlap its neighbours there (bisect, not a scan of all chosen:
    # 6,000 pattern matches in a long article took 10 s that way).
    chosen: list[EntitySuggestion] = []
    starts: list[int] = []
    for candidate in candidates:
        at = bisect_right(starts, candidate.start)
        if at > 0 and chosen[at - 1].end > candidate.start:
            continue
        if at < len(chosen) and chosen[at].start < candidate.end:
            continue
        starts.insert(at, candidate.start)
        chosen.insert(at, candidate)
    return sorted(chosen, key=lambda s: (s.start, s.end))
