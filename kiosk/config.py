"""The office configuration: one TOML file per device, written by the IT officer.

It says where the device stands (Region, Regional Unit, office), how it behaves (kiosk
or counter, idle timeout, language, retention) and whom it trusts (platform URL, the
catalog signing key). It is validated once at start (a msgspec record, kiosk.records);
every problem is reported, each as one line that names the key, the value and the fix,
because the person reading it is an IT officer at a counter, not a developer.

The file's place: `--config PATH`, else `$KIOSK_OFFICE_CONFIG`, else
`app_paths().office_config`. The template is installers/office.example.toml.
"""

from __future__ import annotations

import base64
import binascii
import csv
import ipaddress
import re
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import msgspec
from msgspec import Meta

from kiosk.office_file import (
    OFFICE_CONFIG_ENV,
    TEMPLATE,
    ConfigError,
    FirstScreen,
    office_config_path,
    read_office_file,
)
from kiosk.paths import resources_dir
from kiosk.record_problems import Problem, problems
from kiosk.records import Record, whole

__all__ = [
    "OFFICE_CONFIG_ENV",
    "TEMPLATE",
    "ConfigError",
    "OfficeConfig",
    "load_office_config",
    "office_config_path",
    "parse_office_config",
]

# Read as leniently as the pydantic model read it, so that every office file that loaded
# still loads after an update: "90" for a number of seconds, 30.0 for days (never a number
# for a text). A device that stopped at start over a file it used to accept is an office
# without its kiosk.
STRICT = False

# Keys whose values never leave the device (support bundles, logs). None is secret
# today; the list is here so that a future key cannot leak by accident.
SECRET_KEY_PARTS = ("token", "password", "secret", "private")

_FIXES: dict[str, str] = {
    "region_code": "use 1-13",
    "regional_unit": "use the 4-digit Kallikratis code of a Regional Unit of that Region",
    "office_id": "use letters, digits, '-' or '_' (1-64 characters), as given by the Region",
    "office_name": "use the office's name as citizens know it (1-80 printable characters)",
    "mode": 'use "kiosk" (self-service, locked full screen) or "counter" (clerk)',
    "server_url": "use the platform's https:// address (http:// only for 127.0.0.1)",
    "public_url": "use the platform's https:// address for phones (http:// only for 127.0.0.1)",
    "catalog_public_key": (
        "paste the 32-byte Ed25519 public key as base64 or hex, or give the path of a key file"
    ),
    "printer": "use the printer's name as the system lists it (lpstat -p), or remove the key",
    "idle_timeout_seconds": "use a whole number of seconds between 15 and 3600",
    "default_language": 'use "el" or "en"',
    "retention": "use a [retention] table with whole numbers of days",
    "retention.accepted_submissions_days": "use a whole number of days between 1 and 3650",
    "retention.abandoned_drafts_days": "use a whole number of days between 1 and 365",
    "documents": "use a [documents] table",
    "documents.max_size_mb": "use a whole number of megabytes between 1 and 200",
    "documents.scanner": 'use a SANE device name as `scanimage -L` lists it, e.g. "fujitsu:fi-7160"',
    "documents.scan_resolution": "use a whole number of dpi between 75 and 600",
    "device_id": "use the id printed by `kiosk enroll`, or remove the key",
    "qt_platform": 'use a Qt platform plugin name such as "xcb", "wayland" or "windows"',
    "server_ca_bundle": "give the path of the office CA bundle (PEM), or remove the key",
    "virtual_keyboard": (
        'use false (a physical keyboard), true or "builtin" (the app\'s own on-screen '
        'keyboard) or "qt" (Qt\'s virtual keyboard)'
    ),
}


class Retention(Record, frozen=True, kw_only=True):
    accepted_submissions_days: Annotated[int, Meta(ge=1, le=3650)] = 90
    abandoned_drafts_days: Annotated[int, Meta(ge=1, le=365)] = 7


class Documents(Record, frozen=True, kw_only=True):
    """Supporting documents at this office: the size limit for a document whose procedure
    sets none, and the document scanner (a SANE device name) if the office has one."""

    max_size_mb: Annotated[int, Meta(ge=1, le=200)] = 20
    scanner: Annotated[str, Meta(pattern=whole(r"^[A-Za-z0-9_.:/@-]{1,128}$"))] | None = None
    scan_resolution: Annotated[int, Meta(ge=75, le=600)] = 200


class OfficeConfig(Record, frozen=True, kw_only=True):
    """Built by `parse_office_config` only: it runs the checks below (Region, Regional
    Unit, URLs, keyboard) that a Struct's own conversion does not."""

    region_code: int
    regional_unit: str
    office_id: Annotated[str, Meta(pattern=whole(r"^[A-Za-z0-9_-]{1,64}$"))]
    # The office as citizens know it («ΚΕΠ Καλαμαριάς»), shown in the header beside the
    # Region and Regional Unit: a citizen at a kiosk should see where they are.
    office_name: Annotated[str, Meta(pattern=whole(r"^[^\x00-\x1f\x7f]{1,80}$"))] | None = None
    mode: Literal["kiosk", "counter"]
    server_url: str
    # The platform's address as citizens' phones reach it (the receipt's QR code), when it
    # is not `server_url` (an office network's internal name); https:// like server_url.
    public_url: str | None = None
    catalog_public_key: str
    printer: str | None = None
    idle_timeout_seconds: Annotated[int, Meta(ge=15, le=3600)] = 90
    default_language: Literal["el", "en"] = "el"
    # An on-screen keyboard, for kiosks with a touch screen only: true or "builtin" is the
    # app's own (ui/widgets/onscreen_keyboard.py), "qt" is Qt's (ui/qt_keyboard.py).
    virtual_keyboard: bool | Literal["builtin", "qt"] = False
    retention: Retention = msgspec.field(default_factory=Retention)
    documents: Documents = msgspec.field(default_factory=Documents)
    device_id: Annotated[str, Meta(pattern=whole(r"^[A-Za-z0-9_.:-]{1,128}$"))] | None = None
    qt_platform: Annotated[str, Meta(pattern=whole(r"^[a-z0-9_-]{1,32}$"))] | None = None
    server_ca_bundle: str | None = None
    # Where the file was read from: relative key and CA paths resolve against it. Not a
    # key of the file (an unknown key there), not in `redacted()`.
    source: Path | None = None

    @property
    def receipt_base(self) -> str:
        """Where the receipt's QR code points phones: `public_url`, else `server_url`."""
        return self.public_url or self.server_url

    def public_key_bytes(self) -> bytes:
        """The catalog signing key, 32 raw bytes (validated at load time)."""
        return decode_public_key(self.catalog_public_key, self._base_dir())

    def ca_bundle_path(self) -> Path | None:
        if self.server_ca_bundle is None:
            return None
        return _resolve(self.server_ca_bundle, self._base_dir())

    def redacted(self) -> dict[str, Any]:
        """The settings as a dict fit for a support bundle: nothing secret."""
        data: dict[str, Any] = msgspec.to_builtins(msgspec.structs.replace(self, source=None))
        del data["source"]
        settings: dict[str, Any] = _redact(data)
        return settings

    def first_screen(self) -> FirstScreen:
        return FirstScreen(
            self.mode, self.default_language, self.virtual_keyboard, self.qt_platform
        )

    def _base_dir(self) -> Path:
        return self.source.parent if self.source else Path.cwd()


def load_office_config(path: Path | None = None) -> OfficeConfig:
    """Read and validate the office configuration; raises ConfigError naming each fix."""
    office = read_office_file(path)
    return parse_office_config(office.text, office.path)


def parse_office_config(text: str, source: Path) -> OfficeConfig:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(source, [f"not valid TOML: {error}"]) from None
    values, found = _checked(document)
    if found:
        raise ConfigError(source, [_describe(problem) for problem in found])
    unit_region = regional_units()[values["regional_unit"]]
    if unit_region != values["region_code"]:
        raise ConfigError(
            source,
            [
                f"regional_unit = {values['regional_unit']!r}: belongs to Region {unit_region}, "
                f"not {values['region_code']}; {_FIXES['regional_unit']} (see {TEMPLATE})"
            ],
        )
    config = msgspec.convert({**values, "source": source}, OfficeConfig, strict=STRICT)
    problem = _check_files(config)
    if problem:
        raise ConfigError(source, [problem])
    return config


def _checked(document: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The document with its values made what they mean (`regional_unit = 101` ->
    "0101", a URL without its trailing /), and every problem, in the keys' order."""
    values = dict(document)
    found: list[Problem] = []
    if "source" in values:  # the app's own field, never a key of the file
        found.append(Problem("source", "unknown", "", values.pop("source")))
    mine = set()
    for key, check in _CHECKS.items():
        if key in values:
            try:
                values[key] = check(values[key])
            except ValueError as error:
                found.append(Problem(key, "invalid", str(error), values[key]))
                mine.add(key)
    if not found:
        try:  # the usual case, in one pass; the field-by-field walk only for a faulty file
            msgspec.convert(values, OfficeConfig, strict=STRICT)
            return values, []
        except msgspec.ValidationError:
            pass
    found += [p for p in problems(values, OfficeConfig, strict=STRICT) if p.path not in mine]
    order = [field.encode_name for field in msgspec.structs.fields(OfficeConfig)]
    found.sort(key=lambda p: (p.kind == "unknown", _place(order, p.path)))
    return values, found


def _place(order: list[str], path: str) -> int:
    top = path.split(".")[0]
    return order.index(top) if top in order else len(order)


def _region_exists(value: Any) -> Any:
    if isinstance(value, str) and value.strip().isdigit():  # "9": read as pydantic read it
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value not in region_codes():
        raise ValueError("not a Region code")
    return value


def _keyboard_choice(value: Any) -> Any:
    # Checked here so that a wrong value is one problem in words, not msgspec's.
    if isinstance(value, bool) or value in ("builtin", "qt"):
        return value
    raise ValueError("not a keyboard choice")


def _unit_is_a_code(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"  # TOML `regional_unit = 101` lost its leading zero
    if isinstance(value, str) and value not in regional_units():
        raise ValueError("not a Regional Unit code")
    return value


def _secure_url(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # the record's conversion names the type
    parts = urlsplit(value)
    if not parts.hostname:
        raise ValueError("not a URL")
    if parts.scheme == "https":
        return value.rstrip("/")
    if parts.scheme == "http" and is_loopback(parts.hostname):
        return value.rstrip("/")
    if parts.scheme == "http":
        raise ValueError("plain http:// is refused for anything but this machine")
    raise ValueError(f"unsupported scheme {parts.scheme!r}")


# Per key, the checks a type cannot say: each returns the value as the record keeps it.
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "region_code": _region_exists,
    "regional_unit": _unit_is_a_code,
    "server_url": _secure_url,
    "public_url": _secure_url,
    "virtual_keyboard": _keyboard_choice,
}


def _check_files(config: OfficeConfig) -> str | None:
    try:
        config.public_key_bytes()
    except ValueError as error:
        return f"catalog_public_key: {error}; {_FIXES['catalog_public_key']} (see {TEMPLATE})"
    ca = config.ca_bundle_path()
    if ca is not None and not ca.is_file():
        return f"server_ca_bundle = {config.server_ca_bundle!r}: no such file; {_FIXES['server_ca_bundle']}"
    return None


def _describe(problem: Problem) -> str:
    key, message = problem.path, problem.message
    if not key:  # the file as a whole
        return message
    if problem.kind == "missing":
        return f"{key}: missing; {_FIXES.get(key, 'add it')} (see {TEMPLATE})"
    if problem.kind == "unknown":
        return f"{key}: unknown key; check its spelling against {TEMPLATE}, or remove it"
    value = problem.value
    shown = repr(value) if isinstance(value, str) else str(value)
    return f"{key} = {shown}: {message}; {_FIXES.get(key, 'see the template')} (see {TEMPLATE})"


def decode_public_key(value: str, base_dir: Path) -> bytes:
    """An Ed25519 raw public key from base64, hex, or a file holding either (or raw)."""
    text = value.strip()
    path = _resolve(text, base_dir) if text else None
    if path is not None and path.is_file():
        data = path.read_bytes()
        key = data if len(data) == 32 else _decode_text(data.decode("ascii", "replace").strip())
        if key is None:
            raise ValueError(f"{path} holds no base64/hex Ed25519 key")
    else:
        key = _decode_text(text)
        if key is None:
            raise ValueError("neither a base64/hex key nor an existing key file")
    if len(key) != 32:
        raise ValueError(f"an Ed25519 public key has 32 bytes, this one has {len(key)}")
    return key


_HEX = re.compile(r"^(?:[0-9a-fA-F]{2})+$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


def _decode_text(text: str) -> bytes | None:
    if _HEX.match(text):
        return bytes.fromhex(text)
    if _BASE64.match(text):
        bare = text.rstrip("=")
        try:
            return base64.b64decode(bare + "=" * (-len(bare) % 4))
        except (binascii.Error, ValueError):
            return None
    return None


def _resolve(value: str, base_dir: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base_dir / path


def _redact(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {name: _redact(item, name) for name, item in value.items()}
    if any(part in key.lower() for part in SECRET_KEY_PARTS):
        return "[removed]"
    return value


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@cache
def regional_units() -> dict[str, int]:
    """Kallikratis Regional Unit code -> its Region's code (74 units)."""
    path = resources_dir() / "data" / "regions" / "gr_regional_units_74.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["kallikratis_ru_code"]: int(row["kallikratis_region_code"])
            for row in csv.DictReader(handle)
        }


def region_codes() -> frozenset[int]:
    return frozenset(regional_units().values())
