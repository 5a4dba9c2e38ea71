"""Seeded synthetic usage, for the demo dashboard and for tests with known answers.

Applicants walk real procedure definitions through the real UsageRecorder: arrivals
follow a weekday and hour profile with a weekly trend (Poisson noise), each step may be
left with a chosen probability, each field may fail validation with another, and at
submission each document is marked as the definition says (Once Only documents fetched
by the administration, the others to bring or, sometimes, attached). Nothing here is
used by the app itself."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from kiosk.analytics.events import REVIEW, UsageRecorder, UsageSink
from kiosk.catalog.model import Procedure
from kiosk.regions import ATHENS
from kiosk.submission import Channel, DocumentStatus

# Mon..Sun: offices are closed at the weekend. Hours: the morning queue.
WEEKDAY_SHAPE = (1.2, 1.0, 0.9, 1.0, 0.8, 0.0, 0.0)
HOUR_SHAPE = {8: 0.6, 9: 1.4, 10: 1.8, 11: 1.6, 12: 1.2, 13: 0.8, 14: 0.4}


@dataclass
class Scenario:
    daily_mean: float = 12.0  # applicants on an average weekday, week 0
    weekly_growth: float = 0.0  # +0.05: five percent more each week
    kiosk_share: float = 0.7
    leave: Mapping[str, float] = field(default_factory=dict)  # step id -> P(leave there)
    fail: Mapping[str, tuple[str, float]] = field(default_factory=dict)  # field -> (rule, P)
    attach: float = 0.1  # P(a document to bring is attached as a scan instead)
    step_seconds: tuple[int, int] = (20, 150)


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means of one office and hour."""
    if mean <= 0:
        return 0
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def expected_arrivals(scenario: Scenario, start: date, day: date, hour: int) -> float:
    weeks = (day - start).days / 7
    shape = WEEKDAY_SHAPE[day.weekday()] * HOUR_SHAPE.get(hour, 0.0) / sum(HOUR_SHAPE.values())
    growth: float = (1 + scenario.weekly_growth) ** weeks
    return scenario.daily_mean * shape * growth


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2000, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _journey(
    recorder: UsageRecorder,
    clock: _Clock,
    procedure: Procedure,
    scenario: Scenario,
    rng: random.Random,
) -> None:
    channel: Channel = "kiosk" if rng.random() < scenario.kiosk_share else "counter"
    recorder.procedure_started(procedure.id, channel)
    for step in procedure.steps:
        recorder.step_reached(procedure.id, step.id)
        for form_field in step.fields:
            rule, chance = scenario.fail.get(form_field.id, ("", 0.0))
            if rule and rng.random() < chance:
                recorder.validation_failed(procedure.id, step.id, form_field.id, rule)
        clock.now += timedelta(seconds=rng.randint(*scenario.step_seconds))
        if rng.random() < scenario.leave.get(step.id, 0.0):
            recorder.abandoned(procedure.id, step.id, "idle" if channel == "kiosk" else "home")
            return
    recorder.step_reached(procedure.id, REVIEW)
    clock.now += timedelta(seconds=rng.randint(10, 40))
    statuses: dict[str, DocumentStatus] = {}
    for document in procedure.documents:
        if document.once_only is not None:
            statuses[document.id] = "fetched_by_administration"
        elif document.required_if is None:
            statuses[document.id] = "attached" if rng.random() < scenario.attach else "bring"
    recorder.documents_marked(procedure.id, statuses)
    recorder.submitted(procedure.id)


def simulate(
    sink: UsageSink,
    scenarios: Sequence[tuple[Procedure, Scenario]],
    start: date,
    days: int,
    *,
    seed: int = 7,
) -> int:
    """Record `days` days of journeys from `start`; returns the number of journeys."""
    clock = _Clock()
    recorder = UsageRecorder(sink, clock)
    rng = random.Random(seed)
    journeys = 0
    for offset in range(days):
        day = start + timedelta(days=offset)
        for hour in sorted(HOUR_SHAPE):
            for procedure, scenario in scenarios:
                for _ in range(poisson(rng, expected_arrivals(scenario, start, day, hour))):
                    minute = rng.randint(0, 40)
                    local = datetime.combine(day, time(hour, minute), ATHENS)
                    clock.now = local.astimezone(UTC)
                    _journey(recorder, clock, procedure, scenario, rng)
                    journeys += 1
    return journeys
