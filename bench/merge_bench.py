"""Merge benchmark: 20 annotators' files of 1,000 documents each, about 50 decisions per
document, merged into the coordinator's project (``services.offline_teams.merge_into``,
what ``main.py merge`` runs).

Baseline, in the same run: a bare ``sqlite3`` script copying the same rows (the files'
annotator rows of entity_spans, stance_annotations, document_status, document_flags and
events) into a copy of the same project with ``executemany`` in one transaction, with the
app's pragmas (WAL, synchronous FULL, foreign keys). Each side runs in its own process on
its own copy of the project, so its peak resident memory (``ru_maxrss``) is its own; the
figures are rows per second over the same rows. Target: the merge's rate at least 0.3 of
the baseline's. The merge's time excludes opening the project (backup and check), which
is printed apart.

    python bench/merge_bench.py [--small] [--annotators 20] [--documents 1000]
        [--repeat 1] [--keep DIR] [--profile] [--out DIR]

``--small``: 4 files of 200 documents (a smoke run; results in ``merge_small.md``). ``--keep
DIR`` builds the data in DIR once and reuses it. ``--profile`` also runs the merge once more
under cProfile and writes its top functions to ``merge_profile.txt`` (the stats in
``merge_profile.prof``) beside the results. A full run takes about 10 minutes on 2 cores,
half of it building the data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.merge_data import (  # noqa: E402  (the path first, for ``python bench/...``)
    COPIED,
    build_coordinator,
    copied_rows,
    fill,
    hand_out,
    iter_names,
)

TARGET_RATIO = 0.3
DEFAULT_OUT = ROOT / "bench" / "results"
FULL = (20, 1000)  # files, documents per file
SMALL = (4, 200)


# -- the two sides, each in a child process ------------------------------------------------


def _resident_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_ours(project: Path, files: list[Path], profile: Path | None) -> dict[str, Any]:
    from services.offline_teams import merge_into
    from services.projects import open_project

    start_mib = _resident_mib()
    started = time.perf_counter()
    with open_project(str(project)) as opened:
        opened_at = time.perf_counter()
        if profile is None:
            report = merge_into(opened, files)
        else:
            import cProfile

            profiler = cProfile.Profile()
            report = profiler.runcall(merge_into, opened, files)
            profiler.dump_stats(profile)
        merged_at = time.perf_counter()
    people = [person for item in report.files for person in item.annotators]
    return {
        "seconds": merged_at - opened_at,
        "open_seconds": opened_at - started,
        "start_mib": start_mib,
        "decisions": sum(person.decisions for person in people),
        "events": sum(item.events for item in report.files),
        "conflicts": len(report.conflicts),
    }


def run_baseline(project: Path, files: list[Path], _profile: Path | None) -> dict[str, Any]:
    import sqlite3

    connection = sqlite3.connect(project, isolation_level=None)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("PRAGMA cache_size = -65536")  # the app's 64 MiB
    start_mib = _resident_mib()
    started = time.perf_counter()
    connection.execute("BEGIN")
    rows = 0
    for path in files:
        source = sqlite3.connect(path)
        for table, where in COPIED.items():
            columns = [c[1] for c in source.execute(f"PRAGMA table_info({table})")]
            columns = [f'"{c}"' for c in columns if c != "id"]
            names = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            cursor = connection.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",
                source.execute(f"SELECT {names} FROM {table} WHERE {where}"),
            )
            rows += cursor.rowcount
        source.close()
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return {"seconds": seconds, "start_mib": start_mib, "rows": rows}


def measure(side: str, project: Path, folder: Path, profile: Path | None = None) -> dict:
    """Run one side in a fresh process on its own copy of the project."""
    command = [sys.executable, __file__, "--child", side, str(project), str(folder)]
    if profile is not None:
        command += ["--profile-to", str(profile)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {side} side failed ({done.returncode}): {done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def child(side: str, project: Path, folder: Path, profile: Path | None) -> int:
    if side == "ours":  # the app's modules loaded before the start figure, as in the app
        import services.offline_teams
        import services.projects  # noqa: F401
    runner = run_ours if side == "ours" else run_baseline
    result = runner(project, sorted(folder.glob("*.sqlite")), profile)
    # Peak resident memory of this process (Linux reports KiB).
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    return 0


# -- building, running, reporting ----------------------------------------------------------


def build(folder: Path, annotators: int, documents: int) -> tuple[Path, Path, float]:
    """The coordinator's project and the filled files in ``folder`` (reused when there);
    returns the project, the files' folder and the seconds building took."""
    project, out, ready = folder / "coordinator.sqlite", folder / "handed-out", folder / "ready"
    if ready.exists():
        return project, out, 0.0
    started = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    project.unlink(missing_ok=True)
    build_coordinator(project, annotators * documents)
    files = hand_out(project, out, list(iter_names(annotators)))
    assert len(files) == annotators, files
    for seed, path in enumerate(files):
        fill(path, seed)
    ready.write_text(f"{annotators} x {documents}\n")
    return project, out, time.perf_counter() - started


def _fresh_copy(project: Path, copy: Path) -> Path:
    for old in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        old.unlink(missing_ok=True)
    shutil.rmtree(Path(f"{copy}.backups"), ignore_errors=True)
    shutil.copyfile(project, copy)
    return copy


def _added(before: Path, after: Path) -> dict[str, int]:
    """Rows of the annotators' kind the side added, per table."""
    start, end = copied_rows([before]), copied_rows([after])
    return {table: end[table] - start[table] for table in COPIED}


def run_pairs(project: Path, out: Path, work: Path, repeat: int) -> tuple[list, list]:
    expected = copied_rows(sorted(out.glob("*.sqlite")))
    ours, baseline = [], []
    for _ in range(repeat):
        # Baseline first in each pair, so both sides see the same warm file cache.
        copy = _fresh_copy(project, work / "baseline.sqlite")
        baseline.append(measure("baseline", copy, out))
        assert _added(project, copy) == expected, (_added(project, copy), expected)
        copy = _fresh_copy(project, work / "merged.sqlite")
        ours.append(measure("ours", copy, out))
        assert _added(project, copy) == expected, (_added(project, copy), expected)
        assert ours[-1]["conflicts"] == 0, ours[-1]
    for result in (*ours, *baseline):
        result["rows"] = sum(expected.values())
    return ours, baseline


def report(
    ours: list[dict],
    baseline: list[dict],
    rows: dict[str, int],
    title: str,
    built: float,
    arguments: list[str],
) -> tuple[list[str], bool]:
    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    total = sum(rows.values())
    lines = [
        f"# {title}",
        "",
        "rows brought in: " + ", ".join(f"{t} {n:,}" for t, n in rows.items()),
    ]
    lines += [f"(total {total:,}; {ours[0]['decisions']:,} decisions)", ""]
    lines += ["| side | seconds | rows/s | peak memory | at start |", "|---|---|---|---|---|"]
    for name, runs in (("bare sqlite3 executemany", baseline), ("Standpunkt merge", ours)):
        seconds = median([r["seconds"] for r in runs])
        peak = max(r["peak_mib"] for r in runs)
        start = max(r["start_mib"] for r in runs)
        lines.append(
            f"| {name} | {seconds:.1f} | {total / seconds:,.0f} | {peak:.0f} MiB "
            f"| {start:.0f} MiB |"
        )
    ratios = [b["seconds"] / o["seconds"] for o, b in zip(ours, baseline, strict=True)]
    ratio = median(ratios)
    met = ratio >= TARGET_RATIO
    lines += [
        "",
        "peak memory: the side's process at its highest (ru_maxrss); at start: before the "
        "measured step, modules loaded (VmRSS).",
        "",
        f"- ratio of rates, merge / baseline: {ratio:.3f} (runs: "
        f"{', '.join(f'{r:.3f}' for r in ratios)}); target >= {TARGET_RATIO}: "
        + ("meets" if met else "below"),
        f"- opening the project for the merge (backup, check), not in the merge's time: "
        f"{median([r['open_seconds'] for r in ours]):.1f} s",
        f"- conflicts: {ours[0]['conflicts']}; log entries brought in: {ours[0]['events']:,}",
    ]
    if built:
        lines.append(f"- building the data (not measured): {built:.0f} s")
    command = " ".join(["python bench/merge_bench.py", *arguments])
    lines.append(f"- command: `{command}`; {os.cpu_count()} CPUs, {time.strftime('%F %R')}")
    return lines, met


def profile(project: Path, out: Path, work: Path, target: Path) -> None:
    """The merge once more under cProfile; the top functions written to ``target``."""
    import pstats

    stats_file = target.with_suffix(".prof")  # kept, for a closer look
    measure("ours", _fresh_copy(project, work / "profiled.sqlite"), out, stats_file)
    with target.open("w", encoding="utf-8") as stream:
        stats = pstats.Stats(str(stats_file), stream=stream).strip_dirs()
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)
        stats.print_callees(r"merge_files|merge_file\b|_replace|_bring_events")
    print(f"profile of the merge: {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="4 files of 200 documents")
    parser.add_argument("--annotators", type=int)
    parser.add_argument("--documents", type=int, help="documents per annotator")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the data in this folder")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--child", nargs=3, metavar=("SIDE", "DB", "FOLDER"), help=argparse.SUPPRESS
    )
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        side, database, folder = args.child
        return child(side, Path(database), Path(folder), args.profile_to)
    annotators, documents = SMALL if args.small else FULL
    annotators, documents = args.annotators or annotators, args.documents or documents
    with tempfile.TemporaryDirectory(prefix="standpunkt-merge-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        project, out, built = build(folder, annotators, documents)
        rows = copied_rows(sorted(out.glob("*.sqlite")))
        ours, baseline = run_pairs(project, out, Path(tmp), args.repeat)
        title = f"Merge: {annotators} annotators' files of {documents:,} documents each"
        arguments = sys.argv[1:] if argv is None else list(argv)
        lines, met = report(ours, baseline, rows, title, built, arguments)
        args.out.mkdir(parents=True, exist_ok=True)
        name = "merge_small" if args.small else "merge"
        (args.out / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n".join(lines))
        if args.profile:
            profile(project, out, Path(tmp), args.out / f"{name}_profile.txt")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
