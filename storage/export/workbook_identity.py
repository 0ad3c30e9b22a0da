"""The project an export workbook came from, carried in the workbook itself.

Two custom document properties, "Standpunkt project uid" and "Standpunkt project name"
(*File › Properties › Custom* in Excel and LibreOffice, both of which keep them when they save
the file, as openpyxl does). No extra sheet: the workbook's sheets stay what people see. A
workbook exported by an older version, or made by hand, has neither (``read_identity`` gives
None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from openpyxl import Workbook
from openpyxl.packaging.custom import CustomPropertyList, StringProperty

from storage.export.clean_values import xml_text

if TYPE_CHECKING:  # imported when needed: it reads the database, a workbook writer need not
    from storage.project_identity import ProjectIdentity

UID_PROPERTY = "Standpunkt project uid"
NAME_PROPERTY = "Standpunkt project name"
MAX_PROPERTY_CHARS = 255  # Excel's limit for the text of a custom property


class _WithCustomProperties(Protocol):
    """A workbook as openpyxl makes it: ``Workbook.__init__`` sets ``custom_doc_props``,
    which the typing stubs (types-openpyxl) leave out."""

    custom_doc_props: CustomPropertyList[Any]


def property_text(value: str) -> str:
    """``value`` as a property holds it (what comparing with a read-back one must use)."""
    text = xml_text(value).strip()
    return text if len(text) <= MAX_PROPERTY_CHARS else text[: MAX_PROPERTY_CHARS - 1] + "…"


def mark_workbook(workbook: Workbook, identity: ProjectIdentity) -> None:
    """Write ``identity`` into ``workbook``'s custom document properties."""
    properties = cast(_WithCustomProperties, workbook).custom_doc_props
    properties.append(StringProperty(name=UID_PROPERTY, value=property_text(identity.uid)))
    properties.append(StringProperty(name=NAME_PROPERTY, value=property_text(identity.name) or "?"))


def read_identity(workbook: Any) -> ProjectIdentity | None:
    """The identity a workbook (opened by openpyxl, read-only or not) carries; None when it
    has no uid property."""
    values: dict[str, str] = {}
    for prop in getattr(workbook, "custom_doc_props", None) or ():
        value = getattr(prop, "value", None)
        if value is not None:
            values[getattr(prop, "name", "")] = str(value).strip()
    uid = values.get(UID_PROPERTY)
    if not uid:
        return None
    from storage.project_identity import ProjectIdentity

    return ProjectIdentity(uid=uid, name=values.get(NAME_PROPERTY, ""))


def same_project(found: ProjectIdentity, ours: ProjectIdentity) -> bool:
    """Whether a workbook's identity is that of project ``ours``."""
    return found.uid == property_text(ours.uid)
