"""How the office dashboard writes figures: rule names, shares, durations, days."""

from __future__ import annotations

from datetime import date

from ui.dashboard import rule_texts

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def rule(name: str, locale: str) -> str:
    return rule_texts.text(name, locale) if name in rule_texts.TEXTS else name


def percent(share: float | None, locale: str) -> str:
    if share is None:
        return "—"
    value = f"{share * 100:.0f}"
    return f"{value} %" if locale == "el" else f"{value}%"


def minutes(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def day_label(day: date, locale: str) -> str:
    return f"{rule_texts.text(WEEKDAY_KEYS[day.weekday()], locale)} {day:%d/%m}"
