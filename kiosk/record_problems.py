"""Every problem of a document that does not make a record, not only the first.

msgspec stops at the first problem; pydantic, before it, reported them all, and the
people who read them still need all of them: the IT officer fixing an office's
configuration (one line per key) and a device told why the platform refused a body
(422 `field_errors`, one entry per field). So a document that failed is walked field by
field against the record's type: a missing key, an unknown key and each value that does
not convert is one problem, named by its path (`fees.0.amount`, as pydantic named it).

Messages never carry the value given (a refused body may hold personal data): msgspec's
"Invalid enum value 'x'" is reworded; the caller shows the value only where it may."""

from __future__ import annotations

import re
import types
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

import msgspec

Kind = Literal["missing", "unknown", "invalid"]

_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$")
_MISSING = re.compile(r"^Object missing required field `(?P<name>[^`]*)`$")


class Problem(NamedTuple):
    path: str  # dotted, list items by index: "fees.0.amount"; "" for the whole document
    kind: Kind
    message: str
    value: Any = None  # what was given at `path` (never put in a message here)


def problems(data: Any, record: type[msgspec.Struct], where: str = "") -> list[Problem]:
    """Every problem of `data` as a `record`: [] when it converts."""
    if not isinstance(data, dict):
        return _converting(data, record, where)
    config = record.__struct_config__
    found: list[Problem] = []
    known = set()
    for field in msgspec.structs.fields(record):
        known.add(field.encode_name)
        key = _join(where, field.encode_name)
        if field.encode_name not in data:
            if field.required:
                found.append(Problem(key, "missing", "missing"))
            continue
        found += _value_problems(data[field.encode_name], field.type, key)
    if config.forbid_unknown_fields:
        found += [
            Problem(_join(where, str(name)), "unknown", "unknown field", value)
            for name, value in data.items()
            if name not in known
        ]
    return found or _converting(data, record, where)  # the record's own checks last


def error_problem(error: msgspec.ValidationError, where: str = "", value: Any = None) -> Problem:
    """One msgspec error as a Problem, its path made relative to `where`."""
    match = _AT.match(str(error))
    assert match is not None  # the pattern matches any text
    message, path = match["message"], where
    for name, index in _STEP.findall(match["path"] or ""):
        path = _join(path, name or index)
    if unknown := _UNKNOWN.match(message):
        return Problem(_join(path, unknown["name"]), "unknown", "unknown field")
    if missing := _MISSING.match(message):
        return Problem(_join(path, missing["name"]), "missing", "missing")
    if message.startswith("Invalid enum value"):
        message = "not one of the allowed values"
    return Problem(path, "invalid", message, value if path == where else None)


def _value_problems(value: Any, kind: Any, key: str) -> list[Problem]:
    try:
        msgspec.convert(value, kind, str_keys=True)
    except msgspec.ValidationError as error:
        inner = _record_of(kind)
        if inner is not None and isinstance(value, dict):
            return problems(value, inner, key) or [error_problem(error, key, value)]
        item = _record_of(_list_item(kind))
        if item is not None and isinstance(value, list):
            found = [p for i, v in enumerate(value) for p in problems(v, item, _join(key, str(i)))]
            return found or [error_problem(error, key, value)]
        return [error_problem(error, key, value)]
    return []


def _converting(data: Any, record: type[msgspec.Struct], where: str) -> list[Problem]:
    try:
        msgspec.convert(data, record, str_keys=True)
    except msgspec.ValidationError as error:
        return [error_problem(error, where, data)]
    return []


def _record_of(kind: Any) -> type[msgspec.Struct] | None:
    """The record class of `X`, `X | None` or `Annotated[X, ...]`; None for others."""
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        return kind
    if get_origin(kind) in (Union, types.UnionType):
        options = [arg for arg in get_args(kind) if arg is not type(None)]
        return _record_of(options[0]) if len(options) == 1 else None
    if hasattr(kind, "__metadata__"):  # Annotated
        return _record_of(get_args(kind)[0])
    return None


def _list_item(kind: Any) -> Any:
    if hasattr(kind, "__metadata__"):
        kind = get_args(kind)[0]
    return get_args(kind)[0] if get_origin(kind) is list else None


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name
