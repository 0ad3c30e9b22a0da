"""What the suggestions save an annotator, replayed with ``main.py replay`` on data built from
``../shared`` (never copied into the repository); exit code 1 if a target is missed.

1. Entities: GermEval 2014 sentences (``ner-de/train.tsv`` then ``dev.tsv``) relabelled to a
   convention the embedded model was not trained on (``--convention``, as
   ``bench/learning_bench.py`` does; default ``ontonotes``: PERSON, GPE, ORG, NORP), twenty
   consecutive sentences a document, replayed in file order with retraining every 50 done
   documents. Target: at most 0.5 corrections per gold entity over documents 201–300,
   printed next to the first block's figure and against 1.0, what the same documents cost
   without suggestions (every entity one addition). The replay must take under 15 minutes.
   The first 255 documents come from ``train.tsv``, which the embedded model saw in its own
   convention; documents 256–310 (``dev.tsv``) it never saw: their figure is printed too.
2. Stance: the 12 articles of ``stance-news-de/dev.jsonl`` replayed into a project with the
   targets and aliases of ``bench/stance_news_bench.py``. Targets: corrections per pair over
   the last 6 articles at most 0.25; cold-start macro-F1 at least 0.60 with accuracy above
   answering NEUTRAL everywhere (both measured in the same run by ``stance_news_bench``).

    python bench/replay_bench.py [--out DIR] [--quick] [--part all|entities|stance]
        [--convention ontonotes|conll|base-class|per-loc-org]

``--quick``: 40 documents with retraining every 20 (a smoke run; only the stance targets
are judged). A full run takes about 15 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MAIN = ROOT / "main.py"
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "bench" / "results"
SENTENCES_PER_DOCUMENT = 20
TARGET_ENTITIES = 0.5
TARGET_SECONDS = 15 * 60
TARGET_STANCE = 0.25
FULL = (300, 50)  # documents, retrain every
QUICK = (40, 20)


def build_entity_gold(path: Path, convention: str) -> int:
    """The GermEval documents in file order (train, then dev); returns how many from train."""
    from bench.learning_bench import groups, joined, sentences, write_jsonl

    train = [joined(g) for g in groups(sentences("train.tsv", convention), 20)]
    dev = [joined(g) for g in groups(sentences("dev.tsv", convention), 20)]
    write_jsonl(train + dev, path, "germeval")
    return len(train)


def replay(args: list[str]) -> tuple[dict, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(MAIN), "replay", "--json", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"replay failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout), seconds


def per_gold(blocks: list[dict], first: int, last: int) -> tuple[float, int]:
    """Corrections per gold entity over the blocks within documents first..last."""
    inside = [b for b in blocks if b["documents"][0] >= first and b["documents"][1] <= last]
    gold = sum(b["entities"]["gold"] for b in inside)
    kinds = ("reject", "relabel", "resize", "add")
    corrections = sum(b["entities"]["corrections"][k] for b in inside for k in kinds)
    return (corrections / gold if gold else 0.0), gold


def per_pair(blocks: list[dict]) -> float:
    pairs = sum(b["stance"]["pairs"] for b in blocks)
    return sum(b["stance"]["corrections"] for b in blocks) / pairs if pairs else 0.0


def entity_part(convention: str, quick: bool, out: Path, lines: list[str]) -> bool:
    documents, every = QUICK if quick else FULL
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        from_train = build_entity_gold(gold, convention)
        result, seconds = replay(
            [
                "--gold", str(gold), "--documents", str(documents), "--block", "20",
                "--retrain-every", str(every), "--plot", str(out / "replay_entities.png"),
            ]
        )  # fmt: skip
    blocks = result["blocks"]
    (out / "replay_entities.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    first = blocks[0]["entities"]["corrections_per_gold"]
    late, late_gold = per_gold(blocks, 201, 300)
    unseen, unseen_gold = per_gold(blocks, from_train + 1, documents)
    lines += [
        f"## Entities: {documents} GermEval documents, convention {convention}, "
        f"retraining every {every}",
        "",
        "| documents | gold | corrections per gold | P | R | F1 | models |",
        "|---|---|---|---|---|---|---|",
    ]
    for block in blocks:
        e = block["entities"]
        models = " → ".join(block["models"]["entities"])
        lines.append(
            f"| {block['documents'][0]}–{block['documents'][1]} | {e['gold']} | "
            f"{e['corrections_per_gold']:.3f} | {e['precision']:.2f} | {e['recall']:.2f} | "
            f"{e['f1']:.2f} | {models} |"
        )
    lines += [
        "",
        "- without suggestions: 1.000 corrections per gold entity (baseline)",
        f"- first block (1–20): {first:.3f} ({first / 1.0:.2f}× the baseline)",
    ]
    if not quick:
        lines.append(
            f"- documents 201–300 ({late_gold} entities): {late:.3f} "
            f"(target ≤ {TARGET_ENTITIES}; {late / first:.2f}× the first block)"
        )
    if unseen_gold:
        lines.append(
            f"- documents {from_train + 1}–{documents} (dev.tsv, never seen by the embedded "
            f"model; {unseen_gold} entities): {unseen:.3f}"
        )
    lines.append(f"- time: {seconds:.0f} s (target < {TARGET_SECONDS} s)")
    lines.append("")
    if quick:
        return True
    return late <= TARGET_ENTITIES and seconds < TARGET_SECONDS


def stance_part(lines: list[str]) -> bool:
    from bench.stance_news_bench import TARGETS, default_data, evaluate
    from storage.project import open_project
    from storage.stance.store import add_targets

    data = default_data()
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    scores, neutral, _ = evaluate(records)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "stance.sqlite"
        with open_project(project) as opened:
            targets = [(name, aliases, "other") for name, aliases in TARGETS.items()]
            add_targets(opened.db, opened.project_id, targets)
        result, seconds = replay(["--gold", str(data), "--project", str(project), "--block", "1"])
    blocks = result["blocks"]
    late = per_pair(blocks[6:])
    lines += [
        "## Stance: the 12 articles of stance-news-de/dev.jsonl",
        "",
        f"- cold start: macro-F1 {scores.macro_f1:.3f} (target ≥ 0.60), accuracy "
        f"{scores.accuracy:.3f} against NEUTRAL everywhere {neutral.accuracy:.3f}",
        f"- replay: {per_pair(blocks[:6]):.3f} corrections per pair over the first 6 articles, "
        f"{late:.3f} over the last 6 (target ≤ {TARGET_STANCE}); all: "
        f"{result['summary']['stance']['corrections_per_pair']:.3f}, accuracy "
        f"{result['summary']['stance']['accuracy']:.3f}, macro-F1 "
        f"{result['summary']['stance']['macro_f1']:.3f}; {seconds:.0f} s",
        "",
    ]
    return scores.macro_f1 >= 0.60 and scores.accuracy > neutral.accuracy and late <= TARGET_STANCE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--part", choices=["all", "entities", "stance"], default="all")
    parser.add_argument("--convention", default="ontonotes")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"replay_bench: no {SHARED}: skipped")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    lines = ["# Replay: corrections an annotator makes", ""]
    met = True
    if args.part in ("all", "stance"):
        met &= stance_part(lines)
    if args.part in ("all", "entities"):
        met &= entity_part(args.convention, args.quick, args.out, lines)
    text = "\n".join(lines)
    (args.out / "replay.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    print("targets met" if met else "a target was missed")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
