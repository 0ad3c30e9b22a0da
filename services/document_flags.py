"""Flagging a document as unsure with a note, as the window does it: the editor (each flag
and unflag one logged action that undo reverts) and what it changes for the views."""

from __future__ import annotations

from services.changes import Changes
from storage.document_flags import MAX_NOTE_CHARS, FlagEditor

__all__ = ["MAX_NOTE_CHARS", "FlagEditor", "flag_set"]


def flag_set(document_id: int) -> Changes:
    """The annotator's flag or note on the document (the list shows it)."""
    return Changes.of([document_id], status=True)
