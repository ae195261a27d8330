"""One error shape for every failure: ``{"error": {"code", "message"}}``, never a traceback.

Web pages get the same code and message as a small HTML page instead of JSON.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta.errors import InputError, WartaError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error a handler raises on purpose, with its status, code and client-safe message."""

    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """JSON for the API (and anything that is not a page), HTML for the web UI's pages."""
    if _wants_page(request):
        from warta.web.pages import render_error

        return render_error(request, status, message, headers=headers)
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(WartaError, _warta_error)
    app.add_exception_handler(Exception, _unexpected_error)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.status, exc.code, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _CODES.get(exc.status_code) or _slug(exc.status_code)
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers) if exc.headers else None
    return error_response(request, exc.status_code, code, message, headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, 422, "invalid_request", validation_message(exc.errors()))


async def _input_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 422, "invalid_input", str(exc))


async def _warta_error(request: Request, exc: Exception) -> Response:
    # WartaError messages are written for users (what failed and why), never tracebacks;
    # database errors among them may name the server, so those stay in the log.
    log.warning("%s %s: %s", request.method, request.url.path, exc)
    return error_response(request, 400, "request_failed", _first_line(str(exc)))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal_error", "internal server error")


def validation_message(errors: Any) -> str:
    """ "body.text: Input should be a valid string; query.limit: ..." without echoing input."""
    parts = []
    for error in list(errors)[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return "; ".join(parts) or "invalid request"


_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def _slug(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0][:500] if message.strip() else "request failed"


def _wants_page(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path in ("/openapi.json", "/api"):
        return False
    return "text/html" in request.headers.get("accept", "")
