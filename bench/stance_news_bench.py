"""Stance on real German news, cold start: the lexicon suggester against the stance labels of
``../shared/data/stance-news-de/dev.jsonl`` (12 articles, research use only: never copied
into the repository), next to answering NEUTRAL everywhere, in the same run.

    python bench/stance_news_bench.py [--data FILE.jsonl] [--articles 0,2,4] [--folds]
                                      [--no-entities]

Each article goes through the code path the app uses for a document
(``LexiconStanceSuggester.suggest`` on the whole text). A gold (sentence, target) pair is
matched to the suggestion for the same target whose sentence offsets overlap it; a gold pair
without one counts as NEUTRAL, and a FAVOR/AGAINST suggestion no gold pair covers counts
against a NEUTRAL gold. ``--articles`` scores only those articles (0-based, file order);
``--folds`` adds the leave-articles-out check: odd and even articles scored apart, for
comparing a change made while looking at one half with its effect on the other.

Holders: for the labels the suggester got right (gold FAVOR/AGAINST == suggested), how often
the suggested holder is the gold one (``nlp.holder_match.same_holder``), in all and by how the
holder was found. The shipped German entity model (with the gazetteers) gives each text its
entity spans, as the app has them after suggesting entities; ``--no-entities`` leaves them out.
Exit code 1 when macro-F1 < 0.60 or accuracy is not above the NEUTRAL baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.holder_match import same_holder  # noqa: E402
from nlp.metrics import LabelScores, majority_baseline, score_labels  # noqa: E402
from nlp.stance_lexicon import NEUTRAL, LexiconStanceSuggester, load_lexicon  # noqa: E402
from nlp.stance_targets import TargetSpec  # noqa: E402

Entities = list[tuple[int, int, str]]

LABELS = ["FAVOR", "AGAINST", "NEUTRAL"]
DATA = Path("shared/data/stance-news-de/dev.jsonl")
GOAL_MACRO_F1 = 0.60

# The targets as a user would set them up: the name and the aliases they would type (the
# lexicon adds its demonyms, russisch* → Russland, by itself).
TARGETS = {
    "Russland": ("Russland", "Russlands", "Moskau", "Moskaus", "Kreml*"),
    "USA": (
        "USA",
        "US",
        "Washington",
        "Washingtons",
        "Amerika",
        "Vereinigte Staaten",
        "Vereinigten Staaten",
        "Weißes Haus",
        "Weiße Haus",
        "Weißen Haus",
        "Weißen Hauses",
        "Pentagon",
    ),
    "Iran": ("Iran", "Irans", "Teheran", "Teherans", "Islamische Republik", "Islamischen Republik"),
    "Türkei": ("Türkei", "Ankara"),
    "Trump": ("Trump", "Trumps"),
    "Putin": ("Putin", "Putins"),
    "EU": ("EU", "Europäische Union", "Europäischen Union", "Brüssel"),
    "Nordkorea": ("Nordkorea", "Nordkoreas", "Pjöngjang"),
    "NATO": ("NATO", "Nato"),
    "Erdogan": ("Erdogan", "Erdogans", "Erdoğan"),
}


GOAL_HOLDERS = 0.7


@dataclass(frozen=True)
class Pair:
    gold: str
    predicted: str
    gold_holder: str | None = None
    holder: str | None = None
    how: str = ""

    @property
    def holder_counts(self) -> bool:
        """A label the suggester got right, with a side: its holder is scored."""
        return self.gold == self.predicted and self.gold != NEUTRAL


def default_data() -> Path:
    """``../shared/…`` from the main checkout or from a worktree beside it."""
    for base in list(ROOT.parents)[:3]:
        if (base / DATA).is_file():
            return base / DATA
    return ROOT.parent / DATA


def score_article(
    record: dict, suggester: LexiconStanceSuggester, entities: Entities | None = None
) -> list[Pair]:
    """The gold pairs of one article with what the suggester shows for each, then the
    suggestions no gold pair covers (against a NEUTRAL gold)."""
    suggestions = suggester.suggest(record["text"], entities)
    used: set[int] = set()
    pairs = []
    for row in record["stance"]:
        found = next(
            (
                i
                for i, s in enumerate(suggestions)
                if s.target == row["target"] and s.start < row["end"] and row["start"] < s.end
            ),
            None,
        )
        if found is not None:
            used.add(found)
        if found is None:
            pairs.append(Pair(row["label"], NEUTRAL, row.get("holder")))
            continue
        s = suggestions[found]
        pairs.append(Pair(row["label"], s.label, row.get("holder"), s.holder, s.holder_how))
    for i, s in enumerate(suggestions):
        if i not in used and s.label != NEUTRAL:
            pairs.append(Pair(NEUTRAL, s.label))
    return pairs


def entity_spans(records: list[dict]) -> list[Entities]:
    """Each text's entity spans from the shipped German entity model and the gazetteers."""
    from nlp.entity_suggester import EntitySuggester, prepare_pipeline, temperature_of
    from nlp.patterns import load_patterns, shipped_pattern_files
    from nlp.pipelines import PipelineCache, resolve_pipeline

    choice = resolve_pipeline("de")
    patterns = load_patterns(shipped_pattern_files())
    nlp = prepare_pipeline(PipelineCache().load(choice), patterns, temperature_of(choice.location))
    suggester = EntitySuggester(nlp, choice, patterns)
    print(f"entity spans from {choice.origin} and the gazetteers")
    texts = [record["text"] for record in records]
    return [[(s.start, s.end, s.label) for s in found] for found in suggester.suggest(texts)]


def evaluate(
    records: list[dict], entities: list[Entities] | None = None
) -> tuple[LabelScores, LabelScores, int, list[Pair]]:
    """(the suggester's scores, the all-NEUTRAL baseline's, how many pairs no gold covers,
    the pairs)."""
    targets = [TargetSpec(name, aliases) for name, aliases in TARGETS.items()]
    suggester = LexiconStanceSuggester(load_lexicon("de"), targets)
    spans = entities or [None] * len(records)
    pairs = [
        pair
        for record, found in zip(records, spans, strict=True)
        for pair in score_article(record, suggester, found)
    ]
    gold = [p.gold for p in pairs]
    extra = len(pairs) - sum(len(r["stance"]) for r in records)
    predicted = [p.predicted for p in pairs]
    scores = score_labels(gold, predicted, LABELS)
    return scores, majority_baseline(gold, LABELS), extra, pairs


def _right(pair: Pair) -> bool:
    """The suggested holder is the gold one; a target's aliases count as its names."""
    aliases = TARGETS.get(pair.holder or "", ())
    return same_holder(pair.gold_holder, pair.holder, aliases)


def report_holders(pairs: list[Pair]) -> float:
    """Print and return the share of right holders among the labels got right."""
    counted = [p for p in pairs if p.holder_counts]
    right = [p for p in counted if _right(p)]
    share = len(right) / len(counted) if counted else 0.0
    print(f"  holders right / labels right: {len(right)}/{len(counted)} = {share:.2f}")
    by_how: dict[str, list[int]] = {}
    for p in counted:
        tally = by_how.setdefault(p.how or "author", [0, 0])
        tally[0] += _right(p)
        tally[1] += 1
    for how, (good, count) in sorted(by_how.items(), key=lambda kv: -kv[1][1]):
        print(f"    {how:<16} {good}/{count}")
    return share


def precision_recall(scores: LabelScores, label: str) -> tuple[float, float]:
    tp = scores.confusion.get(label, {}).get(label, 0)
    predicted = sum(row.get(label, 0) for row in scores.confusion.values())
    gold = sum(scores.confusion.get(label, {}).values())
    return (tp / predicted if predicted else 0.0), (tp / gold if gold else 0.0)


def report(
    name: str, records: list[dict], entities: list[Entities] | None = None
) -> tuple[LabelScores, LabelScores, float]:
    scores, baseline, extra, pairs = evaluate(records, entities)
    print(
        f"{name}: {len(records)} articles, {scores.count} pairs "
        f"({extra} suggested pairs no gold covers, scored against NEUTRAL)"
    )
    for label in LABELS:
        p, r = precision_recall(scores, label)
        f1 = scores.per_label_f1[label]
        print(f"  {label:<8} P {p:.2f}  R {r:.2f}  F1 {f1:.2f}")
    print(f"  lexicon:     macro-F1 {scores.macro_f1:.3f}  accuracy {scores.accuracy:.3f}")
    print(f"  all NEUTRAL: macro-F1 {baseline.macro_f1:.3f}  accuracy {baseline.accuracy:.3f}")
    width = max(len(label) for label in LABELS) + 2
    print("  " + " " * width + "".join(f"{lab:>{width}}" for lab in LABELS) + "  ← suggested")
    for gold in LABELS:
        row = scores.confusion.get(gold, {})
        print(f"  {gold:<{width}}" + "".join(f"{row.get(p, 0):>{width}}" for p in LABELS))
    return scores, baseline, report_holders(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--articles", default="", help="comma-separated 0-based indexes")
    parser.add_argument("--folds", action="store_true", help="also score odd/even articles")
    parser.add_argument(
        "--no-entities", action="store_true", help="name holders without entity spans"
    )
    args = parser.parse_args(argv)
    path = args.data or default_data()
    if not path.is_file():
        print(f"no data at {path} (give --data)", file=sys.stderr)
        return 2
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    if args.articles:
        chosen = [int(i) for i in args.articles.split(",")]
        records = [records[i] for i in chosen]
    entities = None if args.no_entities else entity_spans(records)
    scores, baseline, holders = report("stance on real German news, cold start", records, entities)
    if args.folds:
        report("even articles (0, 2, …)", records[0::2], entities and entities[0::2])
        report("odd articles (1, 3, …)", records[1::2], entities and entities[1::2])
    met = scores.macro_f1 >= GOAL_MACRO_F1 and scores.accuracy > baseline.accuracy
    print(
        f"goal (macro-F1 >= {GOAL_MACRO_F1:.2f}, accuracy above all-NEUTRAL): "
        f"{'met' if met else 'MISSED'}"
    )
    print(f"holders (>= {GOAL_HOLDERS:.2f} of the labels got right): {holders:.2f}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
