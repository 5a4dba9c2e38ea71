from __future__ import annotations

from benchmarks.engine import measure


def test_engine_benchmark_reports_moves_and_answers_against_one_condition() -> None:
    figures = measure(smoke=True)
    assert set(figures) == {
        "fields",
        "conditions",
        "next_step_ms",
        "answer_reevaluate_ms",
        "one_condition_ms",
        "answer_vs_condition_ratio",
    }
    assert figures["fields"] == 200 and figures["conditions"] == 50
    assert all(value > 0 for value in figures.values())
