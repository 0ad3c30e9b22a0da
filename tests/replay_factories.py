"""A replay's figures as ``replay --json`` prints them, made by hand: three blocks of ten
documents (``store_replay`` makes a replayed project of them without running a replay)."""

from __future__ import annotations


def block(
    first: int, last: int, per_gold: float, pairs: int, per_pair: float, models: list[str]
) -> dict:
    return {
        "documents": [first, last],
        "entities": {"gold": 20, "corrections_per_gold": per_gold},
        "stance": {
            "pairs": pairs,
            "corrections": round(pairs * per_pair),
            "corrections_per_pair": per_pair,
        },
        "models": {
            "entities": models,
            "stance": ["lexicon"],
            "trained": {"entities": 0, "stance": 0},
        },
        "seconds": 1.0,
    }


def result(entities: bool = True, stance: bool = True) -> dict:
    """Three blocks of ten; a trained model took over in the second; the third block has no
    stance pair."""
    blocks = [
        block(1, 10, 0.9, 8, 0.5, ["base@1"]),
        block(11, 20, 0.55, 4, 0.25, ["base@1", "project@2"]),
        block(21, 30, 0.3, 0, 0.0, ["project@2"]),
    ]
    summary = {
        "documents": 30,
        "trained": {"entities": 1, "stance": 0},
        "labelled": {"entities": entities, "stance": stance},
        "block": 10,
        "seconds": 125.0,
        "gold": "/data/gold.jsonl",
    }
    return {"blocks": blocks, "summary": summary}
