"""Find criterion claims: what a document says about meeting TT124's criteria.

Evidence kind ``criterion_claim``, extractor ``"claims"``. ``value`` has this shape (the
scored fields follow ``corpora/gold/GUIDELINES.md``)::

    {
      "criteria": [3],          # criterion numbers (ints), or ["all"] for the whole standard
      "status": "met",          # "reported" | "met" | "not_met" | "target"
      "year": 2022,             # the year the claim is for, when the text gives it; else None
      "count_met": None,        # 5 in "đạt 05/05 tiêu chí"
      "count_total": None,      # 5 in "đạt 05/05 tiêu chí"
    }

Shapes recognised (vocabulary in ``corpora/lexicons/criterion_claims.json``):

- ``reported``: a criterion section opens — "1. Tiêu chí 1: …", "Tiêu chí thứ hai.";
- ``met``: "đạt 05/05 tiêu chí" (``["all"]``), asking for recognition after the results —
  "Đề nghị … công nhận Sở … đạt tiêu chuẩn “An toàn về an ninh trật tự” năm 2022" (``["all"]``),
  "không có trường hợp xảy ra theo Tiêu chí 3", "đạt tiêu chí 1, 2", "Tự đánh giá: Đạt" inside a
  criterion's section;
- ``not_met``: "chưa đạt tiêu chí 2", "đạt 4/5 tiêu chí", "không đạt tiêu chuẩn …";
- ``target``: "phấn đấu đạt tiêu chuẩn “…” năm 2025", "đăng ký xây dựng cơ quan đạt chuẩn … năm 2022",
  "chuẩn bị hồ sơ đề nghị … công nhận … đạt tiêu chuẩn" (and every standard claim of a kế hoạch).

The standard named without a year counts only when a named unit asks for recognition
("đề nghị … công nhận Trường THCS Lê Lợi đạt tiêu chuẩn …"); the law's own wording
("khu dân cư, xã, phường, thị trấn … đạt tiêu chuẩn …") never does.

This module puts the finders together: headings, verdict lines and mentions (:mod:`.headings`), counts and
numbered criteria (:mod:`.numbered`), the whole standard (:mod:`.standard`), each reading the clause around
its words through :mod:`.clause`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor.find.claims import headings, numbered, standard
from extractor.find.claims.clause import Scans
from extractor.find.claims.regexes import patterns
from extractor.find.overlaps import drop_overlapping
from extractor.models import Evidence
from extractor.nlp import finder_component, text_of
from extractor.structure import Heading
from extractor.structure import headings as structure_headings


def find_claims(text: str, context: Any = None, sections: Sequence[Heading] | None = None) -> list[Evidence]:
    """Every criterion claim in normalized ``text``, in reading order.

    ``context`` is a :class:`extractor.nlp.FindContext` (``doc_type`` is read: a kế hoạch's
    claims are goals); ``sections`` the section headings of ``text`` (``doc._.sections``; found here
    when not given).
    """
    doc_type = getattr(context, "doc_type", None)
    pats = patterns()
    scans = Scans(text)  # a finder whose cue is absent cannot match: its whole-text scan is skipped
    criteria = scans.present(pats.criterion_cue)
    titled = headings.headings(text, scans)
    found = titled + (
        numbered.ratios(text, doc_type, scans) + numbered.listed(text, doc_type, scans) if criteria else []
    )
    found += standard.standards(text, doc_type, scans)
    found += numbered.postposed(text, doc_type, scans) if criteria else []
    found += standard.eligibility(text, doc_type, scans) if scans.present(pats.eligibility_cue) else []
    if scans.present(pats.verdict_cue):
        found += headings.verdicts(
            text, titled, structure_headings(text) if sections is None else sections, scans
        )
    found += headings.mentions(text, found, scans) if criteria else []
    # a shorter overlapping reading of the same words goes; a mention mid-sentence stays
    return drop_overlapping(found, keep=lambda item: item.value["status"] == "reported")


LEXICONS = {"criterion_claims": "criterion_claims.json"}


@Language.factory("minhchung_claims", default_config={"lexicons": LEXICONS})
def make_claims_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    """spaCy factory: a component adding criterion claims to ``doc._.evidence``."""
    return finder_component(lambda doc: find_claims(text_of(doc), doc._.context, doc._.sections), lexicons)
