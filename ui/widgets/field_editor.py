"""One editor widget per field type of the definition format.

An editor shows a value and emits `value_changed` with the JSON value the engine
expects (see kiosk.engine.validation); it holds no rules of its own."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk import regions
from kiosk.catalog.model import FormField
from ui.screens.common import announce
from ui.texts import text

_LINE_TYPES = {
    "text",
    "afm",
    "amka",
    "iban",
    "phone",
    "email",
    "postcode",
    "address",
    "number",
    "money",
    "date",
}


def _parse_line(kind: str, text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if kind == "date":
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
        return text  # left as typed: validation says how to write it
    if kind == "number":
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            return text
        return int(value) if value.is_integer() else value
    if kind == "money":
        try:
            return str(Decimal(text.replace(",", ".")))
        except InvalidOperation:
            return text
    return text


def _format_line(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    return str(value)


class _TickBoxWords(QLabel):
    """The words of a tick box: touching them ticks it, as a checkbox's own text would."""

    def __init__(self, words: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(words, parent)
        self.setWordWrap(True)
        self.setBuddy(box)
        self._box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.pos()):
            self._box.toggle()


_ARROWS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


class _ArrowsSelect(QObject):
    """Arrow keys in a group of options select the next one, as on every desktop (Qt
    only moves the focus while nothing is chosen yet); Tab reaches the group once."""

    def __init__(self, group: QButtonGroup) -> None:
        super().__init__(group)
        self._group = group

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        step = _ARROWS.get(Qt.Key(event.key()))
        buttons = self._group.buttons()
        if step is None or watched not in buttons:
            return False
        target = buttons[(buttons.index(watched) + step) % len(buttons)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        target.click()
        return True


class FieldEditor(QWidget):
    value_changed = Signal(object)

    def __init__(self, field: FormField, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._locale = locale
        self._line: QLineEdit | None = None
        self._text: QPlainTextEdit | None = None
        self._combo: QComboBox | None = None
        self._buttons: QButtonGroup | None = None
        self._checks: list[QCheckBox] = []
        self._values: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        name = field.label.get(locale)
        kind = field.type
        if kind in _LINE_TYPES:
            self._line = QLineEdit(self)
            self._line.setAccessibleName(name)
            if kind == "date":
                self._line.setPlaceholderText(text("date_hint", locale))
            self._line.editingFinished.connect(self._emit)
            layout.addWidget(self._line)
        elif kind == "long_text":
            self._text = QPlainTextEdit(self)
            self._text.setAccessibleName(name)
            self._text.setTabChangesFocus(True)
            self._text.textChanged.connect(self._emit)
            layout.addWidget(self._text)
        elif kind in ("choice", "yes_no"):
            self._build_radios(layout, name)
        elif kind == "multi_choice":
            for choice in field.choices:
                self._add_tick_box(layout, choice.label.get(locale), f"{name}: ")
        elif kind == "declaration":
            statement = field.declaration_text.get(locale) if field.declaration_text else name
            self._add_tick_box(layout, statement)
        elif kind == "regional_unit":
            self._combo = QComboBox(self)
            self._combo.setAccessibleName(name)
            self._combo.addItem("—", None)
            for unit in sorted(regions.regional_units().values(), key=lambda u: u.name_el):
                self._combo.addItem(unit.name_el.title(), unit.code)
            self._combo.currentIndexChanged.connect(self._emit)
            layout.addWidget(self._combo)
        else:  # attachment: scanning is a counter task
            self._line = QLineEdit(self)
            self._line.setReadOnly(True)
            self._line.setAccessibleName(name)
            self._line.setPlaceholderText(text("no_scan", locale))
            layout.addWidget(self._line)

    def _add_tick_box(self, layout: QVBoxLayout, words: str, spoken_prefix: str = "") -> None:
        """A tick box with its words beside it, wrapped (a QCheckBox's own text stays on
        one line: a declaration in large text would run off the screen)."""
        box = QCheckBox(self)
        box.setAccessibleName(spoken_prefix + words)
        box.toggled.connect(self._emit)
        row = QHBoxLayout()
        row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(_TickBoxWords(words, box, self), 1)
        layout.addLayout(row)
        self._checks.append(box)

    def _build_radios(self, layout: QVBoxLayout, name: str) -> None:
        self._buttons = QButtonGroup(self)
        self._arrows = _ArrowsSelect(self._buttons)
        row = QHBoxLayout() if self.field.type == "yes_no" else QVBoxLayout()
        if self.field.type == "yes_no":
            yes, no = text("yes", self._locale), text("no", self._locale)
            options: list[tuple[str, Any]] = [(yes, True), (no, False)]
        else:
            options = [(c.label.get(self._locale), c.value) for c in self.field.choices]
        for index, (label, value) in enumerate(options):
            button = QRadioButton(label, self)
            # «Έχετε κινητικά προβλήματα; Ναι», not «…;: Ναι» (read out over AT-SPI).
            joined = " " if name.rstrip().endswith((";", "?", ":")) else ": "
            button.setAccessibleName(f"{name}{joined}{label}")
            self._buttons.addButton(button, index)
            button.installEventFilter(self._arrows)
            self._values.append(value)
            row.addWidget(button)
        if isinstance(row, QHBoxLayout):
            row.addStretch(1)
        layout.addLayout(row)
        self._buttons.idClicked.connect(self._emit)

    def value(self) -> Any:
        kind = self.field.type
        if self._line is not None:
            return None if kind == "attachment" else _parse_line(kind, self._line.text())
        if self._text is not None:
            return self._text.toPlainText() or None
        if self._combo is not None:
            return self._combo.currentData()
        if self._buttons is not None:
            checked = self._buttons.checkedId()
            return None if checked < 0 else self._values[checked]
        if kind == "declaration":
            return self._checks[0].isChecked()
        return [
            c.value
            for c, box in zip(self.field.choices, self._checks, strict=True)
            if box.isChecked()
        ]

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        try:
            if self._line is not None and self.field.type != "attachment":
                self._line.setText(_format_line(self.field.type, value))
            elif self._text is not None:
                self._text.setPlainText(str(value or ""))
            elif self._combo is not None:
                self._combo.setCurrentIndex(max(0, self._combo.findData(value)))
            elif self._buttons is not None:
                for index, option in enumerate(self._values):
                    button = self._buttons.button(index)
                    if button is not None and option == value and value is not None:
                        button.setChecked(True)
            elif self.field.type == "declaration":
                self._checks[0].setChecked(value is True)
            else:
                selected = set(value or [])
                for choice, box in zip(self.field.choices, self._checks, strict=True):
                    box.setChecked(choice.value in selected)
        finally:
            self.blockSignals(False)

    def focus_input(self) -> None:
        target = self._line or self._text or self._combo
        if target is not None:
            target.setFocus()
        elif self._buttons is not None and self._buttons.buttons():
            self._buttons.buttons()[0].setFocus()
        elif self._checks:
            self._checks[0].setFocus()

    def describe(self, message: str) -> None:
        """Put the validation message on the inputs themselves: a screen reader says a
        focused control's description after its name."""
        inputs: list[QWidget | None] = [self._line, self._text, self._combo, *self._checks]
        if self._buttons is not None:
            inputs += self._buttons.buttons()
        for widget in inputs:
            if widget is not None and widget.accessibleDescription() != message:
                widget.setAccessibleDescription(message)
                announce(widget, description_changed=True)

    def set_invalid(self, invalid: bool) -> None:
        for widget in (self._line, self._combo):
            if widget is not None:
                widget.setProperty("invalid", invalid)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _emit(self, *_: object) -> None:
        self.value_changed.emit(self.value())
