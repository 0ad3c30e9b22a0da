"""Stance benchmark: sentences per second of the cold-start stance suggester over 1,000
German articles (through `suggest --stance-only`'s code path, storing included), against
splitting the same articles into sentences alone, measured in the same run.

    python bench/stance_bench.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.suggest_bench import make_articles  # noqa: E402

TARGETS = {
    "Russland": ["Russland", "Russlands", "Moskau", "Kreml*"],
    "Ukraine": ["Ukraine", "Kiew"],
    "NATO": ["NATO", "Nato"],
    "USA": ["USA", "US", "Washington"],
    "EU": ["EU", "Brüssel"],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args(argv)

    from nlp.suggest_stance import suggest_stance
    from storage.importing.records import ImportedRecord
    from storage.importing.service import Importer
    from storage.project import open_project
    from storage.stance.store import add_target
    from storage.suggestions import documents_to_suggest
    from text.sentences import split_sentences

    texts = make_articles(args.articles, 30)
    started = time.perf_counter()
    sentences = sum(len(split_sentences(text)) for text in texts)
    split_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp, open_project(Path(tmp) / "s.sqlite") as project:
        Importer(project.db, project.project_id).import_items(
            ImportedRecord(text=t, source=f"{i}", location=f"{i}", language="de")
            for i, t in enumerate(texts)
        )
        for name, aliases in TARGETS.items():
            add_target(project.db, project.project_id, name, aliases)
        with project.db.read() as session:
            todo = documents_to_suggest(session, project.project_id, False, None)
        started = time.perf_counter()
        report = suggest_stance(project.db, project.project_id, todo)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"stance benchmark: {args.articles} German articles, {sentences} sentences, "
        f"{report.added} stance suggestions for {len(TARGETS)} targets"
    )
    print(
        f"  suggest stance: {sentences / seconds:8.0f} sentences/s (storing included), "
        f"peak {peak:.0f} MiB"
    )
    print(
        f"  baseline, sentence splitting alone: {sentences / split_seconds:8.0f} sentences/s; "
        f"ratio {split_seconds / seconds:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
