"""The dashboard's tables: procedures, steps left, fields with errors, documents to bring.

Read-only QTableWidgets; numbers are right-aligned and sort as numbers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
)

from kiosk.analytics.dashboard import DashboardData, SubjectRow
from ui.dashboard.format import minutes, percent, rule
from ui.dashboard.texts import text

Cell = str | int


class WholeTable(QTableWidget):
    """A table that shows every row, as tall as its header and rows (and sideways scroll
    bar) are in the current font, which large text changes after it is built."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.updateGeometry()  # narrower: the sideways scroll bar may come or go


def _table(name: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> QTableWidget:
    table = WholeTable(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem()
            if isinstance(value, int):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setText(value)
                item.setToolTip(value)  # the whole text when the column is narrow
                if c > 0 and (value[:1].isdigit() or value == "—"):  # 66 %, 6:15
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
            table.setItem(r, c, item)
    # Every column as wide as its words: in large text a data table scrolls sideways
    # rather than cut a name (the page scrolls down, the table never does).
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return table


def procedures_table(data: DashboardData, locale: str) -> QTableWidget:
    rows = [
        (
            data.labels.procedure(p.procedure_id, locale),
            p.started,
            p.submitted,
            percent(p.completion_rate, locale),
            minutes(p.median_seconds),
        )
        for p in data.procedures
    ]
    headers = [text(k, locale) for k in
               ("col_procedure", "col_started", "col_submitted", "col_completion", "col_median")]  # fmt: skip
    return _table("procedures", headers, rows)


def _subject(data: DashboardData, row: SubjectRow, kind: str, locale: str) -> tuple[str, str]:
    """(the step, field or document; its procedure)."""
    return (
        data.labels.subject(row.procedure_id, kind, row.subject_id, locale),
        data.labels.procedure(row.procedure_id, locale),
    )


def _subject_table(
    name: str, data: DashboardData, rows: Sequence[SubjectRow], kind: str,
    keys: Sequence[str], locale: str,
) -> QTableWidget:  # fmt: skip
    """Subject, procedure, count, base, share (and the rule, for fields)."""
    cells = [
        (
            *_subject(data, r, kind, locale),
            r.count,
            r.base,
            percent(r.rate, locale),
            *((rule(r.detail, locale),) if r.detail else ()),
        )
        for r in rows
    ]
    return _table(name, [text(k, locale) for k in keys], cells)


def abandon_table(data: DashboardData, locale: str) -> QTableWidget:
    keys = ("col_step", "col_procedure", "col_left", "col_reached", "col_share")
    return _subject_table("abandon", data, data.abandon_steps, "step", keys, locale)


def errors_table(data: DashboardData, locale: str) -> QTableWidget:
    keys = ("col_field", "col_procedure", "col_errors", "col_reached", "col_share", "col_rule")
    return _subject_table("errors", data, data.error_fields, "field", keys, locale)


def documents_table(data: DashboardData, locale: str) -> QTableWidget:
    keys = ("col_document", "col_procedure", "col_bring", "col_submitted", "col_of_submitted")
    return _subject_table("documents", data, data.documents_to_bring, "document", keys, locale)


def cell_texts(table: QTableWidget) -> list[list[str]]:
    """What a table shows, row by row (for tests)."""
    rows = []
    for r in range(table.rowCount()):
        items = [table.item(r, c) for c in range(table.columnCount())]
        rows.append([item.text() if item is not None else "" for item in items])
    return rows
