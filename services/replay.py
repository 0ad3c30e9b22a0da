"""``main.py replay``: what the suggestions would have saved an annotator on labelled data.

The documents of a labelled file are imported without their labels into a fresh project (or
one that holds none of their texts) and taken in file order, as one annotator would: the
suggestions the window would show at that moment (the document job the window runs when it
opens a document: the active entity model, the pattern files, the project memory, the
active stance suggester; entity suggestions under the display threshold hidden), the
corrections needed to reach the gold (``nlp.replay_counts``), then the gold applied through
the editors the window uses (so the memory learns as it does from a person), the document
marked done, and the app's own training jobs given their automatic chance, as the window
gives it after each document. Figures are summed per block of documents.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nlp.pipelines import PipelineCache
from nlp.replay_counts import EntityTally, StanceTally
from nlp.stance_training import active_stance
from services.display import DEFAULT_MIN_CONFIDENCE, ENTITY_RETRAIN_EVERY, STANCE_RETRAIN_EVERY
from services.importing import article_settings
from services.replay_apply import DocumentOutcome, Tasks, replay_document
from services.replay_gold import GoldFile, ReplayError, read_gold
from services.suggestion_jobs import suggest_document_job
from services.training_jobs import (
    active_entity_model,
    entity_training_job,
    stance_training_job,
)
from storage.documents import get_document
from storage.importing.records import ImportedRecord
from storage.importing.service import Importer
from storage.label_schema import ensure_entity_label
from storage.models import Document, Project
from storage.project import OpenProject, get_or_create_annotator, open_project
from storage.stance.store import add_targets, project_targets

__all__ = ["ReplayError", "ReplayOptions", "replay", "store_replay", "stored_replay"]

REPLAY_SETTING = "replay"  # Project.settings key: the last replay's figures, for the window
REPLAY_ANNOTATOR = "replay"


@dataclass
class ReplayOptions:
    gold: Path
    project: str | None = None  # None: a fresh project in a temporary folder
    documents: int | None = None
    block: int = 20
    retrain_every: int = ENTITY_RETRAIN_EVERY
    stance_every: int = STANCE_RETRAIN_EVERY
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    annotator: str = REPLAY_ANNOTATOR


@dataclass
class _Block:
    first: int
    entities: EntityTally = field(default_factory=EntityTally)
    stance: StanceTally = field(default_factory=StanceTally)
    documents: int = 0
    entity_models: list[str] = field(default_factory=list)
    stance_models: list[str] = field(default_factory=list)
    trainings: dict[str, int] = field(default_factory=lambda: {"entities": 0, "stance": 0})
    seconds: float = 0.0

    def add(self, outcome: DocumentOutcome) -> None:
        self.documents += 1
        self.entities.merge(outcome.entities)
        self.stance.merge(outcome.stance)
        for names, name in (
            (self.entity_models, outcome.entity_model),
            (self.stance_models, outcome.stance_model),
        ):
            if name and name not in names:
                names.append(name)

    def as_dict(self) -> dict:
        return {
            "documents": [self.first, self.first + self.documents - 1],
            "entities": self.entities.as_dict(),
            "stance": self.stance.as_dict(),
            "models": {
                "entities": self.entity_models,
                "stance": self.stance_models,
                "trained": dict(self.trainings),
            },
            "seconds": round(self.seconds, 2),
        }


class _Quiet:
    """The job control of a job nobody watches or cancels."""

    def is_cancelled(self) -> bool:
        return False

    def report_progress(self, done: int, where: str) -> None:
        pass

    def report_step(self, done: int, total: int) -> None:
        pass


def replay(
    options: ReplayOptions,
    on_block: Callable[[dict], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> dict:
    """Replay the gold file; ``on_block`` gets each block's figures as it is done,
    ``on_note`` what was left out of the file. Returns ``{"blocks": [...], "summary":
    {...}}``, also kept in the project's settings (``stored_replay``)."""
    if options.block < 1 or options.retrain_every < 1:
        raise ReplayError("--block and --retrain-every must be at least 1")
    gold = read_gold(options.gold, options.documents)
    for note in gold.notes:
        if on_note is not None:
            on_note(note)
    with _project(options) as (project, location_text):
        ids = _prepare(project, gold, options)
        result = _run(project, gold, ids, options, on_block)
        result["summary"] |= {"gold": str(options.gold), "project": location_text}
        store_replay(project, result)
    return result


def stored_replay(project: OpenProject) -> dict | None:
    """The figures of the last replay into ``project`` (None: never replayed)."""
    with project.db.read() as session:
        settings = session.get_one(Project, project.project_id).settings or {}
    value = settings.get(REPLAY_SETTING)
    return value if isinstance(value, dict) and isinstance(value.get("blocks"), list) else None


@contextmanager
def _project(options: ReplayOptions) -> Iterator[tuple[OpenProject, str | None]]:
    if options.project is not None:
        with open_project(options.project) as project:
            yield project, options.project
        return
    with (
        tempfile.TemporaryDirectory(prefix="standpunkt-replay-") as folder,
        open_project(Path(folder) / "replay.sqlite", name="replay") as project,
    ):
        yield project, None


def _prepare(project: OpenProject, gold: GoldFile, options: ReplayOptions) -> list[int]:
    """Refuse a project that holds any of the texts; add the labels and targets the gold
    uses; import the texts without their labels. The documents' ids in file order."""
    db, project_id = project.db, project.project_id
    hashes = gold.hashes
    with db.read() as session:
        held = set(
            session.scalars(
                Document.__table__.select()
                .with_only_columns(Document.sha256)
                .where(Document.project_id == project_id, Document.sha256.in_(hashes))
            )
        )
        targets = {t.name for t in project_targets(session, project_id)}
    if held:
        first = next(r.location for r, h in zip(gold.records, hashes, strict=True) if h in held)
        raise ReplayError(
            f"the project already holds {len(held):,} of these texts (first: {first}); "
            "replay needs documents nobody has labelled in it"
        )
    labels = {span.label for record in gold.records for span in record.spans}
    with db.write() as session:
        for label in sorted(labels):
            ensure_entity_label(session, project_id, label)
    wanted = {row.target for record in gold.records for row in record.stance}
    missing = sorted(wanted - targets)
    if missing:
        add_targets(db, project_id, [(name, (), "other") for name in missing])
    bare = [
        ImportedRecord(r.text, r.source, r.location, r.title, r.language, dict(r.meta))
        for r in gold.records
    ]
    settings = article_settings(options.annotator, spans_as_suggestions=False)
    summary = Importer(db, project_id, settings).import_items(bare)
    if len(summary.document_ids) != len(bare):
        problems = "; ".join(f"{p.location}: {p.message}" for p in summary.problems[:3])
        raise ReplayError(f"could not import every document of {options.gold}: {problems}")
    return summary.document_ids


def _run(
    project: OpenProject,
    gold: GoldFile,
    ids: list[int],
    options: ReplayOptions,
    on_block: Callable[[dict], None] | None,
) -> dict:
    db, project_id = project.db, project.project_id
    with db.write() as session:
        annotator_id = get_or_create_annotator(session, options.annotator).id
    cache, quick, lock, quiet = PipelineCache(), PipelineCache(), threading.Lock(), _Quiet()
    tasks = Tasks(
        entities=any(r.spans for r in gold.records), stance=any(r.stance for r in gold.records)
    )
    stance_name, stance_since = active_stance(db, project_id).name, None
    blocks: list[dict] = []
    total = _Block(1)
    block = _Block(1)
    started = time.perf_counter()
    for number, (record, document_id) in enumerate(zip(gold.records, ids, strict=True), 1):
        block_started = time.perf_counter()
        with db.read() as session:
            language = get_document(session, project_id, document_id).language  # type: ignore[union-attr]
        model = active_entity_model(db, project_id)
        job = suggest_document_job(
            project,
            document_id,
            language,
            cache,
            lock,
            entities=tasks.entities,
            stance=tasks.stance,
            quick_cache=quick,  # as the window: patterns and the whole memory first
            entities_since=model.activated_at if model is not None else None,
            stance_since=stance_since,
        )
        suggested = job(quiet)
        outcome = replay_document(
            project, document_id, annotator_id, record, options.min_confidence, suggested, tasks
        )
        block.add(outcome)
        # After the last document nothing is left to suggest for: no training.
        trained = _train(project, options, quiet, tasks) if number < len(ids) else {}
        for kind, ran in trained.items():
            block.trainings[kind] += ran
        now = active_stance(db, project_id)
        if now.name != stance_name:  # another stance suggester took over
            stance_name, stance_since = now.name, now.activated or datetime.utcnow()
        block.seconds += time.perf_counter() - block_started
        if block.documents == options.block or number == len(ids):
            blocks.append(block.as_dict())
            total.entities.merge(block.entities)
            total.stance.merge(block.stance)
            total.documents += block.documents
            for kind in ("entities", "stance"):
                total.trainings[kind] += block.trainings[kind]
            if on_block is not None:
                on_block(blocks[-1])
            block = _Block(number + 1)
    summary = {
        "documents": total.documents,
        "entities": total.entities.as_dict(),
        "stance": total.stance.as_dict(),
        "trained": total.trainings,
        "first_block": _headline(blocks[0]),
        "last_block": _headline(blocks[-1]),
        "labelled": {"entities": tasks.entities, "stance": tasks.stance},
        "block": options.block,
        "retrain_every": options.retrain_every,
        "min_confidence": options.min_confidence,
        "seconds": round(time.perf_counter() - started, 2),
    }
    return {"blocks": blocks, "summary": summary}


def _headline(block: dict) -> dict:
    return {
        "documents": block["documents"],
        "corrections_per_gold": block["entities"]["corrections_per_gold"],
        "corrections_per_pair": block["stance"]["corrections_per_pair"],
    }


def _train(
    project: OpenProject, options: ReplayOptions, quiet: _Quiet, tasks: Tasks
) -> dict[str, int]:
    """The window's automatic trainings after a document is marked done: each runs only
    when its own rule says enough new labels came (and activates only if it is better)."""
    location, project_id = project.location, project.project_id
    ran = {"entities": 0, "stance": 0}
    for kind, make, every, labelled in (
        ("entities", entity_training_job, options.retrain_every, tasks.entities),
        ("stance", stance_training_job, options.stance_every, tasks.stance),
    ):
        if not labelled:
            continue
        outcome = make(location, project_id, True, every)(quiet)
        ran[kind] = int(outcome.result is not None)
    return ran


def store_replay(project: OpenProject, result: dict) -> None:
    """Keep ``result`` as the project's last replay (what ``stored_replay`` reads)."""
    with project.db.write() as session:
        row = session.get_one(Project, project.project_id)
        row.settings = dict(row.settings or {}) | {REPLAY_SETTING: result}
