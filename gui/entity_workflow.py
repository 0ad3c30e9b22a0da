"""Correcting entity spans in the article text by keyboard and mouse, Prodigy-like: a
focused span, keys that decide on it, and on to the next open suggestion.

Keys while the article text has the keyboard focus (so the stance panel's Enter, Space,
Delete, letters and numbers keep their meaning there):

- Tab / Shift+Tab: focus the next / previous open suggestion (round the document's end);
  a click on a highlight focuses it, Escape unfocuses.
- Enter or Space: accept the focused span. Backspace or Delete: reject it (a suggestion, or
  one accepted from a suggestion), delete it (a span added by hand).
- A label's number (1–9, in the project's label order) or its letter (p, l, o, m): with a
  span focused, give it that label; with text selected, add a span with that label over
  the selection widened to whole words (tokens). Alt with the number or letter adds exactly
  the selected characters (less surrounding spaces).
- Shift+Right / Shift+Left: the focused span's end one token right / left. Alt+Left /
  Alt+Right: its start one token left / right. (Shift moves the end, Alt the start; the
  arrow says which way.) With no span focused, Shift+arrows select text as usual.
- Ctrl+Shift+A (anywhere in the window): accept every open suggestion that is shown.

After accepting, rejecting or relabelling, the next open suggestion is focused. Every action
is one committed transaction and one command on the window's undo stack; undo and redo show
the document the action was in and focus the span they changed.

Every decision teaches the project memory: when that changes whether a name is suggested,
every document containing it changes with the action itself, the status bar says so ("…
91 suggestions withdrawn in 12 documents") and one undo takes all of it back; confidences
elsewhere follow in a background pass (``gui.memory_pass``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from gui.article_text import ArticleText
from gui.context import WindowContext
from gui.document_table import DocumentTable
from gui.entity_menu import EntityMenu
from gui.highlights import ACCEPTED, EDITED, REJECTED
from gui.memory_effects import describe_effects
from gui.memory_pass import MemoryPropagator
from gui.span_focus import Place, excerpt, is_open, next_open, place, span_at_place, span_with_id
from gui.undo import push_logged_action
from services.changes import DISPLAY_CHANGED, Changes
from services.document_view import Tokens, entity_labels, trim_spaces
from services.editing import ActionResult, EntityEditor, entities_edited, memory_effects_changed
from services.span_data import DocumentSpans, HighlightSpan
from services.values import OriginKind, StorageError

if TYPE_CHECKING:
    from services.session import OpenedProject

DECIDED = (ACCEPTED, EDITED)


class EntityWorkflow(QObject):
    """The entity actions of the Annotate menu (``menu_actions``) for the context's open
    project and the document shown in ``text``; ``table`` shows the document an undo or redo
    went back to."""

    def __init__(self, context: WindowContext, text: ArticleText, table: DocumentTable) -> None:
        super().__init__(context)
        self._context = context
        self._table = table
        self._text = text
        self.editor: EntityEditor | None = None
        self.document_id: int | None = None
        self._tokens = Tokens("")
        self._effects_said = ""  # what the last action changed elsewhere, in words
        self._effects_changed = Changes()  # ... and where: announced with the action
        self.memory = MemoryPropagator(self)
        self.memory.failed.connect(self._memory_failed)
        self.menu = EntityMenu(self, context, text)
        # The window and its tests reach these through the workflow.
        self.accept_action = self.menu.accept_action
        self.accept_all_action = self.menu.accept_all_action
        self.label_menu = self.menu.label_menu
        self._text.focus_changed.connect(self.update_actions)
        self._text.selectionChanged.connect(self.update_actions)
        self._text.highlights_changed.connect(self.update_actions)
        context.project_replacing.connect(self.project_opened)
        context.project_closing.connect(self._let_go)
        context.shutting_down.connect(self.shutdown)
        context.document_shown.connect(self.document_shown)
        context.changed.connect(self._on_changed)
        self.update_actions()

    @property
    def menu_actions(self) -> list[QAction]:
        """The Annotate menu's entity entries, in order (separators included)."""
        return self.menu.menu_actions

    def update_actions(self) -> None:
        self.menu.update(shown=self.editor is not None and self.document_id is not None)

    # --- the window's project and document ------------------------------------------------

    def project_opened(self, opened: OpenedProject) -> None:
        """Work in the newly opened project as its annotator; its undo history starts empty."""
        project = opened.project
        self.editor = EntityEditor(project.db, project.project_id, opened.annotator_id)
        self.document_id = None
        self._context.undo_stack.clear()
        self.memory.set_project(project)
        self._read_labels()
        self.update_actions()

    def shutdown(self) -> None:
        self.memory.shutdown()

    def _let_go(self) -> None:
        """The project closes: no pass starts any more, and the editor lets go of it."""
        self.memory.set_project(None)
        self.shutdown()
        self.editor = None

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project:
            self.update_actions()
        if (changes.entities and not changes.reset) or changes.document_list:
            self.memory.decisions_changed()  # learn (or unlearn) it; new documents get it

    def document_shown(self, document_id: int | None) -> None:
        """The article view shows this document (None: none); its spans are painted next."""
        self.document_id = document_id
        self.update_actions()

    @Slot(object)
    def on_spans_shown(self, spans: DocumentSpans) -> None:
        """The article painted ``spans``: their labels are the project's as read with them
        (a suggester may have brought a new one); none while a new document is shown."""
        if spans.labels:
            self.menu.set_labels(spans.labels)

    def _read_labels(self) -> None:
        project = self._context.project
        if project is None:
            return
        try:
            labels = entity_labels(project)
        except StorageError:
            return  # the painting that follows says the database cannot be read
        self.menu.set_labels(labels)

    # --- focus ----------------------------------------------------------------------------

    def focus_next(self) -> None:
        self._step(backwards=False)

    def focus_previous(self) -> None:
        self._step(backwards=True)

    def _step(self, backwards: bool) -> None:
        text = self._text
        focused = text.focused
        if focused is not None:
            after = place(focused)
        else:
            caret = text.positions.from_qt(text.textCursor().position())
            after = (caret, caret)
        span = next_open(text.highlighted, after, backwards)
        if span is None:
            self._say(self.tr("No open suggestions in this document."))
            return
        text.focus_span(span)

    def unfocus(self) -> None:
        self._text.focus_span(None)
        self._text.clear_selection()

    # --- deciding on the focused span -------------------------------------------------------

    def accept(self) -> None:
        self.accept_span(self._text.focused)

    def accept_span(self, span: HighlightSpan | None) -> None:
        """Accept ``span`` (the focused one, or one chosen in the spans panel: a rejected
        one, or a suggestion the article hides, too), then on to the next open one."""
        if span is None:
            return
        if span.state in DECIDED:  # nothing to store, on to the next one
            self._focus_after(place(span), span.span_id)
            return
        text = self.tr("Accept {0} “{1}”").format(span.label.name, self._quote(span))
        result = self._run(text, lambda e: e.accept(_id(span)), place(span))
        if result is not None:
            self._focus_after(place(span), result.span_ids[0])

    def reject(self) -> None:
        self.reject_span(self._text.focused)

    def reject_span(self, span: HighlightSpan | None) -> None:
        """Reject ``span`` (delete it if added by hand), then on to the next open one."""
        if span is None:
            return
        if span.state == REJECTED:
            self._say(self.tr("“{0}” is rejected already.").format(self._quote(span)))
            return
        quoted = self._quote(span)
        if span.origin_kind == OriginKind.MANUAL.value:
            text = self.tr("Delete {0} “{1}”").format(span.label.name, quoted)
        else:
            text = self.tr("Reject {0} “{1}”").format(span.label.name, quoted)
        # A suggestion is rejected; ``delete`` rejects one accepted from a suggestion (so it
        # is not suggested again) and removes one added by hand.
        run = (lambda e: e.reject(_id(span))) if is_open(span) else (lambda e: e.delete(_id(span)))
        if self._run(text, run, place(span)) is not None:
            self._focus_after(place(span), None)

    def apply_label(self, label: str, exact: bool = False) -> None:
        """A label key: add a span over the selection, or relabel the focused span."""
        if self._text.textCursor().hasSelection():
            self.add(label, exact)
            return
        span = self._text.focused
        if span is None:
            self._say(self.tr("Select some text or focus a span first."))
        elif span.label.name == label:
            self.accept()  # "yes, this label": the same as accepting it
        else:
            self.relabel(span, label)

    def label_span(self, span: HighlightSpan | None, label: str) -> None:
        """A label key on a span chosen in the spans panel: give it that label (its own
        label: accept it)."""
        if span is None:
            return
        if span.label.name == label:
            self.accept_span(span)
        else:
            self.relabel(span, label)

    def relabel(self, span: HighlightSpan, label: str) -> None:
        text = self.tr("Label “{0}” as {1}").format(self._quote(span), label)
        result = self._run(text, lambda e: e.relabel(_id(span), label), place(span))
        if result is not None:
            self._focus_after(place(span), result.span_ids[0])

    def add(self, label: str, exact: bool = False) -> None:
        """A span over the selection: widened to whole tokens, or (``exact``) the selected
        characters without the spaces around them."""
        selected = self._text.selected_range()
        document_id = self.document_id
        if selected is None or document_id is None:
            return
        bounds = (
            trim_spaces(self._text.text, *selected) if exact else self._tokens_now().snap(*selected)
        )
        if bounds is None:
            self._say(self.tr("The selection holds no word to label."))
            return
        start, end = bounds
        quoted = excerpt(self._text.text[start:end])
        text = self.tr("Add {0} “{1}”").format(label, quoted)
        result = self._run(text, lambda e: e.add(document_id, start, end, label), bounds)
        if result is None:  # a refused one keeps the selection, to be corrected
            return
        self._text.focus_span(span_with_id(self._text.highlighted, result.span_ids[0]))
        if result.replaced:  # some may have been hidden for their low confidence: say so
            # Two strings, not %n: English runs untranslated, where %n would read "(s)".
            if result.replaced == 1:
                said = self.tr(
                    "{0} “{1}” replaces 1 overlapping suggestion (Ctrl+Z brings it back)."
                )
            else:
                said = self.tr(
                    "{0} “{1}” replaces {2} overlapping suggestions (Ctrl+Z brings them back)."
                )
            self._say(said.format(label, quoted, result.replaced))

    def resize(self, how: str) -> None:
        """Move one end of the focused span by a token: ``how`` is a ``Tokens`` method name
        (grow_end, shrink_end, grow_start, shrink_start)."""
        span = self._text.focused
        if span is None:
            return
        moved = getattr(self._tokens_now(), how)(span.start, span.end)
        if moved is None:
            self._say(self.tr("“{0}” cannot change that way.").format(self._quote(span)))
            return
        start, end = (span.start, moved) if how.endswith("_end") else (moved, span.end)
        quoted = excerpt(self._text.text[start:end])
        text = self.tr("Resize {0} to “{1}”").format(span.label.name, quoted)
        where = (min(start, span.start), max(end, span.end))
        result = self._run(text, lambda e: e.resize(_id(span), start, end), where)
        if result is not None:
            self._text.focus_span(span_with_id(self._text.highlighted, result.span_ids[0]))

    def accept_all(self) -> None:
        """Accept every open suggestion shown (one action). Suggestions hidden for their
        low confidence stay open: nobody accepts what they have not seen."""
        ids = [_id(s) for s in self._text.highlighted if is_open(s)]
        if not ids:
            self._say(self.tr("No open suggestions in this document."))
            return
        text = self.tr("Accept all %n entity suggestion(s)", "", len(ids))
        if self._run(text, lambda e: e.accept(ids), None) is not None:
            self._text.focus_span(None)
            self._say(self.tr("Accepted %n suggestion(s).", "", len(ids)))

    # --- running, undoing, showing ----------------------------------------------------------

    def _run(
        self, text: str, run: Callable[[EntityEditor], ActionResult], where: Place | None
    ) -> ActionResult | None:
        """Run and store one action, put it on the undo stack and show its outcome; None
        when the storage refused it (the status bar says why) or it changed nothing."""
        editor, document_id = self.editor, self.document_id
        if editor is None or document_id is None:
            return None
        replayed = partial(self._after_replay, document_id, where)
        stack = self._context.undo_stack
        self._effects_said = ""
        result = push_logged_action(
            stack, text, editor, run, replayed, self._refused, effects=self._effects_of
        )
        if result is not None:
            self._effects_said = self._effects_of(result.action_id)
            self._after_change(document_id)
            if self._effects_said:
                self._say(self._effects_said)
        return result

    def _effects_of(self, action_id: str) -> str:
        """What the action (or its undo or redo) changed in other places through the project
        memory, in words; the documents it changed are announced with the action."""
        if self.editor is None:
            return ""
        effects = self.editor.take_effects(action_id)
        self._effects_changed = memory_effects_changed(effects)
        return describe_effects(effects)

    def _after_change(self, document_id: int) -> None:
        # The shown spans are read again (the focus follows by place), the list's row too,
        # and those of the documents where the memory changed suggestions with the action.
        changes = entities_edited(document_id) | self._effects_changed
        self._effects_changed = Changes()
        self._context.notify(changes, self)

    def _after_replay(self, document_id: int, where: Place | None) -> None:
        """An undo or redo was stored: show its document and focus the span it changed."""
        table = self._table
        if document_id != self.document_id and table.document_model.row_of(document_id) is not None:
            # Announced while another document is shown, then shown: painted once.
            self._after_change(document_id)
            table.select_document(document_id)
        else:
            self._after_change(document_id)
        if where is None or document_id != self.document_id:
            return
        span = span_at_place(self._text.highlighted, where)
        self._text.focus_span(span)
        if span is None:
            self._text.move_to(where[0], focus=False)

    def _focus_after(self, where: Place, keep: int | None) -> None:
        """On to the next open suggestion after ``where``; when none is left, stay on the
        span ``keep`` (if shown) and say so."""
        text = self._text
        following = next_open(text.highlighted, where)
        if following is not None:
            text.focus_span(following)
            return
        stay = span_with_id(text.highlighted, keep) if keep is not None else None
        text.focus_span(stay)
        if stay is None:
            text.move_to(where[0], focus=False)
        said = self.tr("No open suggestions left in this document.")
        self._say(f"{self._effects_said} — {said}" if self._effects_said else said)

    @Slot(str)
    def _memory_failed(self, message: str) -> None:
        text = self.tr("The project memory could not update other documents: {0}")
        self._say(text.format(message))

    def _refused(self, message: str) -> None:
        self._say(self.tr("Not done: {0}").format(message))
        # What is shown may be out of date (another annotator or a background pass changed
        # the document): show what is there now.
        self._context.notify(DISPLAY_CHANGED, self)

    def _say(self, text: str) -> None:
        self._context.say(text)

    def _quote(self, span: HighlightSpan) -> str:
        return excerpt(self._text.text[span.start : span.end])

    def _tokens_now(self) -> Tokens:
        if self._tokens.text is not self._text.text:
            self._tokens = Tokens(self._text.text)
        return self._tokens


def _id(span: HighlightSpan) -> int:
    assert span.span_id is not None  # spans read from the database always have one
    return span.span_id
