"""Every interface string goes through Qt's translation system: declared in Greek,
extracted by lupdate into resources/translations/periferia_en.ts, translated there, and
compiled into the committed periferia_en.qm; an English screen shows no Greek except
what a procedure definition has only in Greek.

The core's texts (kiosk.texts: a code, Greek and English side by side, no Qt) are held
to the same rules here: both languages, the same placeholders, English on English
screens."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.status import Status
from kiosk.texts import Text, declared_texts
from tests.ui.walkthrough import citizen_screens, current_step, kiosk_window
from ui import printing
from ui.i18n import PLURAL, TextTable, declared_tables, qm_path, translate, translations_dir

ROOT = Path(__file__).resolve().parents[2]
TS = translations_dir() / "periferia_en.ts"
GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _declaring_modules(package: str = "ui", marker: str = "declare_texts(") -> list[str]:
    """Every module that declares strings (ui/texts.py, ui/printing.py, and any text
    module added later, such as ui/dashboard/texts.py; in kiosk/, `declare(`)."""
    systems = {ROOT / "ui" / "i18n.py", ROOT / "kiosk" / "texts.py"}  # they declare none
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if path not in systems and marker in path.read_text(encoding="utf-8"):
            found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


@pytest.fixture(scope="module")
def tables() -> list[TextTable]:
    for module in _declaring_modules():
        importlib.import_module(module)
    return declared_tables()


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} not found: it ships with PySide6-Essentials"
    return found


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation, its type: None when finished)."""
    messages = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            messages[(name, message.findtext("source") or "")] = (
                translation.text or "",
                translation.get("type"),
            )
    return messages


def _declared(tables: list[TextTable]) -> list[tuple[str, str, str]]:
    return [(t.context, key, t[key]) for t in tables for key in t]


def test_the_interface_and_printing_strings_are_declared(tables: list[TextTable]) -> None:
    contexts = {t.context for t in tables}
    assert {"ui", "printing"} <= contexts
    assert len(_declared(tables)) >= 50


def test_every_declared_string_has_a_finished_english_translation(
    tables: list[TextTable],
) -> None:
    messages = _messages(TS)
    problems = []
    for context, key, source in _declared(tables):
        translation, kind = messages.get((context, source), ("", "missing"))
        if kind is not None or not translation.strip():
            problems.append(f"{context}/{key}: {kind or 'empty'} in {TS.name}")
        elif set(PLACEHOLDER.findall(translation)) != set(PLACEHOLDER.findall(source)):
            problems.append(f"{context}/{key}: placeholders differ: {translation!r}")
    assert not problems, "\n".join(problems)


def test_the_ts_is_what_lupdate_makes_of_the_code_now(
    tables: list[TextTable], tmp_path: Path
) -> None:
    """Running scripts/translations.sh would change nothing (same options as there), and
    lupdate sees every declared string (a value that is not a literal inside
    QT_TRANSLATE_NOOP would be missing)."""
    refreshed = tmp_path / TS.name
    shutil.copy(TS, refreshed)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-extensions",
            "py",
            "-source-language",
            "el",
            "-target-language",
            "en",
            "-locations",
            "none",
            "-no-obsolete",
            str(ROOT / "ui"),
            "-ts",
            str(refreshed),
        ],
        check=True,
        capture_output=True,
    )
    extracted = _messages(refreshed)
    unseen = [(c, k) for c, k, s in _declared(tables) if (c, s) not in extracted]
    assert not unseen, f"lupdate cannot see these (write them in QT_TRANSLATE_NOOP): {unseen}"
    assert refreshed.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), (
        "periferia_en.ts is out of date: run bash scripts/translations.sh"
    )


def test_the_committed_qm_is_the_ts_compiled(tmp_path: Path) -> None:
    compiled = tmp_path / "periferia_en.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == qm_path("en").read_bytes(), (
        "periferia_en.qm is older than the .ts: run bash scripts/translations.sh"
    )


def test_every_string_translates_through_the_loaded_qm(tables: list[TextTable]) -> None:
    messages = _messages(TS)
    wrong = [
        (context, key)
        for context, key, source in _declared(tables)
        if translate(context, source, "en") != messages.get((context, source), ("", None))[0]
    ]
    assert not wrong
    for table in tables:
        for key in table:
            params = {name: "7" for name in PLACEHOLDER.findall(table[key])}
            many = table[key].split(PLURAL)[-1]  # a count of 7 takes the plural form
            assert table.text(key, "el", **params) == many.format(**params)
            assert table.text(key, "en", **params)


@pytest.fixture(scope="module")
def core_texts() -> list[Text]:
    for module in _declaring_modules("kiosk", "declare("):
        importlib.import_module(module)
    return declared_texts()


def test_the_cores_texts_are_declared_with_unique_codes(core_texts: list[Text]) -> None:
    codes = [t.code for t in core_texts]
    assert "counter.not_in_catalog" in codes and len(codes) == len(set(codes))


def test_every_core_text_has_both_languages_with_the_same_placeholders(
    core_texts: list[Text],
) -> None:
    problems = []
    for t in core_texts:
        if not t.el.strip() or not GREEK.search(t.el):
            problems.append(f"{t.code}: no Greek")
        if not t.en.strip() or GREEK.search(t.en):
            problems.append(f"{t.code}: no English, or Greek in the English")
        if t.placeholders("el") != t.placeholders("en"):
            problems.append(f"{t.code}: placeholders differ")
        params = {name: "7" for name in t.placeholders("el")}
        if t.message("en", **params) != t.en.format(**params):
            problems.append(f"{t.code}: English not what message('en') gives")
    assert not problems, "\n".join(problems)


def test_every_status_has_a_label_on_the_counter(tables: list[TextTable]) -> None:
    (counter,) = [t for t in tables if t.context == "counter"]
    assert [s for s in Status if f"status_{s}" not in counter] == []


def test_a_core_refusal_is_english_on_an_english_counter_screen(qtbot: QtBot) -> None:
    import uuid

    from ui.counter.today import TodayRow, TodayScreen

    row = TodayRow(uuid.uuid4(), "09:00", "Taxi", "counter", Status.DRAFT, None)
    screen = TodayScreen([row], [], "en")
    qtbot.addWidget(screen)
    screen.select(row.submission_id)
    screen.reprint_button.click()
    assert screen.message.text() == "The application is still a draft; it has no receipt yet."


def test_printing_messages_are_english_in_english() -> None:
    for result in (
        printing.PRINTED,
        printing.NO_PRINTER,
        printing.NOT_READY,
        printing.FAILED,
        printing.CANCELLED,
    ):
        assert GREEK.search(result.message("el")), result
        assert result.message("en") and not GREEK.search(result.message("en")), result


# --- English screens -----------------------------------------------------------------
def _greek_only_definition_texts() -> list[str]:
    """Texts a definition has only in Greek (no English given, or plain data such as a
    legal reference): these stay Greek on English screens."""
    catalog = load_catalog(sample_catalog_dir())
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict) and set(node) == {"el", "en"}:  # a Text
            if not node["en"]:
                found.add(node["el"])
        elif isinstance(node, dict | list):
            for value in node.values() if isinstance(node, dict) else node:
                walk(value)
        elif isinstance(node, str) and GREEK.search(node):
            found.add(node)  # one language only: a legal reference (ν. 4070/2012), a code

    for definition in [*catalog.procedures.values(), *catalog.overrides]:
        walk(msgspec.to_builtins(definition))
    return sorted(found, key=len, reverse=True)


def _shown_texts(window: QWidget) -> list[tuple[str, str]]:
    """What a person sees or hears: labels, buttons, placeholders, the title, and the
    accessible names and descriptions of the controls."""
    shown = [("window title", window.windowTitle())]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        kind = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            shown.append((kind, widget.text()))
        if isinstance(widget, QLineEdit):
            shown.append((f"{kind} placeholder", widget.placeholderText()))
        shown.append((f"{kind} accessible name", widget.accessibleName()))
        shown.append((f"{kind} accessible description", widget.accessibleDescription()))
    return [(kind, text) for kind, text in shown if text]


def _greek_left(window: QWidget, allowed: list[str]) -> list[str]:
    language_toggle = window.language_button.text()  # type: ignore[attr-defined]
    left = []
    for kind, text in _shown_texts(window):
        rest = text.replace(language_toggle, "") if kind.startswith("QPushButton") else text
        for definition_text in allowed:
            rest = rest.replace(definition_text, "")
        if GREEK.search(rest):
            left.append(f"{kind}: {text!r}")
    return left


def test_english_screens_show_no_greek_but_untranslated_definitions(qtbot: QtBot) -> None:
    allowed = _greek_only_definition_texts()
    window, flow = kiosk_window(qtbot, "en")
    assert window.language_button.text() == "Ελληνικά"  # names the other language
    problems = []
    for state in citizen_screens(qtbot, window, flow):
        problems += [f"{state}: {p}" for p in _greek_left(window, allowed)]
    assert not problems, "\n".join(problems)


def test_switching_to_english_redraws_the_current_screen_in_english(qtbot: QtBot) -> None:
    allowed = _greek_only_definition_texts()
    window, flow = kiosk_window(qtbot, "el")
    flow.start("taxi-driver-licence")
    current_step(window).next_button.click()  # errors on screen, then switch
    assert GREEK.search(current_step(window).progress.text())
    window.language_button.click()
    qtbot.wait(1)
    assert current_step(window).progress.text() == "Step 1 of 4"
    assert not _greek_left(window, allowed)
