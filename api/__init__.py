"""Minh Chứng web service: FastAPI API, durable job queue, assessor workflow and web UI."""
