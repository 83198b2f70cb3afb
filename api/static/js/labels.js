// Vietnamese labels. Every status, proposal, review state, evidence kind, unit kind, role and document type comes
// from the one vocabulary (corpora/vocabulary/labels.json), read once at start-up from GET /api/vocabulary;
// this file keeps no table of its own for them. The tables below the vocabulary are for values the vocabulary does not cover
// (job states, names of value fields).

import { get } from "./api.js";

let groups = {};

/** Lookup tables filled from the vocabulary (key → Vietnamese label, in display order). */
export const KIND_LABELS = {}; // evidence_kind
export const EVIDENCE_STATUS = {}; // review_state: proposed = "Chưa xem xét", confirmed, rejected = "Đã bác bỏ"
export const UNIT_KINDS = {}; // subject_type
export const ROLE_LABELS = {}; // role
export const CRITERION_STATUS = {}; // criterion_status: met / not_met / unclear / missing
export const OVERALL_LABELS = {}; // overall_proposal: dat / chua_dat / chua_du_can_cu
export const STANCE_LABELS = {}; // statement_stance
export const READING_LABELS = {}; // document_reading
export const DOC_TYPES = {}; // document_type: the extract contract's DocumentInfo.doc_type

const TABLES = {
  evidence_kind: KIND_LABELS,
  review_state: EVIDENCE_STATUS,
  subject_type: UNIT_KINDS,
  role: ROLE_LABELS,
  criterion_status: CRITERION_STATUS,
  overall_proposal: OVERALL_LABELS,
  statement_stance: STANCE_LABELS,
  document_reading: READING_LABELS,
  document_type: DOC_TYPES,
};

/** Read the vocabulary once (app start-up); the tables above are filled in its display order. */
export async function loadVocabulary() {
  groups = (await get("/api/vocabulary")) || {};
  for (const [group, table] of Object.entries(TABLES)) {
    for (const key of Object.keys(table)) delete table[key];
    for (const entry of groups[group] || []) table[entry.key] = entry.vi;
  }
  EVIDENCE_KINDS_ORDER.splice(0, EVIDENCE_KINDS_ORDER.length, ...Object.keys(KIND_LABELS));
  return groups;
}

/** The Vietnamese label of `key` in a vocabulary group (the key itself when unknown). */
export function label(group, key) {
  const entry = (groups[group] || []).find((item) => item.key === key);
  return entry ? entry.vi : key ?? "";
}

/** The explanation of an entry (hint_vi), when the vocabulary gives one. */
export function hint(group, key) {
  return (groups[group] || []).find((item) => item.key === key)?.hint_vi ?? "";
}

/** Evidence kinds in the vocabulary's display order (filled by loadVocabulary). */
export const EVIDENCE_KINDS_ORDER = [];

/** The assessor's decision on one criterion: the criterion statuses an assessor can give. */
export function decisionOptions() {
  return ["met", "not_met", "unclear"].map((key) => [key, CRITERION_STATUS[key] || key]);
}

/** The API's `overall` value "chua_du_minh_chung" is the vocabulary's "chua_du_can_cu". */
export function overallKey(value) {
  return value === "chua_du_minh_chung" ? "chua_du_can_cu" : value;
}

/** Label of a criterion status or an overall proposal. */
export function resultLabel(value) {
  if (value === null || value === undefined || value === "") return "—";
  return CRITERION_STATUS[value] || OVERALL_LABELS[overallKey(value)] || String(value);
}

/** CSS modifier for a criterion status or overall proposal: ok | bad | warn | none. */
export function resultTone(value) {
  const key = overallKey(value);
  if (key === "met" || key === "dat") return "ok";
  if (key === "not_met" || key === "chua_dat") return "bad";
  if (["unclear", "missing", "chua_du_can_cu"].includes(key)) return "warn";
  return "none";
}

export const JOB_STATUS = {
  queued: "Đang chờ xử lý",
  running: "Đang xử lý",
  processing: "Đang xử lý",
  done: "Đã xử lý xong",
  failed: "Lỗi xử lý",
};

export const DONE_STATUSES = new Set(["done"]);
export const FAILED_STATUSES = new Set(["failed"]);

/** Vietnamese names of the keys of an evidence value; unknown keys are shown as "trường khác". */
export const VALUE_KEYS = {
  doc_type: "Loại văn bản",
  number: "Số",
  code: "Ký hiệu",
  date: "Ngày",
  start: "Từ ngày",
  end: "Đến ngày",
  issuer: "Cơ quan ban hành",
  key: "Khoá",
  value: "Giá trị",
  count: "Số lượng",
  unit: "Đơn vị tính",
  noun: "Đối tượng",
  percent: "Tỉ lệ (%)",
  period: "Thời kỳ",
  year: "Năm",
  criterion: "Tiêu chí",
  criteria: "Tiêu chí được nêu",
  status: "Đánh giá của câu",
  polarity: "Chiều",
  granularity: "Độ chi tiết",
  iso: "Dạng chuẩn",
  kind: "Dạng",
  inferred_year: "Năm suy ra",
  raw: "Nguyên văn",
  article: "Điều",
  clause: "Khoản",
  point: "Điểm",
  title: "Trích yếu",
  count_met: "Số tiêu chí đạt",
  count_total: "Tổng số tiêu chí",
  scope: "Phạm vi",
  forecast: "Là dự báo",
  negated: "Phủ định",
  approximate: "Xấp xỉ",
  target: "Chỉ tiêu",
  month: "Tháng",
  quarter: "Quý",
  half: "Nửa năm",
  day: "Ngày",
  name: "Tên",
  law: "Văn bản luật",
  subject: "Đối tượng",
  role: "Vai trò",
  cue: "Dấu hiệu",
  text: "Nội dung",
  comparator: "So sánh",
  modality: "Tính chất",
  parent: "Trên tổng số",
  total: "Tổng số",
};

/** Values of value fields that are codes: shown in words. */
export const VALUE_WORDS = {
  all: "tất cả",
  year: "năm",
  month: "tháng",
  quarter: "quý",
  half: "6 tháng",
  day: "ngày",
  range: "khoảng thời gian",
  period: "thời kỳ",
  point: "thời điểm",
  positive: "khẳng định",
  negative: "phủ định",
  target: "chỉ tiêu, kế hoạch",
  actual: "số thực tế",
  zero: "không xảy ra",
  reported: "đã báo cáo",
  date: "ngày",
  recurring: "định kỳ",
  ">=": "từ … trở lên",
  "<=": "không quá",
  ...{ true: "có", false: "không" },
};
