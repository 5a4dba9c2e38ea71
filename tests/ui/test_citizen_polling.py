"""The kiosk's polling follows RFC 8628 §3.5: no faster than the interval, 5 seconds more
after `slow_down` (or what the platform says), and it stops on a refusal, an expired
code or the platform going down, each said plainly on the screen. A scripted client
stands in for the platform's answers here (the real server's are in
test_citizen_sign_in.py, and its own tests cover when it says what)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.engine.session import FillingSession
from sync.citizen import CitizenGrant, DeviceAuthorization, TokenPoll
from sync.errors import TransientError
from ui.citizen_sign_in import FAILURES, CitizenSignIn, scopes_for
from ui.screens.citizen_sign_in import CitizenSignInScreen


class _ScriptedPlatform:
    def __init__(self, answers: list[TokenPoll | Exception]) -> None:
        self.answers = answers
        self.asked: list[str] = []
        self.scopes: list[Any] = []

    def start_citizen_authorization(
        self, submission_id: uuid.UUID, procedure_id: str, version: str, evidence: list[Any]
    ) -> DeviceAuthorization:
        self.scopes = evidence
        return DeviceAuthorization("d" * 43, "BCDF-GHJK", "http://x/citizen",
                                   "http://x/citizen?code=BCDF-GHJK", 600, 1)  # fmt: skip

    def poll_citizen_token(self, device_code: str) -> TokenPoll:
        self.asked.append(device_code)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def _session() -> FillingSession:
    procedure = load_catalog(sample_catalog_dir()).procedures["taxi-driver-licence"]
    return FillingSession(procedure, "2", uuid.uuid4())


def _signing(qtbot: QtBot, answers: list[TokenPoll | Exception]) -> tuple[CitizenSignIn, Any]:
    platform = _ScriptedPlatform(answers)
    signing = CitizenSignIn(platform)  # type: ignore[arg-type]
    signing.start(_session())
    return signing, platform


def test_the_consent_asks_for_the_name_from_the_taxpayer_registry_only() -> None:
    (scope,) = scopes_for(_session())
    assert (scope.registry, scope.evidence_type) == ("taxpayer", "taxpayer_identity")
    assert set(scope.attributes) == {"surname", "name"}


def test_slow_down_lengthens_the_interval_and_a_grant_ends_the_polling(qtbot: QtBot) -> None:
    grant = CitizenGrant("g" * 43, datetime.now(UTC), "099999999", "Π. ΔΟΚΙΜΑΣΤΙΚΟΣ", (),
                         uuid.uuid4())  # fmt: skip
    signing, platform = _signing(
        qtbot,
        [TokenPoll("authorization_pending"), TokenPoll("slow_down", None, 2),
         TokenPoll("granted", grant)],
    )  # fmt: skip
    with qtbot.waitSignal(signing.granted, timeout=15_000) as got:
        pass
    assert got.args == [grant] and len(platform.asked) == 3
    assert signing._interval == 2 and not signing.busy  # what slow_down said
    signing.close()


def test_an_expired_code_a_refusal_and_a_platform_down_each_stop_with_their_reason(
    qtbot: QtBot,
) -> None:
    for answer, reason in (
        (TokenPoll("expired_token"), "expired_token"),
        (TokenPoll("access_denied"), "access_denied"),
        (TransientError("link down"), "down"),
    ):
        signing, platform = _signing(qtbot, [answer])
        with qtbot.waitSignal(signing.failed, timeout=10_000) as got:
            pass
        assert got.args == [reason] and len(platform.asked) == 1
        qtbot.wait(50)
        assert not signing.busy  # no more polling
        screen = CitizenSignInScreen("en")
        qtbot.addWidget(screen)
        screen.show_failure(FAILURES[reason])
        assert "bringing the documents" in screen.problem.text()
        signing.close()
