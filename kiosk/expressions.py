"""Safe expressions from procedure definitions: CEL (Common Expression Language).

Conditions (`show_if`, `required_if`, a document's `required_if`) and calculations
(fees, calculated fields) are written in CEL and evaluated by the
`common-expression-language` package: no `eval`, no loops, no side effects. We add
limits so that a pathological definition is refused with a clear error instead of
being run.

Variables are the procedure's field ids (unanswered fields are `null`) and repeat
group ids (lists of maps). Every number reaches CEL as a double and every date as an
ISO string ("2026-11-22"): CEL compares int with double but does not mix them in
arithmetic, so definitions write `fee * 2.0` and `double(size(vehicles)) * 25.0`. Identifiers an expression uses can be listed without
running it, so the catalog checker can name references to unknown fields.

Every limit is taken on the parsed expression (kiosk.cel_syntax), see
docs/expressions.md: length, nesting, nested comprehensions, literal sizes, and a
static bound on the cost of one evaluation, so that nothing that passes can run long.
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

from kiosk import cel_syntax

# Compiled programs and analyses are kept per expression text. Sized for a whole
# catalog (500 procedures of ~100 expressions) and a 10,000-field definition: a
# smaller cache evicted in a cycle and recompiled every expression on every answer.
# A compiled program takes under 1 KiB.
_CACHE = 32_768

MAX_EXPRESSION_LENGTH = 2_000
MAX_NESTING_DEPTH = cel_syntax.MAX_NESTING_DEPTH
# CEL bounds each comprehension by its list, but nested ones multiply: ten levels of
# `[0,...,9].exists(a, …)` fit in the length and depth limits and run 10^10 steps.
# Two levels cover real definitions (`vehicles.exists(v, v.axles.all(a, …))`).
MAX_COMPREHENSION_NESTING = 2
MAX_STRING_LITERAL = 500  # characters between the quotes
MAX_LITERAL_ITEMS = 200  # items of one list or map written in the expression
# The static cost bound (kiosk.cel_syntax) of one evaluation. Measured on the 2-core
# development VM: 0.002 to 0.4 µs per unit, so nothing within the bound runs longer
# than ~40 ms; real definitions stay under 40,000 (`vehicles.exists(v, v.axles.all(a,
# a.weight > 3.0))`: 35,601), and a `map` in a `map` over two 50-item groups (1.9 s)
# is 5 million.
MAX_COST = 100_000

# `name <op> literal`, the shape of most conditions, read without the parser (10,000
# fields open in a tenth of the time): a plain string (no quote or backslash inside),
# a decimal number or true/false/null. Anything else goes through kiosk.cel_syntax.
_SIMPLE = re.compile(
    r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:==|!=|<=|>=|<|>)\s*"
    r"(\"[^\"\\\n]*\"|'[^'\\\n]*'|\d+(?:\.\d+)?|true|false|null)\s*"
)

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


class ExpressionError(ValueError):
    """An expression that cannot be compiled or evaluated; says which and why."""

    def __init__(self, expression: str, reason: str) -> None:
        super().__init__(f"{reason}: «{expression}»")
        self.expression = expression
        self.reason = reason


def _shown(expression: str) -> str:
    return expression if len(expression) <= 80 else expression[:80] + "…"


@lru_cache(maxsize=_CACHE)
def analyse(expression: str) -> cel_syntax.Analysis:
    """The expression's structure, checked against every limit; raises ExpressionError.

    Limits are taken on the parsed expression, never on its text: spaces, comments and
    string literals of every CEL form cannot hide a bracket or a comprehension."""
    if not expression.strip():
        raise ExpressionError(expression, "empty expression")
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(
            _shown(expression), f"expression longer than {MAX_EXPRESSION_LENGTH} characters"
        )
    simple = _SIMPLE.fullmatch(expression)
    if simple:  # most conditions: nothing in them to nest, iterate or hide
        name, literal = simple.groups()
        found = cel_syntax.Analysis(
            names=frozenset({name} - {"true", "false", "null"}),
            depth=0, comprehensions=0, cost=3, largest_literal=0,
            longest_string=len(literal) - 2 if literal[0] in "'\"" else 0,
        )  # fmt: skip
    else:
        try:
            found = cel_syntax.analyse(expression)
        except cel_syntax.CelSyntaxError as problem:
            reason = problem.reason
            if not reason.startswith("nested deeper"):
                reason = f"invalid expression ({reason})"
            raise ExpressionError(_shown(expression), reason) from None
    if found.comprehensions > MAX_COMPREHENSION_NESTING:
        raise ExpressionError(
            _shown(expression),
            f"comprehensions (all, exists, map, filter) nested deeper than "
            f"{MAX_COMPREHENSION_NESTING}",
        )
    if found.longest_string > MAX_STRING_LITERAL:
        raise ExpressionError(
            _shown(expression), f"a string longer than {MAX_STRING_LITERAL} characters"
        )
    if found.largest_literal > MAX_LITERAL_ITEMS:
        raise ExpressionError(
            _shown(expression), f"a list or map of more than {MAX_LITERAL_ITEMS} items"
        )
    if found.cost > MAX_COST:
        raise ExpressionError(
            _shown(expression),
            f"could take too long to evaluate: estimated cost {found.cost:,}, over the "
            f"limit of {MAX_COST:,} (nested comprehensions, long lists; see "
            f"docs/expressions.md)",
        )
    return found


def check_bounds(expression: str) -> None:
    analyse(expression)


@lru_cache(maxsize=_CACHE)
def compile_expression(expression: str) -> Any:
    """Compile once, run many times; raises ExpressionError for a bad expression."""
    check_bounds(expression)
    cel = _cel_library()
    try:
        return cel.compile(expression)
    except (ValueError, RuntimeError) as error:
        raise ExpressionError(expression, f"invalid expression ({error})") from None


def _cel_library() -> types.ModuleType:
    """The CEL library (~3 MiB), imported at the first expression compiled: a start that
    reads its kept catalog (kiosk.catalog.kept) compiles nothing before a procedure is
    opened, and the screens' modules import this one."""
    # `cel/__init__.py` imports `cel.cli`, CEL's interactive REPL, which pulls rich,
    # pygments and prompt_toolkit: ~0.25 s and tens of MiB for nothing the app uses. An
    # empty stand-in keeps `import cel` working (the frozen build does the same in
    # installers/pyi_rth_cel_cli.py).
    sys.modules.setdefault("cel.cli", types.ModuleType("cel.cli"))
    import cel

    return cel


def referenced_names(expression: str) -> set[str]:
    """Top-level variable names an expression reads (fields, groups), without running it.

    Member accesses (`vehicle.plate`), macro variables and CEL's own names are left
    out. An expression that cannot be read reads nothing (it is refused anyway)."""
    return set(_names(expression))


class CelVariables(dict[str, Any]):
    """Variables already converted for CEL (see `prepare`): evaluated without copying."""


def prepare(variables: Mapping[str, Any]) -> CelVariables:
    """Convert once, evaluate many conditions: the engine re-evaluates every condition
    after each answer, so converting per expression would dominate the cost."""
    return CelVariables({name: _to_cel(value) for name, value in variables.items()})


@lru_cache(maxsize=_CACHE)
def _names(expression: str) -> frozenset[str]:
    try:
        return analyse(expression).names - CEL_BUILTINS
    except ExpressionError:
        return frozenset()


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
