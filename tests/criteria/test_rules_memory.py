"""The rules remember their answers within one document only (``memory.one_document``), per thread."""

from __future__ import annotations

import threading

from extractor.criteria import memory, rules

SENTENCE = "Trong năm, không có cán bộ, công chức bị kỷ luật; xã đã xây dựng mô hình tự quản."


def test_answers_are_remembered_inside_a_document_and_forgotten_after():
    outside = rules.status_for(SENTENCE, "khong_ky_luat", context="result")
    assert memory._memo.get() is None
    with memory.one_document():
        first = rules.status_for(SENTENCE, "khong_ky_luat", context="result")
        assert rules.status_for(SENTENCE, "khong_ky_luat", context="result") is first  # remembered
        assert first == outside  # and the same answer as without memory
        with memory.one_document():  # a nested document starts empty and gives the outer memory back
            assert rules.status_for(SENTENCE, "khong_ky_luat", context="result") is not first
        assert rules.status_for(SENTENCE, "khong_ky_luat", context="result") is first
    assert memory._memo.get() is None
    assert rules.status_for(SENTENCE, "khong_ky_luat", context="result") is not first


def test_another_thread_does_not_share_a_documents_memory():
    seen: list[object] = []
    with memory.one_document():
        rules.status_for(SENTENCE, "khong_ky_luat", context="result")
        thread = threading.Thread(target=lambda: seen.append(memory._memo.get()))
        thread.start()
        thread.join()
    assert seen == [None]
