"""Once Only at the kiosk and the counter, against the real reference server on
loopback whose every request is counted: nobody signed in, no registry is asked; once
someone is authorised, only what the person asks for is fetched, shown, and can be
refused; each fetch is in the device's audit log without its values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.engine.evidence import Acting
from sync.demo_citizen import demo_clerk_credentials
from sync.registry import PlatformRegistry
from tests.ui.onceonly_support import CountedPlatform, counted_platform
from tests.ui.typing import finish_editing, type_text
from ui.backend import StoreBackend
from ui.demo_walkthrough import demo_backend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.evidence_panel import EvidencePanel
from ui.screens.step_form import StepScreen


@pytest.fixture
def platform() -> Iterator[CountedPlatform]:
    with counted_platform() as counted:
        yield counted


@pytest.fixture
def backend(platform: CountedPlatform) -> Iterator[StoreBackend]:
    with demo_backend(platform.client) as store_backend:
        yield store_backend


def _flow(
    qtbot: QtBot, platform: CountedPlatform, backend: Any
) -> tuple[ProcedureFlow, StepScreen]:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=backend,
        registry=PlatformRegistry(platform.client),  # there, as in the app: unused until then
    )
    window.resize(1280, 860)
    window.show()
    qtbot.waitActive(window)
    flow.start("taxi-driver-licence")
    screen = window.current_screen()
    assert isinstance(screen, StepScreen)
    return flow, screen


def _line(screen: StepScreen, field_id: str) -> QLineEdit:
    line = screen.rows[field_id].editor.findChild(QLineEdit)
    assert line is not None
    return line


def _type_afm(screen: StepScreen, afm: str) -> None:
    line = _line(screen, "afm")
    type_text(line, afm)  # digits: keyClicks-safe
    finish_editing(line)


def _panel(screen: StepScreen) -> EvidencePanel:
    panel = screen.findChild(EvidencePanel)
    assert panel is not None and not panel.isHidden()
    return panel


def _words(panel: EvidencePanel) -> str:
    return "\n".join(w.text() for w in panel.findChildren(QLabel))


def _press(panel: EvidencePanel, action: str) -> None:
    found = [b for b in panel.findChildren(QAbstractButton) if b.property("action") == action]
    assert found, (
        f"no {action} button in {[b.property('action') for b in panel.findChildren(QAbstractButton)]}"
    )
    found[0].click()
    QApplication.processEvents()  # the panel forwards the intent once the click is over


def test_a_passer_by_typing_an_afm_sees_no_name_and_the_server_is_never_asked(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow, screen = _flow(qtbot, platform, backend)
    _type_afm(screen, "099999999")
    qtbot.wait(50)  # time for a look-up that must not happen
    assert _line(screen, "surname").text() == "" and _line(screen, "first_name").text() == ""
    assert platform.asked("/v1/registry") == []
    session = flow.session
    assert session is not None and session.answers["afm"] == "099999999"
    assert session.registry is None and not session.can_fetch
    assert session.once_only_checks() == []  # "not asked", not "pending"
    bring = {i.document_id for i in session.checklist() if i.status == "bring"}
    assert "criminal_record" in bring
    words = _words(_panel(screen))
    assert "Δεν έχετε συνδεθεί" in words and "ο νόμος" in words
    assert "Απόσπασμα ποινικού μητρώου" in words  # to bring, said on the panel
    assert not [b for b in _panel(screen).findChildren(QAbstractButton) if b.property("action")]


def test_the_panel_says_it_in_english_too(qtbot: QtBot) -> None:
    panel = EvidencePanel("en")
    qtbot.addWidget(panel)
    from kiosk.engine.evidence import EvidenceState, procedure_evidence

    procedure = load_catalog(sample_catalog_dir()).procedures["taxi-driver-licence"]
    items = [(e, EvidenceState()) for e in procedure_evidence(procedure)]
    panel.show_items(items, can_fetch=False, pending=set(), labels={})
    words = _words(panel)
    assert "You are not signed in" in words and "Why: the law" in words


def test_an_authorised_session_fetches_only_on_request_shows_it_and_can_refuse_it(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow, screen = _flow(qtbot, platform, backend)
    _type_afm(screen, "099999999")
    clerk = demo_clerk_credentials(platform.client)  # signed in, saw an identity card
    assert flow.authorise(
        Acting(kind="clerk", clerk_id="clerk01"), PlatformRegistry(platform.client, lambda: clerk)
    )
    assert flow.once_only.authorised
    panel = _panel(screen)
    qtbot.wait(50)
    assert platform.asked("/v1/registry") == []  # authorised, but nobody asked yet
    _press(panel, "fetch:prefill:afm")
    qtbot.waitUntil(lambda: _line(screen, "surname").text() == "ΔΟΚΙΜΑΣΤΙΚΟΣ", timeout=10_000)
    assert len(platform.asked("/v1/registry")) == 1
    assert "ΔΟΚΙΜΑΣΤΙΚΟΣ" in _words(_panel(screen))  # the preview
    session = flow.session
    assert session is not None
    (entry,) = [e for e in backend.store.audit.entries() if e[2] == "registry_fetch"]
    assert entry[1] == "clerk01" and entry[3] == str(session.submission_id)
    details = backend.store.db.execute(
        "SELECT detail FROM audit WHERE action = 'registry_fetch'"
    ).fetchone()[0]
    assert "taxpayer_identity" in details and "ΔΟΚΙΜΑΣΤΙΚΟΣ" not in details
    assert "099999999" not in details
    _press(_panel(screen), "reject:prefill:afm")
    assert (
        _line(screen, "surname").text() == ""
        and session.evidence["prefill:afm"].choice == "rejected"
    )
    (record,) = session.evidence_records()
    assert record.choice == "rejected" and record.acting == Acting(kind="clerk", clerk_id="clerk01")
    flow.wipe()
    assert not flow.once_only.authorised and flow.session is None


def test_an_authority_with_a_lifetime_ends_by_itself_and_runs_its_end(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow, _screen = _flow(qtbot, platform, backend)
    ended: list[bool] = []
    assert flow.session is not None
    flow.once_only.authorise(
        flow.session,
        PlatformRegistry(platform.client),
        Acting(kind="citizen_grant"),
        lambda: ended.append(True),
        until_ms=0,  # a grant already at its end
    )
    qtbot.waitUntil(lambda: ended == [True], timeout=5_000)
    assert not flow.once_only.authorised and flow.session.registry is None


def test_starting_another_application_ends_the_authority_given_for_the_first(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow, _screen = _flow(qtbot, platform, backend)
    ended: list[bool] = []
    assert flow.authorise(Acting(kind="citizen_grant"), on_end=lambda: ended.append(True))
    flow.start("vineyard-register")
    assert ended == [True] and not flow.once_only.authorised
    assert flow.session is not None and flow.session.registry is None
