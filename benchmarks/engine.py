"""The engine on a generated 200-field procedure with 50 conditions: moving to the next
step, and re-evaluating everything after one answer. Target ≤ 5 ms median each."""

from __future__ import annotations

import statistics
import uuid
from typing import Any

import msgspec

from benchmarks.timing import median_ms
from kiosk.catalog.model import Procedure
from kiosk.engine.session import FillingSession
from kiosk.expressions import evaluate_condition

STEPS, FIELDS_PER_STEP = 10, 20


def generated_procedure(steps: int = STEPS, per_step: int = FIELDS_PER_STEP) -> Procedure:
    """200 fields; every fourth field (50) is shown only if the previous field says yes."""
    step_list: list[dict[str, Any]] = []
    number = 0
    for s in range(steps):
        fields: list[dict[str, Any]] = []
        for _ in range(per_step):
            field: dict[str, Any] = {
                "id": f"f{number}",
                "type": "text",
                "label": {"el": f"Πεδίο {number}"},
                "required": True,
            }
            if number % 4 == 3:
                field["show_if"] = f'f{number - 1} == "ναι"'
            fields.append(field)
            number += 1
        step_list.append({"id": f"s{s}", "title": {"el": f"Βήμα {s}"}, "fields": fields})
    return msgspec.convert(
        {
            "id": "bench-200",
            "version": "1.0.0",
            "title": {"el": "Δοκιμή"},
            "summary": {"el": "Δοκιμή"},
            "authority": {"name": {"el": "Αρχή"}},
            "steps": step_list,
            "documents": [
                {"id": f"d{i}", "title": {"el": "Έγγραφο"}, "required_if": f'f{i * 4 + 2} == "ναι"'}
                for i in range(10)
            ],
        },
        Procedure,
    )


def measure(smoke: bool) -> dict[str, float]:
    """Figures in ms; the anchor is one CEL condition evaluated in the same run, so the
    ratios say how many conditions' worth of work a move or an answer costs."""
    procedure = generated_procedure()
    repeat = 5 if smoke else 50
    answers = {f"f{n}": "ναι" for n in range(STEPS * FIELDS_PER_STEP)}
    session = FillingSession(procedure, "2", uuid.uuid4(), answers=dict(answers))
    first = session.current_step.id

    def next_step() -> None:
        session.next()

    next_times = []
    for _ in range(repeat):
        session.jump(first)  # untimed: every sample leaves the same full step
        next_times.append(median_ms(next_step, 1))
    flip = iter(range(10**9))

    def one_answer() -> None:
        session.set_answer("f2", "ναι" if next(flip) % 2 else "όχι")

    variables = session.variables

    def one_condition() -> None:
        evaluate_condition('f2 == "ναι"', variables)

    next_ms = statistics.median(next_times)
    answer_ms = median_ms(one_answer, repeat)
    condition_ms = median_ms(one_condition, repeat * 20)
    return {
        "fields": float(len(answers)),
        "conditions": float(sum(1 for s in procedure.steps for f in s.fields if f.show_if)),
        "next_step_ms": next_ms,
        "answer_reevaluate_ms": answer_ms,
        "one_condition_ms": condition_ms,
        "answer_vs_condition_ratio": answer_ms / condition_ms,
    }
