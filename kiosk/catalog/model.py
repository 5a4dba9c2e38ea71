"""The procedure definition format (schema version 1).

A procedure is data: identity and semantic version, Greek (required) and English
texts, authority, legal basis, fees, steps of typed fields, conditions and
calculations in CEL (kiosk.expressions), repeat groups, and the supporting documents
with the condition under which each is required and whether the administration
fetches it itself (Once Only). The JSON Schema exported from these models is
published in resources/schemas/procedure.schema.json.

Structural rules live here (types, ids, ranges). Rules that need the whole definition
(expressions compile, references point at existing fields, no condition cycles) are
checked by kiosk.catalog.check, which reports every problem with its path.

Each part is a kiosk.records.Record (a msgspec Struct), validated through
kiosk.catalog.validation, which reports every problem at once. Each class repeats
`frozen=True, kw_only=True`: msgspec applies kw_only to the fields a class itself
declares, and mypy reads a subclass without frozen=True as mutable. An empty list
default is `field(default=[])` (msgspec copies it per record, as it would `= []`;
ruff cannot tell that Record is a Struct and would flag `= []`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from msgspec import Meta, field

from kiosk.records import Record, whole

SCHEMA_VERSION: Literal[1] = 1

IDENTIFIER = r"^[a-z][a-z0-9_]{0,63}$"
PROCEDURE_ID = r"^[a-z0-9][a-z0-9-]{1,79}$"
SEMVER = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
MAX_REPEAT_ITEMS = 50


Identifier = Annotated[str, Meta(pattern=whole(IDENTIFIER))]
NonEmpty = Annotated[str, Meta(min_length=1)]
SizeMb = Annotated[int, Meta(ge=1, le=200)]
Age = Annotated[int, Meta(ge=0, le=150)]
Count = Annotated[int, Meta(ge=0)]


class Text(Record, frozen=True, kw_only=True):
    """A text in Greek (always) and English (where translated)."""

    el: NonEmpty
    en: str | None = None

    def get(self, locale: str) -> str:
        return self.en if locale == "en" and self.en else self.el


Expression = str  # CEL, see kiosk.expressions

FieldType = Literal[
    "text",
    "long_text",
    "number",
    "money",
    "date",
    "choice",
    "multi_choice",
    "yes_no",
    "afm",
    "amka",
    "iban",
    "phone",
    "email",
    "postcode",
    "address",
    "regional_unit",
    "attachment",
    "declaration",
]

RegistryName = Literal["taxpayer", "identity", "vehicle", "business", "property"]


class Choice(Record, frozen=True, kw_only=True):
    value: Annotated[str, Meta(pattern=whole(r"^[a-z0-9_]{1,64}$"))]
    label: Text


class Constraint(Record, frozen=True, kw_only=True):
    """A rule the answer must satisfy, with the message that tells how to fix it."""

    expression: Expression
    message: Text


class RegistryBinding(Record, frozen=True, kw_only=True):
    """Once Only prefill: fill this field from a registry, keyed by another field."""

    registry: RegistryName
    key_field: Identifier
    attribute: NonEmpty


class FormField(Record, frozen=True, kw_only=True):
    id: Identifier
    type: FieldType
    label: Text
    help: Text | None = None
    required: bool = False
    required_if: Expression | None = None
    show_if: Expression | None = None
    choices: list[Choice] = field(default=[])
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    min_length: Count | None = None
    max_length: Annotated[int, Meta(ge=1)] | None = None
    min_age: Age | None = None
    max_age: Age | None = None
    not_in_future: bool = False
    constraints: list[Constraint] = field(default=[])
    calculate: Expression | None = None
    prefill: RegistryBinding | None = None
    declaration_text: Text | None = None
    accept: list[str] = field(default=[])  # media types for attachments
    max_size_mb: SizeMb | None = None
    birth_date_field: Identifier | None = None  # AMKA cross-check

    def __post_init__(self) -> None:
        if self.type in ("choice", "multi_choice") and len(self.choices) < 2:
            raise ValueError(f"field '{self.id}': a {self.type} needs at least two choices")
        if self.type not in ("choice", "multi_choice") and self.choices:
            raise ValueError(f"field '{self.id}': only choice fields have choices")
        if self.type == "declaration" and self.declaration_text is None:
            raise ValueError(f"field '{self.id}': a declaration needs its declaration_text")
        values = [c.value for c in self.choices]
        if len(values) != len(set(values)):
            raise ValueError(f"field '{self.id}': duplicate choice values")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValueError(f"field '{self.id}': min_value is above max_value")


class RepeatGroup(Record, frozen=True, kw_only=True):
    """Fields asked once per item: several vehicles, several plots."""

    id: Identifier
    label: Text
    item_label: Text
    help: Text | None = None
    show_if: Expression | None = None
    min_items: Count = 0
    max_items: Annotated[int, Meta(ge=1, le=MAX_REPEAT_ITEMS)] = 10
    fields: Annotated[list[FormField], Meta(min_length=1)]


class Step(Record, frozen=True, kw_only=True):
    id: Identifier
    title: Text
    help: Text | None = None
    show_if: Expression | None = None
    fields: list[FormField] = field(default=[])
    groups: list[RepeatGroup] = field(default=[])

    def __post_init__(self) -> None:
        if not self.fields and not self.groups:
            raise ValueError(f"step '{self.id}' has no fields")


AcceptedForm = Literal["original", "certified_copy", "simple_copy", "digital"]


class OnceOnly(Record, frozen=True, kw_only=True):
    """The administration fetches this document itself from a registry service."""

    registry: RegistryName | Literal["ktimatologio", "efka", "gemi", "aade", "police", "other"]
    service: Text  # which registry service, in words
    identifier_field: Identifier


class SupportingDocument(Record, frozen=True, kw_only=True):
    """A δικαιολογητικό: when it is required, in which form, and who provides it."""

    id: Identifier
    title: Text
    description: Text | None = None
    required_if: Expression | None = None  # None: always required
    condition_text: Text | None = None  # the condition in words, for the checklist
    accepted_forms: list[AcceptedForm] = field(default_factory=lambda: ["original"])
    once_only: OnceOnly | None = None
    mitos_evidence_id: str | None = None
    max_size_mb: SizeMb | None = None  # else the office's limit


class Fee(Record, frozen=True, kw_only=True):
    id: Identifier
    label: Text
    amount: Decimal | None = None  # at least 0: checked below (Meta has no ge for Decimal)
    amount_expression: Expression | None = None
    applies_if: Expression | None = None
    e_paravolo_code: str | None = None
    payment_info: Text | None = None

    def __post_init__(self) -> None:
        if (self.amount is None) == (self.amount_expression is None):
            raise ValueError(f"fee '{self.id}': give exactly one of amount, amount_expression")
        if self.amount is not None and self.amount < 0:
            raise ValueError(f"fee '{self.id}': the amount is below zero")


class LegalBasis(Record, frozen=True, kw_only=True):
    title: Text
    reference: str | None = None  # e.g. "ν. 4070/2012, άρθρο 82"
    fek: str | None = None  # e.g. "ΦΕΚ Α΄ 82/10.04.2012"
    ada: str | None = None
    url: str | None = None


class Contact(Record, frozen=True, kw_only=True):
    phone: str | None = None
    email: str | None = None
    address: Text | None = None
    hours: Text | None = None


class Authority(Record, frozen=True, kw_only=True):
    name: Text
    unit: Text | None = None
    contact: Contact | None = None


class Office(Record, frozen=True, kw_only=True):
    id: Annotated[str, Meta(pattern=whole(r"^[a-z0-9][a-z0-9-]{1,63}$"))]
    name: Text
    regional_unit_code: str | None = None  # Kallikratis code, e.g. "0901"
    contact: Contact | None = None


Audience = Literal["citizens", "businesses", "both"]


class Procedure(Record, frozen=True, kw_only=True):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: Annotated[str, Meta(pattern=whole(PROCEDURE_ID))]
    version: Annotated[str, Meta(pattern=whole(SEMVER))]
    mitos_id: str | None = None
    title: Text
    summary: Text
    help: Text | None = None
    alt_titles: list[str] = field(default=[])  # synonyms and common names, for search
    keywords: list[str] = field(default=[])
    life_events: list[str] = field(default=[])
    category: Text | None = None
    audience: Audience = "both"
    eligibility: list[Text] = field(default=[])
    authority: Authority
    legal_basis: list[LegalBasis] = field(default=[])
    fees: list[Fee] = field(default=[])
    steps: Annotated[list[Step], Meta(min_length=1)]
    documents: list[SupportingDocument] = field(default=[])
    outputs: list[Text] = field(default=[])
    duration_days: Count | None = None
    draft: bool = False  # imported from the registry, not yet reviewed by a person

    def all_fields(self) -> list[FormField]:
        """Every field at top level of a step (repeat-group fields excluded)."""
        return [f for step in self.steps for f in step.fields]

    @property
    def version_key(self) -> tuple[int, int, int]:
        major, minor, patch = (int(part) for part in self.version.split("."))
        return major, minor, patch


class RegionOverride(Record, frozen=True, kw_only=True):
    """What one Region changes of a common procedure, without forking it.

    Fees with an existing id replace it, new ids are added; extra documents are added;
    authority and offices replace the common ones."""

    procedure_id: Annotated[str, Meta(pattern=whole(PROCEDURE_ID))]
    region_code: Annotated[str, Meta(pattern=whole(r"^([1-9]|1[0-3])$"))]  # Kallikratis Region code
    authority: Authority | None = None
    fees: list[Fee] = field(default=[])
    extra_documents: list[SupportingDocument] = field(default=[])
    removed_documents: list[str] = field(default=[])
    offices: list[Office] = field(default=[])
    note: Text | None = None
