// Nhật ký thay đổi: the append-only audit trail (who, when, before → after) of a dossier or one evidence.

import { get, query } from "../api.js";
import { dateTime, errorBox, h, loading, render } from "../dom.js";
import { CRITERION_STATUS, EVIDENCE_STATUS, ROLE_LABELS, UNIT_KINDS } from "../labels.js";
import { fieldName, valueWords } from "./document.js";

const ACTIONS = {
  create: "Tạo",
  upload: "Tải lên",
  extracted: "Trích xuất tự động",
  reprocess: "Xử lý lại",
  update: "Sửa minh chứng",
  edit: "Sửa minh chứng",
  review: "Xem xét minh chứng",
  confirm: "Xác nhận minh chứng",
  reject: "Bác bỏ minh chứng",
  bulk_start: "Bắt đầu xử lý hàng loạt",
  bulk_done: "Xong xử lý hàng loạt",
  decide: "Quyết định tiêu chí",
  clear_decision: "Xoá quyết định tiêu chí",
  accept_mismatch: "Vẫn dùng tài liệu không khớp hồ sơ",
  withdraw_document: "Rút tài liệu khỏi hồ sơ",
  restore_document: "Đưa tài liệu lại vào hồ sơ",
  login: "Đăng nhập",
};

const ENTITIES = {
  dossier: "Hồ sơ",
  document: "Tài liệu",
  evidence: "Minh chứng",
  unit: "Đơn vị",
  user: "Người dùng",
  scorecard: "Phiếu chấm",
  criterion: "Tiêu chí",
  job: "Công việc",
};

const HIDDEN = new Set(["version", "sha256", "accepted", "job_id"]);
const FIELDS = {
  status: "Trạng thái", decision: "Quyết định", note: "Ghi chú", criteria: "Tiêu chí", value: "Giá trị",
  filename: "Tệp", size: "Dung lượng (byte)", format: "Định dạng", warnings: "Cảnh báo", unit_id: "Đơn vị",
  year: "Năm", name: "Tên", kind: "Loại đơn vị", province: "Tỉnh/thành", commune: "Xã/phường",
  username: "Tên đăng nhập", role: "Vai trò", evidence: "Minh chứng tìm được", added: "Thêm mới",
  updated: "Cập nhật", kept_reviewed: "Giữ nguyên vì đã xem xét",
};

const clip = (text) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

/** One recorded value in words (review states, decisions, unit kinds, roles by their vocabulary label; a unit by
 * its name, never its id). */
function words(key, value, names = {}) {
  if (value === null || value === undefined || value === "") return "—";
  if (key === "unit_id") return names.units?.get(String(value)) ?? `#${value}`;
  if (key === "status") return EVIDENCE_STATUS[value] || valueWords("status", value);
  if (key === "decision") return CRITERION_STATUS[value] || String(value);
  if (key === "kind") return UNIT_KINDS[value] || String(value);
  if (key === "role") return ROLE_LABELS[value] || String(value);
  return clip(valueWords(key, value));
}

/** The fields that changed between `before` and `after`, as "Trạng thái: Chưa xem xét → Đã xác nhận" lines. */
function changes(before, after, names = {}) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])].filter((k) => !HIDDEN.has(k));
  const lines = [];
  for (const key of keys) {
    const old = before?.[key];
    const now = after?.[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    if (key === "value" && old && now && typeof old === "object" && typeof now === "object") {
      for (const field of new Set([...Object.keys(old), ...Object.keys(now)])) {
        if (JSON.stringify(old[field]) === JSON.stringify(now[field])) continue;
        lines.push(`${fieldName(field)}: ${words(field, old[field], names)} → ${words(field, now[field], names)}`);
      }
      continue;
    }
    const label = FIELDS[key] || fieldName(key);
    lines.push(before ? `${label}: ${words(key, old, names)} → ${words(key, now, names)}`
      : `${label}: ${words(key, now, names)}`);
  }
  if (before && !after) lines.push("Đã xoá");
  return lines;
}

/** What an entry is about, in words: "Tiêu chí TT124.6.3", "Minh chứng “…” (tr. 2)", "Tài liệu bao-cao.pdf". */
function subject(entry, names) {
  const kind = ENTITIES[entry.entity_type] || "Đối tượng";
  const id = String(entry.entity_id ?? "");
  if (entry.entity_type === "criterion") return `${kind} ${id.includes(":") ? id.split(":").slice(1).join(":") : id}`;
  if (entry.entity_type === "evidence") {
    const ev = names.evidence?.get(id);
    return ev ? `${kind} “${clip(ev.text)}”${ev.page ? ` (tr. ${ev.page})` : ""}` : kind;
  }
  if (entry.entity_type === "document") {
    const name = names.documents?.get(id) || entry.after?.filename;
    return name ? `${kind} ${name}` : kind;
  }
  if (entry.entity_type === "dossier") return `${kind} #${id}`;
  if (entry.entity_type === "job") return kind;
  return `${kind}${id && !id.startsWith("ev_") ? ` ${id}` : ""}`;
}

/** A table of audit entries, newest first. */
export function trailTable(entries, names = {}) {
  if (!entries.length) return h("p", { class: "empty" }, "Chưa có thay đổi nào.");
  const sorted = [...entries].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  return h("table", { class: "table trail", "data-testid": "trail-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Thời điểm"), h("th", {}, "Người thực hiện"), h("th", {}, "Thao tác"),
      h("th", {}, "Đối tượng"), h("th", {}, "Thay đổi"))),
    h("tbody", {}, sorted.map((entry) => h("tr", {},
      h("td", { class: "nowrap" }, dateTime(entry.at)),
      h("td", {}, entry.user || "—"),
      h("td", {}, ACTIONS[entry.action] || entry.action),
      h("td", { class: "small" }, subject(entry, names)),
      h("td", { class: "small" },
        h("ul", { class: "plain-list" }, changes(entry.before, entry.after, names).map((line) => h("li", {}, line))),
        entry.note ? h("div", { class: "muted" }, `Ghi chú: ${entry.note}`) : null)))));
}

/** The dossier's trail, one page at a time. */
export async function trailPanel(container, dossier) {
  render(container, loading());
  try {
    const [data, evidence] = await Promise.all([
      get(`/api/audit-log${query({ dossier_id: dossier.id, page_size: 200 })}`),
      get(`/api/evidence${query({ dossier_id: dossier.id, page_size: 500 })}`).catch(() => ({ items: [] })),
    ]);
    const entries = data?.items ?? [];
    const names = {
      evidence: new Map((evidence?.items ?? []).map((ev) => [ev.id, ev])),
      documents: new Map((dossier.documents ?? []).map((doc) => [String(doc.id), doc.filename])),
      units: new Map(dossier.unit?.id !== undefined ? [[String(dossier.unit.id), dossier.unit.name]] : []),
    };
    render(container,
      h("p", { class: "muted" }, `${data?.total ?? entries.length} thay đổi được ghi lại; nhật ký chỉ được thêm, không sửa hay xoá được.`),
      h("section", { class: "card card-flush" }, trailTable(entries, names)));
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
