"""A condition in words, for the checklist's «why», when the definition gives none.

Definitions should carry `condition_text`; for those that do not, the common shapes
(`kind == "company"`, `first_issue == false`, `!by_post`, `amount > 100.0`,
`"x" in kinds`, joined by && or ||) are written out with the fields' labels and the
choices' labels. Anything else gives None, and the checklist says the generic
«required because of your answers» rather than show CEL to a citizen."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kiosk.catalog.model import FormField, Procedure, Text

_NAME = r"[a-z][a-z0-9_]*"
_LITERAL = r"\"[^\"]*\"|'[^']*'|true|false|-?\d+(?:\.\d+)?"
_COMPARISON = re.compile(rf"^({_NAME})\s*(==|!=|>=|<=|>|<)\s*({_LITERAL})$")
_MEMBER = re.compile(rf"^({_LITERAL})\s+in\s+({_NAME})$")
_FLAG = re.compile(rf"^(!?)\s*({_NAME})$")

_WORDS = {
    "el": {
        "==": "είναι",
        "!=": "δεν είναι",
        ">": "είναι πάνω από",
        ">=": "είναι τουλάχιστον",
        "<": "είναι κάτω από",
        "<=": "είναι το πολύ",
        "in": "περιλαμβάνει",
        "&&": " και ",
        "||": " ή ",
        True: "Ναι",
        False: "Όχι",
    },
    "en": {
        "==": "is",
        "!=": "is not",
        ">": "is more than",
        ">=": "is at least",
        "<": "is less than",
        "<=": "is at most",
        "in": "includes",
        "&&": " and ",
        "||": " or ",
        True: "Yes",
        False: "No",
    },
}


def _value_words(field: FormField, literal: str, locale: str) -> str:
    if literal in ("true", "false"):
        return str(_WORDS[locale][literal == "true"])
    if literal[0] in "\"'":
        value = literal[1:-1]
        labels = {c.value: c.label.get(locale) for c in field.choices}
        return labels.get(value, value)
    try:
        number = Decimal(literal).normalize()
    except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
        return literal
    text = f"{number:f}"
    return text.replace(".", ",") if locale == "el" else text


def _clause(procedure: Procedure, clause: str, locale: str) -> str | None:
    fields = {f.id: f for f in procedure.all_fields()}
    words = _WORDS[locale]
    if match := _COMPARISON.match(clause):
        name, operator, literal = match.groups()
        if name not in fields:
            return None
        field = fields[name]
        value = _value_words(field, literal, locale)
        return f"«{field.label.get(locale)}» {words[operator]} «{value}»"
    if match := _MEMBER.match(clause):
        literal, name = match.groups()
        if name not in fields:
            return None
        field = fields[name]
        value = _value_words(field, literal, locale)
        return f"«{field.label.get(locale)}» {words['in']} «{value}»"
    if match := _FLAG.match(clause):
        negated, name = match.groups()
        if name not in fields:
            return None
        answer = words[not negated]
        return f"«{fields[name].label.get(locale)}» {words['==']} «{answer}»"
    return None


def describe_condition(procedure: Procedure, expression: str) -> Text | None:
    """The condition in Greek and English, or None when it is not a simple one."""
    if "(" in expression or ("&&" in expression and "||" in expression):
        return None
    joiner = "&&" if "&&" in expression else "||"
    clauses = [part.strip() for part in expression.split(joiner)]
    written = {}
    for locale in ("el", "en"):
        parts = [_clause(procedure, clause, locale) for clause in clauses]
        if any(part is None for part in parts):
            return None
        written[locale] = str(_WORDS[locale][joiner]).join(p for p in parts if p)
    return Text(el=written["el"], en=written["en"])


_BECAUSE = {"el": ("Επειδή ", "Αν "), "en": ("Because ", "If ")}


def as_condition(reason: Text) -> Text:
    """A document's reason («Επειδή έχετε ελληνική υπηκοότητα.»), said before anything is
    answered: as a condition («Αν έχετε ελληνική υπηκοότητα.»). Stating it as a fact
    would list «Επειδή έχετε…» and «Επειδή δεν έχετε…» side by side on the overview."""
    words = {}
    for language, (fact, condition) in _BECAUSE.items():
        said = reason.get(language)
        words[language] = condition + said[len(fact) :] if said.startswith(fact) else said
    return Text(el=words["el"], en=words["en"] if reason.en else None)
