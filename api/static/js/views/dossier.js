// Hồ sơ: header with the proposed result, then tabs — documents & upload, criteria panel, scorecard.

import { get, post } from "../api.js";
import { dateTime, errorBox, h, loading, percent, render, toast } from "../dom.js";
import { DOC_TYPES, JOB_STATUS, UNIT_KINDS, resultLabel } from "../labels.js";
import { confirmation, documentName, proposedLabel, proposedResult, unitName, unitPlace } from "../model.js";
import * as session from "../session.js";
import { uploadPanel } from "../upload.js";
import { criteriaPanel } from "./criteria.js";
import { assessorResult, progressBar, resultBadge } from "./dossiers.js";
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

/** The dossier's checks of one document (api/dossier_checks.py), or null. */
function checkOf(dossier, doc) {
  return (dossier.checks?.documents || []).find((item) => item.document_id === doc.id) || null;
}

/** "Accept anyway": the document counts in the proposal from now on (recorded in the audit trail). */
function acceptButton(doc, onDone) {
  const note = h("input", { type: "text", name: "note", placeholder: "Lý do (ghi vào nhật ký, không bắt buộc)",
    "aria-label": "Lý do vẫn dùng văn bản" });
  const form = h("form", {
    class: "inline-form accept-form", hidden: true,
    onsubmit: async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        await post(`/api/documents/${doc.id}/accept-mismatch`, { note: note.value.trim() || null });
        toast(`Đã chấp nhận ${documentName(doc)}; văn bản được tính vào đề xuất.`, "ok");
        onDone();
      } catch (err) {
        button.disabled = false;
        toast(err.message, "error");
      }
    },
  }, note, h("button", { class: "btn btn-small btn-primary", type: "submit", "data-testid": "accept-confirm" },
    "Xác nhận vẫn dùng"));
  const open = h("button", {
    class: "btn btn-small", type: "button", "data-testid": "accept-mismatch",
    onclick: () => { form.hidden = false; open.hidden = true; note.focus(); },
  }, "Vẫn dùng văn bản này…");
  return h("span", {}, open, form);
}

/** Withdraw a wrong or failed upload from the dossier, or bring it back: nothing is deleted, the audit trail
 * records who did it and why, and a withdrawn document leaves the proposal and the review progress. */
function withdrawControl(check, doc, onDone) {
  const withdrawn = Boolean(check?.withdrawn);
  const action = withdrawn ? "restore" : "withdraw";
  const note = h("input", { type: "text", name: "note", placeholder: "Lý do (ghi vào nhật ký, không bắt buộc)",
    "aria-label": withdrawn ? "Lý do đưa lại vào hồ sơ" : "Lý do rút khỏi hồ sơ" });
  const form = h("form", {
    class: "inline-form withdraw-form", hidden: true,
    onsubmit: async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        await post(`/api/documents/${doc.id}/${action}`, { note: note.value.trim() || null });
        toast(withdrawn ? `Đã đưa ${documentName(doc)} lại vào hồ sơ.`
          : `Đã rút ${documentName(doc)} khỏi hồ sơ; tệp và minh chứng vẫn được lưu.`, "ok");
        onDone();
      } catch (err) {
        button.disabled = false;
        toast(err.message, "error");
      }
    },
  }, note, h("button", { class: "btn btn-small btn-primary", type: "submit", "data-testid": `${action}-confirm` },
    withdrawn ? "Xác nhận đưa lại" : "Xác nhận rút"));
  const open = h("button", {
    class: "btn btn-small", type: "button", "data-testid": `${action}-document`,
    onclick: () => { form.hidden = false; open.hidden = true; note.focus(); },
  }, withdrawn ? "Đưa lại vào hồ sơ…" : "Rút khỏi hồ sơ…");
  return h("div", { class: "small" },
    withdrawn ? h("span", { class: "badge badge-none", "data-testid": "document-withdrawn" }, "Đã rút khỏi hồ sơ") : null,
    " ", open, form);
}

function mismatchCell(check, doc, onChange) {
  if (!check?.warnings?.length) return null;
  return h("div", { class: `mismatch ${check.accepted ? "is-accepted" : ""}`, "data-testid": "document-mismatch" },
    h("strong", {}, check.accepted ? "Đã chấp nhận dù khác hồ sơ: " : "Không khớp với hồ sơ: "),
    check.warnings.map((w) => w.message_vi).join("; "),
    check.held_out ? h("div", { class: "small" }, "Chưa được tính vào kết quả đề xuất. ",
      session.canEdit() ? acceptButton(doc, onChange) : null) : null);
}

function documentsTable(dossier, onChange = () => {}) {
  const documents = dossier.documents || [];
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
        h("td", {}, name, info.title ? h("div", { class: "muted small" }, info.title) : null,
          mismatchCell(checkOf(dossier, doc), doc, onChange),
          session.canEdit() ? withdrawControl(checkOf(dossier, doc), doc, onChange)
            : checkOf(dossier, doc)?.withdrawn
              ? h("span", { class: "badge badge-none", "data-testid": "document-withdrawn" }, "Đã rút khỏi hồ sơ") : null),
        h("td", { "data-label": "Loại văn bản" }, DOC_TYPES[info.doc_type] || info.doc_type || "—"),
        h("td", { "data-label": "Số / ngày" }, [info.number, info.issued_on].filter(Boolean).join(" · ") || "—"),
        h("td", { class: "num", "data-label": "Trang" }, doc.page_count ?? "—"),
        h("td", { "data-label": "Trạng thái" }, statusBadge(doc.status), doc.error ? h("div", { class: "small text-bad" },
          doc.error.message_vi || doc.error.message || "") : null),
        h("td", { "data-label": "Tải lên lúc" }, dateTime(doc.created_at)));
    })),
  );
}

/** Warnings of the dossier: documents that disagree with it, a unit kind its documents do not share. */
function warnings(dossier) {
  const checks = dossier.checks || {};
  const list = (checks.documents || []).filter((item) => item.warnings?.length && !item.withdrawn);
  const held = list.filter((item) => item.held_out);
  const kind = checks.kind_disagrees
    ? h("li", { "data-testid": "kind-disagrees" },
        `Loại đơn vị: hồ sơ ghi “${UNIT_KINDS[dossier.unit?.kind] || dossier.unit?.kind}”, các tài liệu cho thấy ` +
        `“${UNIT_KINDS[checks.proposed_kind] || checks.proposed_kind}”. Bộ tiêu chí áp dụng theo loại đơn vị của hồ sơ.`)
    : null;
  if (!list.length && !kind) return null;
  return h("section", { class: "alert alert-warn", role: "status", "data-testid": "dossier-warnings" },
    h("h2", { class: "alert-title" }, "Cảnh báo hồ sơ"),
    h("ul", { class: "plain-list" },
      list.map((item) => h("li", {}, h("strong", {}, item.filename), ": ",
        item.warnings.map((w) => w.message_vi).join("; "),
        item.held_out ? " — chưa tính vào kết quả đề xuất (xem tab Tài liệu để chấp nhận)." : " — đã được chấp nhận.")),
      kind),
    held.length ? h("p", { class: "small" }, `${held.length} tài liệu đang để ngoài kết quả đề xuất cho đến khi cán bộ chấp nhận.`) : null);
}

/** What the header needs besides the dossier: the scorecard (the assessor's decisions, counted apart from the
 * proposals). */
async function headerData(dossier) {
  return { card: await get(`/api/dossiers/${dossier.id}/scorecard`).catch(() => null) };
}

/** The review progress over the documents in the proposal — the dossier's counts as the API gives them, the
 * same figures as the dossier list — and the evidence of the documents held out of the proposal (a unit/year
 * mismatch not accepted; withdrawn documents count nowhere), said apart. */
function proposalProgress(dossier) {
  const held = dossier.evidence_held_out;
  return { ...confirmation(dossier), heldOut: held?.total ? held : null };
}

function header(dossier, extra = {}) {
  const { confirmed, rejected, reviewed, total, ratio, heldOut } = proposalProgress(dossier);
  const result = dossier.proposed_result || {};
  const unitKind = dossier.unit?.kind;
  return h(
    "div",
    { class: "page-head dossier-head" },
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Danh sách hồ sơ"), " / ", `Hồ sơ #${dossier.id}`),
    h("h1", {}, `${unitName(dossier)} — năm ${dossier.year}`),
    h("p", { class: "muted" }, [UNIT_KINDS[unitKind] || unitKind, unitPlace(dossier)].filter(Boolean).join(" · "),
      dossier.checks?.proposed_kind && !dossier.checks?.kind_disagrees
        ? ` · loại đơn vị khớp với tài liệu` : ""),
    warnings(dossier),
    h(
      "div",
      { class: "stats" },
      h("div", { class: "stat", "data-testid": "machine-result" }, h("span", { class: "stat-label" }, "Hệ thống đề xuất"),
        resultBadge(proposedResult(dossier), proposedLabel(dossier)),
        counts(result)),
      h("div", { class: "stat", "data-testid": "assessor-result" },
        h("span", { class: "stat-label" }, "Theo quyết định của cán bộ"),
        assessorResult(extra.card, dossier)),
      h("div", { class: "stat stat-wide", "data-testid": "review-progress" },
        h("span", { class: "stat-label" }, heldOut ? "Minh chứng đã xem xét (tài liệu trong đề xuất)" : "Minh chứng đã xem xét"),
        progressBar(ratio, `${reviewed}/${total} · ${percent(ratio)}`, "Minh chứng đã xem xét"),
        h("small", { class: "muted" }, `${confirmed} xác nhận · ${rejected} bác bỏ`),
        heldOut ? h("small", { class: "muted held-out-progress", "data-testid": "held-out-progress" },
          ` Ngoài đề xuất (tài liệu không khớp hồ sơ): ${heldOut.total} minh chứng, `
          + `${heldOut.confirmed + heldOut.rejected} đã xem xét.`) : null),
      h("div", { class: "stat" }, h("span", { class: "stat-label" }, "Tiêu chí đã quyết định"),
        h("strong", { class: "stat-value" }, `${dossier.decided_criteria ?? 0}/${result.criteria_total ?? "—"}`)),
    ),
  );
}

function counts(result) {
  if (result.criteria_total === undefined) return null;
  const parts = ["met", "not_met", "unclear", "missing"].filter((key) => result[key])
    .map((key) => `${result[key]} ${resultLabel(key).toLowerCase()}`);
  return h("small", { class: "muted" }, `${parts.join(" · ") || "—"} / ${result.criteria_total} tiêu chí`);
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
  // Links to the dossier's parts (each its own address), so a navigation with the current one marked, not an ARIA
  // tab list (whose tabs would promise arrow keys and panels).
  const nav = h("nav", { class: "tabs", "aria-label": "Các phần của hồ sơ" }, TABS.map(([key, label]) =>
    h("a", { href: `#/dossiers/${dossier.id}?tab=${key}`, class: key === tab ? "active" : "",
      "aria-current": key === tab ? "page" : false, "data-tab": key }, label)));
  const head = h("div", {}, header(dossier, await headerData(dossier)));
  render(app, head, nav, body);

  const refreshHeader = async () => {
    try {
      dossier = await get(`/api/dossiers/${params.id}`);
      render(head, header(dossier, await headerData(dossier)));
      return dossier;
    } catch {
      return null;
    }
  };

  if (tab === "documents") {
    const docs = h("section", { class: "card card-flush" });
    const redraw = async () => {
      const fresh = await refreshHeader();
      if (fresh) render(docs, documentsTable(fresh, redraw));
    };
    render(docs, documentsTable(dossier, redraw));
    const parts = [];
    if (session.canEdit()) {
      const panel = uploadPanel(dossier.id, redraw);
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
