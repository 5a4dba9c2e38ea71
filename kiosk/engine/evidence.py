"""Once Only, lawfully: what a registry could provide, and the person's say over it.

Regulation (EU) 2018/1724 art. 14 asks evidence to be fetched only at the user's
explicit request, shown to them before it is used, and never forced: they may always
bring the document instead. So each piece of evidence a procedure binds (a group of
fields filled from one registry by one key field, or a supporting document a registry
service provides) has a consent state:

- `unasked`: nobody chose; nothing is fetched and its document is to bring;
- `fetch`: the person asked the office to fetch it (a look-up follows once its key
  field has a valid answer and a registry is available);
- `bring`: the person will bring it (or type it) themselves;
- `fetched`: fetched and shown; its values are used unless the person rejects them;
- `rejected`: fetched, shown, and refused as wrong: not used, the document is to bring.

The engine asks a registry only when it was given one: the screens give one only to a
session a citizen has signed in to (a grant) or a clerk has checked in person. Without
one, every choice stays as it is and nothing is asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Literal, cast

import msgspec

from kiosk.catalog.model import Procedure, Text
from kiosk.records import Record

Choice = Literal["unasked", "fetch", "bring", "fetched", "rejected"]
DocumentType = Literal["id_card", "passport", "residence_permit", "driving_licence"]
ActingKind = Literal["citizen_grant", "clerk"]
Relation = Literal["authorised", "legal_representative"]

# What a prefill from each registry is called on the wire (the grant's scope names it).
EVIDENCE_TYPES: Mapping[str, str] = {
    "taxpayer": "taxpayer_identity",
    "identity": "identity_record",
    "vehicle": "vehicle_details",
    "business": "business_record",
    "property": "property_record",
}

REGISTRY_NAMES: Mapping[str, Text] = {
    "taxpayer": Text(el="Φορολογικό Μητρώο (ΑΑΔΕ)", en="Tax register (AADE)"),
    "identity": Text(el="Μητρώο Πολιτών", en="Citizen register"),
    "vehicle": Text(el="Μητρώο Οχημάτων", en="Vehicle register"),
    "business": Text(el="Γενικό Εμπορικό Μητρώο", en="Business register"),
    "property": Text(el="Κτηματολόγιο", en="Land register"),
}


class Representation(Record, frozen=True, kw_only=True):
    """Acting for another person: how, and the document that proves it."""

    relation: Relation
    document: str = "εξουσιοδότηση"


class InPersonCheck(Record, frozen=True, kw_only=True):
    """At a counter, before any fetch: the clerk saw the applicant's identity document
    (its type and the last 4 characters of its number), and whether the applicant acts
    for another person. `checked` refuses what cannot be right, in words."""

    document_type: DocumentType
    number_last4: str
    represented: Representation | None = None

    @classmethod
    def checked(
        cls, document_type: str, number_last4: str, relation: str | None = None
    ) -> InPersonCheck:
        from kiosk.engine.evidence_texts import TEXTS
        from kiosk.texts import RefusedError

        last4 = number_last4.strip().upper()
        if len(last4) != 4 or not last4.isalnum():
            raise RefusedError(TEXTS["last4"])
        if document_type not in DOCUMENT_TYPES:
            raise RefusedError(TEXTS["document_type"])
        represented = None
        if relation:
            represented = Representation(
                relation="legal_representative"
                if relation == "legal_representative"
                else "authorised",
                document=REPRESENTATION_DOCUMENTS[relation].el,
            )
        return cls(
            document_type=cast(DocumentType, document_type),  # one of DOCUMENT_TYPES: checked
            number_last4=last4,
            represented=represented,
        )

    def __repr__(self) -> str:
        return f"InPersonCheck({self.document_type}, represented={self.represented is not None})"

    def detail(self) -> str:
        """For the audit log: the document's type and any representation, not its number."""
        represented = self.represented.relation if self.represented else "-"
        return f"document={self.document_type} represented={represented}"


class Acting(Record, frozen=True, kw_only=True):
    """On whose behalf look-ups are made in this session: a citizen's grant, or a clerk
    who checked the applicant's identity in person (and maybe a representation)."""

    kind: ActingKind
    clerk_id: str | None = None
    represented: Representation | None = None


class EvidenceState(Record, frozen=True, kw_only=True):
    """The person's choice for one piece of evidence, and what its fetch was."""

    choice: Choice = "unasked"
    fetch_id: str | None = None
    fetched_at: datetime | None = None
    acting: Acting | None = None  # who the fetch was made for (set when fetched)
    values: dict[str, str] = msgspec.field(
        default_factory=dict
    )  # field id -> value fetched: what the preview shows
    refused: str | None = None  # the platform refused the look-up (its code): to bring

    def __repr__(self) -> str:
        # The values fetched are the citizen's record: a repr names how many, not which.
        return (
            f"EvidenceState({self.choice}, fetch_id={self.fetch_id!r}, "
            f"{len(self.values)} values, refused={self.refused!r})"
        )


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """One piece of evidence a registry could provide for this procedure."""

    key: str  # "prefill:<key field>" or "document:<document id>"
    registry: str
    evidence_type: str
    key_field: str
    title: Text
    attributes: tuple[str, ...] = ()
    field_ids: tuple[str, ...] = ()  # the fields it fills (a prefill)
    document_id: str | None = None  # the document it replaces (a document)

    @property
    def is_prefill(self) -> bool:
        return self.document_id is None


class EvidenceRecord(msgspec.Struct, frozen=True, kw_only=True):
    """What the submission carries for one piece of evidence (contract §3)."""

    registry: str
    evidence_type: str
    choice: Literal["fetch", "bring", "rejected"]
    fetch_id: str | None
    fetched_at: datetime | None
    acting: Acting | None


class FetchEntry(msgspec.Struct, frozen=True):
    """A fetch as the device's audit log keeps it: ids and kinds, never a value."""

    registry: str
    evidence_type: str
    fetch_id: str | None
    acting: Acting | None

    @property
    def clerk_id(self) -> str | None:
        return self.acting.clerk_id if self.acting is not None else None

    def detail(self) -> str:
        kind = self.acting.kind if self.acting is not None else "unknown"
        represented = self.acting.represented if self.acting is not None else None
        parts = [
            f"registry={self.registry}",
            f"evidence={self.evidence_type}",
            f"fetch_id={self.fetch_id or '-'}",
            f"on_behalf={kind}",
        ]
        if represented is not None:
            parts.append(f"represented={represented.relation}")
        return " ".join(parts)


DOCUMENT_TYPES: Mapping[str, Text] = {
    "id_card": Text(el="Αστυνομική ταυτότητα", en="Identity card"),
    "passport": Text(el="Διαβατήριο", en="Passport"),
    "residence_permit": Text(el="Άδεια διαμονής", en="Residence permit"),
    "driving_licence": Text(el="Άδεια οδήγησης", en="Driving licence"),
}

# What goes on the checklist when the applicant acts for another person.
REPRESENTATION_DOCUMENTS: Mapping[str, Text] = {
    "authorised": Text(el="εξουσιοδότηση", en="authorisation"),
    "legal_representative": Text(
        el="έγγραφο νόμιμης εκπροσώπησης", en="proof of legal representation"
    ),
}

RELATIONS: Mapping[str, Text] = {
    "authorised": Text(el="με εξουσιοδότηση", en="with an authorisation"),
    "legal_representative": Text(el="ως νόμιμος εκπρόσωπος", en="as legal representative"),
}


def acting_words(acting: Acting | None) -> Text:
    """On whose behalf, in words (the receipt, the review)."""
    if acting is None:
        return Text(el="—", en="—")
    if acting.kind == "citizen_grant":
        words = Text(el="με τη σύνδεσή σας", en="with your sign-in")
    else:
        words = Text(
            el=f"από υπάλληλο ({acting.clerk_id or '—'}), με έλεγχο ταυτότητας",
            en=f"by a clerk ({acting.clerk_id or '—'}), identity checked in person",
        )
    if acting.represented is None:
        return words
    how = RELATIONS[acting.represented.relation]
    return Text(
        el=f"{words.el}, για άλλο πρόσωπο {how.el} ({acting.represented.document})",
        en=f"{words.get('en')}, for another person {how.get('en')} ({acting.represented.document})",
    )


def procedure_evidence(procedure: Procedure) -> list[Evidence]:
    """Every piece of evidence the procedure binds, prefills first, in form order."""
    groups: dict[str, list[tuple[str, str, Text]]] = {}
    registries: dict[str, str] = {}
    for form_field in procedure.all_fields():
        if form_field.prefill is None:
            continue
        key = form_field.prefill.key_field
        groups.setdefault(key, []).append(
            (form_field.id, form_field.prefill.attribute, form_field.label)
        )
        registries.setdefault(key, form_field.prefill.registry)
    found: list[Evidence] = []
    for key_field, bound in groups.items():
        registry = registries[key_field]
        labels = [label for _, _, label in bound]
        where = REGISTRY_NAMES.get(registry, Text(el=registry, en=registry))
        found.append(
            Evidence(
                key=f"prefill:{key_field}",
                registry=registry,
                evidence_type=EVIDENCE_TYPES.get(registry, f"{registry}_record"),
                key_field=key_field,
                title=Text(
                    el=f"{', '.join(t.el for t in labels)} — {where.el}",
                    en=f"{', '.join(t.get('en') for t in labels)} — {where.get('en')}",
                ),
                attributes=tuple(attribute for _, attribute, _ in bound),
                field_ids=tuple(field_id for field_id, _, _ in bound),
            )
        )
    for document in procedure.documents:
        if document.once_only is None:
            continue
        service = document.once_only.service
        found.append(
            Evidence(
                key=f"document:{document.id}",
                registry=document.once_only.registry,
                evidence_type=document.id,
                key_field=document.once_only.identifier_field,
                title=Text(
                    el=f"{document.title.el} — {service.el}",
                    en=f"{document.title.get('en')} — {service.get('en')}",
                ),
                document_id=document.id,
            )
        )
    return found


def chosen_to_fetch(choice: Choice) -> bool:
    return choice in ("fetch", "fetched")


def documents_to_fetch(
    evidence: Iterable[Evidence], states: Mapping[str, EvidenceState]
) -> frozenset[str]:
    """Ids of the documents the person asked the office to fetch (the checklist's input)."""
    return frozenset(
        item.document_id
        for item in evidence
        if item.document_id is not None
        and chosen_to_fetch(states.get(item.key, EvidenceState()).choice)
    )


def records(
    evidence: Iterable[Evidence], states: Mapping[str, EvidenceState], shown: set[str]
) -> list[EvidenceRecord]:
    """The record for the submission: every piece the person decided on, whose key
    field is shown (a document's requirement is the checklist's business)."""
    result = []
    for item in evidence:
        state = states.get(item.key)
        if state is None or state.choice == "unasked" or item.key_field not in shown:
            continue
        choice: Literal["fetch", "bring", "rejected"] = "fetch"
        if state.choice in ("bring", "rejected"):
            choice = "bring" if state.choice == "bring" else "rejected"
        result.append(
            EvidenceRecord(
                registry=item.registry,
                evidence_type=item.evidence_type,
                choice=choice,
                fetch_id=state.fetch_id,  # a rejected fetch keeps its id: it was made
                fetched_at=state.fetched_at,
                acting=state.acting,
            )
        )
    return result
