"""Claim and event routes: the figures and events each report states, before linking."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from conflictwatch.api.deps import get_store, require_read
from conflictwatch.api.queries import (
    ClaimFilters,
    EventFilters,
    Page,
    search_claims,
    search_events,
)
from conflictwatch.store.db import Store

router = APIRouter(dependencies=[Depends(require_read)])


@router.get("/claims", tags=["claims"], summary="List claims")
def list_claims(
    filters: Annotated[ClaimFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=5000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    store: Store = Depends(get_store),
) -> dict:
    """Every casualty figure of current reports: source, verified, as_of and evidence text."""
    with store.connect() as conn:
        return search_claims(conn, filters, Page(limit=limit, offset=offset))


@router.get("/events", tags=["events"], summary="List events of reports")
def list_events(
    filters: Annotated[EventFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=5000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    store: Store = Depends(get_store),
) -> dict:
    """The events each current report describes, newest first."""
    with store.connect() as conn:
        return search_events(conn, filters, Page(limit=limit, offset=offset))
