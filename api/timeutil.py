"""UTC helpers: SQLite hands datetimes back without a time zone; treat them as UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None
