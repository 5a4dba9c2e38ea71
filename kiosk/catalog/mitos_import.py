"""Draft procedure definitions from the ΜΙΤΟΣ registry export (CPSV-AP, flattened JSON).

Each entry becomes a Procedure marked `draft` (imported, not yet reviewed by a person):
its identity carries the ΜΙΤΟΣ id; the requirements become eligibility notes and yes/no
questions; the evidences become supporting documents; legal basis, costs (as fees) and
life events are copied over. What the export does not hold is not invented: there are no
English texts and no responsible authority in it, so the authority is a placeholder a
reviewer must replace, and everything that could not be mapped is listed per procedure.

An entry that is malformed (no id, wrong types) is reported by its index and id and
left out; it never stops the others.
"""

from __future__ import annotations

import ast
import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from kiosk.catalog.check import check_procedure
from kiosk.catalog.model import (
    Authority,
    Fee,
    FormField,
    LegalBasis,
    Procedure,
    Step,
    SupportingDocument,
    Text,
)
from kiosk.catalog.validation import DefinitionError, convert, dump
from kiosk.records import Record, whole

DRAFT_VERSION = "0.1.0"
PLACEHOLDER_AUTHORITY = Text(
    el="Αρμόδια υπηρεσία (δεν αναφέρεται στο ΜΙΤΟΣ· να συμπληρωθεί)",
    en="Responsible authority (not given by ΜΙΤΟΣ; to be filled in)",
)
COMMON_GAPS = (
    "the export has no English texts and no responsible authority: every draft has "
    "Greek texts only and a placeholder authority to replace before publishing"
)


class MitosImportError(Exception):
    """The file as a whole cannot be imported (unreadable, not a JSON list)."""


# -- the export as it is: lenient where the data is, strict where ids and types matter --


class _Raw(Record, frozen=True, forbid_unknown_fields=False):
    """What the export holds beyond what is mapped is ignored, not refused."""


class _RawRequirement(_Raw, frozen=True, kw_only=True):
    n: str | int | None = None
    type: str | None = None
    text: str | None = None


class _RawEvidence(_Raw, frozen=True, kw_only=True):
    n: str | int | None = None
    evidence_type_id: str | None = None
    name: str | None = None
    related_url: str | None = None


class _RawLegalBasis(_Raw, frozen=True, kw_only=True):
    id_local: str | None = None
    ada: str | None = None
    description: str | None = None


class _RawCost(_Raw, frozen=True, kw_only=True):
    kind: str | None = None
    value: str | float | int | None = None
    currency: str | None = None


class _RawEntry(_Raw, frozen=True, kw_only=True):
    mitos_id: Annotated[str, Meta(pattern=whole(r"^\d{1,12}$"))]
    title: Annotated[str, Meta(min_length=1)]
    description: str | None = None
    alt_labels: str | list[str] | None = None
    requirements: list[_RawRequirement] = msgspec.field(default=[])
    evidences: list[_RawEvidence] = msgspec.field(default=[])
    legal_basis: list[_RawLegalBasis] = msgspec.field(default=[])
    costs: list[_RawCost] = msgspec.field(default=[])
    life_events: list[str] = msgspec.field(default=[])
    outputs: list[str] = msgspec.field(default=[])


# -- results ---------------------------------------------------------------------------


class ImportedProcedure(msgspec.Struct):
    procedure: Procedure
    notes: list[str]  # what could not be mapped, in words


class MitosImport(msgspec.Struct):
    imported: list[ImportedProcedure] = msgspec.field(default=[])
    failures: list[str] = msgspec.field(default=[])  # "entry 7 (mitos_id 123): why"
    total: int = 0

    def summary(self) -> str:
        notes = sum(len(item.notes) for item in self.imported)
        return (
            f"imported {len(self.imported)} of {self.total} entries as draft procedures, "
            f"{len(self.failures)} failed, {notes} notes on what could not be mapped"
        )


# -- reading ---------------------------------------------------------------------------


def read_export(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MitosImportError(f"{path}: cannot read it as JSON ({error})") from None
    if not isinstance(data, list):
        raise MitosImportError(
            f"{path}: expected a JSON list of ΜΙΤΟΣ procedures, found {type(data).__name__}"
        )
    return data


def import_entries(entries: list[Any]) -> MitosImport:
    result = MitosImport(total=len(entries))
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        label = _entry_label(index, entry)
        try:
            raw = convert(entry, _RawEntry)
        except DefinitionError as error:
            reasons = "; ".join(f"{where or 'entry'}: {why}" for where, why in error.problems)
            result.failures.append(f"{label}: {reasons}")
            continue
        if raw.mitos_id in seen:
            result.failures.append(f"{label}: duplicate mitos_id, already imported")
            continue
        try:
            imported = _convert(raw)
        except DefinitionError as error:  # a mapping the model refuses: report, go on
            reasons = "; ".join(f"{where}: {why}" for where, why in error.problems)
            result.failures.append(f"{label}: the draft does not validate: {reasons}")
        except ValueError as error:  # a record's own rule, refused while building it
            result.failures.append(f"{label}: the draft does not validate: {error}")
            continue
        problems = check_procedure(imported.procedure)
        if problems:
            result.failures.append(f"{label}: " + "; ".join(str(p) for p in problems))
            continue
        seen.add(raw.mitos_id)
        result.imported.append(imported)
    return result


def _entry_label(index: int, entry: Any) -> str:
    mitos_id = entry.get("mitos_id") if isinstance(entry, dict) else None
    return f"entry {index} (mitos_id {mitos_id})" if mitos_id else f"entry {index} (no mitos_id)"


# -- mapping ---------------------------------------------------------------------------


def _given(value: Any) -> str | None:
    """The export writes missing values as the string "None"."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text in ("", "None") else text


def _clean(text: str) -> str:
    """Collapse runs of spaces, keep paragraph breaks, drop blank lines."""
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _literal_list(value: str | list[str] | None, what: str, notes: list[str]) -> list[str]:
    """alt_labels and outputs hold Python-list literals as strings: read them safely."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        text = _given(item)
        if text is None:
            continue
        if text.startswith("["):
            try:
                # Raw line breaks inside the quotes separate alternative labels.
                parsed = ast.literal_eval(text.replace("\n", "\\n"))
            except (ValueError, SyntaxError):
                notes.append(f"{what}: not a readable list, left out")
                continue
            parts = [line for x in parsed for line in str(x).splitlines()]
        else:
            parts = text.splitlines()
        found.extend(_one_line(part) for part in parts if _given(part))
    return list(dict.fromkeys(found))


def _convert(raw: _RawEntry) -> ImportedProcedure:
    notes: list[str] = []
    title = _one_line(raw.title)
    given = _given(raw.description)
    description = _clean(given) if given else None
    if description is None:
        notes.append("no description: the summary repeats the title")
    eligibility, questions = _requirements(raw, notes)
    fees, help_lines = _fees(raw, notes)
    procedure = Procedure(
        id=f"mitos-{raw.mitos_id}",
        version=DRAFT_VERSION,
        mitos_id=raw.mitos_id,
        title=Text(el=title),
        summary=Text(el=description or title),
        help=Text(el="\n".join(help_lines)) if help_lines else None,
        alt_titles=[t for t in _literal_list(raw.alt_labels, "alt_labels", notes) if t != title],
        life_events=list(dict.fromkeys(_one_line(e) for e in raw.life_events if _given(e))),
        eligibility=eligibility,
        authority=Authority(name=PLACEHOLDER_AUTHORITY),
        legal_basis=_legal_basis(raw, notes),
        fees=fees,
        steps=_steps(questions),
        documents=_documents(raw, notes),
        outputs=[Text(el=o) for o in _literal_list(raw.outputs, "outputs", notes)],
        draft=True,
    )
    # Built in code, so checked as a file would be: a Struct's constructor checks
    # no types nor limits (an empty Greek title, say), only the records' own rules.
    return ImportedProcedure(convert(dump(procedure), Procedure), notes)


def _requirements(raw: _RawEntry, notes: list[str]) -> tuple[list[Text], list[FormField]]:
    eligibility: list[Text] = []
    questions: list[FormField] = []
    for number, requirement in enumerate(raw.requirements, start=1):
        text = _given(requirement.text)
        if text is None:
            notes.append(f"requirement {number} without text, left out")
            continue
        kind = _given(requirement.type)
        eligibility.append(Text(el=_clean(text)))
        questions.append(
            FormField(
                id=f"requirement_{number}",
                type="yes_no",
                label=Text(el=_clean(text)),
                help=Text(el=f"Προϋπόθεση: {kind}") if kind else None,
                required=True,
            )
        )
    return eligibility, questions


def _steps(questions: list[FormField]) -> list[Step]:
    """Who applies (every procedure needs it), then one yes/no per requirement."""
    applicant = Step(
        id="applicant",
        title=Text(el="Στοιχεία αιτούντος", en="Applicant"),
        fields=[
            FormField(
                id="full_name",
                type="text",
                label=Text(el="Ονοματεπώνυμο ή επωνυμία", en="Full name or business name"),
                required=True,
                max_length=200,
            ),
            FormField(id="afm", type="afm", label=Text(el="ΑΦΜ", en="Tax number (AFM)")),
            FormField(id="phone", type="phone", label=Text(el="Τηλέφωνο", en="Phone")),
            FormField(id="email", type="email", label=Text(el="Email", en="E-mail")),
        ],
    )
    steps = [applicant]
    if questions:
        steps.append(
            Step(
                id="requirements",
                title=Text(el="Προϋποθέσεις", en="Requirements"),
                help=Text(
                    el="Απαντήστε αν ισχύει για εσάς κάθε προϋπόθεση του ΜΙΤΟΣ.",
                    en="Say whether each requirement of the registry applies to you.",
                ),
                fields=questions,
            )
        )
    return steps


def _documents(raw: _RawEntry, notes: list[str]) -> list[SupportingDocument]:
    documents: list[SupportingDocument] = []
    for number, evidence in enumerate(raw.evidences, start=1):
        name = _given(evidence.name)
        if name is None:
            notes.append(f"evidence {number} without title, left out")
            continue
        type_id = _given(evidence.evidence_type_id)
        if type_id is None:
            notes.append(f"evidence {number} without an evidence type id")
        url = _given(evidence.related_url)
        documents.append(
            SupportingDocument(
                id=f"document_{number}",
                title=Text(el=_clean(name)),
                description=Text(el=f"Σχετικά: {url}", en=f"See: {url}") if url else None,
                mitos_evidence_id=type_id.removesuffix(".0") if type_id else None,
            )
        )
    return documents


def _legal_basis(raw: _RawEntry, notes: list[str]) -> list[LegalBasis]:
    found: list[LegalBasis] = []
    for number, basis in enumerate(raw.legal_basis, start=1):
        description = _given(basis.description)
        reference = _given(basis.id_local)
        if description is None:
            shown = f" ({reference})" if reference else ""
            notes.append(f"legal basis {number}{shown} without description, left out")
            continue
        found.append(
            LegalBasis(
                title=Text(el=_clean(description)), reference=reference, ada=_given(basis.ada)
            )
        )
    return found


def _fees(raw: _RawEntry, notes: list[str]) -> tuple[list[Fee], list[str]]:
    """ΜΙΤΟΣ gives a minimum and a maximum cost. Equal: one fee of that amount. Different:
    the amount depends on the case, which the export does not say, so no fee is made and
    the range goes into the help text for a reviewer to turn into a rule."""
    amounts: list[Decimal] = []
    for number, cost in enumerate(raw.costs, start=1):
        value = _given(cost.value)
        currency = _given(cost.currency)
        if value is None:
            notes.append(f"cost {number} without amount, left out")
            continue
        if currency not in (None, "Euro", "EUR", "€"):
            notes.append(f"cost {number} in {currency}, not euro, left out")
            continue
        try:
            amount = Decimal(value).quantize(Decimal("0.01"))
        except InvalidOperation:
            notes.append(f"cost {number}: amount {value!r} is not a number, left out")
            continue
        if amount < 0:
            notes.append(f"cost {number}: negative amount {amount}, left out")
            continue
        amounts.append(amount)
    if not amounts:
        return [], []
    low, high = min(amounts), max(amounts)
    if low == high:
        fee = Fee(id="cost", label=Text(el="Κόστος διαδικασίας", en="Procedure cost"), amount=low)
        return [fee], []
    notes.append(f"cost range {low}–{high} € has no single amount: left out of fees, put in help")
    return [], [f"Κόστος κατά το ΜΙΤΟΣ: από {_euro(low)} έως {_euro(high)}."]


def _euro(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",") + " €"


# -- writing ---------------------------------------------------------------------------


def write_catalog(
    result: MitosImport,
    out: Path,
    *,
    catalog_id: str = "mitos-import",
    version: str | None = None,
    created: date | None = None,
) -> None:
    """A catalog folder (procedures/*.json + catalog.json); refuses a non-empty folder so
    that nothing already there is overwritten."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise MitosImportError(f"{out}: exists and is not an empty folder; choose a new one")
    today = created or date.today()
    (out / "procedures").mkdir(parents=True, exist_ok=True)
    for item in result.imported:
        data = dump(item.procedure, exclude_none=True)
        path = out / "procedures" / f"{item.procedure.id}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    manifest = {
        "catalog_id": catalog_id,
        "version": version or f"{today.year}.{today.month}.{today.day}",
        "created": today.isoformat(),
        "source": "ΜΙΤΟΣ registry (CPSV-AP export); drafts imported by kiosk catalog import-mitos",
    }
    (out / "catalog.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


# -- what changed in the registry since an earlier export ------------------------------

ChangeKind = Literal["added", "removed", "changed"]


class RegistryChange(msgspec.Struct, frozen=True):
    """One change of a registry entry an authored procedure was written from."""

    procedure_id: str
    mitos_id: str
    aspect: str  # requirements, evidences, costs, legal_basis, entry
    kind: ChangeKind
    before: str | None = None
    after: str | None = None

    def __str__(self) -> str:
        if self.kind == "changed":
            what = f"«{self.before}» → «{self.after}»"
        else:
            what = f"«{self.after if self.kind == 'added' else self.before}»"
        return f"{self.procedure_id} (ΜΙΤΟΣ {self.mitos_id}) {self.aspect}: {self.kind} {what}"


def _entries_by_id(entries: list[Any]) -> dict[str, _RawEntry]:
    found: dict[str, _RawEntry] = {}
    for entry in entries:
        try:
            raw = convert(entry, _RawEntry)
        except DefinitionError:
            continue  # import-mitos reports malformed entries; a review skips them
        found.setdefault(raw.mitos_id, raw)
    return found


def _aspects(raw: _RawEntry) -> dict[str, dict[str, str]]:
    """Per aspect: a stable key of each item -> its text as the author reads it."""

    def text(value: Any) -> str:
        return _one_line(_clean(str(value))) if value is not None else ""

    return {
        "requirements": {text(r.text): text(r.text) for r in raw.requirements if r.text},
        "evidences": {(e.evidence_type_id or text(e.name)): text(e.name) for e in raw.evidences},
        "costs": {
            text(c.kind)
            or f"cost {n}": f"{text(c.kind)} {text(c.value)} {text(c.currency)}".strip()
            for n, c in enumerate(raw.costs)
        },
        "legal_basis": {
            (lb.id_local or lb.ada or text(lb.description)): " ".join(
                part for part in (text(lb.id_local), text(lb.ada), text(lb.description)) if part
            )
            for lb in raw.legal_basis
        },
    }


def registry_changes(
    previous: list[Any], current: list[Any], authored: list[Procedure]
) -> list[RegistryChange]:
    """For each authored procedure (one with a ΜΙΤΟΣ id, not a draft), what its registry
    entry changed between two exports: the author's review list."""
    before_all = _entries_by_id(previous)
    after_all = _entries_by_id(current)
    changes: list[RegistryChange] = []
    for procedure in sorted(authored, key=lambda p: p.id):
        mitos_id = procedure.mitos_id
        if not mitos_id or procedure.draft or mitos_id not in before_all:
            continue
        if mitos_id not in after_all:
            changes.append(
                RegistryChange(
                    procedure.id, mitos_id, "entry", "removed", before=procedure.title.el
                )
            )
            continue
        old, new = _aspects(before_all[mitos_id]), _aspects(after_all[mitos_id])
        for aspect in old:
            for key in sorted(old[aspect].keys() | new[aspect].keys()):
                was, now = old[aspect].get(key), new[aspect].get(key)
                if was == now:
                    continue
                kind: ChangeKind = (
                    "added" if was is None else "removed" if now is None else "changed"
                )
                changes.append(RegistryChange(procedure.id, mitos_id, aspect, kind, was, now))
    return changes
