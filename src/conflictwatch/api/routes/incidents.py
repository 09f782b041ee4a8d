"""Incident routes: the filtered list, the timeline, and one incident with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from starlette.exceptions import HTTPException

from conflictwatch.api.deps import get_store, require_read
from conflictwatch.api.queries import (
    Bucket,
    IncidentFilters,
    IncidentSort,
    Page,
    incident_timeline,
    load_incident_detail,
    search_incidents,
)
from conflictwatch.store.db import Store

PAGE_SCHEMA = {"type": "object", "required": ["total", "limit", "offset", "items"],
               "properties": {"total": {"type": "integer"}, "limit": {"type": "integer"},
                              "offset": {"type": "integer"},
                              "items": {"type": "array", "items": {"type": "object"}}}}

router = APIRouter(tags=["incidents"], dependencies=[Depends(require_read)])


@router.get("/incidents", summary="List incidents matching filters", response_class=Response,
            responses={200: {"content": {"application/json": {"schema": PAGE_SCHEMA}}}})
def list_incidents(
    filters: Annotated[IncidentFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=5000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: IncidentSort = "-date_start",
    store: Store = Depends(get_store),
) -> Response:
    """Incident summaries, newest first by default; ``total`` counts every match."""
    with store.connect() as conn:
        page = search_incidents(conn, filters, Page(limit=limit, offset=offset), sort)
    return Response(page.to_json(), media_type="application/json")


@router.get("/incidents/timeline", summary="Incidents and deaths over time")
def timeline(
    filters: Annotated[IncidentFilters, Query()],
    bucket: Bucket = "auto",
    store: Store = Depends(get_store),
) -> dict:
    """Counts of incidents and deaths per day, week or month, under the same filters."""
    with store.connect() as conn:
        return incident_timeline(conn, filters, bucket)


@router.get("/incidents/{incident_id}", summary="One incident with its reports and claims")
def get_incident(incident_id: str, store: Store = Depends(get_store)) -> dict:
    """The incident, each report's text with evidence spans, and the toll's evolution."""
    with store.connect() as conn:
        detail = load_incident_detail(conn, incident_id)
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return detail
