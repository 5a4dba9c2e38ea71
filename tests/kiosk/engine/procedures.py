"""Procedures for the engine's tests, built in code so each test reads what it uses."""

from __future__ import annotations

from typing import Any

from kiosk.catalog.model import Procedure


def _t(el: str, en: str | None = None) -> dict[str, Any]:
    return {"el": el, "en": en} if en else {"el": el}


def transporter_licence() -> Procedure:
    """Shaped after ΜΙΤΟΣ 616541: individual or company, first issue or renewal, vehicles."""
    return Procedure.model_validate(
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
        }
    )
