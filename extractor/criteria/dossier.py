"""Which unit, year and kind of unit a dossier is about, and which of its documents disagree.

A dossier is one unit's documents for one year. Its identity is what the assessor gives (unit, year, kind),
else what its first document says. A document whose detected issuer, year or kind of unit differs is a
:class:`Mismatch`: it is shown as a warning and kept out of the proposal until the assessor accepts it —
a plan of another province and year must not become evidence for this unit's criteria.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from extractor.criteria import catalogue
from extractor.models import DocumentInfo

GENERIC_WORDS = frozenset(
    {
        "va",
        "tinh",
        "thanh",
        "pho",
        "huyen",
        "quan",
        "thi",
        "xa",
        "phuong",
        "tran",
        "cua",
        "so",
        "cong",
        "ty",
        "truong",
        "chi",
        "cuc",
        "phong",
        "trung",
        "tam",
        "co",
        "ubnd",
        "uy",
        "ban",
        "nhan",
        "dan",
    }
)
SAME_UNIT_SHARE = 0.6


@dataclass(frozen=True)
class Mismatch:
    """One document disagreeing with its dossier on one fact."""

    source: str
    field: str  # issuer | year | subject_type
    document_value: str | int | None
    dossier_value: str | int | None
    message_vi: str

    def to_dict(self) -> dict[str, str | int | None]:
        return asdict(self)


def fold(name: str) -> str:
    """A unit name for comparison: lower case, no diacritics ("đ" → "d"), no punctuation."""
    decomposed = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    plain = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def _shared(words: list[str], other: list[str]) -> int:
    """How many of ``words`` the other name has, an abbreviation ("khdt") counting for the words whose
    initials it spells ("kế hoạch (và) đầu tư")."""
    initials = "".join(word[0] for word in other)
    found = sum(word in other for word in words)
    abbreviated = "".join(word for word in words if word not in other)
    return found + (len(abbreviated) if len(abbreviated) >= 2 and abbreviated in initials else 0)


def same_unit(first: str, second: str) -> bool:
    """Do two names plausibly name the same unit (one contains the other, or most distinctive words agree,
    abbreviations included: "Sở KH&ĐT" and "Sở Kế hoạch và Đầu tư")?"""
    a, b = fold(first), fold(second)
    if not a or not b or a in b or b in a:
        return True
    words_a = [word for word in a.split() if word not in GENERIC_WORDS]
    words_b = [word for word in b.split() if word not in GENERIC_WORDS]
    short, long = sorted((words_a, words_b), key=len)
    if not short:
        return True
    return min(1.0, _shared(short, long) / len(short)) >= SAME_UNIT_SHARE


def identity(
    documents: list[DocumentInfo],
    *,
    unit: str | None = None,
    year: int | None = None,
    subject_type: str | None = None,
) -> tuple[str | None, int | None, str | None]:
    """The dossier's unit, year and kind: as given, else the first document's that says."""
    unit = unit or next((info.issuer for info in documents if info.issuer), None)
    year = year or next((info.year for info in documents if info.year), None)
    subject = catalogue.normalize_subject(subject_type) or next(
        (catalogue.normalize_subject(info.subject_type) for info in documents if info.subject_type), None
    )
    return unit, year, subject


def mismatches(
    document: DocumentInfo, unit: str | None, year: int | None, subject_type: str | None
) -> list[Mismatch]:
    """How ``document`` disagrees with the dossier's unit, year and kind of unit (nothing when it agrees or
    does not say)."""
    found: list[Mismatch] = []
    if unit and document.issuer and not same_unit(unit, document.issuer):
        found.append(
            Mismatch(
                document.source,
                "issuer",
                document.issuer,
                unit,
                f"Văn bản của “{document.issuer}”, hồ sơ của “{unit}”.",
            )
        )
    if year and document.year and document.year != year:
        found.append(
            Mismatch(
                document.source,
                "year",
                document.year,
                year,
                f"Văn bản năm {document.year}, hồ sơ năm {year}.",
            )
        )
    own = catalogue.normalize_subject(document.subject_type)
    if subject_type and own and catalogue.article_for(own) != catalogue.article_for(subject_type):
        found.append(
            Mismatch(
                document.source,
                "subject_type",
                own,
                subject_type,
                f"Văn bản về loại đơn vị khác (Điều {catalogue.article_for(own)}), hồ sơ theo "
                f"Điều {catalogue.article_for(subject_type)}.",
            )
        )
    return found
