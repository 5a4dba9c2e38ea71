"""Diagnostic logging for IT officers: rotating files, never personal data.

The first defence is that the code logs identifiers (submission UUIDs, procedure ids,
field ids) and never answers. The redacting filter is the second: before a record is
written it masks

- anything shaped like an identifier: AFM (with or without an EL/GR/ΑΦΜ/AFM prefix,
  with spaces, dots or dashes inside), AMKA, any other run of 9+ digits with
  separators (phone numbers with +30/0030, card numbers), IBAN in either case,
  grouped or not, and e-mail addresses;
- the personal values of the drafts being filled (surname, first name, father's
  name, address...), which no pattern can recognise: the filling session registers
  them here (`remember_personal`) and forgets them when it is wiped, and code that
  handles personal values outside a session can wrap itself in `redact_values`.

So a careless message cannot leak one into a support bundle. The coupling is one way:
the engine and ui/ call into this module, it imports nothing of theirs. docs/privacy.md
lists every variant, and tests/kiosk/test_logs.py generates them.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

LOG_FILE_NAME = "kiosk.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

_ALNUM_EDGE_BEFORE = r"(?<![0-9A-Za-z])"
_ALNUM_EDGE_AFTER = r"(?![0-9A-Za-z])"
_SEPARATED_DIGITS = r"\d(?:[ .\-/]?\d)"

# What must stay readable for diagnosis although it is digit-heavy: UUIDs, ISO dates
# and times, IPv4 addresses (valid octets). A date or address that runs on into more
# separated digits is not kept: "0.0.0.0 00000" is an AMKA, not an address.
_NOT_RUN_ON_BEFORE = r"(?<![\d.\-/])(?<!\d )"
_NOT_RUN_ON_AFTER = r"(?![ .\-/]?\d)"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_KEEP = (
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b",
    _NOT_RUN_ON_BEFORE + r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?" + _NOT_RUN_ON_AFTER,
    _NOT_RUN_ON_BEFORE + rf"(?:{_OCTET}\.){{3}}{_OCTET}(?::\d{{1,5}})?" + _NOT_RUN_ON_AFTER,
)
_IBAN = (
    _ALNUM_EDGE_BEFORE + r"[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]{4}){2,7}"
    r"(?:[ \-]?[A-Za-z0-9]{1,3})?" + _ALNUM_EDGE_AFTER
)
_EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
_AFM_PREFIX = r"(?:Α\.?\s?Φ\.?\s?Μ\.?|A\.?\s?F\.?\s?M\.?|EL|GR|VAT)"
_PREFIXED_AFM = (
    r"(?<![^\W\d_])" + _AFM_PREFIX + r"[\s:#.\-]*" + _SEPARATED_DIGITS + "{8}" + r"(?!\d)"
)
_NUMBER = _ALNUM_EDGE_BEFORE + r"(?:\+|\(\+?)?\d(?:[ .\-/()]{0,2}\d){8,}" + _ALNUM_EDGE_AFTER

_GROUPS = (
    ("keep", "|".join(_KEEP)),
    ("iban", _IBAN),
    ("email", _EMAIL),
    ("afm", _PREFIXED_AFM),
    ("number", _NUMBER),
)
_PATTERN = re.compile(
    "|".join(f"(?P<{name}>{body})" for name, body in _GROUPS), re.IGNORECASE | re.UNICODE
)
_MASKS = {"iban": "[IBAN]", "email": "[EMAIL]", "afm": "[AFM]", "number": "[NUMBER]"}
PERSONAL_MASK = "[PERSONAL]"
MIN_PERSONAL_LENGTH = 3  # shorter values would mask ordinary words


def _replace(match: re.Match[str]) -> str:
    kind = match.lastgroup or "keep"
    text = match.group()
    if kind == "iban" and not _looks_like_iban(text):
        return text
    return text if kind == "keep" else _MASKS[kind]


def _looks_like_iban(text: str) -> bool:
    """An IBAN's account part is mostly digits; 'id12 abcd efgh' is not one."""
    compact = re.sub(r"[ \-]", "", text)[4:]
    return len(compact) >= 11 and sum(c.isdigit() for c in compact) * 2 >= len(compact)


def _fold(text: str) -> str:
    """Case, tonos, diaeresis and final sigma do not matter: ΠΑΠΑΔΌΠΟΥΛΟΣ == παπαδοπουλος."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


_ALL_HOLDERS: Hashable = object()


class PersonalValues:
    """The personal values of the drafts open now, to be masked in every log record.

    Keyed by an owner (a draft's submission id, or a token of `redact_values`), so a
    wipe forgets exactly that draft's values, and optionally by a holder (one
    session object of that draft), so a session that is dropped without a wipe
    forgets what it registered and nothing a newer session of the same draft did.
    Thread-safe: records are filtered on whichever thread logs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[tuple[Hashable, Hashable], set[str]] = {}
        self._pattern: re.Pattern[str] | None = None

    def remember(self, owner: Hashable, values: Iterable[object], holder: Hashable = None) -> None:
        words = set(_personal_words([values]))
        if not words:
            return
        with self._lock:
            known = self._values.setdefault((owner, holder), set())
            if not words <= known:
                known |= words
                self._pattern = None

    def forget(self, owner: Hashable, holder: Hashable = _ALL_HOLDERS) -> None:
        """Forget an owner's values: all of them, or only what one holder registered."""
        with self._lock:
            keys = [
                key
                for key in self._values
                if key[0] == owner and (holder is _ALL_HOLDERS or key[1] == holder)
            ]
            for key in keys:
                del self._values[key]
            if keys:
                self._pattern = None

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._pattern = None

    def mask(self, text: str) -> str:
        pattern = self._compiled()
        if pattern is None:
            return text
        folded, origin = _fold_with_map(text)
        spans = [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(folded)]
        for start, end in reversed(spans):
            text = text[:start] + PERSONAL_MASK + text[end:]
        return text

    def _compiled(self) -> re.Pattern[str] | None:
        with self._lock:
            if self._pattern is None and self._values:
                words = sorted({w for ws in self._values.values() for w in ws}, key=len)
                alternatives = "|".join(re.escape(w) for w in reversed(words))
                self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
            return self._pattern


def _personal_words(values: Iterable[object]) -> Iterator[str]:
    """Each value whole and word by word ('Γεώργιος Παπαδόπουλος' masks either name)."""
    for value in values:
        if isinstance(value, Mapping):
            yield from _personal_words(value.values())
            continue
        if isinstance(value, list | tuple | set | frozenset):
            yield from _personal_words(value)
            continue
        if not isinstance(value, str):
            continue
        folded = " ".join(_fold(value).split())
        # Only words with a letter: numbers are the patterns' job, and a registered
        # "100" would mask part of an address or a byte count.
        if len(folded) >= MIN_PERSONAL_LENGTH and _has_letter(folded):
            yield folded
        for word in re.findall(r"\w+", folded):
            if len(word) >= MIN_PERSONAL_LENGTH and _has_letter(word):
                yield word


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


personal_values = PersonalValues()


def remember_personal(owner: Hashable, values: Iterable[object], holder: Hashable = None) -> None:
    """Mask these values (strings, or dicts/lists of them) in the log until forgotten."""
    personal_values.remember(owner, values, holder)


def forget_personal(owner: Hashable, holder: Hashable = _ALL_HOLDERS) -> None:
    personal_values.forget(owner, holder)


@contextmanager
def redact_values(values: Iterable[object]) -> Iterator[None]:
    """Mask these values in every record logged inside the block."""
    token = object()
    personal_values.remember(token, values)
    try:
        yield
    finally:
        personal_values.forget(token)


def redact(text: str) -> str:
    """Mask identifier-shaped substrings and the registered personal values."""
    # Patterns first: a registered word must not split an identifier's digits apart.
    return personal_values.mask(_PATTERN.sub(_replace, text))


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep the parts, masked
            message = " ".join(map(str, (record.msg, *(record.args or ()))))
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # Tracebacks can carry values in exception messages: mask them too.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RotatingFile(logging.FileHandler):
    """The standard library's RotatingFileHandler, rotation for rotation: a record that
    would take the file to `max_bytes` first renames kiosk.log to kiosk.log.1 (.1 to .2...,
    the oldest of `backup_count` dropped). Its own class because logging.handlers imports
    socket, pickle and queue (~7 ms at every start) for handlers the app never uses."""

    def __init__(self, path: Path, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.maxBytes = max_bytes
        self.backupCount = backup_count

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.shouldRollover(record):
                self.doRollover()
            super().emit(record)
        except Exception:  # as logging's own handlers: a log that fails never stops the app
            self.handleError(record)

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 (the stdlib's name)
        # Never a file that is not a regular one (bpo-45401: /dev/null, a pipe).
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False
        if self.stream is None:
            self.stream = self._open()
        if self.maxBytes > 0:
            message = f"{self.format(record)}\n"
            self.stream.seek(0, 2)
            if self.stream.tell() + len(message) >= self.maxBytes:
                return True
        return False

    def doRollover(self) -> None:  # noqa: N802 (the stdlib's name)
        if self.stream:
            self.stream.close()
            self.stream = None
        if self.backupCount > 0:
            for index in range(self.backupCount - 1, 0, -1):
                older, newer = f"{self.baseFilename}.{index}", f"{self.baseFilename}.{index + 1}"
                if os.path.exists(older):
                    if os.path.exists(newer):
                        os.remove(newer)
                    os.rename(older, newer)
            first = f"{self.baseFilename}.1"
            if os.path.exists(first):
                os.remove(first)
            if os.path.exists(self.baseFilename):
                os.rename(self.baseFilename, first)
        self.stream = self._open()


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's logs to a rotating file in log_dir; returns the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk_handler", False):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFile(path, max_bytes=MAX_BYTES, backup_count=BACKUP_COUNT)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    handler._kiosk_handler = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
