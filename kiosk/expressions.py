"""Safe expressions from procedure definitions: CEL (Common Expression Language).

Conditions (`show_if`, `required_if`, a document's `required_if`) and calculations
(fees, calculated fields) are written in CEL and evaluated by the
`common-expression-language` package: no `eval`, no loops, no side effects, cost
bounded by the expression's size. We add limits on length and nesting so that a
pathological definition is refused with a clear error instead of being run.

Variables are the procedure's field ids (unanswered fields are `null`) and repeat
group ids (lists of maps). Every number reaches CEL as a double and every date as an
ISO string ("2026-11-22"): CEL compares int with double but does not mix them in
arithmetic, so definitions write `fee * 2.0` and `double(size(vehicles)) * 25.0`. Identifiers an expression uses can be listed without
running it, so the catalog checker can name references to unknown fields.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

# `cel/__init__.py` imports `cel.cli`, CEL's interactive REPL, which pulls rich, pygments
# and prompt_toolkit: ~0.25 s and tens of MiB at start-up for nothing the app uses. An
# empty stand-in keeps `import cel` working (the frozen build does the same in
# installers/pyi_rth_cel_cli.py).
sys.modules.setdefault("cel.cli", types.ModuleType("cel.cli"))
import cel  # noqa: E402

MAX_EXPRESSION_LENGTH = 2_000
MAX_NESTING_DEPTH = 32
# CEL bounds each comprehension by its list, but nested ones multiply: ten levels of
# `[0,...,9].exists(a, …)` fit in the length and depth limits and run 10^10 steps.
# Two levels cover real definitions (`vehicles.exists(v, v.axles.all(a, …))`).
MAX_COMPREHENSION_NESTING = 2

# Names CEL itself provides: functions, macros and literals.
CEL_BUILTINS = frozenset(
    {
        "true", "false", "null", "in", "size", "has", "all", "exists", "exists_one", "map",
        "filter", "int", "uint", "double", "string", "bool", "bytes", "type", "duration",
        "timestamp", "matches", "contains", "startsWith", "endsWith", "lowerAscii",
        "upperAscii", "trim", "dyn", "getFullYear", "getMonth", "getDate", "getDayOfMonth",
        "getDayOfWeek", "getDayOfYear", "getHours", "getMinutes", "getSeconds", "max", "min",
    }
)  # fmt: skip

_STRING_LITERAL = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")
_IDENTIFIER = re.compile(r"(?<![\w.])([A-Za-z_][A-Za-z0-9_]*)")
# Macros bind a loop variable: `vehicles.all(v, v.weight > 3500)` reads `vehicles`, not `v`.
_MACRO_CALL = re.compile(r"\.(?:all|exists|exists_one|map|filter)\s*\(")
_MACRO_VARIABLE = re.compile(r"\.(?:all|exists|exists_one|map|filter)\(\s*([A-Za-z_]\w*)\s*,")


class ExpressionError(ValueError):
    """An expression that cannot be compiled or evaluated; says which and why."""

    def __init__(self, expression: str, reason: str) -> None:
        super().__init__(f"{reason}: «{expression}»")
        self.expression = expression
        self.reason = reason


def check_bounds(expression: str) -> None:
    if not expression.strip():
        raise ExpressionError(expression, "empty expression")
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(
            expression[:60] + "…", f"expression longer than {MAX_EXPRESSION_LENGTH} characters"
        )
    depth = deepest = 0
    for char in _STRING_LITERAL.sub("''", expression):
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth -= 1
    if deepest > MAX_NESTING_DEPTH:
        raise ExpressionError(expression[:60] + "…", f"nested deeper than {MAX_NESTING_DEPTH}")
    if _comprehension_nesting(expression) > MAX_COMPREHENSION_NESTING:
        raise ExpressionError(
            expression[:60] + "…",
            f"comprehensions (all, exists, map, filter) nested deeper than "
            f"{MAX_COMPREHENSION_NESTING}",
        )


def _comprehension_nesting(expression: str) -> int:
    """How many comprehension macros are open inside one another, at the deepest."""
    text = _STRING_LITERAL.sub("''", expression)
    starts = {match.end() - 1 for match in _MACRO_CALL.finditer(text)}  # their "("
    open_parens: list[bool] = []  # per open "(": does it belong to a macro?
    deepest = 0
    for index, char in enumerate(text):
        if char == "(":
            open_parens.append(index in starts)
            deepest = max(deepest, sum(open_parens))
        elif char == ")" and open_parens:
            open_parens.pop()
    return deepest


@lru_cache(maxsize=4096)
def compile_expression(expression: str) -> Any:
    """Compile once, run many times; raises ExpressionError for a bad expression."""
    check_bounds(expression)
    try:
        return cel.compile(expression)
    except (ValueError, RuntimeError) as error:
        raise ExpressionError(expression, f"invalid expression ({error})") from None


def referenced_names(expression: str) -> set[str]:
    """Top-level variable names an expression reads (fields, groups), without running it.

    Member accesses (`vehicle.plate`) and CEL's own functions are left out."""
    without_strings = _STRING_LITERAL.sub("''", expression)
    bound = set(_MACRO_VARIABLE.findall(without_strings))
    names = set()
    for match in _IDENTIFIER.finditer(without_strings):
        name = match.group(1)
        following = without_strings[match.end() :].lstrip()
        if name in CEL_BUILTINS or name in bound or following.startswith("("):
            continue
        names.add(name)
    return names


class CelVariables(dict[str, Any]):
    """Variables already converted for CEL (see `prepare`): evaluated without copying."""


def prepare(variables: Mapping[str, Any]) -> CelVariables:
    """Convert once, evaluate many conditions: the engine re-evaluates every condition
    after each answer, so converting per expression would dominate the cost."""
    return CelVariables({name: _to_cel(value) for name, value in variables.items()})


@lru_cache(maxsize=4096)
def _names(expression: str) -> frozenset[str]:
    return frozenset(referenced_names(expression))


def _to_cel(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _to_cel(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to_cel(v) for v in value]
    return value


def evaluate(expression: str, variables: Mapping[str, Any]) -> Any:
    program = compile_expression(expression)
    # Only the names the expression reads cross into CEL: handing over a 200-field
    # context costs ~0.3 ms per evaluation, and a screen evaluates hundreds.
    names = _names(expression)
    context = {name: variables[name] for name in names if name in variables}
    if not isinstance(variables, CelVariables):
        context = prepare(context)
    try:
        return program.execute(context)
    except (ValueError, TypeError, RuntimeError, KeyError) as error:
        raise ExpressionError(expression, f"could not evaluate ({error})") from None


def evaluate_condition(expression: str, variables: Mapping[str, Any]) -> bool:
    """A condition must give true or false; anything else is a definition error."""
    result = evaluate(expression, variables)
    if not isinstance(result, bool):
        raise ExpressionError(expression, f"condition gave {type(result).__name__}, not true/false")
    return result
