from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from kiosk.store import KeyringUnavailableError, ParkingError, Store, StoreError, open_store
from kiosk.store.database import MIGRATIONS, open_database
from tests.kiosk.store.factories import submission_for


def test_no_keyring_stops_with_a_clear_message_and_writes_nothing(tmp_path: Path) -> None:
    keyring.set_keyring(FailKeyring())
    with pytest.raises(KeyringUnavailableError, match="keyring"):
        open_store(tmp_path / "device.sqlite3")
    assert not (tmp_path / "device.sqlite3").exists()


def test_a_lost_key_never_leads_to_a_new_key_over_existing_data(
    tmp_path: Path, memory_keyring: object
) -> None:
    path = tmp_path / "device.sqlite3"
    open_store(path).close()
    memory_keyring.secrets.clear()  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="key is missing"):
        open_store(path)
    assert path.exists()


def test_a_second_store_on_the_same_file_shares_the_first_ones_key_without_the_keyring(
    tmp_path: Path, memory_keyring: object
) -> None:
    path = tmp_path / "device.sqlite3"
    screens = open_store(path)
    draft = screens.drafts.create("taxi-licence", "1.0.0", "9", "kiosk")
    screens.drafts.save_answer(draft.submission_id, "afm", "090000045")
    memory_keyring.secrets.clear()  # type: ignore[attr-defined]  # read once, at the first

    lane = open_store(path, actor="sync", cipher=screens.cipher)

    assert lane.drafts.answers(draft.submission_id) == {"afm": "090000045"}
    screens.close()
    lane.close()


def test_a_foreign_or_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"this is not a database at all" * 100)
    before = corrupt.read_bytes()
    with pytest.raises(StoreError, match="left untouched"):
        open_store(corrupt)
    assert corrupt.read_bytes() == before
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a database of this app"):
        open_store(foreign)


def test_a_folder_that_cannot_be_written_is_explained(tmp_path: Path) -> None:
    # Root ignores permission bits (CI runs as root), so block the folder with a file.
    blocker = tmp_path / "data"
    blocker.mkdir(exist_ok=True)
    (blocker / "kiosk").write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="cannot write there"):
        open_database(blocker / "kiosk" / "device.sqlite3")


@pytest.mark.parametrize("start", range(1, len(MIGRATIONS)))
def test_upgrading_from_every_earlier_schema_keeps_the_drafts(tmp_path: Path, start: int) -> None:
    open_store(tmp_path / "first.sqlite3").close()  # the device key exists already
    path = tmp_path / "old.sqlite3"
    old = open_database(path, target=start)
    old.execute(
        "INSERT INTO drafts (submission_id, procedure_id, procedure_version, region_code, channel, status, "
        "created_at, updated_at, day) VALUES ('0b7d5e1c-6c35-4a5e-9a31-3f1b6a0c1d2e', 'p', '1.0.0', '2', "
        "'kiosk', 'draft', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', '2026-01-01')"
    )
    old.conn.close()
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert [d.procedure_id for d in store.drafts.list()] == ["p"]
    store.close()


def test_audit_chain_verifies_and_names_the_first_tampered_entry(store: Store) -> None:
    for _ in range(3):
        store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    assert store.audit.verify().ok
    store.db.execute("UPDATE audit SET actor = 'someone-else' WHERE id = 2")
    result = store.audit.verify()
    assert not result.ok and result.first_broken_id == 2


def test_parked_draft_resumes_with_code_and_pin_and_is_deleted_after_five_wrong_pins(
    store: Store,
) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    code, pin = store.parking.park(draft.submission_id)
    assert len(code) == 9 and code[4] == "-" and len(pin) == 6
    wrong = "000000" if pin != "000000" else "111111"
    for _ in range(4):
        with pytest.raises(ParkingError, match=r"parking\.wrong_pin"):
            store.parking.resume(code, wrong)
    assert store.parking.resume(code.lower(), pin) == draft.submission_id
    code, pin = store.parking.park(draft.submission_id)
    for _ in range(4):
        with pytest.raises(ParkingError, match=r"parking\.wrong_pin"):
            store.parking.resume(code, wrong)
    with pytest.raises(ParkingError) as fifth:
        store.parking.resume(code, wrong)
    assert fifth.value.reason == "locked"
    with pytest.raises(ParkingError) as gone:  # deleted: the right PIN no longer opens it
        store.parking.resume(code, pin)
    assert gone.value.reason == "unknown_code"


def test_parked_drafts_expire(store: Store) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    code, pin = store.parking.park(draft.submission_id, lifetime=timedelta(hours=1))
    with pytest.raises(ParkingError, match="expired"):
        store.parking.resume(code, pin, now=datetime.now(UTC) + timedelta(hours=2))


def test_retention_purges_old_personal_data_and_audits_it(store: Store) -> None:
    accepted = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    store.drafts.save_answer(accepted.submission_id, "surname", "Χ")
    store.drafts.finalise(accepted.submission_id, submission_for(accepted.submission_id))
    store.outbox.next_batch(1)
    store.outbox.mark_accepted(accepted.submission_id, "2026/1", datetime.now(UTC))
    abandoned = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    store.drafts.save_answer(abandoned.submission_id, "surname", "Ψ")
    report = store.purge(
        accepted_days=30, abandoned_kiosk_days=7, now=datetime.now(UTC) + timedelta(days=31)
    )
    assert (report.accepted_purged, report.abandoned_deleted) == (1, 1)
    assert store.drafts.answers(accepted.submission_id) == {}
    assert store.drafts.get(accepted.submission_id).protocol_number == "2026/1"
    actions = [entry[2] for entry in store.audit.entries()]
    assert "purge.accepted" in actions and "purge.abandoned" in actions


def test_attachments_are_stored_once_by_content_and_encrypted(store: Store, tmp_path: Path) -> None:
    scan = "ΑΦΜ 090000045".encode() * 100
    first = store.attachments.put(scan, "scan.pdf", "application/pdf")
    second = store.attachments.put(scan, "again.pdf", "application/pdf")
    assert first.sha256 == second.sha256
    files = list((tmp_path / "attachments").iterdir())
    assert len(files) == 1 and b"090000045" not in files[0].read_bytes()
    with store.outbox.open_attachment(first.sha256) as reader:
        reader.seek(1300)
        assert reader.read(26) == scan[1300:1326]
    assert store.attachments.read(first.sha256) == scan
    assert store.attachments.file_name(first.sha256) == "scan.pdf"
