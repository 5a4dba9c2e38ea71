"""The catalog commands as an IT officer or the Region's catalog editor runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.config import load_office_config
from kiosk.diagnostics import Status
from kiosk.paths import app_paths, resources_dir
from kiosk.store import open_store
from tests.kiosk.catalog.bundles import TAXI, Signer, edit_json, snapshot, with_lower_fee
from ui.cli import main
from ui.doctor import check_catalog

EXPORT = resources_dir() / "data" / "mitos" / "mitos_cpsvap_100_procedures.json"
TEMPLATE = Path(__file__).resolve().parents[3] / "installers" / "office.example.toml"
TEMPLATE_KEY = "wnm4JqX8HmSHV4wR3lJt0Yn4P1fmCimi6okOQlskc0I="


def office_config(tmp_path: Path, public_key: str) -> Path:
    path = tmp_path / "office.toml"
    path.write_text(TEMPLATE.read_text("utf-8").replace(TEMPLATE_KEY, public_key), "utf-8")
    return path


@pytest.fixture
def region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Signer]:
    """A signing key made with keygen, an office configuration holding its public key,
    and a signer (with the same key) for the catalog folders."""
    key = tmp_path / "region.key"
    assert main(["catalog", "keygen", "--out", str(key)]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.startswith('catalog_public_key = "')
    config = office_config(tmp_path, line.split('"')[1])
    signer = Signer(tmp_path)
    return key, config, signer


def sign(folder: Path, key: Path, out: Path) -> Path:
    assert main(["catalog", "sign", str(folder), "--key", str(key), "--out", str(out)]) == 0
    return out


def test_import_mitos_writes_100_drafts_that_check_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mitos"

    assert main(["catalog", "import-mitos", str(EXPORT), "--out", str(out)]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert "mitos-225434: not mapped: cost range 50.00–250.00 € has no single amount: " in (
        "\n".join(lines)
    )
    assert lines[-1].startswith("imported 100 of 100 entries as draft procedures, 0 failed")
    assert main(["catalog", "check", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "100 procedures, 0 Region overrides, 0 problems"
    )


def test_import_mitos_reports_a_malformed_entry_and_writes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = json.loads(EXPORT.read_text("utf-8"))[:3]
    entries[1]["mitos_id"] = 616541  # a number, not the registry's string
    export = tmp_path / "export.json"
    export.write_text(json.dumps(entries, ensure_ascii=False), "utf-8")
    out = tmp_path / "mitos"

    assert main(["catalog", "import-mitos", str(export), "--out", str(out)]) == 1

    output = capsys.readouterr().out
    assert "FAILED entry 1 (mitos_id 616541): mitos_id: Input should be a valid string" in output
    assert len(load_catalog(out).procedures) == 2


def test_keygen_sign_and_install_put_the_catalog_on_the_device(
    tmp_path: Path, region: tuple[Path, Path, Signer], capsys: pytest.CaptureFixture[str]
) -> None:
    key, config, signer = region
    bundle = sign(signer.folder("2026.11.1"), key, tmp_path / "catalog.bundle")
    assert "signed catalog periferia-sample version 2026.11.1" in capsys.readouterr().out

    assert main(["catalog", "install", str(bundle), "--config", str(config)]) == 0

    assert capsys.readouterr().out.startswith(
        "installed catalog periferia-sample version 2026.11.1: 2 procedures, 1 Region overrides"
    )
    assert TAXI in load_catalog(app_paths().catalog_dir).procedures


def test_install_refuses_a_tampered_bundle_and_the_installed_catalog_stays(
    tmp_path: Path, region: tuple[Path, Path, Signer], capsys: pytest.CaptureFixture[str]
) -> None:
    key, config, signer = region
    first = sign(signer.folder("2026.11.1"), key, tmp_path / "v1.bundle")
    assert main(["catalog", "install", str(first), "--config", str(config)]) == 0
    before = snapshot(app_paths().catalog_dir)
    good = sign(signer.folder("2026.12.1"), key, tmp_path / "v2.bundle").read_bytes()
    tampered = tmp_path / "tampered.bundle"
    tampered.write_bytes(with_lower_fee(good))
    capsys.readouterr()

    assert main(["catalog", "install", str(tampered), "--config", str(config)]) == 1

    error = capsys.readouterr().err
    assert "refused, the installed catalog is unchanged" in error
    assert f"procedures/{TAXI}.json was changed after signing" in error
    assert snapshot(app_paths().catalog_dir) == before


def test_install_refuses_a_bundle_signed_with_a_key_the_office_does_not_trust(
    tmp_path: Path, region: tuple[Path, Path, Signer], capsys: pytest.CaptureFixture[str]
) -> None:
    _key, config, signer = region
    stranger = tmp_path / "stranger.bundle"
    stranger.write_bytes(signer.bundle("2026.11.1"))  # the signer's own key, not keygen's

    assert main(["catalog", "install", str(stranger), "--config", str(config)]) == 1

    assert "signed with another key" in capsys.readouterr().err
    assert not app_paths().catalog_dir.exists()


def test_install_keeps_the_definition_version_an_open_draft_uses(
    tmp_path: Path, region: tuple[Path, Path, Signer], capsys: pytest.CaptureFixture[str]
) -> None:
    key, config, signer = region
    first = sign(signer.folder("2026.11.1"), key, tmp_path / "v1.bundle")
    assert main(["catalog", "install", str(first), "--config", str(config)]) == 0
    store = open_store()
    store.drafts.create(TAXI, "1.0.0", "9", "counter")
    store.close()
    second = sign(signer.folder("2026.12.1", "1.1.0"), key, tmp_path / "v2.bundle")
    capsys.readouterr()

    assert main(["catalog", "install", str(second), "--config", str(config)]) == 0

    assert f"kept for open drafts: {TAXI} 1.0.0" in capsys.readouterr().out


def test_sign_refuses_a_folder_with_problems_and_lists_them(
    tmp_path: Path, region: tuple[Path, Path, Signer], capsys: pytest.CaptureFixture[str]
) -> None:
    key, _config, signer = region
    folder = signer.folder("2026.11.1")
    edit_json(folder / "procedures" / f"{TAXI}.json", version="one")
    out = tmp_path / "broken.bundle"

    assert main(["catalog", "sign", str(folder), "--key", str(key), "--out", str(out)]) == 1

    captured = capsys.readouterr()
    assert f"{TAXI} at version:" in captured.out
    assert "not signed:" in captured.err
    assert not out.exists()


def test_check_accepts_a_bundle_and_verifies_it_when_given_the_key(
    tmp_path: Path, region: tuple[Path, Path, Signer], capsys: pytest.CaptureFixture[str]
) -> None:
    key, _config, signer = region
    bundle = sign(signer.folder("2026.11.1"), key, tmp_path / "catalog.bundle")
    capsys.readouterr()

    assert main(["catalog", "check", str(bundle)]) == 0
    assert capsys.readouterr().out.strip().endswith("signature not checked (give --public-key)")
    public = str(key) + ".pub"
    assert main(["catalog", "check", str(bundle), "--public-key", public]) == 0
    assert capsys.readouterr().out.strip().endswith("0 problems; signature verifies")
    other = Signer(tmp_path / "other")
    other_key = tmp_path / "other.pub"
    other_key.write_text(other.public.hex(), "ascii")
    assert main(["catalog", "check", str(bundle), "--public-key", str(other_key)]) == 1
    assert "refused: signed with another key" in capsys.readouterr().out


def test_the_doctor_checks_the_installed_catalog_signature(
    tmp_path: Path, region: tuple[Path, Path, Signer]
) -> None:
    key, config_path, signer = region
    config = load_office_config(config_path)
    assert check_catalog(config).status is Status.NOTE  # nothing installed yet
    bundle = sign(signer.folder("2026.11.1"), key, tmp_path / "catalog.bundle")
    assert main(["catalog", "install", str(bundle), "--config", str(config_path)]) == 0

    ok = check_catalog(config)
    assert ok.status is Status.OK
    assert ok.detail.startswith("signature verifies: catalog periferia-sample version 2026.11.1")

    edit_json(app_paths().catalog_dir / "procedures" / f"{TAXI}.json", title={"el": "Άλλο"})
    failed = check_catalog(config)
    assert failed.status is Status.FAIL
    assert "was changed after signing" in failed.detail and "kiosk catalog install" in failed.fix
