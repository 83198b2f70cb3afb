"""``/docs`` without a CDN: a self-contained HTML page of the routes, built from the OpenAPI schema.

FastAPI's default ``/docs`` loads Swagger UI from jsdelivr and is blank offline; no installed package
ships the Swagger UI assets, so the service renders the schema itself as plain HTML (no script; the UI's
own stylesheet), which the strict Content-Security-Policy allows. The machine-readable schema stays at
``/openapi.json``.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"[{_schema_name(schema.get('items', {}))}]"
    if "anyOf" in schema:
        return " | ".join(_schema_name(part) for part in schema["anyOf"])
    return str(schema.get("type", "object"))


def _operation(path: str, method: str, operation: dict[str, Any]) -> str:
    parameters = "".join(
        f"<li><code>{escape(p['name'])}</code> ({escape(p.get('in', ''))}"
        f"{', bắt buộc / required' if p.get('required') else ''}): "
        f"{escape(_schema_name(p.get('schema', {})))}</li>"
        for p in operation.get("parameters", [])
    )
    body = operation.get("requestBody", {}).get("content", {})
    bodies = "".join(
        f"<li>body <code>{escape(kind)}</code>: {escape(_schema_name(spec.get('schema', {})))}</li>"
        for kind, spec in body.items()
    )
    responses = ", ".join(escape(code) for code in operation.get("responses", {}))
    summary = escape(operation.get("summary") or "")
    description = escape(
        (operation.get("description") or "").strip().splitlines()[0] if operation.get("description") else ""
    )
    return (
        f'<section id="{escape(operation.get("operationId", path))}"><h3><span class="m">{method.upper()}</span> '
        f"<code>{escape(path)}</code></h3><p>{summary}{' — ' if summary and description else ''}"
        f"{description}</p><ul>{parameters}{bodies}<li>responses: {responses}</li></ul></section>"
    )


def render(openapi: dict[str, Any]) -> str:
    """The documentation page of ``openapi`` (FastAPI's ``app.openapi()``)."""
    info = openapi.get("info", {})
    by_tag: dict[str, list[str]] = {}
    for path, item in openapi.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                tag = (item[method].get("tags") or ["other"])[0]
                by_tag.setdefault(tag, []).append(_operation(path, method, item[method]))
    sections = "".join(f"<h2>{escape(tag)}</h2>{''.join(ops)}" for tag, ops in by_tag.items())
    schemas = openapi.get("components", {}).get("schemas", {})
    models = "".join(
        f"<details><summary><code>{escape(name)}</code></summary><pre>{escape(json.dumps(schema, indent=1, ensure_ascii=False))}</pre></details>"
        for name, schema in sorted(schemas.items())
    )
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(info.get("title", "API"))}'
        f' — tài liệu API</title><link rel="stylesheet" href="/static/css/app.css"></head><body><main>'
        f"<h1>{escape(info.get('title', 'API'))} {escape(info.get('version', ''))}</h1>"
        f"<p>{escape(info.get('description', ''))}</p>"
        '<p>Lược đồ máy đọc / machine-readable schema: <a href="/openapi.json">/openapi.json</a>. '
        "Hợp đồng tuyến / route contract: api/ROUTES.md.</p>"
        f"{sections}<h2>Schemas</h2>{models}</main></body></html>"
    )
