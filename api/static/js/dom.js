// Tiny DOM helpers: element builder, clearing, toasts. No framework, no build step.

/**
 * Build an element: h("button", {class: "btn", onclick: fn}, "Lưu").
 * Attributes starting with "on" become listeners; `dataset`/`style` objects are merged;
 * false/null/undefined children are skipped; arrays are flattened.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "dataset" || key === "style") {
      Object.assign(el[key], value);
    } else if (key === "class") {
      el.className = value;
    } else if (key in el && typeof value !== "string") {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === false || child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace the content of `el` with `children`. */
export function render(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Show a short message at the bottom of the screen (kind: info | ok | error). */
export function toast(message, kind = "info") {
  let box = document.getElementById("toasts");
  if (!box) {
    box = h("div", { id: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(box);
  }
  const item = h("div", { class: `toast toast-${kind}` }, message);
  box.append(item);
  while (box.children.length > 3) box.firstElementChild.remove();
  setTimeout(() => item.remove(), kind === "error" ? 7000 : 3500);
}

/** Format a 0–1 ratio as "42 %". */
export function percent(ratio) {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "—";
  return `${Math.round(ratio * 100)} %`;
}

/** Format an ISO timestamp as a Vietnamese local date-time. */
export function dateTime(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString("vi-VN");
}

/** A loading placeholder. */
export function loading(text = "Đang tải…") {
  return h("p", { class: "muted loading" }, text);
}

/** An error box from an ApiError or Error. */
export function errorBox(err) {
  return h("div", { class: "alert alert-error", role: "alert" }, err?.message || String(err));
}
