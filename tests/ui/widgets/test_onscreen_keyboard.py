"""A citizen at a touch-only kiosk types Greek, accents, an e-mail address and digits on
the on-screen keyboard, and the field gets what a hardware keyboard would have sent."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from ui.backend import MemoryBackend
from ui.flow import ProcedureFlow
from ui.kiosk_mode import KioskWindow
from ui.screens.finder import FinderScreen
from ui.screens.step_form import StepScreen
from ui.widgets.onscreen_keyboard import KEY_PX, OnScreenKeyboard


def _kiosk(qtbot: QtBot) -> tuple[KioskWindow, ProcedureFlow, OnScreenKeyboard]:
    window = KioskWindow(virtual_keyboard=True)
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend()
    )
    flow.show_home()
    window.resize(1280, 1024)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.keyboard is not None
    return window, flow, window.keyboard


def _key(keyboard: OnScreenKeyboard, label: str) -> QPushButton:
    return next(k for k in keyboard.findChildren(QPushButton) if k.text() == label)


def _tap(keyboard: OnScreenKeyboard, *labels: str) -> None:
    for label in labels:
        _key(keyboard, label).click()


def test_the_keyboard_appears_for_a_field_and_types_greek_with_accents(qtbot: QtBot) -> None:
    window, flow, keyboard = _kiosk(qtbot)
    assert not keyboard.isVisible()  # nothing to type on the home screen
    flow.show_finder()
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen)
    qtbot.waitUntil(keyboard.isVisible)
    _tap(keyboard, "΄", "α", "δ", "ε", "ι", "α", "␣", "τ", "α", "ξ", "΄", "ι")
    assert finder.query.text() == "άδεια ταξί"
    assert finder.query.hasFocus()  # the keys never take the focus
    hits = finder.findChildren(QAbstractButton, "procedure")
    assert hits and "ταξί" in hits[0].text()  # search as you type, from the keyboard
    _tap(keyboard, "⌫")
    assert finder.query.text() == "άδεια ταξ"


def test_shift_gives_one_capital_and_the_diaeresis_works(qtbot: QtBot) -> None:
    window, flow, keyboard = _kiosk(qtbot)
    flow.show_finder()
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen)
    qtbot.waitUntil(keyboard.isVisible)
    _tap(keyboard, "⇧", "Π", "ρ", "ω", "τ", "ε", "¨", "ι", "ν", "η")
    assert finder.query.text() == "Πρωτεϊνη"


def test_an_email_address_is_typed_on_the_latin_layout_and_next_moves_on(
    qtbot: QtBot,
) -> None:
    window, flow, keyboard = _kiosk(qtbot)
    flow.start("taxi-driver-licence")
    flow.session.set_answer("afm", "099999987")  # type: ignore[union-attr]
    for key, value in {"surname": "Α", "first_name": "Β", "birth_date": "1988-06-15",
                       "amka": "15068899994", "nationality": "greek"}.items():  # fmt: skip
        flow.session.set_answer(key, value)  # type: ignore[union-attr]
    flow._next()
    step = window.current_screen()
    assert isinstance(step, StepScreen)
    email = step.rows["email"].editor.findChild(QLineEdit)
    assert email is not None
    email.setFocus()
    qtbot.waitUntil(keyboard.isVisible)
    _tap(keyboard, "EN", "d", "e", "m", "o", "@", "g", "o", "v", ".", "g", "r")
    assert email.text() == "demo@gov.gr"
    _tap(keyboard, "⏎")  # to the next field, as Tab would
    assert not email.hasFocus()


def test_every_key_is_a_touch_target_with_a_name_in_the_citizens_language(
    qtbot: QtBot,
) -> None:
    window, flow, keyboard = _kiosk(qtbot)
    flow.show_finder()
    qtbot.waitUntil(keyboard.isVisible)
    keys = keyboard.findChildren(QPushButton)
    assert len(keys) > 40
    assert all(k.width() >= 44 and k.height() >= 44 and k.accessibleName() for k in keys)
    assert KEY_PX >= 44
    assert _key(keyboard, "⌫").accessibleName() == "Διαγραφή χαρακτήρα"
    window.toggle_language()
    qtbot.waitUntil(keyboard.isVisible)
    assert _key(keyboard, "⌫").accessibleName() == "Delete a character"


def test_a_kiosk_without_the_option_has_no_keyboard(qtbot: QtBot) -> None:
    window = KioskWindow()
    qtbot.addWidget(window)
    assert window.keyboard is None and not window.findChildren(OnScreenKeyboard)
