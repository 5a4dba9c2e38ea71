"""Records: the typed, validated shapes of the definition format, the office's
configuration and the protocol, as msgspec Structs.

msgspec, not pydantic: a Struct class is made in microseconds where a pydantic model
builds its validator at import (~1 ms each, a third of a device's start was pydantic),
decoding and validating a catalog is several times faster, and its JSON Schemas are
standard (2020-12). `Record` is the one base: frozen, unknown fields refused (a typo in a
definition or a body is an error, not silently dropped).

Each record repeats `frozen=True, kw_only=True` in its own class line: msgspec inherits
`frozen` and `forbid_unknown_fields` but applies `kw_only` only to the fields a class
declares itself, and mypy reads `frozen` from the class line, not from the base.
Keyword-only means a record is always built by name, so optional fields may come before
required ones. A pattern ends in `\\Z`, never `$` (`whole`): msgspec matches with
`re.search`, where `$` also matches before a final line break."""

from __future__ import annotations

import msgspec


class Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A frozen, strict record; see the module's docstring."""


def whole(pattern: str) -> str:
    """A `^…$` pattern for msgspec.Meta that matches the whole text only. msgspec matches
    with re.search, where `$` also matches before a final line break ("1.0.0\\n" would
    pass, "ab12\\n" for a sha256 would reach a file name); `\\Z` is the very end."""
    return pattern.removesuffix("$") + r"\Z"


def as_written(pattern: str) -> str:
    """A `whole` pattern as its author wrote it, `…$`: what the published schemas show
    (JSON Schema's regexes are ECMA's, where `$` is the very end) and messages quote."""
    return pattern.removesuffix(r"\Z") + "$" if pattern.endswith(r"\Z") else pattern
