"""Protocol-shaped answers for the reference server: every JSON body is an envelope,
errors included, so the client can tell a server's refusal from a proxy's page."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sync.protocol import envelope


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field_errors: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field_errors = field_errors or {}
        self.extra = extra


def ok(**fields: Any) -> JSONResponse:
    return JSONResponse(envelope(**fields))


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = envelope(error=code, message=message, **extra)
    return JSONResponse(body, status_code=status, headers=headers)


async def api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    extra = dict(exc.extra)
    if exc.field_errors:
        extra["field_errors"] = exc.field_errors
    retry = extra.get("retry_after")
    headers = {"Retry-After": str(retry)} if retry is not None else None
    return error_response(exc.status, exc.code, exc.message, headers, **extra)
