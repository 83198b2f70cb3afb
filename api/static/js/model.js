// Read API objects tolerantly: one place that knows the field names of dossiers, units, evidence.

export function unitName(dossier) {
  return dossier.unit?.name ?? dossier.unit_name ?? (dossier.unit_id ? `Đơn vị #${dossier.unit_id}` : "—");
}

export function unitKind(dossier) {
  return dossier.unit?.kind ?? dossier.unit_kind ?? null;
}

export function unitPlace(dossier) {
  const unit = dossier.unit ?? dossier;
  return [unit.commune, unit.province].filter(Boolean).join(", ") || "—";
}

/** The proposed result value ("dat" | "chua_dat" | "chua_du_minh_chung" | …) of a dossier or scorecard. */
export function proposedResult(dossier) {
  const result = dossier.proposed_result ?? dossier.proposed_overall ?? dossier.overall ?? dossier.result ?? null;
  return resultKey(result);
}

/** The vocabulary key (overall_proposal) of a result object of the API. */
export function resultKey(result) {
  if (!result) return null;
  const value = typeof result === "object" ? result.proposal ?? result.overall ?? null : result;
  return value === "chua_du_minh_chung" ? "chua_du_can_cu" : value;
}

/** The Vietnamese label the API gives for the proposed result, when it gives one. */
export function proposedLabel(dossier) {
  const result = dossier.proposed_result ?? dossier.proposed_overall ?? dossier.overall ?? null;
  return result && typeof result === "object" ? result.label_vi ?? null : null;
}

/** {confirmed, rejected, reviewed, total, ratio} of a dossier's evidence (ratio = reviewed / total). */
export function confirmation(dossier) {
  const stats = dossier.evidence ?? {};
  const confirmed = stats.confirmed ?? dossier.evidence_confirmed ?? 0;
  const rejected = stats.rejected ?? dossier.evidence_rejected ?? 0;
  const total = stats.total ?? dossier.evidence_total ?? 0;
  const reviewed = confirmed + rejected;
  const ratio = dossier.confirmed_ratio ?? (total ? reviewed / total : null);
  return { confirmed, rejected, reviewed, total, ratio };
}

export function documentName(doc) {
  return doc.filename ?? doc.original_name ?? doc.name ?? doc.source ?? `Tài liệu #${doc.id}`;
}

export function criterionId(item) {
  return item.criterion_id ?? item.id ?? item.code;
}

export function criterionTitle(item) {
  return item.title_vi ?? item.title ?? item.name ?? item.label ?? "";
}

/** The job id(s) and documents of an upload response, whatever its exact shape. */
export function uploadResult(data) {
  const docs = Array.isArray(data) ? data : data?.documents ?? data?.items ?? [];
  const jobs = data?.jobs ?? data?.job_ids ?? [];
  return docs.map((doc, i) => {
    const job = doc.job_id ?? doc.job?.id ?? (typeof jobs[i] === "object" ? jobs[i]?.id : jobs[i]);
    return { document: doc.document ?? doc, jobId: job ?? null, duplicate: Boolean(doc.duplicate),
      warnings: doc.warnings ?? [] };
  });
}

/** Progress of a job as 0–1 (the API may give 0–1 or 0–100). */
export function jobProgress(job) {
  const p = Number(job?.progress ?? 0);
  if (Number.isNaN(p)) return 0;
  return p > 1 ? p / 100 : p;
}

/** The assessor's decisions in a scorecard, counted apart from the system's proposals:
 * {decided, total, counts: {met, not_met, unclear}} (criteria without a decision are not counted in `counts`). */
export function assessorDecisions(card) {
  const rows = card?.criteria ?? [];
  const counts = {};
  for (const row of rows) {
    const decision = row.decision?.decision;
    if (decision) counts[decision] = (counts[decision] ?? 0) + 1;
  }
  const decided = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { decided, total: card?.total ?? rows.length, counts };
}

/** The number of sentences the scorecard row quotes as evidence for its criterion (deciding quotes at least). */
export function quotedSentences(row) {
  const quotes = (row.quotes ?? []).filter((quote) => (quote.role ?? "evidence") === "evidence");
  return Math.max(quotes.length, (row.deciding ?? []).length);
}
