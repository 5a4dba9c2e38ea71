"""Greek identifiers, checked with well-kept libraries: python-stdnum (AFM, AMKA, IBAN)
and phonenumbers (Greek phones). Each returns the cleaned value or raises ValueError."""

from __future__ import annotations

import re
from datetime import date

from kiosk import regions

# python-stdnum and phonenumbers load their data on first use, not at start-up:
# phonenumbers alone adds a noticeable share of the kiosk's cold start.

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")


def clean_afm(value: str) -> str:
    from stdnum.gr import vat as std_afm

    number = std_afm.compact(value)
    if not std_afm.is_valid(number):
        raise ValueError("afm")
    return number


def clean_amka(value: str, birth_date: date | None = None) -> str:
    from stdnum.gr import amka as std_amka

    number = std_amka.compact(value)
    if not std_amka.is_valid(number):
        raise ValueError("amka")
    if birth_date is not None and number[:6] != birth_date.strftime("%d%m%y"):
        raise ValueError("amka_birth_date")
    return number


def clean_iban(value: str) -> str:
    from stdnum import iban as std_iban

    number = std_iban.compact(value)
    if not number.startswith("GR") or not std_iban.is_valid(number):
        raise ValueError("iban")
    return number


def clean_phone(value: str) -> str:
    import phonenumbers

    try:
        parsed = phonenumbers.parse(value, "GR")
    except phonenumbers.NumberParseException:
        raise ValueError("phone") from None
    if not phonenumbers.is_valid_number(parsed) or parsed.country_code != 30:
        raise ValueError("phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def clean_email(value: str) -> str:
    text = value.strip()
    if not _EMAIL.match(text):
        raise ValueError("email")
    return text


def clean_postcode(value: str) -> str:
    text = re.sub(r"\s", "", value)
    if not regions.postcode_in_range(text):
        # Five digits outside Greece's range (99999) are not «must have 5 digits».
        five_digits = len(text) == 5 and text.isdigit()
        raise ValueError("postcode_unknown" if five_digits else "postcode")
    return text
