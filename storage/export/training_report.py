"""What a training-data export wrote, for the command line and the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_NOTES = 200  # a messy project must not fill memory (or a message box) with notes


@dataclass
class TrainingDataReport:
    """Counts of one export. ``records`` counts what the format holds per document and
    annotator (JSONL lines, spaCy docs, CoNLL ``-DOCSTART-`` blocks; CSV: documents).

    ``misaligned_spans`` were exported although they do not start and end on token
    boundaries: JSONL keeps their character offsets (token_start/token_end name the tokens
    they overlap), spaCy and CoNLL widen them to whole tokens. ``skipped_spans`` are not in
    the file: rejected spans, whitespace-only spans, and in CoNLL spans that overlap a
    longer one (IOB cannot show overlaps)."""

    format: str
    documents: int = 0
    records: int = 0
    spans: int = 0
    stance: int = 0
    misaligned_spans: int = 0
    skipped_spans: int = 0
    skipped_stance: int = 0
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cancelled: bool = False

    def note(self, document_id: int, message: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(f"document {document_id}: {message}")

    def lines(self) -> list[str]:
        """A human-readable report: the notes, then the totals and the files."""
        report = list(self.notes)
        report.append(
            f"{self.format}: {self.documents} documents ({self.records} records), "
            f"{self.spans} spans, {self.stance} stance rows"
        )
        if self.misaligned_spans:
            report.append(
                f"{self.misaligned_spans} spans not on token boundaries "
                "(exported; spaCy/CoNLL widened them to whole tokens)"
            )
        if self.skipped_spans or self.skipped_stance:
            report.append(
                f"left out: {self.skipped_spans} spans, {self.skipped_stance} stance rows"
            )
        if self.cancelled:
            report.append("cancelled: nothing written, existing files kept")
        report += [f"wrote {path}" for path in self.files]
        return report
