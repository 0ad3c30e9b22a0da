"""Entity suggestions with a confidence and an origin, from a spaCy model and pattern files.

The model's entities are its usual (greedy) predictions; each gets a confidence from a beam
search over the same model: the share of the beam's probability mass on parses that contain
that entity (spaCy's ``scored_ents``). Measured on held-out German sentences this separates
right from wrong suggestions (see the model card), which a greedy decoder alone cannot.

Pattern matches (``SpanRuler``, Prodigy-style pattern files) are kept apart in
``doc.spans["patterns"]`` and merged here, so each suggestion says which produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.patterns import PATTERN_SPANS_KEY, PatternSet
from nlp.pipelines import PipelineChoice

SCORES_KEY = "standpunkt_entity_scores"  # doc.user_data: [(start_char, end_char, label, p)]
SCORER_NAME = "standpunkt_entity_scores"
DEFAULT_BEAM_WIDTH = 8
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


class BeamEntityScorer:
    """A pipeline component after the NER that stores each entity with its beam probability
    (plain data in ``doc.user_data``, so it survives ``n_process``)."""

    def __init__(self, nlp: Language, name: str, ner_name: str, beam_width: int) -> None:
        self.nlp = nlp
        self.name = name
        self.ner_name = ner_name
        self.beam_width = beam_width

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        ner = self.nlp.get_pipe(self.ner_name)
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._score(ner, batch)
                batch = []
        if batch:
            yield from self._score(ner, batch)

    def _score(self, ner, docs: list[Doc]) -> list[Doc]:  # type: ignore[no-untyped-def]
        beams = ner.beam_parse(docs, beam_width=self.beam_width)
        for doc, scores in zip(docs, ner.scored_ents(beams), strict=True):
            doc.user_data[SCORES_KEY] = [
                (
                    e.start_char,
                    e.end_char,
                    e.label_,
                    min(1.0, scores.get((e.start, e.end, e.label_), 0.0)),
                )
                for e in doc.ents
            ]
        return docs


@Language.factory(
    SCORER_NAME,
    default_config={"ner_name": "ner", "beam_width": DEFAULT_BEAM_WIDTH},
)
def make_beam_entity_scorer(
    nlp: Language, name: str, ner_name: str, beam_width: int
) -> BeamEntityScorer:
    return BeamEntityScorer(nlp, name, ner_name, beam_width)


def prepare_pipeline(
    nlp: Language, patterns: PatternSet | None, beam_width: int = DEFAULT_BEAM_WIDTH
) -> Language:
    """Set up a loaded pipeline for suggesting: NER with beam confidences, and the pattern
    ruler. Components that do not help entity suggestions are disabled."""
    has_ner = "ner" in nlp.component_names
    if has_ner and SCORER_NAME not in nlp.component_names:
        nlp.add_pipe(SCORER_NAME, after="ner", config={"beam_width": beam_width})
    if patterns is not None and patterns.patterns:
        patterns.install(nlp)
    keep = {"tok2vec", "transformer", "ner", SCORER_NAME, patterns.ruler_name if patterns else ""}
    keep |= _listened_to(nlp)
    for name in nlp.pipe_names:
        if name not in keep:
            nlp.disable_pipe(name)  # tagger, parser, lemmatizer: not needed for entities
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
    exactly with the model's entity confirms it (the model's origin, the pattern named)."""
    exact = {(p.start, p.end, p.label): p for p in patterns}
    confirmed = []
    for suggestion in model:
        pattern = exact.pop((suggestion.start, suggestion.end, suggestion.label), None)
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
    chosen: list[EntitySuggestion] = []
    for candidate in candidates:
        if all(candidate.end <= c.start or c.end <= candidate.start for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda s: (s.start, s.end))
