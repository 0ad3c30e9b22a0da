"""The database schema of a Standpunkt project, as SQLAlchemy 2.x ORM models.

Rules that protect the data live in the schema itself (CHECK, UNIQUE and foreign keys), so
that no code path, script or older app version can store a span outside its text:

* a span's ``0 <= start < end <= len(text)`` is a CHECK against ``doc_length``, a copy of the
  document's length that a composite foreign key ties to ``documents(id, text_length)``;
  ``documents`` checks ``text_length = length(text)``. This keeps the rule declarative and
  portable (SQLite and PostgreSQL alike) instead of living in triggers.
* document text is immutable and the event log append-only: triggers in the migrations.

Annotations are kept per annotator. A machine suggestion has no annotator; when an annotator
decides on it, their own row is written with ``suggestion_id`` pointing back, so every
annotator sees the suggestion until they decide, and each decision (a rejection too) is kept
for learning and agreement.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timestamps are stored as naive UTC: SQLite has no time zones."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}
    if TYPE_CHECKING:
        # Every model here is mapped to a Table (DeclarativeBase types it as any FromClause),
        # so Core statements on ``Model.__table__`` (insert, update, returning) type-check.
        __table__: ClassVar[Table]


class AnnotationState(enum.StrEnum):
    SUGGESTED = "suggested"  # proposed by a model or pattern, not yet decided
    ACCEPTED = "accepted"  # confirmed as it was, or added by hand
    REJECTED = "rejected"  # an annotator said no; kept so it is not suggested again
    EDITED = "edited"  # a suggestion the annotator changed (label or boundaries)


class OriginKind(enum.StrEnum):
    MODEL = "model"
    PATTERN = "pattern"
    MANUAL = "manual"
    IMPORT = "import"
    REVIEW = "review"
    MEMORY = "memory"  # the project's memory of accepted names (storage.memory.learning)


class DocumentStatusValue(enum.StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class StanceScope(enum.StrEnum):
    SENTENCE = "sentence"
    SPAN = "span"
    DOCUMENT = "document"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as plain strings with a CHECK constraint: readable in any SQLite browser.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)

    entity_labels: Mapped[list[EntityLabel]] = relationship(
        back_populates="project", order_by="EntityLabel.position", cascade="all, delete-orphan"
    )
    stance_labels: Mapped[list[StanceLabel]] = relationship(
        back_populates="project", order_by="StanceLabel.position", cascade="all, delete-orphan"
    )
    stance_targets: Mapped[list[StanceTarget]] = relationship(
        back_populates="project", order_by="StanceTarget.name", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)


class _LabelColumns:
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    colour: Mapped[str] = mapped_column(String(7))  # "#rrggbb"
    shortcut: Mapped[str | None] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text, default="")


class EntityLabel(_LabelColumns, Base):
    __tablename__ = "entity_labels"
    project: Mapped[Project] = relationship(back_populates="entity_labels")
    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        UniqueConstraint("project_id", "shortcut"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
        CheckConstraint("colour LIKE '#______'", name="colour_hex"),
    )


class StanceLabel(_LabelColumns, Base):
    __tablename__ = "stance_labels"
    project: Mapped[Project] = relationship(back_populates="stance_labels")
    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        UniqueConstraint("project_id", "shortcut"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
        CheckConstraint("colour LIKE '#______'", name="colour_hex"),
    )


class StanceTarget(Base):
    """Something a sentence can take a side on: a country, an organisation, a person."""

    __tablename__ = "stance_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="other")  # country, organisation, ...
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    project: Mapped[Project] = relationship(back_populates="stance_targets")
    aliases: Mapped[list[TargetAlias]] = relationship(
        back_populates="target", order_by="TargetAlias.alias", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
    )


class TargetAlias(Base):
    """Another way a target is written: "Russlands", "Moskau", "russisch*"."""

    __tablename__ = "target_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("stance_targets.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))

    target: Mapped[StanceTarget] = relationship(back_populates="aliases")

    __table_args__ = (
        UniqueConstraint("target_id", "alias"),
        CheckConstraint("length(alias) > 0", name="alias_not_empty"),
    )


class StanceActor(Base):
    """Someone who holds a stance in the project's articles: a person, an organisation, a
    country. "Putin", "Wladimir Putin" and "der russische Präsident" are one actor by their
    aliases, so a discourse network counts them as one."""

    __tablename__ = "stance_actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="other")  # person, organisation, ...
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", order_by="ActorAlias.alias", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
    )


class ActorAlias(Base):
    """Another way an actor is written: "Wladimir Putin", "Kremlchef"."""

    __tablename__ = "actor_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("stance_actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))

    actor: Mapped[StanceActor] = relationship(back_populates="aliases")

    __table_args__ = (
        UniqueConstraint("actor_id", "alias"),
        CheckConstraint("length(alias) > 0", name="alias_not_empty"),
    )


class Annotator(Base):
    __tablename__ = "annotators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    text_length: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(1000), default="")
    language: Mapped[str | None] = mapped_column(String(16))
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("project_id", "sha256"),
        # The target of the spans' composite foreign key (see the module docstring).
        UniqueConstraint("id", "text_length"),
        CheckConstraint("text_length = length(text)", name="length_matches_text"),
        CheckConstraint("text_length > 0", name="text_not_empty"),
        CheckConstraint("length(sha256) = 64 AND lower(sha256) = sha256", name="sha256_hex"),
        # Ids are never reused: the event log refers to them after a deletion.
        {"sqlite_autoincrement": True},
    )


class DocumentStatus(Base):
    """Where one annotator stands with one document, and how long they have spent on it."""

    __tablename__ = "document_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"))
    status: Mapped[DocumentStatusValue] = mapped_column(
        _enum(DocumentStatusValue, "document_status_value"), default=DocumentStatusValue.NEW
    )
    seconds_spent: Mapped[float] = mapped_column(Float, default=0.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("document_id", "annotator_id"),
        CheckConstraint("seconds_spent >= 0", name="seconds_not_negative"),
    )


class _AnnotationColumns:
    """What every span and stance record carries: offsets, origin, confidence, state, who."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer)
    doc_length: Mapped[int] = mapped_column(Integer)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    state: Mapped[AnnotationState] = mapped_column(_enum(AnnotationState, "annotation_state"))
    origin_kind: Mapped[OriginKind] = mapped_column(_enum(OriginKind, "origin_kind"))
    origin_name: Mapped[str | None] = mapped_column(String(200))  # model or pattern file
    origin_version: Mapped[str | None] = mapped_column(String(64))
    origin_detail: Mapped[str | None] = mapped_column(Text)  # e.g. which pattern matched
    confidence: Mapped[float | None] = mapped_column(Float)
    annotator_id: Mapped[int | None] = mapped_column(
        ForeignKey("annotators.id", ondelete="RESTRICT")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# Machine suggestions that have a confidence: what the document list's uncertainty order
# reads (migration 0003). Deciding on one writes the annotator's own row, so none leave.
OPEN_SUGGESTION = "annotator_id IS NULL AND state = 'suggested' AND confidence IS NOT NULL"


def _annotation_constraints(table: str, open_suggestion: str, *extra: Any) -> tuple[Any, ...]:
    return (
        ForeignKeyConstraint(
            ["document_id", "doc_length"],
            ["documents.id", "documents.text_length"],
            ondelete="CASCADE",
            name=f"fk_{table}_document",
        ),
        CheckConstraint(
            "0 <= start_offset AND start_offset < end_offset AND end_offset <= doc_length",
            name="offsets_in_text",
        ),
        # SQLite would keep 1.5 in an INTEGER column; an offset is a whole character index.
        CheckConstraint(
            "CAST(start_offset AS INTEGER) = start_offset "
            "AND CAST(end_offset AS INTEGER) = end_offset",
            name="offsets_whole",
        ),
        CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
            name="confidence_unit_interval",
        ),
        # A machine suggestion belongs to nobody; everything else has an annotator.
        CheckConstraint(
            "annotator_id IS NOT NULL OR state = 'suggested'", name="decisions_have_annotator"
        ),
        Index(f"ix_{table}_document_annotator", "document_id", "annotator_id"),
        Index(
            f"ix_{table}_open_suggestion",
            "document_id",
            "confidence",
            sqlite_where=text(open_suggestion),
            postgresql_where=text(open_suggestion),
        ),
        # An annotator's decisions by the suggestion they decide on: whether a suggestion is
        # still open for them, and the lookup behind ON DELETE SET NULL when it is deleted.
        Index(
            f"ix_{table}_decision",
            "suggestion_id",
            "annotator_id",
            sqlite_where=text("suggestion_id IS NOT NULL"),
            postgresql_where=text("suggestion_id IS NOT NULL"),
        ),
        *extra,
        # Ids are never reused: the event log refers to them after a deletion.
        {"sqlite_autoincrement": True},
    )


# Who holds a stance and what carries it: the columns a stance row has for that (0008).
HOLDER_COLUMNS = ("holder_actor_id", "holder_start", "holder_end", "evidence_start", "evidence_end")

# A holder's or evidence's stretch of the text: both ends or neither, inside the text (one
# end alone is refused explicitly: a CHECK that comes out NULL would let it through).
STRETCH_IN_TEXT = (
    "({0}_start IS NULL AND {0}_end IS NULL) OR "
    "({0}_start IS NOT NULL AND {0}_end IS NOT NULL "
    "AND 0 <= {0}_start AND {0}_start < {0}_end AND {0}_end <= doc_length)"
)


class EntitySpan(_AnnotationColumns, Base):
    __tablename__ = "entity_spans"

    label_id: Mapped[int] = mapped_column(ForeignKey("entity_labels.id", ondelete="RESTRICT"))
    suggestion_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity_spans.id", ondelete="SET NULL")
    )

    label: Mapped[EntityLabel] = relationship(lazy="joined")

    __table_args__ = _annotation_constraints("entity_spans", OPEN_SUGGESTION)


class StanceAnnotation(_AnnotationColumns, Base):
    """A stance toward a target, for a sentence, a span or the whole document."""

    __tablename__ = "stance_annotations"

    scope: Mapped[StanceScope] = mapped_column(_enum(StanceScope, "stance_scope"))
    sentence_index: Mapped[int | None] = mapped_column(Integer)
    target_id: Mapped[int] = mapped_column(ForeignKey("stance_targets.id", ondelete="RESTRICT"))
    label_id: Mapped[int] = mapped_column(ForeignKey("stance_labels.id", ondelete="RESTRICT"))
    explanation: Mapped[str | None] = mapped_column(Text)  # cue words, or "model"
    suggestion_id: Mapped[int | None] = mapped_column(
        ForeignKey("stance_annotations.id", ondelete="SET NULL")
    )
    # Who holds the stance (migration 0008): an actor of the project, and/or where the text
    # names them; neither is the article's author. The evidence: the words that carry it.
    # No ON DELETE: an actor a label names cannot be removed (NO ACTION, as RESTRICT), and
    # SQLite reads an inline foreign key's options back as none.
    holder_actor_id: Mapped[int | None] = mapped_column(ForeignKey("stance_actors.id"))
    holder_start: Mapped[int | None] = mapped_column(Integer)
    holder_end: Mapped[int | None] = mapped_column(Integer)
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)

    label: Mapped[StanceLabel] = relationship(lazy="joined")
    target: Mapped[StanceTarget] = relationship(lazy="joined")
    holder_actor: Mapped[StanceActor | None] = relationship(lazy="joined")

    __table_args__ = _annotation_constraints(
        "stance_annotations",
        OPEN_SUGGESTION + " AND scope = 'sentence'",
        CheckConstraint(STRETCH_IN_TEXT.format("holder"), name="holder_in_text"),
        CheckConstraint(STRETCH_IN_TEXT.format("evidence"), name="evidence_in_text"),
    )


class Event(Base):
    """The append-only log of every change: who, when, what it was before and after.

    ``action_id`` groups the events of one user action (one transaction), so that undo and
    learning see "accept all" as one decision. ``document_id`` has no foreign key on purpose:
    the log outlives what it describes.
    """

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"))
    action_id: Mapped[str] = mapped_column(String(32), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    annotator_id: Mapped[int | None] = mapped_column(
        ForeignKey("annotators.id", ondelete="RESTRICT")
    )
    action: Mapped[str] = mapped_column(String(64))  # e.g. "span.accept", "import"
    object_type: Mapped[str] = mapped_column(String(32))  # "entity_span", "document", ...
    object_id: Mapped[int | None] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class EntityMemory(Base):
    """What annotators decided about a surface form with a label, per document: how often it
    was accepted (or edited to it, or added by hand) and how often rejected. The project
    memory suggests a name everywhere once it is accepted more often than rejected, and stops
    every suggester from suggesting it once it is rejected as often as accepted.

    The counts are kept in step with the event log (each logged span change adds its after-
    and subtracts its before-state), so undo and redo undo the learning too;
    ``storage.memory.learning.rebuild_memory`` recomputes them from the spans.
    """

    __tablename__ = "entity_memory"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    surface: Mapped[str] = mapped_column(String(200))
    label_id: Mapped[int] = mapped_column(ForeignKey("entity_labels.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("project_id", "surface", "label_id", "document_id"),
        CheckConstraint("accepted >= 0 AND rejected >= 0", name="counts_not_negative"),
        CheckConstraint("length(surface) > 0", name="surface_not_empty"),
        Index("ix_entity_memory_updated", "project_id", "updated_at"),
    )


class TrainedModel(Base):
    """The model registry: every model trained for a project, scored on the project's fixed
    held-out documents, and which one suggests now (at most one active per component and
    language)."""

    __tablename__ = "trained_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    component: Mapped[str] = mapped_column(String(16))  # "ner" or "stance"
    version: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))  # what suggestions carry as origin name
    language: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(String(200))  # origin of the model it started from
    training_documents: Mapped[int] = mapped_column(Integer, default=0)
    training_spans: Mapped[int] = mapped_column(Integer, default=0)
    held_out_documents: Mapped[int] = mapped_column(Integer, default=0)
    f1: Mapped[float] = mapped_column(Float, default=0.0)
    base_f1: Mapped[float] = mapped_column(Float, default=0.0)
    scores: Mapped[dict[str, Any]] = mapped_column(default=dict)  # per label, the new model
    base_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # whatever else training said
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    activated_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("project_id", "component", "version"),
        CheckConstraint("component IN ('ner', 'stance')", name="component_known"),
        Index(
            "ix_trained_models_one_active",
            "project_id",
            "component",
            "language",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )


class Assignment(Base):
    """A document given to an annotator to label (``storage.assignment``). Documents given to
    several annotators are the overlap that inter-annotator agreement is measured on."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        # Also the index the list's "assigned to me" filter looks up per document.
        UniqueConstraint("document_id", "annotator_id"),
        # An annotator's documents, and whether a project has assignments at all.
        Index("ix_assignments_project_annotator", "project_id", "annotator_id", "document_id"),
    )


class DocumentFlag(Base):
    """A document one annotator flagged as unsure, with a note for whoever reviews it
    (``storage.document_flags``); no row: not flagged."""

    __tablename__ = "document_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        # Also the index the list's "unsure" filter and column look up per document.
        UniqueConstraint("document_id", "annotator_id"),
        # Ids are never reused: undoing an unflag re-creates the row under its logged id.
        {"sqlite_autoincrement": True},
    )


class MemoryCarried(Base):
    """In a handed-out project file (``storage.handout``): the memory of the documents that
    stayed with the coordinator, summed per surface and label, so the annotator's memory
    knows what the project knows. ``storage.memory.learning`` adds it to the counts."""

    __tablename__ = "memory_carried"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    surface: Mapped[str] = mapped_column(String(200))
    label_id: Mapped[int] = mapped_column(ForeignKey("entity_labels.id", ondelete="CASCADE"))
    accepted: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    documents: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("project_id", "surface", "label_id"),
        CheckConstraint(
            "accepted >= 0 AND rejected >= 0 AND documents >= 0", name="counts_not_negative"
        ),
    )


class MergeBase(Base):
    """What one annotator's work on one document looked like in one source file when it was
    handed out or last merged (``storage.merging``): a fingerprint, so a later merge tells
    an update (only the file changed) from an edit in two places (a conflict)."""

    __tablename__ = "merge_bases"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(64))  # the file's identity
    fingerprint: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("document_id", "annotator_id", "source"),)


class SetAsideWork(Base):
    """An annotator's version of a document that lost a merge conflict, kept whole as JSON
    (``storage.merging``), so nothing an annotator did is lost."""

    __tablename__ = "set_aside_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(200))  # where the version came from
    fingerprint: Mapped[str] = mapped_column(String(64))
    edited_at: Mapped[datetime | None] = mapped_column(DateTime)
    work: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("document_id", "annotator_id", "fingerprint"),)
