"""The catalog commands as an IT officer or the Region's catalog editor runs them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
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


@dataclass
class Region:
    """A signing key made with keygen, an office configuration holding its public key,
    and sample catalog folders to sign with it."""

    key: Path
    config: Path
    signer: Signer

    def sign(self, version: str, taxi_version: str = "1.0.0") -> Path:
        out = self.signer.root / f"{version}-{taxi_version}.bundle"
        folder = self.signer.folder(version, taxi_version)
        assert (
            main(["catalog", "sign", str(folder), "--key", str(self.key), "--out", str(out)]) == 0
        )
        return out

    def install(self, bundle: Path) -> int:
        return main(["catalog", "install", str(bundle), "--config", str(self.config)])


@pytest.fixture
def region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Region:
    key = tmp_path / "region.key"
    assert main(["catalog", "keygen", "--out", str(key)]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.startswith('catalog_public_key = "')
    return Region(key, office_config(tmp_path, line.split('"')[1]), Signer(tmp_path))


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
    region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = region.sign("2026.11.1")
    assert "signed catalog periferia-sample version 2026.11.1" in capsys.readouterr().out

    assert region.install(bundle) == 0

    sample = load_catalog(sample_catalog_dir())
    assert capsys.readouterr().out.startswith(
        f"installed catalog periferia-sample version 2026.11.1: {len(sample.procedures)} "
        f"procedures, {len(sample.overrides)} Region overrides"
    )
    assert TAXI in load_catalog(app_paths().catalog_dir).procedures


def test_install_refuses_a_tampered_bundle_and_the_installed_catalog_stays(
    tmp_path: Path, region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    assert region.install(region.sign("2026.11.1")) == 0
    before = snapshot(app_paths().catalog_dir)
    tampered = tmp_path / "tampered.bundle"
    tampered.write_bytes(with_lower_fee(region.sign("2026.12.1").read_bytes()))
    capsys.readouterr()

    assert region.install(tampered) == 1

    error = capsys.readouterr().err
    assert "refused, the installed catalog is unchanged" in error
    assert f"procedures/{TAXI}.json was changed after signing" in error
    assert snapshot(app_paths().catalog_dir) == before


def test_install_refuses_a_bundle_signed_with_a_key_the_office_does_not_trust(
    tmp_path: Path, region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    stranger = tmp_path / "stranger.bundle"
    stranger.write_bytes(region.signer.bundle("2026.11.1"))  # the signer's own key

    assert region.install(stranger) == 1

    assert "signed with another key" in capsys.readouterr().err
    assert not app_paths().catalog_dir.exists()


def test_install_keeps_the_definition_version_an_open_draft_uses(
    region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    assert region.install(region.sign("2026.11.1")) == 0
    store = open_store()
    store.drafts.create(TAXI, "1.0.0", "9", "counter")
    store.close()
    second = region.sign("2026.12.1", "1.1.0")
    capsys.readouterr()

    assert region.install(second) == 0

    assert f"kept for open drafts: {TAXI} 1.0.0" in capsys.readouterr().out


def test_sign_refuses_a_folder_with_problems_and_lists_them(
    tmp_path: Path, region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = region.signer.folder("2026.11.1")
    edit_json(folder / "procedures" / f"{TAXI}.json", version="one")
    out = tmp_path / "broken.bundle"

    assert main(["catalog", "sign", str(folder), "--key", str(region.key), "--out", str(out)]) == 1

    captured = capsys.readouterr()
    assert f"{TAXI} at version:" in captured.out
    assert "not signed:" in captured.err
    assert not out.exists()


def test_check_accepts_a_bundle_and_verifies_it_when_given_the_key(
    tmp_path: Path, region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = str(region.sign("2026.11.1"))
    capsys.readouterr()

    assert main(["catalog", "check", bundle]) == 0
    assert capsys.readouterr().out.strip().endswith("signature not checked (give --public-key)")
    assert main(["catalog", "check", bundle, "--public-key", f"{region.key}.pub"]) == 0
    assert capsys.readouterr().out.strip().endswith("0 problems; signature verifies")
    other_key = tmp_path / "other.pub"
    other_key.write_text(Signer(tmp_path / "other").public.hex(), "ascii")
    assert main(["catalog", "check", bundle, "--public-key", str(other_key)]) == 1
    assert "refused: signed with another key" in capsys.readouterr().out


def test_the_doctor_checks_the_installed_catalog_signature(region: Region) -> None:
    config = load_office_config(region.config)
    assert check_catalog(config).status is Status.NOTE  # nothing installed yet
    assert region.install(region.sign("2026.11.1")) == 0

    ok = check_catalog(config)
    assert ok.status is Status.OK
    assert ok.detail.startswith("signature verifies: catalog periferia-sample version 2026.11.1")

    edit_json(app_paths().catalog_dir / "procedures" / f"{TAXI}.json", title={"el": "Άλλο"})
    failed = check_catalog(config)
    assert failed.status is Status.FAIL
    assert "was changed after signing" in failed.detail and "kiosk catalog install" in failed.fix
