"""Run every benchmark: ``python -m bench``. Each prints its figures against a baseline
measured in the same run; the exit code is 1 if any target was missed."""

from __future__ import annotations

import sys

from bench import (
    add_span_bench,
    entity_quality,
    export_bench,
    gui_latency,
    import_bench,
    integrity_bench,
    jsonl_bench,
    learning_bench,
    merge_bench,
    replay_bench,
    stance_bench,
    stance_gui_bench,
    suggest_bench,
    workbench_bench,
)

BENCHMARKS = [
    import_bench.main,
    suggest_bench.main,
    gui_latency.main,
    stance_bench.main,
    stance_gui_bench.main,
    entity_quality.main,
    workbench_bench.main,
    export_bench.main,
    add_span_bench.main,
    jsonl_bench.main,
    integrity_bench.main,
    learning_bench.main,
    replay_bench.main,
    merge_bench.main,
]

if __name__ == "__main__":
    sys.exit(max(benchmark([]) for benchmark in BENCHMARKS))
