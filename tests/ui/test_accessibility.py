"""Every screen of the citizen's path, in every theme and both languages: each control has
a name a screen reader can say, Tab reaches every control in reading order and comes
back round, a refused step moves focus to the first field to fix and says what is wrong,
text keeps a 4.5:1 contrast as drawn, and nothing is cut off at 1280×800, even with
large text."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.walkthrough import (
    ANSWERS,
    WINDOW_SIZE,
    answer,
    citizen_screens,
    current_step,
    kiosk_window,
)
from ui.kiosk_mode import KioskWindow
from ui.main_window import LARGE_TEXT_SCALE
from ui.texts import text
from ui.theme import contrast_ratio
from ui.widgets.modal import behind_veil


@dataclass(frozen=True)
class Theme:
    name: str
    high_contrast: bool
    scale: float


THEMES = [
    Theme("normal", False, 1.0),
    Theme("high-contrast", True, 1.0),
    Theme("large-text", False, LARGE_TEXT_SCALE),
    Theme("large-text-200", True, 2.0),
]


def _apply(window: KioskWindow, theme: Theme) -> None:
    if theme.high_contrast:
        window.toggle_contrast()
    if theme.scale > 1.0:
        window.toggle_large_text()  # the header's button: LARGE_TEXT_SCALE
    if theme.scale != window.scale:  # the theme goes up to 200 %
        window.scale = theme.scale
        window._apply()


# --- what a person can reach --------------------------------------------------------
def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible()


def _focusable(window: QWidget) -> list[QWidget]:
    found = []
    for widget in window.findChildren(QWidget):
        if not (_shown(widget, window) and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue
        found.append(widget)
    return found


def _spoken_name(widget: QWidget) -> str:
    """What a screen reader says for the widget: Qt's accessible name (set, from the
    text, or from a buddy label)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip(" *") if interface else ""


def _spoken_description(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Description) if interface else ""


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _group_of(widget: QWidget) -> object:
    """Radio buttons of one exclusive group are one Tab stop (arrows move inside)."""
    if isinstance(widget, QRadioButton) and widget.group() is not None:
        return widget.group()
    if isinstance(widget, QRadioButton) and widget.autoExclusive():
        return widget.parentWidget()
    return widget


def _reads_before(a: QRect, b: QRect) -> bool:
    """Reading order: b below a, or on the same line and to its right."""
    same_line = a.top() < b.bottom() and b.top() < a.bottom()
    if same_line:
        return b.left() >= a.left()
    return b.top() >= a.top()


@dataclass(frozen=True)
class Place:
    """Where a control is read: its rectangle in the window, or, inside a scrolling
    area, the area's rectangle and its own in the area's content (which may be taller
    than the window)."""

    area: QAbstractScrollArea | None
    outer: QRect
    inner: QRect

    @classmethod
    def of(cls, widget: QWidget, window: QWidget) -> Place:
        area = _scroll_area_of(widget)
        if area is None or area.widget() is None:  # type: ignore[attr-defined]
            return cls(None, _rect(widget, window), _rect(widget, window))
        return cls(area, _rect(area, window), _rect(widget, area.widget()))  # type: ignore[attr-defined]

    def key(self) -> tuple[int, int, int, int]:
        return (self.outer.top(), self.outer.left(), self.inner.top(), self.inner.left())

    def reads_before(self, other: Place) -> bool:
        if self.area is not None and self.area is other.area:
            return _reads_before(self.inner, other.inner)
        return _reads_before(self.outer, other.outer)


def _tab_walk(qtbot: QtBot, window: QWidget, stops: list[QWidget]) -> list[QWidget]:
    """Press Tab (real key events) from the first stop until focus comes back to it."""
    stops[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(stops[0].hasFocus, timeout=1000)
    visited = [stops[0]]
    for _ in range(len(stops) * 2 + 4):
        current = QApplication.focusWidget()
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is visited[0] or focused is None:
            break
        visited.append(focused)
    return visited


# --- checks -------------------------------------------------------------------------
def names_problems(window: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r} at {_rect(w, window).topLeft().toTuple()} "
        "has no accessible name"
        for w in _focusable(window)
        if not _spoken_name(w)
    ]


def tab_problems(qtbot: QtBot, window: QWidget) -> list[str]:
    focusable = _focusable(window)
    places = {id(w): Place.of(w, window) for w in focusable}  # before anything scrolls
    ordered = sorted(focusable, key=lambda w: places[id(w)].key())
    visited = _tab_walk(qtbot, window, ordered)
    problems = []
    seen_groups = [_group_of(w) for w in visited]
    if len(set(map(id, visited))) != len(visited):
        problems.append("Tab visits a control twice before coming back: a trap")
    for widget in focusable:
        if _group_of(widget) not in seen_groups:
            problems.append(f"Tab never reaches {_describe(widget)}")
    for before, after in itertools.pairwise(visited):
        known = id(before) in places and id(after) in places
        if known and not places[id(before)].reads_before(places[id(after)]):
            problems.append(f"Tab goes from {_describe(before)} back up to {_describe(after)}")
    return problems


def _describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} «{_spoken_name(widget)}»"


def _text_widgets(window: QWidget) -> Iterator[QWidget]:
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        if (isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull()) or (
            isinstance(widget, QAbstractButton) and widget.text()
        ):
            yield widget


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def clipping_problems(window: QWidget) -> list[str]:
    problems = []
    if window.size().toTuple() != WINDOW_SIZE:
        problems.append(f"the screen needs {window.size().toTuple()}, more than {WINDOW_SIZE}")
    bounds = window.rect()
    for widget in _text_widgets(window):
        name = f"{type(widget).__name__} «{widget.text()[:40]}»"
        rect = _rect(widget, window)
        if widget.hasHeightForWidth():  # words wrap: the height must follow
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                problems.append(f"{name} needs {needed}px of height, has {widget.height()}")
        else:
            hint = widget.sizeHint()
            if hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1:
                problems.append(f"{name} needs {hint.toTuple()}, has {widget.size().toTuple()}")
        area = _scroll_area_of(widget)
        if area is not None:
            viewport = _rect(area.viewport(), window)
            if rect.left() < viewport.left() or rect.right() > viewport.right():
                problems.append(f"{name} runs past the sides of its scrolling area")
        elif not bounds.contains(rect):
            problems.append(f"{name} at {rect.getRect()} is outside the window")
    return problems


def _pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    raw = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombuffer(
        "RGB", (image.width(), image.height()), raw, "raw", "RGB", image.bytesPerLine(), 1
    )


def contrast_problems(window: QWidget) -> list[str]:
    """Contrast as drawn: the commonest colour of each text widget is its background; the
    colour that differs from it most is the text (glyph stems at these sizes reach it)."""
    shot = window.grab()
    ratio_x = shot.width() / window.width()
    picture = _pil(shot.toImage())
    problems = []
    hints = [  # a placeholder is text too (the date format); inside the border and padding
        (w, _rect(w, window).adjusted(12, 12, -12, -12))
        for w in window.findChildren(QLineEdit)
        if _shown(w, window) and not w.text() and w.placeholderText()
    ]
    for widget, rect in [(w, _rect(w, window)) for w in _text_widgets(window)] + hints:
        if behind_veil(widget):
            continue  # dimmed under a panel (the countdown): not for reading
        area = _scroll_area_of(widget)
        sight = _rect(area.viewport(), window) if area is not None else window.rect()
        if not sight.contains(rect):
            continue  # (partly) scrolled out of sight: checked on a screen where it shows
        box = tuple(
            round(v * ratio_x) for v in (rect.left(), rect.top(), rect.right(), rect.bottom())
        )
        colours = picture.crop(box).getcolors(maxcolors=1 << 20) or []
        background = max(colours)[1]
        hexes = ["#{:02x}{:02x}{:02x}".format(*c) for _, c in colours]
        back = "#{:02x}{:02x}{:02x}".format(*background)
        best = max(contrast_ratio(c, back) for c in hexes)
        if best < 4.5:
            shown = widget.text() or widget.placeholderText()  # type: ignore[attr-defined]
            problems.append(f"{type(widget).__name__} «{shown[:40]}»: {best:.2f}:1")
    return problems


def error_problems(window: KioskWindow) -> list[str]:
    """After a refused «Continue»: focus on the first field to fix, which says what is wrong."""
    screen = current_step(window)
    invalid = [fid for fid, row in screen.rows.items() if row.error.isVisible()]
    if not invalid:
        return ["a refused step shows no field to fix"]
    row = screen.rows[invalid[0]]
    focused = QApplication.focusWidget()
    problems = []
    if focused is None or not row.editor.isAncestorOf(focused):
        problems.append(f"focus is on {focused and _describe(focused)}, not on «{invalid[0]}»")
    elif row.error.text() not in _spoken_description(focused):
        problems.append(
            f"the focused field does not say its error: {_spoken_description(focused)!r}"
        )
    if not screen.summary_error.isVisible():
        problems.append("no summary of what to fix")
    return problems


@pytest.mark.parametrize("locale", ["el", "en"])
@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
def test_every_screen_is_named_reachable_readable_and_unclipped(
    qtbot: QtBot, theme: Theme, locale: str
) -> None:
    window, flow = kiosk_window(qtbot, locale)
    _apply(window, theme)
    problems: list[str] = []
    for state in citizen_screens(qtbot, window, flow):
        found = names_problems(window) + clipping_problems(window) + contrast_problems(window)
        if state.endswith("-refused"):
            found += error_problems(window)
        if state == "still-there":
            if not window.overlay.continue_button.hasFocus():
                found.append("the countdown's button does not take the focus")
        else:
            found += tab_problems(qtbot, window)
        problems += [f"{state}: {p}" for p in found]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["el", "en"])
def test_a_repeat_group_keeps_names_and_reading_order_as_items_come_and_go(
    qtbot: QtBot, locale: str
) -> None:
    window, flow = kiosk_window(qtbot, locale)
    flow.start("animal-transporter-licence-type2")
    session = flow.session
    assert session is not None
    for key, value in {
        "applicant_type": "individual",
        "afm": "090000045",
        "surname": "Papadopoulou",
        "first_name": "Maria",
        "phone": "6912345678",
        "address": "Odos 1",
        "postcode": "41221",
        "first_issue": True,
    }.items():
        session.set_answer(key, value)
    while session.current_step.id != "vehicles_step":
        assert session.next().moved
    flow.show_step()
    group = current_step(window).groups["vehicles"]
    for _ in range(3):
        group.add_button.click()
    remove = [
        b for b in group.findChildren(QAbstractButton) if b.text() == text("remove_item", locale)
    ]
    assert len(remove) == 3
    remove[-1].click()  # the third goes; the first two are drawn again
    qtbot.wait(1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    problems = names_problems(window) + tab_problems(qtbot, window) + clipping_problems(window)
    assert not problems, "\n".join(problems)


def test_a_keyboard_user_who_moves_on_lands_on_the_next_steps_first_field(
    qtbot: QtBot,
) -> None:
    window, flow = kiosk_window(qtbot, "el")
    flow.start("taxi-driver-licence")
    first = current_step(window)
    for field_id, value in ANSWERS["applicant"]:
        answer(first, field_id, value)
    first.next_button.setFocus()
    QTest.keyClick(first.next_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: current_step(window).step.id == "contact", timeout=2000)
    phone = current_step(window).rows["phone"].editor
    qtbot.waitUntil(lambda: phone.isAncestorOf(QApplication.focusWidget()), timeout=2000)
