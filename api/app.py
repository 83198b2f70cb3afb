"""The FastAPI application: ``create_app(settings)`` wires routers, errors, limits, and the static UI."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from api import docs_page
from api.client_address import trusted_networks
from api.csrf import OriginCheckMiddleware
from api.db import make_engine, make_sessionmaker
from api.deps import AppState
from api.errors import install_handlers
from api.headers import SecurityHeadersMiddleware
from api.limits import BodyLimitMiddleware
from api.migrate import upgrade_head
from api.routers import audit, auth, bulk, documents, dossiers, evidence, health, jobs, scorecards, units
from api.routers import vocabulary as vocabulary_router
from api.settings import Settings
from api.throttle import AddressThrottle, HashGate

STATIC_DIR = Path(__file__).resolve().parent / "static"
MULTIPART_OVERHEAD = 1024 * 1024

FALLBACK_PAGE = """<!doctype html><html lang="vi"><meta charset="utf-8"><title>Minh Chứng</title>
<body><h1>Minh Chứng</h1><p>Giao diện web chưa được cài đặt. API: <a href="/docs">/docs</a>.</p></body></html>"""


def create_app(settings: Settings | None = None, *, migrate: bool = False) -> FastAPI:
    """Build the app; ``migrate=True`` runs ``alembic upgrade head`` first (``minhchung serve`` does)."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade_head(engine)
    Path(settings.storage_dir).mkdir(parents=True, exist_ok=True)
    app = FastAPI(
        title="Minh Chứng API",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        description="Minh chứng cho tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA).",
    )
    hash_gate = HashGate(settings.password_hash_concurrency, settings.password_hash_queue)
    app.state.mc = AppState(
        settings=settings,
        engine=engine,
        sessions=make_sessionmaker(engine),
        address_throttle=AddressThrottle(
            settings.login_address_failures, settings.login_address_window_seconds
        ),
        hash_gate=hash_gate,
        trusted_proxies=trusted_networks(settings.trusted_proxies),
    )
    app.router.on_shutdown.append(hash_gate.shutdown)
    install_handlers(app)

    upload_limit = settings.max_upload_bytes * settings.max_files_per_upload + MULTIPART_OVERHEAD

    def limit_for(path: str) -> int:
        if path == "/api/bulk":
            return settings.max_bulk_bytes + MULTIPART_OVERHEAD
        if path.endswith("/documents"):
            return upload_limit
        return settings.max_json_body_bytes

    # Outermost last: headers on every answer, then the origin check, then the body limit.
    app.add_middleware(BodyLimitMiddleware, limit_for=limit_for)
    app.add_middleware(OriginCheckMiddleware, trusted=settings.trusted_origins)
    app.add_middleware(SecurityHeadersMiddleware)
    for module in (health, auth, units, dossiers, documents, jobs, evidence, scorecards, audit, bulk):
        app.include_router(module.router)
    app.include_router(vocabulary_router.router)

    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_page.render(app.openapi()))

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> FileResponse | HTMLResponse:
        page = STATIC_DIR / "index.html"
        return FileResponse(page) if page.exists() else HTMLResponse(FALLBACK_PAGE)

    return app
