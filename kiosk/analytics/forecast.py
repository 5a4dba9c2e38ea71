"""Demand forecast for the coming week, by a method a head of office can check by hand.

1. Profile: for each weekday and hour, the mean of the last `weeks` weeks (4 by default)
   at that weekday and hour. Averaging several weeks smooths one unusual day away.
2. Trend: a straight line through those weeks' totals (least squares), read one week
   ahead, gives the expected total; the profile is scaled to it. The factor is kept
   between 0.5 and 2 so that a strike or a holiday week cannot make the forecast absurd.
3. Its error on past weeks: each of the last `backtest_weeks` weeks is forecast from the
   weeks before it only, and compared with what happened (mean absolute error of daily
   totals), beside the naive forecast "same as last week" on the same weeks.

Input is started procedures per day and Athens hour; days before the first recorded day
are unknown (not zero) and never used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

DAYS = 7
MIN_FACTOR, MAX_FACTOR = 0.5, 2.0


@dataclass(frozen=True)
class Backtest:
    weeks: int  # past weeks the method was tried on
    mae_daily: float | None  # mean absolute error of daily totals, this method
    naive_mae_daily: float | None  # the same for "same as last week"

    @property
    def beats_naive(self) -> bool | None:
        if self.mae_daily is None or self.naive_mae_daily is None:
            return None
        return self.mae_daily <= self.naive_mae_daily


@dataclass(frozen=True)
class WeekForecast:
    start: date
    hourly: tuple[tuple[float, ...], ...]  # 7 days x 24 Athens hours
    weeks_used: int
    trend_factor: float
    backtest: Backtest

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(DAYS)]

    @property
    def daily(self) -> list[float]:
        return [sum(hours) for hours in self.hourly]

    @property
    def total(self) -> float:
        return sum(self.daily)


def _day(history: Mapping[date, Sequence[int]], day: date) -> list[int]:
    return list(history.get(day, [0] * 24))


def _known_weeks(history: Mapping[date, Sequence[int]], start: date, wanted: int) -> int:
    """How many whole weeks before `start` lie within the recorded history."""
    if not history:
        return 0
    first = min(history)
    return max(0, min(wanted, (start - first).days // DAYS))


def _fit(
    history: Mapping[date, Sequence[int]], start: date, weeks: int
) -> tuple[list[list[float]], int, float]:
    used = _known_weeks(history, start, weeks)
    profile = [[0.0] * 24 for _ in range(DAYS)]
    if used == 0:
        return profile, 0, 1.0
    totals = []
    for back in range(used, 0, -1):  # oldest week first
        week_start = start - timedelta(days=DAYS * back)
        total = 0
        for offset in range(DAYS):
            hours = _day(history, week_start + timedelta(days=offset))
            total += sum(hours)
            for hour, count in enumerate(hours):
                profile[offset][hour] += count / used
        totals.append(total)
    factor = _trend_factor(totals)
    return [[value * factor for value in day] for day in profile], used, factor


def _trend_factor(totals: list[int]) -> float:
    """Next week's total on the least-squares line, over the weeks' mean."""
    n = len(totals)
    mean = sum(totals) / n
    if n < 2 or mean == 0:
        return 1.0
    xs = range(1, n + 1)
    x_mean = (n + 1) / 2
    slope = sum((x - x_mean) * (y - mean) for x, y in zip(xs, totals, strict=True)) / sum(
        (x - x_mean) ** 2 for x in xs
    )
    projected = mean + slope * (n + 1 - x_mean)
    return min(MAX_FACTOR, max(MIN_FACTOR, projected / mean))


def _week_totals(history: Mapping[date, Sequence[int]], start: date) -> list[int]:
    return [sum(_day(history, start + timedelta(days=i))) for i in range(DAYS)]


def _backtest(
    history: Mapping[date, Sequence[int]], start: date, weeks: int, backtest_weeks: int
) -> Backtest:
    errors: list[float] = []
    naive_errors: list[float] = []
    for back in range(backtest_weeks, 0, -1):
        week_start = start - timedelta(days=DAYS * back)
        if _known_weeks(history, week_start, 1) == 0:
            continue  # nothing before it to learn from, nor a last week for the naive
        profile, _, _ = _fit(history, week_start, weeks)
        actual = _week_totals(history, week_start)
        last_week = _week_totals(history, week_start - timedelta(days=DAYS))
        for offset in range(DAYS):
            errors.append(abs(sum(profile[offset]) - actual[offset]))
            naive_errors.append(abs(last_week[offset] - actual[offset]))
    tried = len(errors) // DAYS
    if not tried:
        return Backtest(0, None, None)
    return Backtest(tried, sum(errors) / len(errors), sum(naive_errors) / len(naive_errors))


def forecast_week(
    history: Mapping[date, Sequence[int]],
    start: date,
    *,
    weeks: int = 4,
    backtest_weeks: int = 4,
) -> WeekForecast:
    """The 7 days from `start`, per Athens hour, from `history` (day -> 24 counts)."""
    profile, used, factor = _fit(history, start, weeks)
    return WeekForecast(
        start=start,
        hourly=tuple(tuple(day) for day in profile),
        weeks_used=used,
        trend_factor=factor,
        backtest=_backtest(history, start, weeks, backtest_weeks),
    )


def naive_last_week(history: Mapping[date, Sequence[int]], start: date) -> list[int]:
    """The comparison: next week's daily totals as last week's."""
    return _week_totals(history, start - timedelta(days=DAYS))
