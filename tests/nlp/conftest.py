"""A tiny entity model trained in seconds, so pipeline tests do not depend on the shipped one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

PEOPLE = ["Olaf Scholz", "Anna Berg", "Jack Watling", "Maria Lang"]
PLACES = ["Berlin", "Kiew", "Moskau", "Minsk"]
TEMPLATES = [
    "{per} sprach am Montag in {loc} über die Lage.",
    "In {loc} traf {per} den Botschafter.",
    "Laut {per} bleibt die Lage in {loc} angespannt.",
]


def training_examples(nlp):
    rng = random.Random(3)
    examples = []
    for _ in range(40):
        per, loc = rng.choice(PEOPLE), rng.choice(PLACES)
        text = rng.choice(TEMPLATES).format(per=per, loc=loc)
        ents = [
            (text.index(per), text.index(per) + len(per), "PER"),
            (text.index(loc), text.index(loc) + len(loc), "LOC"),
        ]
        examples.append(Example.from_dict(nlp.make_doc(text), {"entities": ents}))
    return examples


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spacy.util.fix_random_seed(7)  # the same tiny model on every run
    nlp = spacy.blank("de")
    nlp.add_pipe("ner")
    examples = training_examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(25):
        nlp.update(examples, sgd=optimizer, drop=0.1)
    nlp.meta["name"] = "tiny_ner"
    nlp.meta["version"] = "0.0.1"
    folder = tmp_path_factory.mktemp("models") / "de_tiny_ner"
    nlp.to_disk(folder)
    return folder
