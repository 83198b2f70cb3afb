// Tải lên: drop zone for several files, one XHR per file (upload progress), then job progress polling.

import { get, upload } from "./api.js";
import { h } from "./dom.js";
import { DONE_STATUSES, FAILED_STATUSES, JOB_STATUS } from "./labels.js";
import { documentName, jobProgress, uploadResult } from "./model.js";

/** The formats the server reads (api/sniff.py: pdf, docx, odt, doc, rtf, txt): the file picker and the hint both
 * come from this one list. */
export const FORMATS = ["pdf", "docx", "doc", "odt", "rtf", "txt"];
const ACCEPT = FORMATS.map((format) => `.${format}`).join(",");
const POLL_MS = 800;

function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function bar(className, name) {
  const fill = h("div", { class: "meter-fill" });
  const label = h("span", { class: "meter-label" });
  const el = h("div", { class: `meter ${className}`, role: "progressbar", "aria-label": name,
    "aria-valuemin": "0", "aria-valuemax": "100" },
    fill, label);
  return {
    el,
    set(ratio, text) {
      const pct = Math.max(0, Math.min(100, Math.round(ratio * 100)));
      fill.style.width = `${pct}%`;
      el.setAttribute("aria-valuenow", String(pct));
      el.setAttribute("aria-valuetext", text);
      label.textContent = text;
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll a job until it finishes; calls onTick(job) each time; resolves with the last job. */
async function followJob(jobId, onTick, isAlive) {
  for (;;) {
    if (!isAlive()) return null;
    const job = await get(`/api/jobs/${jobId}`);
    onTick(job);
    if (DONE_STATUSES.has(job.status) || FAILED_STATUSES.has(job.status)) return job;
    await sleep(POLL_MS);
  }
}

/**
 * The upload panel of a dossier. `onProcessed()` runs when a file is stored and when its processing ends.
 * Returns {el, dispose}.
 */
export function uploadPanel(dossierId, onProcessed) {
  let alive = true;
  const list = h("ul", { class: "upload-list", "data-testid": "upload-list" });
  const input = h("input", { type: "file", multiple: true, accept: ACCEPT, class: "visually-hidden", id: "file-input",
    tabindex: "-1", "aria-hidden": "true" });

  async function send(file) {
    const upBar = bar("meter-upload", `Tải lên ${file.name}`);
    const jobBar = bar("meter-job", `Xử lý ${file.name}`);
    const status = h("span", { class: "upload-status" }, "Đang tải lên…");
    const link = h("span", { class: "upload-link" });
    const warn = h("div", { class: "upload-warn", role: "alert", hidden: true, "data-testid": "upload-warning" });
    const showWarnings = (list, held) => {
      warn.hidden = !list?.length;
      if (!list?.length) return;
      warn.replaceChildren(h("strong", {}, "Văn bản không khớp với hồ sơ: "), list.map((w) => w.message_vi).join("; "),
        held === false ? "" : ". Văn bản chưa được tính vào kết quả đề xuất cho đến khi cán bộ chấp nhận (tab Tài liệu).");
    };
    const row = h("li", { class: "upload-row", "data-file": file.name },
      h("div", { class: "upload-name" }, h("strong", {}, file.name), h("span", { class: "muted" }, sizeText(file.size))),
      h("div", { class: "upload-bars" }, h("small", {}, "Tải lên"), upBar.el, h("small", {}, "Xử lý"), jobBar.el),
      h("div", { class: "upload-foot" }, status, link), warn);
    list.prepend(row);
    upBar.set(0, "0 %");
    jobBar.set(0, "—");
    try {
      const data = await upload(`/api/dossiers/${dossierId}/documents`, [file], (loaded, total) =>
        upBar.set(loaded / total, `${Math.round((loaded / total) * 100)} %`));
      upBar.set(1, "100 %");
      const [result] = uploadResult(data);
      if (!result) throw new Error("Máy chủ không trả về tài liệu.");
      const doc = result.document;
      showWarnings(result.warnings);
      const openLink = () => link.replaceChildren(
        h("a", { href: `#/documents/${doc.id}`, class: "btn btn-small", "data-testid": "open-document" }, "Mở tài liệu"));
      if (result.duplicate) status.textContent = "Tệp đã có (trùng nội dung) — dùng bản đã lưu.";
      if (!result.jobId) {
        jobBar.set(1, "Xong");
        row.classList.add("is-done");
        if (!result.duplicate) status.textContent = "Đã lưu.";
        openLink();
        onProcessed();
        return;
      }
      status.textContent = JOB_STATUS.queued;
      onProcessed();
      const job = await followJob(result.jobId, (j) => {
        const ratio = jobProgress(j);
        jobBar.set(DONE_STATUSES.has(j.status) ? 1 : ratio, `${Math.round(ratio * 100)} %`);
        status.textContent = JOB_STATUS[j.status] || j.status;
      }, () => alive);
      if (!job) return;
      if (FAILED_STATUSES.has(job.status)) {
        row.classList.add("is-failed");
        const reason = job.error?.message_vi || job.error?.message_en || job.message || job.error;
        status.textContent = `Lỗi xử lý: ${typeof reason === "string" ? reason : "không rõ"}`;
        onProcessed();
        return;
      }
      jobBar.set(1, "100 %");
      row.classList.add("is-done");
      try {
        const checks = (await get(`/api/documents/${doc.id}`)).checks;
        if (checks) showWarnings(checks.warnings, checks.held_out);
      } catch {
        // the warning from the upload answer stays
      }
      status.textContent = `Đã xử lý xong ${documentName(doc)}.`;
      openLink();
      onProcessed();
    } catch (err) {
      row.classList.add("is-failed");
      jobBar.set(0, "Không xử lý");
      status.textContent = err.message;
    }
  }

  function sendAll(files) {
    for (const file of files) send(file);
  }

  input.addEventListener("change", () => {
    sendAll([...input.files]);
    input.value = "";
  });
  const zone = h(
    "div",
    {
      class: "dropzone", tabindex: "0", role: "button", "data-testid": "dropzone",
      "aria-label": "Kéo thả tệp vào đây hoặc bấm để chọn tệp",
      onclick: () => input.click(),
      onkeydown: (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          input.click();
        }
      },
      ondragover: (event) => {
        event.preventDefault();
        zone.classList.add("is-over");
      },
      ondragleave: () => zone.classList.remove("is-over"),
      ondrop: (event) => {
        event.preventDefault();
        zone.classList.remove("is-over");
        sendAll([...event.dataTransfer.files]);
      },
    },
    h("strong", {}, "Kéo thả tệp vào đây"),
    h("span", { "data-testid": "upload-formats" },
      `hoặc bấm để chọn — ${FORMATS.map((format) => format.toUpperCase()).join(", ")}; có thể chọn nhiều tệp`),
  );
  const el = h("section", { class: "card" }, h("h2", {}, "Tải lên tài liệu"), zone, input, list);
  return { el, dispose: () => { alive = false; } };
}
