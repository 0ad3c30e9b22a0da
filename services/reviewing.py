"""Reviewing one document: every annotator's labels side by side with the gold version, as
plain values for the review dialog (its edits are ``services.editing.ReviewEditor``'s)."""

from __future__ import annotations

from storage.database import Database
from storage.review.comparison import Agreement, LabelChoice, ReviewItem, ReviewView, review_view
from storage.review.holders import StanceHolder

__all__ = ["Agreement", "LabelChoice", "ReviewItem", "ReviewView", "StanceHolder", "read_review"]


def read_review(db: Database, project_id: int, document_id: int) -> ReviewView:
    """The document's labels by annotator, and its gold version so far."""
    with db.read() as session:
        return review_view(session, project_id, document_id)
