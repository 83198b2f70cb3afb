"""Dates, periods, ranges and recurring deadlines (``kind: date``).

``regexes.py`` the patterns, ``parse.py`` a phrase → its value, ``find.py`` the finder and its
spaCy factory.
"""

from extractor.find.dates.find import EXTRACTOR, KIND, find_dates
from extractor.find.dates.parse import document_year, parse_date_phrase, valid_day

__all__ = ["EXTRACTOR", "KIND", "document_year", "find_dates", "parse_date_phrase", "valid_day"]
