"""A record's pattern matches the whole text, and is published and quoted as written."""

from __future__ import annotations

from typing import Annotated

import msgspec
import pytest

from kiosk.records import Record, as_written, whole


class Version(Record, frozen=True, kw_only=True):
    version: Annotated[str, msgspec.Meta(pattern=whole(r"^\d+\.\d+$"))]


def test_a_whole_pattern_refuses_a_final_line_break_that_dollar_lets_through() -> None:
    assert msgspec.convert({"version": "1.0"}, Version).version == "1.0"
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({"version": "1.0\n"}, Version)


def test_a_whole_pattern_is_written_back_as_its_author_wrote_it() -> None:
    assert whole(r"^\d+$") == r"^\d+\Z"
    assert as_written(whole(r"^\d+$")) == r"^\d+$"
    assert as_written(r"^\d+") == r"^\d+"  # not made by whole: left as it is
