"""`kiosk catalog check` and `kiosk catalog install` given a hostile bundle: one line
that names the file and the problem, never a traceback, and the installed catalog byte
for byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalog.bundle import public_key_text
from kiosk.catalog.install import install_bundle
from kiosk.paths import app_paths
from tests.kiosk.catalog.bundles import Signer, snapshot
from tests.kiosk.catalog.hostile_bundles import HOSTILE
from ui.cli import main

TEMPLATE = Path(__file__).resolve().parents[3] / "installers" / "office.example.toml"
TEMPLATE_KEY = "wnm4JqX8HmSHV4wR3lJt0Yn4P1fmCimi6okOQlskc0I="
COMMANDS = ("check", "check --public-key", "install")


@pytest.fixture
def signer(tmp_path: Path) -> Signer:
    (tmp_path / "region").mkdir()
    return Signer(tmp_path / "region")


def run(command: str, bundle: Path, signer: Signer, tmp_path: Path) -> int:
    key = public_key_text(signer.public)
    if command == "install":
        config = tmp_path / "office.toml"
        config.write_text(TEMPLATE.read_text("utf-8").replace(TEMPLATE_KEY, key), "utf-8")
        return main(["catalog", "install", str(bundle), "--config", str(config)])
    extra = ["--public-key", key] if command.endswith("--public-key") else []
    return main(["catalog", "check", str(bundle), *extra])


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_bundle_gets_one_line_naming_the_file_and_the_problem(
    case: str,
    command: str,
    signer: Signer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog_dir = app_paths().catalog_dir
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    before = snapshot(catalog_dir)
    make, reason = HOSTILE[case]
    bundle = tmp_path / "catalog-2026.bundle"
    bundle.write_bytes(make(signer))

    code = run(command, bundle, signer, tmp_path)

    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    assert code == 1
    assert len(lines) == 1, lines
    assert "catalog-2026.bundle" in lines[0] and reason in lines[0]
    assert "--public-key" not in lines[0]  # a bundle's fault is never blamed on the key
    assert snapshot(catalog_dir) == before


def test_a_file_larger_than_a_bundle_may_be_is_refused_unread(
    signer: Signer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "huge.bundle"
    with bundle.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)  # sparse: 40 MiB on paper, nothing on disk

    for command in COMMANDS:
        run(command, bundle, signer, tmp_path)
        line = capsys.readouterr()
        text = (line.out + line.err).strip()
        assert text.endswith(
            "the file is 41943040 bytes, more than a catalog bundle may be (32 MiB)"
        )
        assert "huge.bundle" in text


def test_a_wrong_public_key_is_still_reported_as_the_key(
    signer: Signer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "catalog-2026.bundle"
    bundle.write_bytes(signer.bundle("2026.11.1"))

    assert main(["catalog", "check", str(bundle), "--public-key", "not-a-key!"]) == 2
    assert capsys.readouterr().err.startswith("catalog: --public-key: neither a base64/hex key")
