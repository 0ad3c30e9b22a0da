"""What checking a project costs: opening for work (backup, checked) and for reading (the
file checked) against the same opens without a check, on one project, in the same run.

The project is built once per size by importing generated articles of ~6,000 characters
(``--megabytes 1024`` for the 1 GB figure; the default is small enough for ``python -m
bench``). Each figure is the median of ``--runs`` runs with the file in the page cache; a
check reads the whole file, so from a cold disk it costs the time to read it once.

    python bench/integrity_bench.py [--megabytes 200] [--runs 3] [--keep DIR]

Baselines, in the same run: the same opens with the checks taken out (what opening did
before they existed; for work that is mostly the backup copy). Target: opening for work
costs at most 1.5 times as much as without its check.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 1.5
FILE_ARTICLES = 20_000  # about 120 MB of JSONL a file
ARTICLE_WORDS = 500
VOCABULARY = (
    "Berlin Russland NATO erklärte heute die der Regierung Ukraine Angriff Stoltenberg sagte "
    "und mit gegen für Kiew Moskau Truppen Front Soldaten wurde hat nach Angaben des"
).split()


def build_project(folder: Path, megabytes: int) -> Path:
    """A project of about ``megabytes`` MB, imported as JSONL the way users import (in files
    of at most ``FILE_ARTICLES`` articles: the import takes files of up to 512 MB)."""
    from storage.importing.service import Importer
    from storage.project import open_project

    project = folder / "bench.sqlite"
    if project.exists():
        return project
    rng = random.Random(7)
    articles = megabytes * 1024 * 1024 // (ARTICLE_WORDS * 12)
    sources = []
    for first in range(0, articles, FILE_ARTICLES):
        source = folder / f"articles-{first}.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for number in range(first, min(articles, first + FILE_ARTICLES)):
                words = (rng.choice(VOCABULARY) + str(rng.randrange(10**5)) for _ in range(500))
                text = f"Meldung {number}: " + " ".join(words)
                out.write(json.dumps({"text": text, "title": f"Meldung {number}"}) + "\n")
        sources.append(source)
    with open_project(project) as opened:
        summary = Importer(opened.db, opened.project_id).import_paths(sources)
    assert summary.imported == articles, summary.lines()[-1]
    for source in sources:
        source.unlink()
    return project


def median_seconds(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(project: Path, runs: int) -> dict[str, float]:
    import storage.backup
    import storage.project
    from storage.backup import list_backups
    from storage.integrity import sqlite_problem
    from storage.project import open_project

    def open_for_work() -> None:
        open_project(project, create=False).close()
        for old in list_backups(project):
            old.unlink()

    def open_for_reading() -> None:
        open_project(project, read_only=True).close()

    open_for_reading()  # warm the page cache
    figures = {
        "quick_check": median_seconds(runs, lambda: sqlite_problem(project, "quick")),
        "integrity_check": median_seconds(runs, lambda: sqlite_problem(project, "full")),
        "open for work": median_seconds(runs, open_for_work),
        "open for reading": median_seconds(runs, open_for_reading),
    }
    # The baselines: the same opens with the checks taken out, as they were before.
    checked_copy, inspect = storage.backup.sqlite_problem, storage.project.inspect_project_file
    storage.backup.sqlite_problem = lambda *_args: None
    storage.project.inspect_project_file = lambda file, check=True: inspect(file, check=False)
    try:
        figures["open for work, unchecked (baseline)"] = median_seconds(runs, open_for_work)
        figures["open for reading, unchecked (baseline)"] = median_seconds(runs, open_for_reading)
    finally:
        storage.backup.sqlite_problem = checked_copy
        storage.project.inspect_project_file = inspect
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the project in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        project = build_project(folder, args.megabytes)
        size = project.stat().st_size / (1024 * 1024)
        figures = measure(project, args.runs)
    print(f"integrity checks on a {size:,.0f} MB project (median of {args.runs}, warm cache)")
    for name, seconds in figures.items():
        print(f"  {name:40s} {seconds:8.2f} s")
    ratio = figures["open for work"] / figures["open for work, unchecked (baseline)"]
    extra = figures["open for reading"] - figures["open for reading, unchecked (baseline)"]
    print(f"  open for work / unchecked: {ratio:.2f} (target ≤ {TARGET_RATIO})")
    print(f"  open for reading: the check adds {extra:.2f} s")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
