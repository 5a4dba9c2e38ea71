from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.config import (
    OFFICE_CONFIG_ENV,
    ConfigError,
    load_office_config,
    office_config_path,
    parse_office_config,
    regional_units,
)

TEMPLATE = Path(__file__).resolve().parents[2] / "installers" / "office.example.toml"


def template_with(tmp_path: Path, old: str, new: str) -> Path:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "office.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_office_config(path)
    return error.value.problems


def test_the_documented_template_validates() -> None:
    config = load_office_config(TEMPLATE)
    assert (config.region_code, config.regional_unit, config.mode) == (9, "0901", "kiosk")
    assert len(config.public_key_bytes()) == 32
    assert config.retention.abandoned_drafts_days == 7


def test_every_region_has_its_regional_units() -> None:
    units = regional_units()
    assert len(units) == 74
    assert set(units.values()) == set(range(1, 14))


def test_region_fourteen_is_refused_with_the_key_and_the_fix(tmp_path: Path) -> None:
    path = template_with(tmp_path, "region_code = 9", "region_code = 14")
    assert problems_of(path) == [
        "region_code = 14: not a Region code; use 1-13 (see installers/office.example.toml)"
    ]


def test_a_regional_unit_of_another_region_is_refused(tmp_path: Path) -> None:
    path = template_with(tmp_path, "region_code = 9", "region_code = 2")
    (problem,) = problems_of(path)
    assert problem.startswith("regional_unit = '0901': belongs to Region 9, not 2;")


def test_an_unquoted_regional_unit_keeps_its_leading_zero(tmp_path: Path) -> None:
    path = template_with(tmp_path, 'regional_unit = "0901"', "regional_unit = 901")
    assert load_office_config(path).regional_unit == "0901"


def test_the_office_name_is_read_and_a_name_with_a_control_character_is_refused(
    tmp_path: Path,
) -> None:
    assert load_office_config(TEMPLATE).office_name == "Εξυπηρέτηση Πολιτών Βόρειου Τομέα Αθηνών"
    old = 'office_name = "Εξυπηρέτηση Πολιτών Βόρειου Τομέα Αθηνών"'
    (problem,) = problems_of(template_with(tmp_path, old, 'office_name = "ΚΕΠ\\u0007"'))
    assert problem.startswith("office_name") and "1-80 printable characters" in problem


def test_plain_http_is_refused_except_to_this_machine(tmp_path: Path) -> None:
    remote = template_with(tmp_path, "https://platform", "http://platform")
    (problem,) = problems_of(remote)
    assert problem.startswith("server_url = 'http://platform.example.gov.gr': plain http://")
    local = template_with(tmp_path, '"https://platform.example.gov.gr"', '"http://127.0.0.1:8765/"')
    assert load_office_config(local).server_url == "http://127.0.0.1:8765"


def test_the_keyboard_is_off_the_built_in_one_or_qts(tmp_path: Path) -> None:
    assert load_office_config(TEMPLATE).virtual_keyboard is False
    for written, meant in (("true", True), ('"builtin"', "builtin"), ('"qt"', "qt")):
        path = template_with(tmp_path, "virtual_keyboard = false", f"virtual_keyboard = {written}")
        assert load_office_config(path).virtual_keyboard == meant


def test_an_unknown_keyboard_is_one_problem_with_the_choices(tmp_path: Path) -> None:
    path = template_with(tmp_path, "virtual_keyboard = false", 'virtual_keyboard = "QtVK"')
    assert problems_of(path) == [
        "virtual_keyboard = 'QtVK': not a keyboard choice; use false (a physical keyboard), "
        'true or "builtin" (the app\'s own on-screen keyboard) or "qt" (Qt\'s virtual '
        "keyboard) (see installers/office.example.toml)"
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace('mode = "kiosk"', 'mode = "kiosks"\nregon = 3')
    text = text.replace('default_language = "el"', 'default_language = "fr"')
    path = tmp_path / "office.toml"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path)
    assert [line.split(" ")[0].rstrip(":") for line in problems] == [
        "mode",
        "default_language",
        "regon",
    ]
    assert 'use "kiosk"' in problems[0]
    assert "unknown key" in problems[2]


def test_a_missing_key_names_itself(tmp_path: Path) -> None:
    path = template_with(tmp_path, 'office_id = "ATT-BTA-01"', "")
    assert problems_of(path)[0].startswith("office_id: missing;")


def test_a_retention_out_of_range_names_the_nested_key(tmp_path: Path) -> None:
    path = template_with(tmp_path, "abandoned_drafts_days = 7", "abandoned_drafts_days = 0")
    assert problems_of(path)[0].startswith("retention.abandoned_drafts_days = 0:")


def test_broken_toml_says_where(tmp_path: Path) -> None:
    path = tmp_path / "office.toml"
    path.write_text("region_code = \n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "not valid TOML" in problem and "line 1" in problem


def test_a_missing_file_points_to_the_template(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "absent.toml")
    assert "installers/office.example.toml" in problem


def test_the_signing_key_may_be_hex_or_a_file_next_to_the_config(tmp_path: Path) -> None:
    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    old = 'catalog_public_key = "wnm4JqX8HmSHV4wR3lJt0Yn4P1fmCimi6okOQlskc0I="'
    hex_path = template_with(tmp_path, old, f'catalog_public_key = "{raw.hex()}"')
    assert load_office_config(hex_path).public_key_bytes() == raw
    (tmp_path / "catalog.pub").write_bytes(raw)
    file_path = template_with(tmp_path, old, 'catalog_public_key = "catalog.pub"')
    assert load_office_config(file_path).public_key_bytes() == raw


def test_a_short_signing_key_is_refused(tmp_path: Path) -> None:
    old = "wnm4JqX8HmSHV4wR3lJt0Yn4P1fmCimi6okOQlskc0I="
    (problem,) = problems_of(template_with(tmp_path, old, "abcd"))
    assert problem.startswith("catalog_public_key:") and "32 bytes" in problem


def test_the_path_comes_from_the_argument_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_dirs: dict[str, Path]
) -> None:
    assert office_config_path() == isolated_dirs["config"] / "office.toml"
    monkeypatch.setenv(OFFICE_CONFIG_ENV, str(tmp_path / "env.toml"))
    assert office_config_path() == tmp_path / "env.toml"
    assert office_config_path(tmp_path / "arg.toml") == tmp_path / "arg.toml"


def test_redacted_settings_drop_secret_looking_keys() -> None:
    config = parse_office_config(TEMPLATE.read_text(encoding="utf-8"), TEMPLATE)
    settings = config.redacted()
    assert settings["region_code"] == 9
    assert "source" not in settings
    from kiosk.config import _redact

    assert _redact({"api_token": "x", "nested": {"password": "y"}}) == {
        "api_token": "[removed]",
        "nested": {"password": "[removed]"},
    }


def test_an_office_id_with_a_final_line_break_is_refused(tmp_path: Path) -> None:
    path = template_with(tmp_path, 'office_id = "ATT-BTA-01"', 'office_id = "ATT-BTA-01\\n"')
    (problem,) = problems_of(path)
    assert problem.startswith("office_id = 'ATT-BTA-01\\n': String should match pattern")


def test_values_the_previous_version_read_leniently_still_load(tmp_path: Path) -> None:
    """Numbers written as text, or days as 30.0, loaded with the pydantic model: an office
    file in use must not stop a device after an update."""
    text = TEMPLATE.read_text(encoding="utf-8")
    for old, new in (
        ("region_code = 9", 'region_code = "9"'),
        ("idle_timeout_seconds = 90", 'idle_timeout_seconds = "120"'),
        ("abandoned_drafts_days = 7", "abandoned_drafts_days = 30.0"),
    ):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "office.toml"
    path.write_text(text, encoding="utf-8")
    config = load_office_config(path)
    assert (config.region_code, config.idle_timeout_seconds) == (9, 120)
    assert config.retention.abandoned_drafts_days == 30


def test_a_number_is_still_never_read_as_text(tmp_path: Path) -> None:
    path = template_with(tmp_path, 'office_id = "ATT-BTA-01"', "office_id = 101")
    (problem,) = problems_of(path)
    assert problem.startswith("office_id = 101: Input should be a valid string")
