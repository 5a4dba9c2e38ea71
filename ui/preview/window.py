"""The preview window: the kiosk's screens (ui.flow with a MemoryBackend, nothing is
stored) on the left; on the right `catalog check`'s problems, the steps to jump to, and
the documents checklist for the answers given so far. A QFileSystemWatcher reloads the
definition on every save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog.loader import CatalogLoad
from kiosk.engine.session import AnswerCallback
from ui.backend import MemoryBackend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.preview.source import load_source, watched_paths


class PreviewWindow(QWidget):
    reloaded = Signal()  # after each (re)load, good or bad

    def __init__(self, path: Path, region_code: str = "1", procedure_id: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.region_code = region_code
        self.procedure_id = procedure_id
        self.setWindowTitle(f"Προεπισκόπηση / Preview: {path.name}")
        self.kiosk: MainWindow | None = None
        self.flow: ProcedureFlow | None = None
        self.load = CatalogLoad()

        self.problems = QListWidget()
        self.steps = QListWidget()
        self.documents = QListWidget()
        self.steps.itemActivated.connect(self._jump)
        self.steps.itemClicked.connect(self._jump)
        side = QVBoxLayout()
        for title, widget in (
            ("Προβλήματα / Problems", self.problems),
            ("Βήματα / Steps", self.steps),
            ("Δικαιολογητικά / Documents", self.documents),
        ):
            side.addWidget(QLabel(title))
            side.addWidget(widget)
        self._screen = QVBoxLayout()
        layout = QHBoxLayout(self)
        layout.addLayout(self._screen, 3)
        layout.addLayout(side, 1)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        # An editor's save is several events (write, rename, chmod): reload once, after.
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.reload)
        self.reload()

    def _changed(self, _: str) -> None:
        self._debounce.start()

    def _watch(self) -> None:
        # Editors that save by writing a new file and renaming it over the old one
        # leave the watcher on a deleted inode: the path must be added again.
        current = set(self.watcher.files()) | set(self.watcher.directories())
        wanted = {str(p) for p in watched_paths(self.path)}
        stale = sorted(current - wanted)
        if stale:
            self.watcher.removePaths(stale)
        missing = sorted(wanted - set(self.watcher.files()) - set(self.watcher.directories()))
        if missing:
            self.watcher.addPaths(missing)

    def reload(self) -> None:
        self._watch()
        load, problems = load_source(self.path)
        self.problems.clear()
        for problem in problems or ["0 problems / 0 προβλήματα"]:
            self.problems.addItem(problem)
        chosen = self._chosen(load)
        if chosen is None:  # keep showing the last good definition beside its problems
            self.reloaded.emit()
            return
        self.load = load
        step_index = self.flow.session.progress[0] - 1 if self.flow and self.flow.session else 0
        if self.kiosk is not None:
            self._screen.removeWidget(self.kiosk)
            self.kiosk.deleteLater()
        self.kiosk = MainWindow()
        self.kiosk.setWindowFlags(Qt.WindowType.Widget)
        self._screen.addWidget(self.kiosk)
        self.flow = ProcedureFlow(
            self.kiosk, load, region_code=self.region_code, backend=MemoryBackend()
        )
        self.flow.start(chosen)
        assert self.flow.session is not None
        self.flow.session.on_answer = self._answered(self.flow.session.on_answer)
        steps = self.flow.session.procedure.steps
        if 0 < step_index < len(steps):
            self._go(steps[step_index].id)
        self.steps.clear()
        for step in steps:
            item = QListWidgetItem(step.title.get(self.flow.locale))
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            self.steps.addItem(item)
        self._refresh_documents()
        self.reloaded.emit()

    def _chosen(self, load: CatalogLoad) -> str | None:
        if self.procedure_id is not None:
            return self.procedure_id if self.procedure_id in load.procedures else None
        return next(iter(sorted(load.procedures)), None)

    def _answered(self, save: AnswerCallback | None) -> AnswerCallback:
        def answered(field_id: str, value: Any) -> None:
            if save is not None:
                save(field_id, value)
            QTimer.singleShot(0, self._refresh_documents)

        return answered

    def _jump(self, item: QListWidgetItem) -> None:
        if self.flow is None or self.flow.session is None:
            return
        self._go(str(item.data(Qt.ItemDataRole.UserRole)))

    def _go(self, step_id: str) -> None:
        """An author may open any step, visited or not (a citizen only goes back)."""
        assert self.flow is not None and self.flow.session is not None
        session = self.flow.session
        if step_id not in {step.id for step in session.steps}:
            self.kiosk_note(
                f"«{step_id}»: κρυφό βήμα με τις τρέχουσες απαντήσεις / "
                "hidden by its condition for the answers given"
            )
            return
        if step_id not in session.visited:
            session.visited.append(step_id)
        session.jump(step_id)
        self.flow.show_step()

    def kiosk_note(self, text: str) -> None:
        self.problems.addItem(text)

    def _refresh_documents(self) -> None:
        self.documents.clear()
        if self.flow is None or self.flow.session is None or self.kiosk is None:
            return
        locale = self.flow.locale
        for entry in self.flow.session.checklist():
            mark = "☑" if entry.required else "☐"
            self.documents.addItem(f"{mark} {entry.document.title.get(locale)}")
