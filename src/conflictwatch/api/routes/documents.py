"""Document routes: list and read stored reports; ``POST /documents`` ingests one."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from conflictwatch.api.deps import get_settings, get_store, require_read, require_write
from conflictwatch.api.queries import DocumentFilters, Page, load_document, search_documents
from conflictwatch.api.read_model import refresh_read_model
from conflictwatch.config import Settings
from conflictwatch.errors import DocumentError
from conflictwatch.ledger import ingest
from conflictwatch.models import InputDocument
from conflictwatch.store.db import Store

router = APIRouter(tags=["documents"])

INPUT_EXAMPLE = {"id": "a1", "text": "Three people were killed ...", "title": "...",
                 "published": "2025-03-09", "url": "https://example.org/a1", "source": "..."}


@router.get("/documents", summary="List stored documents", dependencies=[Depends(require_read)])
def list_documents(
    filters: Annotated[DocumentFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=5000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    store: Store = Depends(get_store),
) -> dict:
    """Current documents, newest first, without their text."""
    with store.connect() as conn:
        return search_documents(conn, filters, Page(limit=limit, offset=offset))


@router.get("/documents/{doc_id:path}", summary="One stored document record",
            dependencies=[Depends(require_read)])
def get_document(doc_id: str, store: Store = Depends(get_store)) -> dict:
    """The current record (contract section 2) and the incident it belongs to; the id may
    hold ``/`` (a fetched page's id is its URL), sent as it is or as ``%2F``."""
    with store.connect() as conn:
        found = load_document(conn, doc_id)
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return found


def parse_input(body: bytes, content_type: str, meta: dict) -> InputDocument:
    """An InputDocument from a JSON body, or from an HTML / plain-text body plus query fields."""
    kind = content_type.split(";")[0].strip().lower()
    try:
        if kind == "application/json":
            try:
                data = json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise HTTPException(400, f"body is not valid JSON: {exc}") from exc
            if not isinstance(data, dict):
                raise HTTPException(400, "body must be one JSON object (an input document)")
            return InputDocument.model_validate(data)
        if kind in ("text/html", "text/plain"):
            if not meta.get("id"):
                raise HTTPException(400, "an HTML or text body needs ?id=... in the query")
            text = body.decode("utf-8", errors="replace")
            field = "html" if kind == "text/html" else "text"
            return InputDocument(**{k: v for k, v in meta.items() if v is not None},
                                 **{field: text})
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}"
                          for e in exc.errors())
        raise DocumentError(f"invalid input document: {where}", doc_id=meta.get("id")) from exc
    raise HTTPException(415, "send application/json, text/html or text/plain")


def get_extract(request: Request, settings: Settings):
    """The app's extractor, built on first use and kept on ``app.state``."""
    state = request.app.state
    if state.extract is None:
        from conflictwatch.extract import Extractor  # loads spaCy: only when ingesting

        state.extract = Extractor(settings).extract
    return state.extract


def ingest_one(request: Request, store: Store, settings: Settings,
               document: InputDocument) -> dict:
    """Extract, store and link one document; refresh the read model; report what happened."""
    extract = get_extract(request, settings)
    with request.app.state.write_lock:
        report = ingest([document], store=store, extract=extract, batch_size=1)
        with store.begin() as conn:
            refresh_read_model(conn)
    if report.failed:
        raise DocumentError(report.failed[0].reason, doc_id=document.id)
    with store.connect() as conn:
        found = load_document(conn, document.id)
    return {"summary": report.summary(), "incident_id": found and found["incident_id"],
            "document": found and found["record"]}


@router.post(
    "/documents", summary="Ingest one document", status_code=201,
    dependencies=[Depends(require_write)],
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": InputDocument.model_json_schema(),
                             "example": INPUT_EXAMPLE},
        "text/html": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    }}},
)
async def post_document(
    request: Request,
    id: Annotated[str | None, Query(max_length=512, description="for HTML/text bodies")] = None,
    title: Annotated[str | None, Query(max_length=2000)] = None,
    published: date | None = None,
    url: Annotated[str | None, Query(max_length=4000)] = None,
    source: Annotated[str | None, Query(max_length=512)] = None,
    store: Store = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> dict:
    """Extract, store and link a JSON input document or an HTML / plain-text body."""
    body = await request.body()
    meta = {"id": id, "title": title, "published": published, "url": url, "source": source}
    document = parse_input(body, request.headers.get("content-type", ""), meta)
    return await run_in_threadpool(ingest_one, request, store, settings, document)
