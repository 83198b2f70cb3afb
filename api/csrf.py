"""Cross-site request forgery: the browser's session cookie alone never changes anything.

Two checks, both needed because a page on another port of the same host is *same-site* (the
``SameSite=Lax`` cookie goes along with its forms and ``fetch(..., {credentials: "include"})``):

* ``OriginCheckMiddleware``: a state-changing request (POST, PUT, PATCH, DELETE) that names its origin
  (``Origin``, else ``Referer``) must come from this service's own origin (scheme, host *and* port) or a
  configured ``MINHCHUNG_TRUSTED_ORIGINS`` entry; otherwise ``403 csrf_failed``, before any handler runs.
  This covers the log-in form too.
* ``require_csrf_token``: a state-changing request authenticated by the cookie must carry the session's
  CSRF token in the ``X-CSRF-Token`` header (the UI gets it from ``POST /api/auth/login`` and
  ``GET /api/me``). A custom header cannot be sent cross-origin without a CORS pre-flight, which this
  service never grants, and the token cannot be read or computed by another origin.

Requests with ``Authorization: Bearer`` (scripts, curl) are not exposed to CSRF and need no token.
"""

from __future__ import annotations

import hmac
import json
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import ApiError
from api.security import csrf_token

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "X-CSRF-Token"


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _own_origin(scope: Scope, headers: dict[bytes, bytes]) -> str | None:
    host = headers.get(b"host", b"").decode("latin-1").strip().lower()
    if not host:
        return None
    scheme = scope.get("scheme", "http")
    default_port = {"http": ":80", "https": ":443"}.get(scheme, "")
    if default_port and host.endswith(default_port):
        host = host[: -len(default_port)]
    return f"{scheme}://{host}"


class OriginCheckMiddleware:
    """403 ``csrf_failed`` for a state-changing request whose ``Origin``/``Referer`` is another origin."""

    def __init__(self, app: ASGIApp, trusted: tuple[str, ...] = ()) -> None:
        self.app = app
        self.trusted = frozenset(origin.lower().rstrip("/") for origin in trusted)

    def allowed(self, scope: Scope) -> bool:
        headers = dict(scope.get("headers") or [])
        claimed = headers.get(b"origin")
        if claimed is not None:
            origin = claimed.decode("latin-1").strip().lower().rstrip("/")
        elif b"referer" in headers:
            origin = _origin_of(headers[b"referer"].decode("latin-1")) or "null"
        else:
            return True  # not a browser (browsers send Origin on every cross-origin POST)
        return origin == _own_origin(scope, headers) or origin in self.trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE_METHODS and not self.allowed(scope):
            body = json.dumps(ApiError(403, "csrf_failed", "request from another origin").body()).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 403,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def require_csrf_token(request: Request, session_token: str) -> None:
    """For a cookie-authenticated change: the ``X-CSRF-Token`` header must be the session's token."""
    if request.method not in UNSAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent, csrf_token(session_token)):
        raise ApiError(403, "csrf_failed", f"missing or wrong {CSRF_HEADER} header")
