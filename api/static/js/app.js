// Entry point: restores the session, draws the top bar and wires the routes to the views.

import { setUnauthorizedHandler } from "./api.js";
import { h, render } from "./dom.js";
import { ROLE_LABELS, loadVocabulary } from "./labels.js";
import { currentPath, navigate, route, start } from "./router.js";
import * as session from "./session.js";
import { forgetUndoHistories } from "./undo.js";
import { showAudit } from "./views/audit.js";
import { showDocument } from "./views/document.js";
import { showDossier } from "./views/dossier.js";
import { showDossiers } from "./views/dossiers.js";
import { showLogin } from "./views/login.js";
import { showUsers } from "./views/users.js";

const app = document.getElementById("app");

function drawTopbar() {
  const bar = document.getElementById("topbar");
  const me = session.user();
  bar.hidden = !me;
  if (!me) return;
  const { path } = currentPath();
  const link = (href, text, active) =>
    h("a", { href: `#${href}`, class: active ? "active" : "", "aria-current": active ? "page" : false }, text);
  render(
    document.getElementById("mainnav"),
    link("/", "Hồ sơ", path === "/" || path.startsWith("/dossiers") || path.startsWith("/documents")),
    link("/audit", "Tiêu chí còn thiếu", path.startsWith("/audit")),
    session.isAdmin() ? link("/users", "Người dùng", path.startsWith("/users")) : null,
  );
  render(
    document.getElementById("userbox"),
    h("span", { class: "username", "data-testid": "current-user" }, me.full_name || me.username),
    h("span", { class: `role role-${me.role}`, "data-testid": "current-role" }, ROLE_LABELS[me.role] || me.role),
    h("button", {
      class: "btn btn-link", type: "button",
      onclick: async () => {
        await session.logout();
        sessionStorage.removeItem(RETURN_KEY);
        forgetUndoHistories();
        navigate("/login");
      },
    }, "Đăng xuất"),
  );
}

/** Wrap a view so it only runs for a signed-in user and redraws the bar first. */
function guarded(view) {
  return async (params, query) => {
    if (!session.user()) {
      rememberPlace();
      navigate("/login");
      return null;
    }
    drawTopbar();
    // Each visit draws into its own box: a view whose data comes back after the person has moved on draws into a
    // box no longer on the page, never over the screen they moved to.
    const box = h("div", { class: "view" });
    app.replaceChildren(box);
    const dispose = await view(box, params, query);
    // The link or button that led here is gone with the old screen: the focus goes to the new one's content
    // (not back to the top of the page), so Tab continues from there (WCAG 2.4.3).
    if (box.isConnected && (!document.activeElement || document.activeElement === document.body)) {
      app.focus({ preventScroll: true });
    }
    return dispose;
  };
}

const RETURN_KEY = "minhchung.after_login";

/** Remember where the user was, so logging in again brings them back there. */
function rememberPlace() {
  const { path } = currentPath();
  if (path !== "/login") sessionStorage.setItem(RETURN_KEY, location.hash.replace(/^#/, ""));
}

route("/login", async () => {
  drawTopbar();
  return showLogin(app, () => {
    const back = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    navigate(back && back !== "/login" ? back : "/");
  });
});
route("/", guarded(showDossiers));
route("/dossiers/:id", guarded(showDossier));
route("/documents/:id", guarded(showDocument));
route("/audit", guarded(showAudit));
route("/users", guarded(showUsers));

setUnauthorizedHandler(() => {
  if (currentPath().path === "/login") return;
  rememberPlace();
  session.forget();
  navigate("/login");
});

try {
  await loadVocabulary();
} catch (err) {
  app.replaceChildren(Object.assign(document.createElement("div"), {
    className: "alert alert-error", role: "alert",
    textContent: `Không tải được danh mục nhãn từ máy chủ (${err.message}). Hãy tải lại trang.`,
  }));
  throw err;
}
await session.restore();
if (!session.user() && currentPath().path !== "/login") {
  rememberPlace();
  history.replaceState(null, "", "#/login");
}
await start();
