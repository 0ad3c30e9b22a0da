"""Prodigy-compatible pattern files: ``{"label": ..., "pattern": ..., "id": ...}`` per line.

A pattern is a phrase (a string, matched token by token and case-sensitively) or a token
pattern (a list of token attribute dicts, as in spaCy's Matcher). The shipped gazetteers live
in ``resources/patterns/``; a project may add its own files. Matches go to
``doc.spans["patterns"]`` with the pattern's id, so a suggestion can say what produced it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from spacy.language import Language

from errors import UserError

if TYPE_CHECKING:
    from spacy.pipeline import SpanRuler

SHIPPED_PATTERNS = Path(__file__).resolve().parents[1] / "resources" / "patterns"
PATTERN_SPANS_KEY = "patterns"
RULER_NAME = "standpunkt_patterns"


class PatternFileError(UserError, ValueError):
    """A pattern line that cannot be used; the message names file and line."""


@dataclass
class PatternSet:
    """Patterns from one or more files, with where each came from."""

    patterns: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # pattern id -> file name
    ruler_name: str = RULER_NAME

    @cached_property
    def version(self) -> str:
        """Changes whenever any pattern changes: a new version of the suggester. (Computed
        once: every pattern suggestion carries it, and hashing 2,000 patterns is not free.)"""
        text = json.dumps(self.patterns, sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(text.encode()).hexdigest()[:10]

    def origin_of(self, pattern_id: str) -> str:
        return self.files.get(pattern_id, "patterns")

    def install(self, nlp: Language) -> None:
        """Add (or refill) the pattern ruler of ``nlp``; it writes only to its span group."""
        if self.ruler_name in nlp.component_names:
            nlp.remove_pipe(self.ruler_name)
        ruler = cast(
            "SpanRuler",
            nlp.add_pipe(
                "span_ruler",
                name=self.ruler_name,
                config={
                    "spans_key": PATTERN_SPANS_KEY,
                    "phrase_matcher_attr": "ORTH",
                    "validate": True,
                    "overwrite": True,
                },
            ),
        )
        ruler.add_patterns(self.patterns)


def read_pattern_file(path: Path) -> list[dict[str, Any]]:
    """The patterns of one JSONL file; raises ``PatternFileError`` naming the bad line."""
    patterns = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PatternFileError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
            patterns.append(_checked(record, path, number))
    return patterns


def _checked(record: Any, path: Path, number: int) -> dict[str, Any]:
    where = f"{path}:{number}"
    if not isinstance(record, dict):
        raise PatternFileError(f"{where}: expected an object with label and pattern")
    label, pattern = record.get("label"), record.get("pattern")
    if not isinstance(label, str) or not label:
        raise PatternFileError(f"{where}: no label")
    phrase = isinstance(pattern, str) and pattern.strip()
    tokens = isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)
    if not (phrase or tokens):
        raise PatternFileError(f"{where}: pattern must be a string or a list of token dicts")
    checked = {"label": label, "pattern": pattern}
    checked["id"] = str(record.get("id") or f"{path.stem}:{number}")
    return checked


def load_patterns(files: Iterable[Path]) -> PatternSet:
    """All patterns of ``files`` (later files may repeat ids of earlier ones)."""
    result = PatternSet()
    for path in files:
        for pattern in read_pattern_file(path):
            result.patterns.append(pattern)
            result.files.setdefault(pattern["id"], path.name)
    return result


def shipped_pattern_files(folder: Path = SHIPPED_PATTERNS) -> list[Path]:
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def project_pattern_files(project_file: Path | None) -> list[Path]:
    """A project's own pattern files: ``<project file>.patterns/*.jsonl`` beside it."""
    if project_file is None:
        return []
    return shipped_pattern_files(project_file.with_name(project_file.name + ".patterns"))
