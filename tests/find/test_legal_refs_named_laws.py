"""Laws and codes cited by name (corpora/lexicons/named_laws.json): the laws a report on security and
order cites, each keyed on its official number when the version is unambiguous, else on its name."""

from __future__ import annotations

import json
import re

import pytest

import corpora
from extractor.find.legal_refs import find_legal_refs
from extractor.nlp import FindContext


def _refs(text: str) -> list[dict]:
    return [dict(e.value, text=e.text) for e in find_legal_refs(text, FindContext())]


def _one(text: str) -> dict:
    found = _refs(text)
    assert len(found) == 1, found
    return found[0]


# (sentence, surface, key)
CITED = [
    ("Tuyên truyền Luật Trẻ em cho 350 học sinh.", "Luật Trẻ em", "102/2016/QH13"),
    ("phổ biến Luật An toàn thông tin mạng và Nghị định", "Luật An toàn thông tin mạng", "86/2015/QH13"),
    ("Căn cứ Luật An ninh quốc gia;", "Luật An ninh quốc gia", "32/2004/QH11"),
    (
        "thực hiện Luật Phòng, chống bạo lực gia đình năm 2022",
        "Luật Phòng, chống bạo lực gia đình năm 2022",
        "13/2022/QH15",
    ),
    (
        "Căn cứ Luật Phòng, chống bạo lực gia đình năm 2007;",
        "Luật Phòng, chống bạo lực gia đình năm 2007",
        "02/2007/QH12",
    ),
    ("quán triệt Bộ luật Lao động đến người lao động", "Bộ luật Lao động", "45/2019/QH14"),
    (
        "tuyên truyền Luật Tín ngưỡng, tôn giáo tại các cơ sở thờ tự",
        "Luật Tín ngưỡng, tôn giáo",
        "02/2016/QH14",
    ),
    (
        "thực hiện Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở;",
        "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "30/2023/QH15",
    ),
    (
        "Căn cứ Luật Hòa giải ở cơ sở và Luật Phổ biến, giáo dục pháp luật;",
        "Luật Hòa giải ở cơ sở",
        "35/2013/QH13",
    ),
    (
        "giới thiệu Luật Giáo dục quốc phòng và an ninh cho học sinh",
        "Luật Giáo dục quốc phòng và an ninh",
        "30/2013/QH13",
    ),
    ("Căn cứ Luật Giáo dục năm 2019;", "Luật Giáo dục năm 2019", "43/2019/QH14"),
    ("phổ biến Luật Hôn nhân và gia đình tại khu dân cư", "Luật Hôn nhân và gia đình", "52/2014/QH13"),
    ("tuyên truyền Luật Nghĩa vụ quân sự cho thanh niên", "Luật Nghĩa vụ quân sự", "78/2015/QH13"),
]


@pytest.mark.parametrize(("text", "surface", "key"), CITED)
def test_named_law_takes_its_number(text: str, surface: str, key: str) -> None:
    found = _refs(text)
    ref = next(r for r in found if r["text"] == surface)
    assert ref["key"] == key and ref["name"].lower().startswith(("luật", "bộ luật"))


def test_a_longer_law_name_is_not_cut_to_a_shorter_one() -> None:
    ref = _one("Căn cứ Luật Giáo dục nghề nghiệp;")
    assert (ref["text"], ref["key"]) == ("Luật Giáo dục nghề nghiệp", "74/2014/QH13")


def test_ambiguous_version_keys_on_the_name() -> None:
    # a law replaced in 2024 (effective 2025): without a year, which one is meant is not certain
    ref = _one("Tuyên truyền Luật Phòng, chống mua bán người tại các xã biên giới.")
    assert ref["key"] == "Luật Phòng, chống mua bán người" and ref["number"] is None
    assert _one("theo Luật Phòng, chống mua bán người năm 2024")["key"] == "53/2024/QH15"
    assert _one("theo Luật Đất đai năm 2013")["key"] == "45/2013/QH13"


def test_every_listed_law_is_found_and_numbers_are_well_formed() -> None:
    laws = corpora.load_json("lexicons", "named_laws.json")["laws"]
    heads = {"luat": "Luật", "bo_luat": "Bộ luật", "phap_lenh": "Pháp lệnh"}
    for law in laws:
        for year, number in law["versions"].items():
            assert re.fullmatch(rf"\d{{1,3}}/{year}/(?:QH\d{{2}}|PL-UBTVQH\d{{2}}|UBTVQH\d{{2}})", number), (
                law
            )
        assert law["default"] is None or law["default"] in law["versions"], law
        written = f"{heads[law['type']]} {law['name']}"
        found = _refs(f"Căn cứ {written};")
        assert [r["text"] for r in found] == [written], (written, found)
    names = [(law["type"], law["name"].lower()) for law in laws]
    assert len(names) == len(set(names)), json.dumps(names, ensure_ascii=False)
