"""The project memory's pass over a project after a command changed labels."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.projects import OpenProject


def spread_memory(project: OpenProject) -> None:
    """Bring the project memory's suggestions to every document that contains what it
    learnt (the app does this in the background after each decision)."""
    from services.importing import spread_memory as memory_pass

    report = memory_pass(project)
    if report.added or report.removed:
        print(
            f"project memory: {report.added} suggestions added, {report.updated} updated, "
            f"{report.removed} removed in {len(report.changed_documents)} documents",
            file=sys.stderr,
        )
