// Per-criterion panel: evidence for and against each TT124 criterion, proposed status, assessor decision.

import { get, put } from "../api.js";
import { dateTime, errorBox, h, loading, percent, render, toast } from "../dom.js";
import { DECISION_OPTIONS, EVIDENCE_STATUS, KIND_LABELS, resultLabel } from "../labels.js";
import { criterionTitle } from "../model.js";
import * as session from "../session.js";
import { resultBadge } from "./dossiers.js";

function evidenceItem(ev) {
  return h(
    "li",
    { class: `ev-item status-${ev.status}` },
    h("span", { class: `kind-chip kind-${ev.kind}` }, KIND_LABELS[ev.kind] || ev.kind),
    h("a", { href: `#/documents/${ev.document_id}?evidence=${encodeURIComponent(ev.id)}`, class: "ev-text" },
      `“${ev.text}”`),
    h("span", { class: "muted small" }, ev.page ? ` tr. ${ev.page}` : ""),
    h("span", { class: `status-chip status-${ev.status}` }, EVIDENCE_STATUS[ev.status] || ev.status),
  );
}

const SHOWN = 6;

function evidenceColumn(title, list, tone) {
  const ul = h("ul", { class: "ev-list" }, list.slice(0, SHOWN).map(evidenceItem));
  const more = list.length > SHOWN
    ? h("button", {
        class: "btn btn-link btn-small more", type: "button",
        onclick: (event) => {
          ul.append(...list.slice(SHOWN).map(evidenceItem));
          event.target.remove();
        },
      }, `Xem thêm ${list.length - SHOWN} minh chứng`)
    : null;
  return h(
    "div",
    { class: `ev-col ev-col-${tone}` },
    h("h4", {}, `${title} (${list.length})`),
    list.length ? [ul, more] : h("p", { class: "muted small" }, "Không có."),
  );
}

/** What the dossier still lacks (per-dossier missing-criteria audit), above the criteria. */
function auditNotice(audit) {
  if (!audit) return null;
  const docs = audit.missing_documents || [];
  const missing = audit.missing_criteria || [];
  const against = audit.contradicted || [];
  if (!docs.length && !missing.length && !against.length) return null;
  const ids = (list) => list.map((item) => (typeof item === "object" ? item.id ?? item.criterion_id : item)).join(", ");
  return h("section", { class: "card notice", "data-testid": "dossier-audit" },
    h("h3", {}, "Hồ sơ còn thiếu"),
    h("ul", { class: "plain-list" },
      missing.length ? h("li", {}, `Tiêu chí chưa có minh chứng: ${ids(missing)}`) : null,
      against.length ? h("li", {}, `Tiêu chí có minh chứng phản bác: ${ids(against)}`) : null,
      docs.length ? h("li", {}, `Văn bản nên có: ${docs.map((d) => d.label_vi ?? d.doc_type ?? d).join("; ")}`) : null,
      (audit.notes || []).map((note) => h("li", {}, typeof note === "object" ? note.message_vi ?? JSON.stringify(note) : note))));
}

function decisionControl(dossierId, row, onSaved) {
  const current = row.decision;
  const select = h("select", { "aria-label": "Quyết định của cán bộ", "data-testid": "decision-select" },
    h("option", { value: "" }, "— Chọn quyết định —"),
    DECISION_OPTIONS.map(([value, label]) =>
      h("option", { value, selected: current?.decision === value }, label)));
  const note = h("input", { type: "text", placeholder: "Ghi chú (không bắt buộc)", value: current?.note || "" });
  const save = h("button", { class: "btn btn-primary btn-small", type: "submit" }, "Lưu quyết định");
  return h(
    "form",
    {
      class: "decision-form",
      onsubmit: async (event) => {
        event.preventDefault();
        if (!select.value) {
          toast("Hãy chọn một quyết định.", "error");
          return;
        }
        save.disabled = true;
        try {
          const saved = await put(`/api/dossiers/${dossierId}/scorecard/criteria/${encodeURIComponent(row.id)}`, {
            decision: select.value, note: note.value.trim(), version: current?.version ?? 0,
          });
          toast(`Đã lưu quyết định cho tiêu chí ${row.id}.`, "ok");
          onSaved(saved);
        } catch (err) {
          toast(err.status === 409 ? "Quyết định vừa được người khác thay đổi; đã tải lại." : err.message, "error");
          if (err.status === 409) onSaved(null);
        } finally {
          save.disabled = false;
        }
      },
    },
    select, note, save,
  );
}

function decisionText(decision) {
  if (!decision) return h("span", { class: "muted" }, "Chưa có quyết định");
  return h("span", {}, resultBadge(decision.decision, resultLabel(decision.decision)),
    h("span", { class: "muted small" }, ` ${decision.decided_by || ""} · ${dateTime(decision.decided_at)}`),
    decision.note ? h("div", { class: "small" }, `Ghi chú: ${decision.note}`) : null);
}

function criterionCard(dossierId, row, reload) {
  const evidence = row.evidence || [];
  const pro = evidence.filter((ev) => ev.stance !== "against");
  const con = evidence.filter((ev) => ev.stance === "against");
  return h(
    "article",
    { class: `criterion card ${row.needs_assessor ? "needs-review" : ""}`, "data-criterion": row.id },
    h("header", { class: "criterion-head" },
      h("div", {}, h("span", { class: "criterion-id" }, row.id), h("h3", {}, criterionTitle(row))),
      h("div", { class: "criterion-status" },
        h("span", { class: "muted small" }, "Đề xuất: "), resultBadge(row.proposed),
        row.confidence !== undefined && row.confidence !== null
          ? h("span", { class: "muted small" }, ` độ tin cậy ${percent(row.confidence)}`) : null,
        row.needs_assessor ? h("span", { class: "flag" }, "Cần cán bộ xem xét") : null)),
    h("div", { class: "ev-cols" }, evidenceColumn("Minh chứng ủng hộ", pro, "for"),
      evidenceColumn("Minh chứng phản bác", con, "against")),
    h("footer", { class: "criterion-foot" },
      h("span", { class: "stat-label" }, "Quyết định của cán bộ: "),
      decisionText(row.decision),
      session.canEdit() ? decisionControl(dossierId, row, reload) : null),
  );
}

/** Draw the criteria panel into `container`; returns a dispose function. */
export async function criteriaPanel(container, dossier, onChange) {
  render(container, loading());
  const filter = { onlyOpen: false };
  let scorecard;
  let audit = null;

  const draw = () => {
    const rows = (scorecard.criteria || []).filter((row) => !filter.onlyOpen || !row.decision);
    const toggle = h("label", { class: "check" },
      h("input", { type: "checkbox", checked: filter.onlyOpen, onchange: (e) => {
        filter.onlyOpen = e.target.checked;
        draw();
      } }), " Chỉ hiện tiêu chí chưa quyết định");
    render(container,
      auditNotice(audit),
      h("div", { class: "toolbar" },
        h("p", { class: "muted" }, `${scorecard.decided ?? 0}/${scorecard.total ?? rows.length} tiêu chí đã có quyết định`),
        toggle),
      rows.length ? rows.map((row) => criterionCard(dossier.id, row, reload))
        : h("p", { class: "empty" }, "Không có tiêu chí nào để hiển thị."));
  };

  async function reload() {
    try {
      scorecard = await get(`/api/dossiers/${dossier.id}/scorecard`);
      draw();
      onChange?.();
    } catch (err) {
      render(container, errorBox(err));
    }
  }

  try {
    [scorecard, audit] = await Promise.all([
      get(`/api/dossiers/${dossier.id}/scorecard`),
      get(`/api/dossiers/${dossier.id}/audit`).catch(() => null),
    ]);
  } catch (err) {
    render(container, errorBox(err));
    return null;
  }
  draw();
  return null;
}
