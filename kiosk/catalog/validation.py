"""Validating definitions against their records, reporting EVERY problem with its path.

msgspec stops at the first problem; an author fixing a definition wants them all at
once, as `kiosk catalog check`, the loader and the sheets always showed. So a valid
definition takes the fast path (one `msgspec.convert`), and only an invalid one is
walked field by field to collect each problem, worded as the format's users know them
(the words pydantic used, which tests, docs and authors' habits rely on: "Field
required", "String should match pattern …")."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")
# Lax as the pydantic models were, so every file that loaded still loads: "5" for a
# number and "true" for a yes/no are read; a number is never turned into text.
STRICT = False

Located = tuple[str, str]  # (path inside the definition, e.g. steps[0].fields[1].id; message)


class DefinitionError(msgspec.ValidationError):
    """Every problem of a definition, each with its path; str() joins them."""

    def __init__(self, problems: list[Located]) -> None:
        super().__init__("; ".join(f"{p}: {m}" if p else m for p, m in problems))
        self.problems = problems


def whole(pattern: str) -> str:
    """A `^…$` pattern for msgspec.Meta that matches the whole text only. msgspec matches
    with re.search, where `$` also matches before a final line break ("1.0.0\\n" would
    pass); `\\Z` is the very end. The schema export writes `$` back for editors (JSON
    Schema's regexes are ECMA's, where `$` is the very end), and messages show `$`."""
    return pattern.removesuffix("$") + r"\Z"


def convert(data: Any, kind: type[T]) -> T:
    """`data` (decoded JSON, or built from a sheet) as a `kind`; DefinitionError lists
    every problem."""
    try:
        return msgspec.convert(data, kind, strict=STRICT)
    except msgspec.ValidationError:
        raise DefinitionError(problems(data, kind)) from None


def decode(raw: bytes, kind: type[T]) -> T:
    """JSON bytes as a `kind`; DefinitionError lists every problem (or why it is not JSON)."""
    try:
        return msgspec.json.decode(raw, type=kind, strict=STRICT)
    except msgspec.ValidationError:
        raise DefinitionError(problems(msgspec.json.decode(raw), kind)) from None
    except msgspec.DecodeError as error:
        raise DefinitionError([("", f"Invalid JSON: {error}")]) from None


def dump(value: Any, *, exclude_none: bool = False, exclude_defaults: bool = False) -> Any:
    """A record as JSON-ready builtins (decimals as strings), leaving out, at every
    level, the fields that are None or at their default when asked to: the files the
    authoring tools write hold what the author said, not every default."""
    if isinstance(value, msgspec.Struct):
        out: dict[str, Any] = {}
        for info in msgspec.structs.fields(value):
            item = getattr(value, info.name)
            if exclude_none and item is None:
                continue
            if exclude_defaults and _is_default(item, info):
                continue
            out[info.encode_name] = dump(
                item, exclude_none=exclude_none, exclude_defaults=exclude_defaults
            )
        return out
    if isinstance(value, list | tuple):
        return [
            dump(item, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
            for item in value
        ]
    if isinstance(value, dict):
        return {
            key: dump(item, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
            for key, item in value.items()
        }
    return msgspec.to_builtins(value)


def _is_default(value: Any, info: msgspec.structs.FieldInfo) -> bool:
    if info.default is not msgspec.NODEFAULT:
        return bool(value == info.default)
    if info.default_factory is not msgspec.NODEFAULT:
        return bool(value == info.default_factory())
    return False


# -- collecting every problem ------------------------------------------------------------


def problems(data: Any, kind: Any, path: str = "") -> list[Located]:
    """Every problem of `data` as a `kind`, walked through records, lists and optionals."""
    try:
        msgspec.convert(data, kind, strict=STRICT)
        return []
    except msgspec.ValidationError as error:
        first = error
    base = _unannotated(kind)
    record = _record_in(base)
    if record is not None and isinstance(data, dict):
        return _record_problems(data, record, path)
    item = _list_item(base)
    if item is not None and isinstance(data, list):
        found = [p for i, value in enumerate(data) for p in problems(value, item, f"{path}[{i}]")]
        if found:
            return found
    return [_worded(first, path, kind, data)]


def _record_problems(
    data: dict[str, Any], record: type[msgspec.Struct], path: str
) -> list[Located]:
    found: list[Located] = []
    infos = msgspec.structs.fields(record)
    names = {info.encode_name for info in infos}
    if record.__struct_config__.forbid_unknown_fields:
        for key in data:
            if key not in names:
                found.append((_join(path, str(key)), "Extra inputs are not permitted"))
    for info in infos:
        if info.encode_name not in data:
            if info.required:
                found.append((_join(path, info.encode_name), "Field required"))
            continue
        found += problems(data[info.encode_name], info.type, _join(path, info.encode_name))
    if not found:  # every field is right: the record's own rule (its __post_init__) is not
        try:
            msgspec.convert(data, record, strict=STRICT)
        except msgspec.ValidationError as error:
            found.append(_worded(error, path, record, data))
    return found


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _unannotated(kind: Any) -> Any:
    return typing.get_args(kind)[0] if typing.get_origin(kind) is typing.Annotated else kind


def _members(kind: Any) -> tuple[Any, ...]:
    kind = _unannotated(kind)
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return tuple(_unannotated(member) for member in typing.get_args(kind))
    return (kind,)


def _record_in(kind: Any) -> type[msgspec.Struct] | None:
    for member in _members(kind):
        if isinstance(member, type) and issubclass(member, msgspec.Struct):
            return member
    return None


def _list_item(kind: Any) -> Any | None:
    for member in _members(kind):
        if typing.get_origin(member) is list:
            return typing.get_args(member)[0]
    return None


def _literals(kind: Any) -> list[Any]:
    found: list[Any] = []
    for member in _members(kind):
        if typing.get_origin(member) is typing.Literal:
            found += typing.get_args(member)
        elif typing.get_origin(member) in (typing.Union, types.UnionType):
            found += _literals(member)
    return found


# -- msgspec's words -> the words the format's users know --------------------------------

_EXPECTED = {
    "str": "Input should be a valid string",
    "int": "Input should be a valid integer",
    "float": "Input should be a valid number",
    "bool": "Input should be a valid boolean",
    "object": "Input should be an object",
    "array": "Input should be a valid list",
    "decimal": "Decimal input should be an integer, float, string or Decimal object",
}
_COMPARED = {">=": "greater than or equal to", "<=": "less than or equal to",
             ">": "greater than", "<": "less than"}  # fmt: skip


def _worded(error: msgspec.ValidationError, path: str, kind: Any, data: Any) -> Located:
    message, _, where = str(error).partition(" - at `")
    inner = where.rstrip("`").removeprefix("$")
    if inner.startswith("."):
        inner = inner[1:]
    if inner:
        path = f"{path}{inner}" if inner.startswith("[") else _join(path, inner)
    if match := re.fullmatch(r"Object missing required field `(.+)`", message):
        return _join(path, match.group(1)), "Field required"
    if match := re.fullmatch(r"Object contains unknown field `(.+)`", message):
        return _join(path, match.group(1)), "Extra inputs are not permitted"
    return path, _words(message, kind if not inner else None, data if not inner else None)


def _words(message: str, kind: Any, data: Any) -> str:
    if match := re.fullmatch(r"Expected `(\w+)(?: \| [^`]*)?`, got `\w+`", message):
        return _EXPECTED.get(match.group(1), message)
    if match := re.fullmatch(r"Expected `str` matching regex '(.*)'", message):
        pattern = match.group(1).replace("\\\\", "\\")  # msgspec doubles backslashes
        if pattern.endswith("\\Z"):  # see whole(): authors know `$`
            pattern = pattern.removesuffix("\\Z") + "$"
        return f"String should match pattern '{pattern}'"
    if match := re.fullmatch(r"Expected `str` of length (>=|<=) (\d+)", message):
        most = "least" if match.group(1) == ">=" else "most"
        count = int(match.group(2))
        return f"String should have at {most} {count} character{'s' * (count != 1)}"
    if match := re.fullmatch(r"Expected `array` of length (>=|<=) (\d+)", message):
        most = "least" if match.group(1) == ">=" else "most"
        count = int(match.group(2))
        found = f", not {len(data)}" if isinstance(data, list) else ""
        return f"List should have at {most} {count} item{'s' * (count != 1)}{found}"
    if match := re.fullmatch(r"Expected `(?:int|float|decimal)` (>=|<=|>|<) (.+)", message):
        return f"Input should be {_COMPARED[match.group(1)]} {match.group(2)}"
    if message.startswith("Invalid enum value") and kind is not None and _literals(kind):
        options = [repr(option) for option in _literals(kind)]
        return "Input should be " + (
            f"{', '.join(options[:-1])} or {options[-1]}" if len(options) > 1 else options[0]
        )
    return message
