"""One error shape for every failure, JSON under /api/ and an HTML page elsewhere.

``{"error": {"status": 404, "code": "not_found", "message": "…"}}``: parley's own errors keep
their stable code (``P500``), HTTP failures get a word.  Unexpected failures and store
failures are logged here and reach the client as a fixed message: no stack trace, no SQL,
no database path ever leaves the server.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ParleyError, StoreError

LOG = logging.getLogger("parley.api")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    501: "not_implemented",
}
INTERNAL_MESSAGE = "the server could not answer this request; the details are in its log"


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str


class ErrorOut(BaseModel):
    """The one shape every error response has."""

    error: ErrorBody


def _describe(status: int) -> dict[str, Any]:
    return {"model": ErrorOut, "description": CODES.get(status, "error").replace("_", " ")}


READ_ERRORS: dict[int | str, dict[str, Any]] = {s: _describe(s) for s in (400, 404, 422, 500)}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {s: _describe(s) for s in (400, 401, 403, 404, 413, 415, 422, 500, 501)}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str, *, code: str | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    """The error as JSON for API paths, as a small HTML page for the web pages."""
    body = ErrorBody(status=status, code=code or CODES.get(status, f"http_{status}"), message=message)
    if wants_json(request):
        return JSONResponse({"error": body.model_dump()}, status_code=status, headers=headers)
    renderer = getattr(request.app.state, "render_error", None)
    if renderer is None:
        return JSONResponse({"error": body.model_dump()}, status_code=status, headers=headers)
    return HTMLResponse(renderer(body), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for problem in exc.errors()[:5]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


async def _on_http(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
    return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))


async def _on_validation(request: Request, exc: RequestValidationError) -> Response:
    return error_response(request, 422, _validation_message(exc))


async def _on_anything(request: Request, exc: Exception) -> Response:
    LOG.exception("unexpected failure on %s", request.url.path, exc_info=exc)
    return error_response(request, 500, INTERNAL_MESSAGE)


async def _on_parley(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, ParleyError):
        return await _on_anything(request, exc)
    if isinstance(exc, StoreError):
        LOG.error("store failure on %s: %s", request.url.path, exc)
        return error_response(request, 500, INTERNAL_MESSAGE)
    return error_response(request, 400, exc.message if not exc.where else f"{exc.where}: {exc.message}",
                          code=exc.code)


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception to the one error shape."""
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(ParleyError, _on_parley)
    app.add_exception_handler(Exception, _on_anything)
