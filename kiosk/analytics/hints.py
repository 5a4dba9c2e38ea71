"""Simplification hints: where a procedure loses or troubles its applicants, ranked.

Three kinds, each scored as the share of applicants it affects (so they rank together)
and carrying the figures behind it:

- `abandonment`: a step where kiosk applicants leave (left there / reached it);
- `errors`: a field whose validation most often stops applicants (hit / reached its step),
  with its most frequent rule;
- `once_only`: a document applicants must still bring although a registry holds it: a
  Once Only candidate. A registry "holds it" when another procedure of the catalog
  already has the administration fetch the same document (same ΜΙΤΟΣ evidence id or
  document id), or when its title names a document a known registry issues (the table
  below). The figures say which, and whether the form already asks the identifier that
  registry is keyed by (a registry binding on one of its fields): then the change is
  a definition edit, not a new form field.

Figures from fewer than `min_reached` applicants are left out: two people leaving a step
is an anecdote, not a hint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from kiosk.analytics.summary import ProcedureSummary, rate
from kiosk.catalog.greek_text import fold
from kiosk.catalog.model import Procedure

HintKind = Literal["abandonment", "errors", "once_only"]
Figure = int | float | str

# Folded title fragments -> the registry that issues such a document, and the
# identifier it is looked up by. Kept short and literal so a reviewer can check it.
REGISTRY_TITLES: tuple[tuple[str, str, str], ...] = (
    ("ποινικου μητρωου", "police", "afm"),
    ("γεμη", "gemi", "afm"),
    ("εκκαθαριστικο", "taxpayer", "afm"),
    ("φορολογικ", "taxpayer", "afm"),
    ("ασφαλιστικ", "efka", "amka"),
    ("εφκα", "efka", "amka"),
    ("αστυνομικη ταυτοτητα", "identity", "amka"),  # not "photos of identity-card type"
    ("δελτιο ταυτοτητας", "identity", "amka"),
    ("αδεια κυκλοφοριας", "vehicle", "plate"),
    ("οχηματ", "vehicle", "plate"),
    ("κτηματολογ", "ktimatologio", "afm"),
)


@dataclass(frozen=True)
class Hint:
    kind: HintKind
    procedure_id: str
    subject_id: str  # step, field (group.field) or document id
    score: float  # share of applicants affected, 0..1
    figures: dict[str, Figure]


def _abandonment(summary: ProcedureSummary, min_reached: int) -> list[Hint]:
    hints = []
    for step_id, left in summary.kiosk_abandoned.items():
        reached = summary.kiosk_reached.get(step_id, 0)
        if reached < min_reached or left == 0:
            continue
        figures: dict[str, Figure] = {"abandoned": left, "reached": reached}
        median = summary.step_median_seconds(step_id)
        if median is not None:
            figures["median_seconds"] = median
        hints.append(
            Hint(
                "abandonment", summary.procedure_id, step_id, min(1.0, rate(left, reached)), figures
            )
        )
    return hints


def _errors(summary: ProcedureSummary, min_reached: int) -> list[Hint]:
    hints = []
    for (step_id, field_id), (hit, rule) in summary.field_errors().items():
        reached = summary.reached.get(step_id, 0)
        if reached < min_reached:
            continue
        figures: dict[str, Figure] = {
            "errors": hit, "reached": reached, "top_rule": rule, "step_id": step_id,
        }  # fmt: skip
        hints.append(
            Hint("errors", summary.procedure_id, field_id, min(1.0, rate(hit, reached)), figures)
        )
    return hints


def registry_holding(
    procedure: Procedure, document_id: str, catalog: Mapping[str, Procedure]
) -> tuple[str, str, str] | None:
    """(registry, identifier, evidence) for a document this procedure asks to bring."""
    document = next((d for d in procedure.documents if d.id == document_id), None)
    if document is None or document.once_only is not None:
        return None
    for other in catalog.values():
        for candidate in other.documents:
            same = candidate.id == document.id or (
                document.mitos_evidence_id is not None
                and candidate.mitos_evidence_id == document.mitos_evidence_id
            )
            if same and candidate.once_only is not None:
                identifier = candidate.once_only.identifier_field
                return candidate.once_only.registry, identifier, f"catalog:{other.id}"
    title = fold(document.title.el)
    for fragment, registry, identifier in REGISTRY_TITLES:
        if fragment in title:
            return registry, identifier, "title"
    return None


def _asks_identifier(procedure: Procedure, registry: str, identifier: str) -> bool:
    """Does the form already ask the key this registry is looked up by?"""
    fields = [f for step in procedure.steps for f in step.fields]
    bound = any(f.prefill is not None and f.prefill.registry == registry for f in fields)
    return bound or any(f.id == identifier or f.type == identifier for f in fields)


def _once_only(
    summary: ProcedureSummary,
    procedure: Procedure | None,
    catalog: Mapping[str, Procedure],
    min_reached: int,
) -> list[Hint]:
    if procedure is None or summary.submitted < min_reached:
        return []
    hints = []
    for document_id, statuses in summary.documents.items():
        bring = statuses.get("bring", 0)
        holder = registry_holding(procedure, document_id, catalog) if bring else None
        if holder is None:
            continue
        registry, identifier, evidence = holder
        figures: dict[str, Figure] = {
            "bring": bring, "submitted": summary.submitted, "registry": registry,
            "identifier": identifier, "evidence": evidence,
            "form_asks_identifier": "yes" if _asks_identifier(procedure, registry, identifier) else "no",
        }  # fmt: skip
        share = min(1.0, rate(bring, summary.submitted))
        hints.append(Hint("once_only", summary.procedure_id, document_id, share, figures))
    return hints


def hints_for(
    summary: ProcedureSummary,
    procedure: Procedure | None,
    catalog: Mapping[str, Procedure],
    *,
    min_reached: int = 5,
) -> list[Hint]:
    """All hints for one procedure, the largest share of applicants affected first."""
    hints = [
        *_abandonment(summary, min_reached),
        *_errors(summary, min_reached),
        *_once_only(summary, procedure, catalog, min_reached),
    ]
    return sorted(hints, key=lambda h: (-h.score, h.kind, h.subject_id))
