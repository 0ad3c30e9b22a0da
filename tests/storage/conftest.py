"""Fixtures the storage tests share."""

from __future__ import annotations

import pytest

from storage.project import OpenProject
from tests.memory_factories import add_memory_documents


@pytest.fixture
def docs(project: OpenProject) -> dict[str, int]:
    """The project memory's documents (``MEMORY_TEXTS``): key -> document id."""
    return add_memory_documents(project)
