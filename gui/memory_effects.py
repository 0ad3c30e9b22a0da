"""Saying in words what an entity action changed elsewhere through the project memory
("Charkiw (LOC) is no longer suggested: 91 suggestions withdrawn in 12 documents"), after
the action and after its undo or redo (``storage.memory.effects`` records it)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLocale

from services.editing import MemoryEffect

translate = QCoreApplication.translate

SHOWN_NAMES = 2  # more names than this: "and 3 more names"


# Singular and plural as two strings (not %n): English runs untranslated, where %n would
# read "suggestion(s)" (as gui.highlights does). Each string is spelled out in a translate
# call of its own, where lupdate finds it.


def _n(n: int) -> str:
    return QLocale().toString(n)


def _withdrawn(n: int) -> str:
    if n == 1:
        return translate("MemoryEffects", "1 suggestion withdrawn")
    return translate("MemoryEffects", "{0} suggestions withdrawn").format(_n(n))


def _places(n: int) -> str:
    if n == 1:
        return translate("MemoryEffects", "1 more place")
    return translate("MemoryEffects", "{0} more places").format(_n(n))


def _documents(n: int) -> str:
    if n == 1:
        return translate("MemoryEffects", "in 1 document")
    return translate("MemoryEffects", "in {0} documents").format(_n(n))


def _more_names(n: int) -> str:
    if n == 1:
        return translate("MemoryEffects", "and 1 more name")
    return translate("MemoryEffects", "and {0} more names").format(_n(n))


def describe_effect(effect: MemoryEffect) -> str:
    """One name's effect in one sentence (or two joined, when it was both made and
    withdrawn, as a relabel does)."""
    name = f"{effect.surface} ({effect.label})"
    parts = []
    if effect.withdrawn:
        parts.append(
            translate("MemoryEffects", "{0} is no longer suggested: {1} {2}").format(
                name, _withdrawn(effect.withdrawn), _documents(effect.withdrawn_documents)
            )
        )
    if effect.added:
        parts.append(
            translate("MemoryEffects", "{0} suggested in {1} {2}").format(
                name, _places(effect.added), _documents(effect.added_documents)
            )
        )
    return "; ".join(parts)


def describe_effects(effects: Iterable[MemoryEffect]) -> str:
    """All of an action's effects ("" for none), the first names in full."""
    said = [text for text in map(describe_effect, effects) if text]
    if len(said) > SHOWN_NAMES + 1:
        rest = len(said) - SHOWN_NAMES
        said = [*said[:SHOWN_NAMES], _more_names(rest)]
    return "; ".join(said)
