"""The finders as spaCy factories: their lexicons are config, and ``corpora/pipeline.json`` is that config."""

from __future__ import annotations

import json

import spacy

import corpora
from extractor import lexicons, nlp
from extractor.nlp import FindContext

CITES = (
    "Căn cứ Thông tư số 124/2021/TT-BCA, Nghị định số 100/2019/NĐ-CP, Quyết định số 510/QĐ-BCA, "
    "Kế hoạch số 58/KH-UBND và Chỉ thị số 05-CT/TW; Luật Đất đai."
)


def _run(name: str, text: str, config: dict | None = None) -> list:
    import extractor.find.legal_refs  # noqa: F401  registers the factories
    import extractor.find.link  # noqa: F401

    pipeline = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    pipeline.add_pipe(name, config=config or {})
    doc = pipeline.make_doc(text)
    doc._.context = FindContext()
    doc._.evidence = []
    return pipeline.get_pipe(name)(doc)._.evidence


def _three_types() -> dict:
    """The document-type lexicon cut down to three type words."""
    data = corpora.load_json("lexicons", "document_types.json")
    kept = [t for t in data["cited"]["types"] if t["names"][0] in ("Thông tư", "Nghị định", "Quyết định")]
    return dict(data, cited=dict(data["cited"], types=kept))


def test_legal_refs_component_with_a_three_type_lexicon_finds_only_those_types():
    everything = {e.value["doc_type"] for e in _run("minhchung_legal_refs", CITES)}
    assert {"Kế hoạch", "Chỉ thị", "Luật"} <= everything

    found = _run("minhchung_legal_refs", CITES, {"lexicons": {"document_types": _three_types()}})
    assert [(e.text, e.value["doc_type"]) for e in found] == [
        ("Thông tư số 124/2021/TT-BCA", "Thông tư"),
        ("Nghị định số 100/2019/NĐ-CP", "Nghị định"),
        ("Quyết định số 510/QĐ-BCA", "Quyết định"),
    ]


def test_a_component_with_its_own_lexicon_leaves_the_default_components_alone():
    _run("minhchung_legal_refs", CITES, {"lexicons": {"document_types": _three_types()}})
    assert len(_run("minhchung_legal_refs", CITES)) == 6


def test_a_lexicon_may_be_a_json_file_anywhere(tmp_path):
    path = tmp_path / "three_types.json"
    path.write_text(json.dumps(_three_types(), ensure_ascii=False), encoding="utf-8")
    found = _run("minhchung_legal_refs", CITES, {"lexicons": {"document_types": str(path)}})
    assert [e.value["doc_type"] for e in found] == ["Thông tư", "Nghị định", "Quyết định"]


def test_default_lexicons_share_one_compiled_set():
    assert lexicons.sources({"count_units": "count_units.json", "modality": "modality.json"}) is None
    assert lexicons.sources({"count_units": {"units": {}}}) == {"count_units": {"units": {}}}


def test_pipeline_json_configures_every_component_it_runs():
    configured = {c["name"]: c["config"] for c in corpora.load_json("pipeline.json")["components"]}
    built = nlp.get_nlp()
    assert built.pipe_names == list(configured)
    for name, config in configured.items():
        if "lexicons" in config:
            assert built.get_pipe_config(name)["lexicons"] == config["lexicons"]
    assert built.pipe_names[0] == "minhchung_sections"  # sections are found once, before the finders
    assert built.pipe_names[-1] == "minhchung_link"  # linking runs once, after every finder
