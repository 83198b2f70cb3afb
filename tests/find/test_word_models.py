"""underthesea's segmentation, loaded lean (:mod:`extractor.find.counts.word_models`), gives underthesea's
own words, and spares the count finder the rest of underthesea."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import joblib
import pytest
import underthesea
import underthesea.pipeline.word_tokenize
from fixtures.count_windows import extension_windows, windows_after_numbers
from underthesea import word_tokenize as underthesea_word_tokenize

from extractor.find.counts import word_models

REPO = Path(__file__).resolve().parents[2]


def test_every_window_the_count_finder_segments_gets_underthesea_s_words():
    windows = windows_after_numbers() + extension_windows()
    assert len(windows) > 1500
    differ = [
        window for window in windows if word_models.word_tokenize(window) != underthesea_word_tokenize(window)
    ]
    assert differ == []


@pytest.mark.parametrize(
    "window",
    ["", " ", "\n", "x", ",", "Hà Nội và TP. HCM", "hoà bình, hòa bình", "ðội", "1.1.1.1.1", "a@b.vn 12:30"],
)
def test_odd_windows_get_underthesea_s_words(window):
    assert word_models.word_tokenize(window) == underthesea_word_tokenize(window)


PACKAGE_FOLDER = Path(underthesea.__file__).parent


def test_the_model_files_read_with_the_c_unpickler_are_what_joblib_reads():
    folder = PACKAGE_FOLDER / word_models._SEGMENTATION_MODEL
    assert (
        folder
        == Path(underthesea.pipeline.word_tokenize.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
    )
    for name in ("features.bin", "dictionary.bin"):
        with open(folder / name, "rb") as file:
            assert word_models.pickle.load(file) == joblib.load(folder / name)


def test_the_normalisation_tables_are_underthesea_s():
    real = runpy.run_path(str(PACKAGE_FOLDER / "pipeline" / "text_normalize" / "text_normalizer.py"))
    assert real["rule_file"] == word_models._TABLES_FILE.name
    ours = word_models._normalisation_tables(underthesea)
    assert (ours.character_map, ours.token_map) == (real["character_map"], real["token_map"])


def test_the_pos_templates_and_model_file_are_those_underthesea_s_predictor_uses():
    from underthesea.pipeline.pos_tag import model_crf

    assert list(word_models.POS_TEMPLATES) == model_crf.CRFPOSTagPredictor.Instance().transformer.template
    assert (PACKAGE_FOLDER / word_models._POS_MODEL).is_file()
    assert "pos_crf_2017_10_11.bin" in Path(model_crf.__file__).read_text(encoding="utf-8")


_FRESH_PROCESS = """
import json, sys
from extractor import pipeline
found = pipeline.extract_text("Đã tổ chức 06 đội thuế và 12 buổi tuyên truyền cho 350 lượt người.")
loaded = sorted(name for name in sys.modules if name.startswith(("underthesea", "joblib")))
counts = [item.text for item in found if item.kind == "count"]
from underthesea import pos_tag
print(json.dumps({"loaded": loaded, "counts": counts, "pos_tag": pos_tag("03 xã biên giới")}))
"""


def test_the_count_finder_loads_only_the_tokenizer_and_the_package_completes_when_asked():
    output = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    answer = json.loads(output.splitlines()[-1])
    assert answer["counts"], "the sentence's counts are found (underthesea was asked)"
    pipelines = {
        name.split(".")[2] for name in answer["loaded"] if name.count(".") >= 2 and ".pipeline." in name
    }
    assert pipelines <= {"text_normalize", "word_tokenize"}
    assert "joblib" not in answer["loaded"], "the model files are read with the C unpickler"
    assert answer["pos_tag"] == [["03", "N"], ["xã", "N"], ["biên giới", "N"]]
