"""``create_app(settings)``: the JSON API and the offline dashboard, as one FastAPI app.

Routes: ``/incidents`` (+ ``/timeline``, ``/{id}``), ``/documents`` (GET, POST), ``/claims``,
``/events``, ``/healthz``, ``/config``, OpenAPI at ``/docs`` and ``/openapi.json``, the dashboard
at ``/`` with its assets under ``/static``. CORS is off (the dashboard is same-origin) unless
``api_cors_origins`` names the origins allowed.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictwatch import __version__
from conflictwatch.api.errors import install_error_handler, render_error
from conflictwatch.api.read_model import create_read_model, refresh_read_model
from conflictwatch.api.routes import claims, documents, incidents, meta
from conflictwatch.config import Settings
from conflictwatch.errors import ConfigError
from conflictwatch.models import DocumentRecord, InputDocument
from conflictwatch.store.db import Store, open_store

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"


class BodyLimit:
    """Refuse request bodies larger than ``max_body`` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = HTTPException(413, f"request body larger than {self.max_body} bytes")
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            if not declared.isdigit():
                too_large = HTTPException(400, "invalid Content-Length header")
            response = await render_error(None, too_large)  # type: ignore[arg-type]
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise too_large
            return message

        await self.app(scope, limited, send)


class RefuseNul:
    """Refuse (400) a URL whose path or query holds a NUL byte (``%00``): PostgreSQL cannot
    compare text holding one, and no id, filter or page name does."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and ("\x00" in scope["path"]
                                        or b"%00" in scope["query_string"]
                                        or b"\x00" in scope["query_string"]):
            refusal = HTTPException(400, "the URL holds a NUL byte (%00)")
            response = await render_error(None, refusal)  # type: ignore[arg-type]
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def content_security_policy(settings: Settings) -> str:
    """Same-origin only; an online tile server's origin is allowed for images when set."""
    images = "'self' data:"
    if settings.tile_url:
        parts = urlsplit(settings.tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in settings.tile_url else parts.netloc
        images += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")


def add_dashboard(app: FastAPI, settings: Settings) -> None:
    """Serve the dashboard at ``/`` and its assets (and a vendored Swagger UI) offline."""
    policy = content_security_policy(settings)
    headers = {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "no-referrer"}
    vendor = DASHBOARD / "vendor" / "swagger-ui"

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(DASHBOARD / "index.html", headers=headers)

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        if (vendor / "swagger-ui-bundle.js").exists():
            return get_swagger_ui_html(
                openapi_url="/openapi.json", title="conflictwatch API",
                swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                swagger_favicon_url="/static/vendor/leaflet/images/marker-icon.png")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="conflictwatch API")

    app.mount("/static", StaticFiles(directory=DASHBOARD, check_dir=False), name="static")


def create_app(
    settings: Settings,
    *,
    store: Store | None = None,
    extract: Callable[[InputDocument], DocumentRecord] | None = None,
) -> FastAPI:
    """The API and dashboard over ``store`` (default: open ``settings.database_url()``).

    Args:
        settings: the Settings in force (token, body limit, tile URL, database).
        store: an open ledger; when omitted the app opens one and closes it on shutdown.
        extract: turns an InputDocument into a record for ``POST /documents``; default: a
            ``conflictwatch.extract.Extractor`` built on the first POST.
    """
    if settings.api_protect_reads and not settings.api_token:
        raise ConfigError("api_protect_reads is set but api_token is not: nothing could read")
    origins = cors_origins(settings)
    owned = store is None
    store = store or open_store(settings.database_url())
    with store.begin() as conn:
        create_read_model(conn)
        refresh_read_model(conn)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="conflictwatch", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="A geolocated ledger of violent events and death tolls, read "
                              "from news reports.")
    app.state.settings = settings
    app.state.store = store
    app.state.extract = extract
    app.state.write_lock = threading.Lock()
    install_error_handler(app)
    for module in (incidents, documents, claims, meta):
        app.include_router(module.router)
    add_dashboard(app, settings)
    app.add_middleware(BodyLimit, max_body=settings.api_max_body)
    app.add_middleware(RefuseNul)
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    return app


def cors_origins(settings: Settings) -> list[str]:
    """The origins ``api_cors_origins`` allows (none by default: no CORS header is sent)."""
    origins = [o.strip().rstrip("/") for o in (settings.api_cors_origins or "").split(",")]
    for origin in filter(None, origins):
        parts = urlsplit(origin)
        if origin != "*" and (parts.scheme not in ("http", "https") or not parts.netloc
                              or parts.path or parts.query):
            raise ConfigError(f"api_cors_origins: {origin!r} is not an origin "
                              "(scheme://host[:port])")
    return [o for o in origins if o]
