"""The simplification hints, ranked per procedure, each sentence with its figures, and
the forecast's error on past weeks in words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.analytics.dashboard import DashboardData
from kiosk.analytics.hints import Hint
from ui.dashboard.format import minutes, percent, rule
from ui.dashboard.rule_texts import registry_words
from ui.dashboard.texts import text
from ui.screens.common import label

KIND_SUBJECT = {"abandonment": "step", "errors": "field", "once_only": "document"}


def hint_sentence(data: DashboardData, hint: Hint, locale: str) -> str:
    subject = data.labels.subject(
        hint.procedure_id, KIND_SUBJECT[hint.kind], hint.subject_id, locale
    )
    figures = hint.figures
    share = percent(hint.score, locale)
    if hint.kind == "abandonment":
        median = figures.get("median_seconds")
        time = (
            text("hint_time", locale, time=minutes(float(median)))
            if isinstance(median, int | float)
            else ""
        )
        return text(
            "hint_abandonment", locale, subject=subject, share=share,
            abandoned=figures["abandoned"], reached=figures["reached"], time=time,
        )  # fmt: skip
    if hint.kind == "errors":
        return text(
            "hint_errors", locale, subject=subject, share=share, errors=figures["errors"],
            reached=figures["reached"], rule=rule(str(figures["top_rule"]), locale),
        )  # fmt: skip
    asks = text("hint_asks", locale) if figures.get("form_asks_identifier") == "yes" else ""
    return text(
        "hint_once_only", locale, subject=subject, share=share, bring=figures["bring"],
        submitted=figures["submitted"], registry=registry_words(str(figures["registry"]), locale),
        identifier=registry_words(str(figures["identifier"]), locale), asks=asks,
    )  # fmt: skip


class HintsView(QWidget):
    """Per procedure: its title, then its hints numbered by rank."""

    def __init__(self, data: DashboardData, locale: str, per_procedure: int = 5) -> None:
        super().__init__()
        self.setObjectName("hints")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sentences: list[str] = []
        for procedure_id, hints in data.hints.items():
            if not hints:
                continue
            heading = label(data.labels.procedure(procedure_id, locale), "h3")
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            layout.addWidget(heading)
            for rank, hint in enumerate(hints[:per_procedure], 1):
                sentence = hint_sentence(data, hint, locale)
                self.sentences.append(sentence)
                layout.addWidget(label(f"{rank}. {sentence}", f"hint_{hint.kind}"))
        if not self.sentences:
            layout.addWidget(label(text("no_hints", locale), "secondary"))


def forecast_notes(data: DashboardData, locale: str) -> list[QLabel]:
    notes = []
    for procedure_id, week in data.forecasts.items():
        name = data.labels.procedure(procedure_id, locale)
        backtest = week.backtest
        if backtest.mae_daily is None or backtest.naive_mae_daily is None:
            sentence = text("forecast_untested", locale, procedure=name)
        else:
            sentence = text(
                "forecast_error", locale, procedure=name, mae=f"{backtest.mae_daily:.1f}",
                trend=f"{week.trend_factor:.2f}",
                weeks=backtest.weeks, naive=f"{backtest.naive_mae_daily:.1f}",
            )  # fmt: skip
        notes.append(label(sentence, "secondary"))
    if data.forecasts:
        weeks = max(w.weeks_used for w in data.forecasts.values())
        notes.append(label(text("forecast_method", locale, weeks=weeks), "secondary"))
    return notes
