"""Validation rules, each with a message in Greek and English that says how to fix it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import msgspec
import pytest
from msgspec.structs import replace

from kiosk.engine.messages import keys, message
from kiosk.engine.session import FillingSession
from kiosk.submission import AttachmentRef
from tests.kiosk.engine.procedures import support_grant, transporter_licence

TODAY = date(2026, 11, 22)


def _grant() -> FillingSession:
    return FillingSession(support_grant(), "9", uuid.uuid4(), today=TODAY)


def _rules(session: FillingSession, field_id: str, value: Any) -> list[str]:
    return [issue.rule for issue in session.set_answer(field_id, value).issues]


@pytest.mark.parametrize(
    ("field_id", "value", "rules"),
    [
        ("heads", "12,5", []),
        ("heads", 0, ["min_value"]),
        ("heads", "3500.6", ["max_value"]),
        ("heads", "δώδεκα", ["not_a_number"]),
        ("heads", True, ["not_a_number"]),
        ("loss", "30.00", []),
        ("loss", "30.005", ["money"]),
        ("loss", "-1", ["money"]),
        ("loss", "6000", ["constraint"]),
        ("iban", "GR16 0110 1250 0000 0001 2300 695", []),
        ("iban", "GR16 0110 1250 0000 0001 2300 696", ["iban"]),
        ("iban", "DE89370400440532013000", ["iban"]),
        ("email", "maria@example.gr", []),
        ("email", "maria@example", ["email"]),
        ("email", "maria @example.gr", ["email"]),
        ("unit", "0202", []),
        ("unit", "9999", ["regional_unit"]),
        ("kind", "goats", ["choice"]),
        ("insured", "yes", ["yes_no"]),
    ],
)
def test_each_field_kind_has_its_rule(field_id: str, value: Any, rules: list[str]) -> None:
    assert _rules(_grant(), field_id, value) == rules


def test_messages_say_how_to_fix_in_both_languages_with_numbers_written_per_language() -> None:
    issue = _grant().set_answer("heads", "4000").issues[0]
    assert issue.message.el == "Η τιμή πρέπει να είναι το πολύ 3.500,5."
    assert issue.message.get("en") == "The value must be at most 3,500.5."
    constraint = _grant().set_answer("loss", "6000").issues[0]
    assert constraint.message.get("en") == "The loss cannot exceed €5,000."


def test_every_message_has_greek_and_english() -> None:
    params = {"limit": 3, "types": "application/pdf"}
    for key in keys():
        text = message(key, **params)
        assert text.el and text.en and text.el != text.en, key


def test_attachments_must_be_of_an_accepted_type_and_size() -> None:
    session = _grant()
    scan = AttachmentRef(
        sha256="a" * 64, file_name="report.pdf", media_type="application/pdf", size=900_000
    )
    assert _rules(session, "vet_report", scan) == []
    photo = replace(scan, media_type="image/jpeg")
    assert _rules(session, "vet_report", photo) == []
    word = replace(scan, media_type="application/msword")
    assert _rules(session, "vet_report", word) == ["attachment_type"]
    big = replace(scan, size=5 * 2**20)
    assert _rules(session, "vet_report", big) == ["attachment_size"]
    assert _rules(session, "vet_report", "report.pdf") == ["attachment"]


def test_a_birth_date_with_an_age_limit_cannot_be_in_the_future() -> None:
    data = msgspec.to_builtins(transporter_licence())
    data["steps"][0]["fields"][4]["not_in_future"] = False
    procedure = msgspec.convert(data, type(transporter_licence()))
    session = FillingSession(procedure, "2", uuid.uuid4(), today=TODAY)
    assert _rules(session, "birth_date", "2027-01-01") == ["future_date"]
    assert _rules(session, "birth_date", "2008-11-23") == ["min_age"]
    assert _rules(session, "birth_date", "2008-11-22") == []
    assert _rules(session, "birth_date", "22/11/2008") == ["date"]


def test_a_date_given_as_a_date_is_kept_as_its_iso_string() -> None:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4(), today=TODAY)
    assert session.set_answer("birth_date", date(1970, 1, 1)).issues == ()
    assert session.answers["birth_date"] == "1970-01-01"


def test_the_amka_is_checked_against_the_birth_date_given_later_too() -> None:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4(), today=TODAY)
    assert session.set_answer("amka", "01017000009").issues == ()
    session.set_answer("birth_date", "1971-01-01")
    assert "amka_birth_date" in [i.rule for i in session.issues()]


def test_phone_numbers_are_greek_ones() -> None:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4(), today=TODAY)
    assert _rules(session, "phone", "+30 2310 123456") == []
    assert _rules(session, "phone", "+44 20 7946 0958") == ["phone"]
    assert _rules(session, "postcode", "546 22") == []
    assert _rules(session, "postcode", "09999") == ["postcode_unknown"]
    assert _rules(session, "postcode", "0999") == ["postcode"]


def test_repeat_items_are_validated_only_on_their_shown_fields() -> None:
    session = _grant()
    session.set_answer("herds", [{"code": "A1", "moved": False}, {"code": "", "moved": True}])
    paths = [i.path for i in session.issues(session.procedure.steps[1])]
    assert paths == ["herds[1].code", "herds[1].destination"]


def test_validation_is_the_same_for_the_same_answers() -> None:
    answers = {"heads": "0", "loss": "1.234", "email": "x", "herds": [{"moved": True}]}
    first = FillingSession(support_grant(), "9", uuid.uuid4(), answers=dict(answers), today=TODAY)
    second = FillingSession(support_grant(), "9", uuid.uuid4(), answers=dict(answers), today=TODAY)
    assert first.all_issues() == second.all_issues() != []
