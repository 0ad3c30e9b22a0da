"""Holders on sentences the holder rules never saw: a blind held-out set of single German
news sentences (GermEval 2014, picked by a mechanical filter, a target, side and holder
written by hand; kept outside the repository), scored with ``nlp.holder_match.same_holder``.

    python bench/holder_heldout_bench.py --data FILE.jsonl [--no-entities] [--show]

Each line of FILE: ``text``, ``target``, ``aliases`` (the words naming the target, as a user
would list them), ``label`` (FAVOR or AGAINST), ``holder`` ("author" or a name, several
allowed as "A/B"), ``part`` ("fix": may be looked at while fixing rules; "final": kept
unlooked for a last check), optional ``id``.

Each sentence goes through the suggester's own path (``LexiconStanceSuggester.judge_sentence``,
``DocumentHolders.holder_of``, ``own_targets``, ``suggestion_of``) with the label forced to
the gold side, as if the suggester had got the side right. Printed: holders right / total, by
how they were found, for all, the "fix" part and the "final" part, with entity spans from the
shipped German model and without. ``--show`` lists the wrong ones of the "fix" part only.
Exit 2 when the data file is missing.
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
from nlp.stance_evidence import Judged, suggestion_of  # noqa: E402
from nlp.stance_lexicon import LexiconStanceSuggester, load_lexicon  # noqa: E402
from nlp.stance_targets import TargetSpec  # noqa: E402
from text.sentences import split_sentences  # noqa: E402

Entities = list[tuple[int, int, str]]
PARTS = ("fix", "final")


@dataclass(frozen=True)
class Scored:
    record: dict
    holder: str | None
    how: str

    @property
    def right(self) -> bool:
        # a target's words name it too, as in stance_news_bench
        aliases = self.record.get("aliases", ()) if self.holder == self.record["target"] else ()
        return same_holder(self.record["holder"], self.holder, aliases)


def holder_for(record: dict, entities: Entities | None) -> tuple[str | None, str]:
    """(holder name or None for the author, how) the suggester gives ``record``'s target
    when it labels it with the gold side: the first sentence that mentions the target."""
    target = record["target"]
    spec = TargetSpec(target, tuple(record.get("aliases", ())) or (target,))
    suggester = LexiconStanceSuggester(load_lexicon("de"), [spec])
    text = record["text"]
    holders = suggester.holder_finder.document(text, entities or ())
    sentences = split_sentences(text)
    for index, sentence in enumerate(sentences):
        judged, speakers = suggester.judge_sentence(sentence.text)
        holder = holders.holder_of(sentence, speakers)
        verdict = next((j for j in judged if j.target == target), None)
        if verdict is None and index < len(sentences) - 1:
            continue
        verdict = verdict or Judged(target, record["label"], 0.9, "")
        own = suggester.own_targets(text, holder)
        found = suggestion_of(index, sentence, verdict, holder, label=record["label"], own=own)
        return found.holder, found.holder_how or "author"
    return None, "author"


def entity_spans(texts: list[str]) -> list[Entities]:
    """Each text's entity spans from the shipped German entity model and the gazetteers."""
    from nlp.entity_suggester import EntitySuggester, prepare_pipeline, temperature_of
    from nlp.patterns import load_patterns, shipped_pattern_files
    from nlp.pipelines import PipelineCache, resolve_pipeline

    choice = resolve_pipeline("de")
    patterns = load_patterns(shipped_pattern_files())
    nlp = prepare_pipeline(PipelineCache().load(choice), patterns, temperature_of(choice.location))
    found = EntitySuggester(nlp, choice, patterns).suggest(texts)
    return [[(s.start, s.end, s.label) for s in spans] for spans in found]


def score(records: list[dict], entities: list[Entities] | None) -> list[Scored]:
    spans: list[Entities | None] = list(entities) if entities else [None] * len(records)
    return [
        Scored(record, *holder_for(record, found))
        for record, found in zip(records, spans, strict=True)
    ]


def report(title: str, scored: list[Scored]) -> float:
    right = sum(s.right for s in scored)
    share = right / len(scored) if scored else 0.0
    print(f"  {title}: holders right {right}/{len(scored)} = {share:.2f}")
    by_how: dict[str, list[int]] = {}
    for s in scored:
        tally = by_how.setdefault(s.how, [0, 0])
        tally[0] += s.right
        tally[1] += 1
    for how, (good, count) in sorted(by_how.items(), key=lambda kv: -kv[1][1]):
        print(f"    {how:<16} {good}/{count}")
    return share


def show_wrong(scored: list[Scored]) -> None:
    for s in scored:
        if s.record.get("part") == "fix" and not s.right:
            r = s.record
            print(f"  {r.get('id', '?')}: gold {r['holder']!r}, got {s.holder!r} ({s.how})")
            print(f"    target {r['target']!r} {r['label']}: {r['text']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=False, default=None)
    parser.add_argument("--no-entities", action="store_true", help="only without entity spans")
    parser.add_argument("--show", action="store_true", help="list the wrong ones (fix part)")
    args = parser.parse_args(argv)
    if args.data is None or not args.data.is_file():
        print(f"no held-out data at {args.data} (give --data FILE.jsonl)", file=sys.stderr)
        return 2
    lines = args.data.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    runs: list[tuple[str, list[Entities] | None]] = [("without entity spans", None)]
    if not args.no_entities:
        runs.append(("with entity spans", entity_spans([r["text"] for r in records])))
    for name, entities in runs:
        scored = score(records, entities)
        print(f"{name}: {len(records)} sentences")
        report("all", scored)
        for part in PARTS:
            report(part, [s for s in scored if s.record.get("part") == part])
        if args.show:
            show_wrong(scored)
    return 0


if __name__ == "__main__":
    sys.exit(main())
