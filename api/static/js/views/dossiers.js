// Danh sách hồ sơ: every dossier with its proposed result and how much evidence is confirmed.

import { get, items, post } from "../api.js";
import { errorBox, h, loading, percent, render, toast } from "../dom.js";
import { CRITERION_STATUS, UNIT_KINDS, resultLabel, resultTone } from "../labels.js";
import {
  assessorDecisions, confirmation, proposedLabel, proposedResult, resultKey, unitKind, unitName, unitPlace,
} from "../model.js";
import { navigate } from "../router.js";
import * as session from "../session.js";

/** A badge with the vocabulary's label of a criterion status or overall proposal; `detail` (the API's
 * sentence) is its tooltip. */
export function resultBadge(value, detail) {
  return h("span", { class: `badge badge-${resultTone(value)}`, "data-result": value ?? "", title: detail || false },
    resultLabel(value));
}

export function progressBar(ratio, label, name = "Tỉ lệ minh chứng đã xem xét") {
  const pct = Math.round((ratio ?? 0) * 100);
  return h(
    "div",
    { class: "meter", role: "progressbar", "aria-label": name, "aria-valuemin": "0", "aria-valuemax": "100",
      "aria-valuenow": String(pct), "aria-valuetext": label ?? percent(ratio) },
    h("div", { class: "meter-fill", style: { width: `${pct}%` } }),
    h("span", { class: "meter-label" }, label ?? percent(ratio)),
  );
}

/** "1/5 tiêu chí đã quyết định: 1 không đạt", then how many are not decided yet: the assessor's decisions only. */
export function assessorSummary(card, fallbackDecided = 0, fallbackTotal = null) {
  const { decided, total, counts } = card ? assessorDecisions(card)
    : { decided: fallbackDecided, total: fallbackTotal, counts: null };
  const parts = counts ? ["met", "not_met", "unclear"].filter((key) => counts[key])
    .map((key) => `${counts[key]} ${(CRITERION_STATUS[key] || key).toLowerCase()}`) : [];
  const open = total !== null && total !== undefined ? total - decided : null;
  return h("span", { class: "assessor-summary", "data-testid": "assessor-summary" },
    h("strong", {}, `${decided}/${total ?? "—"} tiêu chí đã quyết định`), parts.length ? `: ${parts.join(" · ")}` : "",
    open ? h("small", { class: "muted", "data-testid": "assessor-open" }, ` — ${open} tiêu chí chưa quyết định`) : null);
}

/** The result built from the assessor's decisions: a verdict only once every criterion is decided. */
export function assessorResult(card, dossier = null) {
  const { decided, total } = card ? assessorDecisions(card)
    : { decided: dossier?.decided_criteria ?? 0, total: dossier?.proposed_result?.criteria_total ?? null };
  const overall = card ? card.overall : dossier?.assessor_result;
  if (!decided) {
    return [h("span", { class: "muted" }, "Chưa có quyết định"),
      h("div", { class: "small" }, assessorSummary(card, decided, total))];
  }
  return [
    decided === total && overall ? resultBadge(resultKey(overall), overall.label_vi) : null,
    h("div", { class: "small" }, assessorSummary(card, decided, total)),
  ];
}

function dossierRow(dossier) {
  const { confirmed, rejected, reviewed, total, ratio } = confirmation(dossier);  // the documents in the proposal
  const held = dossier.evidence_held_out?.total
    ? `; ngoài đề xuất (tài liệu không khớp hồ sơ): ${dossier.evidence_held_out.total} minh chứng` : "";
  const open = () => navigate(`/dossiers/${dossier.id}`);
  return h(
    "tr",
    { class: "clickable", "data-dossier-id": String(dossier.id), onclick: open },
    h("td", {}, h("a", { href: `#/dossiers/${dossier.id}` }, unitName(dossier))),
    h("td", { "data-label": "Loại đơn vị" }, UNIT_KINDS[unitKind(dossier)] || unitKind(dossier) || "—"),
    h("td", { "data-label": "Địa bàn" }, unitPlace(dossier)),
    h("td", { class: "num", "data-label": "Năm" }, dossier.year ?? "—"),
    h("td", { "data-label": "Hệ thống đề xuất" }, resultBadge(proposedResult(dossier), proposedLabel(dossier))),
    h("td", { class: "confirm-cell", "data-label": "Minh chứng đã xem xét", title: `${confirmed} xác nhận, ${rejected} bác bỏ, trên ${total} minh chứng${held}` },
      progressBar(ratio, `${reviewed}/${total} · ${percent(ratio)}`),
      h("small", { class: "muted" }, `${confirmed} xác nhận · ${rejected} bác bỏ`)),
    h("td", { class: "num", "data-label": "Tài liệu" }, dossier.document_count ?? dossier.documents_count ?? dossier.documents?.length ?? "—"),
  );
}

function unitForm(onCreated) {
  const name = h("input", { name: "name", required: true, placeholder: "VD: Khu dân cư số 3" });
  // No default: the kind is chosen, and the dossier later says when its documents suggest another one.
  const kind = h("select", { name: "kind", required: true, "data-testid": "unit-kind" },
    h("option", { value: "", selected: true, disabled: true }, "— Chọn loại đơn vị —"),
    Object.entries(UNIT_KINDS).map(([v, t]) => h("option", { value: v }, t)));
  const ownProvince = session.user()?.role === "assessor" ? session.user()?.province : null;
  const province = h("input", {
    name: "province", placeholder: "VD: Sơn La", value: ownProvince || "", readOnly: Boolean(ownProvince),
    title: ownProvince ? "Cán bộ thẩm định chỉ thêm đơn vị trong tỉnh của mình" : "",
  });
  const commune = h("input", { name: "commune", placeholder: "VD: Phường Chiềng Lề" });
  return h(
    "form",
    {
      class: "inline-form", "data-testid": "unit-form",
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await post("/api/units", {
            name: name.value.trim(), kind: kind.value, province: province.value.trim(), commune: commune.value.trim(),
          });
          toast("Đã thêm đơn vị.", "ok");
          event.target.reset();
          onCreated();
        } catch (err) {
          toast(err.message, "error");
        }
      },
    },
    h("label", {}, "Tên đơn vị", name),
    h("label", {}, "Loại đơn vị", kind),
    h("label", {}, "Tỉnh/thành", province),
    h("label", {}, "Xã/phường", commune),
    h("button", { class: "btn", type: "submit" }, "Thêm đơn vị"),
  );
}

function dossierForm(units) {
  const unit = h(
    "select", { name: "unit_id", required: true, "data-testid": "dossier-unit" },
    units.map((u) => h("option", { value: String(u.id) }, `${u.name}${u.province ? ` (${u.province})` : ""}`)),
  );
  const year = h("input", {
    name: "year", type: "number", min: "2000", max: "2100", value: String(new Date().getFullYear()), required: true,
  });
  return h(
    "form",
    {
      class: "inline-form", "data-testid": "dossier-form",
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const created = await post("/api/dossiers", { unit_id: Number(unit.value), year: Number(year.value) });
          toast("Đã tạo hồ sơ.", "ok");
          navigate(`/dossiers/${created.id}`);
        } catch (err) {
          toast(err.message, "error");
        }
      },
    },
    h("label", {}, "Đơn vị", unit),
    h("label", {}, "Năm", year),
    h("button", { class: "btn btn-primary", type: "submit", disabled: units.length === 0 }, "Tạo hồ sơ"),
  );
}

const PAGE_SIZE = 50;

function pager(page, total) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return null;
  const go = (n) => navigate(`/?page=${n}`);
  return h("nav", { class: "pager", "aria-label": "Phân trang" },
    h("button", { class: "btn btn-small", type: "button", disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Trang trước"),
    h("span", { class: "muted" }, `Trang ${page}/${pages}`),
    h("button", { class: "btn btn-small", type: "button", disabled: page >= pages, onclick: () => go(page + 1) }, "Trang sau ›"));
}

export async function showDossiers(app, _params = {}, queryParams = {}) {
  render(app, h("h1", {}, "Danh sách hồ sơ"), loading());
  const page = Math.max(1, Number.parseInt(queryParams.page, 10) || 1);
  let dossiers;
  let total = 0;
  let units = [];
  try {
    let data;
    [data, units] = await Promise.all([
      get(`/api/dossiers?page=${page}&page_size=${PAGE_SIZE}`), get("/api/units?page_size=500"),
    ]);
    dossiers = items(data);
    total = data?.total ?? dossiers.length;
    units = items(units);
  } catch (err) {
    render(app, h("h1", {}, "Danh sách hồ sơ"), errorBox(err));
    return null;
  }

  const table = dossiers.length
    ? h(
        "table",
        { class: "table", "data-testid": "dossier-table" },
        h("thead", {}, h("tr", {},
          h("th", {}, "Đơn vị"), h("th", {}, "Loại đơn vị"), h("th", {}, "Địa bàn"), h("th", { class: "num" }, "Năm"),
          h("th", {}, "Hệ thống đề xuất"), h("th", {}, "Minh chứng đã xem xét"), h("th", { class: "num" }, "Tài liệu"))),
        h("tbody", {}, dossiers.map(dossierRow)),
      )
    : h("p", { class: "empty" }, "Chưa có hồ sơ nào.");

  const tools = [];
  if (session.canEdit()) {
    tools.push(h("section", { class: "card" }, h("h2", {}, "Tạo hồ sơ mới"),
      units.length ? dossierForm(units) : h("p", { class: "muted" }, "Chưa có đơn vị nào; hãy thêm đơn vị trước.")));
  }
  if (session.canEdit()) {
    tools.push(h("section", { class: "card" }, h("h2", {}, "Thêm đơn vị"), unitForm(() => showDossiers(app, {}, queryParams))));
  }
  render(
    app,
    h("div", { class: "page-head" }, h("h1", {}, "Danh sách hồ sơ"),
      h("p", { class: "muted" }, `${total} hồ sơ · kết quả do hệ thống đề xuất, chờ cán bộ thẩm định quyết định`)),
    h("section", { class: "card card-flush" }, table),
    pager(page, total),
    tools,
  );
  return null;
}
