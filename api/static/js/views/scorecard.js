// Phiếu chấm: the scorecard table of a dossier with XLSX / DOCX export.

import { get } from "../api.js";
import { errorBox, h, loading, render } from "../dom.js";
import { criterionTitle, proposedLabel, proposedResult, quotedSentences } from "../model.js";
import { assessorResult, resultBadge } from "./dossiers.js";

/** "3 câu · 2 minh chứng": the sentences quoted for the criterion and the evidence items linked to it (not
 * rejected); "—" when there is neither. */
function evidenceCount(row) {
  const sentences = quotedSentences(row);
  const items = (row.evidence || []).length;
  const parts = [sentences ? `${sentences} câu` : null, items ? `${items} minh chứng` : null].filter(Boolean);
  return h("span", { title: "Câu trích dẫn làm căn cứ · mục minh chứng gắn với tiêu chí" }, parts.join(" · ") || "—");
}

export async function scorecardPanel(container, dossier) {
  render(container, loading());
  let card;
  try {
    card = await get(`/api/dossiers/${dossier.id}/scorecard`);
  } catch (err) {
    render(container, errorBox(err));
    return null;
  }
  const rows = card.criteria || [];
  const final = (row) => row.decision?.decision ?? null;
  render(
    container,
    h("div", { class: "toolbar" },
      h("div", {}, h("span", { class: "stat-label" }, "Hệ thống đề xuất: "),
        resultBadge(proposedResult(card), proposedLabel(card)),
        h("span", { class: "stat-label" }, " · Theo quyết định của cán bộ: "),
        h("span", { "data-testid": "scorecard-assessor" }, assessorResult(card))),
      h("div", { class: "export" },
        h("a", { class: "btn", href: `/api/dossiers/${dossier.id}/scorecard.xlsx`, download: "",
          "data-testid": "export-xlsx" }, "Tải phiếu chấm (XLSX)"),
        h("a", { class: "btn", href: `/api/dossiers/${dossier.id}/scorecard.docx`, download: "",
          "data-testid": "export-docx" }, "Tải phiếu chấm (DOCX)"))),
    h("section", { class: "card card-flush" }, h(
      "table",
      { class: "table scorecard", "data-testid": "scorecard-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Tiêu chí"), h("th", {}, "Nội dung"), h("th", {}, "Hệ thống đề xuất"),
        h("th", { class: "num" }, "Minh chứng"), h("th", {}, "Quyết định của cán bộ"), h("th", {}, "Ghi chú"))),
      h("tbody", {}, rows.map((row) => h("tr", { "data-criterion": row.id },
        h("td", { class: "crit-cell" }, h("span", { class: "criterion-id" }, row.id)),
        h("td", {}, criterionTitle(row)),
        h("td", { "data-label": "Hệ thống đề xuất" }, resultBadge(row.proposed)),
        h("td", { class: "num", "data-label": "Minh chứng", "data-testid": "evidence-count" }, evidenceCount(row)),
        h("td", { "data-label": "Quyết định của cán bộ" }, final(row) ? resultBadge(final(row)) : h("span", { class: "muted" }, "—")),
        h("td", { class: "small" }, row.decision?.note || "")))),
    )),
  );
  return null;
}
