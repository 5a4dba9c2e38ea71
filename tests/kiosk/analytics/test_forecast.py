"""The forecast on series with known answers: a seasonal series with noise and growth,
where it must beat "same as last week" on past weeks, and a flat one it must hit."""

from __future__ import annotations

import random
from datetime import date, timedelta

from kiosk.analytics.forecast import forecast_week, naive_last_week
from kiosk.analytics.synthetic import poisson

START = date(2026, 8, 3)  # a Monday
WEEKDAY = (30, 24, 20, 24, 16, 0, 0)
HOURS = {9: 0.2, 10: 0.35, 11: 0.3, 12: 0.15}


def _series(weeks: int, growth: float, seed: int) -> dict[date, list[int]]:
    rng = random.Random(seed)
    history = {}
    for offset in range(weeks * 7):
        day = START + timedelta(days=offset)
        level = WEEKDAY[day.weekday()] * (1 + growth) ** (offset / 7)
        history[day] = [poisson(rng, level * HOURS.get(h, 0.0)) for h in range(24)]
    return history


def test_on_a_seasonal_series_it_beats_the_naive_last_week_forecast() -> None:
    for seed in range(5):
        history = _series(weeks=10, growth=0.03, seed=seed)
        forecast = forecast_week(history, START + timedelta(weeks=10))
        assert forecast.backtest.weeks == 4
        assert forecast.backtest.beats_naive, (seed, forecast.backtest)


def test_it_beats_last_week_on_the_week_that_actually_comes() -> None:
    wins = 0
    for seed in range(10):
        history = _series(weeks=11, growth=0.03, seed=seed)
        target = START + timedelta(weeks=10)
        actual = [sum(history[target + timedelta(days=i)]) for i in range(7)]
        past = {d: h for d, h in history.items() if d < target}
        ours = forecast_week(past, target).daily
        naive = naive_last_week(past, target)
        ours_error = sum(abs(a - b) for a, b in zip(ours, actual, strict=True))
        naive_error = sum(abs(a - b) for a, b in zip(naive, actual, strict=True))
        wins += ours_error < naive_error
    assert wins >= 7


def test_a_flat_week_is_forecast_exactly_with_no_error() -> None:
    history = {START + timedelta(days=i): [0] * 9 + [2, 3] + [0] * 13 for i in range(35)}
    forecast = forecast_week(history, START + timedelta(weeks=5))
    assert forecast.daily == [5.0] * 7
    assert forecast.trend_factor == 1.0
    assert forecast.backtest.mae_daily == 0.0 and forecast.backtest.naive_mae_daily == 0.0


def test_a_growing_demand_raises_the_forecast_by_its_trend() -> None:
    history = {}
    for week, per_day in enumerate((10, 12, 14, 16)):
        for day in range(7):
            history[START + timedelta(days=week * 7 + day)] = [per_day] + [0] * 23
    forecast = forecast_week(history, START + timedelta(weeks=4))
    assert forecast.daily[0] == 18.0  # the line through 70, 84, 98, 112 reads 126 next week


def test_days_before_the_first_record_are_unknown_not_zero() -> None:
    history = {START + timedelta(days=i): [4] + [0] * 23 for i in range(14)}
    forecast = forecast_week(history, START + timedelta(weeks=2))
    assert forecast.weeks_used == 2 and forecast.daily == [4.0] * 7
    assert forecast.backtest.weeks == 1
    assert forecast_week({}, START).backtest.mae_daily is None
