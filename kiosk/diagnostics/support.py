"""The support bundle: one zip an IT officer can mail to the Region's help desk.

It holds the office configuration (secret-looking keys removed), the logs, the versions
of Python, Qt and the packages, and the doctor's output. It never holds the database,
drafts, receipts or the keyring. Everything written passes through `scrub`: known
secrets (the device token, read from the keyring by the caller) are replaced wherever
they appear, and the log redaction (AFM, AMKA, IBAN, phone, e-mail shapes) runs again,
so a value that slipped into a log line by mistake does not leave the device.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config import SECRET_KEY_PARTS, ConfigError, load_office_config
from kiosk.logs import LOG_FILE_NAME, redact

_BEARER = re.compile(
    r"(?i)\b(bearer|token|authorization)([\"']?\s*[:=]\s*[\"']?|\s+)[\w.~+/=-]{8,}"
)
_SECRET_LINE = re.compile(
    r"(?im)^(\s*[\w.-]*(?:" + "|".join(SECRET_KEY_PARTS) + r")[\w.-]*\s*=).*$"
)


def scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[removed]")
    text = _BEARER.sub(lambda match: f"{match.group(1)}{match.group(2)}[removed]", text)
    return redact(text)


def configuration_text(config_path: Path) -> str:
    """The configuration as the bundle shows it: validated and redacted, or, when it
    does not validate, the file's lines with secret-looking values removed."""
    try:
        config = load_office_config(config_path)
    except ConfigError as error:
        try:
            raw = config_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            raw = ""
        header = "# does not validate:\n" + "".join(f"#   {line}\n" for line in error.problems)
        return header + _SECRET_LINE.sub(r"\1 [removed]", raw)
    return json.dumps(config.redacted(), indent=2, ensure_ascii=False) + "\n"


def write_support_bundle(
    destination: Path,
    *,
    config_path: Path,
    log_dir: Path,
    doctor_lines: Iterable[str],
    versions: Mapping[str, str],
    secrets: Iterable[str] = (),
) -> Path:
    known = [secret for secret in secrets if secret]
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, text: str) -> None:
            archive.writestr(name, scrub(text, known))

        put(
            "README.txt",
            "periferia-kiosk support bundle, made "
            f"{datetime.now(UTC).isoformat(timespec='seconds')}.\n"
            "office-config.txt: the office configuration (secret keys removed)\n"
            "doctor.txt: `kiosk doctor` output\nversions.json: Python, Qt, packages\n"
            "logs/: the app's logs (identifiers only; numbers and e-mails masked)\n"
            "No database, drafts, receipts or keyring content is included.\n",
        )
        put("office-config.txt", configuration_text(config_path))
        put("doctor.txt", "\n".join(doctor_lines) + "\n")
        put("versions.json", json.dumps(dict(versions), indent=2, sort_keys=True) + "\n")
        for log in sorted(log_dir.glob(LOG_FILE_NAME + "*")):
            put(f"logs/{log.name}", log.read_text(encoding="utf-8", errors="replace"))
    partial.replace(destination)
    return destination
