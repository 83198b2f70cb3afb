"""Cross-validation of the criterion classifier is grouped so that it is not leaky."""

from __future__ import annotations

from extractor.criteria import catalogue, cross_validation, status_accuracy
from extractor.criteria.labelled_sentences import LabelledSentence, load_sentences


def sentence(text: str, source: str, labels: list[str] | None = None) -> LabelledSentence:
    return LabelledSentence(text, labels or [], None, "xa", source)


def test_sentences_of_one_document_and_near_duplicates_share_a_group():
    items = [
        sentence("Năm 2023, cơ quan không để xảy ra cháy, nổ, tai nạn lao động.", "written:A#0"),
        sentence("Cơ quan không xảy ra cháy, nổ, tai nạn lao động.", "written:B#0"),
        sentence("Công an xã nắm chắc tình hình, tham mưu kịp thời cho cấp ủy.", "seed:doc#1"),
        sentence("Ủy ban nhân dân xã ban hành kế hoạch bảo đảm an ninh, trật tự.", "seed:doc#2"),
        sentence("Thôn có 245/245 hộ gia đình đăng ký tham gia.", "written:C#0"),
    ]
    groups = cross_validation.leakage_groups(items)
    assert groups[0] == groups[1]  # near-duplicates across sources
    assert groups[2] == groups[3]  # one source document
    assert len({groups[0], groups[2], groups[4]}) == 3


def test_folds_never_split_a_group():
    items = load_sentences()
    groups = cross_validation.leakage_groups(items)
    for train_index, test_index in cross_validation.folds(items):
        assert not {groups[i] for i in train_index} & {groups[i] for i in test_index}


def test_labelled_data_covers_every_family_and_every_kind_of_unit():
    items = load_sentences()
    labels = {label for item in items for label in item.labels}
    assert labels == set(catalogue.family_keys())
    assert {item.subject_type for item in items} >= {
        "khu_dan_cu",
        "xa",
        "co_quan",
        "doanh_nghiep",
        "co_so_giao_duc",
    }


def test_status_agreement_is_measured_in_document_context():
    items = [item for item in load_sentences() if item.document.startswith("seed:so-tu-phap-son-la")]
    contexts = dict(zip((item.index for item in items), status_accuracy.reading_contexts(items), strict=True))
    assert contexts[24] == "result"  # "Thực hiện tốt kế hoạch phòng, chống cháy nổ…" in KẾT QUẢ THỰC HIỆN
    assert contexts[56] == "plan"  # "Thực hiện công tác trực bảo vệ cơ quan." under NHIỆM VỤ…
    report = status_accuracy.status_rule_accuracy(load_sentences())
    assert report["n"] > 300 and report["accuracy"] >= 0.9
