"""Suggest benchmark: words per second of `suggest` over 1,000 German articles with the
embedded model, in 1 and 2 processes, against plain spaCy `nlp.pipe` of the same model in the
same run; peak memory; and the time to suggest one 6,000-character article once the model is
loaded (target: under 0.3 s).

    python bench/suggest_bench.py [--articles 1000] [--sentences 30]

Articles are made of sentences from ``../shared/data/ner-de/train.tsv`` when it is there
(real German text), else of the sample articles.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "ner-de" / "train.tsv"
TARGET_WORDS_PER_SECOND = 5000
TARGET_ARTICLE_SECONDS = 0.3


def sentences() -> list[str]:
    if CORPUS.is_file():
        import spacy

        from nlp.conll import read_docs

        return [doc.text for doc in read_docs(CORPUS, spacy.blank("de").vocab)]
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "resources" / "samples").glob("de-*")]
    return [line for text in texts for line in text.split("\n") if len(line) > 40]


def make_articles(count: int, per_article: int, seed: int = 11) -> list[str]:
    pool = sentences()
    rng = random.Random(seed)
    return [" ".join(rng.choices(pool, k=per_article)) + f" (Meldung {i})" for i in range(count)]


def child_suggest(articles_file: Path, processes: int) -> dict:
    """In a fresh process: import, then time `suggest` as the command line runs it."""
    from services.suggesting import SuggestOptions, suggest_project_in_processes
    from storage.importing.records import ImportedRecord
    from storage.importing.service import Importer
    from storage.project import open_project

    texts = json.loads(articles_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp, open_project(Path(tmp) / "b.sqlite") as project:
        Importer(project.db, project.project_id).import_items(
            ImportedRecord(text=t, source=f"{i}", location=f"{i}", language="de")
            for i, t in enumerate(texts)
        )
        started = time.perf_counter()
        report = suggest_project_in_processes(project, SuggestOptions(processes=processes))
        # Includes starting the workers and loading the model in each: a second or two.
        seconds = time.perf_counter() - started
    return {"words": report.words, "seconds": seconds, "documents": report.documents}


def child_plain(articles_file: Path, processes: int) -> dict:
    """The baseline: plain spaCy over the same texts, same model, nothing stored."""
    import spacy

    from nlp.pipelines import resolve_pipeline

    texts = json.loads(articles_file.read_text(encoding="utf-8"))
    nlp = spacy.load(resolve_pipeline("de").location)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=64):
        pass
    seconds = time.perf_counter() - started
    return {"words": sum(len(t.split()) for t in texts), "seconds": seconds}


def child_article() -> dict:
    """Seconds to suggest one ~6,000-character article, model already loaded (median of 10)."""
    from nlp.entity_suggester import EntitySuggester, prepare_pipeline, temperature_of
    from nlp.patterns import load_patterns, shipped_pattern_files
    from nlp.pipelines import PipelineCache, resolve_pipeline

    choice = resolve_pipeline("de")
    patterns = load_patterns(shipped_pattern_files())
    nlp = prepare_pipeline(PipelineCache().load(choice), patterns, temperature_of(choice.location))
    suggester = EntitySuggester(nlp, choice, patterns)
    article = make_articles(1, 90, seed=5)[0][:6000]
    next(suggester.suggest([article]))  # first call warms caches
    times = []
    for _ in range(10):
        started = time.perf_counter()
        next(suggester.suggest([article]))
        times.append(time.perf_counter() - started)
    return {"chars": len(article), "seconds": statistics.median(times)}


def run_child(*args: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=30, help="sentences per article")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "article":
            result = child_article()
        else:
            runner = child_suggest if kind == "suggest" else child_plain
            result = runner(Path(rest[0]), int(rest[1]))
        # The largest process: this one or a worker it started (Linux reports KiB).
        peak = max(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        result["peak_mib"] = peak / 1024
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="standpunkt-bench-") as tmp:
        articles_file = Path(tmp) / "articles.json"
        texts = make_articles(args.articles, args.sentences)
        articles_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        words = sum(len(t.split()) for t in texts)
        print(f"suggest benchmark: {args.articles} German articles, {words} words")
        ok = True
        for processes in (1, 2):
            plain = run_child("plain", str(articles_file), str(processes))
            ours = run_child("suggest", str(articles_file), str(processes))
            rate, base = ours["words"] / ours["seconds"], plain["words"] / plain["seconds"]
            per_process = rate / processes
            ok &= per_process >= TARGET_WORDS_PER_SECOND
            print(
                f"  {processes} process(es): suggest {rate:8.0f} words/s "
                f"({per_process:.0f} per process, peak {ours['peak_mib']:.0f} MiB); "
                f"plain spaCy {base:8.0f} words/s (peak {plain['peak_mib']:.0f} MiB); "
                f"ratio {rate / base:.2f}"
            )
    article = run_child("article")
    ok &= article["seconds"] < TARGET_ARTICLE_SECONDS
    print(
        f"  one {article['chars']}-character article, model loaded: "
        f"{article['seconds']:.3f} s (target < {TARGET_ARTICLE_SECONDS} s)"
    )
    print(
        f"  targets ({TARGET_WORDS_PER_SECOND} words/s per process, "
        f"< {TARGET_ARTICLE_SECONDS} s per article): {'met' if ok else 'not met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
