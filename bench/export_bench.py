"""Excel export benchmark: entity rows per second and peak memory of ``write_workbook``
against a bare openpyxl write-only loop that appends the same rows, in the same run.

Both sides read the same synthetic documents (20 entities each), built lazily so the records
themselves take no memory; each side runs in its own process, so its peak memory is its own.
Target: at least 0.7 of the bare loop's rate.

    python bench/export_bench.py [--rows 200000]     (--rows 1000000 for the full figure)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 0.7
SPANS_PER_DOCUMENT = 20
WORDS = "Die NATO warnt Russland vor einer Eskalation , sagte Olaf Scholz in Berlin .".split()


def documents(rows: int) -> Iterator:
    """Documents of about 1,700 characters with ``SPANS_PER_DOCUMENT`` entities each."""
    from storage.export.records import ExportDocument, ExportSpan

    labels = ("PER", "LOC", "ORG", "MISC")
    for index in range(rows // SPANS_PER_DOCUMENT):
        text = f"Meldung {index}: " + " ".join(WORDS * SPANS_PER_DOCUMENT)
        spans, start = [], 0
        for number in range(SPANS_PER_DOCUMENT):
            start = text.index("NATO", start + 1) if number else text.index("NATO")
            spans.append(
                ExportSpan(
                    start, start + 4, "NATO", labels[number % 4], "accepted",
                    "model de_standpunkt_ner 0.1.0", 0.875, "anna",
                    "2024-05-01T10:00:00+00:00", "2024-05-01T10:00:00+00:00",
                )
            )  # fmt: skip
        yield ExportDocument(
            index + 1, f"Meldung {index}", f"m{index}.txt", "de", text, {}, {"anna": "done"},
            {"anna": 60.0}, spans,
        )  # fmt: skip


def run_ours(rows: int, out: Path) -> int:
    from storage.export.excel import ExportLabels, LabelInfo, write_workbook

    labels = ExportLabels(
        entity=[LabelInfo(n, c) for n, c in (("PER", "#cc79a7"), ("LOC", "#56b4e9"),
                                             ("ORG", "#e69f00"), ("MISC", "#009e73"))]
    )  # fmt: skip
    return write_workbook(documents(rows), out, labels, annotators=["anna"]).entities


def run_baseline(rows: int, out: Path) -> int:
    """The same rows, plain values, no styles, no safety checks: openpyxl's own speed."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Entities")
    count = 0
    for document in documents(rows):
        text = document.text
        for s in document.spans:
            sheet.append(
                [document.id, s.annotator, s.start, s.end, s.text, s.label, s.state, s.origin,
                 s.confidence, text[max(0, s.start - 40) : s.start], text[s.end : s.end + 40],
                 s.created_at, s.updated_at]
            )  # fmt: skip
            count += 1
    book.save(out)
    return count


def run_side(side: str, rows: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"{side}.xlsx"
        started = time.perf_counter()
        count = (run_ours if side == "ours" else run_baseline)(rows, out)
        seconds = time.perf_counter() - started
        size = out.stat().st_size
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"rows": count, "seconds": seconds, "peak_mib": peak_kib / 1024, "bytes": size}


def measure(side: str, rows: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--side", side, "--rows", str(rows)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"{side} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--side", choices=["ours", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.side:
        sys.path.insert(0, str(ROOT))  # run as a script: storage is beside bench/
        print(json.dumps(run_side(args.side, args.rows)))
        return 0
    baseline = measure("baseline", args.rows)
    ours = measure("ours", args.rows)
    ours_rate = ours["rows"] / ours["seconds"]
    baseline_rate = baseline["rows"] / baseline["seconds"]
    ratio = ours_rate / baseline_rate
    print(f"export_bench: {ours['rows']:,} entity rows")
    print(
        f"  write_workbook: {ours_rate:,.0f} rows/s ({ours['seconds']:.1f} s), "
        f"peak {ours['peak_mib']:.0f} MiB, {ours['bytes'] / 2**20:.1f} MiB file"
    )
    print(
        f"  bare openpyxl:  {baseline_rate:,.0f} rows/s ({baseline['seconds']:.1f} s), "
        f"peak {baseline['peak_mib']:.0f} MiB, {baseline['bytes'] / 2**20:.1f} MiB file"
    )
    met = ratio >= TARGET_RATIO
    print(f"  ratio {ratio:.2f} (target >= {TARGET_RATIO}): {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
