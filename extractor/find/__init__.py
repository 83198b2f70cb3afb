"""The finders: one package per evidence kind, a shared pattern layer, one linking step.

Laid out the way eyecite is (``regexes.py``, ``find.py``, ``resolve.py``)::

    find/patterns.py      phrase → regex, the year pattern, sentence ends, dash and tone folding
    find/overlaps.py      choosing among overlapping spans (longest first, as spacy.util.filter_spans)
    find/sections.py      the section headings, found once (doc._.sections, from extractor.structure)
    find/legal_refs/      "Thông tư số 124/2021/TT-BCA", "Luật Đất đai"   (kind legal_ref)
    find/dates/           "ngày 28/12/2021", "quý III năm 2025"            (kind date)
    find/counts/          "3.460 cuộc tuyên truyền", zero claims         (kind count)
    find/claims/          "đạt 05/05 tiêu chí"                           (kind criterion_claim)
    find/link.py          after finding: short forms → full keys, breakdown parents, rate units

Each kind's package holds its compiled patterns (``regexes.py``), its finder (``find.py``)
and its spaCy factory, whose config names the lexicons it reads (:mod:`extractor.lexicons`);
:mod:`extractor.nlp` builds the pipeline from ``corpora/pipeline.json``.
Importing this package loads nothing: import the kind you need.
"""
