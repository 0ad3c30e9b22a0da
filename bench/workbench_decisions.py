"""Decisions by key on entity spans, for ``bench/workbench_bench.py`` (parts "long" and
"decide"): Tab, Return (accept), Delete (reject), a label's letter (relabel) and Ctrl+Z
(undo) pressed (``QTest.keyClick``) in the article text with a span focused, timed from the
key until it is handled and the posted events are delivered (the decision saved, the spans
read, the highlights set and the article painted; checked: the status bar says "Saved",
the span's state changed, and the text's viewport got a paint event).

The long case: a 100,000-character German article with 2,700 entity suggestions (as many
as the issue's real one). Targets (median): accept, reject, relabel and undo under 50 ms,
Tab under 16 ms. The short case: a 6,000-character article with 60 suggestions, every
decision under 16 ms (a frame). Baselines, in the same run: for a decision, the storage
action alone (``EntityEditor``), then undone; for Tab, a bare ``QPlainTextEdit`` holding the
same text and as many extra selections that replaces one of them and paints.

Between presses the background work a decision starts (the project memory's pass over the
other documents, the training check) is let finish, as between an annotator's presses.
The document list's row counts are read again 30 ms after a decision
(``DocumentTableModel.refresh_later``), once the article is painted: that read is not timed
here (8 ms for a 2,700-span article; a decision the memory spreads changes a dozen rows).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DECISION_KEYS = ("accept", "reject", "relabel", "undo")
LONG_SIZE = (100_000, 2_700)  # characters, suggestions
SHORT_SIZE = (6_000, 60)
LONG_TARGETS_MS = {"tab": 16.0, **{key: 50.0 for key in DECISION_KEYS}}
SHORT_TARGETS_MS = {"tab": 16.0, **{key: 16.0 for key in DECISION_KEYS}}


@dataclass
class Timings:
    window: dict[str, list[float]] = field(default_factory=dict)
    baseline: dict[str, list[float]] = field(default_factory=dict)
    wrong: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, key: str, value: float) -> None:
        getattr(self, kind).setdefault(key, []).append(value)


def make_decision_project(path: Path, size: tuple[int, int], seed: int) -> None:
    """One German article of ``size`` (characters, entity suggestions)."""
    import random

    from bench.workbench_bench import german_text, import_texts, store_entities
    from storage.project import open_project

    rng = random.Random(seed)
    text = german_text(size[0], rng)
    [document_id] = import_texts(path, {"decide": text})
    with open_project(path) as project:
        store_entities(project, document_id, text, size[1], rng)


class Presser:
    """Presses keys in the window's article text and times them (see the module text)."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        from gui.entity_workflow import EntityWorkflow
        from gui.stance_training import StanceTrainer

        self.window = window
        self.text = window.article.text_edit
        [self.workflow] = window.findChildren(EntityWorkflow)
        self.trainers = window.findChildren(StanceTrainer)
        self.paints = 0
        self._filter = self._paint_filter()

    def _paint_filter(self):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent, QObject

        presser = self

        class Counter(QObject):
            def eventFilter(self, _watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    presser.paints += 1
                return False

        counter = Counter()
        self.text.viewport().installEventFilter(counter)
        return counter

    def settle(self) -> None:
        from bench.workbench_bench import spin_until

        memory = self.workflow.memory
        spin_until(lambda: not memory.running and not any(t.running for t in self.trainers))

    def press(self, key: int, modifier: int | None = None) -> tuple[float, bool]:
        """Milliseconds from the key until handled and painted; whether it was painted."""
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtTest import QTest

        before = self.paints
        started = time.perf_counter()
        QTest.keyClick(self.text, key, modifier or Qt.KeyboardModifier.NoModifier)
        QCoreApplication.sendPostedEvents()
        return (time.perf_counter() - started) * 1000, self.paints > before

    def saved(self) -> bool:
        return self.window.status.saved_label.text() == "Saved"


def open_spans(text):  # type: ignore[no-untyped-def]
    from gui.span_focus import is_open

    return [span for span in text.highlighted if is_open(span)]


def measure_decisions(window, path: Path, rounds: int) -> Timings:  # type: ignore[no-untyped-def]
    """Each round: focus an open suggestion, time Tab, then each decision (undone, untimed,
    before the next) and an undo (of an untimed accept)."""
    from PySide6.QtCore import Qt

    from bench.workbench_bench import open_in, spin, spin_until

    open_in(window, path)
    spin_until(lambda: bool(window.article.text_edit.highlighted))
    presser = Presser(window)
    text = presser.text
    window.activateWindow()
    text.setFocus()
    spin()
    timings = Timings()
    keys: dict[str, Callable[[], tuple[float, bool]]] = {
        "accept": lambda: presser.press(Qt.Key.Key_Return),
        "reject": lambda: presser.press(Qt.Key.Key_Delete),
    }
    for round_ in range(rounds + 1):  # the first round warms up and is not counted
        spans = open_spans(text)
        span = spans[(round_ * 37) % (len(spans) - 1)]
        text.focus_span(span)
        presser.settle()
        tab, painted = presser.press(Qt.Key.Key_Tab)
        moved = text.focused is not None and text.focused != span
        record(timings, round_, "tab", tab, moved)
        for key in ("accept", "reject", "relabel"):
            text.focus_span(span)
            presser.settle()
            letter = Qt.Key.Key_L if span.label.name != "LOC" else Qt.Key.Key_O
            elapsed, painted = keys[key]() if key in keys else presser.press(letter)
            changed = open_spans_at(text, span) is None
            record(timings, round_, key, elapsed, painted and presser.saved() and changed)
            window.undo_stack.undo()
        text.focus_span(span)
        presser.settle()
        presser.press(Qt.Key.Key_Return)
        presser.settle()
        undo, painted = presser.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        record(timings, round_, "undo", undo, painted and open_spans_at(text, span) is not None)
        presser.settle()
    measure_baselines(presser, timings, rounds)
    return timings


def open_spans_at(text, span):  # type: ignore[no-untyped-def]
    """The open suggestion at ``span``'s place, if there is one now."""
    return next((s for s in open_spans(text) if (s.start, s.end) == (span.start, span.end)), None)


def record(timings: Timings, round_: int, key: str, value: float, right: bool) -> None:
    if not right:
        timings.wrong[key] = timings.wrong.get(key, 0) + 1
    elif round_:
        timings.add("window", key, value)


def measure_baselines(presser: Presser, timings: Timings, rounds: int) -> None:
    """The storage action alone for each decision; a bare editor's one-selection change."""
    editor = presser.workflow.editor
    spans = open_spans(presser.text)
    for round_ in range(rounds):
        span = spans[(round_ * 37) % (len(spans) - 1)]
        other = "LOC" if span.label.name != "LOC" else "ORG"
        actions: dict[str, Callable[[], object]] = {
            "accept": lambda s=span: editor.accept(s.span_id),
            "reject": lambda s=span: editor.reject(s.span_id),
            "relabel": lambda s=span, o=other: editor.relabel(s.span_id, o),
        }
        for key, action in actions.items():
            started = time.perf_counter()
            result = action()
            timings.add("baseline", key, (time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            editor.undo(result.action_id)  # type: ignore[attr-defined]
            if key == "accept":
                timings.add("baseline", "undo", (time.perf_counter() - started) * 1000)
    for value in bare_tab(presser.text, rounds):
        timings.add("baseline", "tab", value)


def bare_tab(text, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    """A bare ``QPlainTextEdit`` of the same size, text and extra selections: replace one
    selection (the "focus"), move the caret there, and paint."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    bare = QPlainTextEdit()
    bare.setFont(text.font())
    bare.resize(text.size())
    bare.setPlainText(text.toPlainText())
    bare.show()

    def selection(start: int, end: int, alpha: int) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(bare.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        chosen = QTextEdit.ExtraSelection()
        chosen.cursor = cursor  # type: ignore[misc]
        text_format = QTextCharFormat()
        text_format.setBackground(QColor(86, 180, 233, alpha))
        chosen.format = text_format  # type: ignore[misc]
        return chosen

    places = [(s.start, s.end) for s in text.highlighted]
    selections = [selection(start, end, 60) for start, end in places]
    times = []
    try:
        for round_ in range(rounds):
            start, end = places[(round_ * 37 + 1) % len(places)]
            started = time.perf_counter()
            cursor = QTextCursor(bare.document())
            cursor.setPosition(start)
            bare.setTextCursor(cursor)
            bare.ensureCursorVisible()
            bare.setExtraSelections([*selections, selection(start, end, 215)])
            QCoreApplication.sendPostedEvents()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        bare.close()
    return times


def decisions_outcome(name: str, size: tuple[int, int], timings: Timings, targets: dict):  # type: ignore[no-untyped-def, type-arg]
    from bench.workbench_bench import Outcome

    outcome = Outcome(
        [
            f"  {name} ({size[0]:,} characters, {size[1]:,} suggestions), key to saved and "
            f"painted (medians):"
        ]
    )
    for key, limit in targets.items():
        values = timings.window.get(key, [])
        median = statistics.median(values) if values else float("inf")
        base = statistics.median(timings.baseline.get(key, [0.0]))
        what = "bare QPlainTextEdit" if key == "tab" else "the storage action alone"
        wrong = timings.wrong.get(key, 0)
        outcome.lines.append(
            f"    {key}: {median:.1f} ms (max {max(values, default=0):.1f}, {len(values)} "
            f"presses{f', {wrong} NOT done' if wrong else ''}); baseline, {what}: "
            f"{base:.1f} ms; ratio {median / base if base else float('inf'):.2f}"
        )
        outcome.target(f"{name} {key} median", median, limit)
        outcome.ok = outcome.ok and not wrong
    return outcome


def measure_decision_cases(window, folder: Path, rounds: int, which: set[str]) -> list:  # type: ignore[no-untyped-def, type-arg]
    """The parts "long" and "decide" of the workbench benchmark."""
    from bench.workbench_bench import Outcome

    outcomes = [Outcome([f"4. decisions by key in the article text, {rounds} rounds"])]
    cases = [
        ("long", "long article", LONG_SIZE, LONG_TARGETS_MS),
        ("decide", "short article", SHORT_SIZE, SHORT_TARGETS_MS),
    ]
    for part, name, size, targets in cases:
        if part not in which:
            continue
        path = folder / f"{part}.sqlite"
        make_decision_project(path, size, seed=23)
        timings = measure_decisions(window, path, rounds)
        outcomes.append(decisions_outcome(name, size, timings, targets))
    return outcomes
