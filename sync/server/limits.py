"""Limits before work: every body is read through a counter and refused as soon as it
passes its endpoint's limit, and JSON is scanned for nesting depth before any parser
recurses into it (Python's json raises RecursionError, a 500, at ~1,000 levels).

NaN and Infinity are not JSON (RFC 8259) but Python's json accepts them, and so would a
record's `Any` fields: a body holding one is refused, naming where it is.

A body that is not a valid record is refused with every field at fault named, and the
words of each problem, never the value sent (`field_messages`).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import msgspec
from starlette.requests import Request

from kiosk.record_problems import problems
from sync.server.errors import ApiError

MAX_JSON_DEPTH = 32  # a submission's answers nest 3-4 levels (repeat groups, files)
SMALL_BODY = 4 * 1024  # enrolment, clerk sign-in, registry look-up

_SPECIAL = re.compile(rb'["\\\[\]{}]')
_QUOTE, _BACKSLASH = ord('"'), ord("\\")
_OPEN, _CLOSE = frozenset(b"[{"), frozenset(b"]}")


async def read_limited(request: Request, limit: int) -> bytes:
    """The body, read chunk by chunk and refused (413) past `limit` bytes: an honest
    Content-Length over it is refused before a byte is read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"body over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def check_depth(raw: bytes, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse (422) JSON nested deeper than `limit`, looking only at quotes, escapes
    and brackets: linear in the body, no recursion, nothing parsed."""
    depth, in_string, skip = 0, False, -1
    for match in _SPECIAL.finditer(raw):
        at = match.start()
        if at == skip:  # the character after a backslash inside a string
            continue
        char = raw[at]
        if in_string:
            if char == _BACKSLASH:
                skip = at + 1
            elif char == _QUOTE:
                in_string = False
        elif char == _QUOTE:
            in_string = True
        elif char in _OPEN:
            depth += 1
            if depth > limit:
                raise ApiError(
                    422, "too_deep", f"JSON nested deeper than {limit} levels", {"body": "too deep"}
                )
        elif char in _CLOSE:
            depth -= 1


def non_finite_paths(value: Any, path: str = "") -> list[str]:
    """Where a NaN or an infinity sits, as field paths (`answers.height`)."""
    if isinstance(value, float) and not math.isfinite(value):
        return [path or "body"]
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in non_finite_paths(item, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in non_finite_paths(item, f"{path}[{index}]")
        ]
    return []


def parse_json(raw: bytes, code: str = "invalid") -> Any:
    """Depth-checked, then parsed; NaN/Infinity refused with the fields that hold them.
    Messages never carry the values: a body may hold personal data."""
    check_depth(raw)
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(422, code, "the body is not JSON", {"body": "not JSON"}) from error
    bad = non_finite_paths(document)
    if bad:
        raise ApiError(
            422,
            code,
            "NaN and Infinity are not numbers",
            {path: "not a finite number" for path in bad[:50]},
        )
    return document


async def read_json(request: Request, limit: int = SMALL_BODY, code: str = "invalid") -> Any:
    return parse_json(await read_limited(request, limit), code)


def field_messages(
    document: Any, record: type[msgspec.Struct], error: msgspec.DecodeError
) -> dict[str, str]:
    """Field path -> what is wrong, for each problem of a body that failed to decode as
    `record` ("body" for the document as a whole). Messages only: what was sent is
    never echoed back (a refused body may hold personal data). JSON that Python's parser
    took but msgspec's does not (a lone surrogate escape, "\\ud800") is "body", as
    pydantic's parser said too."""
    found = {problem.path or "body": problem.message for problem in problems(document, record)}
    if found:
        return found
    if isinstance(error, msgspec.ValidationError):
        return {"body": str(error).split(" - at `")[0]}
    return {"body": f"Invalid JSON: {error}"}
