"""Printable and working forms: the scorecard as DOCX (Nghị định 30/2020/NĐ-CP layout) and XLSX, the audit
as XLSX/CSV, the evidence as a terminal table. Wording and page settings live in ``corpora/forms/``."""
