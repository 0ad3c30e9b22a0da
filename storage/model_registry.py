"""The model registry: every model trained for a project (``storage.models.TrainedModel``),
and which one suggests now, at most one per component and language.

Projects trained before the registry kept their active model in ``Project.settings``
(``ner_model`` / ``stance_model``). Reading falls back to that entry, and the first model
recorded for the component adopts it as a registry row, so such a project keeps its model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.models import EntitySpan, OriginKind, Project, TrainedModel, utcnow
from storage.paths import models_dir_for

COMPONENTS = ("ner", "stance")
LEGACY_SETTINGS = {"ner": "ner_model", "stance": "stance_model"}  # before the registry


class UnknownModelError(UserError, LookupError):
    """No model of that component and version in the project."""


@dataclass(frozen=True)
class ModelInfo:
    """One trained model as the registry knows it (``details``: all the training said)."""

    component: str
    version: str
    name: str  # the origin name its suggestions carry, e.g. "de_project_ner"
    language: str
    path: str
    base: str  # origin of the model it started from, or what it had to beat
    training_documents: int = 0
    training_spans: int = 0  # stance: sentence labels
    held_out_documents: int = 0
    f1: float = 0.0
    base_f1: float = 0.0
    scores: dict[str, Any] = field(default_factory=dict)
    base_scores: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None  # naive UTC
    active: bool = False
    activated_at: datetime | None = None
    legacy: bool = False  # read from the project settings, not (yet) a registry row

    @property
    def origin(self) -> str:
        return f"{self.name}@{self.version}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly: times as ISO 8601 (UTC)."""
        return {
            "component": self.component,
            "version": self.version,
            "origin": self.origin,
            "language": self.language,
            "path": self.path,
            "base": self.base,
            "training_documents": self.training_documents,
            "training_spans": self.training_spans,
            "held_out_documents": self.held_out_documents,
            "f1": self.f1,
            "base_f1": self.base_f1,
            "scores": self.scores,
            "base_scores": self.base_scores,
            "created_at": _iso(self.created_at),
            "active": self.active,
            "activated_at": _iso(self.activated_at),
        }


def record_model(
    session: Session, project_id: int, model: ModelInfo, *, activate: bool = False
) -> ModelInfo:
    """Add a trained candidate; with ``activate`` it becomes the active one for its
    component and language (the previous one is deactivated in the same transaction)."""
    _check_component(model.component)
    _adopt_legacy(session, project_id, model.component)
    row = TrainedModel(
        project_id=project_id,
        component=model.component,
        version=model.version,
        name=model.name,
        language=model.language,
        path=model.path,
        base=model.base,
        training_documents=model.training_documents,
        training_spans=model.training_spans,
        held_out_documents=model.held_out_documents,
        f1=model.f1,
        base_f1=model.base_f1,
        scores=model.scores,
        base_scores=model.base_scores,
        details=model.details,
        created_at=model.created_at or utcnow(),
        active=False,
    )
    session.add(row)
    session.flush()
    if activate:
        _activate(session, row)
    return _info(row, session)


def record_training(
    db: Database,
    project_id: int,
    model: ModelInfo,
    details: dict,
    *,
    activate: bool,
    settings_key: str,
    last_training_key: str,
) -> None:
    """Register a training run's model (active if ``activate``) and keep its ``details`` in
    the project's settings: under ``last_training_key`` always, under ``settings_key`` when it
    became the active one (what older app versions read). One transaction."""
    with db.write() as session:
        record_model(session, project_id, model, activate=activate)
        project = session.get_one(Project, project_id)
        settings = project.settings | {last_training_key: details}
        if activate:
            settings[settings_key] = details
        project.settings = settings


def activate_model(session: Session, project_id: int, component: str, version: str) -> ModelInfo:
    """Make a recorded model the active one for its component and language."""
    _check_component(component)
    _adopt_legacy(session, project_id, component)
    row = session.scalar(
        select(TrainedModel).where(
            TrainedModel.project_id == project_id,
            TrainedModel.component == component,
            TrainedModel.version == version,
        )
    )
    if row is None:
        raise UnknownModelError(f"no {component} model of version {version!r} in the project")
    if not row.active:
        _activate(session, row)
    return _info(row, session)


def list_models(session: Session, project_id: int, component: str | None = None) -> list[ModelInfo]:
    """The project's models, oldest first (with an adopted-on-read settings model)."""
    query = select(TrainedModel).where(TrainedModel.project_id == project_id)
    if component is not None:
        query = query.where(TrainedModel.component == component)
    rows = session.scalars(query.order_by(TrainedModel.created_at, TrainedModel.id))
    models = [_info(row, session) for row in rows]
    for name in [component] if component else list(COMPONENTS):
        legacy = _legacy(session, project_id, name)
        if legacy is not None and all(
            (m.component, m.version) != (name, legacy.version) for m in models
        ):
            models.insert(0, legacy)
    return models


def active_model(
    session: Session, project_id: int, component: str, language: str | None = None
) -> ModelInfo | None:
    """The active model of ``component`` for ``language`` (None: the one activated last,
    of any language), else the project's settings entry from before the registry."""
    _check_component(component)
    query = select(TrainedModel).where(
        TrainedModel.project_id == project_id,
        TrainedModel.component == component,
        TrainedModel.active.is_(True),
    )
    if language is not None:
        query = query.where(TrainedModel.language == language)
    order = (TrainedModel.activated_at.desc(), TrainedModel.id.desc())
    row = session.scalars(query.order_by(*order).limit(1)).first()
    if row is not None:
        return _info(row, session)
    legacy = _legacy(session, project_id, component)
    if legacy is None or (language is not None and legacy.language != language):
        return None
    if _in_registry(session, project_id, component, legacy.version):
        return None  # adopted, and deactivated since
    return legacy


def model_origin_names(session: Session, document_ids: Iterable[int]) -> set[str]:
    """The origin names of the open model suggestions in these documents: what a newly
    active model's run takes over from (annotators' rows are never among them)."""
    ids = list(document_ids)
    if not ids:
        return set()
    query = select(EntitySpan.origin_name).distinct()
    query = query.where(
        EntitySpan.document_id.in_(ids),
        EntitySpan.annotator_id.is_(None),
        EntitySpan.origin_kind == OriginKind.MODEL,
        EntitySpan.origin_name.is_not(None),
    )
    return {name for name in session.scalars(query) if name}


def _activate(session: Session, row: TrainedModel) -> None:
    # Deactivate first, as its own statement: the partial unique index allows one active.
    session.execute(
        update(TrainedModel)
        .where(
            TrainedModel.project_id == row.project_id,
            TrainedModel.component == row.component,
            TrainedModel.language == row.language,
            TrainedModel.active.is_(True),
        )
        .values(active=False)
    )
    session.refresh(row)
    row.active = True
    row.activated_at = utcnow()
    session.flush()


def _check_component(component: str) -> None:
    if component not in COMPONENTS:
        raise ValueError(f"unknown component {component!r} (known: {', '.join(COMPONENTS)})")


def _in_registry(session: Session, project_id: int, component: str, version: str) -> bool:
    query = select(TrainedModel.id).where(
        TrainedModel.project_id == project_id,
        TrainedModel.component == component,
        TrainedModel.version == version,
    )
    return session.scalar(query) is not None


def _adopt_legacy(session: Session, project_id: int, component: str) -> None:
    """The settings model from before the registry as a row (active unless another model
    of its language is), so listing and switching treat it like any other."""
    legacy = _legacy(session, project_id, component)
    if legacy is None or _in_registry(session, project_id, component, legacy.version):
        return
    other = session.scalar(
        select(TrainedModel.id).where(
            TrainedModel.project_id == project_id,
            TrainedModel.component == component,
            TrainedModel.language == legacy.language,
            TrainedModel.active.is_(True),
        )
    )
    row = TrainedModel(
        project_id=project_id,
        component=component,
        version=legacy.version,
        name=legacy.name,
        language=legacy.language,
        path=legacy.path,
        base=legacy.base,
        training_documents=legacy.training_documents,
        training_spans=legacy.training_spans,
        held_out_documents=legacy.held_out_documents,
        f1=legacy.f1,
        base_f1=legacy.base_f1,
        scores=legacy.scores,
        base_scores=legacy.base_scores,
        details=legacy.details,
        created_at=legacy.created_at or utcnow(),
        active=other is None,
        activated_at=legacy.activated_at if other is None else None,
    )
    session.add(row)
    session.flush()


def _legacy(session: Session, project_id: int, component: str) -> ModelInfo | None:
    project = session.get(Project, project_id)
    entry = (project.settings or {}).get(LEGACY_SETTINGS[component]) if project else None
    if not entry or not entry.get("version") or not entry.get("path"):
        return None
    created = _version_time(entry["version"])
    language = str(entry.get("language", "de"))
    if component == "ner":
        return ModelInfo(
            component="ner",
            version=entry["version"],
            name=str(entry.get("origin", "")).partition("@")[0] or f"{language}_project_ner",
            language=language,
            path=entry["path"],
            base=str(entry.get("base", "")),
            training_documents=int(entry.get("training_documents", 0)),
            held_out_documents=int(entry.get("held_out_documents", 0)),
            f1=float(entry.get("scores", {}).get("f1", 0.0)),
            base_f1=float(entry.get("base_scores", {}).get("f1", 0.0)),
            scores=entry.get("scores", {}),
            base_scores=entry.get("base_scores", {}),
            details=entry,
            created_at=created,
            active=True,
            activated_at=created,
            legacy=True,
        )
    previous = entry.get("previous_macro_f1")
    return ModelInfo(
        component="stance",
        version=entry["version"],
        name=f"stance-textcat-{language}",
        language=language,
        path=entry["path"],
        base=str(entry.get("previous", "stance-lexicon")),
        training_spans=int(entry.get("training_labels", 0)),
        f1=float(entry.get("classifier_macro_f1", 0.0)),
        base_f1=float(entry.get("lexicon_macro_f1", 0.0) if previous is None else previous),
        details=entry,
        created_at=created,
        active=True,
        activated_at=created,
        legacy=True,
    )


def _version_time(version: str) -> datetime | None:
    # A version is the UTC time of its training (nlp.stance_training.VERSION_FORMAT).
    try:
        return datetime.strptime(version, "%Y%m%dT%H%M%S%f")
    except ValueError:
        return None


def resolve_model_path(session: Session | Connection, path: str) -> str:
    """A model's folder: as stored, or, when stored relative (a handed-out project file,
    ``storage.team.handout``), inside the project file's models folder, so the file and its
    folder can move together to another machine."""
    if not path or Path(path).is_absolute():
        return path
    engine = session.engine if isinstance(session, Connection) else session.get_bind().engine
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return path
    return str(models_dir_for(Path(database)) / path)


def _info(row: TrainedModel, session: Session) -> ModelInfo:
    path = resolve_model_path(session, row.path)
    details = dict(row.details or {})
    if isinstance(details.get("path"), str):
        details["path"] = resolve_model_path(session, details["path"])
    return ModelInfo(
        component=row.component,
        version=row.version,
        name=row.name,
        language=row.language,
        path=path,
        base=row.base,
        training_documents=row.training_documents,
        training_spans=row.training_spans,
        held_out_documents=row.held_out_documents,
        f1=row.f1,
        base_f1=row.base_f1,
        scores=dict(row.scores or {}),
        base_scores=dict(row.base_scores or {}),
        details=details,
        created_at=row.created_at,
        active=bool(row.active),
        activated_at=row.activated_at,
    )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"
