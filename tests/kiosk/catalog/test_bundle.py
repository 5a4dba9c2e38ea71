from __future__ import annotations

import io
import os
import shutil
import stat
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.catalog.bundle import (
    BundleError,
    NotInstalledError,
    build_bundle,
    generate_key_file,
    load_private_key,
    read_bundle,
    verify_bundle,
)
from kiosk.catalog.install import install_bundle, recover_interrupted_install, verify_installed
from kiosk.catalog.loader import (
    DefinitionUnavailableError,
    load_catalog,
    load_definition,
    sample_catalog_dir,
)
from kiosk.config import decode_public_key
from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import build_submission
from kiosk.store import open_store
from tests.kiosk.catalog.bundles import (
    TAXI,
    Signer,
    edit_json,
    entry,
    flip_byte,
    rezip,
    snapshot,
    with_lower_fee,
)

PROCEDURE_ENTRY = f"procedures/{TAXI}.json"


def beside(catalog_dir: Path) -> list[str]:
    """What the catalog's parent folder holds, but the installation lock file."""
    return sorted(p.name for p in catalog_dir.parent.iterdir() if p.name != ".catalog.lock")


@pytest.fixture
def signer(tmp_path: Path) -> Signer:
    (tmp_path / "region").mkdir()
    return Signer(tmp_path / "region")


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    return tmp_path / "device" / "catalog"


def test_a_signed_catalog_installs_and_loads_as_it_was_signed(
    signer: Signer, catalog_dir: Path
) -> None:
    result = install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)

    assert (result.catalog_id, result.version, result.previous_version) == (
        "periferia-sample",
        "2026.11.1",
        None,
    )
    installed = load_catalog(catalog_dir)
    shipped = load_catalog(sample_catalog_dir())
    assert installed.problems == []
    assert set(installed.procedures) == set(shipped.procedures)
    assert len(installed.overrides) == len(shipped.overrides)
    summary = verify_installed(catalog_dir, signer.public)
    assert summary.startswith("catalog periferia-sample version 2026.11.1")


def test_a_newer_version_replaces_the_installed_one(signer: Signer, catalog_dir: Path) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)

    result = install_bundle(signer.bundle("2026.12.1", "1.1.0"), catalog_dir, signer.public)

    assert (result.version, result.previous_version) == ("2026.12.1", "2026.11.1")
    assert load_catalog(catalog_dir).procedures[TAXI].version == "1.1.0"
    assert beside(catalog_dir) == ["catalog"]  # no scratch or previous folder left


def test_the_bundle_is_the_same_bytes_each_time_the_same_catalog_is_signed(
    signer: Signer,
) -> None:
    folder = signer.folder("2026.11.1")
    when = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

    assert build_bundle(folder, signer.key, when) == build_bundle(folder, signer.key, when)


# -- refusals: each one leaves the installed catalog byte for byte as it was ----------------


def _procedure_offset(bundle: bytes) -> int:
    """Where the taxi definition's compressed bytes start inside the archive."""
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        info = archive.getinfo(PROCEDURE_ENTRY)
    return info.header_offset + 30 + len(PROCEDURE_ENTRY.encode()) + len(info.extra) + 10


def _edited_manifest(bundle: bytes) -> bytes:
    manifest = entry(bundle, "manifest.json").replace(b"2026.12.1", b"2026.12.9")
    return rezip(bundle, {"manifest.json": manifest})


REFUSALS: dict[str, tuple[Callable[[Signer, bytes], bytes], str]] = {
    "one byte of a definition changed and re-zipped": (
        lambda s, b: with_lower_fee(b),
        f"{PROCEDURE_ENTRY} was changed after signing",
    ),
    "one byte of the manifest changed and re-zipped": (
        lambda s, b: _edited_manifest(b),
        "the signature does not match the manifest",
    ),
    "one byte flipped inside the file": (
        lambda s, b: flip_byte(b, _procedure_offset(b)),
        "damaged or cut short",
    ),
    "truncated": (lambda s, b: b[: len(b) // 2], "damaged or cut short"),
    "signed with another key": (
        lambda s, b: Signer(s.root / "other").bundle("2026.12.1"),
        "signed with another key",
    ),
    "not a bundle": (lambda s, b: b"%PDF-1.7\n a receipt, not a catalog", "not a catalog bundle"),
    "a zip without a manifest": (
        lambda s, b: rezip(b, {"manifest.json": None}),
        "not a catalog bundle (no manifest.json inside)",
    ),
    "a file added that the manifest does not list": (
        lambda s, b: rezip(b, {"procedures/extra.json": b"{}"}),
        "procedures/extra.json is there but the signed manifest does not list it",
    ),
    "a listed file removed": (
        lambda s, b: rezip(b, {PROCEDURE_ENTRY: None}),
        f"the signed manifest lists {PROCEDURE_ENTRY}, which is not there",
    ),
    "the same version again": (
        lambda s, b: s.bundle("2026.11.1", "1.0.0"),
        "version 2026.11.1 is the same as the installed version 2026.11.1",
    ),
    "an older version": (
        lambda s, b: s.bundle("2026.10.1"),
        "version 2026.10.1 is older than the installed version 2026.11.1",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_refused_bundle_says_why_and_leaves_the_installed_catalog_untouched(
    case: str, signer: Signer, catalog_dir: Path
) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    before = snapshot(catalog_dir)
    spoil, reason = REFUSALS[case]
    candidate = spoil(signer, signer.bundle("2026.12.1", "1.1.0"))

    with pytest.raises(BundleError) as refused:
        install_bundle(candidate, catalog_dir, signer.public)

    assert reason in str(refused.value)
    assert snapshot(catalog_dir) == before
    assert beside(catalog_dir) == ["catalog"]
    assert verify_installed(catalog_dir, signer.public).startswith("catalog periferia-sample")


def test_a_bundle_of_another_catalog_is_refused(signer: Signer, catalog_dir: Path) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    before = snapshot(catalog_dir)
    other = signer.folder("2026.12.1")
    edit_json(other / "catalog.json", catalog_id="another-region")

    with pytest.raises(BundleError, match="a device follows one catalog"):
        install_bundle(build_bundle(other, signer.key), catalog_dir, signer.public)
    assert snapshot(catalog_dir) == before


def test_signing_refuses_a_folder_with_problems_and_lists_each(signer: Signer) -> None:
    folder = signer.folder("2026.11.1")
    edit_json(folder / "procedures" / f"{TAXI}.json", version="one")

    with pytest.raises(BundleError) as refused:
        build_bundle(folder, signer.key)

    assert "problem(s); fix them (kiosk catalog check) and sign again" in str(refused.value)
    assert refused.value.problems[0].startswith(f"{TAXI} at version: String should match")
    assert any("names an unknown procedure" in p for p in refused.value.problems)


def test_signing_needs_a_numeric_catalog_version(signer: Signer) -> None:
    folder = signer.folder("2026.11.1")
    edit_json(folder / "catalog.json", version="november")

    with pytest.raises(BundleError, match='needs a "version" of dotted numbers'):
        build_bundle(folder, signer.key)


def test_a_bundle_can_be_read_without_the_key_but_only_verified_with_it(signer: Signer) -> None:
    bundle = signer.bundle("2026.11.1")

    assert read_bundle(bundle).version == "2026.11.1"
    assert verify_bundle(bundle, signer.public).catalog_id == "periferia-sample"
    with pytest.raises(BundleError, match="signed with another key"):
        verify_bundle(bundle, Signer(signer.root / "x").public)


# -- keys ---------------------------------------------------------------------------------


def test_keygen_writes_an_owner_only_key_and_the_public_key_the_office_config_takes(
    tmp_path: Path, signer: Signer
) -> None:
    path = tmp_path / "catalog.key"

    public = generate_key_file(path)

    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = decode_public_key(public, tmp_path)
    assert decode_public_key("catalog.key.pub", tmp_path) == raw
    bundle = build_bundle(signer.folder("2026.11.1"), load_private_key(path))
    assert verify_bundle(bundle, raw).version == "2026.11.1"


def test_keygen_never_overwrites_an_existing_key(tmp_path: Path) -> None:
    path = tmp_path / "catalog.key"
    generate_key_file(path)
    before = path.read_bytes()

    with pytest.raises(BundleError, match="never overwritten"):
        generate_key_file(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_private_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalog.key"
    path.write_text("wnm4JqX8HmSHV4wR3lJt0Yn4P1fmCimi6okOQlskc0I=", "ascii")

    with pytest.raises(BundleError, match="not an unencrypted PEM private key"):
        load_private_key(path)


# -- atomic swap ----------------------------------------------------------------------------


def test_a_crash_between_the_two_renames_leaves_the_old_catalog_after_recovery(
    signer: Signer, catalog_dir: Path
) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    before = snapshot(catalog_dir)
    # The state a power cut leaves: old folder moved aside, new one complete beside it.
    staging = catalog_dir.with_name(".catalog.installing")
    shutil.copytree(catalog_dir, staging)
    os.replace(catalog_dir, catalog_dir.with_name(".catalog.previous"))

    recover_interrupted_install(catalog_dir)

    assert snapshot(catalog_dir) == before
    assert beside(catalog_dir) == ["catalog"]


def test_a_failed_swap_puts_the_old_catalog_back(
    signer: Signer, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    before = snapshot(catalog_dir)
    real_replace = os.replace

    def replace(source: Path, target: Path) -> None:
        if Path(source).name == ".catalog.installing":
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)

    with pytest.raises(OSError):
        install_bundle(signer.bundle("2026.12.1"), catalog_dir, signer.public)
    assert snapshot(catalog_dir) == before
    assert beside(catalog_dir) == ["catalog"]


@pytest.mark.skipif(os.name != "posix", reason="the test holds the lock with fcntl")
def test_a_second_installation_at_the_same_time_is_refused(
    signer: Signer, catalog_dir: Path
) -> None:
    import fcntl

    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    before = snapshot(catalog_dir)
    with (catalog_dir.parent / ".catalog.lock").open("a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BundleError, match="another catalog installation is running"):
            install_bundle(signer.bundle("2026.12.1"), catalog_dir, signer.public)
    assert snapshot(catalog_dir) == before
    install_bundle(signer.bundle("2026.12.2"), catalog_dir, signer.public)  # lock released


# -- the doctor's check ---------------------------------------------------------------------


def test_verify_installed_finds_a_definition_edited_on_disk(
    signer: Signer, catalog_dir: Path
) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    edit_json(catalog_dir / PROCEDURE_ENTRY, title={"el": "Άλλος τίτλος"})

    with pytest.raises(BundleError, match=f"{PROCEDURE_ENTRY} was changed after signing"):
        verify_installed(catalog_dir, signer.public)


def test_verify_installed_finds_a_definition_dropped_in_beside_the_signed_ones(
    signer: Signer, catalog_dir: Path
) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    shutil.copy(catalog_dir / PROCEDURE_ENTRY, catalog_dir / "procedures" / "copy.json")

    with pytest.raises(BundleError, match=r"procedures/copy\.json is there but"):
        verify_installed(catalog_dir, signer.public)


def test_verify_installed_says_when_nothing_is_installed(catalog_dir: Path) -> None:
    with pytest.raises(NotInstalledError, match="no signed catalog installed"):
        verify_installed(catalog_dir, bytes(32))


# -- definition versions of open drafts -----------------------------------------------------


def test_a_draft_started_on_version_1_is_completable_after_version_2_is_installed(
    tmp_path: Path, signer: Signer, catalog_dir: Path
) -> None:
    install_bundle(signer.bundle("2026.11.1", "1.0.0"), catalog_dir, signer.public)
    store = open_store(tmp_path / "device.sqlite3")
    started = load_definition(catalog_dir, TAXI, "1.0.0")
    draft = store.drafts.create(TAXI, started.version, "2", "kiosk")
    done = store.drafts.create("animal-transporter-licence-type2", "1.0.0", "2", "kiosk")
    store.drafts.discard(done.submission_id)
    session = FillingSession(
        started,
        "2",
        draft.submission_id,
        today=date(2026, 11, 22),
        on_answer=lambda key, value: store.drafts.save_answer(draft.submission_id, key, value),
    )
    for key, value in {
        "afm": "090000045",
        "surname": "Παπαδοπούλου",
        "first_name": "Μαρία",
        "birth_date": "1970-01-01",
        "amka": "01017000009",
        "nationality": "greek",
    }.items():
        session.set_answer(key, value)
    assert session.next().moved

    result = install_bundle(
        signer.bundle("2026.12.1", "1.1.0"),
        catalog_dir,
        signer.public,
        keep=store.drafts.open_definition_versions(),
    )

    assert result.kept == [(TAXI, "1.0.0")]
    assert load_catalog(catalog_dir).procedures[TAXI].version == "1.1.0"
    assert load_definition(catalog_dir, TAXI, "1.0.0") == started
    assert "1 archived version(s)" in verify_installed(catalog_dir, signer.public)
    resumed = FillingSession.resume(
        load_definition(catalog_dir, TAXI, draft.procedure_version),
        "2",
        draft.submission_id,
        store.drafts.answers(draft.submission_id),
        today=date(2026, 11, 22),
    )
    for key, value in {"phone": "6912345678", "address": "Εγνατίας 1", "postcode": "54622"}.items():
        resumed.set_answer(key, value)
    assert resumed.next().moved
    for key, value in {
        "licence_category_b": True,
        "exam_date": "2026-10-01",
        "mobility_issue": False,
        "by_representative": False,
    }.items():
        resumed.set_answer(key, value)
    assert resumed.next().moved
    resumed.set_answer("truthful", True)
    assert resumed.next().moved and resumed.at_review
    now = datetime.now(UTC)
    submission = build_submission(resumed, channel="kiosk", created_at=now, finalised_at=now)
    store.drafts.finalise(draft.submission_id, submission)
    assert submission.procedure_version == "1.0.0"

    # Submitted: the next update no longer needs to keep version 1.
    later = install_bundle(
        signer.bundle("2027.1.1", "1.2.0"),
        catalog_dir,
        signer.public,
        keep=store.drafts.open_definition_versions(),
    )
    store.close()
    assert later.kept == []
    with pytest.raises(DefinitionUnavailableError, match=r"version 1\.0\.0 is not in the catalog"):
        load_definition(catalog_dir, TAXI, "1.0.0")


def test_a_draft_version_found_nowhere_is_reported_not_invented(
    signer: Signer, catalog_dir: Path
) -> None:
    result = install_bundle(
        signer.bundle("2026.11.1"), catalog_dir, signer.public, keep=[(TAXI, "0.9.0")]
    )

    assert result.missing == [(TAXI, "0.9.0")]
    assert "NOT found for open drafts: taxi-driver-licence 0.9.0" in str(result)


def test_load_definition_builds_no_path_from_an_unsafe_id(catalog_dir: Path) -> None:
    with pytest.raises(DefinitionUnavailableError):
        load_definition(catalog_dir, "../../etc", "1.0.0")
