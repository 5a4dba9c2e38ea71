"""The office configuration file as `kiosk run` first meets it: where it is, its text,
and whether exactly this text passed validation at an earlier start.

Validating it (kiosk.config: its records, the Region tables, the key file) costs start-up
time (~40 ms of imports since it moved from pydantic to msgspec, ~105 ms before). So a
start whose file is unchanged since it last validated shows
its first screen from a note kept in the data folder (the few settings that screen
needs) and validates the file in full while the citizen looks at it; a new or changed
file is validated before anything is shown. The note holds no secret: mode, language,
keyboard and Qt platform, and a fingerprint of the file and of the app version that read it.

Light on purpose: standard library only, imported before Qt."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kiosk import __version__
from kiosk.paths import app_paths

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:  # CPython's own SHA-256: hashlib loads OpenSSL first (~3 ms before the first screen)
        from _sha256 import sha256
    except ImportError:  # 3.12 renamed it: the same digest from hashlib
        from hashlib import sha256

OFFICE_CONFIG_ENV = "KIOSK_OFFICE_CONFIG"
TEMPLATE = "installers/office.example.toml"
NOTE_NAME = "office-config.validated.json"

log = logging.getLogger(__name__)


class ConfigError(Exception):
    """The configuration cannot be used; `problems` holds one line per problem."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))

    def __str__(self) -> str:
        lines = [f"office configuration {self.path}:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


# NamedTuples, not dataclasses: read before the first screen, whose start they would
# otherwise slow (the dataclasses module and the code each class makes).
class OfficeFile(NamedTuple):
    path: Path
    text: str

    @property
    def fingerprint(self) -> str:
        """This text as read by this version of the app (a new version may read it
        differently, e.g. a new default)."""
        return sha256(f"{__version__}\n{self.text}".encode()).hexdigest()


class FirstScreen(NamedTuple):
    """What the first screen needs from a validated configuration."""

    mode: str
    default_language: str
    virtual_keyboard: Any  # as the validated configuration has it (kiosk.config)
    qt_platform: str | None = None  # Qt's platform plugin, chosen before Qt starts


def office_config_path(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    override = os.environ.get(OFFICE_CONFIG_ENV)
    return Path(override).expanduser() if override else app_paths().office_config


def read_office_file(path: Path | None = None) -> OfficeFile:
    """The file's text; raises ConfigError saying what to do when it cannot be read."""
    where = office_config_path(path)
    try:
        return OfficeFile(where, where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            where, [f"no file here; copy {TEMPLATE} to this path and fill it in"]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(where, [f"cannot read it ({error.__class__.__name__})"]) from None


def validated_before(office: OfficeFile, folder: Path | None = None) -> FirstScreen | None:
    """The first screen's settings if this very text validated at an earlier start;
    None when it is new or changed, or the note is missing or unreadable."""
    note = (folder or app_paths().data_dir) / NOTE_NAME
    try:
        kept = json.loads(note.read_text("utf-8"))
        if kept.get("fingerprint") != office.fingerprint:
            return None
        return FirstScreen(
            kept["mode"], kept["default_language"], kept["virtual_keyboard"], kept["qt_platform"]
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember_validated(office: OfficeFile, first: FirstScreen, folder: Path | None = None) -> None:
    """Note that `office` validated, with what its first screen needs. A note that
    cannot be written only costs the next start its head start: logged, not raised."""
    folder = folder or app_paths().data_dir
    note = folder / NOTE_NAME
    if validated_before(office, folder) == first:
        return
    partial = note.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps({"fingerprint": office.fingerprint, **first._asdict()}))
        partial.replace(note)
    except OSError as error:
        log.warning("could not note the validated office configuration: %s", error.strerror)
