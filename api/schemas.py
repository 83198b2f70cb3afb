"""Pydantic request and response schemas (the API's JSON), separate from the ORM models."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.params import MAX_ID

UnitKind = Literal["khu_dan_cu", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc"]
Role = Literal["admin", "assessor", "auditor"]
EvidenceStatus = Literal["proposed", "confirmed", "rejected"]
SourcePart = Literal["body", "footnote"]
Decision = Literal["met", "not_met", "unclear"]

T = TypeVar("T")

DbId = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=0, le=MAX_ID)]
CriterionId = Annotated[str, Field(min_length=1, max_length=50)]
Password = Annotated[str, Field(min_length=8, max_length=1000)]
MAX_VALUE_BYTES = 16 * 1024  # an edited evidence value, as JSON
MAX_VALUE_DEPTH = 6


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    username: str
    role: Role
    province: str | None


class LoginOut(BaseModel):
    token: str
    csrf_token: str
    user: UserOut


class MeOut(UserOut):
    """The signed-in user; ``csrf_token`` when the session is the browser's cookie (send it back as the
    ``X-CSRF-Token`` header on every change)."""

    csrf_token: str | None = None


class PasswordChangeIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=1000)
    new_password: Password


class PasswordSetIn(BaseModel):
    password: Password


class UserAdminOut(UserOut):
    active: bool
    locked_until: datetime | None
    failed_logins: int


class SessionsRevoked(BaseModel):
    revoked: int


class UserIn(BaseModel):
    username: str = Field(min_length=1, max_length=100, pattern=r"^[\w.@-]+$")
    password: Password
    role: Role
    province: str | None = Field(default=None, max_length=200)


class UnitIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    kind: UnitKind
    province: str | None = Field(default=None, max_length=200)
    commune: str | None = Field(default=None, max_length=200)


class UnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    kind: UnitKind
    province: str
    commune: str | None
    created_at: datetime


class DossierIn(BaseModel):
    unit_id: DbId
    year: int = Field(ge=2000, le=2100)


class EvidenceCounts(BaseModel):
    total: int = 0
    proposed: int = 0
    confirmed: int = 0
    rejected: int = 0


class Overall(BaseModel):
    overall: str
    label_vi: str
    met: int = 0
    not_met: int = 0
    unclear: int = 0
    missing: int = 0
    criteria_total: int = 0


class JobCounts(BaseModel):
    queued: int = 0
    running: int = 0
    failed: int = 0


class DocumentOut(BaseModel):
    id: int
    dossier_id: int
    filename: str
    format: str
    size: int
    sha256: str
    status: str
    page_count: int | None
    info: dict[str, Any] | None
    error: dict[str, Any] | None
    job_id: int | None
    created_at: datetime


class DocumentDetail(DocumentOut):
    text: str | None
    criteria: list[Any] | None = None
    checks: dict[str, Any] | None = None  # api.dossier_checks.document_check: warnings, accepted, held_out


class DossierOut(BaseModel):
    id: int
    unit: UnitOut
    year: int
    created_at: datetime
    document_count: int
    evidence: EvidenceCounts  # of the documents in the proposal (api.summaries)
    evidence_held_out: EvidenceCounts = EvidenceCounts()  # of documents held out for a mismatch
    confirmed_ratio: float
    proposed_result: Overall
    decided_criteria: int
    jobs: JobCounts


class DossierDetail(DossierOut):
    documents: list[DocumentOut]
    checks: dict[str, Any] | None = None  # api.dossier_checks.dossier_check: mismatched documents, kind
    assessor_result: dict[str, Any] | None = None  # the result counting the assessor's decisions


class UploadItem(BaseModel):
    document: DocumentOut
    job_id: int | None
    duplicate: bool
    warnings: list[dict[str, Any]] = []  # how the document disagrees with its dossier (api.dossier_checks)


class AcceptIn(BaseModel):
    note: str | None = Field(default=None, max_length=2000)


class UploadOut(BaseModel):
    documents: list[UploadItem]


class JobOut(BaseModel):
    id: int
    kind: str
    status: str
    progress: float
    message: str | None
    error: dict[str, Any] | None
    attempts: int
    document_id: int | None
    result: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime


class EvidenceOut(BaseModel):
    id: str
    document_id: int
    dossier_id: int
    kind: str
    text: str
    page: int | None
    source_part: SourcePart = Field(
        description='where in the document it was read: "body", or "footnote" (a footnote body)'
    )
    footnote: int | None = Field(
        description="the footnote's 1-based number in the document (footnote evidence)"
    )
    start: int
    end: int
    value: dict[str, Any]
    original_value: dict[str, Any]
    confidence: float
    extractor: str
    criteria: list[str]
    status: EvidenceStatus
    version: int
    updated_by: str | None
    updated_at: datetime


class EvidencePatch(BaseModel):
    version: int = Field(ge=1, le=MAX_ID)
    status: EvidenceStatus | None = None
    value: dict[str, Any] | None = None
    criteria: list[CriterionId] | None = Field(default=None, max_length=50)
    note: str | None = Field(default=None, max_length=2000)

    @field_validator("value")
    @classmethod
    def _bounded_value(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        """An edited value stays the size of what the extractor writes (a few fields, shallow)."""
        if value is None:
            return None
        if _depth(value) > MAX_VALUE_DEPTH:
            raise ValueError(f"nested deeper than {MAX_VALUE_DEPTH} levels")
        size = len(json.dumps(value, ensure_ascii=False).encode())
        if size > MAX_VALUE_BYTES:
            raise ValueError(f"{size} bytes as JSON; at most {MAX_VALUE_BYTES}")
        return value


class AuditOut(BaseModel):
    id: int
    at: datetime
    user: str
    action: str
    entity_type: str
    entity_id: str
    dossier_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


class DecisionIn(BaseModel):
    decision: Decision
    note: str | None = Field(default=None, max_length=4000)
    version: Version


class BulkFolderIn(BaseModel):
    folder: str = Field(min_length=1, max_length=4000)


class JobRef(BaseModel):
    job_id: int
