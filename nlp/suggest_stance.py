"""Stance suggestions for a project's documents: the targets from the project, the cold-start
lexicon suggester per language, stored without touching annotators' decisions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.holder_names import HolderSpec
from nlp.stance_lexicon import LexiconStanceSuggester, load_lexicon
from nlp.stance_targets import TargetSpec
from nlp.stance_training import active_stance_model
from storage.database import Database
from storage.documents import document_texts
from storage.stance.actors import project_actors
from storage.stance.holder_inputs import document_entities
from storage.stance.store import SentenceStance, project_targets, store_stance_suggestions

if TYPE_CHECKING:
    from nlp.stance_classifier import ClassifierStanceSuggester

    # The classifier is imported only when a trained model is active (spaCy loads slowly).
    StanceSuggester = LexiconStanceSuggester | ClassifierStanceSuggester

BATCH_DOCUMENTS = 64
STANCE_SUGGESTER_NAMES = ("stance-lexicon", "stance-textcat")


@dataclass
class StanceReport:
    documents: int = 0
    sentences: int = 0
    added: int = 0
    kept: int = 0
    blocked: int = 0
    suggesters: dict[str, str] = field(default_factory=dict)  # language -> name@version
    skipped: dict[str, str] = field(default_factory=dict)
    cancelled: bool = False


def suggest_stance(
    db: Database,
    project_id: int,
    todo: list[tuple[int, str | None]],
    default_language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> StanceReport:
    """Suggest stance toward the project's targets for the documents ``todo``, a batch
    (one transaction) at a time; ``should_cancel`` is asked between batches."""
    report = StanceReport()
    with db.read() as session:
        targets = [TargetSpec(t.name, t.aliases) for t in project_targets(session, project_id)]
        holders = [HolderSpec(a.name, a.aliases) for a in project_actors(session, project_id)]
    if not targets:
        report.skipped["all"] = "the project has no stance targets yet (add them with `targets`)"
        return report
    model = active_stance_model(db, project_id)
    suggesters = _Suggesters(targets, report, model, holders)
    for start in range(0, len(todo), BATCH_DOCUMENTS):
        if should_cancel():
            report.cancelled = True
            break
        chunk = todo[start : start + BATCH_DOCUMENTS]
        batch = _suggest_batch(db, project_id, chunk, default_language, suggesters, report)
        _store_batch(db, project_id, batch, suggesters, report)
        if progress is not None:
            progress(min(start + BATCH_DOCUMENTS, len(todo)), len(todo))
    return report


@dataclass
class _Suggesters:
    """The suggester of each language, made when a document of it first comes up."""

    targets: list[TargetSpec]
    report: StanceReport
    model: dict | None
    holders: Sequence[HolderSpec] = ()
    by_language: dict[str, StanceSuggester | None] = field(default_factory=dict)

    def get(self, language: str) -> StanceSuggester | None:
        if language not in self.by_language:
            suggester = stance_suggester(
                language, self.targets, self.report, self.model, self.holders
            )
            self.by_language[language] = suggester
        return self.by_language[language]


def _suggest_batch(
    db: Database,
    project_id: int,
    chunk: list[tuple[int, str | None]],
    default_language: str | None,
    suggesters: _Suggesters,
    report: StanceReport,
) -> list[tuple[int, list[SentenceStance]]]:
    """The suggestions for a batch of documents (those deleted meanwhile left out)."""
    # One read per batch: a session per document would release and retake the GIL every
    # few milliseconds, which starves the GUI thread while this runs in a worker.
    ids = [document_id for document_id, _ in chunk]
    with db.read() as session:
        texts = document_texts(session, project_id, ids)
        entities = document_entities(session, ids)  # to name the holders
    batch = []
    for document_id, language in chunk:
        language = language or default_language or "de"
        suggester = suggesters.get(language)
        if suggester is None or document_id not in texts:  # not there: deleted meanwhile
            continue
        found = suggester.suggest(texts[document_id], entities.get(document_id, []))
        origin = (suggester.origin_kind, suggester.name + f"-{language}", suggester.version)
        stances = [
            SentenceStance(
                s.sentence_index,
                s.start,
                s.end,
                s.target,
                s.label,
                s.confidence,
                s.explanation,
                *origin,
                holder=s.holder,
                holder_start=s.holder_start,
                holder_end=s.holder_end,
                evidence_start=s.evidence_start,
                evidence_end=s.evidence_end,
            )
            for s in found
        ]
        batch.append((document_id, stances))
        report.sentences += len({s.sentence_index for s in found})
    return batch


def _store_batch(
    db: Database,
    project_id: int,
    batch: list[tuple[int, list[SentenceStance]]],
    suggesters: _Suggesters,
    report: StanceReport,
) -> None:
    """Store a batch's suggestions (one transaction) and count what happened to them."""
    # The active suggester takes over every open machine suggestion of stance, including
    # those the other suggester made before a switch.
    origins = {
        f"{name}-{lang}"
        for lang, s in suggesters.by_language.items()
        if s is not None
        for name in STANCE_SUGGESTER_NAMES
    }
    added, kept, blocked = store_stance_suggestions(db, project_id, batch, origins)
    report.documents += len(batch)
    report.added += added
    report.kept += kept
    report.blocked += blocked


def stance_suggester(
    language: str,
    targets: list[TargetSpec],
    report: StanceReport,
    model: dict | None,
    holders: Sequence[HolderSpec] = (),
) -> StanceSuggester | None:
    """The active suggester for a language: the trained classifier if one measured better
    than the lexicon, else the lexicon."""
    lexicon = load_lexicon(language)
    if not lexicon.cues:
        report.skipped[language] = f"no stance lexicon for language {language!r}"
        return None
    by_lexicon = LexiconStanceSuggester(lexicon, targets, holders)
    suggester: StanceSuggester = by_lexicon
    if model is not None and model.get("language", "de") == language:
        import spacy

        from nlp.stance_classifier import ClassifierStanceSuggester

        suggester = ClassifierStanceSuggester(
            spacy.load(model["path"]), by_lexicon, model["version"]
        )
    report.suggesters[language] = f"{suggester.name}-{language}@{suggester.version}"
    return suggester
