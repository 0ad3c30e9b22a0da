"""The language pipelines that suggest entities: which one serves a language (a project's
trained model, an installed or the shipped one), and the cache that loads each once."""

from __future__ import annotations

from nlp.pipelines import PipelineCache, PipelineChoice, PipelineUnavailableError, resolve_pipeline

__all__ = ["PipelineCache", "PipelineChoice", "PipelineUnavailableError", "resolve_pipeline"]
