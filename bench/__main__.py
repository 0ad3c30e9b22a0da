"""Run every benchmark: ``python -m bench`` (options go to each benchmark's own defaults)."""

from __future__ import annotations

import sys

from bench import import_bench

BENCHMARKS = [import_bench.main]


if __name__ == "__main__":
    sys.exit(max(benchmark(sys.argv[1:]) for benchmark in BENCHMARKS))
