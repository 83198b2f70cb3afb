// Turn a text and its evidence spans into nested <mark> elements (spans may nest or overlap).

import { h } from "./dom.js";

/**
 * Arrange spans as a tree: a span inside another becomes its child. A span that only
 * partly overlaps the open one is clipped at that span's end, so the markup stays well-formed.
 */
export function spanTree(evidence, textLength) {
  const sorted = evidence
    .filter((ev) => Number.isInteger(ev.start) && Number.isInteger(ev.end) && ev.end > ev.start)
    .map((ev) => ({ ev, start: Math.max(0, ev.start), end: Math.min(textLength, ev.end), children: [] }))
    .filter((node) => node.end > node.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const root = { start: 0, end: textLength, children: [] };
  const stack = [root];
  for (const node of sorted) {
    while (stack.length > 1 && stack[stack.length - 1].end <= node.start) stack.pop();
    const parent = stack[stack.length - 1];
    node.end = Math.min(node.end, parent.end);
    if (node.end <= node.start) continue;
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

/** Render the text of `node` with its children as marks; `markFor(ev)` gives the mark's attributes. */
function renderNode(text, node, markFor) {
  const parts = [];
  let cursor = node.start;
  for (const child of node.children) {
    if (child.start > cursor) parts.push(text.slice(cursor, child.start));
    parts.push(h("mark", markFor(child.ev), renderNode(text, child, markFor)));
    cursor = child.end;
  }
  if (node.end > cursor) parts.push(text.slice(cursor, node.end));
  return parts;
}

/** A <div> with the text and a <mark> per evidence; returns {el, marks: Map(id → mark)}. */
export function highlightedText(text, evidence, markFor) {
  const marks = new Map();
  const tree = spanTree(evidence, text.length);
  const el = h("div", { class: "doc-text", "data-testid": "document-text" },
    renderNode(text, tree, (ev) => markFor(ev)));
  for (const mark of el.querySelectorAll("mark[data-evidence-id]")) marks.set(mark.dataset.evidenceId, mark);
  return { el, marks };
}
