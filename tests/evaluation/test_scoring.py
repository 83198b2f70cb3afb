"""The scorer's precision, recall and F1 on small hand-made cases."""

from __future__ import annotations

import pytest

from extractor.evaluate import Item, Score, score_kind, units_agree, values_agree


def date(start: int, end: int, iso: str, kind: str = "date") -> Item:
    return Item("date", start, end, "x" * (end - start), {"iso": iso, "kind": kind, "inferred_year": False})


def count(start: int, end: int, value: float, unit: str, modality: str = "actual") -> Item:
    return Item(
        "count",
        start,
        end,
        "x",
        {
            "value": value,
            "unit": unit,
            "percent": False,
            "comparator": None,
            "modality": modality,
            "parent": None,
        },
    )


GOLD = [date(0, 10, "2022-01-20"), date(20, 30, "2021-12-28"), date(40, 48, "2022", "period")]


def test_perfect_prediction_scores_one() -> None:
    result = score_kind(GOLD, list(GOLD))
    for mode in ("strict", "exact", "lenient"):
        assert (result.scores[mode].precision, result.scores[mode].recall, result.scores[mode].f1) == (
            1,
            1,
            1,
        )
    assert result.misses == [] and result.false_hits == []


def test_one_miss_lowers_recall_only() -> None:
    result = score_kind(GOLD, GOLD[:2])
    strict = result.scores["strict"]
    assert strict.precision == 1.0
    assert strict.recall == pytest.approx(2 / 3)
    assert strict.f1 == pytest.approx(0.8)
    assert result.misses == [GOLD[2]]


def test_one_false_hit_lowers_precision_only() -> None:
    extra = date(60, 65, "2024-04-30")
    result = score_kind(GOLD, GOLD + [extra])
    strict = result.scores["strict"]
    assert (strict.precision, strict.recall) == (pytest.approx(0.75), 1.0)
    assert result.false_hits == [extra]


def test_wrong_value_is_both_a_miss_and_a_false_hit() -> None:
    wrong = date(20, 30, "2021-12-29")
    result = score_kind(GOLD, [GOLD[0], wrong, GOLD[2]])
    strict = result.scores["strict"]
    assert (strict.matched, strict.predicted, strict.gold) == (2, 3, 3)
    assert result.misses == [GOLD[1]] and result.false_hits == [wrong]


def test_overlapping_span_is_strict_but_not_exact_and_misplaced_span_is_lenient_only() -> None:
    shifted = date(2, 12, "2022-01-20")  # overlaps gold 0:10
    elsewhere = date(100, 110, "2021-12-28")  # right value, wrong place
    result = score_kind(GOLD[:2], [shifted, elsewhere])
    assert result.scores["strict"].matched == 1
    assert result.scores["exact"].matched == 0
    assert result.scores["lenient"].matched == 2


def test_empty_gold_and_prediction_is_perfect_and_predictions_on_empty_gold_are_not() -> None:
    assert score_kind([], []).scores["strict"].f1 == 1.0
    assert score_kind([], [GOLD[0]]).scores["strict"].precision == 0.0


def test_score_adds_up() -> None:
    total = Score()
    total.add(Score(1, 2, 3))
    total.add(Score(2, 2, 1))
    assert (total.matched, total.predicted, total.gold) == (3, 4, 4)
    assert total.f1 == pytest.approx(0.75)


def test_count_units_match_on_a_word_prefix_of_two_words() -> None:
    assert units_agree("cuộc tuyên truyền pháp luật", "cuộc tuyên truyền")
    assert units_agree("Lượt  người nghe", "lượt người nghe")
    assert not units_agree("lượt người nghe", "lượt")
    assert not units_agree("đơn tố cáo", "đơn phản ánh")
    gold = count(0, 5, 3460, "cuộc tuyên truyền pháp luật")
    assert values_agree("count", gold.value, count(0, 5, 3460.0, "cuộc tuyên truyền").value)
    assert not values_agree("count", gold.value, count(0, 5, 3460, "cuộc tuyên truyền", "target").value)


def test_legal_keys_fold_case_spaces_and_dashes_and_named_laws_match_by_name() -> None:
    gold = {"doc_type": "Kết luận", "key": "44-KL/TW"}
    assert values_agree("legal_ref", gold, {"doc_type": "Kết luận", "key": "44 KL/TW"})
    assert not values_agree("legal_ref", gold, {"doc_type": "Chỉ thị", "key": "44-KL/TW"})
    law = {"doc_type": "Luật", "key": "23/2008/QH12", "name": "Luật Giao thông đường bộ"}
    assert values_agree("legal_ref", law, {"doc_type": "Luật", "key": "Luật Giao thông đường bộ"})


def test_claims_compare_criteria_as_a_set_and_status() -> None:
    gold = {"criteria": ["1", "3"], "status": "met"}
    assert values_agree("criterion_claim", gold, {"criteria": ["3", "1"], "status": "met"})
    assert not values_agree("criterion_claim", gold, {"criteria": ["1", "3"], "status": "target"})
