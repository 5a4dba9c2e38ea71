"""The core's words: every text the domain says to a person, with a code, in Greek and
English, in one place per module.

The core knows no Qt, so it cannot use ui/'s `.ts/.qm` catalogue; instead each text is
declared once with both languages:

    from kiosk.texts import declare

    TEXTS = declare("counter", {
        "not_in_catalog": ("{procedure}: η διαδικασία δεν υπάρχει σε αυτή τη συσκευή.",
                           "{procedure}: this procedure is not on this device."),
    })
    TEXTS["not_in_catalog"].message("en", procedure="taxi")

and a refusal carries one:

    raise RefusedError(TEXTS["not_in_catalog"], procedure="taxi")
    ...
    except RefusedError as refused:
        screen.show_message(refused.message(locale))

tests/ui/test_translations.py imports every kiosk module and checks every declared Text:
both languages present, the same placeholders, and English screens showing the English.
A code is `<namespace>.<key>`: stable, safe to log and to put in the audit log (it holds
no personal data), and what a test asserts on instead of a sentence.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import NamedTuple

SOURCE_LOCALE = "el"


# A NamedTuple, not a Struct: texts are declared before the first screen, which would
# otherwise import msgspec (~3.5 ms) for them alone.
class Text(NamedTuple):
    code: str
    el: str
    en: str

    def message(self, locale: str, **params: object) -> str:
        """In `locale` ("el" or "en"; anything else is Greek, the source), placeholders
        filled."""
        return (self.en if locale == "en" else self.el).format(**params)

    def placeholders(self, locale: str) -> set[str]:
        written = self.en if locale == "en" else self.el
        return {name for _, name, _, _ in string.Formatter().parse(written) if name}


class TextTable(Mapping[str, Text]):
    """One module's texts, by key."""

    def __init__(self, namespace: str, texts: Mapping[str, tuple[str, str]]) -> None:
        self.namespace = namespace
        self._texts = {key: Text(f"{namespace}.{key}", el, en) for key, (el, en) in texts.items()}

    def __getitem__(self, key: str) -> Text:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


_TABLES: dict[str, TextTable] = {}


def declare(namespace: str, texts: Mapping[str, tuple[str, str]]) -> TextTable:
    """A module's texts as (Greek, English) pairs; a namespace is declared once."""
    if namespace in _TABLES:
        raise ValueError(f"texts {namespace!r} are declared twice")
    table = TextTable(namespace, texts)
    _TABLES[namespace] = table
    return table


def declared_texts() -> list[Text]:
    """Every Text declared by the kiosk modules imported so far (for the tests)."""
    return [text for table in _TABLES.values() for text in table.values()]


class RefusedError(Exception):
    """The domain says no, and why: a Text (its code for programs, its words for people)
    and the values its placeholders need. `str()` is the code: what logs and the audit
    log keep (never the filled-in words, which may quote what a person typed)."""

    def __init__(self, text: Text, **params: object) -> None:
        super().__init__(text.code)
        self.text = text
        self.params = params

    @property
    def code(self) -> str:
        return self.text.code

    def message(self, locale: str) -> str:
        return self.text.message(locale, **self.params)
