"""The TT124 criteria catalogue (``corpora/tt124/criteria.json``) as the API shows it."""

from __future__ import annotations

from typing import Any

import corpora


def _data() -> dict[str, Any]:
    return corpora.load_json("tt124", "criteria.json")


def article_subject_types() -> dict[int, list[str]]:
    return {int(a["article"]): list(a.get("subject_types", [])) for a in _data().get("articles", [])}


def criteria(subject_type: str | None = None) -> list[dict[str, Any]]:
    """Every criterion (or those of one subject type), in catalogue order."""
    by_article = article_subject_types()
    out = []
    for item in _data().get("criteria", []):
        types = by_article.get(int(item.get("article", 0)), [])
        if subject_type and subject_type not in types:
            continue
        out.append({
            "id": item["id"], "article": item.get("article"), "clause": item.get("clause"),
            "subject_types": types, "title_vi": item.get("title_vi"), "title_en": item.get("title_en"),
            "text": item.get("text"), "source": item.get("source"), "certainty": item.get("certainty"),
        })
    return out


def known_ids() -> set[str]:
    return {item["id"] for item in _data().get("criteria", [])}
