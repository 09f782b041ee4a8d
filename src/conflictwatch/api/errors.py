"""Map every error the API can meet to one JSON shape: ``{"error": ..., "code": ...}``.

conflictwatch errors keep their stable ``CWnnn`` code; HTTP-level refusals (missing token, unknown
path, oversized body, invalid parameters) get ``HTTPnnn``. ``install_error_handler`` registers
the one handler, ``render_error``, for all of them.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from conflictwatch.errors import (
    ConfigError,
    ConflictwatchError,
    DocumentError,
    InputError,
    ModelMissingError,
    StoreError,
)

# Most specific first: the first class the error is an instance of gives the status.
STATUS_OF: tuple[tuple[type[ConflictwatchError], int], ...] = (
    (DocumentError, 422),
    (InputError, 400),
    (ModelMissingError, 503),
    (StoreError, 503),
    (ConfigError, 500),
    (ConflictwatchError, 500),
)


def status_of(exc: ConflictwatchError) -> int:
    """The HTTP status for a conflictwatch error."""
    return next(status for cls, status in STATUS_OF if isinstance(exc, cls))


def describe_validation(exc: RequestValidationError) -> str:
    """One readable line per invalid field: ``query.limit: Input should be ...``."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def render_error(request: Request, exc: Exception) -> JSONResponse:
    """The one error handler: every failure becomes ``{error, code}`` with the right status."""
    headers = None
    if isinstance(exc, ConflictwatchError):
        status, body = status_of(exc), {"error": str(exc), "code": exc.code}
    elif isinstance(exc, RequestValidationError):
        status = 422
        body = {"error": describe_validation(exc), "code": "HTTP422"}
    elif isinstance(exc, HTTPException):
        status, headers = exc.status_code, exc.headers
        body = {"error": str(exc.detail), "code": f"HTTP{exc.status_code}"}
    else:
        status, body = 500, {"error": "internal error", "code": "HTTP500"}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handler(app: FastAPI) -> None:
    """Route every error class the API can meet through ``render_error``."""
    for cls in (ConflictwatchError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(cls, render_error)
