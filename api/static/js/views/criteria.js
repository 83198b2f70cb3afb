// Per-criterion panel, built for deciding: for each TT124 criterion the sentences that decide it (document, page,
// the sentence, a button opening the PDF page), then its points, with dates and citations folded under their
// sentence; one decision at a time with the keyboard (c / r decide and move on, s skips, Backspace / Ctrl+Z
// undoes the last decision), progress per document; the keys can be switched off (WCAG 2.1.4).

import { get, put, request } from "../api.js";
import { dateTime, errorBox, h, loading, percent, render, toast } from "../dom.js";
import { CRITERION_STATUS, EVIDENCE_STATUS, KIND_LABELS, STANCE_LABELS, decisionOptions, hint } from "../labels.js";
import { criterionTitle } from "../model.js";
import * as session from "../session.js";
import { undoHistory } from "../undo.js";
import { progressBar, resultBadge } from "./dossiers.js";

const KEYS_PREF = "minhchung.criteria_keys";
const KEY_DECISIONS = { c: "met", r: "not_met" };
const CITATION_KINDS = new Set(["date", "legal_ref", "count"]);

/** Is the key press meant for a text field rather than for the panel? (Checkboxes and buttons are not.) */
function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.closest("textarea, select, [contenteditable='true'], [contenteditable='']")) return true;
  const input = target.closest("input");
  return Boolean(input) && !["checkbox", "radio", "button", "submit", "reset"].includes(input.type);
}

function pdfHref(documentId, page) {
  return `/api/documents/${documentId}/file${page ? `#page=${page}` : ""}`;
}

function evidenceLine(ev) {
  return h("li", { class: `ev-item status-${ev.status}` },
    h("span", { class: `kind-chip kind-${ev.kind}` }, KIND_LABELS[ev.kind] || ev.kind),
    h("a", { href: `#/documents/${ev.document_id}?evidence=${encodeURIComponent(ev.id)}`, class: "ev-text" }, `“${ev.text}”`),
    ev.page ? h("span", { class: "muted small" }, ` tr. ${ev.page}`) : null,
    h("span", { class: `status-chip status-${ev.status}` }, EVIDENCE_STATUS[ev.status] || ev.status));
}

/** The evidence of a criterion that sits in the deciding sentence (same document, inside its span). */
function inside(sentence, ev) {
  return ev.document_id === sentence.document_id && (ev.page ?? null) === (sentence.page ?? null)
    && (sentence.text || "").includes(ev.text);
}

function decidingList(row) {
  const deciding = row.deciding || [];
  const evidence = row.evidence || [];
  const used = new Set();
  const items = deciding.map((sentence, index) => {
    const cited = evidence.filter((ev) => CITATION_KINDS.has(ev.kind) && inside(sentence, ev));
    cited.forEach((ev) => used.add(ev.id));
    const stance = STANCE_LABELS[sentence.stance] || null;
    return h("li", { class: `deciding stance-${sentence.stance || "none"}`, "data-testid": "deciding-sentence" },
      h("div", { class: "deciding-head" },
        h("span", { class: "deciding-source", "data-testid": "deciding-source" },
          h("strong", {}, sentence.document || `Tài liệu #${sentence.document_id}`),
          sentence.page ? ` · trang ${sentence.page}` : ""),
        stance ? h("span", { class: "stance-chip" }, stance) : null,
        sentence.document_id
          ? h("a", { class: "btn btn-small", href: pdfHref(sentence.document_id, sentence.page), target: "_blank",
              rel: "noopener", "data-testid": "open-page",
              "aria-label": `Mở ${sentence.document || "tài liệu"}${sentence.page ? ` trang ${sentence.page}` : ""} (câu ${index + 1})` },
            sentence.page ? `Mở trang ${sentence.page}` : "Mở tệp")
          : null),
      h("blockquote", { class: "deciding-text" }, sentence.text),
      cited.length
        ? h("details", { class: "cited" }, h("summary", {}, `Ngày, căn cứ, số liệu trong câu (${cited.length})`),
            h("ul", { class: "ev-list" }, cited.map(evidenceLine)))
        : null);
  });
  const rest = evidence.filter((ev) => !used.has(ev.id));
  return [
    deciding.length
      ? h("ol", { class: "deciding-list", "aria-label": `Câu quyết định của tiêu chí ${row.id}` }, items)
      : h("p", { class: "muted small" }, "Không có câu nào trong hồ sơ quyết định tiêu chí này."),
    rest.length
      ? h("details", { class: "cited" }, h("summary", {}, `Minh chứng khác của tiêu chí (${rest.length})`),
          h("ul", { class: "ev-list" }, rest.map(evidenceLine)))
      : null,
  ];
}

function pointsList(row) {
  const points = row.points || [];
  if (!points.length) return null;
  return h("div", { class: "points" }, h("h4", {}, "Các điểm của khoản"),
    h("ul", { class: "points-list" }, points.map((point) => h("li", {},
      h("span", { class: "point-id" }, `Điểm ${point.point}) `), point.title || "", " ", resultBadge(point.status)))));
}

function decisionText(decision) {
  if (!decision) return h("span", { class: "muted", "data-testid": "decision-text" }, "Chưa có quyết định");
  return h("span", { "data-testid": "decision-text" }, resultBadge(decision.decision),
    h("span", { class: "muted small" }, ` ${decision.decided_by || ""} · ${dateTime(decision.decided_at)}`),
    decision.note ? h("div", { class: "small" }, `Ghi chú: ${decision.note}`) : null);
}

/** Draw the criteria panel into `container`; returns a dispose function. */
export async function criteriaPanel(container, dossier, onChange) {
  render(container, loading());
  const editable = session.canEdit();
  const state = {
    onlyOpen: false,
    keys: localStorage.getItem(KEYS_PREF) !== "off",
    currentId: null,
    // [{id, before: {decision, note}|null, version: version after the change}], kept over a reload
    undo: undoHistory(`dossier.${dossier.id}`, session.user()?.username),
    busy: false,
  };
  let scorecard;
  let audit = null;
  const notes = new Map(); // criterion id → note being typed

  const rows = () => (scorecard.criteria || []).filter((row) => !state.onlyOpen || !row.decision
    || row.id === state.currentId);
  const current = () => (scorecard.criteria || []).find((row) => row.id === state.currentId) || null;

  function firstOpen(afterId = null) {
    const list = scorecard.criteria || [];
    const start = afterId ? list.findIndex((row) => row.id === afterId) + 1 : 0;
    const ordered = [...list.slice(start), ...list.slice(0, start)];
    return (ordered.find((row) => !row.decision) || ordered[0] || null)?.id ?? null;
  }

  function move(delta) {
    const list = rows();
    if (!list.length) return;
    const index = list.findIndex((row) => row.id === state.currentId);
    // Nothing current yet (as in the document review): j takes the first criterion, k the last.
    const next = index === -1 ? (delta > 0 ? 0 : list.length - 1) : (index + delta + list.length) % list.length;
    state.currentId = list[next].id;
    draw({ focus: true });
  }

  function replaceRow(saved) {
    const list = scorecard.criteria || [];
    const at = list.findIndex((row) => row.id === saved.id);
    if (at >= 0) list[at] = { ...list[at], ...saved };
    scorecard.decided = list.filter((row) => row.decision).length;
  }

  async function send(row, decision, note) {
    const path = `/api/dossiers/${dossier.id}/scorecard/criteria/${encodeURIComponent(row.id)}`;
    if (decision === null) return request("DELETE", `${path}?version=${row.decision.version}`);
    return put(path, { decision, note: note ?? row.decision?.note ?? "", version: row.decision?.version ?? 0 });
  }

  /** Decide (or clear with null) the criterion `row`; remembered for undo; moves to the next open one. */
  async function decide(row, decision, { advance = true } = {}) {
    if (!editable || !row || state.busy) return;
    if (decision === null && !row.decision) return;
    state.busy = true;
    const before = row.decision ? { decision: row.decision.decision, note: row.decision.note ?? "" } : null;
    try {
      const saved = await send(row, decision, notes.get(row.id));
      replaceRow(saved);
      notes.delete(row.id);
      state.undo.push({ id: row.id, before, version: saved.decision?.version ?? null });
      const words = decision ? `“${CRITERION_STATUS[decision]}”` : "đã xoá quyết định";
      toast(`${row.id}: ${words}.`, "ok");
      if (advance && decision) state.currentId = firstOpen(row.id);
      draw({ focus: true });
      onChange?.();
    } catch (err) {
      toast(err.status === 409 ? "Quyết định vừa được người khác thay đổi; đã tải lại." : err.message, "error");
      if (err.status === 409) await reload();
    } finally {
      state.busy = false;
    }
  }

  async function undo() {
    if (!editable || state.busy) return;
    const last = state.undo.pop();
    if (!last) {
      toast("Không còn quyết định nào để hoàn tác.", "info");
      return;
    }
    const row = (scorecard.criteria || []).find((item) => item.id === last.id);
    if (!row) return;
    state.busy = true;
    try {
      const path = `/api/dossiers/${dossier.id}/scorecard/criteria/${encodeURIComponent(row.id)}`;
      const version = row.decision?.version ?? 0;
      const saved = last.before
        ? await put(path, { decision: last.before.decision, note: last.before.note ?? "", version })
        : await request("DELETE", `${path}?version=${version}`);
      replaceRow(saved);
      state.currentId = row.id;
      toast(`Đã hoàn tác quyết định tiêu chí ${row.id}.`, "ok");
      draw({ focus: true });
      onChange?.();
    } catch (err) {
      state.undo.push(last);
      toast(err.status === 409 ? "Quyết định vừa được người khác thay đổi; không hoàn tác được." : err.message, "error");
    } finally {
      state.busy = false;
    }
  }

  function decisionControls(row) {
    if (!editable) return h("p", { class: "muted small" }, "Chế độ chỉ xem.");
    const note = h("input", { type: "text", class: "decision-note", placeholder: "Ghi chú (không bắt buộc)",
      "aria-label": `Ghi chú quyết định tiêu chí ${row.id}`, value: notes.get(row.id) ?? row.decision?.note ?? "",
      oninput: (event) => notes.set(row.id, event.target.value) });
    const keyOf = { met: "c", not_met: "r" };
    return h("div", { class: "decision-controls", role: "group", "aria-label": `Quyết định tiêu chí ${row.id}` },
      decisionOptions().map(([value, text]) => h("button", {
        class: `btn btn-small btn-decide decide-${value}${row.decision?.decision === value ? " is-chosen" : ""}`,
        type: "button", "data-decision": value, "aria-pressed": row.decision?.decision === value ? "true" : "false",
        title: hint("criterion_status", value),
        onclick: () => { state.currentId = row.id; decide(row, value); },
      }, text, keyOf[value] && state.keys ? [" ", h("kbd", {}, keyOf[value])] : null)),
      h("button", { class: "btn btn-small btn-link", type: "button", "data-action": "skip",
        onclick: () => { state.currentId = row.id; move(1); } }, "Bỏ qua", state.keys ? [" ", h("kbd", {}, "s")] : null),
      row.decision ? h("button", { class: "btn btn-small btn-link", type: "button", "data-action": "clear",
        onclick: () => decide(row, null, { advance: false }) }, "Xoá quyết định") : null,
      note);
  }

  function criterionCard(row) {
    const isCurrent = row.id === state.currentId;
    return h("article", {
      class: `criterion card ${row.needs_assessor ? "needs-review" : ""}${isCurrent ? " is-current" : ""}`,
      "data-criterion": row.id, tabindex: "-1", "aria-current": isCurrent ? "true" : false,
      "aria-labelledby": `crit-${row.id.replace(/\W/g, "-")}`,
      onclick: (event) => {
        if (state.currentId === row.id || event.target.closest("a, button, input, summary")) return;
        state.currentId = row.id;
        draw();
      },
    },
    h("header", { class: "criterion-head" },
      h("div", {}, h("span", { class: "criterion-id" }, row.id),
        isCurrent ? h("span", { class: "current-chip", "data-testid": "current-mark" }, "Đang chọn") : null,
        h("h3", { id: `crit-${row.id.replace(/\W/g, "-")}` }, criterionTitle(row))),
      h("div", { class: "criterion-status" },
        h("span", { class: "muted small" }, "Hệ thống đề xuất: "), resultBadge(row.proposed, hint("criterion_status", row.proposed)),
        row.confidence !== undefined && row.confidence !== null
          ? h("span", { class: "muted small" }, ` độ tin cậy ${percent(row.confidence)}`) : null,
        row.needs_assessor ? h("span", { class: "flag" }, "Cần cán bộ xem xét") : null)),
    (row.reasons || []).length ? h("ul", { class: "reasons small" }, row.reasons.map((reason) => h("li", {}, reason))) : null,
    h("section", { class: "deciding-box" }, h("h4", {}, "Câu quyết định"), decidingList(row)),
    pointsList(row),
    h("footer", { class: "criterion-foot" },
      h("div", {}, h("span", { class: "stat-label" }, "Quyết định của cán bộ: "), decisionText(row.decision)),
      decisionControls(row)));
  }

  /** Per document: of the criteria its sentences decide, how many have a decision. */
  function documentProgress() {
    const byDoc = new Map();
    for (const row of scorecard.criteria || []) {
      for (const sentence of row.deciding || []) {
        if (!sentence.document_id) continue;
        const entry = byDoc.get(sentence.document_id) || { name: sentence.document, ids: new Set(), decided: new Set() };
        entry.ids.add(row.id);
        if (row.decision) entry.decided.add(row.id);
        byDoc.set(sentence.document_id, entry);
      }
    }
    if (!byDoc.size) return null;
    return h("ul", { class: "doc-progress", "data-testid": "document-progress" }, [...byDoc.values()].map((entry) => {
      const ratio = entry.ids.size ? entry.decided.size / entry.ids.size : 0;
      return h("li", {}, h("span", { class: "small" }, entry.name),
        progressBar(ratio, `${entry.decided.size}/${entry.ids.size} tiêu chí`, `Tiến độ quyết định theo tài liệu ${entry.name}`));
    }));
  }

  /** What the dossier still lacks (per-dossier missing-criteria audit), above the criteria. */
  function auditNotice() {
    if (!audit) return null;
    const docs = audit.missing_documents || [];
    const missing = audit.missing_criteria || [];
    const against = audit.contradicted || [];
    const foreign = (audit.mismatched_documents || []).filter((item) => item.held_out);
    if (!docs.length && !missing.length && !against.length && !foreign.length) return null;
    return h("section", { class: "card notice", "data-testid": "dossier-audit" },
      h("h2", { class: "h3" }, "Hồ sơ còn thiếu"),
      h("ul", { class: "plain-list" },
        missing.length ? h("li", {}, `${CRITERION_STATUS.missing}: ${missing.join(", ")}`) : null,
        against.length ? h("li", {}, `${CRITERION_STATUS.not_met}: ${against.join(", ")}`) : null,
        foreign.length ? h("li", {}, `Tài liệu không khớp hồ sơ, chưa tính vào đề xuất: ${foreign.map((d) => d.filename).join(", ")}`) : null,
        docs.length ? h("li", {}, `Văn bản nên có: ${docs.map((d) => d.label_vi ?? d.doc_type ?? d).join("; ")}`) : null,
        (audit.notes || []).map((note) => h("li", {}, typeof note === "object" ? note.message_vi ?? "" : note))));
  }

  function toolbar() {
    const total = scorecard.total ?? (scorecard.criteria || []).length;
    const decided = scorecard.decided ?? 0;
    return h("div", { class: "review-bar card" },
      h("h2", {}, "Tiêu chí TT124"),
      h("div", { class: "review-progress" },
        h("span", { class: "stat-label" }, `${decided}/${total} tiêu chí đã có quyết định`),
        progressBar(total ? decided / total : 0, `${decided}/${total}`, "Tiêu chí đã có quyết định")),
      documentProgress(),
      h("div", { class: "review-options" },
        h("label", { class: "check" },
          h("input", { type: "checkbox", checked: state.onlyOpen, "data-testid": "only-open",
            onchange: (event) => { state.onlyOpen = event.target.checked; draw(); } }),
          " Chỉ hiện tiêu chí chưa quyết định"),
        editable ? h("label", { class: "check" },
          h("input", { type: "checkbox", checked: state.keys, "data-testid": "keys-toggle",
            onchange: (event) => {
              state.keys = event.target.checked;
              localStorage.setItem(KEYS_PREF, state.keys ? "on" : "off");
              draw();
            } }),
          " Phím tắt một phím") : null,
        editable ? h("button", { class: "btn btn-small", type: "button", "data-action": "undo",
          disabled: !state.undo.length, onclick: undo }, "Hoàn tác quyết định vừa rồi") : null),
      editable && state.keys ? h("p", { class: "muted small shortcuts-line", "data-testid": "shortcuts" },
        h("kbd", {}, "c"), ` ${CRITERION_STATUS.met} · `, h("kbd", {}, "r"), ` ${CRITERION_STATUS.not_met} · `,
        h("kbd", {}, "s"), " bỏ qua · ", h("kbd", {}, "j"), "/", h("kbd", {}, "k"), " tiêu chí sau/trước · ",
        h("kbd", {}, "Backspace"), " hoặc ", h("kbd", {}, "Ctrl+Z"), " hoàn tác",
        current() ? null : h("span", { "data-testid": "start-hint" }, " — nhấn ", h("kbd", {}, "j"),
          " để chọn tiêu chí đầu tiên")) : null);
  }

  const list = h("div", { class: "criteria-list" });

  /** How far down the sticky bars (top bar, the review bar when it sticks) reach: a card scrolled into view
   * starts below them (its scroll-margin-top). */
  function stickyOffset() {
    const topbar = document.getElementById("topbar");
    const bar = container.querySelector(".review-bar");
    let offset = topbar && getComputedStyle(topbar).position === "sticky" ? topbar.offsetHeight : 0;
    if (bar && getComputedStyle(bar).position === "sticky") {
      offset = Math.max(offset, (parseFloat(getComputedStyle(bar).top) || 0) + bar.offsetHeight);
    }
    return offset;
  }

  function draw({ focus = false } = {}) {
    const shown = rows();
    render(list, shown.length ? shown.map(criterionCard)
      : h("p", { class: "empty" }, "Không có tiêu chí nào để hiển thị."));
    render(container, auditNotice(), toolbar(), list);
    if (focus) {
      const card = list.querySelector(".criterion.is-current");
      if (card) {
        card.style.scrollMarginTop = `${stickyOffset() + 8}px`;
        card.focus({ preventScroll: true });
        card.scrollIntoView({ block: "start" });
      }
    }
  }

  async function reload() {
    try {
      scorecard = await get(`/api/dossiers/${dossier.id}/scorecard`);
      if (!current()) state.currentId = null;
      draw();
      onChange?.();
    } catch (err) {
      render(container, errorBox(err));
    }
  }

  const onKey = (event) => {
    if (!editable || !state.keys || !container.isConnected || typing(event.target)) return;
    const ctrlZ = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "z";
    if (ctrlZ || (event.key === "Backspace" && !event.ctrlKey && !event.metaKey && !event.altKey)) {
      event.preventDefault();
      undo();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const pick = (decision) => () => {
      if (current()) decide(current(), decision);
      else toast("Chưa chọn tiêu chí nào: nhấn j để chọn tiêu chí đầu tiên.", "info");
    };
    const actions = {
      c: pick(KEY_DECISIONS.c),
      r: pick(KEY_DECISIONS.r),
      s: () => move(1), j: () => move(1), k: () => move(-1),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  try {
    [scorecard, audit] = await Promise.all([
      get(`/api/dossiers/${dossier.id}/scorecard`),
      get(`/api/dossiers/${dossier.id}/audit`).catch(() => null),
    ]);
  } catch (err) {
    render(container, errorBox(err));
    return null;
  }
  state.currentId = null; // as in the document review: nothing is current until the first j (or a click)
  draw();
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
