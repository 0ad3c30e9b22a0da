"""What an Excel workbook may expand to, checked before openpyxl reads any of it.

An .xlsx file is a zip archive of XML parts, and its size on disk says little: a 1.7 MB
file can hold a cell of 1.2 GB, and 4.6 MB can hold a million rows. openpyxl reads some
parts whole as soon as the workbook is opened (the shared strings, styles, the workbook
part) and scans every worksheet for its size, so the limits are checked on the archive's
own records (the uncompressed size of every part, which ``zipfile`` never lets a part
exceed) and by counting tags in the big parts as they are decompressed, before anything
is parsed. The limits are far above real news workbooks (10,000 articles of 5,000
characters with 20 columns of metadata are about 60 MB of sheet and shared strings XML
with under 1,000,000 tags) and bound the memory an import needs to some hundred MB.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.etree import ElementTree

__all__ = ["MAX_SHEET_XML_BYTES", "MAX_XML_TAGS", "workbook_refusal"]

MAX_PARTS = 10_000  # parts in the archive (a real workbook has tens); zipfile lists them all
MAX_SHEET_XML_BYTES = 256 * 1024 * 1024  # a worksheet or the shared strings, uncompressed
MAX_TOTAL_XML_BYTES = 1024 * 1024 * 1024  # all XML parts together, uncompressed
MAX_OTHER_XML_BYTES = 16 * 1024 * 1024  # styles, workbook, relationships: read whole
MAX_XML_TAGS = 4_000_000  # tags in a worksheet or the shared strings ("<row>", "<c>", …)
MAX_OTHER_XML_TAGS = 1_000_000  # tags in any other XML part
_XML_SUFFIXES = (".xml", ".rels", ".vml")  # media (images) are never parsed
_BIG_PART_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    }
)
_CONTENT_TYPES = "[Content_Types].xml"
_END_OF_DIRECTORY = b"PK\x05\x06"
_CHUNK = 1024 * 1024


def workbook_refusal(path: Path) -> str | None:
    """Why the workbook at ``path`` is too big to read, or None when it is within the limits.

    Checks the number of parts, the uncompressed size of each XML part (256 MB for a
    worksheet or the shared strings, 16 MB for the others) and of all together (1 GB), and
    the tags in each (4,000,000 in a worksheet or the shared strings, 1,000,000 in the
    others). Reads only the archive's directory and decompresses big parts in chunks of
    1 MB. Raises ``zipfile.BadZipFile`` or ``OSError`` when the file is not a readable zip.
    """
    parts = _part_count(path)
    if parts is not None and parts > MAX_PARTS:
        return f"the workbook has {parts:,} parts, more than the {MAX_PARTS:,} allowed"
    with zipfile.ZipFile(path) as archive:
        xml = [i for i in archive.infolist() if i.filename.lower().endswith(_XML_SUFFIXES)]
        total = sum(info.file_size for info in xml)
        if total > MAX_TOTAL_XML_BYTES:
            return f"its XML expands to {_size(total)}, more than {_size(MAX_TOTAL_XML_BYTES)}"
        big = _big_parts(archive)
        for info in xml:
            is_big = info.filename.lower() in big
            reason = _part_refusal(archive, info, is_big)
            if reason is not None:
                return reason
    return None


def _part_refusal(archive: zipfile.ZipFile, info: zipfile.ZipInfo, is_big: bool) -> str | None:
    most_bytes = MAX_SHEET_XML_BYTES if is_big else MAX_OTHER_XML_BYTES
    most_tags = MAX_XML_TAGS if is_big else MAX_OTHER_XML_TAGS
    if info.file_size > most_bytes:
        return (
            f"the part {info.filename} expands to {_size(info.file_size)}, more than the "
            f"{_size(most_bytes)} allowed"
        )
    # Each tag takes at least 4 bytes ("<x/>"), so small parts need no counting.
    if info.file_size >= 4 * most_tags and _tag_count(archive, info, most_tags) > most_tags:
        return f"the part {info.filename} has more than {most_tags:,} XML tags"
    return None


def _big_parts(archive: zipfile.ZipFile) -> set[str]:
    """Names (lower case) of the worksheets and shared strings, from the content types."""
    try:
        info = archive.getinfo(_CONTENT_TYPES)
    except KeyError:
        return set()  # openpyxl will say that this is no workbook
    if _part_refusal(archive, info, is_big=False) is not None:
        return set()  # too big itself: reported when the parts are checked
    root = ElementTree.fromstring(archive.read(info))
    return {
        element.get("PartName", "").lstrip("/").lower()
        for element in root
        if element.tag.endswith("Override") and element.get("ContentType") in _BIG_PART_TYPES
    }


def _tag_count(archive: zipfile.ZipFile, info: zipfile.ZipInfo, most: int) -> int:
    """Tags ("<") in a part, counted while decompressing; stops a little past ``most``."""
    count = 0
    with archive.open(info) as part:
        while count <= most and (chunk := part.read(_CHUNK)):
            count += chunk.count(b"<")
    return count


def _part_count(path: Path) -> int | None:
    """The number of parts the archive's end record announces, or None without one
    (``zipfile`` then says what is wrong). Read before ``zipfile``, which would build a
    record for every part however many there are."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - 22 - 65535))  # the record, and a comment of at most 64 KiB
        tail = handle.read()
    at = len(tail) - 22 if tail[-22:-18] == _END_OF_DIRECTORY else tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or at + 22 > len(tail):
        return None
    (parts,) = struct.unpack_from("<H", tail, at + 10)
    return parts  # 0xFFFF (a ZIP64 archive's marker) is over the limit too


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"
