"""Checks that need a whole definition: every expression compiles and reads only known
names, ids are unique, references point at fields that exist, and no condition depends
on itself. Each problem names the procedure and the path inside the definition."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kiosk.catalog.dependencies import cycles
from kiosk.catalog.loader import Problem
from kiosk.catalog.model import FormField, Procedure
from kiosk.expressions import ExpressionError, compile_expression, referenced_names


def _expressions(procedure: Procedure) -> Iterator[tuple[str, str, str | None, set[str]]]:
    """(path, expression, owner field id or None, extra names in scope)."""
    for s, step in enumerate(procedure.steps):
        if step.show_if:
            yield f"steps[{s}].show_if", step.show_if, None, set()
        for f, field in enumerate(step.fields):
            yield from _field_expressions(f"steps[{s}].fields[{f}]", field, set())
        for g, group in enumerate(step.groups):
            if group.show_if:
                yield f"steps[{s}].groups[{g}].show_if", group.show_if, group.id, set()
            item_names = {field.id for field in group.fields}
            for f, field in enumerate(group.fields):
                yield from _field_expressions(
                    f"steps[{s}].groups[{g}].fields[{f}]", field, item_names
                )
    for d, document in enumerate(procedure.documents):
        if document.required_if:
            yield f"documents[{d}].required_if", document.required_if, None, set()
    for i, fee in enumerate(procedure.fees):
        for name in ("amount_expression", "applies_if"):
            expression = getattr(fee, name)
            if expression:
                yield f"fees[{i}].{name}", expression, None, set()


def _field_expressions(
    path: str, field: FormField, scope: set[str]
) -> Iterator[tuple[str, str, str | None, set[str]]]:
    for name in ("show_if", "required_if", "calculate"):
        expression = getattr(field, name)
        if expression:
            yield f"{path}.{name}", expression, field.id, scope
    for c, constraint in enumerate(field.constraints):
        yield (
            f"{path}.constraints[{c}].expression",
            constraint.expression,
            field.id,
            scope | {"value"},
        )


def check_procedure(procedure: Procedure) -> list[Problem]:
    problems: list[Problem] = []
    pid = procedure.id

    def problem(path: str, message: str) -> None:
        problems.append(Problem(pid, path, message))

    known: dict[str, str] = {}
    for s, step in enumerate(procedure.steps):
        for f, field in enumerate(step.fields):
            if field.id in known:
                problem(
                    f"steps[{s}].fields[{f}].id",
                    f"duplicate field id '{field.id}' (also at {known[field.id]})",
                )
            known.setdefault(field.id, f"steps[{s}].fields[{f}]")
        for g, group in enumerate(step.groups):
            if group.id in known:
                problem(f"steps[{s}].groups[{g}].id", f"duplicate id '{group.id}'")
            known.setdefault(group.id, f"steps[{s}].groups[{g}]")
    for kind, ids in (
        ("step", [s.id for s in procedure.steps]),
        ("document", [d.id for d in procedure.documents]),
        ("fee", [f.id for f in procedure.fees]),
    ):
        for duplicate in sorted(i for i, n in Counter(ids).items() if n > 1):
            problem(f"{kind}s", f"duplicate {kind} id '{duplicate}'")

    depends: dict[str, set[str]] = {}
    known_ids = set(known)  # once: per expression it made checking quadratic
    for path, expression, owner, scope in _expressions(procedure):
        try:
            compile_expression(expression)
        except ExpressionError as error:
            # The reason with the expression itself, and whose it is.
            whose = f"'{owner}': " if owner else ""
            problem(path, f"{whose}{error.reason}: «{error.expression}»")
            continue
        names = referenced_names(expression)
        for unknown in sorted(names - known_ids - scope):
            problem(path, f"refers to unknown field '{unknown}'")
        if owner is not None:
            depends.setdefault(owner, set()).update(names & known_ids)

    for s, step in enumerate(procedure.steps):
        for f, field in enumerate(step.fields):
            where = f"steps[{s}].fields[{f}]"
            if field.prefill and field.prefill.key_field not in known:
                problem(f"{where}.prefill.key_field", f"unknown field '{field.prefill.key_field}'")
            if field.birth_date_field and field.birth_date_field not in known:
                problem(f"{where}.birth_date_field", f"unknown field '{field.birth_date_field}'")
    for d, document in enumerate(procedure.documents):
        if document.once_only and document.once_only.identifier_field not in known:
            problem(
                f"documents[{d}].once_only.identifier_field",
                f"unknown field '{document.once_only.identifier_field}'",
            )

    for cycle in cycles(depends):
        problem(
            known.get(cycle[0], ""),
            "conditions depend on each other in a cycle: " + " → ".join(cycle),
        )
    return problems
