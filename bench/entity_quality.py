"""Entity quality of the default suggester on data from ``../shared`` (not shipped, so this is
a benchmark, not a test): scores on the held-out GermEval sentences, confidence separation,
and the names of the seed article.

    python bench/entity_quality.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "ner-de" / "dev.tsv"
SEED = SHARED / "seed" / "article-de-nordkorea.txt"
# The names the issue lists for the seed article, with their labels.
SEED_NAMES = {
    ("Wladimir Putin", "PER"),
    ("Jack Watling", "PER"),
    ("Pokrovsk", "LOC"),
    ("Dnipropetrovsk", "LOC"),
    ("NATO", "ORG"),
    ("Royal United Services Institute", "ORG"),
}


def main(argv: list[str] | None = None) -> int:
    if not CORPUS.is_file() or not SEED.is_file():
        print(f"entity quality: skipped, {SHARED} is not here")
        return 0
    import spacy

    from nlp.conll import read_docs
    from nlp.entity_suggester import EntitySuggester, prepare_pipeline, temperature_of
    from nlp.model_card import evaluate_suggester
    from nlp.patterns import load_patterns, shipped_pattern_files
    from nlp.pipelines import PipelineCache, resolve_pipeline

    choice = resolve_pipeline("de")
    docs = read_docs(CORPUS, spacy.blank("de").vocab)
    test = docs[len(docs) // 2 :]  # the half of dev.tsv the model never saw (see model card)
    temperature = temperature_of(choice.location)
    print(f"entity quality of {choice.origin} on {len(test)} held-out GermEval sentences")
    for title, with_patterns in (("model", False), ("model + gazetteers", True)):
        scores = evaluate_suggester(Path(choice.location), test, temperature, with_patterns)
        labels = ", ".join(f"{k} {v['f1']:.2f}" for k, v in scores["per_label"].items())
        print(
            f"  {title:20s} P {scores['precision']:.3f} R {scores['recall']:.3f} "
            f"F1 {scores['f1']:.3f} ({labels}); target F1 0.75"
        )
        for threshold, s in scores["confidence"].items():
            print(
                f"    confidence {threshold}: {s['suggestions']} suggestions, "
                f"precision {s['precision']:.3f}"
            )
    patterns = load_patterns(shipped_pattern_files())
    nlp = prepare_pipeline(PipelineCache().load(choice), patterns, temperature)
    text = SEED.read_text(encoding="utf-8")
    found = {
        (text[s.start : s.end], s.label)
        for s in next(EntitySuggester(nlp, choice, patterns).suggest([text]))
    }
    missing = SEED_NAMES - found
    print(
        f"  seed article: {len(SEED_NAMES) - len(missing)}/{len(SEED_NAMES)} listed names "
        f"found{'; missing: ' + str(sorted(missing)) if missing else ''}; "
        f"{len(found)} distinct suggestions"
    )
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
