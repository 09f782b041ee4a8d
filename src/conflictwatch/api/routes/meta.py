"""Service routes: health and the dashboard's configuration."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import text

from conflictwatch import __version__
from conflictwatch.api.deps import get_settings, get_store, require_read
from conflictwatch.config import Settings
from conflictwatch.store.db import Store

router = APIRouter(tags=["service"])


@router.get("/healthz", summary="Liveness and database check")
def healthz(store: Store = Depends(get_store)) -> dict:
    """``{"status": "ok"}`` when the database answers (503 with an error otherwise)."""
    with store.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok", "version": __version__}


@router.get("/config", summary="Dashboard configuration", dependencies=[Depends(require_read)])
def dashboard_config(settings: Settings = Depends(get_settings)) -> dict:
    """What the dashboard needs to know: the optional online tile URL."""
    return {"tile_url": settings.tile_url, "version": __version__}
