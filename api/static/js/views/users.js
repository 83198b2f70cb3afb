// Người dùng (admin only): who can sign in, with which role and jurisdiction; add a user.

import { get, items, post } from "../api.js";
import { errorBox, h, loading, render, toast } from "../dom.js";
import { ROLE_LABELS } from "../labels.js";
import * as session from "../session.js";

function userForm(onCreated) {
  const username = h("input", { name: "username", required: true, autocomplete: "off" });
  const password = h("input", { name: "password", type: "password", required: true, minlength: "8", autocomplete: "new-password" });
  const role = h("select", { name: "role" },
    Object.entries(ROLE_LABELS).map(([value, label]) => h("option", { value, selected: value === "assessor" }, label)));
  const province = h("input", { name: "province", placeholder: "VD: Sơn La", title: "Bắt buộc với cán bộ thẩm định" });
  return h("form", {
    class: "inline-form", "data-testid": "user-form",
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await post("/api/users", {
          username: username.value.trim(), password: password.value, role: role.value,
          province: province.value.trim() || null,
        });
        toast(`Đã tạo người dùng ${username.value.trim()}.`, "ok");
        event.target.reset();
        onCreated();
      } catch (err) {
        toast(err.message, "error");
      }
    },
  },
  h("label", {}, "Tên đăng nhập", username), h("label", {}, "Mật khẩu", password),
  h("label", {}, "Vai trò", role), h("label", {}, "Tỉnh/thành phụ trách", province),
  h("button", { class: "btn btn-primary", type: "submit" }, "Thêm người dùng"));
}

export async function showUsers(app) {
  const head = h("div", { class: "page-head" }, h("h1", {}, "Người dùng"),
    h("p", { class: "muted" }, "Cán bộ thẩm định chỉ xem và sửa hồ sơ trong tỉnh mình; kiểm tra viên chỉ xem."));
  if (!session.isAdmin()) {
    render(app, head, h("div", { class: "alert alert-error" }, "Chỉ quản trị viên được quản lý người dùng."));
    return null;
  }
  render(app, head, loading());
  let users;
  try {
    users = items(await get("/api/users"));
  } catch (err) {
    render(app, head, errorBox(err));
    return null;
  }
  render(app, head,
    h("section", { class: "card card-flush" }, h("table", { class: "table", "data-testid": "users-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Tên đăng nhập"), h("th", {}, "Vai trò"), h("th", {}, "Tỉnh/thành phụ trách"))),
      h("tbody", {}, users.map((user) => h("tr", {},
        h("td", {}, user.username), h("td", {}, ROLE_LABELS[user.role] || user.role), h("td", {}, user.province || "—")))))),
    h("section", { class: "card" }, h("h2", {}, "Thêm người dùng"), userForm(() => showUsers(app))));
  return null;
}
