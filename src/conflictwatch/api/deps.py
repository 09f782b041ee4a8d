"""FastAPI dependencies: the settings, the store, and the API token checks.

Settings and the store live on ``app.state`` (set by ``create_app``); tests override
``get_settings`` / ``get_store`` through ``app.dependency_overrides``.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from conflictwatch.api.read_model import is_stale, refresh_read_model
from conflictwatch.config import Settings
from conflictwatch.store.db import Store

bearer = HTTPBearer(auto_error=False, description="The API token (CONFLICTWATCH_API_TOKEN).")


def get_settings(request: Request) -> Settings:
    """The Settings the app was created with."""
    return request.app.state.settings


def get_store(request: Request) -> Store:
    """The open ledger store, its read model first brought up to date when the ledger moved.

    Another process (``conflictwatch ingest``) may write the same database while we serve;
    the check costs two indexed reads.
    """
    store = request.app.state.store
    with store.connect() as conn:
        stale = is_stale(conn)
    if stale:
        with request.app.state.write_lock, store.begin() as conn:
            refresh_read_model(conn)
    return store


def check_token(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Refuse (401) unless the request carries ``Authorization: Bearer <api_token>``."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "missing API token (Authorization: Bearer ...)", challenge)
    expected = (settings.api_token or "").encode()
    if not hmac.compare_digest(credentials.credentials.encode(), expected):
        raise HTTPException(401, "invalid API token", challenge)


def require_read(
    settings: Settings = Depends(get_settings),
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
) -> None:
    """Reads are open unless ``api_protect_reads`` is set."""
    if settings.api_protect_reads:
        check_token(settings, credentials)


def require_write(
    settings: Settings = Depends(get_settings),
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
) -> None:
    """Writes need the token; with no token configured they are switched off (403)."""
    if not settings.api_token:
        raise HTTPException(403, "writes are disabled: set CONFLICTWATCH_API_TOKEN to enable")
    check_token(settings, credentials)
