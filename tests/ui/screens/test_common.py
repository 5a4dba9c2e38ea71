"""A scroll area of the screens: its own viewport behaves as the one Qt would make, and
a finger drags the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QScroller, QWidget
from pytestqt.qtbot import QtBot

from ui.screens.common import scrolling


def test_a_scroll_area_s_viewport_is_the_one_qt_would_make_and_a_finger_drags_it(
    qtbot: QtBot,
) -> None:
    content = QWidget()
    area = scrolling(content)
    qtbot.addWidget(area)
    made_by_qt = QScrollArea()
    qtbot.addWidget(made_by_qt)
    ours, theirs = area.viewport(), made_by_qt.viewport()
    assert ours.objectName() == theirs.objectName() == "qt_scrollarea_viewport"
    assert ours.backgroundRole() == theirs.backgroundRole()
    assert ours.autoFillBackground() and theirs.autoFillBackground()
    assert ours.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    assert ours.focusProxy() is area
    assert content.parentWidget() is ours  # the content survived the viewport's change
    assert QScroller.hasScroller(ours)


def test_the_content_scrolls_inside_its_viewport(qtbot: QtBot) -> None:
    content = QLabel("\n".join(f"Γραμμή {n}" for n in range(200)))
    area = scrolling(content)
    qtbot.addWidget(area)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert content.y() < 0
