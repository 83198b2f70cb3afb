// HTTP client for the Minh Chứng API: JSON requests, upload with progress, error messages in Vietnamese.
// The only credential the browser keeps is the HttpOnly session cookie. Every change also carries the
// session's CSRF token (X-CSRF-Token), held in memory only and fetched again from /api/me after a reload.

let csrfToken = null;
sessionStorage.removeItem("minhchung.token"); // bearer token kept by older versions of this UI

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Remember (or forget, with null) the session's CSRF token from the log-in answer or /api/me. */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

const isChange = (method) => method !== "GET" && method !== "HEAD";

function csrfHeaders(method) {
  return csrfToken && isChange(method) ? { "X-CSRF-Token": csrfToken } : {};
}

let pendingToken = null;
/**
 * Before a change: if the token is not known yet (a change made while the page's first /api/me is still
 * on its way, e.g. on a slow or busy server), fetch it once from /api/me. Without a cookie session the
 * answer carries no token and the request goes without one (the server then decides).
 */
async function ensureCsrfToken(method) {
  if (csrfToken || !isChange(method)) return;
  pendingToken ??= fetch("/api/me", { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((me) => {
      if (me?.csrf_token && !csrfToken) csrfToken = me.csrf_token;
    })
    .catch(() => {})
    .finally(() => {
      pendingToken = null;
    });
  await pendingToken;
}

/** Pull a readable (Vietnamese first) message out of an error body. */
export function errorMessage(status, body) {
  const err = body?.error ?? body?.detail ?? body;
  if (typeof err === "string") return err;
  if (Array.isArray(err)) return err.map((e) => e.msg || JSON.stringify(e)).join("; ");
  if (err && typeof err === "object") {
    const text = err.message_vi || err.vi || err.message || err.message_en || err.en || err.code;
    if (text) return typeof text === "string" ? text : JSON.stringify(text);
  }
  const fallback = {
    400: "Yêu cầu không hợp lệ", 401: "Cần đăng nhập lại", 403: "Bạn không có quyền thực hiện thao tác này",
    404: "Không tìm thấy", 409: "Dữ liệu đã bị người khác thay đổi, hãy tải lại",
    413: "Tệp quá lớn", 415: "Định dạng tệp không được hỗ trợ", 422: "Dữ liệu không hợp lệ",
  };
  return fallback[status] || `Lỗi máy chủ (${status})`;
}

let onUnauthorized = () => {};
/** Called when any request answers 401 (the app shows the login screen). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

/** JSON request; resolves with the parsed body, rejects with ApiError. */
export async function request(method, path, body) {
  if (!path.endsWith("/auth/login")) await ensureCsrfToken(method);
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json", ...csrfHeaders(method) } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!response.ok) {
    if (response.status === 401 && !path.endsWith("/auth/login")) onUnauthorized();
    throw new ApiError(response.status, errorMessage(response.status, data), data);
  }
  return data;
}

export const get = (path) => request("GET", path);
export const post = (path, body) => request("POST", path, body ?? {});
export const patch = (path, body) => request("PATCH", path, body);
export const put = (path, body) => request("PUT", path, body);

/** Build a query string from an object, skipping empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The list inside a response, whether the API returns an array or {items: [...]}. */
export function items(data) {
  if (Array.isArray(data)) return data;
  return data?.items ?? data?.results ?? data?.data ?? [];
}

/**
 * Upload files with XMLHttpRequest so the browser reports progress.
 * `onProgress(loaded, total)`; resolves with the parsed JSON body.
 */
export async function upload(path, files, onProgress) {
  await ensureCsrfToken("POST");
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.withCredentials = true;
    for (const [key, value] of Object.entries(csrfHeaders("POST"))) xhr.setRequestHeader(key, value);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener("load", () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, errorMessage(xhr.status, data), data));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, "Mất kết nối tới máy chủ", null)));
    xhr.send(form);
  });
}
