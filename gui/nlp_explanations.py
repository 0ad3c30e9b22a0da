"""The suggesters' explanations and notices in the interface's language: they are stored
and printed in English (``nlp`` speaks to the command line and the exports), and read back
here by their kind (``services.explanations``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from services.explanations import (
    AUTHOR,
    CUES,
    CUES_CANCEL,
    ELSEWHERE,
    MODEL,
    NEGATED_SUFFIX,
    NO_CUES,
    SPEAKER,
    WEAK_CUES,
    read_explanation,
)


def stance_explanation_text(text: str | None) -> str:
    """A stored stance explanation in the interface's language (other texts, e.g. a trained
    model's, as they are)."""
    if not text:
        return ""
    explanation = read_explanation(text)
    if explanation is None:
        return text
    said = _kind_text(explanation.code, explanation.value)
    if said is None:
        return text
    return said + _holder_text(explanation.holder, explanation.holder_how)


def _kind_text(code: str, value: str) -> str | None:
    translate = QCoreApplication.translate
    value = value.replace(NEGATED_SUFFIX, " " + translate("Explanations", "(negated)"))
    if code == SPEAKER:
        return translate("Explanations", "{0} speaks here; not judged").format(value)
    if code == NO_CUES:
        return translate("Explanations", "no cue words")
    if code == CUES_CANCEL:
        return translate("Explanations", "cues cancel out: {0}").format(value)
    if code == CUES:
        return translate("Explanations", "cues: {0}").format(value)
    if code == WEAK_CUES:
        return translate("Explanations", "too little evidence: {0}").format(value)
    if code == ELSEWHERE:
        return translate("Explanations", "cues judge something else: {0}").format(value)
    if code == MODEL:
        return translate("Explanations", "model {0}").format(value)
    return None


def _holder_text(holder: str | None, how: str) -> str:
    """The holder part ("; holder: Jack Watling, reported speech"), said in the interface's
    language; empty for texts without one."""
    translate = QCoreApplication.translate
    if how == AUTHOR:
        return translate("Explanations", "; holder: the author")
    if holder is None or not how:
        return ""
    hows = {
        "reported speech": translate("Explanations", "reported speech"),
        "attribution": translate("Explanations", "attribution"),
        "quote": translate("Explanations", "quote"),
        "subject": translate("Explanations", "subject of the verb"),
        "continued": translate("Explanations", "continues the sentence before"),
        "pronoun": translate("Explanations", "pronoun"),
    }
    return translate("Explanations", "; holder: {0}, {1}").format(holder, hows.get(how, how))


def missing_pipeline_text(language: str) -> str:
    """Why a language's documents get suggestions from the pattern files only, and how to
    add a model."""
    translate = QCoreApplication.translate
    if language == "en":
        return translate(
            "Explanations",
            "No English model is installed, so English documents get suggestions from the "
            "pattern files only. To add one, run `python -m spacy download en_core_web_sm` "
            "in the app's environment on a connected machine.",
        )
    return translate(
        "Explanations",
        "No model is installed for the language “{0}”, so its documents get suggestions "
        "from the pattern files only.",
    ).format(language)
