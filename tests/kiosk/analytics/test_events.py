from __future__ import annotations

from datetime import date

import pytest

from kiosk.analytics.events import MemorySink, UsageEvent, UsageRecorder
from tests.kiosk.analytics.conftest import StepClock

TAXI = "taxi-driver-licence"


def _kinds(sink: MemorySink) -> list[str]:
    return [event.kind for event in sink.events]


def test_time_per_step_is_measured_with_the_injected_clock(clock: StepClock) -> None:
    sink = MemorySink()
    recorder = UsageRecorder(sink, clock)
    recorder.procedure_started(TAXI, "kiosk")
    recorder.step_reached(TAXI, "applicant")
    clock.advance(40)
    recorder.step_reached(TAXI, "contact")
    clock.advance(25)
    recorder.step_reached(TAXI, "applicant")  # back: the time adds up on the step
    clock.advance(10)
    recorder.submitted(TAXI)
    times = {e.step_id: e.seconds for e in sink.events if e.kind == "step_time"}
    assert times == {"applicant": 50, "contact": 25}
    completion = [e.seconds for e in sink.events if e.kind == "completion_time"]
    assert completion == [75]


def test_a_step_and_an_error_count_once_per_applicant(clock: StepClock) -> None:
    sink = MemorySink()
    recorder = UsageRecorder(sink, clock)
    recorder.procedure_started(TAXI, "counter")
    for _ in range(3):
        recorder.step_reached(TAXI, "applicant")
        recorder.step_reached(TAXI, "contact")
        recorder.validation_failed(TAXI, "contact", "phone", "phone")
    assert _kinds(sink).count("step_reached") == 2
    assert _kinds(sink).count("validation_failed") == 1


def test_events_carry_the_athens_hour_and_day_only(clock: StepClock) -> None:
    sink = MemorySink()
    UsageRecorder(sink, clock).procedure_started(TAXI, "kiosk")
    event = sink.events[0]
    assert (event.day, event.hour) == (date(2026, 11, 23), 10)
    assert not hasattr(event, "submission_id") and not hasattr(event, "at")


def test_the_index_of_a_repeat_item_is_dropped_from_the_field(clock: StepClock) -> None:
    sink = MemorySink()
    recorder = UsageRecorder(sink, clock)
    recorder.procedure_started("animal-transporter-licence-type2", "kiosk")
    recorder.validation_failed(
        "animal-transporter-licence-type2", "vehicles_step", "vehicles[3].plate", "plate"
    )
    assert sink.events[-1].field_id == "vehicles.plate"


@pytest.mark.parametrize(
    "slot",
    [
        {"field_id": "Παπαδοπούλου"},
        {"field_id": "090000045"},
        {"detail": "6912345678"},
        {"step_id": "free text with spaces"},
        {"document_id": "maria@example.gr"},
    ],
)
def test_an_answer_value_can_never_become_part_of_an_event(slot: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="usage event refused") as refused:
        UsageEvent("validation_failed", date(2026, 11, 23), 10, TAXI, "kiosk", **slot)  # type: ignore[arg-type]
    assert next(iter(slot.values())) not in str(refused.value)  # not echoed either


def test_stray_calls_outside_a_journey_are_ignored(clock: StepClock) -> None:
    sink = MemorySink()
    recorder = UsageRecorder(sink, clock)
    recorder.step_reached(TAXI, "applicant")
    recorder.submitted(TAXI)
    recorder.abandon_open_journey("idle")
    recorder.procedure_started(TAXI, "kiosk")
    recorder.step_reached("animal-transporter-licence-type2", "applicant")  # another one
    recorder.submitted(TAXI)
    recorder.abandon_open_journey("idle")  # after a submission: not an abandonment
    assert _kinds(sink) == ["started", "submitted", "completion_time"]


def test_an_idle_wipe_records_where_the_applicant_left(clock: StepClock) -> None:
    sink = MemorySink()
    recorder = UsageRecorder(sink, clock)
    recorder.procedure_started(TAXI, "kiosk")
    recorder.step_reached(TAXI, "applicant")
    recorder.step_reached(TAXI, "eligibility")
    clock.advance(120)
    recorder.abandon_open_journey("idle")
    left = [e for e in sink.events if e.kind == "abandoned"]
    assert [(e.step_id, e.detail) for e in left] == [("eligibility", "idle")]
    assert not recorder.in_journey


def test_a_refused_event_or_a_failing_store_never_reaches_the_applicant(
    clock: StepClock, caplog: pytest.LogCaptureFixture
) -> None:
    class FullDisk:
        def record(self, event: UsageEvent) -> None:
            raise OSError(28, "No space left on device")

    UsageRecorder(FullDisk(), clock).procedure_started(TAXI, "kiosk")  # no exception
    sink = MemorySink()
    recorder = UsageRecorder(sink, clock)
    recorder.procedure_started(TAXI, "kiosk")
    recorder.validation_failed(TAXI, "applicant", "Παπαδοπούλου", "required")
    assert [e.kind for e in sink.events] == ["started"]
    assert "Παπαδοπούλου" not in caplog.text and "not recorded" in caplog.text
