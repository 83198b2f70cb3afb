// The undo history of a review screen (Backspace / Ctrl+Z), kept per document or dossier in sessionStorage so that
// a reload does not lose it. It holds ids and previous states only (never document text), belongs to the user who
// made the changes, and is forgotten on sign-out.

const PREFIX = "minhchung.undo.";
const LIMIT = 200;

function read(storageKey, who) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) || "null");
    return saved && saved.user === who && Array.isArray(saved.items) ? saved.items : [];
  } catch {
    return [];
  }
}

/** The history of one screen, e.g. undoHistory("document.12", "thamdinh"): push(entry), pop(), length. */
export function undoHistory(key, who) {
  const storageKey = PREFIX + key;
  const items = read(storageKey, who);
  const keep = () => {
    try {
      if (items.length) sessionStorage.setItem(storageKey, JSON.stringify({ user: who, items }));
      else sessionStorage.removeItem(storageKey);
    } catch {
      // storage full or switched off: the history still works until the page is left
    }
  };
  return {
    push(entry) {
      items.push(entry);
      if (items.length > LIMIT) items.splice(0, items.length - LIMIT);
      keep();
    },
    pop() {
      const entry = items.pop();
      keep();
      return entry;
    },
    get length() {
      return items.length;
    },
  };
}

/** Forget every screen's history (sign-out). */
export function forgetUndoHistories() {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}
