"""Fixtures of the browser tests: the live server and Chromium (defined in e2e_server.py)."""

from e2e_server import browser, live_server  # noqa: F401
