// Kiểm tra tiêu chí còn thiếu: across units, which TT124 criteria lack evidence or are contradicted.

import { get, items, query } from "../api.js";
import { errorBox, h, loading, render } from "../dom.js";
import { CRITERION_STATUS, UNIT_KINDS } from "../labels.js";
import { proposedLabel, proposedResult } from "../model.js";
import { resultBadge } from "./dossiers.js";

function criterionChips(list, tone, titles) {
  if (!list?.length) return h("span", { class: "muted" }, "—");
  return h("ul", { class: "chips" }, list.map((item) => {
    const id = typeof item === "object" ? item.id ?? item.criterion_id : item;
    const title = typeof item === "object" ? item.title_vi ?? item.title : titles.get(id);
    return h("li", { class: `chip chip-${tone}`, title: title || "" }, id);
  }));
}

/** The kinds of document a dossier lacks (kế hoạch, bản đăng ký, biên bản…). */
export function missingDocuments(list) {
  if (!list?.length) return h("span", { class: "muted" }, "—");
  return h("ul", { class: "plain-list" }, list.map((item) =>
    h("li", {}, typeof item === "object" ? item.label_vi ?? item.doc_type : String(item))));
}

function filters(values, onApply) {
  const province = h("input", { name: "province", value: values.province || "", placeholder: "Tất cả" });
  const year = h("input", { name: "year", type: "number", value: values.year || "", placeholder: "Tất cả" });
  const kind = h("select", { name: "kind" }, h("option", { value: "" }, "Tất cả"),
    Object.entries(UNIT_KINDS).map(([v, t]) => h("option", { value: v, selected: values.kind === v }, t)));
  return h("form", {
    class: "inline-form",
    onsubmit: (event) => {
      event.preventDefault();
      onApply({ province: province.value.trim(), year: year.value, kind: kind.value });
    },
  }, h("label", {}, "Tỉnh/thành", province), h("label", {}, "Năm", year), h("label", {}, "Loại đơn vị", kind),
  h("button", { class: "btn", type: "submit" }, "Lọc"));
}

export async function showAudit(app, _params, queryParams) {
  const title = h("div", { class: "page-head" }, h("h1", {}, "Tiêu chí còn thiếu theo đơn vị"),
    h("p", { class: "muted" }, "Tiêu chí TT124 chưa có minh chứng, bị phản bác hoặc chưa rõ, và văn bản còn thiếu — trên mọi hồ sơ bạn được xem."));
  render(app, title, loading());
  let data;
  let criteria = [];
  try {
    [data, criteria] = await Promise.all([
      get(`/api/audit${query({ province: queryParams.province, year: queryParams.year, kind: queryParams.kind })}`),
      get("/api/criteria").then(items).catch(() => []),
    ]);
  } catch (err) {
    render(app, title, errorBox(err));
    return null;
  }
  const titles = new Map(criteria.map((c) => [c.id, c.title_vi || c.title]));
  const rows = items(data);
  const apply = (values) => {
    const search = new URLSearchParams(Object.entries(values).filter(([, v]) => v)).toString();
    location.hash = `/audit${search ? `?${search}` : ""}`;
  };
  const missingCount = {};
  for (const row of rows) {
    const open = new Set([...(row.missing_criteria || []), ...(row.contradicted || []), ...(row.unclear || [])]
      .map((item) => (typeof item === "object" ? item.id ?? item.criterion_id : item)));
    for (const id of open) missingCount[id] = (missingCount[id] || 0) + 1;
  }
  const top = Object.entries(missingCount).sort((a, b) => b[1] - a[1]).slice(0, 8);
  render(
    app,
    title,
    h("section", { class: "card" }, filters(queryParams, apply)),
    top.length ? h("section", { class: "card" }, h("h2", {}, "Tiêu chí cần bổ sung nhiều nhất"),
      h("p", { class: "muted small" }, "Số hồ sơ có tiêu chí thiếu minh chứng, bị phản bác hoặc chưa rõ."),
      h("ul", { class: "bars" }, top.map(([id, n]) => h("li", {},
        h("span", { class: "bar-label", title: titles.get(id) || "" }, `${id}${titles.get(id) ? ` — ${titles.get(id)}` : ""}`),
        h("span", { class: "bar", style: { width: `${(n / rows.length) * 100}%` } }),
        h("span", { class: "bar-num" }, `${n}/${rows.length} hồ sơ`))))) : null,
    h("section", { class: "card card-flush" }, rows.length ? h(
      "table",
      { class: "table", "data-testid": "audit-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Đơn vị"), h("th", {}, "Năm"),
        h("th", {}, "Kết quả (theo quyết định của cán bộ khi đã có)"),
        h("th", {}, CRITERION_STATUS.missing), h("th", {}, CRITERION_STATUS.not_met), h("th", {}, CRITERION_STATUS.unclear),
        h("th", { class: "num" }, "Chưa có quyết định"), h("th", {}, "Văn bản còn thiếu, không khớp"))),
      h("tbody", {}, rows.map((row) => h("tr", {},
        h("td", {}, h("a", { href: `#/dossiers/${row.dossier_id}?tab=criteria` }, row.unit?.name ?? `Hồ sơ #${row.dossier_id}`),
          h("div", { class: "muted small" }, [UNIT_KINDS[row.unit?.kind], row.unit?.province].filter(Boolean).join(" · "))),
        h("td", { class: "num" }, row.year ?? "—"),
        h("td", {}, resultBadge(proposedResult(row), proposedLabel(row))),
        h("td", {}, criterionChips(row.missing_criteria, "missing", titles)),
        h("td", {}, criterionChips(row.contradicted, "against", titles)),
        h("td", {}, criterionChips(row.unclear, "unclear", titles)),
        h("td", { class: "num" }, row.unconfirmed ? `${row.unconfirmed.length} tiêu chí` : "—"),
        h("td", { class: "small" }, missingDocuments(row.missing_documents),
          (row.mismatched_documents || []).length
            ? h("div", { class: "text-warn", "data-testid": "audit-mismatch" },
                `Không khớp hồ sơ: ${row.mismatched_documents.map((d) => d.filename).join(", ")}`) : null)))),
    ) : h("p", { class: "empty" }, "Không có hồ sơ nào khớp bộ lọc.")),
  );
  return null;
}
