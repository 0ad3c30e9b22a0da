"""What the user sees of "Suggest entities for all documents": a progress dialog that can
cancel, then a summary."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QLocale, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.import_progress import SummaryMessage
from gui.job_progress import JobProgressDialog
from nlp.suggest_documents import SuggestReport


class SuggestProgressDialog(JobProgressDialog):
    """Counts documents once the model is loaded."""

    def __init__(self, parent: QWidget) -> None:
        # Before the base class is set up, tr() is not available yet: translate by context.
        translate = QCoreApplication.translate
        super().__init__(
            parent,
            translate("SuggestProgressDialog", "Suggest entities"),
            translate("SuggestProgressDialog", "Loading the model…"),
        )

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self.wasCanceled():
            return
        self.setRange(0, max(total, 1))
        self.setValue(done)
        locale = QLocale()
        text = self.tr("Suggested for {0} of {1} documents")
        self.setLabelText(text.format(locale.toString(done), locale.toString(total)))


def suggest_summary(report: SuggestReport) -> SummaryMessage:
    """Totals in the user's language, and why languages were left out (e.g. how to install
    an English pipeline); the pipelines used in the details."""
    translate = QCoreApplication.translate
    counts = (report.documents, report.added, report.kept, report.removed)
    text = translate(
        "SuggestSummary", "Suggested entities for {0} documents: {1} new, {2} kept, {3} withdrawn."
    ).format(*(QLocale().toString(n) for n in counts))
    if report.cancelled:
        text += "\n" + translate("SuggestSummary", "Cancelled: what was suggested stays.")
    informative = ""
    if report.skipped:
        # A message box may take informative text for markup: make it rich text, escaped.
        reasons = (f"{language}: {why}" for language, why in sorted(report.skipped.items()))
        lines = [translate("SuggestSummary", "Not suggested for some languages:"), *reasons]
        informative = "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
    details = "\n".join(
        f"{language}: {origin}" for language, origin in sorted(report.pipelines.items())
    )
    icon = QMessageBox.Icon.Warning if report.skipped else QMessageBox.Icon.Information
    title = translate("SuggestSummary", "Suggestions stored")
    return SummaryMessage(icon, title, text, informative, details)
