"""Issue 11: a grey, speckled scan turned 8° is despeckled, straightened and binarised before
Tesseract; without that, Tesseract lost a third of its words and the legal reference."""

from __future__ import annotations

import pytest
from fixtures import bad_inputs
from PIL import Image

from extractor.ingest import load_document
from extractor.ingest.ocr import tesseract_status
from extractor.ingest.scan import otsu_threshold, skew_angle


@pytest.mark.parametrize("angle", [-6.0, 3.0, 8.0])
def test_skew_angle_is_found(tmp_path, angle):
    import pypdfium2 as pdfium
    from fixtures.files import seed_file

    page = pdfium.PdfDocument(str(seed_file("so-khdt-bao-cao-ket-qua-2022", "pdf")))[0]
    image = page.render(scale=100 / 72, grayscale=True).to_pil().convert("L")
    turned = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    assert skew_angle(turned) == pytest.approx(-angle, abs=0.4)
    assert abs(skew_angle(image)) <= 0.2


def test_otsu_separates_ink_from_paper():
    import numpy as np

    pixels = np.array([[30] * 10 + [200] * 30], dtype=np.uint8)
    assert 30 <= otsu_threshold(pixels) < 200


def test_skewed_noisy_scan_is_read(tmp_path):
    assert tesseract_status()[1], "tesseract-ocr-vie is required (scripts/install-system-deps.sh)"
    document = load_document(bad_inputs.skewed_scan_pdf(tmp_path, angle=8.0))
    assert document.ocr
    text = " ".join(document.pages[0].text.split())
    assert "124/2021/TT-BCA" in text
    assert "Kon Gang" in text


def test_blank_page_is_not_sent_to_tesseract():
    from extractor.ingest.scan import has_ink, prepare_scan

    assert prepare_scan(Image.new("L", (1240, 1754), 255)) is None
    speck = Image.new("L", (1240, 1754), 250)
    assert not has_ink(speck)
