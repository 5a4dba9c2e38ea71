"""A record that holds what a citizen gave or a registry said about them names itself in
a repr (a traceback's locals, a debugger, a log line), never what it holds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kiosk.engine.evidence import EvidenceState, InPersonCheck
from kiosk.engine.state import SessionState
from kiosk.submission import AttachmentRef, Submission

NAME = "ΠΑΠΑΔΟΠΟΥΛΟΥ"
GOLDEN = Path(__file__).parents[1] / "sync" / "golden"


def test_a_submission_names_its_application_not_its_answers() -> None:
    submission = Submission.from_json_bytes((GOLDEN / "submission-full.json").read_bytes())
    shown = repr(submission)
    assert "taxi-driver-licence" in shown and str(submission.submission_id) in shown
    assert "Παπαδοπούλου" not in shown and "φωτο.jpg" not in shown


def test_evidence_a_session_state_and_an_identity_check_hold_back_their_values() -> None:
    fetched = EvidenceState(
        choice="fetched", fetch_id="f-1", fetched_at=datetime.now(UTC), values={"surname": NAME}
    )
    scan = AttachmentRef(
        sha256="ab" * 32, file_name=f"{NAME}.pdf", media_type="application/pdf", size=9
    )
    state = SessionState(evidence={"prefill:afm": fetched}, documents={"id_card": scan})
    check = InPersonCheck.checked("id_card", "ab12")
    for shown in (repr(fetched), repr(scan), repr(state), repr(check), str(state)):
        assert NAME not in shown and "AB12" not in shown, shown
