"""Every problem of a document that does not make a record, not only the first.

msgspec stops at the first problem; pydantic, before it, reported them all, and the
people who read them still need all of them: the IT officer fixing an office's
configuration (one line per key), a device told why the platform refused a body (422
`field_errors`, one entry per field) and an author fixing a procedure definition
(kiosk.catalog.validation). So a document that failed is walked field by field against
its type (records, lists, dicts, optionals): a missing key, an unknown key and each value that
does not convert is one problem, at its path, a tuple of keys and list indexes that each
reader writes its own way (`fees.0.amount` here, as pydantic named it;
`steps[0].fields[1].id` for a definition).

Messages are in the words pydantic used ("Input should be greater than or equal to 15",
"Field required"...), so that what a device, a log, an IT officer or an author reads stays
the same, and they never carry the value given (a refused body may hold personal data):
msgspec's "Invalid enum value 'x'" becomes the allowed values. The caller shows the value
only where it may (the office configuration, which is the reader's own file). A record's
own check (`__post_init__`) names its field by starting its message "<field>: "."""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, NamedTuple, Union, get_args, get_origin

import msgspec

from kiosk.records import as_written

Kind = Literal["missing", "unknown", "invalid"]
Path = tuple[str | int, ...]  # keys and list indexes, from the document's root

MISSING = "Field required"
UNKNOWN = "Extra inputs are not permitted"

# Patterns compiled at first use (_re), not at import: the catalog and the office
# configuration import this module at every start, and only a refused document needs them.
_AT = r"(?s)^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$"
_STEP = r"\.([^.\[]+)|\[(\d+)\]|(\[[^\]]*\])"
_UNKNOWN = r"^Object contains unknown field `(?P<name>[^`]*)`$"
_MISSING = r"^Object missing required field `(?P<name>[^`]*)`$"
_OWN_CHECK = r"(?s)^(?P<name>[a-z_][a-z0-9_]*): (?P<message>.+)$"


@cache
def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class Problem(NamedTuple):
    path: str  # dotted, list items by index: "fees.0.amount"; "" for the whole document
    kind: Kind
    message: str
    value: Any = None  # what was given at `path` (never put in a message here)


class Found(NamedTuple):
    """A problem as the walk finds it, its path not yet written."""

    at: Path
    kind: Kind
    message: str
    value: Any = None


def problems(
    data: Any, record: type[msgspec.Struct], where: str = "", *, strict: bool = True
) -> list[Problem]:
    """Every problem of `data` as a `record`: [] when it converts (with msgspec's
    `strict`: False reads "90" as a number and "true" as a yes, as pydantic's lax mode)."""
    return [
        Problem(dotted(found.at, where), found.kind, found.message, found.value)
        for found in walk(data, record, strict=strict)
    ]


def dotted(at: Path, where: str = "") -> str:
    """A path as the protocol and the office configuration write it: `fees.0.amount`."""
    return ".".join([where, *map(str, at)] if where else map(str, at))


def bracketed(at: Path) -> str:
    """A path as a definition's authors read it: `steps[0].fields[1].id`."""
    written = ""
    for part in at:
        if isinstance(part, int) or part.startswith("["):
            written += f"[{part}]" if isinstance(part, int) else part
        else:
            written += f".{part}" if written else part
    return written


def walk(data: Any, kind: Any, at: Path = (), *, strict: bool = True) -> list[Found]:
    """Every problem of `data` as a `kind` (a record, a list, an optional...), walked
    through records, lists and dicts' values: [] when it converts."""
    try:
        msgspec.convert(data, kind, str_keys=True, strict=strict)
    except msgspec.ValidationError as error:
        record = _record_of(kind)
        if record is not None and isinstance(data, dict):
            return _record_problems(data, record, at, strict) or [
                error_found(error, at, data, kind)
            ]
        item = _inner(kind, list)
        if item is not None and isinstance(data, list):
            found = [
                problem
                for index, value in enumerate(data)
                for problem in walk(value, item, (*at, index), strict=strict)
            ]
            if found:
                return found
        value_kind = _inner(kind, dict)
        if value_kind is not None and isinstance(data, dict):
            found = [
                problem
                for key, value in data.items()
                for problem in walk(value, value_kind, (*at, str(key)), strict=strict)
            ]
            if found:
                return found
        return [error_found(error, at, data, kind)]
    return []


def _record_problems(
    data: dict[Any, Any], record: type[msgspec.Struct], at: Path, strict: bool
) -> list[Found]:
    found: list[Found] = []
    known = set()
    for field in msgspec.structs.fields(record):
        known.add(field.encode_name)
        if field.encode_name not in data:
            if field.required:
                found.append(Found((*at, field.encode_name), "missing", MISSING))
            continue
        found += walk(data[field.encode_name], field.type, (*at, field.encode_name), strict=strict)
    if record.__struct_config__.forbid_unknown_fields:
        found += [
            Found((*at, str(name)), "unknown", UNKNOWN, value)
            for name, value in data.items()
            if name not in known
        ]
    if found:
        return found
    try:  # every field is right: the record's own check (__post_init__) is not
        msgspec.convert(data, record, str_keys=True, strict=strict)
    except msgspec.ValidationError as error:
        return [error_found(error, at, data, record)]
    return []


def error_found(error: msgspec.ValidationError, at: Path, value: Any, kind: Any) -> Found:
    """One msgspec error of converting `value` (at `at`) as a `kind`, in pydantic's words."""
    match = _re(_AT).match(str(error))
    assert match is not None  # the pattern matches any text
    message, path = match["message"], at
    for name, index, key in _re(_STEP).findall(match["path"] or ""):
        path = (*path, int(index) if index else name or key)
    if unknown := _re(_UNKNOWN).match(message):
        return Found((*path, unknown["name"]), "unknown", UNKNOWN)
    if missing := _re(_MISSING).match(message):
        return Found((*path, missing["name"]), "missing", MISSING)
    itself = path == at  # the error is about the value converted, not inside it
    named = _re(_OWN_CHECK).match(message)
    if named and itself and named["name"] in _field_names(kind):
        # A record's own check (__post_init__) names its field: "amount: ..."
        return Found((*path, named["name"]), "invalid", named["message"])
    if message.startswith("Invalid enum value"):
        choices = _choices(kind) if itself else []
        message = (
            f"Input should be {_or(choices)}"
            if choices
            else "Input should be one of the allowed values"
        )
    return Found(
        path, "invalid", _words(message, value if itself else None), value if itself else None
    )


_TYPES = {
    "str": "Input should be a valid string",
    "int": "Input should be a valid integer",
    "float": "Input should be a valid number",
    "bool": "Input should be a valid boolean",
    "object": "Input should be a valid dictionary or object",
    "array": "Input should be a valid list",
    "null": "Input should be None",
    "decimal": "Decimal input should be an integer, float, string or Decimal object",
    "datetime": "Input should be a valid datetime",
    "date": "Input should be a valid date",
    "uuid": "Input should be a valid UUID",
}
_BOUND = {
    ">=": "greater than or equal to",
    "<=": "less than or equal to",
    ">": "greater than",
    "<": "less than",
}


def _at_most(match: re.Match[str]) -> str:
    return "least" if match[1] == ">=" else "most"


def _items(match: re.Match[str], value: Any) -> str:
    count = f", not {len(value)}" if isinstance(value, list) else ""
    return f"List should have at {_at_most(match)} {match[2]} item{_s(match[2])} after validation{count}"


def _written(shown: str) -> str:
    """A pattern as msgspec shows it (a repr: backslashes doubled, `\\Z` at the end) as
    pydantic quoted it: as its author wrote it (kiosk.records.as_written)."""
    return as_written(shown.replace("\\\\", "\\"))


def _s(count: str) -> str:
    return "s" if count != "1" else ""


_REWORD: list[tuple[str, Callable[[re.Match[str], Any], str]]] = [
    (
        r"^Expected `str` of length (>=|<=) (\d+)$",
        lambda m, _: f"String should have at {_at_most(m)} {m[2]} character{_s(m[2])}",
    ),
    (r"^Expected `array` of length (>=|<=) (\d+)$", _items),
    (
        r"^Expected `(?:int|float|decimal)` (>=|<=|>|<) (\S+)$",
        lambda m, _: f"Input should be {_BOUND[m[1]]} {m[2]}",
    ),
    (
        r"^Expected `str` matching regex '(.*)'$",
        lambda m, _: f"String should match pattern '{_written(m[1])}'",
    ),
    (
        r"^Expected `(\w+)(?: \| [^`]*)?`, got `\w+`$",
        lambda m, _: _TYPES.get(m[1], m[0]),
    ),
    (
        r"^Invalid RFC3339 encoded datetime$",
        lambda m, _: "Input should be a valid datetime",
    ),
    (r"^Invalid RFC3339 encoded date$", lambda m, _: "Input should be a valid date"),
    (r"^Invalid UUID$", lambda m, _: "Input should be a valid UUID"),
    (r"^Invalid decimal string$", lambda m, _: "Input should be a valid decimal"),
]


def _words(message: str, value: Any) -> str:
    """msgspec's words for the common problems as pydantic put them; others as they are
    (`value`, the value converted when the message is about it, only counts a list)."""
    for pattern, words in _REWORD:
        if match := _re(pattern).match(message):
            return words(match, value)
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


def _members(kind: Any) -> list[Any]:
    """The types `kind` may be, unannotated, None left out: `X | None` -> [X]."""
    if hasattr(kind, "__metadata__"):  # Annotated
        kind = get_args(kind)[0]
    if get_origin(kind) in (Union, types.UnionType):
        return [member for arg in get_args(kind) for member in _members(arg)]
    return [] if kind is type(None) else [kind]


def _record_of(kind: Any) -> type[msgspec.Struct] | None:
    """The record class of `X`, `X | None` or `Annotated[X, ...]`; None for others."""
    members = _members(kind)
    record = members[0] if len(members) == 1 else None
    return record if isinstance(record, type) and issubclass(record, msgspec.Struct) else None


def _inner(kind: Any, container: type) -> Any:
    """The item type of `list[X]` or value type of `dict[K, X]` (`container`), optional
    or annotated too; None for others."""
    found = [member for member in _members(kind) if get_origin(member) is container]
    return get_args(found[0])[-1] if len(found) == 1 else None
