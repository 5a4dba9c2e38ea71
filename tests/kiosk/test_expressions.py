from __future__ import annotations

from datetime import date

import pytest

from kiosk.expressions import (
    ExpressionError,
    evaluate,
    evaluate_condition,
    referenced_names,
)


def test_condition_reads_answers_by_field_id() -> None:
    answers = {"applicant_type": "company", "first_issue": False}
    assert evaluate_condition('applicant_type == "company" && !first_issue', answers)


def test_numbers_reach_cel_as_doubles_so_fee_arithmetic_works_on_integer_answers() -> None:
    assert evaluate("vehicles_count * 25.0", {"vehicles_count": 3}) == 75.0
    assert evaluate("double(size(vehicles)) * 10.0", {"vehicles": [{}, {}]}) == 20.0


def test_dates_compare_as_iso_strings() -> None:
    assert evaluate_condition('birth_date < "2008-01-01"', {"birth_date": date(1990, 5, 1)})


def test_syntax_error_names_the_expression() -> None:
    with pytest.raises(ExpressionError, match="invalid expression") as error:
        evaluate_condition("age > ", {"age": 3})
    assert error.value.expression == "age > "


def test_a_condition_that_is_not_boolean_is_an_error() -> None:
    with pytest.raises(ExpressionError, match="not true/false"):
        evaluate_condition("age + 1.0", {"age": 3})


def test_overlong_and_deeply_nested_expressions_are_refused_before_running() -> None:
    with pytest.raises(ExpressionError, match="longer than"):
        evaluate_condition("a == 1 || " * 400 + "true", {"a": 1})
    with pytest.raises(ExpressionError, match="nested deeper"):
        evaluate_condition("(" * 40 + "true" + ")" * 40, {})


def test_referenced_names_skip_strings_functions_members_and_macro_variables() -> None:
    expression = 'kind == "a b" && size(vehicles) > 0 && vehicles.all(v, v.weight > 3.0)'
    assert referenced_names(expression) == {"kind", "vehicles"}


def test_python_is_never_evaluated() -> None:
    with pytest.raises(ExpressionError):
        evaluate("__import__('os').system('true')", {})


def test_comprehensions_nested_three_deep_are_refused_before_running() -> None:
    inner = "false"
    for name in ("a", "b", "c"):
        inner = f"[0,1,2,3,4,5,6,7,8,9].exists({name}, {inner})"
    with pytest.raises(ExpressionError, match="comprehensions"):
        evaluate(inner, {})
    assert evaluate("vehicles.exists(v, v.axles.all(a, a > 2.0))", {"vehicles": []}) is False
