"""What a person sees on a real screen, measured on the real window: nothing runs past
the screen's edges, no word is cut in its widget (the font's own metrics against the
room the style leaves for text), and the control with the focus can be seen.

These measure the window as the X server placed it (global coordinates against the
QScreen), which the offscreen checks of tests/ui/test_accessibility.py cannot: there
the window is whatever size a test gives it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.widgets.wrapping_button import WrappingButton

SLACK = 1  # a pixel of rounding between layout and font metrics


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _describe(widget: QWidget) -> str:
    words = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    name = words or widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} «{name[:40]}»"


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The scrolling area whose moving content holds `widget` (not its scroll bars)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.isWindow()


def outside_problems(window: QWidget) -> list[str]:
    """The window within the screen; every widget within the screen, or within its
    scrolling area's sides (an area scrolls up and down, never sideways)."""
    screen = window.screen().geometry()
    problems = []
    frame = window.frameGeometry()
    if not screen.contains(frame):
        problems.append(f"the window {frame.getRect()} runs past the screen {screen.getRect()}")
    offenders: set[int] = set()
    for widget in window.findChildren(QWidget):
        if not _shown(widget):
            continue
        rect = global_rect(widget)
        area = _scroll_area_of(widget)
        if area is not None:
            sides = global_rect(area.viewport())
            past = rect.left() < sides.left() - SLACK or rect.right() > sides.right() + SLACK
            where = "the sides of its scrolling area"
        else:
            past = not screen.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect)
            where = "the screen"
        if past:
            offenders.add(id(widget))
            parent = widget.parentWidget()
            if parent is None or id(parent) not in offenders:  # the outermost one only
                problems.append(f"{_describe(widget)} at {rect.getRect()} runs past {where}")
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{_describe(widget)} scrolls sideways")
    return problems


def _plain(words: str) -> str:
    """A button's text as drawn: «&&» is one ampersand, a single one marks a shortcut."""
    return words.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button_room(button: QAbstractButton) -> QRect:
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    element = QStyle.SubElement.SE_PushButtonContents
    if isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    elif isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    return button.style().subElementRect(element, option, button)


def _text_needs(metrics: QFontMetrics, room: QRect, words: str, wrap: bool) -> QRect:
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if wrap:
        flags |= int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRect(0, 0, max(1, room.width()), 1 << 20), flags, words)


def cut_problems(window: QWidget) -> list[str]:
    """Every label's and button's words against the room its widget gives them."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget):
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if (
                GuiQt.mightBeRichText(widget.text())
                or widget.textFormat() == Qt.TextFormat.RichText
            ):
                needed = widget.heightForWidth(widget.width()) if widget.wordWrap() else 0
                if needed > widget.height() + SLACK:
                    problems.append(f"{_describe(widget)} needs {needed}px, has {widget.height()}")
                continue
            room = widget.contentsRect().adjusted(widget.margin(), widget.margin(), 0, 0)
            room.setWidth(room.width() - 2 * widget.margin())
            room.setHeight(room.height() - 2 * widget.margin())
            words = widget.text()
            wrap = widget.wordWrap()
        elif isinstance(widget, QAbstractButton) and widget.text():
            room = _button_room(widget)
            words = _plain(widget.text())
            wrap = False
            if isinstance(widget, WrappingButton):
                words = widget._lines(room.width())
            elif isinstance(widget, QPushButton) and not widget.icon().isNull():
                room.setWidth(room.width() - widget.iconSize().width() - 4)
        else:
            continue
        needs = _text_needs(widget.fontMetrics(), room, words, wrap)
        if needs.width() > room.width() + SLACK or needs.height() > room.height() + SLACK:
            problems.append(
                f"{_describe(widget)} is cut: needs {needs.width()}×{needs.height()}, "
                f"has {room.width()}×{room.height()}"
            )
    return problems


def focus_problems(window: QWidget) -> list[str]:
    """The control with the focus shows, on the screen and inside its scrolling area."""
    focused = QApplication.focusWidget()
    if focused is None or focused.window() is not window or not focused.isVisible():
        return []
    seen = focused.visibleRegion().boundingRect()
    wanted = min(focused.height(), 40)
    if seen.height() < wanted or seen.width() < min(focused.width(), 40):
        return [f"the focused {_describe(focused)} is out of sight ({seen.getRect()})"]
    shown = QRect(focused.mapToGlobal(seen.topLeft()), seen.size())
    if not window.screen().geometry().contains(shown):
        return [f"the focused {_describe(focused)} at {shown.getRect()} is off the screen"]
    return []


TOUCH_PX = 44  # WCAG 2.5.5's target size, gov.gr's minimum


def target_problems(window: QWidget) -> list[str]:
    """Every button and field is at least 44×44 px: a finger can hit it."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not (_shown(widget) and widget.isEnabled()):
            continue
        small = widget.width() < TOUCH_PX or widget.height() < TOUCH_PX
        if small and isinstance(widget, (QAbstractButton, QLineEdit, QComboBox)):
            size = f"{widget.width()}×{widget.height()}"
            problems.append(f"{_describe(widget)} is a {size} px target, under 44")
    return problems


def screen_problems(window: QWidget) -> list[str]:
    return (
        outside_problems(window)
        + cut_problems(window)
        + focus_problems(window)
        + target_problems(window)
    )


def in_sight(widget: QWidget) -> bool:
    """The whole widget shows without scrolling: inside its scrolling area's visible
    part (if it is in one) and on the screen."""
    rect = global_rect(widget)
    area = _scroll_area_of(widget)
    seen = global_rect(area.viewport()) if area is not None else widget.screen().geometry()
    grown = seen.adjusted(-SLACK, -SLACK, SLACK, SLACK)
    return grown.contains(rect) and widget.screen().geometry().contains(rect)


def fold_problems(widgets: list[QWidget]) -> list[str]:
    """Controls that must be seen without scrolling (a clerk's actions for the day)."""
    return [
        f"{_describe(widget)} at {global_rect(widget).getRect()} is below the fold"
        for widget in widgets
        if _shown(widget) and not in_sight(widget)
    ]


def empty_share(screen: QWidget) -> float:
    """How much of the screen's height lies below the last thing on it: the white a
    portrait kiosk shows under a welcome made for a landscape one."""
    bottom = max(
        (
            global_rect(widget).bottom()
            for widget in screen.findChildren(QWidget)
            if _shown(widget) and isinstance(widget, (QLabel, QAbstractButton))
        ),
        default=global_rect(screen).top(),
    )
    page = global_rect(screen)
    return max(0, page.bottom() - bottom) / max(1, page.height())
