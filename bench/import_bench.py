"""Import benchmark: 10,000 articles of about 5,000 characters into a fresh project.

Our import (readers, language detection, hashing, duplicate check, documents with their
full-text index and event log) is timed against a bare ``sqlite3`` ``executemany`` of the same
files into a plain table, measured in the same run with the same durability settings. Each
side runs in its own process, so peak memory is that side's alone.

    python bench/import_bench.py [--articles 10000] [--chars 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1 / 3

VOCABULARY = (
    "die der das und nicht ein eine Regierung Ministerium Bundeskanzler Außenministerin "
    "Russland Ukraine Nordkorea NATO Vereinten Nationen Berlin Moskau Kiew Washington "
    "erklärte warnte begrüßte kritisierte Verhandlungen Truppen Sanktionen Wirtschaft "
    "Soldaten Offensive Unterstützung Lieferungen Experten zufolge Berichten Sprecher "
    "über für gegen mit nach bei seit während weiterhin zusätzlich entscheidend"
).split()


def make_articles(folder: Path, count: int, chars: int, seed: int = 7) -> None:
    """Write ``count`` distinct German-like articles of about ``chars`` characters."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        words, size = [f"Meldung {index}:"], 0
        while size < chars:
            sentence = " ".join(rng.choices(VOCABULARY, k=rng.randint(8, 20))).capitalize() + "."
            words.append(sentence)
            size += len(sentence) + 1
        (folder / f"artikel-{index:05d}.txt").write_text(" ".join(words), encoding="utf-8")


def run_ours(folder: Path, database: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from nlp.language import detect_language
    from storage.importing.service import Importer, ImportSettings
    from storage.project import open_project
    from storage.search import refresh_search_index

    with open_project(database) as project:
        started = time.perf_counter()
        summary = Importer(
            project.db, project.project_id, ImportSettings(detect_language=detect_language)
        ).import_paths([folder])
        seconds = time.perf_counter() - started
        # The search index is built after imports, not during them; time it on its own.
        started = time.perf_counter()
        refresh_search_index(project.db)
        index_seconds = time.perf_counter() - started
    return {"documents": summary.imported, "seconds": seconds, "index_seconds": index_seconds}


def run_baseline(folder: Path, database: Path) -> dict:
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, source TEXT, "
        "text TEXT)"
    )
    started = time.perf_counter()
    rows = []
    for path in sorted(folder.iterdir()):
        text = path.read_bytes().decode("utf-8")
        rows.append((hashlib.sha256(text.encode()).hexdigest(), path.name, text))
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO documents (sha256, source, text) VALUES (?, ?, ?)", rows)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return {"documents": len(rows), "seconds": seconds}


def measure(side: str, folder: Path, workdir: Path, run: int) -> dict:
    """Run one side in a fresh process and return its figures."""
    database = workdir / f"{side}-{run}.sqlite"
    output = subprocess.run(
        [sys.executable, __file__, "--child", side, str(folder), str(database)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--child", nargs=3, metavar=("SIDE", "FOLDER", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        side, folder, database = args.child
        runner = run_ours if side == "ours" else run_baseline
        result = runner(Path(folder), Path(database))
        # Peak resident memory of this process (Linux reports KiB).
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="standpunkt-bench-") as tmp:
        workdir = Path(tmp)
        folder = workdir / "articles"
        make_articles(folder, args.articles, args.chars)
        print(
            f"import benchmark: {args.articles} articles of ~{args.chars} characters, "
            f"{args.repeat} runs each, sides alternating"
        )
        ours, baseline = [], []
        for run in range(args.repeat):
            # Baseline first in each pair, so both sides see the same warm file cache.
            baseline.append(measure("baseline", folder, workdir, run))
            ours.append(measure("ours", folder, workdir, run))
        return report(ours, baseline, args.articles)


def report(ours: list[dict], baseline: list[dict], articles: int) -> int:
    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    for name, runs in (("bare sqlite3 executemany", baseline), ("Standpunkt import", ours)):
        assert all(r["documents"] == articles for r in runs), runs
        rate = median([articles / r["seconds"] for r in runs])
        peak = max(r["peak_mib"] for r in runs)
        print(f"  {name:26s} {rate:9.0f} articles/s (median)   peak memory {peak:.0f} MiB")
    index_rate = median([articles / r["index_seconds"] for r in ours])
    with_index = median([articles / (r["seconds"] + r["index_seconds"]) for r in ours])
    print(
        f"  {'search index, afterwards':26s} {index_rate:9.0f} articles/s (median); "
        f"import and index together {with_index:.0f} articles/s"
    )
    ratios = [b["seconds"] / o["seconds"] for o, b in zip(ours, baseline, strict=True)]
    ratio = median(ratios)
    verdict = "meets" if ratio >= TARGET_RATIO else "below"  # exit code 1 then
    print(
        f"  ratio Standpunkt / baseline rate: {ratio:.2f} (pairs: "
        f"{', '.join(f'{r:.2f}' for r in ratios)}); target >= {TARGET_RATIO:.2f}: {verdict}"
    )
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
