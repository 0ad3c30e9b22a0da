"""JSONL export benchmark: ``export --format jsonl`` of a project against a bare
tokenise-and-write loop of the same records, measured in the same run.

The project holds 1,000 German news-like articles (about 3,000 characters) with 1,660 accepted
entity spans, the size at which doccano 1.8.4 exported in 2.1 s and we took 10.8 s. Our side is
the whole export (reading the project, tokenising, writing the file); the baseline gets the
records already read and only tokenises them with the same blank spaCy tokenizer, finds each
span's tokens with ``Doc.char_span`` and writes one ``json.dumps`` line per document. Target:
at least 0.7 of the baseline's rate.

Linear in spans: one 100,000-character document with 1,000 spans must cost about ten times one
10,000-character document with 100 spans (the same density), not a hundred times (each span's
tokens once cost a rebuild of the whole text). Target: at most 15 times.

    python bench/jsonl_bench.py [--articles 1000] [--spans 1660] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: storage is beside bench/
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 0.7
LINEAR_LIMIT = 15.0  # 10x the text and the spans: about 10x the time
ENTITIES = [
    ("NATO", "ORG"),
    ("Russland", "LOC"),
    ("Olaf Scholz", "PER"),
    ("Berlin", "LOC"),
    ("Vereinten Nationen", "ORG"),
    ("Annalena Baerbock", "PER"),
]
VOCABULARY = (
    "die der das und nicht ein eine Regierung Ministerium Bundeskanzler Außenministerin "
    "erklärte warnte begrüßte kritisierte Verhandlungen Truppen Sanktionen Wirtschaft "
    "Soldaten Offensive Unterstützung Lieferungen Experten zufolge Berichten Sprecher "
    "über für gegen mit nach bei seit während weiterhin zusätzlich entscheidend „Frieden“ "
    "30.000 3,5 Prozent (dpa) – am Montag."
).split()


def article(rng: random.Random, index: int, chars: int) -> str:
    """German-like news text of about ``chars`` characters, two entities a sentence."""
    sentences, size = [f"Meldung {index}:"], 0
    while size < chars:
        words = rng.choices(VOCABULARY, k=rng.randint(8, 20))
        for entity, _ in rng.sample(ENTITIES, 2):
            words.insert(rng.randrange(len(words)), entity)
        sentence = " ".join(words) + "."
        sentence = sentence[0].upper() + sentence[1:]
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)


def entity_places(text: str, count: int) -> list[tuple[int, int, str]]:
    """The first ``count`` places of an entity in ``text``: (start, end, label)."""
    found: list[tuple[int, int, str]] = []
    for words, label in ENTITIES:
        start = text.find(words)
        while start >= 0:
            found.append((start, start + len(words), label))
            start = text.find(words, start + 1)
    found.sort()
    assert len(found) >= count, f"only {len(found)} entities in the text"
    return found[:count]


def build_project(path: Path, articles: int, spans: int) -> Any:
    """A project of ``articles`` documents with ``spans`` accepted spans by "anna"."""
    from storage.importing.records import ImportedRecord
    from storage.importing.service import Importer
    from storage.label_schema import entity_label_ids
    from storage.models import AnnotationState, EntitySpan, OriginKind
    from storage.project import get_or_create_annotator, open_project

    rng = random.Random(16)
    texts = [article(rng, i, 3000) for i in range(articles)]
    project = open_project(path)
    records = [
        ImportedRecord(text=t, source=f"a{i}.txt", location=f"a{i}.txt", title=f"Meldung {i}")
        for i, t in enumerate(texts)
    ]
    ids = Importer(project.db, project.project_id).import_items(records).document_ids
    with project.db.write() as session:
        anna = get_or_create_annotator(session, "anna").id
        labels = entity_label_ids(session, project.project_id)
        for number, (doc_id, text) in enumerate(zip(ids, texts, strict=True)):
            count = spans // articles + (number < spans % articles)
            for start, end, label in entity_places(text, count):
                session.add(
                    EntitySpan(
                        document_id=doc_id, doc_length=len(text), start_offset=start,
                        end_offset=end, label_id=labels[label], state=AnnotationState.ACCEPTED,
                        origin_kind=OriginKind.MANUAL, annotator_id=anna,
                    )
                )  # fmt: skip
    return project


def bare_loop(documents: list[Any], out: Path) -> int:
    """Tokenise and write the same records as plainly as possible: what any exporter that
    gives Prodigy's tokens has to do."""
    import spacy

    nlp = spacy.blank("de")
    count = 0
    with out.open("w", encoding="utf-8") as file:
        for document in documents:
            doc = nlp.make_doc(document.text)
            tokens = [
                {"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i} for t in doc
            ]
            spans = []
            for s in document.spans:
                covered = doc.char_span(s.start, s.end, alignment_mode="expand")
                assert covered is not None
                spans.append(
                    {"start": s.start, "end": s.end, "text": s.text, "label": s.label,
                     "token_start": covered.start, "token_end": covered.end - 1}
                )  # fmt: skip
            record = {"text": document.text, "meta": {"document_id": document.id},
                      "tokens": tokens, "spans": spans, "answer": "accept"}  # fmt: skip
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def export_case(args: argparse.Namespace, folder: Path) -> tuple[float, float, int]:
    """(our seconds, the baseline's seconds, spans) for the whole project."""
    from services.exporting import export_project
    from storage.export.annotation_sets import blank_pipeline
    from storage.export.gather import iter_export_documents
    from storage.export.records import ExportOptions

    project = build_project(folder / "bench.sqlite", args.articles, args.spans)
    with project:
        options = ExportOptions()
        documents = list(iter_export_documents(project.db, project.project_id, options))
        spans = sum(len(d.spans) for d in documents)
        blank_pipeline("de")  # both sides start with a loaded tokenizer
        out = folder / "out.jsonl"

        def ours() -> None:
            export_project(project.db, project.project_id, "jsonl", out, options)

        baseline = best_of(args.repeat, lambda: bare_loop(documents, folder / "bare.jsonl"))
        return best_of(args.repeat, ours), baseline, spans


def one_document(chars: int, spans: int) -> Any:
    from storage.export.records import ExportDocument, ExportSpan

    text = article(random.Random(chars), 0, chars)
    rows = [
        ExportSpan(start, end, text[start:end], label, "accepted", "manual", None, "anna", "", "")
        for start, end, label in entity_places(text, spans)
    ]
    return ExportDocument(1, "Lang", "lang.txt", "de", text, {}, {"anna": "done"}, {}, rows)


def linear_case(args: argparse.Namespace, folder: Path) -> tuple[float, float]:
    """Seconds to write one 10k document with 100 spans, and one 100k with 1,000."""
    from storage.export.records import ExportOptions
    from storage.export.training_data import write

    small, large = one_document(10_000, 100), one_document(100_000, 1_000)

    def timed(document: Any) -> float:
        return best_of(
            args.repeat, lambda: write("jsonl", [document], folder / "one", ExportOptions())
        )

    return timed(small), timed(large)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--spans", type=int, default=1660)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ours, baseline, spans = export_case(args, folder)
        small, large = linear_case(args, folder)
    ratio = baseline / ours  # our rate over the baseline's
    growth = large / small
    met = ratio >= TARGET_RATIO and growth <= LINEAR_LIMIT
    print(f"jsonl_bench: {args.articles:,} documents, {spans:,} spans")
    print(f"  export --format jsonl: {ours:.2f} s")
    print(f"  bare tokenise-and-write loop: {baseline:.2f} s")
    print(f"  ratio {ratio:.2f} (target >= {TARGET_RATIO})")
    print(
        f"  one document: 10k chars, 100 spans {small * 1000:.0f} ms; 100k chars, 1,000 spans "
        f"{large * 1000:.0f} ms: {growth:.1f}x (target <= {LINEAR_LIMIT:.0f}x)"
    )
    print(f"  {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
