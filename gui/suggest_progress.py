"""What the user sees of "Suggest for all documents": a progress dialog that can cancel,
then a summary of the entity and the stance pass."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.import_progress import SummaryMessage
from gui.job_progress import JobProgressDialog
from gui.nlp_explanations import missing_pipeline_text
from services.suggestion_jobs import StanceReport, SuggestReport


class SuggestProgressDialog(JobProgressDialog):
    """Counts documents once the model is loaded."""

    def __init__(self, parent: QWidget) -> None:
        # Before the base class is set up, tr() is not available yet: translate by context.
        translate = QCoreApplication.translate
        super().__init__(
            parent,
            translate("SuggestProgressDialog", "Suggest for all documents"),
            translate("SuggestProgressDialog", "Loading the model…"),
        )

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self.wasCanceled():
            return
        self.setRange(0, max(total, 1))
        self.setValue(done)
        locale = QLocale()
        # Entities and stance are two passes over the documents: count both.
        text = self.tr("Suggesting: {0} of {1} steps")
        self.setLabelText(text.format(locale.toString(done), locale.toString(total)))


def suggest_summary(report: SuggestReport) -> SummaryMessage:
    """Totals in the user's language, and why languages were left out (e.g. how to install
    an English pipeline); the pipelines used in the details."""
    translate = QCoreApplication.translate
    counts = [QLocale().toString(n) for n in (report.added, report.kept, report.removed)]
    if report.documents == 1:
        text = translate(
            "SuggestSummary", "Suggested entities for 1 document: {0} new, {1} kept, {2} withdrawn."
        ).format(*counts)
    else:
        text = translate(
            "SuggestSummary",
            "Suggested entities for {0} documents: {1} new, {2} kept, {3} withdrawn.",
        ).format(QLocale().toString(report.documents), *counts)
    if report.cancelled:
        text += "\n" + translate("SuggestSummary", "Cancelled: what was suggested stays.")
    informative = "\n".join(_skipped_lines(report))  # plain text, as the box shows it
    details = "\n".join(
        f"{language}: {origin}" for language, origin in sorted(report.pipelines.items())
    )
    failed = set(report.skipped) - set(report.pipelines)
    icon = QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information
    title = translate("SuggestSummary", "Suggestions stored")
    return SummaryMessage(icon, title, text, informative, details)


def _skipped_lines(report: SuggestReport) -> list[str]:
    """Languages the model left to the pattern files, and those nothing suggested for."""
    translate = QCoreApplication.translate
    lines = []
    patterns_only = sorted(set(report.skipped) & set(report.pipelines))
    if patterns_only:
        lines.append(
            translate(
                "SuggestSummary", "Only the pattern files suggested for these languages: {0}"
            ).format(", ".join(patterns_only))
        )
        lines += [missing_pipeline_text(language) for language in patterns_only]
    failed = sorted(set(report.skipped) - set(report.pipelines))
    if failed:
        lines.append(translate("SuggestSummary", "Not suggested for some languages:"))
        lines += [f"{language}: {report.skipped[language]}" for language in failed]
    return lines


def stance_summary_line(report: StanceReport) -> str:
    """E.g. "Suggested stance for 3 documents (40 sentences): 12 new, 2 kept." or why not."""
    translate = QCoreApplication.translate
    if not report.documents and report.skipped:
        reasons = "; ".join(why for _, why in sorted(report.skipped.items()))
        return translate("SuggestSummary", "No stance suggestions: {0}").format(reasons)
    counts = [QLocale().toString(n) for n in (report.sentences, report.added, report.kept)]
    if report.documents == 1:
        return translate(
            "SuggestSummary", "Suggested stance for 1 document ({0} sentences): {1} new, {2} kept."
        ).format(*counts)
    return translate(
        "SuggestSummary", "Suggested stance for {0} documents ({1} sentences): {2} new, {3} kept."
    ).format(QLocale().toString(report.documents), *counts)


def suggest_all_summary(
    entities: SuggestReport | None, stance: StanceReport | None
) -> SummaryMessage:
    """The entity summary, with a line for the stance pass when it ran."""
    translate = QCoreApplication.translate
    if entities is None:
        text = stance_summary_line(stance) if stance is not None else ""
        if stance is not None and stance.cancelled:
            text += "\n" + translate("SuggestSummary", "Cancelled: what was suggested stays.")
        title = translate("SuggestSummary", "Suggestions stored")
        return SummaryMessage(QMessageBox.Icon.Information, title, text, "", "")
    message = suggest_summary(entities)
    if stance is None:
        return message
    details = "\n".join(
        [message.details, *(f"{lang}: {name}" for lang, name in sorted(stance.suggesters.items()))]
    ).strip()
    lines = message.text.split("\n")
    lines.insert(1, stance_summary_line(stance))
    if stance.cancelled and not entities.cancelled:
        lines.append(translate("SuggestSummary", "Cancelled: what was suggested stays."))
    return SummaryMessage(
        message.icon, message.title, "\n".join(lines), message.informative, details
    )
