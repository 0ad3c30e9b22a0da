"""What an action or job changed in the project, so each view can decide what to redraw.

Qt-free: ``services.editing`` says what each kind of user action changes
(``entities_edited``, ``status_set``, …), jobs say what they changed, and the window's context
announces it to every view (``gui.context.WindowContext.changed``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Changes:
    """Which documents (``None``: all of them) and which kinds of their data changed."""

    documents: frozenset[int] | None = frozenset()
    entities: bool = False  # an annotator's entity spans (decisions, edits, resets)
    stance: bool = False  # an annotator's stance rows
    status: bool = False  # document status (done, skipped, in progress) or time spent
    reset: bool = False  # an annotator's decisions were reset to the machine suggestions
    done: bool = False  # a document was marked done (the entity model may retrain)
    targets: bool = False  # the project's stance targets
    labels: bool = False  # the project's label schema
    models: bool = False  # which trained model suggests
    document_list: bool = False  # documents were added (an import)
    display: bool = False  # how documents are shown (preferences), not their data
    project: bool = False  # a project was opened or closed

    @classmethod
    def of(cls, documents: Iterable[int] | None, **kinds: bool) -> Changes:
        """``kinds`` of ``documents`` (None: all documents) changed."""
        ids = None if documents is None else frozenset(documents)
        return cls(documents=ids, **kinds)

    def concerns(self, document_id: int | None) -> bool:
        """Whether this touches ``document_id`` (a shown document; None: nothing shown)."""
        if document_id is None:
            return False
        return self.documents is None or document_id in self.documents

    @property
    def data(self) -> bool:
        """Whether stored data changed (not only how it is shown)."""
        kinds = (f.name for f in fields(self) if f.name not in ("documents", "display"))
        return any(getattr(self, name) for name in kinds)

    def __or__(self, other: Changes) -> Changes:
        if self.documents is None or other.documents is None:
            documents = None
        else:
            documents = self.documents | other.documents
        kinds = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "documents"
        }
        return replace(self, documents=documents, **kinds)


NOTHING = Changes()
PROJECT_SWITCHED = Changes(documents=None, project=True)  # opened, or closed
DOCUMENTS_IMPORTED = Changes(documents=None, document_list=True)
MODEL_SWITCHED = Changes(documents=None, models=True)  # another suggester took over
DISPLAY_CHANGED = Changes(documents=None, display=True)  # preferences; the shown one anew
