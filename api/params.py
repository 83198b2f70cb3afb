"""Bounded path and query parameters: ids fit the database's integer columns, pages stay computable.

SQLite integers stop at 2^63 and PostgreSQL ``integer`` at 2^31; an id past either used to reach the
database and answer 500. Every route takes its ids and pages through these types, so such a request is
a ``422 validation_error`` before any query runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_ID = 2**31 - 1  # PostgreSQL ``integer``, the narrowest id column of both backends
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 500
MAX_EVIDENCE_ID = 80  # length of ``evidence.id``

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
EvidenceId = Annotated[str, Path(min_length=1, max_length=MAX_EVIDENCE_ID)]
QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Year = Annotated[int | None, Query(ge=1900, le=2200)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
ShortText = Annotated[str | None, Query(max_length=200)]
