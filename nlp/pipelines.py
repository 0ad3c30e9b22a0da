"""Which spaCy pipeline suggests entities for a document, and loading it once.

Per language the resolver takes, in this order: the pipeline the project names (an installed
package or a folder), an installed official spaCy pipeline (largest first), the embedded
model in ``resources/models/``. A project's active trained model (``project_pipeline``)
comes before all of these. The choice's name and version become the origin of every
suggestion it makes.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import is_package

from errors import UserError
from storage.database import Database
from storage.model_registry import active_model

EMBEDDED_MODELS = Path(__file__).resolve().parents[1] / "resources" / "models"
OFFICIAL_PIPELINES = {
    "de": ("de_core_news_lg", "de_core_news_md", "de_core_news_sm"),
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm"),
}
ENGLISH_HELP = (
    "No English pipeline is installed, so English documents get suggestions from the pattern "
    "files only. To add one, run `python -m spacy download en_core_web_sm` in the app's "
    "environment on a connected machine, or name a pipeline folder (command line: --model)."
)


class PipelineUnavailableError(UserError, LookupError):
    """No pipeline for a language, or the named one cannot be loaded; says how to fix it.

    ``missing_language`` is set when simply none is installed for that language (the
    pattern files still suggest): the window says so in its own words and language."""

    def __init__(self, message: str, *, missing_language: str | None = None) -> None:
        super().__init__(message)
        self.missing_language = missing_language


@dataclass(frozen=True)
class PipelineChoice:
    """A pipeline to load: where from, and the name and version suggestions will carry."""

    language: str
    location: str  # package name or folder path
    name: str  # e.g. "de_standpunkt_ner", "de_core_news_lg"
    version: str
    source: str  # "project", "installed" or "embedded"

    @property
    def origin(self) -> str:
        return f"{self.name}@{self.version}"


def _meta_of_folder(folder: Path) -> dict:
    meta = folder / "meta.json"
    return json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}


def _choice_from(location: str, language: str, source: str) -> PipelineChoice:
    folder = Path(location).expanduser()
    if folder.is_dir():
        meta = _meta_of_folder(folder)
        return PipelineChoice(
            language=meta.get("lang", language),
            location=str(folder.resolve()),
            name=f"{meta.get('lang', language)}_{meta.get('name', folder.name)}",
            version=str(meta.get("version", "0")),
            source=source,
        )
    if is_package(location):
        return PipelineChoice(language, location, location, _package_version(location), source)
    raise PipelineUnavailableError(
        f"{location!r} is neither a pipeline folder nor an installed spaCy pipeline package"
    )


def _package_version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "0"


def embedded_pipelines(models_dir: Path = EMBEDDED_MODELS) -> dict[str, Path]:
    """Language -> folder of the pipelines shipped in ``resources/models/``."""
    found: dict[str, Path] = {}
    if models_dir.is_dir():
        for folder in sorted(models_dir.iterdir()):
            meta = _meta_of_folder(folder)
            if meta.get("lang") and (folder / "config.cfg").is_file():
                found.setdefault(meta["lang"], folder)
    return found


def resolve_pipeline(
    language: str, project_model: str | None = None, models_dir: Path = EMBEDDED_MODELS
) -> PipelineChoice:
    """The pipeline for ``language``; raises ``PipelineUnavailableError`` with advice if none."""
    if project_model:
        return _choice_from(project_model, language, "project")
    for package in OFFICIAL_PIPELINES.get(language, ()):
        if is_package(package):
            return _choice_from(package, language, "installed")
    embedded = embedded_pipelines(models_dir).get(language)
    if embedded is not None:
        return _choice_from(str(embedded), language, "embedded")
    if language == "en":
        raise PipelineUnavailableError(ENGLISH_HELP, missing_language=language)
    raise PipelineUnavailableError(
        f"no spaCy pipeline for language {language!r}; install one or name a folder with --model",
        missing_language=language,
    )


def project_pipeline(db: Database, project_id: int, language: str) -> PipelineChoice:
    """The pipeline that suggests entities for the project's documents in ``language``: the
    project's active trained model if its folder is still there, else the resolver's."""
    return trained_pipeline(db, project_id, language) or resolve_pipeline(language)


def trained_pipeline(db: Database, project_id: int, language: str) -> PipelineChoice | None:
    """The project's active trained entity model for ``language`` (None: none, or its
    folder is gone)."""
    with db.read() as session:
        model = active_model(session, project_id, "ner", language)
    if model is None or not Path(model.path).is_dir():
        return None
    return _choice_from(model.path, language, "project")


class PipelineCache:
    """Loads each pipeline once, on first use, safely from several threads; also keeps the
    pipelines prepared from them (``prepared``), so the costly preparation (e.g. installing
    thousands of patterns) happens once per model and pattern version, not per call."""

    def __init__(self) -> None:
        self._loaded: dict[str, Language] = {}
        self._prepared: dict[tuple, Any] = {}
        self._lock = threading.RLock()

    def load(self, choice: PipelineChoice) -> Language:
        with self._lock:
            nlp = self._loaded.get(choice.location)
            if nlp is None:
                nlp = _load(choice.location)
                self._loaded[choice.location] = nlp
                # A model is hundreds of thousands of long-lived objects: keep them out of
                # full garbage collections, which hold the GIL (and so stall a GUI thread)
                # for as long as they walk them.
                gc.freeze()
            return nlp

    def is_loaded(self, choice: PipelineChoice) -> bool:
        with self._lock:
            return choice.location in self._loaded or any(
                key[0] == choice.location for key in self._prepared
            )

    def prepared(self, key: tuple, make: Callable[[], Any]) -> Any:
        """The object made by ``make()`` for ``key`` (first element: the pipeline location),
        made once. ``make`` gets a pipeline of its own to change (``load_fresh``)."""
        with self._lock:
            if key not in self._prepared:
                self._prepared[key] = make()
                gc.freeze()  # the prepared copy is a model too (see ``load``)
            return self._prepared[key]


def load_fresh(location: str) -> Language:
    """A pipeline object of its own, for preparing (the shared one stays as loaded)."""
    return _load(location)


def _load(location: str) -> Language:
    try:
        return spacy.load(location)
    except (OSError, ValueError) as exc:
        raise PipelineUnavailableError(f"cannot load pipeline {location}: {exc}") from exc
