"""Is a definition safe to fill? Checked once per procedure, before the first answer.

The catalog checker (kiosk.catalog.check) reports the same kind of problems when a
bundle is built; the engine checks again because a session may be handed any
Procedure (an older draft's version, a test, a hand-edited file), and a pathological
definition must give a clear error at the start, never a hang or a silently wrong
form halfway through. Expressions are read and bounded by kiosk.expressions (length,
nesting, nested comprehensions, literal sizes, static cost); here we add what needs
the whole definition: no condition or calculation depends on itself, directly or in
a cycle. Everything here is linear in the size of the definition."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from kiosk.catalog.dependencies import cycles
from kiosk.catalog.model import FormField, Procedure
from kiosk.expressions import ExpressionError, analyse, referenced_names

_CACHE_SIZE = 64


class DefinitionProblem(msgspec.Struct, frozen=True):
    path: str  # e.g. "steps[1].fields[2].show_if"
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class DefinitionError(ValueError):
    """The procedure cannot be filled as defined; `problems` says where and why."""

    def __init__(self, procedure: Procedure, problems: list[DefinitionProblem]) -> None:
        listed = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(
            f"procedure '{procedure.id}' {procedure.version} cannot be filled: {listed}{more}"
        )
        self.problems = problems


def _expressions(procedure: Procedure) -> Iterator[tuple[str, str]]:
    """(path, expression) for every expression of the definition."""

    def of_field(path: str, field: FormField) -> Iterator[tuple[str, str]]:
        for name in ("show_if", "required_if", "calculate"):
            expression = getattr(field, name)
            if expression is not None:
                yield f"{path}.{name}", expression
        for index, constraint in enumerate(field.constraints):
            yield f"{path}.constraints[{index}]", constraint.expression

    for s, step in enumerate(procedure.steps):
        if step.show_if:
            yield f"steps[{s}].show_if", step.show_if
        for f, field in enumerate(step.fields):
            yield from of_field(f"steps[{s}].fields[{f}]", field)
        for g, group in enumerate(step.groups):
            if group.show_if:
                yield f"steps[{s}].groups[{g}].show_if", group.show_if
            for f, field in enumerate(group.fields):
                yield from of_field(f"steps[{s}].groups[{g}].fields[{f}]", field)
    for i, fee in enumerate(procedure.fees):
        for name in ("applies_if", "amount_expression"):
            expression = getattr(fee, name)
            if expression is not None:
                yield f"fees[{i}].{name}", expression
    for i, document in enumerate(procedure.documents):
        if document.required_if:
            yield f"documents[{i}].required_if", document.required_if


def _dependencies(procedure: Procedure) -> dict[str, set[str]]:
    """What each field's, group's or step's visibility and calculation read."""
    graph: dict[str, set[str]] = {}
    for step in procedure.steps:
        own = {f.id for f in step.fields} | {g.id for g in step.groups}
        if step.show_if:
            # A step shown only by its own answers could never be reached to answer them.
            graph[f"step:{step.id}"] = referenced_names(step.show_if) & own
        for field in step.fields:
            reads = set()
            for expression in (field.show_if, field.calculate):
                if expression:
                    reads |= referenced_names(expression)
            graph[field.id] = reads
        for group in step.groups:
            graph[group.id] = referenced_names(group.show_if) if group.show_if else set()
    return graph


def find_problems(procedure: Procedure) -> list[DefinitionProblem]:
    problems = []
    for path, expression in _expressions(procedure):
        try:
            # Read and bounded here; compiled by CEL when first evaluated (the catalog
            # checker compiles every one): 10,000 fields open in a tenth of the time.
            analyse(expression)
        except ExpressionError as error:
            problems.append(DefinitionProblem(path, error.reason))
    graph = _dependencies(procedure)
    fields: dict[str, set[str]] = {}
    for node, reads in graph.items():
        if not node.startswith("step:"):
            fields[node] = reads
        elif reads:
            names = ", ".join(sorted(reads))
            problems.append(
                DefinitionProblem(node, f"shown only by answers asked on itself ({names})")
            )
    for cycle in cycles(fields):  # one pass over the graph: linear in its size
        problems.append(DefinitionProblem(cycle[0], "depends on itself: " + " -> ".join(cycle)))
    return problems


_checked: dict[int, tuple[Procedure, list[DefinitionProblem]]] = {}


def ensure_fillable(procedure: Procedure) -> None:
    """Raise DefinitionError if the procedure cannot be filled safely.

    Remembered per Procedure object (they are immutable), so building sessions again
    for one procedure costs nothing after the first."""
    known = _checked.get(id(procedure))
    if known is None or known[0] is not procedure:
        if len(_checked) >= _CACHE_SIZE:
            _checked.clear()
        known = (procedure, find_problems(procedure))
        _checked[id(procedure)] = known
    if known[1]:
        raise DefinitionError(procedure, known[1])
