"""One document of a replay: what the window shows, what it costs to reach the gold, and the
gold applied through the window's own editors, then the document marked done."""

from __future__ import annotations

from dataclasses import dataclass, field

from nlp.replay_counts import (
    NEUTRAL,
    EntityPlan,
    EntityTally,
    Gold,
    Shown,
    StanceTally,
    plan_entities,
)
from services.display import SUGGESTED, is_highlighted
from services.document_view import read_shown, read_spans
from services.span_data import HighlightSpan
from services.suggestion_jobs import DocumentSuggested
from storage.document_edits import DocumentEditor
from storage.editing import AnnotationError
from storage.entity_edits import EntityEditor
from storage.importing.records import ImportedRecord, ImportedStance
from storage.models import DocumentStatusValue
from storage.project import OpenProject
from storage.stance.edits import StanceEditor
from text.sentences import Sentence, split_sentences

DECIDED = ("accepted", "edited")


@dataclass
class DocumentOutcome:
    entities: EntityTally = field(default_factory=EntityTally)
    stance: StanceTally = field(default_factory=StanceTally)
    entity_model: str | None = None
    stance_model: str | None = None
    refused: list[str] = field(default_factory=list)  # gold the editors would not take


@dataclass(frozen=True)
class Tasks:
    """What the gold file labels: a file without entity spans (or without stance rows)
    says nothing about them, so their suggestions are neither counted nor decided."""

    entities: bool
    stance: bool


def replay_document(
    project: OpenProject,
    document_id: int,
    annotator_id: int,
    record: ImportedRecord,
    min_confidence: float,
    suggested: DocumentSuggested,
    tasks: Tasks,
) -> DocumentOutcome:
    """Count and apply one document (its suggestions are stored already)."""
    outcome = DocumentOutcome(
        entity_model=suggested.origin if tasks.entities else None,
        stance_model=suggested.stance_suggester if tasks.stance else None,
    )
    shown = read_shown(project, document_id, annotator_id)
    db, project_id = project.db, project.project_id
    if tasks.entities:
        gold = [Gold(s.start, s.end, s.label) for s in record.spans]
        offered = _offered(shown.spans.spans, min_confidence)
        outcome.entities.add(plan_entities(offered, gold), len(offered), len(gold))
        editor = EntityEditor(db, project_id, annotator_id)
        _apply_entities(project, editor, document_id, annotator_id, gold, min_confidence, outcome)
    if tasks.stance:
        rows = {
            (r.start, r.end, r.target): r
            for r in shown.stance.rows
            if r.state == SUGGESTED and r.stance_id is not None
        }
        stance = StanceEditor(db, project_id, annotator_id)
        _apply_stance(stance, document_id, record, rows, outcome)
    DocumentEditor(db, project_id, annotator_id).set_status(document_id, DocumentStatusValue.DONE)
    return outcome


def _offered(spans: list[HighlightSpan], min_confidence: float) -> list[Shown]:
    """The open suggestions the window highlights."""
    return [
        Shown(s.span_id, s.start, s.end, s.label.name)
        for s in spans
        if s.state == SUGGESTED and s.span_id is not None and is_highlighted(s, min_confidence)
    ]


def _apply_entities(
    project: OpenProject,
    editor: EntityEditor,
    document_id: int,
    annotator_id: int,
    gold: list[Gold],
    min_confidence: float,
    outcome: DocumentOutcome,
) -> None:
    """Decide as a person would, one kind of decision at a time, looking again after each:
    a decision can change what the project memory suggests in this very document (a
    withdrawn suggestion must then be added, a new one accepted or rejected), and each
    of those costs what it costs. Rejections first (they free the places), then edits,
    accepts, adds."""
    refused: set[Gold] = set()
    for _ in range(4 * len(gold) + 20):  # each round decides at least one span
        spans = read_spans(project, document_id, annotator_id).spans
        own = {(s.start, s.end, s.label.name) for s in spans if s.state in DECIDED}
        left = [g for g in gold if (g.start, g.end, g.label) not in own and g not in refused]
        plan = plan_entities(_offered(spans, min_confidence), left)
        if not _decide_next(editor, document_id, plan, outcome, refused):
            return


def _decide_next(
    editor: EntityEditor,
    document_id: int,
    plan: EntityPlan,
    outcome: DocumentOutcome,
    refused: set[Gold],
) -> bool:
    """Make the first decisions ``plan`` asks for; False when there are none left."""
    count = outcome.entities.count
    if plan.reject:
        editor.reject([s.id for s in plan.reject])
        count("reject", len(plan.reject))
    elif plan.relabel:
        suggestion, gold = plan.relabel[0]
        editor.relabel(suggestion.id, gold.label)
        count("relabel")
    elif plan.resize:
        suggestion, gold = plan.resize[0]
        try:
            own = editor.resize(suggestion.id, gold.start, gold.end).span_ids[0]
        except AnnotationError:  # the new extent meets a decided span: reject it instead
            editor.reject([suggestion.id])
            count("reject")
            return True
        count("resize")
        if suggestion.label != gold.label:
            editor.relabel(own, gold.label)
            count("relabel")
    elif plan.accept:
        editor.accept([s.id for s in plan.accept])
        count("accept", len(plan.accept))
    elif plan.add:
        gold = plan.add[0]
        try:
            editor.add(document_id, gold.start, gold.end, gold.label)
            count("add")
        except AnnotationError as exc:
            refused.add(gold)
            outcome.refused.append(f"{gold.start}–{gold.end} {gold.label}: {exc}")
    else:
        return False
    return True


def _apply_stance(
    editor: StanceEditor,
    document_id: int,
    record: ImportedRecord,
    suggestions: dict,
    outcome: DocumentOutcome,
) -> None:
    """Each gold pair compared with what is shown there and set; a side shown where the gold
    lists nothing is cleared (the gold says NEUTRAL by leaving it out)."""
    sentences = split_sentences(record.text)
    labelled: set[tuple[int, int, str]] = set()
    for row in record.stance:
        if row.scope == "document":
            editor.set_document_stance(document_id, row.target, row.label)
            continue
        sentence = _sentence_of(row, sentences)
        if sentence is None:
            outcome.refused.append(f"stance {row.start}–{row.end} {row.target}: no sentence there")
            continue
        index, place = sentence
        key = (place.start, place.end, row.target)
        if key in labelled:
            continue
        labelled.add(key)
        suggestion = suggestions.get(key)
        shown = suggestion.label if suggestion is not None else None
        outcome.stance.add(row.label, shown)
        if suggestion is not None and shown == row.label:
            editor.accept(suggestion.stance_id)
        else:
            editor.set_sentence(document_id, place.start, place.end, index, row.target, row.label)
    for key, suggestion in suggestions.items():
        if key not in labelled and suggestion.label != NEUTRAL:
            outcome.stance.add(NEUTRAL, suggestion.label)
            editor.clear(suggestion.stance_id)


def _sentence_of(row: ImportedStance, sentences: list[Sentence]) -> tuple[int, Sentence] | None:
    """The sentence the row's offsets cover most (a file's sentence splitting may differ
    from the app's at the edges)."""
    if row.start is None or row.end is None:
        return None
    best, size = None, 0
    for index, sentence in enumerate(sentences):
        overlap = min(sentence.end, row.end) - max(sentence.start, row.start)
        if overlap > size:
            best, size = (index, sentence), overlap
    return best
