"""Every problem of a document that does not make a record, not only the first.

msgspec stops at the first problem; pydantic, before it, reported them all, and the
people who read them still need all of them: the IT officer fixing an office's
configuration (one line per key) and a device told why the platform refused a body
(422 `field_errors`, one entry per field). So a document that failed is walked field by
field against the record's type: a missing key, an unknown key and each value that does
not convert is one problem, named by its path (`fees.0.amount`, as pydantic named it).

Messages are in the words pydantic used ("Input should be greater than or equal to 15",
"Field required"...), so that what a device, a log or an IT officer reads stays the same,
and they never carry the value given (a refused body may hold personal data): msgspec's
"Invalid enum value 'x'" becomes the allowed values. The caller shows the value only where
it may (the office configuration, which is the reader's own file). A record's own check
(`__post_init__`) names its field by starting its message "<field>: "."""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

import msgspec

Kind = Literal["missing", "unknown", "invalid"]

_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$")
_MISSING = re.compile(r"^Object missing required field `(?P<name>[^`]*)`$")
_OWN_CHECK = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*): (?P<message>.+)$", re.DOTALL)


class Problem(NamedTuple):
    path: str  # dotted, list items by index: "fees.0.amount"; "" for the whole document
    kind: Kind
    message: str
    value: Any = None  # what was given at `path` (never put in a message here)


def problems(
    data: Any, record: type[msgspec.Struct], where: str = "", *, strict: bool = True
) -> list[Problem]:
    """Every problem of `data` as a `record`: [] when it converts (with msgspec's
    `strict`: False reads "90" as a number and "true" as a yes, as pydantic's lax mode)."""
    if not isinstance(data, dict):
        return _converting(data, record, where, strict)
    config = record.__struct_config__
    found: list[Problem] = []
    known = set()
    for field in msgspec.structs.fields(record):
        known.add(field.encode_name)
        key = _join(where, field.encode_name)
        if field.encode_name not in data:
            if field.required:
                found.append(Problem(key, "missing", MISSING))
            continue
        found += _value_problems(data[field.encode_name], field.type, key, strict)
    if config.forbid_unknown_fields:
        found += [
            Problem(_join(where, str(name)), "unknown", UNKNOWN, value)
            for name, value in data.items()
            if name not in known
        ]
    return found or _converting(data, record, where, strict)  # the record's own checks last


def error_problem(
    error: msgspec.ValidationError, where: str = "", value: Any = None, kind: Any = None
) -> Problem:
    """One msgspec error as a Problem, its path made relative to `where` (where a value
    of type `kind` was converted)."""
    match = _AT.match(str(error))
    assert match is not None  # the pattern matches any text
    message, path = match["message"], where
    for name, index in _STEP.findall(match["path"] or ""):
        path = _join(path, name or index)
    if unknown := _UNKNOWN.match(message):
        return Problem(_join(path, unknown["name"]), "unknown", UNKNOWN)
    if missing := _MISSING.match(message):
        return Problem(_join(path, missing["name"]), "missing", MISSING)
    named = _OWN_CHECK.match(message)
    if named and path == where and named["name"] in _field_names(kind):
        # A record's own check (__post_init__) names its field: "amount: ..."
        return Problem(_join(path, named["name"]), "invalid", named["message"])
    if message.startswith("Invalid enum value"):
        choices = _choices(kind) if path == where else []
        message = (
            f"Input should be {_or(choices)}"
            if choices
            else "Input should be one of the allowed values"
        )
    return Problem(path, "invalid", _words(message), value if path == where else None)


MISSING = "Field required"
UNKNOWN = "Extra inputs are not permitted"
_TYPES = {
    "str": "a valid string",
    "int": "a valid integer",
    "float": "a valid number",
    "bool": "a valid boolean",
    "object": "a valid dictionary or object",
    "array": "a valid list",
    "null": "None",
}
_BOUND = {
    ">=": "greater than or equal to",
    "<=": "less than or equal to",
    ">": "greater than",
    "<": "less than",
}
_REWORD: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"^Expected `str` of length (>=|<=) (\d+)$"),
        lambda m: (
            f"String should have at {'least' if m[1] == '>=' else 'most'} {m[2]} "
            f"character{'s' if m[2] != '1' else ''}"
        ),
    ),
    (
        re.compile(r"^Expected `array` of length (>=|<=) (\d+)$"),
        lambda m: (
            f"List should have at {'least' if m[1] == '>=' else 'most'} {m[2]} "
            f"item{'s' if m[2] != '1' else ''}"
        ),
    ),
    (
        re.compile(r"^Expected `(?:int|float)` (>=|<=|>|<) (\S+)$"),
        lambda m: f"Input should be {_BOUND[m[1]]} {m[2]}",
    ),
    (
        re.compile(r"^Expected `str` matching regex (.*)$"),
        lambda m: f"String should match pattern {_dollar(m[1])}",
    ),
    (
        re.compile(r"^Expected `([\w ]+?)(?: \| null)?`, got `\w+`$"),
        lambda m: f"Input should be {_TYPES.get(m[1], m[1])}",
    ),
    (
        re.compile(r"^Invalid RFC3339 encoded datetime$"),
        lambda m: "Input should be a valid datetime",
    ),
    (re.compile(r"^Invalid RFC3339 encoded date$"), lambda m: "Input should be a valid date"),
    (re.compile(r"^Invalid UUID$"), lambda m: "Input should be a valid UUID"),
    (re.compile(r"^Invalid decimal string$"), lambda m: "Input should be a valid decimal"),
]


def _dollar(shown: str) -> str:
    """A pattern as msgspec shows it ('^…\\\\Z', repr-escaped), as its author wrote
    it: '^…$' (kiosk.record_schemas.whole)."""
    return re.sub(r"\\\\Z'$", "$'", shown)


def _words(message: str) -> str:
    """msgspec's words for the common problems as pydantic put them; others as they are."""
    for pattern, words in _REWORD:
        if match := pattern.match(message):
            return words(match)
    return message


def _field_names(kind: Any) -> set[str]:
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        return {field.encode_name for field in msgspec.structs.fields(kind)}
    return set()


def _choices(kind: Any) -> list[str]:
    if hasattr(kind, "__metadata__"):
        kind = get_args(kind)[0]
    if get_origin(kind) in (Union, types.UnionType):
        return [choice for arg in get_args(kind) for choice in _choices(arg)]
    if get_origin(kind) is Literal:
        return [repr(arg) for arg in get_args(kind)]
    return []


def _or(choices: list[str]) -> str:
    return choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"


def _value_problems(value: Any, kind: Any, key: str, strict: bool) -> list[Problem]:
    try:
        msgspec.convert(value, kind, str_keys=True, strict=strict)
    except msgspec.ValidationError as error:
        inner = _record_of(kind)
        if inner is not None and isinstance(value, dict):
            found = problems(value, inner, key, strict=strict)
            return found or [error_problem(error, key, value, kind)]
        item = _record_of(_list_item(kind))
        if item is not None and isinstance(value, list):
            found = [
                problem
                for index, each in enumerate(value)
                for problem in problems(each, item, _join(key, str(index)), strict=strict)
            ]
            return found or [error_problem(error, key, value, kind)]
        return [error_problem(error, key, value, kind)]
    return []


def _converting(data: Any, record: type[msgspec.Struct], where: str, strict: bool) -> list[Problem]:
    try:
        msgspec.convert(data, record, str_keys=True, strict=strict)
    except msgspec.ValidationError as error:
        return [error_problem(error, where, data, record)]
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
