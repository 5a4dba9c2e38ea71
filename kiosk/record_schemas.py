"""JSON Schemas of records, as published (resources/schemas/, sync/openapi.json).

msgspec writes them (JSON Schema 2020-12: required, patterns, limits, additionalProperties
false for a record that refuses unknown fields, the class docstring as description); this
adds what it leaves out: a datetime is `"format": "date-time"` (msgspec says only
"string" unless a time zone is required)."""

from __future__ import annotations

import types
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Union, get_args, get_origin

import msgspec

from kiosk.records import as_written


def record_components(
    records: Iterable[type[msgspec.Struct]], ref_template: str = "#/$defs/{name}"
) -> dict[str, dict[str, Any]]:
    """Name -> schema of each record and of every record it holds."""
    chosen = list(records)
    _, components = msgspec.json.schema_components(chosen, ref_template=ref_template)
    for record in _with_inner(chosen):
        properties = components[record.__name__]["properties"]
        for field in msgspec.structs.fields(record):
            if _is_time(field.type):
                _date_time(properties[field.encode_name])
    written: dict[str, dict[str, Any]] = _dollar(components)
    return written


def _dollar(node: Any) -> Any:
    """Every `…\\Z` pattern written back as `…$` (kiosk.records.whole, as_written)."""
    if isinstance(node, dict):
        found = {key: _dollar(value) for key, value in node.items()}
        if isinstance(found.get("pattern"), str):
            found["pattern"] = as_written(found["pattern"])
        return found
    if isinstance(node, list):
        return [_dollar(item) for item in node]
    return node


def _with_inner(records: list[type[msgspec.Struct]]) -> list[type[msgspec.Struct]]:
    found: list[type[msgspec.Struct]] = []
    waiting = list(records)
    while waiting:
        record = waiting.pop()
        if record in found:
            continue
        found.append(record)
        for field in msgspec.structs.fields(record):
            waiting += _records_in(field.type)
    return found


def _records_in(kind: Any) -> list[type[msgspec.Struct]]:
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        return [kind]
    return [record for arg in get_args(kind) for record in _records_in(arg)]


def _is_time(kind: Any) -> bool:
    if hasattr(kind, "__metadata__"):
        kind = get_args(kind)[0]
    if get_origin(kind) in (Union, types.UnionType):
        return any(_is_time(arg) for arg in get_args(kind))
    return kind is datetime


def _date_time(schema: dict[str, Any]) -> None:
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "string":
            option["format"] = "date-time"
