"""What the user sees of an import: a progress dialog that can cancel, then a summary."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.job_progress import JobProgressDialog
from services.values import ImportSummary

MAX_DETAIL_LINES = 1000  # a broken file can report thousands of lines; a box cannot show them


class ImportProgressDialog(JobProgressDialog):
    """A moving bar (the total is unknown until the files are read) and the number of
    articles read so far."""

    def __init__(self, parent: QWidget) -> None:
        # Before the base class is set up, tr() is not available yet: translate by context.
        translate = QCoreApplication.translate
        super().__init__(
            parent,
            translate("ImportProgressDialog", "Import files"),
            translate("ImportProgressDialog", "Reading files…"),
        )

    @Slot(int, str)
    def show_progress(self, done: int, where: str) -> None:
        self.setLabelText(self.tr("{0} articles read\n{1}").format(QLocale().toString(done), where))


@dataclass(frozen=True)
class SummaryMessage:
    """The texts of the message box that reports an import."""

    icon: QMessageBox.Icon
    title: str
    text: str
    informative: str
    details: str


def summary_message(summary: ImportSummary) -> SummaryMessage:
    """Totals in the user's language; each problem's line (file and line number) in the
    details, as the command line prints them."""
    translate = QCoreApplication.translate
    locale = QLocale()
    # Singular and plural as two strings (not %n): English runs untranslated.
    if summary.imported == 1:
        text = translate("ImportSummary", "Imported 1 document.")
    else:
        text = translate("ImportSummary", "Imported {0} documents.").format(
            locale.toString(summary.imported)
        )
    if summary.spans == 1:
        text += " " + translate("ImportSummary", "It includes 1 entity span.")
    elif summary.spans:
        text += " " + translate("ImportSummary", "They include {0} entity spans.").format(
            locale.toString(summary.spans)
        )
    if summary.stance == 1:
        text += " " + translate("ImportSummary", "1 stance label came with them.")
    elif summary.stance:
        text += " " + translate("ImportSummary", "{0} stance labels came with them.").format(
            locale.toString(summary.stance)
        )
    if summary.attached_count == 1:
        text += " " + translate(
            "ImportSummary", "Labels were added to 1 document the project already had."
        )
    elif summary.attached_count:
        text += " " + translate(
            "ImportSummary", "Labels were added to {0} documents the project already had."
        ).format(locale.toString(summary.attached_count))
    if summary.cancelled:
        text += "\n" + translate("ImportSummary", "Cancelled: what was imported stays.")
    # The counts include what is past the reporting caps (the details list only the first).
    duplicates = summary.duplicate_count
    errors = summary.error_count
    warnings = summary.warning_count
    informative = ""
    if duplicates or errors or warnings:
        # Counts after a colon read right for 1 and for many alike.
        informative = translate(
            "ImportSummary",
            "Duplicates skipped: {0}. With errors, skipped: {1}. Warnings: {2}. "
            "The details say where.",
        ).format(duplicates, errors, warnings)
    lines = summary.lines()
    details = "\n".join(lines[:MAX_DETAIL_LINES])
    if len(lines) > MAX_DETAIL_LINES:
        more = translate("ImportSummary", "… and {0} more lines").format(
            len(lines) - MAX_DETAIL_LINES
        )
        details += "\n" + more
    icon = QMessageBox.Icon.Warning if informative else QMessageBox.Icon.Information
    title = translate("ImportSummary", "Import finished")
    return SummaryMessage(icon, title, text, informative, details)
