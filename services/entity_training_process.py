"""Training the entity model in a process of its own, for the app.

A training thread shares the interpreter lock with the window: spaCy's many short Python
steps (cutting documents, building examples, updating) kept taking it back, and the window
waited up to 300 ms between events while a model trained (``bench/learning_bench.py``). A
process has its own interpreter, so the window's event loop never waits for training. Only
progress, the result and a cancel flag cross between the processes; the child opens the
project itself (SQLite in WAL mode lets it write beside the window).
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from multiprocessing.synchronize import Event as CancelFlag
from pathlib import Path

from nlp.model_folder import ModelSaveError
from nlp.ner_training import NerTrainingError, NerTrainingResult, NotEnoughDocumentsError
from nlp.pipelines import PipelineUnavailableError
from nlp.stance_classifier import TrainingCancelledError
from services.entity_training import train_project_ner
from storage.database import ProjectLocation, connect, resolve_location

POLL_SECONDS = 0.1  # how often the parent looks for progress and for a cancel request
ERRORS: dict[str, type[Exception]] = {
    cls.__name__: cls
    for cls in (NerTrainingError, NotEnoughDocumentsError, PipelineUnavailableError, ModelSaveError)
}


def train_ner_in_process(
    location: ProjectLocation,
    project_id: int,
    out_dir: Path,
    *,
    activate: bool = False,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> NerTrainingResult:
    """``train_project_ner`` in a child process; raises what it raises (the training's own
    errors with their messages, ``TrainingCancelledError`` after ``should_cancel``)."""
    context = multiprocessing.get_context("spawn")  # no inherited threads, locks or Qt
    messages = context.Queue()
    cancel = context.Event()
    url = location.url.render_as_string(hide_password=False)
    child = context.Process(
        target=_train,
        args=(url, project_id, str(out_dir), activate, messages, cancel),
        name="standpunkt-ner-training",
        daemon=True,
    )
    child.start()
    try:
        while True:
            if should_cancel():
                cancel.set()
            try:
                kind, *payload = messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not child.is_alive():
                    raise NerTrainingError(
                        f"the training process ended unexpectedly (exit code {child.exitcode})"
                    ) from None
                continue
            if kind == "progress" and progress is not None:
                progress(*payload)
            elif kind == "result":
                return payload[0]
            elif kind == "cancelled":
                raise TrainingCancelledError("training was cancelled")
            elif kind == "error":
                name, message = payload
                raise ERRORS.get(name, NerTrainingError)(message)
    finally:
        cancel.set()  # a parent that stops listening stops the child too
        child.join(timeout=30)
        if child.is_alive():
            child.terminate()
        messages.close()


def _train(
    url: str,
    project_id: int,
    out_dir: str,
    activate: bool,
    messages: multiprocessing.Queue,
    cancel: CancelFlag,
) -> None:
    """The child: train and send back what happened (never raise: the parent waits)."""
    try:
        with connect(resolve_location(url)) as db:
            result = train_project_ner(
                db,
                project_id,
                Path(out_dir),
                activate=activate,
                progress=lambda done, total: messages.put(("progress", done, total)),
                should_cancel=cancel.is_set,
            )
        messages.put(("result", result))
    except TrainingCancelledError:
        messages.put(("cancelled",))
    except Exception as exc:  # the parent turns it back into the matching error
        known = type(exc).__name__ in ERRORS
        messages.put(
            ("error", type(exc).__name__, str(exc) if known else f"{type(exc).__name__}: {exc}")
        )
