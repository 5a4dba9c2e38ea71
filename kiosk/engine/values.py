"""Answers are JSON values, so the draft store, the submission and a rebuilt session all
see the same thing. Decided here, once:

- text, choices, identifiers: str (identifiers as the person typed them; validation
  cleans a copy, the answer is kept as given so nothing they typed is lost);
- number: int or float; money: a decimal string ("30.00") — a Decimal is stored as its
  string, never as a float, so cents survive the round trip;
- date: an ISO string ("1970-01-01"); a `date` given by the screen is converted;
- yes/no and declarations: bool; multiple choice: a list of values;
- attachment: an AttachmentRef stored as its dict (sha256, file_name, media_type, size);
- repeat group: a list of dicts, one per item.

Values are bounded (depth, length) so that a damaged draft or a runaway screen gives a
clear error instead of a slow form."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import msgspec

MAX_DEPTH = 4  # group list -> item dict -> attachment dict -> its values
MAX_ITEMS = 200
MAX_TEXT = 20_000


class AnswerValueError(ValueError):
    """A value that cannot be kept as an answer; says which field and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"answer for '{path}': {reason}")
        self.path = path
        self.reason = reason


def to_answer(value: Any, path: str, depth: int = 0) -> Any:
    """The JSON form of a value given for the field at `path`."""
    if depth > MAX_DEPTH:
        raise AnswerValueError(path, f"nested deeper than {MAX_DEPTH} levels")
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise AnswerValueError(path, f"longer than {MAX_TEXT} characters")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AnswerValueError(path, "not a finite number")
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AnswerValueError(path, "not a finite number")
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, msgspec.Struct):  # AttachmentRef
        return msgspec.to_builtins(value)
    if isinstance(value, Mapping):
        if len(value) > MAX_ITEMS:
            raise AnswerValueError(path, f"more than {MAX_ITEMS} entries")
        return {str(k): to_answer(v, f"{path}.{k}", depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise AnswerValueError(path, f"more than {MAX_ITEMS} items")
        return [to_answer(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
    raise AnswerValueError(path, f"a {type(value).__name__} cannot be kept as an answer")


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
