"""One step of a procedure, generated from its definition.

Rows for every field are built once; the controller shows and hides them as the
engine's visibility changes, and writes validation messages under them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalog.model import FormField, RepeatGroup, Step
from kiosk.engine.validation import Issue
from ui.screens.common import announce, button, label, page_layout, scrolling
from ui.texts import text
from ui.widgets.field_editor import FieldEditor


class FieldRow(QWidget):
    def __init__(self, field: FormField, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        required = " *" if field.required else ""
        self.title = label(field.label.get(locale) + required, "", self)
        self.title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.title)
        if field.help:
            layout.addWidget(label(field.help.get(locale), "hint", self))
        self.error = label("", "error", self)
        self.error.hide()
        layout.addWidget(self.error)
        self.editor = FieldEditor(field, locale, self)
        self.title.setBuddy(self.editor)
        layout.addWidget(self.editor)

    def show_issue(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.set_invalid(bool(message))
        self.editor.describe(message or "")


class GroupEditor(QFrame):
    """A repeat group (several vehicles, several plots): a list of item forms."""

    items_changed = Signal(list)

    def __init__(self, group: RepeatGroup, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self._locale = locale
        self._items: list[dict[str, FieldEditor]] = []
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(label(group.label.get(locale), "h2"))
        if group.help:
            self._layout.addWidget(label(group.help.get(locale), "hint"))
        self.error = label("", "error")
        self.error.hide()
        self._layout.addWidget(self.error)
        self._rows = QVBoxLayout()
        self._layout.addLayout(self._rows)
        self.add_button = button(text("add_item", locale, item=group.item_label.get(locale)))
        self.add_button.clicked.connect(lambda: self._add_item({}, emit=True))
        self._layout.addWidget(self.add_button)

    def set_items(self, items: list[dict[str, Any]]) -> None:
        while self._items:
            self._remove(0, emit=False)
        for item in items:
            self._add_item(item, emit=False)

    def values(self) -> list[dict[str, Any]]:
        return [{key: editor.value() for key, editor in item.items()} for item in self._items]

    def show_issues(self, issues: list[Issue]) -> None:
        messages = [
            f"{i.path.replace(self.group.id, self.group.item_label.get(self._locale))}: "
            f"{i.message.get(self._locale)}"
            for i in issues
        ]
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))

    def _add_item(self, values: dict[str, Any], emit: bool) -> None:
        if len(self._items) >= self.group.max_items:
            return
        box = QFrame(self)
        box.setObjectName("panel")
        row = QVBoxLayout(box)
        number = len(self._items) + 1
        row.addWidget(label(f"{self.group.item_label.get(self._locale)} {number}", "h2"))
        editors: dict[str, FieldEditor] = {}
        for field in self.group.fields:
            field_row = FieldRow(field, self._locale, box)
            field_row.editor.set_value(values.get(field.id))
            field_row.editor.value_changed.connect(
                lambda _v: self.items_changed.emit(self.values())
            )
            editors[field.id] = field_row.editor
            row.addWidget(field_row)
        remove = button(text("remove_item", self._locale))
        index = len(self._items)
        remove.clicked.connect(lambda _=False, i=index: self._remove(i, emit=True))
        actions = QHBoxLayout()
        actions.addWidget(remove)
        actions.addStretch(1)
        row.addLayout(actions)
        self._rows.addWidget(box)
        self._tab_before_add(box)
        self._items.append(editors)
        if emit:
            self.items_changed.emit(self.values())

    def _tab_before_add(self, box: QWidget) -> None:
        """A new item's controls come last in the window's Tab chain; put them where they
        are drawn, just before «Add»."""

        def tab_stop(widget: QWidget) -> bool:
            return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)

        controls = [w for w in box.findChildren(QWidget) if tab_stop(w)]
        # Qt moves a container's whole chain along with it: anchor on a single control.
        previous = self.add_button.previousInFocusChain()
        while previous is not None and not tab_stop(previous) and previous is not self.window():
            previous = previous.previousInFocusChain()
        if previous is None:  # a chain is a ring: only a widget torn down has no neighbour
            return
        for widget in [*controls, self.add_button]:
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def _remove(self, index: int, emit: bool) -> None:
        values = self.values()
        del values[index]
        self._items.clear()
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next event loop turn
                widget.deleteLater()
        for value in values:
            self._add_item(value, emit=False)
        if emit:
            self.items_changed.emit(self.values())


class StepScreen(QWidget):
    answer_given = Signal(str, object)
    next_requested = Signal()
    back_requested = Signal()
    park_requested = Signal()

    def __init__(self, step: Step, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self._locale = locale
        outer = page_layout(self)
        self.progress = label("", "progress")
        outer.addWidget(self.progress)
        outer.addWidget(label(step.title.get(locale), "h1"))
        if step.help:
            outer.addWidget(label(step.help.get(locale), "hint"))
        self.summary_error = label(text("fix_errors", locale), "error")
        # Its line is kept while it is hidden: appearing, it must not push the form
        # down under the finger that was about to tap the next control.
        kept = self.summary_error.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.summary_error.setSizePolicy(kept)
        self.summary_error.hide()
        outer.addWidget(self.summary_error)
        content = QWidget()
        fields_layout = self._fields_layout = QVBoxLayout(content)
        self.rows: dict[str, FieldRow] = {}
        self.groups: dict[str, GroupEditor] = {}
        for field in step.fields:
            row = FieldRow(field, locale, content)
            row.editor.value_changed.connect(
                lambda value, fid=field.id: self.answer_given.emit(fid, value)
            )
            self.rows[field.id] = row
            fields_layout.addWidget(row)
        for group in step.groups:
            editor = GroupEditor(group, locale, content)
            editor.items_changed.connect(
                lambda items, gid=group.id: self.answer_given.emit(gid, items)
            )
            self.groups[group.id] = editor
            fields_layout.addWidget(editor)
        fields_layout.addStretch(1)
        outer.addWidget(scrolling(content), 1)
        actions = QHBoxLayout()
        back = button(text("back", locale))
        back.clicked.connect(self.back_requested)
        self.next_button = button(text("next", locale), "primary")
        self.next_button.clicked.connect(self.next_requested)
        self.park_button = button(text("park", locale), "link")
        self.park_button.clicked.connect(self.park_requested)
        actions.addWidget(back)
        actions.addWidget(self.park_button)
        actions.addStretch(1)
        actions.addWidget(self.next_button)
        outer.addLayout(actions)

    def add_panel(self, panel: QWidget) -> None:
        """A panel above the fields (Once Only: what registries could provide)."""
        self._fields_layout.insertWidget(0, panel)

    def load(self, answers: dict[str, Any]) -> None:
        for field_id, row in self.rows.items():
            row.editor.set_value(answers.get(field_id))
        for group_id, editor in self.groups.items():
            editor.set_items(list(answers.get(group_id) or []))

    def set_progress(self, position: int, total: int) -> None:
        self.progress.setText(text("step_of", self._locale, n=position, total=total))

    def set_visible_fields(self, visible: set[str]) -> None:
        for field_id, row in self.rows.items():
            row.setVisible(field_id in visible)
        for group_id, editor in self.groups.items():
            editor.setVisible(group_id in visible)

    def set_value(self, field_id: str, value: Any) -> None:
        if field_id in self.rows:
            self.rows[field_id].editor.set_value(value)

    def show_issues(self, issues: list[Issue], focus_first: bool = False) -> None:
        by_field = {i.path: i.message.get(self._locale) for i in issues if "[" not in i.path}
        for field_id, row in self.rows.items():
            row.show_issue(by_field.get(field_id))
        for group_id, editor in self.groups.items():
            editor.show_issues([i for i in issues if i.path.split("[")[0] == group_id])
        self.summary_error.setVisible(bool(issues) and focus_first)
        if focus_first and issues:
            # A screen reader says the summary now, then the first field to fix (in the
            # order the fields are shown) with its error, which is where focus goes.
            announce(self.summary_error)
            first = next((fid for fid in self.rows if fid in by_field), None)
            if first is not None:
                self.rows[first].editor.focus_input()

    def issue_text(self, field_id: str) -> str:
        row = self.rows.get(field_id)
        return row.error.text() if row is not None else ""
