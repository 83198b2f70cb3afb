// Nhật ký thay đổi: the append-only audit trail (who, when, before → after) of a dossier or one evidence.

import { get, query } from "../api.js";
import { dateTime, errorBox, h, loading, render } from "../dom.js";

const ACTIONS = {
  create: "Tạo",
  upload: "Tải lên",
  extracted: "Trích xuất tự động",
  update: "Sửa",
  edit: "Sửa",
  review: "Duyệt minh chứng",
  confirm: "Xác nhận",
  reject: "Loại",
  decide: "Quyết định tiêu chí",
  decision: "Quyết định tiêu chí",
  login: "Đăng nhập",
};

const ENTITIES = {
  dossier: "Hồ sơ",
  document: "Tài liệu",
  evidence: "Minh chứng",
  unit: "Đơn vị",
  user: "Người dùng",
  scorecard: "Phiếu chấm",
  criterion_decision: "Quyết định tiêu chí",
  criterion: "Tiêu chí",
};

const short = (value) => {
  const text = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** The fields that changed between `before` and `after`, as "field: old → new" lines. */
function changes(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])];
  const lines = [];
  for (const key of keys) {
    const old = before?.[key];
    const now = after?.[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    lines.push(before ? `${key}: ${short(old ?? "—")} → ${short(now ?? "—")}` : `${key}: ${short(now ?? "—")}`);
  }
  return lines;
}

/** A table of audit entries, newest first. */
export function trailTable(entries) {
  if (!entries.length) return h("p", { class: "empty" }, "Chưa có thay đổi nào.");
  const sorted = [...entries].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  return h("table", { class: "table trail", "data-testid": "trail-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Thời điểm"), h("th", {}, "Người thực hiện"), h("th", {}, "Thao tác"),
      h("th", {}, "Đối tượng"), h("th", {}, "Thay đổi"))),
    h("tbody", {}, sorted.map((entry) => h("tr", {},
      h("td", { class: "nowrap" }, dateTime(entry.at)),
      h("td", {}, entry.user || "—"),
      h("td", {}, ACTIONS[entry.action] || entry.action),
      h("td", { class: "small" }, `${ENTITIES[entry.entity_type] || entry.entity_type} ${entry.entity_id ?? ""}`),
      h("td", { class: "small" },
        h("ul", { class: "plain-list" }, changes(entry.before, entry.after).map((line) => h("li", {}, line))),
        entry.note ? h("div", { class: "muted" }, `Ghi chú: ${entry.note}`) : null)))));
}

/** The dossier's trail, one page at a time. */
export async function trailPanel(container, dossier) {
  render(container, loading());
  try {
    const data = await get(`/api/audit-log${query({ dossier_id: dossier.id, page_size: 200 })}`);
    const entries = data?.items ?? [];
    render(container,
      h("p", { class: "muted" }, `${data?.total ?? entries.length} thay đổi được ghi lại; nhật ký chỉ được thêm, không sửa hay xoá được.`),
      h("section", { class: "card card-flush" }, trailTable(entries)));
  } catch (err) {
    render(container, errorBox(err));
  }
  return null;
}

/** A compact list of audit entries, newest first (for narrow panels). */
export function trailList(entries) {
  if (!entries.length) return h("p", { class: "muted small" }, "Chưa có thay đổi nào.");
  const sorted = [...entries].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  return h("ol", { class: "trail-list", "data-testid": "history-list" }, sorted.map((entry) => h("li", {},
    h("div", {}, h("strong", {}, entry.user || "—"), ` · ${ACTIONS[entry.action] || entry.action}`),
    h("div", { class: "muted small" }, dateTime(entry.at)),
    h("ul", { class: "plain-list small" }, changes(entry.before, entry.after).map((line) => h("li", {}, line))),
    entry.note ? h("div", { class: "small" }, `Ghi chú: ${entry.note}`) : null)));
}

/** The history of one evidence item (for the document view). */
export async function evidenceHistory(evidenceId) {
  const data = await get(`/api/evidence/${encodeURIComponent(evidenceId)}/history`);
  return trailList(Array.isArray(data) ? data : data?.items ?? []);
}
