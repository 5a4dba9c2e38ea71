"""The clerk's day: today's applications with their status, what needs attention and
what to do about it, and the actions of the counter. Renders rows; decides nothing."""

from __future__ import annotations

from uuid import UUID

import msgspec
from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kiosk.counter import TEXTS, ItemAction, action_for
from kiosk.status import Status
from kiosk.texts import RefusedError
from ui.counter.texts import text
from ui.screens.common import button, label, panel, scrolling_page
from ui.widgets.button_row import ButtonRow


class TodayRow(msgspec.Struct, frozen=True):
    submission_id: UUID
    time: str  # local HH:MM
    procedure: str
    channel: str  # kiosk | counter
    status: Status
    protocol_number: str | None
    source: str = "device"  # "office": another device's, from the platform's copy
    details: str = ""  # shown when such a row is opened (selected)


class AttentionItem(msgspec.Struct, frozen=True):
    submission_id: UUID
    procedure: str
    time: str
    fields: tuple[str, ...]


COLUMNS = ("col_time", "col_procedure", "col_channel", "col_status", "col_protocol")


class TodayScreen(QWidget):
    new_requested = Signal()
    continue_requested = Signal(object)  # UUID of a draft
    reprint_requested = Signal(object)  # UUID of a submitted application
    correct_requested = Signal(object)  # UUID of a refused application
    code_requested = Signal()
    refresh_requested = Signal()
    dashboard_requested = Signal()

    def __init__(
        self,
        rows: list[TodayRow],
        attention: list[AttentionItem],
        locale: str,
        waiting: tuple[int, str | None] = (0, None),
        parent: QWidget | None = None,
        office: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.language = locale
        self.rows = rows
        layout = scrolling_page(self)  # large text: the page scrolls, nothing is cut
        # One row of four where it fits (a 1280×800 screen then shows the whole day
        # without scrolling); two by two in large text, where one row would be cut.
        self.new_button, self.code_button, self.refresh_button, self.dashboard_button = (
            self._action(key, signal, name)
            for key, signal, name in (
                ("new_application", self.new_requested, "primary"),
                ("parked_code", self.code_requested, ""),
                ("refresh", self.refresh_requested, ""),
                ("dashboard", self.dashboard_requested, ""),
            )
        )
        self.day_actions = ButtonRow(
            (self.new_button, self.code_button, self.refresh_button, self.dashboard_button)
        )
        layout.addWidget(self.day_actions)
        layout.addWidget(self._attention(attention, waiting))
        self.office_notes = [label(line, "secondary") for line in office or []]
        for note in self.office_notes:  # the platform's copy: as of when, and its news
            layout.addWidget(note)
        # The actions on a chosen row sit on the table's heading line, above the rows:
        # however long the day's list, they never fall below the fold.
        heading = QHBoxLayout()
        heading.addWidget(label(text("today", locale), "h2"), 1)
        self.continue_button = button(text("continue_draft", locale))
        self.continue_button.clicked.connect(lambda: self._act(ItemAction.CONTINUE))
        self.reprint_button = button(text("reprint", locale))
        self.reprint_button.clicked.connect(lambda: self._act(ItemAction.REPRINT))
        heading.addWidget(ButtonRow((self.continue_button, self.reprint_button), columns=1))
        layout.addLayout(heading)
        self.table = self._table(rows)
        layout.addWidget(self.table, 1)
        if not rows:
            layout.addWidget(label(text("nothing_today", locale), "secondary"))
        self.message = label("", "secondary")
        self.message.hide()
        layout.addWidget(self.message)

    def _action(self, key: str, signal: SignalInstance, name: str) -> QPushButton:
        action = button(text(key, self.language), name)
        action.clicked.connect(signal)
        return action

    def _attention(self, items: list[AttentionItem], waiting: tuple[int, str | None]) -> QWidget:
        frame, box = panel()
        count, oldest = waiting
        frame.setObjectName("attention" if items or count else "panel")
        heading = f"{text('attention', self.language)} ({len(items) + (1 if count else 0)})"
        box.addWidget(label(heading, "h2"))
        if not items and not count:
            box.addWidget(label(text("attention_none", self.language), "secondary"))
        self.waiting_note = label(
            text("attention_waiting", self.language, count=count, time=oldest) if count else ""
        )
        self.waiting_note.setVisible(bool(count))
        box.addWidget(self.waiting_note)
        self.correct_buttons: dict[UUID, QWidget] = {}
        for item in items:
            line = QHBoxLayout()
            fields = ", ".join(item.fields) or "—"
            words = text(
                "attention_item",
                self.language,
                procedure=item.procedure,
                time=item.time,
                fields=fields,
            )
            line.addWidget(label(f"{words} {text('attention_todo', self.language)}"), 1)
            correct = button(text("correct", self.language))
            correct.clicked.connect(
                lambda _=False, sid=item.submission_id: self.correct_requested.emit(sid)
            )
            self.correct_buttons[item.submission_id] = correct
            line.addWidget(correct)
            box.addLayout(line)
        return frame

    def _table(self, rows: list[TodayRow]) -> QTableWidget:
        table = QTableWidget(len(rows), len(COLUMNS), self)
        table.setAccessibleName(text("today", self.language))
        table.setHorizontalHeaderLabels([text(key, self.language) for key in COLUMNS])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # arrows move between rows; Tab leaves the table
        table.verticalHeader().hide()
        # Three rows at least; the table takes whatever height the page has left and
        # scrolls itself past that, so that nothing of the day goes below the fold.
        rows_shown = 3
        table.setMinimumHeight(
            table.horizontalHeader().sizeHint().height()
            + table.verticalHeader().defaultSectionSize() * rows_shown
            + 2 * table.frameWidth()
        )
        # Large text: every column as wide as its words and rows as tall; a data table
        # wider than the page scrolls sideways rather than cut a status or number.
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for number, row in enumerate(rows):
            channel = text(f"channel_{row.channel}", self.language)
            if row.source == "office":
                channel = TEXTS["from_other_device"].message(self.language, channel=channel)
            cells = (
                row.time,
                row.procedure,
                channel,
                text(f"status_{row.status}", self.language),
                row.protocol_number or "—",
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.submission_id)
                table.setItem(number, column, item)
        table.doubleClicked.connect(lambda _index: self._act(None))  # the row's first action
        table.itemSelectionChanged.connect(self._opened)
        return table

    def _opened(self) -> None:
        row = self.selected()
        if row is not None and row.details:  # another device's: what the platform says
            self.show_message(row.details)

    def select(self, submission_id: UUID) -> None:
        for number, row in enumerate(self.rows):
            if row.submission_id == submission_id:
                self.table.selectRow(number)

    def selected(self) -> TodayRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen else None

    def _act(self, requested: ItemAction | None) -> None:
        """`requested`: the button pressed; None when the row itself is opened."""
        row = self.selected()
        if row is None:
            self.show_message(text("choose_row", self.language))
            return
        try:
            chosen = action_for(row.status, requested)
        except RefusedError as refused:
            self.show_message(refused.message(self.language))
            return
        signals = {
            ItemAction.CONTINUE: self.continue_requested,
            ItemAction.CORRECT: self.correct_requested,
            ItemAction.REPRINT: self.reprint_requested,
        }
        signals[chosen].emit(row.submission_id)

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
