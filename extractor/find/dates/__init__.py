"""Dates, periods, ranges and recurring deadlines (``kind: date``); see :mod:`.find`."""

from extractor.find.dates.find import EXTRACTOR, KIND, document_year, find_dates, parse_date_phrase, valid_day

__all__ = ["EXTRACTOR", "KIND", "document_year", "find_dates", "parse_date_phrase", "valid_day"]
