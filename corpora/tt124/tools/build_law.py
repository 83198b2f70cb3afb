"""Rebuild ``corpora/tt124/law.json`` from the reference text of TT 124/2021/TT-BCA (Điều 1–12, verbatim).

Usage: ``python corpora/tt124/tools/build_law.py PATH/tt124-text.md > corpora/tt124/law.json``.
The reference quotes each article as a Markdown block quote; this keeps the wording as it is and only
cuts it into articles, clauses (khoản "1.") and points (điểm "a)"), so that every clause and point has an
address (``4.3.a``) and its exact words.
"""

from __future__ import annotations

import json
import re
import sys

ARTICLE = re.compile(r"> \*\*Điều (\d+)\. ([^*]+)\*\*\n((?:>.*\n)+)")
CLAUSE = re.compile(r"^(\d+)\.\s+(.*)$")
POINT = re.compile(r"^([a-hđ])\)\s+(.*)$")
SOURCE = {
    "title": "Thông tư 124/2021/TT-BCA, Bộ pháp điển Điều 1.6.TT.20.1–1.6.TT.20.12 (Đề mục 1.6 Công an nhân dân)",
    "url": "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=158306",
    "certainty": "verbatim",
    "note": "Two independent crawls of the official codification agree word for word (Điều 12: one copy).",
}


def point_key(letter: str) -> str:
    """Ascii key of a point letter ("đ" → "dd")."""
    return "dd" if letter == "đ" else letter


def parse(markdown: str) -> dict:
    """Articles → clauses → points, verbatim."""
    articles = []
    for found in ARTICLE.finditer(markdown):
        lines = [line[2:] if line.startswith("> ") else line[1:] for line in found.group(3).splitlines()]
        lines = [line.strip() for line in lines if line.strip()]
        article = {
            "article": int(found.group(1)),
            "title": found.group(2).strip(),
            "lead_in": None,
            "clauses": [],
            "text_after": [],
        }
        for line in lines:
            clause, point = CLAUSE.match(line), POINT.match(line)
            if clause:
                article["clauses"].append(
                    {"clause": int(clause.group(1)), "text": clause.group(2), "points": [], "text_after": []}
                )
            elif point and article["clauses"]:
                article["clauses"][-1]["points"].append(
                    {"point": point_key(point.group(1)), "letter": point.group(1), "text": point.group(2)}
                )
            elif article["clauses"]:
                target = article["clauses"][-1]
                (
                    target["points"][-1].setdefault("text_after", [])
                    if target["points"]
                    else target["text_after"]
                ).append(line)
            elif article["lead_in"] is None:
                article["lead_in"] = line
            else:
                article["text_after"].append(line)
        articles.append(article)
    return {
        "instrument": "Thông tư 124/2021/TT-BCA",
        "title": "Quy định về khu dân cư, xã, phường, thị trấn, cơ quan, "
        "doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
        "issued_on": "2021-12-28",
        "effective_from": "2022-02-10",
        "source": SOURCE,
        "articles": articles,
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        print(json.dumps(parse(handle.read()), ensure_ascii=False, indent=1))
