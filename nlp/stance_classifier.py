"""A trained, target-aware stance classifier (spaCy ``textcat``) that learns from the
annotators' labels.

Target awareness: the target's mentions in the sentence are replaced by ``ZIEL`` and other
targets' by ``ANDERES``, so the words around them decide. The cold-start lexicon's verdict is
appended as a feature (``LEXIKON_AGAINST``, ``SPRECHER`` for the speaker), so the classifier
starts from what the lexicon knows and learns where it is wrong.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import spacy
from spacy.language import Language
from spacy.training import Example

from nlp.stance_evidence import suggestion_of
from nlp.stance_explanations import MODEL, explain
from nlp.stance_holders import Entity
from nlp.stance_lexicon import LexiconStanceSuggester, StanceSuggestion
from nlp.stance_targets import find_mentions
from text.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.pipeline import TextCategorizer

LABELS = ("FAVOR", "AGAINST", "NEUTRAL")
EPOCHS = 15
TEXTCAT_CONFIG = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
    }
}


@dataclass(frozen=True)
class StanceExample:
    sentence: str
    target: str
    label: str


def classifier_input(sentence: str, target: str, lexicon: LexiconStanceSuggester) -> str:
    """The sentence as the classifier sees it for one target."""
    mentions = find_mentions(sentence, lexicon.targets)
    pieces, last = [], 0
    for mention in mentions:
        pieces.append(sentence[last : mention.start])
        pieces.append(" ZIEL " if mention.target == target else " ANDERES ")
        last = mention.end
    pieces.append(sentence[last:])
    verdict = next(
        ((label, why) for t, label, _c, why in lexicon.suggest_sentence(sentence) if t == target),
        ("NEUTRAL", "nicht erwähnt"),
    )
    speaker = " SPRECHER" if "speaks here" in verdict[1] else ""
    return "".join(pieces) + f" LEXIKON_{verdict[0]}{speaker}"


class TrainingCancelledError(Exception):
    """Training was asked to stop; nothing was saved or activated."""


def train_classifier(
    examples: Sequence[StanceExample],
    lexicon: LexiconStanceSuggester,
    language: str = "de",
    epochs: int = EPOCHS,
    seed: int = 0,
    on_epoch: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> Language:
    """A text classifier trained on ``examples`` (their inputs built with ``lexicon``);
    ``on_epoch(done, epochs)`` after each epoch; ``should_cancel`` is asked before each epoch
    and stops with ``TrainingCancelledError``."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank(language)
    textcat = cast("TextCategorizer", nlp.add_pipe("textcat", config=TEXTCAT_CONFIG))
    for label in LABELS:
        textcat.add_label(label)
    data = [
        Example.from_dict(
            nlp.make_doc(classifier_input(e.sentence, e.target, lexicon)),
            {"cats": {label: float(label == e.label) for label in LABELS}},
        )
        for e in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for epoch in range(epochs):
        if should_cancel():
            raise TrainingCancelledError("training was cancelled")
        rng.shuffle(data)
        for start in range(0, len(data), 16):
            nlp.update(data[start : start + 16], sgd=optimizer, drop=0.2)
        if on_epoch is not None:
            on_epoch(epoch + 1, epochs)
    return nlp


def classify(
    nlp: Language, sentence: str, target: str, lexicon: LexiconStanceSuggester
) -> tuple[str, float]:
    """The label the classifier gives the sentence for the target, and its probability."""
    cats = nlp(classifier_input(sentence, target, lexicon)).cats
    label = max(cats, key=cats.__getitem__)
    return label, float(cats[label])


class ClassifierStanceSuggester:
    """Suggests stance with a trained classifier for every target a sentence mentions."""

    name = "stance-textcat"
    origin_kind = "model"

    def __init__(self, model: Language, lexicon: LexiconStanceSuggester, version: str) -> None:
        self.model = model
        self.lexicon = lexicon
        self.version = version

    def suggest(
        self, text: str, entities: Sequence[Entity] | None = None
    ) -> list[StanceSuggestion]:
        """As the lexicon suggester does, with the classifier's labels: the holder by the
        same rules, the evidence from the lexicon's cues for the classifier's label."""
        found = []
        holders = self.lexicon.holder_finder.document(text, entities or ())
        why = explain(MODEL, f"{self.name} {self.version}")
        for index, sentence in enumerate(split_sentences(text)):
            judged, speakers = self.lexicon.judge_sentence(sentence.text)
            holder = holders.holder_of(sentence, speakers)
            own = self.lexicon.own_targets(text, holder)
            for verdict in judged:
                label, probability = classify(
                    self.model, sentence.text, verdict.target, self.lexicon
                )
                found.append(
                    suggestion_of(
                        index, sentence, verdict, holder, label, round(probability, 3), why, own
                    )
                )
        return found
