"""Hostile bundles (hand-made: false zip sizes, flags, methods, nesting, names) are
refused with one line that names the problem, and the installed catalog stays byte for
byte as it was."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.catalog.bundle import BundleError, read_bundle, verify_bundle
from kiosk.catalog.install import install_bundle, verify_installed
from kiosk.catalog.untrusted import MAX_JSON_DEPTH, json_depth, json_object
from tests.kiosk.catalog.bundles import Signer, snapshot
from tests.kiosk.catalog.hostile_bundles import HOSTILE, PROCEDURE, bomb, good, resign


@pytest.fixture
def signer(tmp_path: Path) -> Signer:
    (tmp_path / "region").mkdir()
    return Signer(tmp_path / "region")


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    return tmp_path / "device" / "catalog"


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_bundle_is_refused_in_one_line_and_the_installed_catalog_stays(
    case: str, signer: Signer, catalog_dir: Path
) -> None:
    install_bundle(signer.bundle("2026.11.1"), catalog_dir, signer.public)
    before = snapshot(catalog_dir)
    make, reason = HOSTILE[case]
    hostile = make(signer)

    with pytest.raises(BundleError) as refused:
        install_bundle(hostile, catalog_dir, signer.public)
    with pytest.raises(BundleError) as checked:
        read_bundle(hostile)  # `kiosk catalog check` without the key says the same

    for error in (refused.value, checked.value):
        assert reason in str(error)
        assert "\n" not in str(error) and error.problems == []
    assert snapshot(catalog_dir) == before
    assert verify_installed(catalog_dir, signer.public).startswith("catalog periferia-sample")


def test_an_unsigned_bundle_is_refused_before_its_files_are_inflated(signer: Signer) -> None:
    """The 1 GiB bomb behind a manifest signed by someone else: the signature fails
    first, so the bomb is never touched (and the message is the signature's)."""
    stranger = Signer(signer.root / "stranger")
    hostile = bomb(good(stranger))

    with pytest.raises(BundleError, match="signed with another key"):
        verify_bundle(hostile, signer.public)


def test_deep_nesting_in_an_unverified_manifest_is_no_recursion_error(signer: Signer) -> None:
    """Wording the refusal reads the key id the manifest claims: that read is bounded too."""
    manifest = b'{"key_id": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    hostile = resign(Signer(signer.root / "s"), good(signer), {}, manifest)

    with pytest.raises(BundleError, match="the signature does not match the manifest"):
        verify_bundle(hostile, signer.public)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
def test_the_false_size_bundle_stays_within_a_bounded_memory(
    signer: Signer, tmp_path: Path
) -> None:
    """Verified in a fresh process whose peak RSS is read back: the 1 MiB file that
    inflates to 1 GiB costs tens of MB, not the 2.1 GB it used to (a memory bound, not a
    timing). The peak is the process's own VmHWM: getrusage's ru_maxrss would carry the
    pytest parent's peak across fork and exec. The address space is capped so that a
    regression fails without harming the machine."""
    path = tmp_path / "bomb.bundle"
    path.write_bytes(bomb(good(signer)))
    assert path.stat().st_size < 2 * 1024 * 1024
    script = f"""
import resource
resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))
from kiosk.catalog.bundle import BundleError, verify_bundle
try:
    verify_bundle(open({str(path)!r}, "rb").read(), bytes.fromhex({signer.public.hex()!r}))
except BundleError as error:
    print(error)
print(int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024)
"""
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )

    assert run.returncode == 0, run.stderr[-2000:]
    message, peak_mib = run.stdout.splitlines()
    assert f"entry {PROCEDURE}: the bundle is damaged" in message
    assert int(peak_mib) < 200


def test_nesting_is_measured_outside_strings_only() -> None:
    assert json_depth(b'{"a": [[1], {"b": "[[[[[[[[["}]}') == 3
    assert json_depth(b'["\\"[[[[", [[]]]') == 3
    deep = b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1)
    with pytest.raises(BundleError, match="nested deeper than 64 levels"):
        json_object("x.json", deep)
    at_limit = b'{"a": ' + b"[" * (MAX_JSON_DEPTH - 1) + b"]" * (MAX_JSON_DEPTH - 1) + b"}"
    assert json_object("x.json", at_limit) == json.loads(at_limit)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"null", "null where a JSON object is expected"),
        (b"12", "a number where a JSON object is expected"),
        (b'"text"', "a string where a JSON object is expected"),
        (b'{"a": 1', "not valid JSON (Expecting ',' delimiter"),
        (b'{"n": ' + b"9" * 5000 + b"}", "not valid JSON (Exceeds the limit"),
    ],
)
def test_json_that_is_not_an_object_is_named_for_what_it_is(data: bytes, said: str) -> None:
    with pytest.raises(BundleError) as refused:
        json_object("procedures/x.json", data)
    assert str(refused.value).startswith(f"entry procedures/x.json: {said}")


def test_random_damage_to_a_bundle_always_ends_in_a_one_line_refusal(signer: Signer) -> None:
    """300 bundles with a few random bytes changed (half of them in the zip headers at
    the end) or cut short: each is accepted or refused with a BundleError, never another
    exception. Fixed seed, so a failure is reproducible."""
    rng = random.Random(18)
    original = signer.bundle("2026.11.1")
    outcomes: set[str] = set()
    for _ in range(300):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            near_end = rng.random() < 0.5
            data[rng.randrange(len(data) - 3000 if near_end else 0, len(data))] = rng.randrange(256)
        if rng.random() < 0.1:
            data = data[: rng.randrange(len(data))]
        for read in (read_bundle, lambda d: verify_bundle(d, signer.public)):
            try:
                read(bytes(data))
                outcomes.add("accepted")
            except BundleError as error:
                assert "\n" not in str(error)
                outcomes.add("refused")
    assert "refused" in outcomes
