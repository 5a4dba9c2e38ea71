"""PlatformRegistry: the engine's registry port over HTTP, asking only for a person."""

from __future__ import annotations

import uuid

import pytest
from stdnum.gr import amka, vat

from kiosk.ports import LookupPurpose as PortPurpose
from kiosk.ports import RegistryUnavailableError
from sync.citizen import EvidenceScope, IdentityCheck, LookupPurpose, RegistryAnswer
from sync.registry import PlatformRegistry, RegistryCredentials, RegistryNotAuthorisedError
from sync.server import fixtures
from tests.sync.citizen_support import TAXI, citizen_grant, clerk_session
from tests.sync.conftest import Platform

SUBMISSION = uuid.uuid4()
PURPOSE = LookupPurpose(SUBMISSION, TAXI[0], "taxpayer_identity", TAXI[1])


def _clerk(platform: Platform) -> RegistryCredentials:
    session = clerk_session(platform)
    return RegistryCredentials(
        purpose=LookupPurpose(SUBMISSION, "vehicle-check", "vehicle_record"),
        attributes={
            "taxpayer": ["name", "surname"],
            "vehicle": ["make", "model"],
            "identity": ["surname"],
        },
        clerk_session=session,
        identity_check=IdentityCheck("id_card", "1234"),
    )


def test_without_anybody_signed_in_the_platform_is_not_even_asked(platform: Platform) -> None:
    registry = PlatformRegistry(platform.client())
    with pytest.raises(RegistryNotAuthorisedError):
        registry.lookup("taxpayer", "099999999")
    assert platform.client().registry_fetches("office-thessaloniki") == []


def test_a_citizen_grant_fills_their_own_name_and_reports_the_fetch(platform: Platform) -> None:
    client = platform.client()
    grant = citizen_grant(client, platform.url, submission_id=SUBMISSION)
    fetched: list[RegistryAnswer] = []
    credentials = RegistryCredentials(PURPOSE, {"taxpayer": ["surname", "name"]}, grant.grant)
    registry = PlatformRegistry(client, lambda: credentials, fetched.append)
    record = registry.lookup("taxpayer", "099999999")
    assert record is not None and record.attributes == {
        "surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ",
        "name": "ΠΟΛΙΤΗΣ",
    }
    assert [answer.fetch_id for answer in fetched] == [
        entry["fetch_id"] for entry in client.registry_fetches("office-thessaloniki")
    ]


def test_a_citizen_grant_does_not_reach_another_persons_name(platform: Platform) -> None:
    client = platform.client()
    grant = citizen_grant(client, platform.url, submission_id=SUBMISSION)
    credentials = RegistryCredentials(PURPOSE, {"taxpayer": ["surname"]}, grant.grant)
    with pytest.raises(RegistryNotAuthorisedError) as refused:
        PlatformRegistry(client, lambda: credentials).lookup("taxpayer", "099999987")
    assert refused.value.code == "not_your_record"


def test_a_clerk_finds_a_vehicle_plate_typed_in_latin_letters(platform: Platform) -> None:
    credentials = _clerk(platform)
    record = PlatformRegistry(platform.client(), lambda: credentials).lookup("vehicle", "zzz-0001")
    assert record is not None and record.attributes == {"make": "FAKE MOTORS", "model": "ΔΟΚΙΜΗ"}


def test_an_unknown_identity_is_none_for_a_clerk(platform: Platform) -> None:
    credentials = _clerk(platform)
    registry = PlatformRegistry(platform.client(), lambda: credentials)
    assert registry.lookup("identity", "15068899994") is not None
    assert registry.lookup("identity", "31129999996") is None


def test_registry_down_raises_unavailable(platform: Platform) -> None:
    credentials = _clerk(platform)
    platform.state.registry_down = True
    with pytest.raises(RegistryUnavailableError) as raised:
        PlatformRegistry(platform.client(), lambda: credentials).lookup("taxpayer", "099999999")
    assert not isinstance(raised.value, RegistryNotAuthorisedError)


def test_link_down_raises_unavailable(platform: Platform) -> None:
    credentials = _clerk(platform)
    registry = PlatformRegistry(platform.client(), lambda: credentials)
    platform.stop()
    with pytest.raises(RegistryUnavailableError):
        registry.lookup("taxpayer", "099999999")


def test_a_registry_outside_the_approved_evidence_is_not_asked(platform: Platform) -> None:
    credentials = RegistryCredentials(PURPOSE, {"taxpayer": ["surname"]}, "some-grant")
    with pytest.raises(RegistryNotAuthorisedError):
        PlatformRegistry(platform.client(), lambda: credentials).lookup("vehicle", "ΖΖΖ-0001")
    assert platform.client().registry_fetches("office-thessaloniki") == []


def test_fake_identifiers_pass_their_checksums() -> None:
    assert all(vat.is_valid(afm) for afm in fixtures.TAXPAYERS)
    assert all(vat.is_valid(afm) for afm in fixtures.FAKE_CITIZENS)
    assert all(amka.is_valid(number) for number in fixtures.IDENTITIES)


def test_the_evidence_scope_round_trips_as_json() -> None:
    scope = EvidenceScope("vehicle", "vehicle_record", ("make",))
    assert EvidenceScope.from_json(scope.as_json()) == scope


def test_the_engines_purpose_is_what_the_platform_checks_and_the_record_names_its_fetch(
    platform: Platform,
) -> None:
    client = platform.client()
    grant = citizen_grant(client, platform.url, submission_id=SUBMISSION)
    wider = RegistryCredentials(PURPOSE, {"taxpayer": ["surname", "name"]}, grant.grant)
    registry = PlatformRegistry(client, lambda: wider)
    asked = PortPurpose(SUBMISSION, TAXI[0], "taxpayer_identity", ("surname",))
    record = registry.lookup("taxpayer", "099999999", asked)
    assert record is not None and record.attributes == {"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ"}
    logged = client.registry_fetches("office-thessaloniki")[0]
    assert (record.fetch_id, logged["attributes"]) == (logged["fetch_id"], ["surname"])
    with pytest.raises(RegistryNotAuthorisedError) as refused:  # another application
        registry.lookup(
            "taxpayer", "099999999", PortPurpose(uuid.uuid4(), TAXI[0], "taxpayer_identity")
        )
    assert refused.value.code == "outside_scope"
