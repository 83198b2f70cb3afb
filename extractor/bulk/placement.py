"""Which unit and year a file belongs to: from its folders when they say, else from the document.

Folder conventions recognised (relative to the input root):
``<Tỉnh>/<Đơn vị>/<năm>/file`` (any depth: the year folder and the one above it), and
``<Đơn vị>__<năm>`` as a folder or file-name stem, with the folder above it as the province.
Otherwise the document's own metadata (issuer, year) is used, and a file where that is
missing is *ambiguous*: listed, never assigned by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

YEAR_FOLDER = re.compile(r"^(?:năm\s*)?((?:19|20)\d\d)$", re.IGNORECASE)
UNIT_YEAR = re.compile(r"^(.+?)__((?:19|20)\d\d)$")


@dataclass
class Placement:
    province: str | None
    unit: str | None
    year: int | None
    origin: str  # "folder", "folder_name", "metadata", "unknown"

    @property
    def complete(self) -> bool:
        return bool(self.unit) and self.year is not None


def from_path(rel: str) -> Placement | None:
    """Unit and year from the folder layout, or None when the path does not say."""
    pure = PurePosixPath(rel)
    dirs = list(pure.parts[:-1])
    for index in range(len(dirs) - 1, -1, -1):
        match = YEAR_FOLDER.match(dirs[index].strip())
        if match and index >= 1:
            province = dirs[index - 2] if index >= 2 else None
            return Placement(province, dirs[index - 1].strip(), int(match.group(1)), "folder")
    for index in range(len(dirs) - 1, -1, -1):
        match = UNIT_YEAR.match(dirs[index].strip())
        if match:
            province = dirs[index - 1] if index >= 1 else None
            return Placement(province, match.group(1).strip(), int(match.group(2)), "folder_name")
    match = UNIT_YEAR.match(pure.stem.strip())
    if match:
        return Placement(
            dirs[-1] if dirs else None, match.group(1).strip(), int(match.group(2)), "folder_name"
        )
    return None


def from_metadata(rel: str, document: dict | None) -> Placement:
    """Unit (issuer) and year from the extracted document; province from the top folder if any."""
    dirs = list(PurePosixPath(rel).parts[:-1])
    document = document or {}
    unit = (document.get("issuer") or "").strip() or None
    year = document.get("year")
    return Placement(
        dirs[0] if dirs else None,
        unit,
        int(year) if year else None,
        "metadata" if unit and year else "unknown",
    )


def place(rel: str, document: dict | None) -> tuple[Placement, list[str]]:
    """The placement used for ``rel`` and any notes for the ambiguous list."""
    notes: list[str] = []
    by_path = from_path(rel)
    if by_path is not None:
        doc_year = (document or {}).get("year")
        if doc_year and by_path.year is not None and abs(int(doc_year) - by_path.year) > 1:
            notes.append(f"year_conflict: folder {by_path.year}, document {doc_year}")
        return by_path, notes
    placement = from_metadata(rel, document)
    if not placement.unit:
        notes.append("no_unit: folders do not name the unit and the document has no issuer")
    if placement.year is None:
        notes.append("no_year: folders do not give the year and the document has none")
    return placement, notes
