"""Issue 11: date selection and legal-reference resolution are linear; underthesea only sees short
windows. Proved by counting operations on growing inputs, never by timing."""

from __future__ import annotations

import pytest

import extractor.find.counts.noun_phrases as noun_phrases
import extractor.find.link as link_module
from extractor.find.counts import find_counts
from extractor.find.counts.noun_phrases import UNDERTHESEA_MAX_CHARS
from extractor.find.dates.find import _Candidate
from extractor.find.overlaps import Occupancy, longest_first
from extractor.models import Evidence

SIZES = (1_000, 2_000, 4_000, 8_000)


def _date_candidates(n: int) -> list[_Candidate]:
    """n dates, each with a shorter candidate inside it and one overlapping its end (as the finders make)."""
    candidates: list[_Candidate] = []
    for i in range(n):
        start = i * 30
        candidates.append(_Candidate(start, start + 20, {"iso": "2024"}, 0.9))
        candidates.append(_Candidate(start + 5, start + 15, {"iso": "2024"}, 0.8))
        candidates.append(_Candidate(start + 18, start + 26, {"iso": "2024"}, 0.8))
    return candidates


def test_date_selection_is_linear_in_the_candidates():
    probes = []
    for n in SIZES:
        candidates = _date_candidates(n)
        occupancy = Occupancy(n * 30)
        chosen = longest_first(candidates, occupancy=occupancy)
        assert len(chosen) == n  # the longest of each group, nothing overlapping
        assert occupancy.probes <= sum(c.end - c.start for c in candidates)
        probes.append(occupancy.probes)
    assert [b / a for a, b in zip(probes, probes[1:], strict=False)] == pytest.approx(
        [2.0, 2.0, 2.0], rel=0.01
    )


def _ref(i: int, value: dict) -> Evidence:
    return Evidence(
        kind="legal_ref", text="x", start=i, end=i + 1, value=value, confidence=0.9, extractor="legal_refs"
    )


def _references(n: int) -> list[Evidence]:
    """n/2 distinct full symbols, n/4 shortened symbols and n/4 short forms of them."""
    refs = []
    for i in range(n // 2):
        refs.append(
            _ref(
                i,
                {
                    "doc_type": "Quyết định",
                    "number": str(i),
                    "year": None,
                    "code": "QĐ-BCA-V05",
                    "key": f"{i}/QĐ-BCA-V05",
                    "date": None,
                    "issuer": None,
                },
            )
        )
    for i in range(n // 4):
        refs.append(
            _ref(
                i,
                {
                    "doc_type": "Quyết định",
                    "number": str(i),
                    "year": None,
                    "code": "QĐ-BCA",
                    "key": f"{i}/QĐ-BCA",
                    "date": None,
                    "issuer": None,
                },
            )
        )
        refs.append(
            _ref(
                i,
                {
                    "doc_type": "Quyết định",
                    "number": str(i),
                    "year": None,
                    "code": None,
                    "key": f"Quyết định {i}",
                    "date": None,
                    "issuer": None,
                },
            )
        )
    return refs


def test_resolution_is_linear_in_the_references(monkeypatch):
    calls = {"n": 0}
    plain = link_module._number

    def counted(value):
        calls["n"] += 1
        return plain(value)

    monkeypatch.setattr(link_module, "_number", counted)
    counts = []
    for n in SIZES:
        refs = _references(n)
        calls["n"] = 0
        link_module.resolve_short_forms(refs)
        counts.append(calls["n"])
        assert refs[-1].value["key"] == f"{n // 4 - 1}/QĐ-BCA-V05"  # the short form took the full key
        assert refs[-2].value["key"] == f"{n // 4 - 1}/QĐ-BCA-V05"  # so did the shortened symbol
    assert all(b / a <= 2.2 for a, b in zip(counts, counts[1:], strict=False)), counts


def test_underthesea_only_sees_short_windows(monkeypatch):
    seen: list[int] = []
    tagged, segment = noun_phrases.tagged, noun_phrases.segment

    def spy_tagged(window):
        seen.append(len(window))
        return tagged(window)

    def spy_segment(window):
        seen.append(len(window))
        return segment(window)

    monkeypatch.setattr(noun_phrases, "tagged", spy_tagged)
    monkeypatch.setattr(noun_phrases, "segment", spy_segment)
    chain = "1." * 5_000
    text = f"Mục {chain} có 12 đối tượng thanh thiếu niên tụ tập gây rối trật tự công cộng tại khu vực chợ đêm.\n"
    find_counts(text)
    assert seen and max(seen) <= UNDERTHESEA_MAX_CHARS
