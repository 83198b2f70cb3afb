// Hồ sơ: header with the proposed result, then tabs — documents & upload, criteria panel, scorecard.

import { get } from "../api.js";
import { dateTime, errorBox, h, loading, percent, render } from "../dom.js";
import { DOC_TYPES, JOB_STATUS, UNIT_KINDS } from "../labels.js";
import { confirmation, documentName, proposedLabel, proposedResult, unitName, unitPlace } from "../model.js";
import * as session from "../session.js";
import { uploadPanel } from "../upload.js";
import { criteriaPanel } from "./criteria.js";
import { progressBar, resultBadge } from "./dossiers.js";
import { scorecardPanel } from "./scorecard.js";
import { trailPanel } from "./trail.js";

const TABS = [
  ["documents", "Tài liệu"],
  ["criteria", "Tiêu chí TT124"],
  ["scorecard", "Phiếu chấm"],
  ["trail", "Nhật ký thay đổi"],
];

function statusBadge(status) {
  const tone = { done: "ok", failed: "bad", queued: "none", processing: "warn" }[status] || "none";
  return h("span", { class: `badge badge-${tone}` }, JOB_STATUS[status] || status || "—");
}

function documentsTable(documents) {
  if (!documents.length) return h("p", { class: "empty" }, "Hồ sơ chưa có tài liệu nào.");
  return h(
    "table",
    { class: "table", "data-testid": "documents-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Tệp"), h("th", {}, "Loại văn bản"), h("th", {}, "Số / ngày"),
      h("th", { class: "num" }, "Trang"), h("th", {}, "Trạng thái"), h("th", {}, "Tải lên lúc"))),
    h("tbody", {}, documents.map((doc) => {
      const info = doc.info || {};
      const name = doc.status === "done"
        ? h("a", { href: `#/documents/${doc.id}`, "data-testid": "document-link" }, documentName(doc))
        : documentName(doc);
      return h("tr", { "data-document-id": String(doc.id) },
        h("td", {}, name, info.title ? h("div", { class: "muted small" }, info.title) : null),
        h("td", {}, DOC_TYPES[info.doc_type] || info.doc_type || "—"),
        h("td", {}, [info.number, info.issued_on].filter(Boolean).join(" · ") || "—"),
        h("td", { class: "num" }, doc.page_count ?? "—"),
        h("td", {}, statusBadge(doc.status), doc.error ? h("div", { class: "small text-bad" },
          doc.error.message_vi || doc.error.message || "") : null),
        h("td", {}, dateTime(doc.created_at)));
    })),
  );
}

function header(dossier) {
  const { confirmed, rejected, reviewed, total, ratio } = confirmation(dossier);
  const result = dossier.proposed_result || {};
  const unitKind = dossier.unit?.kind;
  return h(
    "div",
    { class: "page-head dossier-head" },
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Danh sách hồ sơ"), " / ", `Hồ sơ #${dossier.id}`),
    h("h1", {}, `${unitName(dossier)} — năm ${dossier.year}`),
    h("p", { class: "muted" }, [UNIT_KINDS[unitKind] || unitKind, unitPlace(dossier)].filter(Boolean).join(" · ")),
    h(
      "div",
      { class: "stats" },
      h("div", { class: "stat" }, h("span", { class: "stat-label" }, "Kết quả đề xuất"),
        resultBadge(proposedResult(dossier), proposedLabel(dossier)),
        result.criteria_total !== undefined
          ? h("small", { class: "muted" },
              `${result.met ?? 0} đạt · ${result.not_met ?? 0} chưa đạt · ${result.unclear ?? 0} chưa rõ · ` +
              `${result.missing ?? 0} thiếu / ${result.criteria_total} tiêu chí`)
          : null),
      h("div", { class: "stat stat-wide" }, h("span", { class: "stat-label" }, "Minh chứng đã duyệt"),
        progressBar(ratio, `${reviewed}/${total} · ${percent(ratio)}`),
        h("small", { class: "muted" }, `${confirmed} xác nhận · ${rejected} loại`)),
      h("div", { class: "stat" }, h("span", { class: "stat-label" }, "Tiêu chí đã quyết định"),
        h("strong", { class: "stat-value" }, `${dossier.decided_criteria ?? 0}/${result.criteria_total ?? "—"}`)),
    ),
  );
}

export async function showDossier(app, params, query) {
  const tab = TABS.some(([key]) => key === query.tab) ? query.tab : "documents";
  render(app, loading());
  let dossier;
  try {
    dossier = await get(`/api/dossiers/${params.id}`);
  } catch (err) {
    render(app, errorBox(err));
    return null;
  }
  const disposers = [];
  const body = h("div", { class: "tab-body" });
  const nav = h("nav", { class: "tabs", role: "tablist" }, TABS.map(([key, label]) =>
    h("a", { href: `#/dossiers/${dossier.id}?tab=${key}`, role: "tab", class: key === tab ? "active" : "",
      "aria-selected": key === tab ? "true" : "false", "data-tab": key }, label)));
  const head = h("div", {}, header(dossier));
  render(app, head, nav, body);

  const refreshHeader = async () => {
    try {
      dossier = await get(`/api/dossiers/${params.id}`);
      render(head, header(dossier));
      return dossier;
    } catch {
      return null;
    }
  };

  if (tab === "documents") {
    const docs = h("section", { class: "card card-flush" }, documentsTable(dossier.documents || []));
    const parts = [];
    if (session.canEdit()) {
      const panel = uploadPanel(dossier.id, async () => {
        const fresh = await refreshHeader();
        if (fresh) render(docs, documentsTable(fresh.documents || []));
      });
      disposers.push(panel.dispose);
      parts.push(panel.el);
    }
    render(body, parts, h("h2", {}, "Tài liệu trong hồ sơ"), docs);
  } else if (tab === "criteria") {
    disposers.push(await criteriaPanel(body, dossier, refreshHeader));
  } else if (tab === "scorecard") {
    disposers.push(await scorecardPanel(body, dossier));
  } else {
    disposers.push(await trailPanel(body, dossier));
  }
  return () => disposers.forEach((dispose) => typeof dispose === "function" && dispose());
}
