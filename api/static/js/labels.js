// Vietnamese labels for the values the API returns (kinds, statuses, roles, results).

export const KIND_LABELS = {
  legal_ref: "Căn cứ pháp lý",
  date: "Ngày / thời kỳ",
  count: "Số liệu",
  criterion_claim: "Khẳng định tiêu chí",
};

export const EVIDENCE_STATUS = {
  proposed: "Đề xuất",
  confirmed: "Đã xác nhận",
  rejected: "Đã loại",
};

export const ROLE_LABELS = {
  admin: "Quản trị",
  assessor: "Cán bộ thẩm định",
  auditor: "Kiểm tra viên",
};

export const UNIT_KINDS = {
  khu_dan_cu: "Khu dân cư",
  xa: "Xã, phường, thị trấn",
  co_quan: "Cơ quan",
  doanh_nghiep: "Doanh nghiệp",
  co_so_giao_duc: "Cơ sở giáo dục",
};

export const JOB_STATUS = {
  queued: "Đang chờ xử lý",
  pending: "Đang chờ xử lý",
  running: "Đang xử lý",
  processing: "Đang xử lý",
  done: "Đã xử lý xong",
  succeeded: "Đã xử lý xong",
  completed: "Đã xử lý xong",
  failed: "Lỗi xử lý",
  error: "Lỗi xử lý",
};

/** Proposed status of a criterion / result of a dossier. */
export const RESULT_LABELS = {
  dat: "Đạt",
  met: "Đạt",
  pass: "Đạt",
  chua_dat: "Chưa đạt",
  not_met: "Chưa đạt",
  fail: "Chưa đạt",
  thieu: "Thiếu minh chứng",
  missing: "Thiếu minh chứng",
  unknown: "Chưa xác định",
  partial: "Chưa đủ",
  unclear: "Chưa rõ",
  chua_du_minh_chung: "Chưa đủ minh chứng",
};

/** The assessor's decision on one criterion (PUT …/scorecard/criteria/{id}). */
export const DECISION_OPTIONS = [
  ["met", "Đạt"],
  ["not_met", "Chưa đạt"],
  ["unclear", "Chưa rõ, cần bổ sung"],
];

export const STANCE_LABELS = { for: "Ủng hộ", against: "Phản bác" };

/** Scorecard rating bands of QĐ 510 (100 points). */
export const RATING_LABELS = {
  xuat_sac: "Xuất sắc",
  kha: "Khá",
  trung_binh: "Trung bình",
  yeu: "Yếu",
};

export const DONE_STATUSES = new Set(["done", "succeeded", "completed", "success"]);
export const FAILED_STATUSES = new Set(["failed", "error"]);

/** Label of a result value; booleans mean đạt / chưa đạt. */
export function resultLabel(value) {
  if (value === true) return RESULT_LABELS.dat;
  if (value === false) return RESULT_LABELS.chua_dat;
  if (value === null || value === undefined || value === "") return RESULT_LABELS.unknown;
  return RESULT_LABELS[value] || RATING_LABELS[value] || String(value);
}

/** CSS modifier for a result value: ok | bad | warn | none. */
export function resultTone(value) {
  if (value === true || ["dat", "met", "pass", "xuat_sac", "kha"].includes(value)) return "ok";
  if (value === false || ["chua_dat", "not_met", "fail", "yeu"].includes(value)) return "bad";
  if (["thieu", "missing", "partial", "unclear", "chua_du_minh_chung", "trung_binh"].includes(value)) return "warn";
  return "none";
}

/** Evidence kinds in legend order (the extract contract's EVIDENCE_KINDS). */
export const EVIDENCE_KINDS_ORDER = ["legal_ref", "date", "count", "criterion_claim"];

/** Document types of the extract contract (DocumentInfo.doc_type). */
export const DOC_TYPES = {
  bao_cao: "Báo cáo",
  ke_hoach: "Kế hoạch",
  cong_van: "Công văn",
  to_trinh: "Tờ trình",
  bien_ban: "Biên bản",
  quyet_dinh: "Quyết định",
  dang_ky: "Bản đăng ký",
  other: "Văn bản khác",
};

/** Vietnamese names of common keys of an evidence value; other keys are shown as they are. */
export const VALUE_KEYS = {
  doc_type: "loại văn bản",
  number: "số",
  code: "ký hiệu",
  date: "ngày",
  start: "từ",
  end: "đến",
  issuer: "cơ quan ban hành",
  key: "khoá",
  value: "giá trị",
  count: "số lượng",
  unit: "đơn vị tính",
  noun: "đối tượng",
  percent: "tỉ lệ",
  period: "thời kỳ",
  year: "năm",
  criterion: "tiêu chí",
  polarity: "chiều",
  granularity: "độ chi tiết",
  iso: "chuẩn hoá",
  kind: "dạng",
  inferred_year: "năm suy ra",
  raw: "nguyên văn",
  article: "điều",
  clause: "khoản",
  title: "trích yếu",
};
