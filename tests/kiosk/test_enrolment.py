"""The office file's office_id as `kiosk run` reads it before its first screen: from the
plain line an office file has, and from the parsed file whenever the line alone could
mislead."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.enrolment import office_id_of

TEMPLATE = Path(__file__).resolve().parents[2] / "installers" / "office.example.toml"


@pytest.mark.parametrize(
    "text",
    [
        TEMPLATE.read_text("utf-8"),
        'office_id = "ATT-01"\n',
        "  office_id='ATT-01'   # the counter on the ground floor\n",
        'office_id = "a#b" # "quoted" comment\n',
        # Escapes, a quoted key, a multi-line string, a table: parsed, not read off a line.
        'office_id = "ATT\\u002d01"\n',
        '"office_id" = "ATT-01"\n',
        'note = """\noffice_id = "not this"\n"""\noffice_id = "ATT-01"\n',
        'office_idx = "x"\noffice_id = "ATT-01"\n',
        '[retention]\noffice_id = "a table\'s key"\n',
        "office_id = 7\n",
        "mode = 'kiosk'\n",
    ],
)
def test_the_office_id_is_the_one_the_parsed_file_has(text: str) -> None:
    parsed = tomllib.loads(text).get("office_id")

    assert office_id_of(text) == (parsed if isinstance(parsed, str) else None)


def test_a_file_that_is_not_toml_has_no_office_id_unless_its_line_says_it() -> None:
    assert office_id_of("mode = = kiosk\n") is None
    assert office_id_of('office_id = "ATT-01"\nmode = = kiosk\n') == "ATT-01"
