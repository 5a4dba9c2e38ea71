"""Once Only prefill: fields bound to a registry are filled by the administration.

When the registry or the link cannot answer, the check is recorded as pending and the
submission carries it: the platform completes it later and the person goes on."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from kiosk.catalog.model import FormField, Procedure
from kiosk.ports import LookupPurpose, RegistryLookupPort, RegistryUnavailableError
from kiosk.submission import OnceOnlyCheck


class PrefillResult(msgspec.Struct, frozen=True):
    values: dict[str, str]  # field id -> value from the registry
    check: OnceOnlyCheck | None  # None: refused for who asked (no check to complete later)
    fetch_id: str | None = None
    fetched_at: datetime | None = None
    refused: str | None = None  # the platform's refusal code


def bound_fields(procedure: Procedure, key_field: str) -> list[FormField]:
    return [f for f in procedure.all_fields() if f.prefill and f.prefill.key_field == key_field]


def prefill_from_registry(
    procedure: Procedure,
    key_field: str,
    identifier: str,
    registry: RegistryLookupPort | None,
    purpose: LookupPurpose | None = None,
) -> PrefillResult | None:
    """Look up the registry the fields bound to `key_field` name; None if none are bound."""
    fields = bound_fields(procedure, key_field)
    if not fields:
        return None
    assert fields[0].prefill is not None
    registry_name = fields[0].prefill.registry
    now = datetime.now(UTC)
    if registry is None:
        return PrefillResult(
            {}, OnceOnlyCheck(registry=registry_name, field_id=key_field, status="pending")
        )
    try:
        record = registry.lookup(registry_name, identifier, purpose)
    except RegistryUnavailableError as error:
        code = getattr(error, "code", None)
        if isinstance(code, str):  # refused for who asked: nothing to complete later
            return PrefillResult({}, None, refused=code)
        return PrefillResult(
            {}, OnceOnlyCheck(registry=registry_name, field_id=key_field, status="pending")
        )
    if record is None:
        return PrefillResult(
            {},
            OnceOnlyCheck(
                registry=registry_name, field_id=key_field, status="failed", checked_at=now
            ),
        )
    values = {
        f.id: record.attributes[f.prefill.attribute]
        for f in fields
        if f.prefill is not None and f.prefill.attribute in record.attributes
    }
    return PrefillResult(
        values,
        OnceOnlyCheck(
            registry=registry_name, field_id=key_field, status="verified", checked_at=now
        ),
        fetch_id=record.fetch_id,
        fetched_at=record.fetched_at or now,
    )
