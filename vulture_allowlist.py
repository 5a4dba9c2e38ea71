"""Names vulture (the dead-code gate in scripts/test.sh) reports but that are used.

Vulture reads this file as one more module: a name written here counts as used. Each
entry says why nobody in this repository reads it. Keep it short: code that is really
unused is deleted, not listed here (docs/testing.md)."""

# ruff: noqa: B018, F821
# fmt: off

# Fields of a published format (JSON Schemas in resources/schemas/, the platform's
# OpenAPI): they are read by the other side, the back office, or a definition's author.
schema_  # "schema" of a submission / a daily aggregate
format_version  # catalog bundle manifest
accepted_forms, fek, address, schema_version, audience  # procedure definition fields
accepted_submissions_days  # office file: kept for the documented retention setting
changed_at  # StatusUpdate from the platform
checked_at  # registry check result in a submission
iso_code  # Region reference data, from the CSV
app_version  # a device's heartbeat: the fleet page reads it from the stored JSON

# Read by the library we hand the object to.
_.compress_type, _.external_attr  # zipfile.ZipInfo, written into the bundle
_.msg, _.exc_text  # logging.LogRecord, rewritten by the redacting filter
_.should_exit  # uvicorn.Server polls it to stop
_.snapshot_meta  # tuf.api.metadata.Timestamp: written into the signed timestamp
_fetch  # tuf.ngclient.FetcherInterface: the Updater calls it
_.freeze_panes  # openpyxl.Worksheet: the header row stays in view in the written sheet
priority  # keyring.backend.KeyringBackend ranks backends by it
exitstatus  # pytest_sessionfinish: pluggy passes arguments by name

# Called by Python, not by name here.
_conforms  # kiosk.store: under TYPE_CHECKING, mypy proves the stores keep the repository shapes
readable, seekable, tell, readall, readinto  # ChunkedReader: io.RawIOBase's protocol (httpx, io)
__getattr__  # kiosk.documents: PEP 562, the package's names loaded at first use

# Unused, left for their owners (reported in issue #21):
upload_counts  # Parking: refused parked uploads, for a clerk screen still to come
purge_expired_parked  # ServerStore: an admin sweep; expired copies are purged as they are met
_.expire  # Parking.expire: nothing sweeps expired parked codes yet
last_error_at  # SyncState: set on each failure, no screen says "since when" yet
border  # theme palette colour that no style rule uses yet
# TEMPORARY: being rewritten on other branches; delete when those land.
_.last_receipt_pdf  # ui/counter/console.py
_.new_button, _.refresh_button  # ui/counter/today.py
focus_errors  # ui/flow.py show_step()
on_behalf, represented  # EvidenceRecord in a submission (issue #16): the client helper fills them
