"""What the window says after handing out and after merging: totals in the user's language,
one line per file and annotator, the conflicts in the details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox

from gui.import_progress import MAX_DETAIL_LINES, SummaryMessage
from services.team_jobs import HandoutReport, MergeReport

# Module-level texts: lupdate finds them as translate("TeamReports", "…") calls.
translate = QCoreApplication.translate


def _number(value: int) -> str:
    return QLocale().toString(value)


def handout_message(report: HandoutReport, folder: Path) -> SummaryMessage:
    """Which file each annotator gets, with how many documents, and earlier files kept; the
    assignment as the command line prints it in the details."""
    written = [item for item in report.files if item.path is not None]
    if written:
        text = translate("TeamReports", "Project files written into {0}:").format(folder)
    else:
        text = translate(
            "TeamReports", "Nothing new to hand out: every assigned document was handed out before."
        )
    lines = []
    for item in report.files:
        if item.path is None:
            lines.append(translate("TeamReports", "{0}: nothing new").format(item.annotator))
            continue
        line = translate("TeamReports", "{0} → {1} (documents: {2})")
        lines.append(line.format(item.annotator, item.path.name, _number(item.documents)))
        if item.earlier is not None:
            kept = translate("TeamReports", "  the earlier {0} was kept as {1}")
            lines.append(kept.format(item.path.name, item.earlier.name))
    if written:
        lines += [
            "",
            translate(
                "TeamReports", "Send each annotator their file; merge it back when they are done."
            ),
        ]
    return SummaryMessage(
        QMessageBox.Icon.Information,
        translate("TeamReports", "Hand out to annotators"),
        text,
        "\n".join(lines),
        "\n".join(report.lines()),
    )


def merge_message(report: MergeReport) -> SummaryMessage:
    """Totals; per file and annotator documents, decisions, new documents and conflicts;
    every conflict (document and what differs) in the details."""
    conflicts = report.conflicts
    new_documents = sum(item.new_documents for item in report.files)
    text = translate(
        "TeamReports", "Merged files: {0}. New documents: {1}. Conflicts: {2}."
    ).format(_number(len(report.files)), _number(new_documents), _number(len(conflicts)))
    if conflicts:
        text += "\n" + translate(
            "TeamReports",
            "Where an annotator edited a document in two places, the version edited last "
            "wins; the other is set aside (see the details).",
        )
    return SummaryMessage(
        QMessageBox.Icon.Warning if conflicts else QMessageBox.Icon.Information,
        translate("TeamReports", "Merge annotators' work"),
        text,
        "\n".join(_file_lines(report)),
        "\n".join(_conflict_lines(report)[:MAX_DETAIL_LINES]),
    )


def _file_lines(report: MergeReport) -> list[str]:
    lines = []
    for item in report.files:
        name = Path(item.source).name if "://" not in item.source else item.source
        lines.append(
            translate("TeamReports", "{0}: new documents: {1}").format(
                name, _number(item.new_documents)
            )
        )
        lines += [
            translate("TeamReports", "  added {0}").format(what) for what in item.labels_added
        ]
        if not item.annotators:
            lines.append(translate("TeamReports", "  no annotator's work in it yet"))
        for person in item.annotators:
            line = translate(
                "TeamReports",
                "  {0}: documents {1}, decisions {2}, new documents {3}, conflicts {4}",
            )
            lines.append(
                line.format(
                    person.annotator,
                    _number(person.documents),
                    _number(person.decisions),
                    _number(person.new_documents),
                    _number(len(person.conflicts)),
                )
            )
    return lines


def _conflict_lines(report: MergeReport) -> list[str]:
    lines = []
    for conflict in report.conflicts:
        if conflict.kept == "file":
            line = translate(
                "TeamReports",
                "{0}, document {1} ({2}): the file's version kept, the project's set aside",
            )
        else:
            line = translate(
                "TeamReports",
                "{0}, document {1} ({2}): the project's version kept, the file's set aside",
            )
        lines.append(line.format(conflict.annotator, conflict.document_id, conflict.document))
        lines += [
            translate("TeamReports", "  differs in {0}").format(what)
            for what in conflict.differences
        ]
    return lines
