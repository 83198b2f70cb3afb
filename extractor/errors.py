"""Typed errors for bad input. Each has a clear bilingual message and its own CLI exit code."""

from __future__ import annotations


class MinhChungError(Exception):
    """Base class. ``code`` is a stable machine name, ``exit_code`` the CLI's exit status."""

    code = "error"
    exit_code = 1
    message_vi = "Lỗi không xác định."

    def __init__(self, detail: str = "", *, source: str | None = None) -> None:
        self.detail = detail
        self.source = source
        super().__init__(self.message())

    def message(self) -> str:
        where = f"{self.source}: " if self.source else ""
        tail = f" ({self.detail})" if self.detail else ""
        return f"{where}{self.message_vi} / {self.__doc__.strip().splitlines()[0]}{tail}"

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message(), "source": self.source}


class UnsupportedFormatError(MinhChungError):
    """Unsupported file type: only PDF, DOCX, DOC, ODT, RTF and TXT are read."""

    code, exit_code = "unsupported_format", 10
    message_vi = "Định dạng tệp không được hỗ trợ (chỉ PDF, DOCX, DOC, ODT, RTF, TXT)."


class CorruptFileError(MinhChungError):
    """The file is corrupt or truncated and cannot be read."""

    code, exit_code = "corrupt_file", 11
    message_vi = "Tệp bị hỏng hoặc không đầy đủ, không đọc được."


class EncryptedFileError(MinhChungError):
    """The file is password-protected (encrypted)."""

    code, exit_code = "encrypted_file", 12
    message_vi = "Tệp được bảo vệ bằng mật khẩu (mã hóa)."


class EmptyDocumentError(MinhChungError):
    """The file has no pages or no text."""

    code, exit_code = "empty_document", 13
    message_vi = "Tệp rỗng hoặc không có nội dung văn bản."


class FileTooLargeError(MinhChungError):
    """The file exceeds the configured size or page limit."""

    code, exit_code = "file_too_large", 14
    message_vi = "Tệp vượt quá giới hạn kích thước hoặc số trang cho phép."


class ScannedDocumentError(MinhChungError):
    """The PDF has no text layer (scanned) and OCR is not available."""

    code, exit_code = "scanned_no_ocr", 15
    message_vi = "Tệp PDF là bản quét, không có lớp văn bản và không có công cụ OCR (tesseract-ocr-vie)."


class NotVietnameseError(MinhChungError):
    """The text is not Vietnamese."""

    code, exit_code = "not_vietnamese", 16
    message_vi = "Văn bản không phải tiếng Việt."


class UnsafeArchiveError(MinhChungError):
    """The file looks like a malicious archive or XML (zip bomb, entity expansion)."""

    code, exit_code = "unsafe_file", 17
    message_vi = "Tệp có cấu trúc nguy hiểm (zip bomb hoặc XML độc hại), đã từ chối."


class MissingToolError(MinhChungError):
    """A tool needed to read this file is not installed."""

    code, exit_code = "missing_tool", 18
    message_vi = "Thiếu công cụ cần thiết để đọc tệp này."


class InputNotFoundError(MinhChungError):
    """No such file or folder, or no readable file in the folder."""

    code, exit_code = "not_found", 19
    message_vi = "Không tìm thấy tệp hoặc thư mục (hoặc thư mục không có tệp đọc được)."


class OutputPathError(MinhChungError):
    """The output path cannot be written (missing folder, a folder instead of a file, no permission)."""

    code, exit_code = "bad_output", 20
    message_vi = "Không ghi được vào đường dẫn --out."


class PartialFailureError(MinhChungError):
    """Some files could not be processed; the others were."""

    code, exit_code = "files_failed", 21
    message_vi = "Một số tệp không xử lý được."


class InternalError(MinhChungError):
    """Processing this file failed unexpectedly (a bug): the other files go on."""

    code, exit_code = "internal_error", 1
    message_vi = "Lỗi không mong đợi khi xử lý tệp."
