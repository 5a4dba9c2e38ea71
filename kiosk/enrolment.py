"""Which office this device is enrolled in: the platform names it when the device
enrols (`kiosk enroll`), and this record keeps it in the data folder beside the
database. Not a secret (the token is in the keyring): an office id, a device id, the
server's URL and when.

`kiosk doctor` and `kiosk run` compare it with the office file's `office_id`: a device
enrolled for one office and configured for another sends everything to the wrong
office's queue, and the platform answers 403 to what it reads. Before this record the
mismatch only showed as a 403 in the log and a dashboard with "no data yet".

Pure Python (standard library): `kiosk run` reads it before Qt."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from kiosk.paths import app_paths
from kiosk.texts import Text, declare

RECORD_NAME = "enrolment.json"

TEXTS = declare(
    "enrolment",
    {
        "office_mismatch": (
            "Η συσκευή είναι εγγεγραμμένη στο γραφείο «{enrolled}», αλλά το αρχείο γραφείου "
            "({path}) γράφει office_id = «{configured}». Διόρθωση: γράψτε office_id = "
            '"{enrolled}" στο αρχείο, ή εγγράψτε ξανά τη συσκευή με κωδικό του γραφείου '
            "«{configured}» (kiosk enroll --server URL --code ΚΩΔΙΚΟΣ).",
            "This device is enrolled in office '{enrolled}', but the office file ({path}) "
            "says office_id = '{configured}'. Fix: set office_id = \"{enrolled}\" in the "
            "file, or enrol the device again with a code for office '{configured}' "
            "(kiosk enroll --server URL --code CODE).",
        ),
        "code_for_other_office": (
            "Ο κωδικός εγγραφής είναι για το γραφείο «{code_office}», ενώ το αρχείο γραφείου "
            "γράφει «{configured}»· ο κωδικός δεν χρησιμοποιήθηκε. Διόρθωση: ζητήστε από "
            "το τμήμα πληροφορικής κωδικό για το γραφείο «{configured}».",
            "This enrolment code is for office '{code_office}', but the office file says "
            "'{configured}'; the code was not used. Fix: ask IT for a code for office "
            "'{configured}'.",
        ),
        "revoked": (
            "Η πλατφόρμα έχει ανακαλέσει αυτή τη συσκευή· δεν στέλνει ούτε διαβάζει τίποτα. "
            "Ό,τι είναι αποθηκευμένο εδώ μένει. Διόρθωση: ζητήστε νέο κωδικό από το τμήμα "
            "πληροφορικής και τρέξτε kiosk enroll.",
            "The platform has revoked this device: it sends and reads nothing. What is "
            "stored here stays. Fix: ask IT for a new code and run kiosk enroll.",
        ),
    },
)


class Enrolment(NamedTuple):  # not a dataclass: read before the first screen
    office_id: str
    device_id: str
    server_url: str
    enrolled_at: str


def record_path() -> Path:
    return app_paths().data_dir / RECORD_NAME


def save_enrolment(enrolment: Enrolment) -> None:
    path = record_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(enrolment._asdict(), indent=1), encoding="utf-8")
    partial.replace(path)


def read_enrolment() -> Enrolment | None:
    """The record, or None: never enrolled, or enrolled before records were kept (the
    doctor then asks the platform), or a damaged file (treated as no record)."""
    try:
        document = json.loads(record_path().read_text(encoding="utf-8"))
        return Enrolment(**{key: str(document[key]) for key in Enrolment._fields})
    except (OSError, ValueError, KeyError, TypeError):
        return None


# `office_id = "…"` (or '…') on a line of its own, with nothing to unescape.
_PLAIN_OFFICE_ID = re.compile(r"""office_id[ \t]*=[ \t]*(?:"([^"\\]*)"|'([^']*)')[ \t]*(?:#.*)?""")


def office_id_of(text: str) -> str | None:
    """The office file's office_id, read cheaply (the full validation comes later):
    from its one plain top-level line when it has one, as office files do (tomllib
    costs ~5 ms of `kiosk run`'s time to its first screen), else by parsing the file.
    A file broken elsewhere still gives its office_id line (tomllib would give None):
    `kiosk run` asks only about a file that validated, and the validation refuses it."""
    found = _plain_office_id(text)
    if found is not None:
        return found
    import tomllib

    try:
        value = tomllib.loads(text).get("office_id")
    except tomllib.TOMLDecodeError:
        return None
    return value if isinstance(value, str) else None


def _plain_office_id(text: str) -> str | None:
    """The value of the one `office_id = "…"` line among the top-level keys (before the
    first table); None when that is not certain: a multi-line string (which may hold
    such a line), a quoted key, a second office_id, a value with escapes."""
    found: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            break  # the tables: no top-level key after this
        if '"""' in line or "'''" in line or line.startswith(('"office_id', "'office_id")):
            return None
        if line.startswith("office_id"):
            plain = _PLAIN_OFFICE_ID.fullmatch(line)
            if plain is None:
                return None
            found.append(plain.group(1) if plain.group(1) is not None else plain.group(2))
    return found[0] if len(found) == 1 else None


def mismatch(configured: str | None, path: Path) -> tuple[Text, dict[str, str]] | None:
    """The refusal when the office file names another office than the enrolment."""
    enrolment = read_enrolment()
    if enrolment is None or configured is None or configured == enrolment.office_id:
        return None
    return TEXTS["office_mismatch"], {
        "enrolled": enrolment.office_id,
        "configured": configured,
        "path": str(path),
    }
