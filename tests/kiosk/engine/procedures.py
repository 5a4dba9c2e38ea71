"""Procedures for the engine's tests, built in code so each test reads what it uses."""

from __future__ import annotations

from typing import Any

import msgspec

from kiosk.catalog.model import Procedure


def _t(el: str, en: str | None = None) -> dict[str, Any]:
    return {"el": el, "en": en} if en else {"el": el}


def transporter_licence() -> Procedure:
    """Shaped after ΜΙΤΟΣ 616541: individual or company, first issue or renewal, vehicles."""
    return msgspec.convert(
        {
            "id": "animal-transporter-licence",
            "version": "1.2.0",
            "mitos_id": "616541",
            "title": _t("Άδεια μεταφορέα ζώντων ζώων", "Live-animal transporter licence"),
            "summary": _t("Χορήγηση άδειας μεταφορέα ζώντων ζώων."),
            "authority": {"name": _t("Διεύθυνση Κτηνιατρικής")},
            "steps": [
                {
                    "id": "applicant",
                    "title": _t("Αιτών", "Applicant"),
                    "fields": [
                        {
                            "id": "applicant_type",
                            "type": "choice",
                            "label": _t("Είδος αιτούντος", "Applicant type"),
                            "required": True,
                            "choices": [
                                {
                                    "value": "individual",
                                    "label": _t("Φυσικό πρόσωπο", "Individual"),
                                },
                                {"value": "company", "label": _t("Εταιρεία", "Company")},
                            ],
                        },
                        {
                            "id": "afm",
                            "type": "afm",
                            "label": _t("ΑΦΜ", "Tax number"),
                            "required": True,
                        },
                        {
                            "id": "surname",
                            "type": "text",
                            "label": _t("Επώνυμο", "Surname"),
                            "required": True,
                            "prefill": {
                                "registry": "taxpayer",
                                "key_field": "afm",
                                "attribute": "surname",
                            },
                        },
                        {
                            "id": "gemi_number",
                            "type": "text",
                            "label": _t("Αριθμός ΓΕΜΗ", "GEMI number"),
                            "show_if": 'applicant_type == "company"',
                            "required": True,
                        },
                        {
                            "id": "birth_date",
                            "type": "date",
                            "label": _t("Ημερομηνία γέννησης", "Birth date"),
                            "not_in_future": True,
                            "min_age": 18,
                        },
                        {
                            "id": "amka",
                            "type": "amka",
                            "label": _t("ΑΜΚΑ"),
                            "birth_date_field": "birth_date",
                        },
                        {"id": "phone", "type": "phone", "label": _t("Τηλέφωνο", "Phone")},
                        {"id": "postcode", "type": "postcode", "label": _t("Τ.Κ.", "Postcode")},
                    ],
                },
                {
                    "id": "licence",
                    "title": _t("Άδεια", "Licence"),
                    "fields": [
                        {
                            "id": "first_issue",
                            "type": "yes_no",
                            "label": _t("Πρώτη έκδοση;", "First issue?"),
                            "required": True,
                        },
                        {
                            "id": "previous_licence_number",
                            "type": "text",
                            "label": _t("Αριθμός προηγούμενης άδειας"),
                            "show_if": "first_issue == false",
                            "required": True,
                        },
                    ],
                },
                {
                    "id": "vehicles_step",
                    "title": _t("Οχήματα", "Vehicles"),
                    "groups": [
                        {
                            "id": "vehicles",
                            "label": _t("Οχήματα"),
                            "item_label": _t("Όχημα", "Vehicle"),
                            "min_items": 1,
                            "max_items": 5,
                            "fields": [
                                {
                                    "id": "plate",
                                    "type": "text",
                                    "label": _t("Αριθμός κυκλοφορίας"),
                                    "required": True,
                                }
                            ],
                        }
                    ],
                },
                {
                    "id": "declaration_step",
                    "title": _t("Δήλωση", "Declaration"),
                    "fields": [
                        {
                            "id": "truthful",
                            "type": "declaration",
                            "label": _t("Υπεύθυνη δήλωση"),
                            "required": True,
                            "declaration_text": _t("Δηλώνω ότι τα στοιχεία είναι αληθή."),
                        }
                    ],
                },
            ],
            "fees": [
                {
                    "id": "paravolo",
                    "label": _t("Παράβολο"),
                    "amount": "20.00",
                    "e_paravolo_code": "2103",
                },
                {
                    "id": "per_vehicle",
                    "label": _t("Τέλος ανά όχημα"),
                    "amount_expression": "double(size(vehicles)) * 5.0",
                },
            ],
            "documents": [
                {"id": "id_card", "title": _t("Αστυνομική ταυτότητα")},
                {
                    "id": "gemi_certificate",
                    "title": _t("Πιστοποιητικό ΓΕΜΗ"),
                    "required_if": 'applicant_type == "company"',
                    "condition_text": _t(
                        "Επειδή ο αιτών είναι εταιρεία.", "Because the applicant is a company."
                    ),
                    "once_only": {
                        "registry": "gemi",
                        "service": _t("Γενικό Εμπορικό Μητρώο"),
                        "identifier_field": "gemi_number",
                    },
                },
                {
                    "id": "previous_licence",
                    "title": _t("Προηγούμενη άδεια"),
                    "required_if": "first_issue == false",
                },
                {
                    "id": "tax_clearance",
                    "title": _t("Φορολογική ενημερότητα"),
                    "once_only": {
                        "registry": "aade",
                        "service": _t("ΑΑΔΕ"),
                        "identifier_field": "afm",
                    },
                },
            ],
        },
        Procedure,
    )


def support_grant() -> Procedure:
    """Every field kind the validation rules cover, a repeat group whose items have their
    own condition, and documents without condition_text (their «why» is generated)."""
    return msgspec.convert(
        {
            "id": "support-grant",
            "version": "2.0.1",
            "title": _t("Ενίσχυση", "Support grant"),
            "summary": _t("Ενίσχυση κτηνοτρόφων."),
            "authority": {"name": _t("Διεύθυνση Αγροτικής Οικονομίας")},
            "steps": [
                {
                    "id": "holding",
                    "title": _t("Εκμετάλλευση", "Holding"),
                    "fields": [
                        {
                            "id": "kind",
                            "type": "choice",
                            "label": _t("Είδος", "Kind"),
                            "required": True,
                            "choices": [
                                {"value": "sheep", "label": _t("Αιγοπρόβατα", "Sheep")},
                                {"value": "cattle", "label": _t("Βοοειδή", "Cattle")},
                            ],
                        },
                        {
                            "id": "heads",
                            "type": "number",
                            "label": _t("Αριθμός ζώων", "Number of animals"),
                            "required": True,
                            "min_value": "1",
                            "max_value": "3500.5",
                        },
                        {
                            "id": "loss",
                            "type": "money",
                            "label": _t("Ζημία", "Loss"),
                            "constraints": [
                                {
                                    "expression": "value <= 5000.0",
                                    "message": _t(
                                        "Η ζημία δεν μπορεί να ξεπερνά τα 5.000 €.",
                                        "The loss cannot exceed €5,000.",
                                    ),
                                }
                            ],
                        },
                        {"id": "iban", "type": "iban", "label": _t("IBAN")},
                        {"id": "email", "type": "email", "label": _t("E-mail")},
                        {
                            "id": "unit",
                            "type": "regional_unit",
                            "label": _t("Περιφερειακή Ενότητα", "Regional Unit"),
                        },
                        {"id": "insured", "type": "yes_no", "label": _t("Ασφαλισμένη;")},
                        {
                            "id": "vet_report",
                            "type": "attachment",
                            "label": _t("Έκθεση κτηνιάτρου", "Vet report"),
                            "accept": ["application/pdf", "image/*"],
                            "max_size_mb": 1,
                        },
                        {
                            "id": "aid",
                            "type": "money",
                            "label": _t("Ενίσχυση", "Aid"),
                            "calculate": "heads * 2.5",
                        },
                    ],
                },
                {
                    "id": "animals",
                    "title": _t("Ζώα", "Animals"),
                    "groups": [
                        {
                            "id": "herds",
                            "label": _t("Κοπάδια"),
                            "item_label": _t("Κοπάδι", "Herd"),
                            "fields": [
                                {
                                    "id": "code",
                                    "type": "text",
                                    "label": _t("Κωδικός", "Code"),
                                    "required": True,
                                },
                                {
                                    "id": "moved",
                                    "type": "yes_no",
                                    "label": _t("Μετακινήθηκε;", "Moved?"),
                                },
                                {
                                    "id": "destination",
                                    "type": "text",
                                    "label": _t("Προορισμός", "Destination"),
                                    "required": True,
                                    "show_if": "moved == true",
                                },
                            ],
                        }
                    ],
                },
            ],
            "fees": [
                {
                    "id": "fee",
                    "label": _t("Παράβολο", "Fee"),
                    "amount_expression": "heads > 100.0 ? 30.0 : 10.0",
                }
            ],
            "documents": [
                {
                    "id": "insurance_contract",
                    "title": _t("Ασφαλιστήριο", "Insurance contract"),
                    "required_if": "insured",
                },
                {
                    "id": "cattle_register",
                    "title": _t("Μητρώο βοοειδών", "Cattle register"),
                    "required_if": 'kind == "cattle" && heads >= 10.0',
                },
                {
                    "id": "loss_report",
                    "title": _t("Έκθεση ζημίας", "Loss report"),
                    "required_if": "size(herds) > 0 || loss > 0.0",
                },
            ],
        },
        Procedure,
    )
