"""The columns of the export workbook's sheets, with the meaning the README sheet gives
each of them."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Column:
    name: str
    width: float
    meaning: str
    wrap: bool = False


DOCUMENT_COLUMNS = (
    Column("id", 8, "the document's number in the project"),
    Column(
        "title",
        40,
        "its title; for a document without one, its first line, as the app's list shows it",
        wrap=True,
    ),
    Column("source", 30, "the file (or URL) it was imported from"),
    Column("language", 10, "de, en, or empty when unknown"),
)
# The Documents sheet has a status and a minutes column for each annotator who did
# something in the project (see ``storage.export.gather.export_annotators``).
READABLE_STATUS = {
    "new": "new",  # the words of the app's document list
    "in_progress": "in progress",
    "done": "done",
    "skipped": "skipped",
}


def readable_status(status: str | None) -> str:
    """A stored document status in the words of the app's document list ("in_progress":
    "in progress"); no status (never opened) is "new" there too."""
    if status is None:
        return READABLE_STATUS["new"]
    return READABLE_STATUS.get(status, status)


def status_column(annotator: str) -> Column:
    states = ", ".join(READABLE_STATUS.values())
    meaning = f"{annotator}'s status of the document, as the app's list shows it: {states}"
    return Column(f"status {annotator}", 12, meaning)


def minutes_column(annotator: str) -> Column:
    meaning = f"minutes {annotator} spent with the document open; empty: never opened"
    return Column(f"minutes {annotator}", 10, meaning)


ENTITY_COLUMNS = (
    Column("document", 10, "the document's id (see Documents)"),
    Column("annotator", 14, "who decided; empty for a machine suggestion nobody decided on"),
    Column("start", 8, "offset of the first character in the document's text (from 0)"),
    Column("end", 8, "offset after the last character: text = document text[start:end]"),
    Column("text", 30, "the entity as it is written in the document"),
    Column("label", 10, "the entity label (see Labels)"),
    Column(
        "state",
        11,
        "accepted, edited (a suggestion changed), rejected, or suggested: a machine "
        "suggestion nobody decided on yet (only in an export of everything, and only those "
        "confident enough to be shown to annotators)",
    ),
    Column("origin", 30, "model name and version, pattern file, manual, import or review"),
    Column("confidence", 11, "the suggester's confidence from 0 to 1, if it gave one"),
    Column("left context", 45, f"up to {CONTEXT_CHARS} characters before the entity"),
    Column("right context", 45, f"up to {CONTEXT_CHARS} characters after the entity"),
    Column("created (UTC)", 22, "when the row was made"),
    Column("updated (UTC)", 22, "when it was last changed"),
)
# Who holds a stance and what carries it; appended to the stance sheets, so a corrected
# workbook of an older export (without them) reads as before.
HOLDER_COLUMNS = (
    Column(
        "holder",
        20,
        "who holds the stance: an actor's name (see the app's actor list), the words that name "
        "the holder, or author (the article's author, the default)",
    ),
    Column("holder words", 20, "where the text names the holder; empty: not named"),
    Column("holder start", 8, "offset of the holder words' first character"),
    Column("holder end", 8, "offset after their last character"),
    Column("evidence", 30, "the words that carry the stance; empty: not marked", wrap=True),
    Column("evidence start", 8, "offset of the evidence's first character"),
    Column("evidence end", 8, "offset after its last character"),
)
STANCE_COLUMNS = (
    Column("document", 10, "the document's id (see Documents)"),
    Column(
        "sentence no.",
        10,
        "the sentence's number in the document, counted from 1 as the app's stance panel "
        "counts (the CSV and JSONL exports' sentence_index counts from 0: sentence no. 1 is "
        "index 0); start and end count characters from 0",
    ),
    Column("start", 8, "offset of the sentence's first character"),
    Column("end", 8, "offset after its last character"),
    Column("sentence text", 70, "the sentence", wrap=True),
    Column("target", 18, "what the sentence takes a side on"),
    Column("label", 11, "the stance label (see Labels)"),
    Column("state", 11, "accepted, edited, rejected or suggested"),
    Column("origin", 30, "stance lexicon or classifier and version, manual, import, review"),
    Column("confidence", 11, "the suggester's confidence from 0 to 1, if it gave one"),
    Column("annotator", 14, "who decided; empty for a machine suggestion"),
    *HOLDER_COLUMNS,
)
DOCUMENT_STANCE_COLUMNS = (
    Column("document", 10, "the document's id (see Documents)"),
    Column("target", 18, "what the whole article takes a side on"),
    Column("label", 11, "the stance label (see Labels)"),
    Column("annotator", 14, "who decided; empty for a machine suggestion"),
    Column("state", 11, "accepted, edited, rejected or suggested"),
    Column("origin", 30, "where the label came from"),
    HOLDER_COLUMNS[0],
)
CLAIMS_COLUMNS = (
    Column("document", 10, "the document's id (see Documents)"),
    Column("title", 30, "the document's title, as the Documents sheet shows it", wrap=True),
    Column(
        "date",
        12,
        "when the article appeared, from its metadata (date, published, published_at, datum); "
        "empty when it has none",
    ),
    Column(
        "sentence no.",
        10,
        "the sentence's number, counted from 1; empty for the stance of the whole article",
    ),
    Column("sentence", 70, "the sentence (the claim's context)", wrap=True),
    HOLDER_COLUMNS[0],
    Column("target", 18, "what the holder takes a side on"),
    Column("side", 10, "FAVOR or AGAINST (neutral and rejected labels are not claims)"),
    Column("evidence", 30, "the words that carry the stance, if marked", wrap=True),
    Column("annotator", 14, "who labelled it"),
)
LABEL_COLUMNS = (
    Column("kind", 10, "entity or stance"),
    Column("label", 14, "the label's name, in its colour"),
    Column("colour", 10, "its colour as #rrggbb"),
    Column("description", 60, "what it is for", wrap=True),
)
AGREEMENT_COLUMNS = (
    Column("part", 10, "entities or stance"),
    Column("scope", 18, "all labels or targets, or one of them"),
    Column("measure", 32, "span F1, Cohen's kappa or Krippendorff's alpha"),
    Column(
        "value",
        10,
        "from -1 (systematic disagreement) to 1 (full agreement); empty: nothing to compare",
    ),
)
README_COLUMNS = (
    Column("sheet", 16, "a sheet of this workbook"),
    Column("column", 18, "one of its columns"),
    Column("meaning", 90, "what the column holds", wrap=True),
)
