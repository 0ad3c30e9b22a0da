"""Stance for all documents in the GUI's background worker: seconds and sentences per second
of "Suggest for all documents" with stance only (``suggest_all_job(..., entities=False)``
through a ``JobRunner``, storing included) over 1,000 German articles, and how long the GUI
thread's event loop was blocked meanwhile (target: never more than 100 ms; exit code 1 if
missed). Baseline in the same run: ``suggest_stance`` over the same project in the main
thread, no event loop. Each run works on its own fresh copy of the project file (so each
stores the same suggestions); 3 runs of each, in alternating order, medians printed.

    python bench/stance_gui_bench.py [--articles 1000] [--repeats 3]

Blocking is measured while the job runs: a 5 ms precise QTimer records the time between its
ticks (max and 99th percentile gap; the same timer with no job is its baseline); a plain
Python thread emits a queued signal every 50 ms, as an event arriving from outside would, and
records how late its slot runs in the GUI thread; the ``step`` progress signals that arrived
are counted. For the longest gaps it prints the CPU time the process used meanwhile (about
the gap: the worker held the GIL; far less: the machine did not run us) and what the worker
was doing: reading, suggesting, storing, and every garbage collection (timed with
``gc.callbacks``), which runs in C with the GIL held and so stops the GUI thread too.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.stance_bench import TARGETS  # noqa: E402
from bench.suggest_bench import make_articles  # noqa: E402

TARGET_GAP_MS = 100.0
TICK_MS = 5
PROBE_MS = 50
IDLE_SECONDS = 0.5
TIMEOUT_MS = 600_000


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


class LoopWatch:
    """Records the gaps between a precise timer's ticks in the GUI thread, and how late a
    signal emitted every ``PROBE_MS`` from a plain Python thread is handled there."""

    def __init__(self, probe: bool) -> None:
        from PySide6.QtCore import QObject, Qt, QTimer, Signal

        class Probe(QObject):
            poke = Signal(float)

        self.ticks: list[float] = []
        self.cpu: list[float] = []  # the process's CPU time at each tick, all threads
        self.latencies: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._probe = Probe() if probe else None  # lives in the GUI thread: queued delivery
        if self._probe is not None:
            self._probe.poke.connect(self._poked)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.process_time())

    def _poked(self, sent: float) -> None:
        self.latencies.append((time.perf_counter() - sent) * 1000)

    def _poke(self) -> None:
        assert self._probe is not None
        while not self._stop.wait(PROBE_MS / 1000):
            self._probe.poke.emit(time.perf_counter())

    def start(self) -> None:
        self._tick()
        self._timer.start()
        if self._probe is not None:
            self._thread = threading.Thread(target=self._poke, daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def gaps_ms(self) -> list[float]:
        return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    def worst(self, count: int) -> list[tuple[float, float, float]]:
        """The ``count`` longest gaps: (start, end) perf_counter times and the CPU time the
        process used meanwhile, all threads together."""
        gaps = [
            (self.ticks[i], self.ticks[i + 1], self.cpu[i + 1] - self.cpu[i])
            for i in range(len(self.ticks) - 1)
        ]
        return sorted(gaps, key=lambda g: g[1] - g[0], reverse=True)[:count]


def run_loop(until: Callable[[Callable[[], None]], None], timeout_ms: int) -> None:
    """Run a QEventLoop until ``until``'s callback is called (or the timeout): a real event
    loop, not processEvents(flags, ms), whose PySide6 6.12 overload leaks and aborts."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    ended: list[bool] = []

    def end() -> None:
        ended.append(True)
        loop.quit()

    QTimer.singleShot(timeout_ms, loop.quit)
    until(end)
    if not ended:
        loop.exec()
    if not ended:
        raise TimeoutError("the event loop was not ended in time")


class Intervals:
    """(what, start, end) of calls in the worker thread, to match long gaps against."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, float, float]] = []
        self._collecting: float | None = None

    def garbage_collection(self, phase: str, info: dict) -> None:
        """A ``gc.callbacks`` entry: a collection runs in C, holding the GIL throughout."""
        now = time.perf_counter()
        if phase == "start":
            self._collecting = now
        elif self._collecting is not None:
            where = "GUI" if threading.current_thread() is threading.main_thread() else "worker"
            name = f"garbage collection (generation {info['generation']}, {where} thread)"
            self.spans.append((name, self._collecting, now))
            self._collecting = None

    def wrap(self, name: str, function: Callable) -> Callable:
        def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spans.append((name, started, time.perf_counter()))

        return wrapped

    def during(self, start: float, end: float) -> str:
        overlap: dict[str, float] = {}
        for name, a, b in self.spans:
            shared = min(b, end) - max(a, start)
            if shared > 0:
                overlap[name] = overlap.get(name, 0.0) + shared
        if not overlap:
            return "nothing instrumented"
        return ", ".join(f"{n} {s * 1000:.0f} ms" for n, s in sorted(overlap.items()))


@dataclass
class WorkerRun:
    seconds: float
    result: object  # AllSuggested, or the failure message
    steps: int
    watch: LoopWatch
    worst: list[str]  # the longest gaps, described


def copy_project(source: Path, target: Path) -> None:
    """The project file as it is (closed: its WAL is checkpointed into it; any rest too)."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def baseline_run(path: Path):  # type: ignore[no-untyped-def]
    """``suggest_stance`` over all documents in this (the main) thread; no event loop runs."""
    from nlp.suggest_stance import suggest_stance
    from storage.project import open_project
    from storage.suggestions import documents_to_suggest

    with open_project(path, create=False, backup_on_open=False) as project:
        started = time.perf_counter()
        with project.db.read() as session:
            todo = documents_to_suggest(session, project.project_id, False, None)
        report = suggest_stance(project.db, project.project_id, todo)
        return time.perf_counter() - started, report, len(todo)


def worker_run(path: Path, intervals: Intervals) -> WorkerRun:
    """The window's "Suggest for all documents", stance only: ``suggest_all_job`` through a
    ``JobRunner``, the event loop running (and watched) until its done handler fires."""
    from gui.job_runner import JobRunner
    from nlp.pipelines import PipelineCache
    from services.suggestion_jobs import suggest_all_job
    from storage.project import open_project

    intervals.spans.clear()
    with open_project(path, create=False, backup_on_open=False) as project:
        runner = JobRunner()
        job = suggest_all_job(project, PipelineCache(), threading.Lock(), entities=False)
        connected = threading.Event()

        def gated(worker):  # type: ignore[no-untyped-def]
            # The step signal is connected after start() returns; the job waits for that, or
            # its first step(0, total) could be emitted with nobody connected yet.
            connected.wait()
            return job(worker)

        results: list[object] = []
        steps: list[tuple[int, int]] = []
        times: list[float] = []
        watch = LoopWatch(probe=True)

        def start(end: Callable[[], None]) -> None:
            def handler(result: object) -> None:  # done and failed alike
                times.append(time.perf_counter())
                results.append(result)
                end()

            watch.start()
            times.append(time.perf_counter())
            worker = runner.start(gated, handler, handler)
            assert worker is not None
            worker.signals.step.connect(lambda done, total: steps.append((done, total)))
            connected.set()

        run_loop(start, TIMEOUT_MS)
        watch.stop()
        runner.shutdown()
    worst = []
    for a, b, cpu in watch.worst(3):
        wall = b - a
        why = (
            "the worker held the GIL"
            if cpu >= 0.8 * wall
            else "the process was not running (machine busy)"
            if cpu < 0.5 * wall
            else "partly not running"
        )
        worst.append(
            f"{wall * 1000:5.1f} ms, process CPU {cpu * 1000:3.0f} ms ({why}); worker: "
            f"{intervals.during(a, b)}"
        )
    return WorkerRun(times[1] - times[0], results[0], len(steps), watch, worst)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.app import keep_out_of_garbage_collection
    from services.suggestion_jobs import AllSuggested
    from storage.importing.records import ImportedRecord
    from storage.importing.service import Importer
    from storage.project import open_project
    from storage.stance.store import add_target
    from text.sentences import split_sentences

    app = QApplication.instance() or QApplication([])
    keep_out_of_garbage_collection()  # as the app does once its window is built
    texts = make_articles(args.articles, 30)
    sentences = sum(len(split_sentences(text)) for text in texts)
    # Both kinds of run are instrumented alike (a microsecond a call), so the ratio is fair.
    intervals = Intervals()
    instrument(intervals)
    baselines: list[tuple[float, object, int]] = []
    runs: list[WorkerRun] = []
    try:
        with tempfile.TemporaryDirectory(prefix="standpunkt-stance-gui-") as tmp:
            seed = Path(tmp) / "seed.sqlite"
            with open_project(seed) as project:
                Importer(project.db, project.project_id).import_items(
                    ImportedRecord(text=t, source=f"{i}", location=f"{i}", language="de")
                    for i, t in enumerate(texts)
                )
                for name, aliases in TARGETS.items():
                    add_target(project.db, project.project_id, name, aliases)

            # The tick timer alone, no job: what the timer itself gives on this machine.
            idle = LoopWatch(probe=False)
            idle.start()
            run_loop(lambda end: QTimer.singleShot(int(IDLE_SECONDS * 1000), end), TIMEOUT_MS)
            idle.stop()

            # Each run on its own fresh copy of the project, so each does the same work;
            # the order alternates, so neither kind always runs first.
            for repeat in range(args.repeats):
                for kind in ("baseline", "worker") if repeat % 2 == 0 else ("worker", "baseline"):
                    path = Path(tmp) / f"{kind}-{repeat}.sqlite"
                    copy_project(seed, path)
                    if kind == "baseline":
                        baselines.append(baseline_run(path))
                    else:
                        runs.append(worker_run(path, intervals))
    finally:
        uninstrument()
    app.processEvents()

    failed = [r.result for r in runs if not isinstance(r.result, AllSuggested)]
    if failed or any(r.result.stance is None for r in runs):  # type: ignore[union-attr]
        print(f"stance GUI benchmark: the job failed: {failed[0] if failed else 'no stance'}")
        return 1
    base_seconds = statistics.median(b[0] for b in baselines)
    worker_seconds = statistics.median(r.seconds for r in runs)
    added = {b[1].added for b in baselines} | {r.result.stance.added for r in runs}  # type: ignore[attr-defined,union-attr]
    documents = baselines[0][2]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gaps = [g for r in runs for g in r.watch.gaps_ms()]
    idle_gaps = idle.gaps_ms()
    late = [x for r in runs for x in r.watch.latencies]
    max_gap = max(gaps)
    expected_steps = 1 + -(-documents // 64)  # step(0, total), then one a batch of 64

    def each(values: list[float], unit: str = "s") -> str:
        return ", ".join(f"{v:.2f}" for v in values) + f" {unit}"

    print(
        f"stance GUI benchmark: {args.articles} German articles, {sentences} sentences, "
        f"{len(TARGETS)} targets, {args.repeats} run{'s' if args.repeats != 1 else ''} of each "
        "(medians)"
    )
    print(
        f"  baseline, suggest_stance in the main thread: {base_seconds:5.2f} s, "
        f"{sentences / base_seconds:5.0f} sentences/s ({each([b[0] for b in baselines])})"
    )
    print(
        f"  worker, JobRunner + suggest_all_job(entities=False): {worker_seconds:5.2f} s, "
        f"{sentences / worker_seconds:5.0f} sentences/s ({each([r.seconds for r in runs])})"
    )
    print(
        f"  ratio worker / baseline: {worker_seconds / base_seconds:.2f}; suggestions stored "
        f"per run: {' / '.join(str(a) for a in sorted(added))}"
        f"{'' if len(added) == 1 else ' (NOT the same in every run)'}; peak {peak:.0f} MiB"
    )
    print(
        f"  event loop during the job: {len(gaps)} ticks of {TICK_MS} ms, gap max "
        f"{max_gap:.1f} ms, p99 {percentile(gaps, 0.99):.1f} ms, median "
        f"{statistics.median(gaps):.1f} ms (max per run: "
        f"{each([max(r.watch.gaps_ms()) for r in runs], 'ms')})"
    )
    print(
        f"  the timer with no job ({IDLE_SECONDS} s): gap max {max(idle_gaps):.1f} ms, "
        f"p99 {percentile(idle_gaps, 0.99):.1f} ms"
    )
    if late:
        print(
            f"  a signal from another thread every {PROBE_MS} ms ({len(late)}), handled in "
            f"the GUI thread after: median {statistics.median(late):.1f} ms, "
            f"p99 {percentile(late, 0.99):.1f} ms, max {max(late):.1f} ms"
        )
    print(
        f"  progress steps received per run: {', '.join(str(r.steps) for r in runs)} "
        f"(expected {expected_steps})"
    )
    print("  longest gaps of the run with the longest:")
    for line in max(runs, key=lambda r: max(r.watch.gaps_ms())).worst:
        print(f"    {line}")
    ok = max_gap <= TARGET_GAP_MS
    print(
        f"  target: event loop never blocked more than {TARGET_GAP_MS:.0f} ms: "
        f"{'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


_ORIGINALS: list[tuple[object, str, object]] = []


def instrument(intervals: Intervals) -> None:
    """Time the worker's phases (suggesting, storing, reading a document), to say what ran
    during a long gap (and every garbage collection). A wrapper costs about a microsecond
    a call."""
    import gc

    import nlp.stance_lexicon as lexicon
    import nlp.suggest_stance as stance

    for owner, name, label in (
        (stance, "store_stance_suggestions", "storing"),
        (stance, "document_texts", "reading a batch of documents"),
        (lexicon.LexiconStanceSuggester, "suggest", "suggesting"),
    ):
        original = getattr(owner, name)
        _ORIGINALS.append((owner, name, original))
        setattr(owner, name, intervals.wrap(label, original))
    gc.callbacks.append(intervals.garbage_collection)
    _ORIGINALS.append((gc, "callbacks", intervals.garbage_collection))


def uninstrument() -> None:
    import gc

    while _ORIGINALS:
        owner, name, original = _ORIGINALS.pop()
        if owner is gc:
            gc.callbacks.remove(original)
        else:
            setattr(owner, name, original)


if __name__ == "__main__":
    sys.exit(main())
