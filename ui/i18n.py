"""The interface's words through Qt's translation system.

Greek is the source language: each text module declares its Greek strings with
`QT_TRANSLATE_NOOP(context, "…")`, which is what `pyside6-lupdate` extracts into
`resources/translations/periferia_en.ts` (scripts/translations.sh). `lrelease` compiles
that into `periferia_en.qm`, which is committed beside it, so a fresh clone and the
PyInstaller bundle (it ships all of `resources/`) find it without a build step;
tests/ui/test_translations.py fails when the two disagree.

A module declares its strings once:

    from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

    TEXTS = declare_texts("dashboard", {
        "queued": QT_TRANSLATE_NOOP("dashboard", "Σε αναμονή: {n}"),
    })
    text = TEXTS.text  # text("queued", locale, n=3)

Greek ("el") returns the source; any other locale goes through a `QTranslator` loaded
once from its .qm. One translator per locale, asked directly rather than installed in the
application, so that switching language at run time is just a different `locale`
argument (the screens redraw themselves) and the command line works without a
QApplication. A string without a translation falls back to Greek, never to a blank.

The core (kiosk/, no Qt) declares its own texts with both languages in kiosk/texts.py;
a screen shows those with `refused.message(locale)` or `text.message(locale)`, never by
splitting a combined string. docs/architecture-core.md says which to use when."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path

from PySide6.QtCore import QTranslator

from kiosk.paths import resources_dir

SOURCE_LOCALE = "el"
PLURAL = "|"  # between a text's singular and plural forms
CATALOG_NAME = "periferia"

log = logging.getLogger(__name__)


def QT_TRANSLATE_NOOP(context: str, message: str) -> str:  # noqa: N802 - lupdate finds it by this name
    """Marks `message` for lupdate, which finds the call by this name in the source, and
    returns it unchanged, as Qt's does. Qt's own is typed `-> object` in PySide6's stubs,
    which would make every text table a table of objects for mypy."""
    return message


class TextTable(Mapping[str, str]):
    """One module's strings: key -> Greek source, under one translation context."""

    def __init__(self, context: str, sources: Mapping[str, str]) -> None:
        self.context = context
        self._sources = dict(sources)

    def __getitem__(self, key: str) -> str:
        return self._sources[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def text(self, key: str, locale: str, **params: object) -> str:
        """The string for `key` in `locale`, with `{name}` placeholders filled. A string
        with a count has its singular and plural forms apart, «…{n} δευτερόλεπτο.|…{n}
        δευτερόλεπτα.»: `n` chooses (Greek and English both say one, then many)."""
        words = translate(self.context, self._sources[key], locale)
        if PLURAL in words and "n" in params:
            one, many = words.split(PLURAL, 1)
            words = one if params["n"] == 1 else many
        return words.format(**params)


_TABLES: list[TextTable] = []


def declare_texts(context: str, sources: Mapping[str, str]) -> TextTable:
    """Declare a module's strings. Write each value as `QT_TRANSLATE_NOOP(context, "…")`
    with a literal, so that lupdate sees it; the tests check both."""
    table = TextTable(context, sources)
    _TABLES.append(table)
    return table


def declared_tables() -> list[TextTable]:
    """Every table declared by the modules imported so far (for the tests)."""
    return list(_TABLES)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def qm_path(locale: str) -> Path:
    return translations_dir() / f"{CATALOG_NAME}_{locale}.qm"


def translate(context: str, source: str, locale: str) -> str:
    if locale == SOURCE_LOCALE:
        return source
    translator = translator_for(locale)
    if translator is None:
        return source
    return translator.translate(context, source) or source


@functools.cache
def translator_for(locale: str) -> QTranslator | None:
    """The compiled translations for `locale`, loaded once; None (Greek is shown) when the
    .qm is missing or unreadable."""
    path = qm_path(locale)
    translator = QTranslator()
    if not translator.load(str(path)):
        log.warning("no translations for %r at %s: showing Greek", locale, path)
        return None
    return translator
