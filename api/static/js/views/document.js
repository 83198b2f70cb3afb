// Document view: normalized text with evidence highlighted by kind; review with buttons or keyboard.

import { get, items, patch, query } from "../api.js";
import { errorBox, h, loading, percent, render, toast } from "../dom.js";
import {
  CRITERION_STATUS, DOC_TYPES, EVIDENCE_KINDS_ORDER, EVIDENCE_STATUS, KIND_LABELS, VALUE_KEYS, VALUE_WORDS,
} from "../labels.js";
import { highlightedText } from "../highlight.js";
import { documentName } from "../model.js";
import { navigate } from "../router.js";
import * as session from "../session.js";
import { undoHistory } from "../undo.js";
import { evidenceHistory } from "./trail.js";

const PAGE_SIZE = 500;

/** Every evidence item of a document, across pages of the list route. */
async function allEvidence(documentId) {
  const all = [];
  for (let page = 1; page < 100; page += 1) {
    const data = await get(`/api/evidence${query({ document_id: documentId, page, page_size: PAGE_SIZE })}`);
    const batch = items(data);
    all.push(...batch);
    if (batch.length < PAGE_SIZE || (data.total !== undefined && all.length >= data.total)) break;
  }
  return all.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Choices of value fields that hold codes (the edit form offers these instead of free text). */
const VALUE_CHOICES = {
  status: () => [...Object.entries(CRITERION_STATUS).filter(([key]) => key !== "missing"),
    ["target", "Chỉ tiêu, kế hoạch"], ["reported", "Đã báo cáo"]],
  modality: () => [["actual", VALUE_WORDS.actual], ["target", VALUE_WORDS.target], ["zero", VALUE_WORDS.zero]],
  kind: () => [["date", "Ngày"], ["period", "Thời kỳ"], ["range", "Khoảng thời gian"], ["recurring", "Định kỳ"]],
  comparator: () => [["", "—"], [">=", VALUE_WORDS[">="]], ["<=", VALUE_WORDS["<="]]],
};

/** A field name in Vietnamese (never the raw key). */
export function fieldName(key) {
  return VALUE_KEYS[key] || "Trường khác";
}

/** One value in words: codes, booleans, lists and objects are never shown raw. */
export function valueWords(key, v) {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "có" : "không";
  if (Array.isArray(v)) return v.length ? v.map((item) => valueWords(key, item)).join(", ") : "—";
  if (typeof v === "object") {
    return Object.entries(v).filter(([, x]) => x !== null && x !== undefined && x !== "")
      .map(([k, x]) => `${fieldName(k).toLowerCase()} ${valueWords(k, x)}`).join("; ") || "—";
  }
  if (key === "status") return (VALUE_CHOICES.status().find(([code]) => code === v) || [null, String(v)])[1];
  return VALUE_WORDS[v] ?? String(v);
}

/** The normalized value as one line per field, in Vietnamese. */
function valueList(value) {
  if (value === null || value === undefined || typeof value !== "object") return valueWords("value", value);
  const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== "");
  if (!entries.length) return "—";
  return h("ul", { class: "value-list" }, entries.map(([key, v]) => h("li", {},
    h("span", { class: "value-key" }, `${fieldName(key)}: `), valueWords(key, v))));
}

/** An input for one value field: a choice for codes and booleans, a number box for numbers, text otherwise.
 * Returns {el, read()} where read() gives the value in the original type. */
function fieldInput(key, original) {
  const name = `value-${key}`;
  if (VALUE_CHOICES[key] && (typeof original === "string" || original === null)) {
    const options = VALUE_CHOICES[key]();
    if (original && !options.some(([code]) => code === original)) options.push([original, valueWords(key, original)]);
    const select = h("select", { name }, options.map(([code, text]) =>
      h("option", { value: code, selected: (original ?? "") === code }, text)));
    return { el: select, read: () => (select.value === "" ? null : select.value) };
  }
  if (typeof original === "boolean") {
    const select = h("select", { name }, h("option", { value: "true", selected: original }, "Có"),
      h("option", { value: "false", selected: !original }, "Không"));
    return { el: select, read: () => select.value === "true" };
  }
  if (typeof original === "number") {
    const input = h("input", { name, type: "number", step: "any", value: String(original) });
    return { el: input, read: () => (input.value === "" ? null : Number(input.value)) };
  }
  if (Array.isArray(original)) {
    const input = h("input", { name, value: original.map((item) => (item === "all" ? "tất cả" : String(item))).join(", "),
      title: "Cách nhau bằng dấu phẩy; “tất cả” cho mọi tiêu chí" });
    const one = (text) => (/^t[aấ]t c[aả]$/i.test(text) ? "all" : /^\d+$/.test(text) ? Number(text) : text);
    return { el: input, read: () => input.value.split(",").map((x) => x.trim()).filter(Boolean).map(one) };
  }
  if (original !== null && typeof original === "object") {
    const input = h("input", { name, value: JSON.stringify(original), readOnly: true,
      title: "Trường phức hợp: không sửa ở đây" });
    return { el: input, read: () => original };
  }
  const input = h("input", { name, value: original ?? "" });
  return { el: input, read: () => (input.value === "" && original === null ? null : input.value) };
}

/** The TT124 criteria for the document's unit kind (all criteria when that is unknown). */
async function criteriaFor(doc) {
  try {
    const dossier = await get(`/api/dossiers/${doc.dossier_id}`);
    const kind = dossier.unit?.kind || doc.info?.subject_type;
    const list = items(await get(`/api/criteria${query({ subject_type: kind })}`));
    return list.length ? list : items(await get("/api/criteria"));
  } catch {
    return [];
  }
}

const KEYS_PREF = "minhchung.review_keys";
const EXTRACTOR_KINDS = { claims: "criterion_claim", counts: "count", dates: "date", legal_refs: "legal_ref" };

/** Is the key press meant for a text field rather than for the review? (Checkboxes and buttons are not.) */
function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.closest("textarea, select, [contenteditable='true'], [contenteditable='']")) return true;
  const input = target.closest("input");
  return Boolean(input) && !["checkbox", "radio", "button", "submit", "reset"].includes(input.type);
}

const shortcutList = () => [
  ["j", "minh chứng kế tiếp"],
  ["k", "minh chứng trước"],
  ["c", "xác nhận rồi sang minh chứng kế tiếp"],
  ["r", "bác bỏ rồi sang minh chứng kế tiếp"],
  ["s", "bỏ qua"],
  ["Backspace / Ctrl+Z", "hoàn tác thay đổi vừa rồi"],
  ["e", "sửa giá trị / tiêu chí"],
  ["u", `đưa về “${EVIDENCE_STATUS.proposed}”`],
  ["Esc", "đóng ô sửa"],
];

export async function showDocument(app, params, queryParams) {
  render(app, loading());
  let doc;
  let evidence;
  let criteria = [];
  try {
    [doc, evidence] = await Promise.all([get(`/api/documents/${params.id}`), allEvidence(params.id)]);
    criteria = await criteriaFor(doc);
  } catch (err) {
    render(app, errorBox(err));
    return null;
  }
  const criteriaById = new Map(criteria.map((c) => [c.id, c]));
  const editable = session.canEdit();
  const state = {
    selectedId: queryParams.evidence || null,
    editing: false,
    keys: localStorage.getItem(KEYS_PREF) !== "off",
    undo: undoHistory(`document.${doc.id}`, session.user()?.username), // [{id, status before}], kept over a reload
    kinds: new Set(EVIDENCE_KINDS_ORDER),
    statuses: new Set(Object.keys(EVIDENCE_STATUS)),
  };
  let marks = new Map();

  const textBox = h("section", { class: "doc-pane card" });
  const legendBox = h("div", { class: "legend-bar" });
  const side = h("aside", { class: "side-pane" });
  const visible = () => evidence.filter((ev) => state.kinds.has(ev.kind) && state.statuses.has(ev.status));
  const selected = () => evidence.find((ev) => ev.id === state.selectedId) || null;

  // A <mark> may not be named with aria-label (ARIA: naming prohibited); its text is its name, and its kind and
  // review state are its description, one hidden line per (kind, state) pair, referenced by aria-describedby.
  const descriptions = h("div", { hidden: true });
  function describedBy(ev) {
    const id = `ev-desc-${ev.kind}-${ev.status}`.replace(/[^\w-]/g, "_");
    if (!descriptions.querySelector(`#${id}`)) {
      descriptions.append(h("span", { id }, `${KIND_LABELS[ev.kind] || ev.kind}, ${EVIDENCE_STATUS[ev.status] || ev.status}`));
    }
    return id;
  }

  function markAttrs(ev) {
    return {
      class: `ev kind-${ev.kind} status-${ev.status}${ev.id === state.selectedId ? " is-selected" : ""}`,
      "data-evidence-id": ev.id,
      "data-kind": ev.kind,
      "data-status": ev.status,
      tabindex: "0",
      "aria-describedby": describedBy(ev),
      title: `${KIND_LABELS[ev.kind] || ev.kind} · ${EVIDENCE_STATUS[ev.status] || ev.status}`,
    };
  }

  function drawText() {
    if (doc.text === null || doc.text === undefined) {
      render(textBox, h("p", { class: "muted" }, "Tài liệu chưa xử lý xong; hãy quay lại sau."));
      return;
    }
    const built = highlightedText(doc.text, visible(), markAttrs);
    marks = built.marks;
    render(textBox, built.el);
  }

  function refreshMark(ev) {
    const mark = marks.get(ev.id);
    if (!mark) return;
    mark.className = markAttrs(ev).class;
    mark.dataset.status = ev.status;
    mark.title = markAttrs(ev).title;
    mark.setAttribute("aria-describedby", describedBy(ev));
  }

  function select(id, { scroll = true } = {}) {
    const previous = marks.get(state.selectedId);
    if (previous) previous.classList.remove("is-selected");
    state.selectedId = id;
    state.editing = false;
    const mark = marks.get(id);
    if (mark) {
      mark.classList.add("is-selected");
      if (scroll) mark.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    drawSide();
  }

  function step(delta) {
    const list = visible();
    if (!list.length) return;
    const index = list.findIndex((ev) => ev.id === state.selectedId);
    const next = index === -1 ? (delta > 0 ? 0 : list.length - 1) : (index + delta + list.length) % list.length;
    select(list[next].id);
  }

  let saving = false;

  async function save(ev, changes, doneText) {
    if (saving) return false; // one change at a time: a second key press must not reuse a stale version
    saving = true;
    try {
      const updated = await patch(`/api/evidence/${encodeURIComponent(ev.id)}`, { version: ev.version, ...changes });
      Object.assign(ev, updated);
      state.editing = false;
      refreshMark(ev);
      drawSide();
      toast(doneText, "ok");
      return true;
    } catch (err) {
      if (err.status === 409) {
        const current = err.body?.error?.current ?? err.body?.current;
        if (current) Object.assign(ev, current);
        refreshMark(ev);
        drawSide();
        toast("Minh chứng vừa được người khác thay đổi; đã tải bản mới nhất, hãy thử lại.", "error");
      } else {
        toast(err.message, "error");
      }
      return false;
    } finally {
      saving = false;
    }
  }

  const setStatus = async (status, { advance = false } = {}) => {
    const ev = selected();
    if (!ev || !editable) return;
    const text = { confirmed: "Đã xác nhận minh chứng.", rejected: "Đã bác bỏ minh chứng.",
      proposed: `Đã đưa về “${EVIDENCE_STATUS.proposed}”.` };
    const before = ev.status;
    if (await save(ev, { status }, text[status])) {
      if (before !== status) state.undo.push({ id: ev.id, status: before });
      if (advance) step(1);
    }
  };

  async function undo() {
    if (!editable) return;
    const last = state.undo.pop();
    if (!last) {
      toast("Không còn thay đổi nào để hoàn tác.", "info");
      return;
    }
    const ev = evidence.find((item) => item.id === last.id);
    if (!ev) return;
    select(ev.id);
    if (!(await save(ev, { status: last.status }, `Đã hoàn tác: “${EVIDENCE_STATUS[last.status]}”.`))) state.undo.push(last);
  }

  function legend() {
    const counts = {};
    for (const ev of evidence) counts[ev.kind] = (counts[ev.kind] || 0) + 1;
    const statusCounts = {};
    for (const ev of evidence) statusCounts[ev.status] = (statusCounts[ev.status] || 0) + 1;
    const toggle = (set, key) => (event) => {
      if (event.target.checked) set.add(key);
      else set.delete(key);
      drawText();
    };
    return h("section", { class: "legend", "data-testid": "legend", "aria-label": "Chú giải" },
      h("strong", { class: "legend-title" }, "Chú giải:"),
      h("ul", { class: "legend-list" }, EVIDENCE_KINDS_ORDER.map((kind) => h("li", {},
        h("label", { class: "check" },
          h("input", { type: "checkbox", checked: state.kinds.has(kind), onchange: toggle(state.kinds, kind) }),
          h("span", { class: `swatch kind-${kind}` }), ` ${KIND_LABELS[kind]} `,
          h("span", { class: "muted small" }, `(${counts[kind] || 0})`))))),
      h("ul", { class: "legend-list legend-status" }, Object.entries(EVIDENCE_STATUS).map(([status, label]) => h("li", {},
        h("label", { class: "check" },
          h("input", { type: "checkbox", checked: state.statuses.has(status), onchange: toggle(state.statuses, status) }),
          h("span", { class: `status-chip status-${status}` }, label), ` `,
          h("span", { class: "muted small", "data-testid": `count-${status}` }, `(${statusCounts[status] || 0})`))))));
  }

  function criterionLine(id) {
    const c = criteriaById.get(id);
    return h("li", {}, h("strong", {}, id), c ? ` — ${c.title_vi || c.title || ""}` : "");
  }

  function editForm(ev) {
    const fields = Object.entries(ev.value || {}).map(([key, val]) => {
      const input = fieldInput(key, val);
      return { key, val, input, el: h("label", {}, fieldName(key), input.el) };
    });
    const criteriaSelect = h("select", { multiple: true, size: "6", name: "criteria", "aria-label": "Tiêu chí" },
      [...criteria, ...(ev.criteria || []).filter((id) => !criteriaById.has(id)).map((id) => ({ id }))].map((c) =>
        h("option", { value: c.id, selected: (ev.criteria || []).includes(c.id) },
          `${c.id}${c.title_vi ? ` — ${c.title_vi}` : ""}`)));
    const note = h("input", { name: "note", placeholder: "Lý do sửa (ghi vào nhật ký)" });
    const form = h("form", {
      class: "edit-form", "data-testid": "edit-form",
      onsubmit: (event) => {
        event.preventDefault();
        const value = Object.fromEntries(fields.map((f) => [f.key, f.input.read()]));
        const chosen = [...criteriaSelect.selectedOptions].map((o) => o.value);
        save(ev, { value, criteria: chosen, note: note.value.trim() || undefined }, "Đã lưu thay đổi.");
      },
      onkeydown: (event) => {
        if (event.key === "Escape") {
          state.editing = false;
          drawSide();
        }
      },
    },
    h("h3", {}, "Sửa minh chứng"),
    fields.map((f) => f.el),
    h("label", {}, "Tiêu chí TT124 (giữ Ctrl để chọn nhiều)", criteriaSelect),
    h("label", {}, "Ghi chú", note),
    h("div", { class: "btn-row" },
      h("button", { class: "btn btn-primary", type: "submit" }, "Lưu"),
      h("button", { class: "btn", type: "button", onclick: () => { state.editing = false; drawSide(); } }, "Huỷ")));
    setTimeout(() => (fields[0]?.input.el ?? criteriaSelect).focus(), 0);
    return form;
  }

  function detail() {
    const ev = selected();
    if (!ev) {
      return h("section", { class: "card detail" }, h("h2", { class: "h3" }, "Minh chứng"),
        h("p", { class: "muted" }, "Bấm vào một đoạn được tô màu, hoặc nhấn j / k để duyệt lần lượt."));
    }
    const index = visible().findIndex((e) => e.id === ev.id);
    return h("section", { class: `card detail status-${ev.status}`, "data-testid": "evidence-detail", "data-evidence-id": ev.id,
      "aria-labelledby": "detail-title" },
      h("h2", { class: "visually-hidden", id: "detail-title" }, "Minh chứng đang xem"),
      h("div", { class: "detail-head" },
        h("span", { class: `kind-chip kind-${ev.kind}` }, KIND_LABELS[ev.kind] || ev.kind),
        h("span", { class: `status-chip status-${ev.status}`, "data-testid": "detail-status" }, EVIDENCE_STATUS[ev.status] || ev.status),
        h("span", { class: "muted small" }, index >= 0 ? `${index + 1}/${visible().length}` : "")),
      h("blockquote", {}, ev.text),
      h("dl", { class: "facts" },
        h("dt", {}, "Giá trị"), h("dd", { class: "value", "data-testid": "detail-value" }, valueList(ev.value)),
        h("dt", {}, "Trang"), h("dd", {}, ev.page ?? "—"),
        h("dt", {}, "Tiêu chí"), h("dd", {}, ev.criteria?.length
          ? h("ul", { class: "criteria-list" }, ev.criteria.map(criterionLine)) : "—"),
        h("dt", {}, "Độ tin cậy"), h("dd", {}, percent(ev.confidence)),
        h("dt", {}, "Tìm bởi"), h("dd", { class: "small" }, ev.extractor === "assessor" ? "cán bộ thẩm định"
          : `bộ tìm ${KIND_LABELS[EXTRACTOR_KINDS[ev.extractor]] || KIND_LABELS[ev.kind] || ""}`.trim().toLowerCase()),
        h("dt", {}, "Vị trí"), h("dd", { class: "small" }, `ký tự ${ev.start}–${ev.end}`),
        // A reviewer only for a reviewed item: after an undo back to "Chưa xem xét" updated_by still names whoever
        // changed it last, who did not review it.
        ev.updated_by && ev.status !== "proposed"
          ? [h("dt", {}, "Người duyệt"), h("dd", { "data-testid": "detail-reviewer" }, ev.updated_by)] : null),
      editable && !state.editing ? h("div", { class: "btn-row" },
        h("button", { class: "btn btn-ok", type: "button", "data-action": "confirm", onclick: () => setStatus("confirmed"),
          disabled: ev.status === "confirmed" }, "Xác nhận ", h("kbd", {}, "c")),
        h("button", { class: "btn btn-bad", type: "button", "data-action": "reject", onclick: () => setStatus("rejected"),
          disabled: ev.status === "rejected" }, "Bác bỏ ", h("kbd", {}, "r")),
        h("button", { class: "btn", type: "button", "data-action": "edit", onclick: () => { state.editing = true; drawSide(); } },
          "Sửa ", h("kbd", {}, "e")),
        ev.status !== "proposed" ? h("button", { class: "btn btn-link", type: "button", onclick: () => setStatus("proposed") },
          `Đưa về “${EVIDENCE_STATUS.proposed}” `, h("kbd", {}, "u")) : null) : null,
      editable && state.editing ? editForm(ev) : null,
      !editable ? h("p", { class: "muted small" }, "Chế độ chỉ xem: vai trò của bạn không được sửa minh chứng.") : null,
      historyBox(ev));
  }

  function historyBox(ev) {
    const box = h("div", { class: "history" });
    const details = h("details", {
      ontoggle: async () => {
        if (!details.open || box.dataset.loaded) return;
        box.dataset.loaded = "1";
        render(box, loading());
        try {
          render(box, await evidenceHistory(ev.id));
        } catch (err) {
          render(box, errorBox(err));
        }
      },
    }, h("summary", {}, "Lịch sử thay đổi"), box);
    return details;
  }

  function shortcuts() {
    const list = editable ? shortcutList() : shortcutList().slice(0, 2);
    return h("section", { class: "card shortcuts", "data-testid": "shortcuts" }, h("h2", { class: "h3" }, "Phím tắt"),
      h("label", { class: "check" }, h("input", { type: "checkbox", checked: state.keys, "data-testid": "keys-toggle",
        onchange: (event) => {
          state.keys = event.target.checked;
          localStorage.setItem(KEYS_PREF, state.keys ? "on" : "off");
        } }), " Dùng phím tắt một phím"),
      h("ul", {}, list.map(([key, text]) => h("li", {}, h("kbd", {}, key), ` ${text}`))),
      editable ? h("button", { class: "btn btn-small", type: "button", "data-action": "undo", onclick: undo },
        "Hoàn tác thay đổi vừa rồi") : null);
  }

  function drawSide() {
    render(side, detail(), shortcuts());
    render(legendBox, legend());
  }

  textBox.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-evidence-id]");
    if (mark) select(mark.dataset.evidenceId, { scroll: false });
  });
  textBox.addEventListener("focusin", (event) => {
    const mark = event.target.closest("mark[data-evidence-id]");
    if (mark && mark.dataset.evidenceId !== state.selectedId) select(mark.dataset.evidenceId, { scroll: false });
  });

  const onKey = (event) => {
    if (event.key === "Escape" && state.editing) {
      state.editing = false;
      drawSide();
      return;
    }
    if (!state.keys || typing(event.target)) return;
    const ctrlZ = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "z";
    if (ctrlZ || (event.key === "Backspace" && !event.ctrlKey && !event.metaKey && !event.altKey)) {
      event.preventDefault();
      undo();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const actions = {
      j: () => step(1), k: () => step(-1), s: () => step(1),
      c: () => setStatus("confirmed", { advance: true }), r: () => setStatus("rejected", { advance: true }),
      u: () => setStatus("proposed"),
      e: () => { if (editable && selected()) { state.editing = true; drawSide(); } },
      Escape: () => { state.editing = false; drawSide(); },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  document.addEventListener("keydown", onKey);

  const info = doc.info || {};
  render(app,
    h("div", { class: "page-head" },
      h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Danh sách hồ sơ"), " / ",
        h("a", { href: `#/dossiers/${doc.dossier_id}` }, `Hồ sơ #${doc.dossier_id}`), " / ", documentName(doc)),
      h("h1", {}, info.title || documentName(doc)),
      h("p", { class: "muted" }, [DOC_TYPES[info.doc_type] || info.doc_type, info.number, info.issued_on, info.issuer,
        doc.page_count ? `${doc.page_count} trang` : null, `${evidence.length} minh chứng`].filter(Boolean).join(" · ")),
      h("div", { class: "btn-row" },
        h("a", { class: "btn btn-small", href: `/api/documents/${doc.id}/file`, download: "" }, "Tải tệp gốc"),
        h("button", { class: "btn btn-small", type: "button",
          onclick: () => navigate(`/dossiers/${doc.dossier_id}?tab=criteria`) }, "Xem theo tiêu chí"))),
    h("div", { class: "doc-layout" }, h("div", { class: "doc-main" }, legendBox, textBox), side), descriptions);
  drawText();
  drawSide();
  if (state.selectedId) select(state.selectedId);
  return () => document.removeEventListener("keydown", onKey);
}
