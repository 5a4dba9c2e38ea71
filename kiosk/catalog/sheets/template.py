"""The template workbook: an `instructions` sheet (read by people, ignored by the
converter) in front of a worked example, the sample taxi-driver licence, with its
Region override. Regenerate it with `python -m kiosk.catalog.sheets.template OUT`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.model import FieldType
from kiosk.catalog.sheets.grid import write_workbook
from kiosk.catalog.sheets.write import procedure_to_book

EXAMPLE = "taxi-driver-licence"

INSTRUCTIONS: list[tuple[str, str, str]] = [
    ("Φύλλο / Sheet", "Τι γράφετε εδώ", "What you write here"),
    ("settings", "Μία ρύθμιση ανά γραμμή: form_id (π.χ. my-procedure), version (1.0.0), "
     "form_title, summary, authority· λίστες (keyword, alt_title, eligibility, output) "
     "επαναλαμβάνουν τη γραμμή.", "One setting a row: form_id, version, form_title, summary, "
     "authority; lists (keyword, alt_title, eligibility, output) repeat the row."),
    ("survey", "Κάθε βήμα αρχίζει με 'begin group' και τελειώνει με 'end group'· ομάδα "
     "που επαναλαμβάνεται με 'begin repeat'/'end repeat'. Μία ερώτηση ανά γραμμή.",
     "Each step starts with 'begin group' and ends with 'end group'; a repeated group "
     "with 'begin repeat'/'end repeat'. One question a row."),
    ("survey: type", "Ένας από: " + ", ".join(FieldType.__args__)  # type: ignore[attr-defined]
     + "· ή 'select_one ΛΙΣΤΑ' / 'select_multiple ΛΙΣΤΑ'.",
     "One of the types listed, or 'select_one LIST' / 'select_multiple LIST'."),
    ("survey: name", "Όνομα πεδίου: λατινικά πεζά, αριθμοί, _ (π.χ. birth_date).",
     "Field name: lower-case latin, digits, _ (e.g. birth_date)."),
    ("survey: relevant / required_if / constraint", "Συνθήκη· αναφορά σε πεδίο με "
     "${όνομα}, π.χ. ${nationality} == \"greek\". Στο constraint η απάντηση είναι value.",
     "A condition; refer to a field as ${name}, e.g. ${nationality} == \"greek\". In a "
     "constraint the answer is `value`."),
    ("survey: required", "yes αν είναι υποχρεωτικό, αλλιώς κενό.", "yes if required, else empty."),
    ("choices", "list_name (όπως στο select_one), name (λατινικά), label::el, label::en.",
     "list_name (as in select_one), name (latin), label::el, label::en."),
    ("documents", "Ένα δικαιολογητικό ανά γραμμή· required_if: πότε απαιτείται (κενό: "
     "πάντα)· condition::el: η συνθήκη σε λέξεις· registry: αν το αναζητά η υπηρεσία.",
     "One supporting document a row; required_if: when it is required (empty: always); "
     "condition::el: that condition in words; registry: if the office fetches it."),
    ("fees", "Ένα τέλος ανά γραμμή: amount (ποσό) ή calculation (υπολογισμός).",
     "One fee a row: amount, or calculation."),
    ("regions, region_*", "Ό,τι αλλάζει μια Περιφέρεια (κωδικός 1-13): αρμόδια υπηρεσία, "
     "τέλη, επιπλέον δικαιολογητικά, γραφεία.", "What one Region (code 1-13) changes: "
     "authority, fees, extra documents, offices."),
    ("Προσοχή / Beware", "Χωρίς συγχωνευμένα κελιά και χωρίς τύπους (=...): γράψτε τιμές. "
     "Έλεγχος: kiosk catalog from-sheet ΑΡΧΕΙΟ --out ΦΑΚΕΛΟΣ.", "No merged cells and no "
     "formulas (=...): write values. Check: kiosk catalog from-sheet FILE --out DIR."),
]  # fmt: skip


def template_book() -> dict[str, list[list[Any]]]:
    load = load_catalog(sample_catalog_dir())
    procedure = load.procedures[EXAMPLE]
    overrides = [o for o in load.overrides if o.procedure_id == EXAMPLE]
    return {"instructions": [list(row) for row in INSTRUCTIONS]} | procedure_to_book(
        procedure, overrides
    )


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    write_workbook(template_book(), Path(sys.argv[1]))
