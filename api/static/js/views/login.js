// Đăng nhập: username + password form.

import { h, render } from "../dom.js";
import * as session from "../session.js";

export function showLogin(app, onSuccess) {
  const message = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const username = h("input", { id: "login-username", name: "username", autocomplete: "username", required: true });
  const password = h("input", {
    id: "login-password", name: "password", type: "password", autocomplete: "current-password", required: true,
  });
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, "Đăng nhập");

  const form = h(
    "form",
    {
      class: "login-card card",
      onsubmit: async (event) => {
        event.preventDefault();
        message.hidden = true;
        submit.disabled = true;
        try {
          await session.login(username.value.trim(), password.value);
          onSuccess();
        } catch (err) {
          message.textContent = err.status === 401 ? "Sai tên đăng nhập hoặc mật khẩu." : err.message;
          message.hidden = false;
          password.select();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h("h1", {}, "Minh Chứng"),
    h("p", { class: "muted" }, "Thẩm định hồ sơ “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA)"),
    message,
    h("label", { for: "login-username" }, "Tên đăng nhập"),
    username,
    h("label", { for: "login-password" }, "Mật khẩu"),
    password,
    submit,
  );
  render(app, h("div", { class: "login-wrap" }, form));
  username.focus();
  return null;
}
