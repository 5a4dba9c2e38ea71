from __future__ import annotations

import gc
import logging
import logging.handlers
import re
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.logs import (
    BACKUP_COUNT,
    MAX_BYTES,
    RotatingFile,
    configure_logging,
    forget_personal,
    personal_values,
    redact,
    redact_values,
    remember_personal,
)


@pytest.fixture(autouse=True)
def no_open_drafts() -> None:
    """Sessions of earlier tests may still be alive: start from no registered values."""
    personal_values.clear()


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
    assert isinstance(handler, RotatingFile)
    assert (
        (handler.maxBytes, handler.backupCount) == (2 * 1024 * 1024, 5) == (MAX_BYTES, BACKUP_COUNT)
    )
    assert Path(handler.baseFilename) == tmp_path / "kiosk.log"


def _written_through(handler: logging.Handler, lines: list[str]) -> None:
    handler.setFormatter(logging.Formatter("%(message)s"))
    for line in lines:
        handler.handle(logging.LogRecord("kiosk", logging.INFO, __file__, 1, line, None, None))
    handler.close()


def _files(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("backups", [0, 1, 3])
def test_the_log_rotates_as_the_standard_librarys_rotating_handler_does(
    tmp_path: Path, backups: int
) -> None:
    # Lines of every length around the limit, Greek ones too: the limit counts characters.
    lines = [f"{n:03d} " + "αβγ x" * (n % 17) for n in range(300)]
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for folder in (ours, theirs):
        folder.mkdir()
        (folder / "kiosk.log").write_text("from an earlier start\n", "utf-8")
    _written_through(RotatingFile(ours / "kiosk.log", max_bytes=500, backup_count=backups), lines)
    _written_through(
        logging.handlers.RotatingFileHandler(
            theirs / "kiosk.log", maxBytes=500, backupCount=backups, encoding="utf-8"
        ),
        lines,
    )

    assert _files(ours) == _files(theirs)
    assert len(_files(ours)) == backups + 1


def test_uuids_and_procedure_ids_stay_readable_for_diagnosis() -> None:
    text = "submission 3f2b8c1e-9a4d-4e55-bb1a-0c6f1d2e3a4b of procedure 742507 queued"
    assert redact(text) == text


# --- every variant of every identifier (issue #18: 12 of 22 used to survive) ---------

AFM = "094259216"
AMKA = "01017012345"

MEASURED_VARIANTS = [
    "094259216",
    "EL094259216",
    "GR094259216",
    "ΑΦΜ094259216",
    "ΑΦΜ: 094259216",
    "Α.Φ.Μ. 094 259 216",
    "afm 094.259.216",
    "el 094-259-216",
    "01017012345",
    "010170-12345",
    "01 01 70 12345",
    "010170 12345",
    "GR1601101250000000012300695",
    "gr1601101250000000012300695",
    "GR16 0110 1250 0000 0001 2300 695",
    "gr16 0110 1250 0000 0001 2300 695",
    "+30 691 234 5678",
    "0030-210-123-4567",
    "(+30) 210 1234567",
    "69-1234-5678",
    "maria.papadopoulou@example.gr",
    "Maria.P+kiosk@Mail.Example.GR",
]


def _logged(tmp_path: Path, *messages: str) -> str:
    path = configure_logging(tmp_path)
    log = logging.getLogger("kiosk.test")
    for message in messages:
        log.warning("registry said %s for the applicant", message)
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", MEASURED_VARIANTS)
def test_each_measured_identifier_variant_is_masked(variant: str) -> None:
    masked = redact(f"lookup of {variant} failed")
    assert variant not in masked
    assert not any(char.isdigit() for char in masked) and "@" not in masked
    assert masked.startswith("lookup of [") and masked.endswith("] failed")


def _separated(digits: str, separators: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The digits with a separator (or none) drawn for each gap."""
    return st.lists(separators, min_size=len(digits) - 1, max_size=len(digits) - 1).map(
        lambda gaps: digits[0] + "".join(gap + d for gap, d in zip(gaps, digits[1:], strict=True))
    )


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=count, max_size=count)


_DIGIT_SEPARATORS = st.sampled_from(["", "", "", " ", ".", "-"])
_afms = st.tuples(
    st.sampled_from(["", "EL", "GR", "ΑΦΜ", "AFM", "Α.Φ.Μ.", "αφμ", "el", "ΑΦΜ:", "AFM-"]),
    st.sampled_from(["", " ", ": "]),
    _digits(9).flatmap(lambda d: _separated(d, _DIGIT_SEPARATORS)),
).map(lambda p: p[0] + (p[1] if p[0] else "") + p[2])
_amkas = _digits(11).flatmap(lambda d: _separated(d, _DIGIT_SEPARATORS))
_phones = st.tuples(
    st.sampled_from(["", "+30", "0030", "+30 ", "0030 ", "(+30) ", "+30-"]),
    st.sampled_from(["69", "21", "23", "22", "28"]),
    _digits(8),
).flatmap(
    lambda parts: _separated(parts[1] + parts[2], _DIGIT_SEPARATORS).map(lambda n: parts[0] + n)
)


def _iban(parts: tuple[str, str, bool, bool]) -> str:
    check, bban, grouped, lower = parts
    text = "GR" + check + bban
    if grouped:
        text = " ".join(text[i : i + 4] for i in range(0, len(text), 4))
    return text.lower() if lower else text


_ibans = st.tuples(_digits(2), _digits(23), st.booleans(), st.booleans()).map(_iban)
_emails = st.tuples(
    st.from_regex(r"\A[A-Za-z][A-Za-z0-9._+\-]{0,15}\Z"),
    st.from_regex(r"\A[A-Za-z][A-Za-z0-9\-]{0,10}\Z"),
    st.sampled_from(["gr", "com", "gov.gr", "example.org"]),
).map(lambda p: f"{p[0]}@{p[1]}.{p[2]}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_afms, _amkas, _phones, _ibans, _emails))
def test_no_generated_identifier_variant_survives_in_the_log_file(identifier: str) -> None:
    with tempfile.TemporaryDirectory() as folder:  # hypothesis reuses function fixtures
        written = _logged(Path(folder), identifier)
    line = written.split(": ", 1)[1]  # the message, after the time stamp and logger
    assert identifier not in written
    assert not any(char.isdigit() for char in line), line
    assert "@" not in line
    assert re.fullmatch(r"registry said \s*\[[A-Z]+\] for the applicant\n", line), line


# --- the personal values of the draft being filled ---------------------------------


def test_a_drafts_surname_logged_while_the_draft_is_open_is_masked(tmp_path: Path) -> None:
    draft = "0b7d5e1c-6c35-4a5e-9a31-3f1b6a0c1d2e"
    remember_personal(draft, {"surname": "Παπαδόπουλος", "father_name": "Γεώργιος Ιωάννης"})
    try:
        written = _logged(
            tmp_path,
            "ΠΑΠΑΔΟΠΟΥΛΟΣ",
            "surname=papadopoulos? no: Παπαδοπουλος",
            "father Ιωάννης",
        )
    finally:
        forget_personal(draft)
    for secret in ("ΠΑΠΑΔΟΠΟΥΛΟΣ", "Παπαδοπουλος", "Ιωάννης"):
        assert secret not in written
    assert written.count("[PERSONAL]") == 3
    assert "papadopoulos" in written  # a Latin spelling was not registered: left as is
    # Once the draft is wiped its values no longer mask anything.
    assert redact("Παπαδόπουλος") == "Παπαδόπουλος"


def test_personal_values_in_the_arguments_and_tracebacks_are_masked(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    log = logging.getLogger("kiosk.test")
    with redact_values(["Κωνσταντινίδου"]):
        log.info("saved %s", "κωνσταντινιδου")
        try:
            raise ValueError("bad surname Κωνσταντινίδου, AFM EL094259216")
        except ValueError:
            log.exception("validation")
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert "ωνσταντιν" not in written and "094259216" not in written
    assert "ValueError" in written and written.count("[PERSONAL]") >= 2


def test_short_values_and_other_drafts_leave_ordinary_words_alone() -> None:
    with redact_values(["Ιω", "Νίκος"]):
        assert redact("Ιω sent 3 of 5 to Νικος") == "Ιω sent 3 of 5 to [PERSONAL]"
        assert redact("Νικόστρατος") == "Νικόστρατος"  # whole words only


def test_diagnostic_values_stay_readable() -> None:
    text = (
        "retry at 2026-12-01T21:16:31+00:00 from 192.168.100.200:8443, "
        "attachment 3f2b8c1e9a4d of 262144 bytes, procedure 742507"
    )
    assert redact(text) == text


def test_a_filling_sessions_answers_are_masked_until_the_screens_forget_it(
    tmp_path: Path,
) -> None:
    from kiosk.engine.session import FillingSession
    from tests.kiosk.engine.procedures import transporter_licence

    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    session.set_answer("surname", "Καραγιαννοπούλου")
    session.set_answer("applicant_type", "person")  # a choice: not personal
    written = _logged(tmp_path, "ΚΑΡΑΓΙΑΝΝΟΠΟΥΛΟΥ chose person")
    assert "ΚΑΡΑΓΙΑΝΝΟΠΟΥΛΟΥ" not in written and "[PERSONAL] chose person" in written
    # The screens resume the same draft, then drop the old session object.
    resumed = FillingSession.resume(
        transporter_licence(), "2", session.submission_id, session.answers
    )
    del session
    gc.collect()
    assert redact("Καραγιαννοπούλου") == "[PERSONAL]"  # the resumed draft is still open
    forget_personal(resumed.submission_id)  # the wipe
    assert redact("Καραγιαννοπούλου") == "Καραγιαννοπούλου"


def test_a_session_dropped_without_a_wipe_forgets_its_values() -> None:
    from kiosk.engine.session import FillingSession
    from tests.kiosk.engine.procedures import transporter_licence

    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    session.set_answer("surname", "Θεοχαροπούλου")
    assert redact("Θεοχαροπούλου") == "[PERSONAL]"
    del session
    gc.collect()
    assert redact("Θεοχαροπούλου") == "Θεοχαροπούλου"


def test_registered_numbers_and_addresses_do_not_break_identifiers_apart() -> None:
    with redact_values(["12345", "Οδός 100", "maria@mail.example.gr"]):
        assert redact("AMKA 010170-12345 from 192.168.100.200") == (
            "AMKA [NUMBER] from 192.168.100.200"
        )
        assert redact("Οδός Εγνατίας 100") == "[PERSONAL] Εγνατίας 100"
