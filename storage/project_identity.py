"""Which project something came from: a stable identity of a project, derived without writing.

A file that leaves the app and comes back (an exported workbook a coordinator corrected) names
the project it was exported from, so it is not applied to another project by mistake. Ids
and names do not do that: every project file's first project has id 1, and names repeat.

The identity is ``settings["uid"]`` when the project's settings hold one (text), and otherwise
a UUID5 of the project's id and creation time (ISO 8601 with microseconds): the same on every
read, written nowhere, so an export (read-only) can carry it. A copy of a project
(``copy-project`` keeps ids and creation times) has the same identity as its original: it is
the same work, and a workbook exported from one may come back to the other.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Text, cast, select
from sqlalchemy.orm import Session

from storage.models import Project

# Fixed forever: a new namespace would give every project a new identity.
NAMESPACE = uuid.UUID("0b6f4d2e-5c1a-5e0f-9a57-7374616e6470")
SETTINGS_KEY = "uid"


@dataclass(frozen=True)
class ProjectIdentity:
    """``uid`` tells projects apart; ``name`` is for messages to people."""

    uid: str
    name: str


def derived_uid(project_id: int, created_at: datetime | None) -> str:
    """The identity of a project without a ``uid`` setting: a UUID5 of its id and creation
    time (naive UTC, as stored)."""
    moment = created_at.isoformat(timespec="microseconds") if created_at else ""
    return str(uuid.uuid5(NAMESPACE, f"{project_id}|{moment}"))


def project_identity(session: Session | Connection, project_id: int) -> ProjectIdentity:
    """The identity of project ``project_id`` (a LookupError when there is none). Reads only;
    settings that are not a JSON object or hold no text ``uid`` fall back to the derived
    identity."""
    # Settings as text: a damaged settings column must not keep a file from being exported.
    row = session.execute(
        select(Project.name, Project.created_at, cast(Project.settings, Text)).where(
            Project.id == project_id
        )
    ).first()
    if row is None:
        raise LookupError(f"no project {project_id}")
    name, created_at, settings = row
    uid = _settings(settings).get(SETTINGS_KEY)
    if not isinstance(uid, str) or not uid.strip():
        uid = derived_uid(project_id, created_at)
    return ProjectIdentity(uid=uid.strip(), name=name or "")


def _settings(raw: str | None) -> dict:
    try:
        settings = json.loads(raw) if raw else {}
    except (ValueError, RecursionError):  # not JSON (or absurdly nested): no uid in it
        return {}
    return settings if isinstance(settings, dict) else {}
