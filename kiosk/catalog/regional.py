"""Regional variants: one common definition plus a Region's override, resolved purely."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from kiosk.catalog.model import Office, Procedure, RegionOverride, Text


class ResolvedProcedure(msgspec.Struct, frozen=True):
    procedure: Procedure
    region_code: str
    offices: tuple[Office, ...] = ()
    note: Text | None = None


def resolve_for_region(
    procedure: Procedure, overrides: Iterable[RegionOverride], region_code: str
) -> ResolvedProcedure:
    """The procedure as `region_code` runs it; the common definition is not changed."""
    override = next(
        (o for o in overrides if o.procedure_id == procedure.id and o.region_code == region_code),
        None,
    )
    if override is None:
        return ResolvedProcedure(procedure, region_code)
    fees = {fee.id: fee for fee in procedure.fees}
    for fee in override.fees:
        fees[fee.id] = fee
    documents = [d for d in procedure.documents if d.id not in set(override.removed_documents)]
    documents += override.extra_documents
    resolved = msgspec.structs.replace(
        procedure,
        authority=override.authority or procedure.authority,
        fees=list(fees.values()),
        documents=documents,
    )
    return ResolvedProcedure(resolved, region_code, tuple(override.offices), override.note)
