"""The preview shows the kiosk's screens on a workbook and follows every save of it."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.sheets.grid import write_workbook
from kiosk.catalog.sheets.write import procedure_to_book
from ui.preview.window import PreviewWindow
from ui.screens.step_form import StepScreen

TAXI = load_catalog(sample_catalog_dir()).procedures["taxi-driver-licence"]


def _save_by_rename(book: dict[str, list[list[object]]], path: Path) -> None:
    """As LibreOffice and most editors do: write a new file, rename it over the old."""
    fresh = path.with_name(f".~{path.name}")
    write_workbook(book, fresh)
    os.replace(fresh, path)


def _titles(preview: PreviewWindow) -> list[str]:
    return [preview.steps.item(i).text() for i in range(preview.steps.count())]


def test_the_preview_shows_the_first_step_the_steps_and_no_problems(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "taxi.xlsx"
    write_workbook(procedure_to_book(TAXI), path)

    preview = PreviewWindow(path)
    qtbot.addWidget(preview)

    assert preview.kiosk is not None
    assert isinstance(preview.kiosk.current_screen(), StepScreen)
    assert _titles(preview) == [step.title.el for step in TAXI.steps]
    assert preview.problems.item(0).text().startswith("0 problems")
    assert preview.documents.count() == len(TAXI.documents)


def test_saving_the_workbook_reloads_the_preview_even_when_saved_by_rename(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "taxi.xlsx"
    book = procedure_to_book(TAXI)
    write_workbook(book, path)
    preview = PreviewWindow(path)
    qtbot.addWidget(preview)

    first_step = next(row for row in book["survey"] if row[0] == "begin group")
    first_step[2] = "Στοιχεία αιτούντος (νέος τίτλος)"
    with qtbot.waitSignal(preview.reloaded, timeout=5000):
        _save_by_rename(book, path)
    assert _titles(preview)[0] == "Στοιχεία αιτούντος (νέος τίτλος)"

    first_step[2] = "Δεύτερη αποθήκευση"
    with qtbot.waitSignal(preview.reloaded, timeout=5000):
        _save_by_rename(book, path)  # the watcher followed the rename: it sees this one too
    assert _titles(preview)[0] == "Δεύτερη αποθήκευση"


def test_a_broken_save_lists_its_problem_and_keeps_the_last_good_screens(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "taxi.xlsx"
    book = procedure_to_book(TAXI)
    write_workbook(book, path)
    preview = PreviewWindow(path)
    qtbot.addWidget(preview)
    shown = preview.kiosk

    row = next(r for r in book["survey"] if r[1] == "surname")
    row[0] = "txt"
    with qtbot.waitSignal(preview.reloaded, timeout=5000):
        _save_by_rename(book, path)

    problems = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    assert len(problems) == 1 and problems[0].startswith("survey!A")
    assert "unknown type 'txt'" in problems[0]
    assert preview.kiosk is shown


def test_the_step_list_jumps_to_a_step(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "taxi.xlsx"
    write_workbook(procedure_to_book(TAXI), path)
    preview = PreviewWindow(path)
    qtbot.addWidget(preview)

    preview.steps.itemClicked.emit(preview.steps.item(2))

    assert preview.flow is not None and preview.flow.session is not None
    assert preview.flow.session.current_step.id == TAXI.steps[2].id
