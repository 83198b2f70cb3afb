"""Transparent rules from the catalogue: keyword cues per family and the status cues' call on a sentence.

Everything matched here comes from ``corpora/tt124/families.json`` and ``status_cues.json``;
the classifier uses the keyword hits as features and the mapper uses the status rules. A clause's graded
requirement refines the call: the lowest disciplinary form it counts (here), the shares it asks for
(:mod:`extractor.criteria.ratios`). Where a sentence stands among the criteria (headings, references,
self-assessments) is read by :mod:`extractor.criteria.sections`.
"""

from __future__ import annotations

from extractor.criteria import catalogue, thresholds
from extractor.criteria.calls import StatusCall
from extractor.criteria.cues import as_cues, first_words
from extractor.criteria.memory import lowercase, remembered
from extractor.criteria.ratios import graded_ratio


def keyword_hits(text: str) -> dict[str, list[str]]:
    """Family → keyword surfaces found in ``text`` (families with no hit are left out)."""
    hits: dict[str, list[str]] = {}
    for key, family in catalogue.families().items():
        found = family.matches(text)
        if found:
            hits[key] = found
    return hits


def _strip_names(text: str) -> str:
    """Blank out names that merely contain cue words ("chương trình mục tiêu quốc gia", "đăng ký phấn đấu")."""
    return remembered("strip_names", _blank_names, text)  # type: ignore[no-any-return]


def _blank_names(text: str) -> str:
    return as_cues(catalogue.status_cues()["names"]).blanked(text)


def _requirement_shown(family: str, text: str) -> bool:
    required = catalogue.status_cues()["met_requires"].get(family)
    return not required or first_words(required, text) is not None


def status_for(
    text: str,
    family: str,
    *,
    planning: bool = False,
    context: str | None = None,
    criterion: str | None = None,
) -> StatusCall:
    """Status of ``text`` toward ``family`` in a reading ``context`` (plan | result | unknown).

    ``planning=True`` is shorthand for ``context="plan"``. See ``corpora/tt124/status_cues.json``
    for the order in which the cues decide. With a ``criterion`` id, graded requirements of that clause
    (``corpora/tt124/thresholds.json``) refine the call: the lowest disciplinary form it counts, the
    shares it asks for.
    """
    return remembered("status_for", _status_for, text, family, planning, context, criterion)  # type: ignore[no-any-return]


def _status_for(
    text: str, family: str, planning: bool, context: str | None, criterion: str | None
) -> StatusCall:
    raw = lowercase(text)
    # the cues do not depend on the criterion: once per document for a clause read for several
    call = remembered("cue_status", _cue_status_of, raw, family, planning, context)
    if criterion is None:
        return call
    stripped = _strip_names(raw)
    scale = thresholds.discipline_scale()
    if family == scale.family and criterion in scale.thresholds:
        return _graded_discipline(call, stripped, scale.thresholds[criterion])
    requirement = thresholds.ratio_requirements().get(criterion)
    if requirement is not None and family == requirement.family:
        return graded_ratio(call, stripped, requirement)
    return call


def _cue_status_of(raw: str, family: str, planning: bool, context: str | None) -> StatusCall:
    return _cue_status(raw, family, planning=planning, context=context)


def _cue_status(raw: str, family: str, *, planning: bool = False, context: str | None = None) -> StatusCall:
    """The status cues alone (no clause-specific threshold), on the lower-cased text ``raw``."""
    context = context or ("plan" if planning else "unknown")
    cues = catalogue.status_cues()
    lowered = _strip_names(raw)
    polarity = catalogue.families()[family].polarity if family in catalogue.families() else "presence"
    conditional = first_words(cues["conditional"], lowered)
    if conditional:
        return StatusCall("unclear", conditional)
    limitation = first_words(cues["limitation"], lowered)
    if limitation:
        return StatusCall("unclear", limitation)
    contradiction = _contradiction(raw, lowered, polarity, context)
    if contradiction:
        return contradiction
    forecast = first_words(cues["forecast"], lowered)
    if forecast:
        return StatusCall("target", forecast, forecast=True)
    strong = first_words(cues["strong_target"], lowered)
    if strong:
        return StatusCall("target", strong)
    if context == "plan":
        return StatusCall(
            "target", first_words(cues["target"], lowered) or first_words(cues["negation"], lowered)
        )
    if polarity == "absence":
        imperative = first_words(cues["imperative_absence"], lowered)
        if imperative and context == "unknown":
            return StatusCall("target", imperative)
        negation = first_words(cues["negation"], lowered)
        return StatusCall("met", negation) if negation else StatusCall("unclear", None)
    call = _presence_status(lowered, context)
    if call.status == "met" and not _requirement_shown(family, lowered):
        return StatusCall("unclear", "chưa nêu kết quả xếp loại / danh hiệu")
    return call


def _contradiction(raw: str, lowered: str, polarity: str, context: str) -> StatusCall | None:
    """A counted occurrence of what must not happen, or a shortfall of what must exist (not in plans)."""
    if context == "plan":
        return None
    cues = catalogue.status_cues()
    if polarity == "absence":
        occurrence = first_words(cues["occurrence"], lowered)
        negation = first_words(cues["negation"], lowered)
        if occurrence and not (negation and lowered.find(negation) < lowered.find(occurrence)):
            reduction = first_words(cues["reduction"], lowered)
            if reduction:
                return StatusCall("unclear", f"{occurrence} ({reduction}): cần thẩm định")
            return StatusCall("not_met", occurrence)
        return None
    shortfall = first_words(cues["shortfall"], raw)
    return StatusCall("not_met", shortfall) if shortfall else None


def _presence_status(lowered: str, context: str) -> StatusCall:
    cues = catalogue.status_cues()
    past = first_words(cues["past_time"], lowered)
    if past:
        return StatusCall("met", past)
    weak = first_words(cues["target"], lowered)
    if context == "result":
        return StatusCall("met", weak or "phần kết quả của báo cáo")
    achievement = first_words(cues["achievement"], lowered)
    if achievement:
        return StatusCall("met", achievement)
    if weak:
        return StatusCall("target", weak)
    return StatusCall("unclear", None)


def _graded_discipline(call: StatusCall, lowered: str, levels: tuple[int, ...]) -> StatusCall:
    """A discipline sentence read against a clause that counts discipline from ``levels`` (one level when
    the clause is known; several when its wording is not, and then only an agreed reading stands)."""
    if call.status not in {"met", "not_met"}:
        return call
    readings = [_discipline_at(call, lowered, level) for level in levels]
    if len({reading.status for reading in readings}) == 1:
        return readings[0]
    return StatusCall("unclear", "ngưỡng hình thức kỷ luật của khoản chưa xác minh: cần thẩm định")


def _discipline_at(call: StatusCall, lowered: str, level: int) -> StatusCall:
    scale = thresholds.discipline_scale()
    scopes = list(scale.scope.finditer(lowered))
    outside = lowered
    for scope in scopes:
        outside = outside[: scope.start()] + " " * (scope.end() - scope.start()) + outside[scope.end() :]
    threshold = scale.form_at(level)
    if call.status == "met":
        # "không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên" rules out only cảnh cáo and above
        covered = min((scale.level_of(scope.group("form")) or 1 for scope in scopes), default=1)
        if covered > level:
            return StatusCall(
                "unclear",
                f"chỉ loại trừ kỷ luật từ {scale.form_at(covered)} trở lên; khoản này tính từ {threshold}",
            )
        return call
    named = [rank for rank, _, pattern in scale.forms if pattern.search(outside)]
    highest = max(named, default=None)
    if highest is not None and highest >= level:
        return StatusCall("not_met", f"kỷ luật {scale.form_at(highest)} (khoản tính từ {threshold})")
    if any(pattern.search(outside) for pattern in scale.unranked):
        return StatusCall("unclear", "hình thức kỷ luật ngoài thang (cần thẩm định)")
    if highest is None:
        return call if level <= 1 else StatusCall("unclear", "chưa nêu hình thức kỷ luật: cần thẩm định")
    return StatusCall("met", f"kỷ luật {scale.form_at(highest)}: dưới mức {threshold}, khoản này không tính")


STATUS_RANK = {"not_met": 0, "met": 1, "target": 2, "unclear": 3}


def status_for_families(
    text: str,
    families: list[str],
    *,
    planning: bool = False,
    context: str | None = None,
    criterion: str | None = None,
) -> StatusCall:
    """Status of a sentence toward a criterion made of ``families``, read clause by clause (";").

    Only clauses that mention one of the families' keywords count, so "…hoàn thành tốt nhiệm vụ; Sở đang
    thực hiện hồ sơ…; không có cá nhân bị kỷ luật" is judged on its relevant clauses. A contradiction
    wins over an achievement, which wins over a promise.
    """
    known = catalogue.families()
    calls: list[StatusCall] = []
    for clause in (part for part in text.split(";") if part.strip()):
        for family in families:
            if family in known and remembered("mentions", _mentions, clause, family):
                calls.append(
                    status_for(clause, family, planning=planning, context=context, criterion=criterion)
                )
    if not calls:
        calls = [
            status_for(text, family, planning=planning, context=context, criterion=criterion)
            for family in families
        ] or [status_for(text, "", planning=planning, context=context)]
    return min(calls, key=lambda call: STATUS_RANK[call.status])


def _mentions(text: str, family: str) -> bool:
    """Does ``text`` hold one of ``family``'s keywords? (``Family.occurs_in``, on the remembered lowering.)"""
    return catalogue.families()[family].keywords.found_in(lowercase(text))
