"""API errors with one body shape: ``{"error": {"code", "message_vi", "message_en", "detail"?}}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from extractor.errors import MinhChungError

# HTTP status for each typed input error of the extractor.
INPUT_ERROR_STATUS: dict[str, int] = {
    "unsupported_format": 415,
    "file_too_large": 413,
    "corrupt_file": 422,
    "encrypted_file": 422,
    "empty_document": 422,
    "unsafe_file": 422,
    "scanned_no_ocr": 422,
    "not_vietnamese": 422,
    "missing_tool": 422,
}

MESSAGES: dict[str, tuple[str, str]] = {
    "unauthenticated": ("Chưa đăng nhập hoặc phiên đã hết hạn.", "Not logged in or the session expired."),
    "invalid_credentials": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."),
    "forbidden": ("Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."),
    "not_found": ("Không tìm thấy.", "Not found."),
    "version_conflict": (
        "Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại.",
        "Someone else changed this first; reload and try again.",
    ),
    "duplicate": ("Đã tồn tại.", "Already exists."),
    "validation_error": ("Dữ liệu gửi lên không hợp lệ.", "The request is not valid."),
    "payload_too_large": ("Yêu cầu vượt quá dung lượng cho phép.", "The request is larger than allowed."),
    "not_available": ("Chức năng này chưa sẵn sàng.", "This feature is not available yet."),
    "internal_error": ("Lỗi máy chủ.", "Server error."),
    "too_many_attempts": (
        "Đăng nhập sai quá nhiều lần; hãy thử lại sau.",
        "Too many failed log-ins; try again later.",
    ),
    "account_locked": (
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau hoặc nhờ quản trị viên mở khóa.",
        "The account is locked after repeated failed log-ins; try later or ask an admin to unlock it.",
    ),
    "busy": ("Máy chủ đang bận; hãy thử lại sau giây lát.", "The server is busy; try again in a moment."),
    "csrf_failed": (
        "Yêu cầu bị từ chối vì không đến từ giao diện Minh Chứng.",
        "Refused: the request did not come from the Minh Chứng interface (CSRF check).",
    ),
    "unsupported_media_type": (
        "Kiểu dữ liệu gửi lên không được hỗ trợ.",
        "The request's content type is not accepted here.",
    ),
    "wrong_password": ("Mật khẩu hiện tại không đúng.", "The current password is wrong."),
}


class ApiError(Exception):
    """An error answered as JSON with a stable ``code`` and bilingual messages."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str | None = None,
        *,
        message_vi: str | None = None,
        message_en: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        default_vi, default_en = MESSAGES.get(code, MESSAGES["internal_error"])
        self.status = status
        self.code = code
        self.message_vi = message_vi or default_vi
        self.message_en = message_en or default_en
        self.detail = detail
        self.extra = extra or {}
        self.headers = headers
        super().__init__(f"{code}: {detail or self.message_en}")

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {
            "code": self.code,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }
        if self.detail:
            error["detail"] = self.detail
        return {"error": error, **self.extra}


def not_found(what: str = "") -> ApiError:
    return ApiError(404, "not_found", what or None)


def forbidden(why: str = "") -> ApiError:
    return ApiError(403, "forbidden", why or None)


def english_message(error: MinhChungError) -> str:
    return (type(error).__doc__ or "").strip().splitlines()[0]


def error_dict(error: MinhChungError) -> dict[str, str]:
    """A typed extractor error as the API's error object (also stored on failed jobs/documents)."""
    body = {"code": error.code, "message_vi": error.message_vi, "message_en": english_message(error)}
    if error.detail or error.source:
        body["detail"] = " ".join(p for p in (error.source and f"{error.source}:", error.detail) if p)
    return body


def from_input_error(error: MinhChungError) -> ApiError:
    body = error_dict(error)
    return ApiError(
        INPUT_ERROR_STATUS.get(error.code, 422),
        error.code,
        body.get("detail"),
        message_vi=body["message_vi"],
        message_en=body["message_en"],
    )


def install_handlers(app: FastAPI) -> None:
    """Every error, ours or the framework's, answers with the same body shape."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(MinhChungError)
    async def _input_error(_request: Request, exc: MinhChungError) -> JSONResponse:
        api_error = from_input_error(exc)
        return JSONResponse(api_error.body(), status_code=api_error.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg')}" for err in exc.errors()[:5]
        )
        return JSONResponse(ApiError(422, "validation_error", problems).body(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {
            401: "unauthenticated",
            403: "forbidden",
            404: "not_found",
            413: "payload_too_large",
            415: "unsupported_media_type",
        }.get(exc.status_code, "validation_error" if exc.status_code < 500 else "internal_error")
        detail = exc.detail if isinstance(exc.detail, str) else None
        return JSONResponse(
            ApiError(exc.status_code, code, detail).body(),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(ApiError(500, "internal_error", type(exc).__name__).body(), status_code=500)
