"""Validating definitions against their records, reporting EVERY problem with its path.

msgspec stops at the first problem; an author fixing a definition wants them all at
once, as `kiosk catalog check`, the loader and the sheets always showed. So a valid
definition takes the fast path (one `msgspec.convert`), and only an invalid one is
walked field by field (kiosk.record_problems, the one walker, also the protocol's and the
office configuration's) to collect each problem, worded as the format's users know them
(the words pydantic used, which tests, docs and authors' habits rely on: "Field
required", "String should match pattern …"), at a path written `steps[0].fields[1].id`."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from kiosk.record_problems import bracketed, error_found, walk

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


def convert(data: Any, kind: type[T]) -> T:
    """`data` (decoded JSON, or built from a sheet) as a `kind`; DefinitionError lists
    every problem."""
    try:
        return msgspec.convert(data, kind, strict=STRICT)
    except msgspec.ValidationError as error:
        raise DefinitionError(_problems(data, kind, error)) from None


def decode(raw: bytes, kind: type[T]) -> T:
    """JSON bytes as a `kind`; DefinitionError lists every problem (or why it is not JSON)."""
    try:
        return msgspec.json.decode(raw, type=kind, strict=STRICT)
    except msgspec.ValidationError as error:
        raise DefinitionError(_problems(msgspec.json.decode(raw), kind, error)) from None
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


def _problems(data: Any, kind: Any, error: msgspec.ValidationError) -> list[Located]:
    """Every problem of `data` as a `kind`, found by the one walker, at bracketed paths
    (the first problem, `error`, should the walk find none)."""
    found = walk(data, kind, strict=STRICT) or [error_found(error, (), data, kind)]
    return [(bracketed(problem.at), problem.message) for problem in found]
