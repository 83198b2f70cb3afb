"""The count finder's POS tags are underthesea's own: same words, same tags, on every window it reads."""

from __future__ import annotations

import pytest
from fixtures.count_windows import windows_after_numbers
from underthesea import pos_tag as underthesea_pos_tag

from extractor.find.counts import pos_tags


def test_every_window_of_the_gold_texts_gets_underthesea_s_words_and_tags():
    windows = windows_after_numbers()
    assert len(windows) > 1000
    differ = [window for window in windows if pos_tags.pos_tag(window) != underthesea_pos_tag(window)]
    assert differ == []


@pytest.mark.parametrize(
    "window",
    ["", " ", "x", "(", "Hà Nội và TP. HCM", "ĐỘI TUẦN TRA", "  a  b  ", "1.1.1.1.1", "vụ trộm cắp tài sản"],
)
def test_odd_windows_get_underthesea_s_answer(window):
    assert pos_tags.pos_tag(window) == underthesea_pos_tag(window)


def test_a_template_the_features_cannot_build_is_refused_not_guessed():
    with pytest.raises(ValueError, match="template"):
        pos_tags.parse("T[0].is_in_dict")
    assert pos_tags.parse("T[-1,0][1]").feature((["a", "b"], ["X", "X"]), 1) == "T[-1,0][1]=X X"
