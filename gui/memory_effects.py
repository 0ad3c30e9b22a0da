"""Saying in words what an entity action changed elsewhere through the project memory
("Charkiw (LOC) is no longer suggested: 91 suggestions withdrawn in 12 documents"), after
the action and after its undo or redo (``storage.memory.effects`` records it)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLocale

from services.editing import MemoryEffect

SHOWN_NAMES = 2  # more names than this: "and 3 more names"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemoryEffects", text)


def _count(n: int, one: str, many: str) -> str:
    # Singular and plural as two strings (not %n): English runs untranslated, where %n
    # would read "suggestion(s)" (as gui.highlights does).
    return _tr(one) if n == 1 else _tr(many).format(QLocale().toString(n))


def _withdrawn(n: int) -> str:
    return _count(n, "1 suggestion withdrawn", "{0} suggestions withdrawn")


def _places(n: int) -> str:
    return _count(n, "1 more place", "{0} more places")


def _documents(n: int) -> str:
    return _count(n, "in 1 document", "in {0} documents")


def describe_effect(effect: MemoryEffect) -> str:
    """One name's effect in one sentence (or two joined, when it was both made and
    withdrawn, as a relabel does)."""
    name = f"{effect.surface} ({effect.label})"
    parts = []
    if effect.withdrawn:
        parts.append(
            _tr("{0} is no longer suggested: {1} {2}").format(
                name, _withdrawn(effect.withdrawn), _documents(effect.withdrawn_documents)
            )
        )
    if effect.added:
        parts.append(
            _tr("{0} suggested in {1} {2}").format(
                name, _places(effect.added), _documents(effect.added_documents)
            )
        )
    return "; ".join(parts)


def describe_effects(effects: Iterable[MemoryEffect]) -> str:
    """All of an action's effects ("" for none), the first names in full."""
    said = [text for text in map(describe_effect, effects) if text]
    if len(said) > SHOWN_NAMES + 1:
        rest = len(said) - SHOWN_NAMES
        said = [*said[:SHOWN_NAMES], _count(rest, "and 1 more name", "and {0} more names")]
    return "; ".join(said)
