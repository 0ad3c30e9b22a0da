"""Train the embedded German entity model from the GermEval 2014 corpus.

    python -m nlp.train_german_model --data ../shared/data/ner-de \
        --out resources/models/de_standpunkt_ner

Splits: ``train.tsv`` is trained on; ``dev.tsv`` is cut in two halves, the first for early
stopping, the second held out as the test set the model card reports (the corpus' own test
split is what ``train.tsv`` holds, so it cannot be the test set here). The labels are mapped
by ``nlp.conll.germeval_label``. The result is a spaCy pipeline folder with a model card.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.init_config import init_config
from spacy.cli.train import train
from spacy.tokens import DocBin

from nlp.conll import read_docs
from nlp.model_card import package_model

TRAINING_OVERRIDES: dict[str, Any] = {
    "training.max_steps": 12000,
    "training.patience": 2000,
    "training.eval_frequency": 250,
    "training.dropout": 0.2,  # little data: regularise more than spaCy's default 0.1
}


def build_corpora(data: Path, workdir: Path) -> dict[str, Path]:
    """Write train/dev/test DocBins from the corpus folder; return their paths."""
    vocab = spacy.blank("de").vocab
    train_docs = read_docs(data / "train.tsv", vocab)
    dev_docs = read_docs(data / "dev.tsv", vocab)
    half = len(dev_docs) // 2
    splits = {"train": train_docs, "dev": dev_docs[:half], "test": dev_docs[half:]}
    paths = {}
    for name, docs in splits.items():
        paths[name] = workdir / f"{name}.spacy"
        DocBin(docs=docs, store_user_data=False).to_disk(paths[name])
        print(f"{name}: {len(docs)} sentences, {sum(len(d.ents) for d in docs)} entities")
    return paths


def write_config(paths: dict[str, Path], target: Path, overrides: dict[str, Any]) -> Path:
    """spaCy's CPU-efficiency NER config for German, pointed at our corpora."""
    config = init_config(lang="de", pipeline=["ner"], optimize="efficiency", gpu=False)
    config["paths"]["train"] = str(paths["train"])
    config["paths"]["dev"] = str(paths["dev"])
    for dotted, value in overrides.items():
        section, key = dotted.rsplit(".", 1)
        node = config
        for part in section.split("."):
            node = node[part]
        node[key] = value
    path = target / "config.cfg"
    config.to_disk(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with train.tsv, dev.tsv")
    parser.add_argument("--out", type=Path, required=True, help="where the model folder goes")
    parser.add_argument("--workdir", type=Path, help="keep corpora and checkpoints here")
    parser.add_argument(
        "--package-only",
        action="store_true",
        help="skip training: package the best model already in --workdir",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a config value, e.g. training.max_steps=2000",
    )
    args = parser.parse_args(argv)
    overrides = dict(TRAINING_OVERRIDES)
    for item in args.set:
        key, value = item.split("=", 1)
        overrides[key] = json.loads(value) if value[:1] in "0123456789[{-tfn" else value
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="standpunkt-train-"))
    workdir.mkdir(parents=True, exist_ok=True)
    paths = build_corpora(args.data, workdir)
    if not args.package_only:
        config = write_config(paths, workdir, overrides)
        train(config, workdir / "output", use_gpu=-1)
    package_model(workdir / "output" / "model-best", paths, args.out, overrides)
    return 0


if __name__ == "__main__":
    sys.exit(main())
