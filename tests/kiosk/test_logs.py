from __future__ import annotations

import logging
from pathlib import Path

from kiosk.logs import configure_logging, redact


def test_identifiers_in_a_log_message_never_reach_the_file(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    log = logging.getLogger("kiosk.test")
    log.warning("lookup failed for AFM %s AMKA %s", "090000045", "01017012345")
    log.warning("iban GR1601101250000000012300695 mail maria@example.gr phone +30 6912345678")
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    for secret in (
        "090000045",
        "01017012345",
        "GR1601101250000000012300695",
        "maria@example.gr",
        "6912345678",
    ):
        assert secret not in written
    assert "lookup failed" in written


def test_log_file_lives_in_the_given_directory_and_rotates(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    assert path.parent == tmp_path
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_kiosk_handler", False))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.backupCount >= 3


def test_uuids_and_procedure_ids_stay_readable_for_diagnosis() -> None:
    text = "submission 3f2b8c1e-9a4d-4e55-bb1a-0c6f1d2e3a4b of procedure 742507 queued"
    assert redact(text) == text
