"""Stance suggestions for a project's documents: the targets from the project, the cold-start
lexicon suggester per language, stored without touching annotators' decisions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from nlp.stance_lexicon import LexiconStanceSuggester, load_lexicon
from nlp.stance_targets import TargetSpec
from nlp.stance_training import active_stance_model
from storage.database import Database
from storage.documents import get_document
from storage.stance_store import SentenceStance, project_targets, store_stance_suggestions

BATCH_DOCUMENTS = 64


@dataclass
class StanceReport:
    documents: int = 0
    sentences: int = 0
    added: int = 0
    kept: int = 0
    blocked: int = 0
    suggesters: dict[str, str] = field(default_factory=dict)  # language -> name@version
    skipped: dict[str, str] = field(default_factory=dict)


def suggest_stance(
    db: Database,
    project_id: int,
    todo: list[tuple[int, str | None]],
    default_language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> StanceReport:
    """Suggest stance toward the project's targets for the documents ``todo``."""
    report = StanceReport()
    with db.read() as session:
        targets = [TargetSpec(t.name, t.aliases) for t in project_targets(session, project_id)]
    if not targets:
        report.skipped["all"] = "the project has no stance targets yet (add them with `targets`)"
        return report
    model = active_stance_model(db, project_id)
    suggesters: dict = {}
    for start in range(0, len(todo), BATCH_DOCUMENTS):
        batch = []
        for document_id, language in todo[start : start + BATCH_DOCUMENTS]:
            language = language or default_language or "de"
            if language not in suggesters:
                suggesters[language] = stance_suggester(language, targets, report, model)
            suggester = suggesters[language]
            if suggester is None:
                continue
            with db.read() as session:
                text = get_document(session, project_id, document_id).text  # type: ignore[union-attr]
            found = suggester.suggest(text)
            origin = (suggester.name + f"-{language}", suggester.lexicon.version)
            batch.append(
                (
                    document_id,
                    [
                        SentenceStance(
                            s.sentence_index,
                            s.start,
                            s.end,
                            s.target,
                            s.label,
                            s.confidence,
                            s.explanation,
                            "pattern",
                            *origin,
                        )
                        for s in found
                    ],
                )
            )
            report.sentences += len({s.sentence_index for s in found})
        origins = {f"{s.name}-{lang}" for lang, s in suggesters.items() if s is not None}
        added, kept, blocked = store_stance_suggestions(db, project_id, batch, origins)
        report.documents += len(batch)
        report.added, report.kept, report.blocked = (
            report.added + added,
            report.kept + kept,
            report.blocked + blocked,
        )
        if progress is not None:
            progress(min(start + BATCH_DOCUMENTS, len(todo)), len(todo))
    return report


def stance_suggester(
    language: str, targets: list[TargetSpec], report: StanceReport, model: dict | None
):  # type: ignore[no-untyped-def]
    """The active suggester for a language: the trained classifier if one measured better
    than the lexicon, else the lexicon."""
    lexicon = load_lexicon(language)
    if not lexicon.cues:
        report.skipped[language] = f"no stance lexicon for language {language!r}"
        return None
    suggester = LexiconStanceSuggester(lexicon, targets)
    if model is not None and model.get("language", "de") == language:
        import spacy

        from nlp.stance_classifier import ClassifierStanceSuggester

        suggester = ClassifierStanceSuggester(
            spacy.load(model["path"]), suggester, model["version"]
        )
    report.suggesters[language] = f"{suggester.name}-{language}@{suggester.version}"
    return suggester
