"""FAKE registry records for the reference server: demos and tests only.

Every person and vehicle here is invented. The names say so (ΔΟΚΙΜΑΣΤΙΚΟΣ = test), the
identifiers only pass their checksums (AFM mod-11, AMKA Luhn) so that the client's
validation accepts them, and each record carries `fake: "true"`. Vehicle plates use the
ΖΖΖ series, which is not issued.
"""

from __future__ import annotations

from typing import Final

FAKE_MARK: Final = {"fake": "true"}

TAXPAYERS: Final[dict[str, dict[str, str]]] = {
    "099999999": {"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ", "name": "ΠΟΛΙΤΗΣ", "tax_office": "ΔΟΥ ΔΟΚΙΜΩΝ"},
    "099999987": {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "name": "ΠΟΛΙΤΙΣΣΑ", "tax_office": "ΔΟΥ ΔΟΚΙΜΩΝ"},
    "099999975": {"surname": "FAKE", "name": "TAXPAYER", "tax_office": "ΔΟΥ ΔΟΚΙΜΩΝ"},
}

IDENTITIES: Final[dict[str, dict[str, str]]] = {
    "01010099990": {"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ", "name": "ΠΟΛΙΤΗΣ", "birth_date": "2000-01-01"},
    "15068899994": {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "name": "ΠΟΛΙΤΙΣΣΑ", "birth_date": "1988-06-15"},
}

VEHICLES: Final[dict[str, dict[str, str]]] = {
    "ΖΖΖ-0001": {"make": "FAKE MOTORS", "model": "ΔΟΚΙΜΗ", "owner_afm": "099999999"},
    "ΖΖΖ-0002": {"make": "FAKE MOTORS", "model": "ΔΟΚΙΜΗ 2", "owner_afm": "099999987"},
}

REGISTRY_DATA: Final = {"taxpayer": TAXPAYERS, "identity": IDENTITIES, "vehicle": VEHICLES}


def normalise_identifier(registry: str, identifier: str) -> str:
    cleaned = identifier.strip().upper().replace(" ", "")
    if registry == "vehicle":
        # Greek plates are written with Greek capitals; accept the Latin look-alikes.
        cleaned = cleaned.translate(str.maketrans("ABEZHIKMNOPTYX", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"))
    return cleaned


def lookup(registry: str, identifier: str) -> dict[str, str] | None:
    records = REGISTRY_DATA.get(registry)
    if records is None:
        raise KeyError(registry)
    record = records.get(normalise_identifier(registry, identifier))
    return {**record, **FAKE_MARK} if record is not None else None


# Whose record an identity (AMKA) is: the person's AFM, for a citizen grant's check that
# a look-up concerns the signed-in citizen.
IDENTITY_AFM: Final = {"01010099990": "099999999", "15068899994": "099999987"}

# What a registry may release, attribute by attribute: a look-up asks for some of these
# and gets no more (never the whole record).
RELEASABLE: Final[dict[str, frozenset[str]]] = {
    "taxpayer": frozenset({"surname", "name", "tax_office"}),
    "identity": frozenset({"surname", "name", "birth_date"}),
    "vehicle": frozenset({"make", "model", "owner_afm"}),
}

# The stand-in for TaxisNet's sign-in on the citizen pages: AFM -> (name shown, password).
# FAKE people (the same as TAXPAYERS); the pages say so, the README prints the passwords.
FAKE_CITIZENS: Final = {
    "099999999": ("Π. ΔΟΚΙΜΑΣΤΙΚΟΣ", "demo-citizen-1"),
    "099999987": ("Π. ΔΟΚΙΜΑΣΤΙΚΗ", "demo-citizen-2"),
}


def owner_afm(registry: str, identifier: str) -> str | None:
    """The AFM of the person a record concerns (None for an unknown identifier)."""
    key = normalise_identifier(registry, identifier)
    if registry == "taxpayer":
        return key if key in TAXPAYERS else None
    if registry == "identity":
        return IDENTITY_AFM.get(key)
    if registry == "vehicle":
        vehicle = VEHICLES.get(key)
        return vehicle["owner_afm"] if vehicle else None
    return None
