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
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal[1] = 1

IDENTIFIER = r"^[a-z][a-z0-9_]{0,63}$"
PROCEDURE_ID = r"^[a-z0-9][a-z0-9-]{1,79}$"
SEMVER = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
MAX_REPEAT_ITEMS = 50


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A text in Greek (always) and English (where translated)."""

    el: str = Field(min_length=1)
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


class Choice(_Model):
    value: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    label: Text


class Constraint(_Model):
    """A rule the answer must satisfy, with the message that tells how to fix it."""

    expression: Expression
    message: Text


class RegistryBinding(_Model):
    """Once Only prefill: fill this field from a registry, keyed by another field."""

    registry: RegistryName
    key_field: str = Field(pattern=IDENTIFIER)
    attribute: str = Field(min_length=1)


class FormField(_Model):
    id: str = Field(pattern=IDENTIFIER)
    type: FieldType
    label: Text
    help: Text | None = None
    required: bool = False
    required_if: Expression | None = None
    show_if: Expression | None = None
    choices: list[Choice] = []
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=1)
    min_age: int | None = Field(default=None, ge=0, le=150)
    max_age: int | None = Field(default=None, ge=0, le=150)
    not_in_future: bool = False
    constraints: list[Constraint] = []
    calculate: Expression | None = None
    prefill: RegistryBinding | None = None
    declaration_text: Text | None = None
    accept: list[str] = []  # media types for attachments
    max_size_mb: int | None = Field(default=None, ge=1, le=200)
    birth_date_field: str | None = Field(default=None, pattern=IDENTIFIER)  # AMKA cross-check

    @model_validator(mode="after")
    def _type_rules(self) -> FormField:
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
        return self


class RepeatGroup(_Model):
    """Fields asked once per item: several vehicles, several plots."""

    id: str = Field(pattern=IDENTIFIER)
    label: Text
    item_label: Text
    help: Text | None = None
    show_if: Expression | None = None
    min_items: int = Field(default=0, ge=0)
    max_items: int = Field(default=10, ge=1, le=MAX_REPEAT_ITEMS)
    fields: list[FormField] = Field(min_length=1)


class Step(_Model):
    id: str = Field(pattern=IDENTIFIER)
    title: Text
    help: Text | None = None
    show_if: Expression | None = None
    fields: list[FormField] = []
    groups: list[RepeatGroup] = []

    @model_validator(mode="after")
    def _not_empty(self) -> Step:
        if not self.fields and not self.groups:
            raise ValueError(f"step '{self.id}' has no fields")
        return self


AcceptedForm = Literal["original", "certified_copy", "simple_copy", "digital"]


class OnceOnly(_Model):
    """The administration fetches this document itself from a registry service."""

    registry: RegistryName | Literal["ktimatologio", "efka", "gemi", "aade", "police", "other"]
    service: Text  # which registry service, in words
    identifier_field: str = Field(pattern=IDENTIFIER)


class SupportingDocument(_Model):
    """A δικαιολογητικό: when it is required, in which form, and who provides it."""

    id: str = Field(pattern=IDENTIFIER)
    title: Text
    description: Text | None = None
    required_if: Expression | None = None  # None: always required
    condition_text: Text | None = None  # the condition in words, for the checklist
    accepted_forms: list[AcceptedForm] = ["original"]
    once_only: OnceOnly | None = None
    mitos_evidence_id: str | None = None
    max_size_mb: int | None = Field(default=None, ge=1, le=200)  # else the office's limit


class Fee(_Model):
    id: str = Field(pattern=IDENTIFIER)
    label: Text
    amount: Decimal | None = Field(default=None, ge=0)
    amount_expression: Expression | None = None
    applies_if: Expression | None = None
    e_paravolo_code: str | None = None
    payment_info: Text | None = None

    @model_validator(mode="after")
    def _one_amount(self) -> Fee:
        if (self.amount is None) == (self.amount_expression is None):
            raise ValueError(f"fee '{self.id}': give exactly one of amount, amount_expression")
        return self


class LegalBasis(_Model):
    title: Text
    reference: str | None = None  # e.g. "ν. 4070/2012, άρθρο 82"
    fek: str | None = None  # e.g. "ΦΕΚ Α΄ 82/10.04.2012"
    ada: str | None = None
    url: str | None = None


class Contact(_Model):
    phone: str | None = None
    email: str | None = None
    address: Text | None = None
    hours: Text | None = None


class Authority(_Model):
    name: Text
    unit: Text | None = None
    contact: Contact | None = None


class Office(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    name: Text
    regional_unit_code: str | None = None  # Kallikratis code, e.g. "0901"
    contact: Contact | None = None


Audience = Literal["citizens", "businesses", "both"]


class Procedure(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=PROCEDURE_ID)
    version: str = Field(pattern=SEMVER)
    mitos_id: str | None = None
    title: Text
    summary: Text
    help: Text | None = None
    alt_titles: list[str] = []  # synonyms and common names, for search
    keywords: list[str] = []
    life_events: list[str] = []
    category: Text | None = None
    audience: Audience = "both"
    eligibility: list[Text] = []
    authority: Authority
    legal_basis: list[LegalBasis] = []
    fees: list[Fee] = []
    steps: list[Step] = Field(min_length=1)
    documents: list[SupportingDocument] = []
    outputs: list[Text] = []
    duration_days: int | None = Field(default=None, ge=0)
    draft: bool = False  # imported from the registry, not yet reviewed by a person

    def all_fields(self) -> list[FormField]:
        """Every field at top level of a step (repeat-group fields excluded)."""
        return [f for step in self.steps for f in step.fields]

    @property
    def version_key(self) -> tuple[int, int, int]:
        major, minor, patch = (int(part) for part in self.version.split("."))
        return major, minor, patch


class RegionOverride(_Model):
    """What one Region changes of a common procedure, without forking it.

    Fees with an existing id replace it, new ids are added; extra documents are added;
    authority and offices replace the common ones."""

    procedure_id: str = Field(pattern=PROCEDURE_ID)
    region_code: str = Field(pattern=r"^([1-9]|1[0-3])$")  # Kallikratis Region code
    authority: Authority | None = None
    fees: list[Fee] = []
    extra_documents: list[SupportingDocument] = []
    removed_documents: list[str] = []
    offices: list[Office] = []
    note: Text | None = None
