"""Workbench benchmark: how fast the window answers an annotator, against baselines measured
in the same run (exit code 1 if a target is missed).

1. Open and paint: from selecting a document in the list (``window.table.selectRow``) until
   its highlights are on screen: the window's ``suggestions_shown`` (text read and shown,
   highlights set), then the posted events delivered, which paints the article text (checked:
   its viewport gets a paint event). A 6,000-character German article with 60 entity
   suggestions and a 100,000-character one with 2,000, strictly alternating. Baseline: a
   bare ``QPlainTextEdit`` of the same size and font: ``setPlainText`` of the same text and
   ``setExtraSelections`` of as many plain selections built by hand, painted alike.
   Targets (median): 6k under 50 ms and within 2x the baseline, 100k under 300 ms.
2. Accept key: Return pressed (``QTest.keyClick``) on the stance panel until the decision is
   saved and shown, timed to the moment ``window.suggestions.repaint()`` returns (the
   window's instance of it is wrapped to take that timestamp); the status bar must say
   "Saved" and the row "accepted" by then. Each press accepts an open suggestion and commits;
   the window's undo stack takes it back before the next press (untimed), and the training
   check each decision starts in the background is let finish, as between an annotator's
   presses. Target: median under 16 ms (a frame). Baseline: the storage action alone
   (``StanceEditor.accept``). The same for Return on a focused entity span when
   ``gui/entity_workflow.py`` is there (``entity_case``).
3. Event loop during "Suggest for all documents", entities only: ``suggest_all_job`` through
   a ``JobRunner`` over 500 German articles with the embedded model (loaded beforehand, as
   after the first document shown; the load is reported apart), a 5 ms timer recording the
   gaps between its ticks (``bench/stance_gui_bench.py``'s ``LoopWatch``). Target: no gap
   over 100 ms. Baseline: the same timer with no job. Then how long spaCy holds the GIL in
   ``nlp.pipe`` at the suggester's batch size and smaller ones: a thread that sleeps 1 ms in
   a loop records how late it wakes while this one suggests for 64 articles.

4. Decisions by key in the article text (``bench/workbench_decisions.py``): Tab, accept,
   reject, relabel and undo on a 100,000-character article with 2,700 suggestions (targets:
   decisions under 50 ms, Tab under 16 ms) and on a 6,000-character one with 60 (everything
   under 16 ms), against the storage action alone and a bare ``QPlainTextEdit``.

    python bench/workbench_bench.py [--repeats 20] [--presses 500] [--articles 500]
        [--rounds 15] [--only paint,keys,long,decide,loop] [--nlp-batch N] [--freeze-model]

Experiments for part 3 (the code stays as it is): ``--nlp-batch N`` runs ``nlp.pipe`` with
batches of N documents; ``--freeze-model`` calls ``gc.freeze()`` once the model is loaded
and prepared, as ``PipelineCache.load`` does for the pipelines it loads itself.

One file for three measurements because they share the window, its set-up and the report.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.stance_bench import TARGETS  # noqa: E402
from bench.stance_gui_bench import (  # noqa: E402
    IDLE_SECONDS,
    TICK_MS,
    Intervals,
    LoopWatch,
    copy_project,
    percentile,
    run_loop,
)
from bench.suggest_bench import make_articles, sentences  # noqa: E402

PAINT_TARGETS_MS = {"6k": 50.0, "100k": 300.0}
PAINT_RATIO_TARGETS = {"6k": 2.0}  # the window within 2x the bare editor, same run
PAINT_SIZES = {"6k": (6_000, 60), "100k": (100_000, 2_000)}  # characters, highlights
KEY_TARGET_MS = 16.0
GAP_TARGET_MS = 100.0
WINDOW_SIZE = (1400, 860)
TIMEOUT_MS = 600_000
BLOCK = 50  # key presses: blocks of window and baseline, alternating
PROBE_DOCUMENTS = 64
PROBE_BATCHES = (32, 16, 8, 4)
LABELS = ("PER", "LOC", "ORG", "MISC")


@dataclass
class Outcome:
    """Lines to print and whether every target was met."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def target(self, what: str, value: float, limit: float, unit: str = "ms") -> None:
        met = value < limit
        self.ok = self.ok and met
        verdict = "OK" if met else "MISSED"
        self.lines.append(f"  target: {what} {value:.1f} {unit} < {limit:g} {unit}: {verdict}")


def none_references() -> int:
    return sys.getrefcount(None)


# --- texts and projects -----------------------------------------------------------------------


def german_text(characters: int, rng: random.Random) -> str:
    """German news-like text of about ``characters``: corpus sentences, paragraphs of five."""
    pool = sentences()
    paragraphs, length = [], 0
    while length < characters:
        paragraph = " ".join(rng.choices(pool, k=5))
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return "\n".join(paragraphs)[:characters].rsplit(" ", 1)[0] + "."


def spread_names(text: str, count: int) -> list[tuple[int, int]]:
    """``count`` capitalised words spread evenly over ``text``: where highlights go."""
    words = [m.span() for m in re.finditer(r"\b[A-ZÄÖÜ][\wäöüß-]{2,}", text)]
    if len(words) < count:
        raise ValueError(f"only {len(words)} capitalised words for {count} highlights")
    step = len(words) / count
    return [words[int(i * step)] for i in range(count)]


def store_entities(project, document_id: int, text: str, count: int, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    from storage.suggestions import SpanSuggestion, store_entity_suggestions

    spans = [
        SpanSuggestion(
            start, end, LABELS[i % 4], round(rng.uniform(0.5, 0.99), 3), "model", "b", "1"
        )
        for i, (start, end) in enumerate(spread_names(text, count))
    ]
    store_entity_suggestions(project.db, project.project_id, document_id, spans, ["b"])


def import_texts(path: Path, texts: dict[str, str]) -> list[int]:
    """A new project holding ``texts`` (title: text), German; their ids."""
    from storage.importing.records import ImportedRecord
    from storage.importing.service import Importer
    from storage.project import open_project

    with open_project(path) as project:
        summary = Importer(project.db, project.project_id).import_items(
            ImportedRecord(text=t, source=f"{n}.txt", location=n, title=n, language="de")
            for n, t in texts.items()
        )
    return summary.document_ids


def make_paint_project(path: Path, rng: random.Random) -> dict[str, str]:
    """The 6k and 100k articles with their entity suggestions stored (no stance targets)."""
    from storage.project import open_project

    texts = {name: german_text(chars, rng) for name, (chars, _) in PAINT_SIZES.items()}
    ids = import_texts(path, texts)
    with open_project(path) as project:
        for (name, text), document_id in zip(texts.items(), ids, strict=True):
            store_entities(project, document_id, text, PAINT_SIZES[name][1], rng)
    return texts


def make_key_project(path: Path, rng: random.Random) -> None:
    """A 6,000-character article of the German sample articles' lines (they take sides on
    the targets) with 60 entity suggestions and the lexicon's stance suggestions toward
    ``bench/stance_bench.py``'s targets stored."""
    from nlp.suggest_stance import suggest_stance
    from storage.project import open_project
    from storage.stance.store import add_target

    samples = sorted((ROOT / "resources" / "samples").glob("de-*.txt"))
    lines = [line for p in samples for line in p.read_text(encoding="utf-8").split("\n")[2:]]
    text = ""
    while len(text) < 6_000:
        text += rng.choice(lines) + "\n"
    text = text[:6_000].rsplit(".", 1)[0] + "."
    [document_id] = import_texts(path, {"keys": text})
    with open_project(path) as project:
        for name, aliases in TARGETS.items():
            add_target(project.db, project.project_id, name, aliases)
        store_entities(project, document_id, text, 60, rng)
        suggest_stance(project.db, project.project_id, [(document_id, "de")])


# --- the window -------------------------------------------------------------------------------


def build_window(folder: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from gui.app import keep_out_of_garbage_collection
    from gui.main_window import MainWindow

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("annotator", "bench")
    window = MainWindow(samples_dir=None, settings=settings)
    keep_out_of_garbage_collection()  # once, after building the window, as the app does
    window.resize(*WINDOW_SIZE)
    window.show()
    window.activateWindow()
    return window


def open_in(window, path: Path) -> None:  # type: ignore[no-untyped-def]
    ends: list[Callable[[], None]] = []

    def start(end: Callable[[], None]) -> None:
        ends.append(end)
        window.project_opened.connect(end)
        window.open_project(path, create=False)

    run_loop(start, TIMEOUT_MS)
    window.project_opened.disconnect(ends[0])
    spin()


def spin(milliseconds: int = 0) -> None:
    """Run the event loop for a while: queued signals and posted events are delivered."""
    from PySide6.QtCore import QTimer

    run_loop(lambda end: QTimer.singleShot(milliseconds, end), TIMEOUT_MS)


def spin_until(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    started = time.perf_counter()
    spin()
    while not condition():
        if (time.perf_counter() - started) * 1000 > timeout_ms:
            raise TimeoutError("the window did not settle")
        spin(1)


def paint_counter(widgets: list) -> dict:  # type: ignore[type-arg]
    """Counts paint events per widget (an event filter kept alive by the returned dict)."""
    from PySide6.QtCore import QEvent, QObject

    counts: dict = {widget: 0 for widget in widgets}

    class Counter(QObject):
        def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Paint and watched in counts:
                counts[watched] += 1
            return False

    counter = Counter()
    for widget in widgets:
        widget.installEventFilter(counter)
    counts["filter"] = counter
    return counts


# --- 1. open and paint ------------------------------------------------------------------------


def measure_paint(window, texts: dict[str, str], repeats: int) -> Outcome:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QPlainTextEdit

    rows = {window.model.document_row(r).title: r for r in range(window.model.rowCount())}
    bare = QPlainTextEdit()
    bare.setFont(window.article.text_edit.font())
    bare.resize(window.article.text_edit.size())
    bare.show()
    viewport = window.article.text_edit.viewport()
    paints = paint_counter([viewport, bare.viewport()])
    shown: list[int] = []

    def on_shown(document_id: int, _count: int) -> None:
        shown.append(document_id)

    window.suggestions_shown.connect(on_shown)
    figures = {k: {n: [] for n in texts} for k in ("window", "signal", "baseline", "dropped")}
    try:
        for repeat in range(repeats + 1):  # the first round warms up and is not counted
            for name in ("100k", "6k"):  # opening showed the first, 6k: strictly alternating
                shown.clear()
                before, references = paints[viewport], none_references()
                started = time.perf_counter()
                window.table.selectRow(rows[name])
                signalled = time.perf_counter()
                QCoreApplication.sendPostedEvents()  # layout, then the paint of the new text
                ended = time.perf_counter()
                dropped = references - none_references()
                if len(shown) != 1 or paints[viewport] == before:
                    raise RuntimeError(f"{name}: shown {len(shown)} times, painted or not")
                spin()
                base = paint_baseline(bare, texts[name], PAINT_SIZES[name][1], paints)
                spin()
                if repeat:
                    for kind, value in (
                        ("window", (ended - started) * 1000),
                        ("signal", (signalled - started) * 1000),
                        ("baseline", base),
                        ("dropped", dropped),
                    ):
                        figures[kind][name].append(value)
    finally:
        bare.close()
        window.activateWindow()  # the bare editor was: keys go to the active window only
        window.suggestions_shown.disconnect(on_shown)
    return paint_outcome(texts, figures, repeats)


def paint_baseline(bare, text: str, count: int, paints: dict) -> float:  # type: ignore[no-untyped-def, type-arg]
    """Milliseconds for the bare editor to show ``text`` with ``count`` plain highlights."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
    from PySide6.QtWidgets import QTextEdit

    colour = QColor("#56b4e9")
    colour.setAlpha(60)
    before = paints[bare.viewport()]
    started = time.perf_counter()
    bare.setPlainText(text)
    selections = []
    for start, end in spread_names(text, count):
        cursor = QTextCursor(bare.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[misc]
        text_format = QTextCharFormat()
        text_format.setBackground(colour)
        selection.format = text_format  # type: ignore[misc]
        selections.append(selection)
    bare.setExtraSelections(selections)
    QCoreApplication.sendPostedEvents()
    ended = time.perf_counter()
    if paints[bare.viewport()] == before:
        raise RuntimeError("the baseline editor was not painted")
    return (ended - started) * 1000


def paint_outcome(texts: dict[str, str], figures: dict, repeats: int) -> Outcome:  # type: ignore[type-arg]
    outcome = Outcome(
        [f"1. open and paint, select to painted, {repeats} times each, alternating (medians)"]
    )
    for name, text in texts.items():
        window, signal = figures["window"][name], figures["signal"][name]
        base, dropped = figures["baseline"][name], figures["dropped"][name]
        median, base_median = statistics.median(window), statistics.median(base)
        outcome.lines.append(
            f"  {name} ({len(text):,} characters, {PAINT_SIZES[name][1]:,} highlights): "
            f"{median:.1f} ms, max {max(window):.1f} ms (of which to suggestions_shown "
            f"{statistics.median(signal):.1f} ms); baseline QPlainTextEdit {base_median:.1f} "
            f"ms, max {max(base):.1f} ms; ratio {median / base_median:.2f}; references to "
            f"None lost: {statistics.mean(dropped):,.0f} a time (mean)"
        )
        outcome.target(f"{name} median", median, PAINT_TARGETS_MS[name])
        if name in PAINT_RATIO_TARGETS:
            ratio, limit = median / base_median, PAINT_RATIO_TARGETS[name]
            outcome.target(f"{name} ratio to the bare QPlainTextEdit", ratio, limit, "x")
    return outcome


# --- 2. accept keys ---------------------------------------------------------------------------


@dataclass
class KeyCase:
    """One accept key: how to put the focus on open item i, press, check, and the storage
    action alone for the baseline (it returns its undo)."""

    name: str
    items: int  # open items, taken in turn
    prepare: Callable[[int], None]
    press: Callable[[], None]
    accepted: Callable[[int], bool]
    storage_action: Callable[[int], Callable[[], None]]


def stance_case(window) -> KeyCase:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gui.stance_actions import StanceActions

    [actions] = window.findChildren(StanceActions)
    editor = actions.editor
    panel = window.article.stance_panel
    rows = [panel.model.stance_row(r) for r in range(panel.model.rowCount())]
    open_rows = [r for r, row in enumerate(rows) if row.state == "suggested" and row.stance_id]
    if not open_rows:
        raise RuntimeError("the stance panel shows no open suggestion")

    def accept_alone(i: int) -> Callable[[], None]:
        result = editor.accept([rows[open_rows[i % len(open_rows)]].stance_id])
        return lambda: editor.undo(result.action_id)

    return KeyCase(
        "stance panel, Return on the selected row",
        len(open_rows),
        lambda i: panel.select_row(open_rows[i % len(open_rows)]),
        lambda: QTest.keyClick(panel.view, Qt.Key.Key_Return),
        lambda i: panel.model.stance_row(open_rows[i % len(open_rows)]).state == "accepted",
        accept_alone,
    )


def entity_case(window) -> KeyCase | None:  # type: ignore[no-untyped-def]
    """Return on a focused entity span (``gui/entity_workflow.py``), when that is there."""
    if importlib.util.find_spec("gui.entity_workflow") is None:
        return None
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gui.entity_workflow import EntityWorkflow
    from gui.span_focus import is_open

    workflows = window.findChildren(EntityWorkflow)
    if not workflows or workflows[0].editor is None:
        return None
    editor = workflows[0].editor
    text = window.article.text_edit
    spans = [span for span in text.highlighted if is_open(span)]

    def span_at(i: int):  # type: ignore[no-untyped-def]
        start, end = spans[i % len(spans)].start, spans[i % len(spans)].end
        return next((s for s in text.highlighted if (s.start, s.end) == (start, end)), None)

    def prepare(i: int) -> None:
        text.setFocus()
        text.focus_span(span_at(i))

    def accept_alone(i: int) -> Callable[[], None]:
        result = editor.accept(spans[i % len(spans)].span_id)
        return lambda: editor.undo(result.action_id)

    return KeyCase(
        "article text, Return on the focused entity span",
        len(spans),
        prepare,
        lambda: QTest.keyClick(text, Qt.Key.Key_Return),
        lambda i: span_at(i) is not None and not is_open(span_at(i)),
        accept_alone,
    )


@dataclass
class Presses:
    to_repaint: list[float] = field(default_factory=list)
    to_handled: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    wrong: int = 0


def measure_keys(window, case: KeyCase, presses: int) -> Outcome:  # type: ignore[no-untyped-def]
    from gui.stance_training import StanceTrainer

    trainers = window.findChildren(StanceTrainer)
    window.activateWindow()  # keys go to the active window only
    spin()
    repainted: list[float] = []
    original = window.suggestions.repaint

    def timed_repaint(stance: bool = True) -> None:
        original(stance)
        repainted.append(time.perf_counter())

    def settle() -> None:  # the training check a decision starts, done as between presses
        spin_until(lambda: not any(trainer.running for trainer in trainers))

    window.suggestions.repaint = timed_repaint  # the window's handlers look it up by name
    seen = Presses()
    try:
        for block in range(0, presses, BLOCK):
            kinds = ("window", "alone") if block % (2 * BLOCK) == 0 else ("alone", "window")
            for kind, i in itertools.product(kinds, range(block, min(block + BLOCK, presses))):
                if kind == "alone":
                    started = time.perf_counter()
                    undo = case.storage_action(i)
                    seen.alone.append((time.perf_counter() - started) * 1000)
                    undo()
                    continue
                case.prepare(i)
                settle()
                repainted.clear()
                press_once(window, case, i, repainted, seen)
                window.undo_stack.undo()
                settle()
    finally:
        del window.suggestions.repaint
    return keys_outcome(case, seen)


def press_once(window, case: KeyCase, i: int, repainted: list[float], seen: Presses) -> None:  # type: ignore[no-untyped-def]
    references = none_references()
    started = time.perf_counter()
    case.press()
    handled = time.perf_counter()
    seen.dropped.append(references - none_references())
    saved = window.status.saved_label.text() == "Saved"
    if len(repainted) != 1 or not saved or not case.accepted(i):
        seen.wrong += 1
        return
    seen.to_repaint.append((repainted[0] - started) * 1000)
    seen.to_handled.append((handled - started) * 1000)


def keys_outcome(case: KeyCase, seen: Presses) -> Outcome:
    times = seen.to_repaint
    median = statistics.median(times) if times else float("inf")
    alone = statistics.median(seen.alone)
    outcome = Outcome(
        [
            f"  {case.name}: {len(times)} presses over {case.items} open items"
            + (f", {seen.wrong} NOT saved and shown" if seen.wrong else ""),
            f"    key to saved and repainted: median {median:.1f} ms, p95 "
            f"{percentile(times, 0.95):.1f} ms, max {max(times, default=0):.1f} ms; the key "
            f"handled completely: median {statistics.median(seen.to_handled or [0]):.1f} ms; "
            f"references to None lost: {statistics.mean(seen.dropped or [0]):,.0f} a press (mean)",
            f"    baseline, the storage action alone: median {alone:.1f} ms, p95 "
            f"{percentile(seen.alone, 0.95):.1f} ms; ratio {median / alone:.2f}",
        ]
    )
    outcome.target("median", median, KEY_TARGET_MS)
    outcome.ok = outcome.ok and seen.wrong == 0
    return outcome


# --- 3. the event loop while suggesting for all -----------------------------------------------


def watched_run(job, intervals: Intervals) -> tuple[float, object, LoopWatch]:  # type: ignore[no-untyped-def]
    """Run ``job`` through a ``JobRunner``, the event loop watched until it is done."""
    from gui.job_runner import JobRunner

    runner = JobRunner()
    watch = LoopWatch(probe=False)
    results: list[object] = []
    intervals.spans.clear()

    def start(end: Callable[[], None]) -> None:
        def handler(result: object) -> None:
            results.append(result)
            end()

        watch.start()
        if runner.start(job, handler, handler) is None:
            raise RuntimeError("the job did not start")

    started = time.perf_counter()
    run_loop(start, TIMEOUT_MS)
    seconds = time.perf_counter() - started
    watch.stop()
    runner.shutdown()
    return seconds, results[0], watch


def describe_worst(watch: LoopWatch, intervals: Intervals, count: int) -> list[str]:
    lines = []
    for a, b, cpu in watch.worst(count):
        wall = b - a
        why = "a thread held the GIL" if cpu >= 0.8 * wall else "the process was not running"
        lines.append(
            f"    {wall * 1000:5.1f} ms, process CPU {cpu * 1000:3.0f} ms ({why}); worker: "
            f"{intervals.during(a, b)}"
        )
    return lines


def measure_loop(folder: Path, args: argparse.Namespace) -> Outcome:
    import gc

    from PySide6.QtCore import QTimer

    from nlp.pipelines import PipelineCache
    from services.suggestion_jobs import AllSuggested, suggest_all_job
    from storage.project import open_project

    texts = make_articles(args.articles, 30)
    seed, warm, run = folder / "all.sqlite", folder / "warm.sqlite", folder / "run.sqlite"
    import_texts(seed, {f"{i}": t for i, t in enumerate(texts)})
    import_texts(warm, {"warm": texts[0]})
    copy_project(seed, run)
    idle = LoopWatch(probe=False)
    idle.start()
    run_loop(lambda end: QTimer.singleShot(int(IDLE_SECONDS * 1000), end), TIMEOUT_MS)
    idle.stop()

    intervals = Intervals()
    undo = instrument(intervals, args.nlp_batch)
    cache, lock = PipelineCache(), threading.Lock()
    try:
        with open_project(warm, create=False, backup_on_open=False) as project:
            load = watched_run(suggest_all_job(project, cache, lock, stance=False), intervals)
        load_worst = describe_worst(load[2], intervals, 1)
        if args.freeze_model:
            gc.freeze()
        with open_project(run, create=False, backup_on_open=False) as project:
            job = suggest_all_job(project, cache, lock, stance=False)
            seconds, result, watch = watched_run(job, intervals)
        worst = describe_worst(watch, intervals, 3)
    finally:
        undo()
    if not isinstance(result, AllSuggested) or result.entities is None:
        return Outcome([f"3. suggest for all: the job failed: {result}"], ok=False)
    gaps, idle_gaps, report = watch.gaps_ms(), idle.gaps_ms(), result.entities
    changed = [f"nlp.pipe batches of {args.nlp_batch}"] if args.nlp_batch else []
    changed += ["gc.freeze() after the model loaded"] if args.freeze_model else []
    batch = " and ".join(changed) + " (experiment)" if changed else "as the code is"
    outcome = Outcome(
        [
            f"3. event loop during suggest for all, entities only, {batch}: {report.documents}"
            f" German articles, {report.words:,} words in {seconds:.1f} s "
            f"({report.words / seconds:,.0f} words/s)",
            f"  {len(gaps)} ticks of {TICK_MS} ms: gap max {max(gaps):.1f} ms, p99 "
            f"{percentile(gaps, 0.99):.1f} ms, median {statistics.median(gaps):.1f} ms; "
            f"baseline, no job ({IDLE_SECONDS} s): max {max(idle_gaps):.1f} ms, p99 "
            f"{percentile(idle_gaps, 0.99):.1f} ms; ratio of the maxima "
            f"{max(gaps) / max(idle_gaps):.1f}",
            "  longest gaps:",
            *worst,
            f"  (no target) while the model loaded ({load[0]:.1f} s): gap max "
            f"{max(load[2].gaps_ms()):.1f} ms",
            *load_worst,
        ]
    )
    outcome.target("gap max", max(gaps), GAP_TARGET_MS)
    return outcome


def instrument(intervals: Intervals, nlp_batch: int | None) -> Callable[[], None]:
    """Time the worker's phases (and every garbage collection) to say what ran during a long
    gap; with ``nlp_batch``, make the suggester use that ``nlp.pipe`` batch size. Returns
    what undoes it."""
    import gc

    import spacy.pipeline.tok2vec as tok2vec

    import nlp.entity_suggester as suggester
    import services.suggesting as documents

    patches = [
        (documents, "store_many_suggestions", "storing"),
        (documents, "get_document", "reading"),
        (tok2vec.Tok2Vec, "predict", "tok2vec"),
        (suggester.ScoredEntityRecognizer, "_decode", "NER decoding"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for (owner, name, label), (_, _, original) in zip(patches, originals, strict=True):
        setattr(owner, name, intervals.wrap(label, original))
    if nlp_batch:
        suggest = suggester.EntitySuggester.suggest
        originals.append((suggester.EntitySuggester, "suggest", suggest))

        def with_batch(self, texts, batch_size=32, n_process=1):  # type: ignore[no-untyped-def]
            return suggest(self, texts, nlp_batch, n_process)

        suggester.EntitySuggester.suggest = with_batch  # type: ignore[method-assign]
    gc.callbacks.append(intervals.garbage_collection)

    def undo() -> None:
        gc.callbacks.remove(intervals.garbage_collection)
        for owner, name, original in originals:
            setattr(owner, name, original)

    return undo


def longest_gil_wait(run: Callable[[], object]) -> float:
    """Milliseconds: the longest a thread that wants the GIL back every millisecond waited
    while ``run()`` ran in this one."""
    wakes: list[float] = []
    stop = threading.Event()

    def wake() -> None:
        while not stop.is_set():
            wakes.append(time.perf_counter())
            time.sleep(0.001)

    thread = threading.Thread(target=wake)
    thread.start()
    try:
        run()
    finally:
        stop.set()
        thread.join()
    return max(b - a for a, b in itertools.pairwise(wakes)) * 1000


def gil_holds(sizes: tuple[int, ...] = PROBE_BATCHES, rounds: int = 2) -> list[str]:
    """How long ``nlp.pipe`` holds the GIL, and how fast it is, at each batch size."""
    from nlp.entity_suggester import EntitySuggester, prepare_pipeline, temperature_of
    from nlp.patterns import load_patterns, shipped_pattern_files
    from nlp.pipelines import load_fresh, resolve_pipeline

    choice = resolve_pipeline("de")
    patterns = load_patterns(shipped_pattern_files())
    nlp = prepare_pipeline(load_fresh(choice.location), patterns, temperature_of(choice.location))
    suggester = EntitySuggester(nlp, choice, patterns)
    texts = make_articles(PROBE_DOCUMENTS, 30, seed=5)
    list(suggester.suggest(texts[:8]))
    held: dict[int, list[float]] = {size: [] for size in sizes}
    seconds: dict[int, list[float]] = {size: [] for size in sizes}
    for round_ in range(rounds):
        for size in sizes if round_ % 2 == 0 else tuple(reversed(sizes)):
            started = time.perf_counter()
            wait = longest_gil_wait(lambda size=size: list(suggester.suggest(texts, size)))
            seconds[size].append(time.perf_counter() - started)
            held[size].append(wait)
    lines = [
        f"  GIL held by nlp.pipe over {PROBE_DOCUMENTS} articles: longest wait of a thread "
        f"(the suggester's batch is 32 documents)"
    ]
    for size in sizes:
        rounds_ms = ", ".join(f"{h:.0f}" for h in held[size])
        lines.append(
            f"    batch {size:2d}: {max(held[size]):5.1f} ms (rounds: {rounds_ms}), "
            f"{PROBE_DOCUMENTS / statistics.median(seconds[size]):.0f} articles/s"
        )
    return lines


# --- main -------------------------------------------------------------------------------------


def run_window_parts(folder: Path, parts: set[str], args: argparse.Namespace) -> list[Outcome]:
    rng = random.Random(17)
    outcomes: list[Outcome] = []
    window = build_window(folder)
    try:
        if "paint" in parts:
            texts = make_paint_project(folder / "paint.sqlite", rng)
            open_in(window, folder / "paint.sqlite")
            outcomes.append(measure_paint(window, texts, args.repeats))
        if "keys" in parts:
            make_key_project(folder / "keys.sqlite", rng)
            open_in(window, folder / "keys.sqlite")
            outcomes.append(Outcome([f"2. accept key to saved and repainted, {args.presses}"]))
            outcomes.append(measure_keys(window, stance_case(window), args.presses))
            case = entity_case(window)
            if case is None:
                outcomes.append(Outcome(["  entity span, Return: not measured (no entity keys)"]))
            else:
                outcomes.append(measure_keys(window, case, args.presses))
        if parts & {"long", "decide"}:
            from bench.workbench_decisions import measure_decision_cases

            outcomes += measure_decision_cases(window, folder, args.rounds, parts)
    finally:
        window.close()
        window.deleteLater()
        spin()
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--presses", type=int, default=500)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--only", default="paint,keys,long,decide,loop")
    parser.add_argument("--nlp-batch", type=int, default=None)
    parser.add_argument("--freeze-model", action="store_true")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))

    import PySide6
    from PySide6.QtWidgets import QApplication

    # What the app imports (spaCy too) holds references to None: count them as the app has.
    import gui.main_window  # noqa: F401
    import services.suggesting  # noqa: F401

    app = QApplication.instance() or QApplication([])
    references = none_references()
    with tempfile.TemporaryDirectory(prefix="standpunkt-workbench-") as tmp:
        outcomes = run_window_parts(Path(tmp), parts, args) if parts - {"loop"} else []
        if "loop" in parts:
            outcome = measure_loop(Path(tmp), args)
            outcome.lines += gil_holds()
            outcomes.append(outcome)
    app.processEvents()
    print("workbench benchmark (offscreen; the window 1400x860)")
    print(
        f"  references to None at the start: {references:,} (PySide6 {PySide6.__version__}, "
        f"Python {sys.version.split()[0]}; PySide6 6.12.0 dropped one per Qt call returning void)"
    )
    for outcome in outcomes:
        for line in outcome.lines:
            print(line)
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
