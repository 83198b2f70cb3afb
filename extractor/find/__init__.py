"""The finders: one package per evidence kind, a shared pattern layer, one linking step.

Laid out the way eyecite is (``regexes.py``, ``find.py``, ``resolve.py``)::

    find/patterns.py      phrase → regex, the year pattern, dash and tone folding
    find/overlaps.py      longest-first selection of non-overlapping spans
    find/legal_refs/      "Thông tư số 124/2021/TT-BCA", "Luật Đất đai"   (kind legal_ref)
    find/dates/           "ngày 28/12/2021", "quý III năm 2025"            (kind date)
    find/counts/          "3.460 cuộc tuyên truyền", zero claims         (kind count)
    find/claims/          "đạt 05/05 tiêu chí"                           (kind criterion_claim)
    find/link.py          after finding: short forms → full keys, breakdown parents, rate units

Each kind's package holds its compiled patterns (``regexes.py``), its finder (``find.py``)
and its spaCy factory; :mod:`extractor.nlp` builds the pipeline from ``corpora/pipeline.json``.
Importing this package loads nothing: import the kind you need.
"""
