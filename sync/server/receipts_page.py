"""The receipt on the citizen's phone: the kiosk's done screen shows a QR code of
`/v1/receipt/{token}`, and the citizen keeps the page (or prints it at home).

The kiosk mints the token (256 bits from `secrets`) when the application is submitted,
offline or not, and sends only its SHA-256 inside the submission body
(`receipt_token_sha256`). The platform binds the digest to that submission when it
accepts it, so the digest is the submitting device's and office's like the body it came
in: no other device can attach a page to an application that is not its own.

`GET /v1/receipt/{token}` needs no device token (the URL is the permission). Until the
submission has reached the platform, for an unknown token and for an expired one, the
page is one neutral 404 page: it never tells whether a token exists. A page lives 30
days after the platform received the application (long enough to go to the counter with
the documents; a photographed or forwarded QR code stops showing anything after that).
Wrong tokens are counted per client address (the enrolment's counter) and lock out for
a while, so nobody sweeps tokens from one address. Personal data is minimised: the name
and the AFM/AMKA are masked, no answer is shown (docs/privacy.md)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta
from html import escape
from typing import Final

import msgspec
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from kiosk import regions
from kiosk.catalog.model import Procedure
from kiosk.receipts.data import check_code, mask_name, short_reference
from kiosk.receipts.texts import athens_time
from kiosk.submission import Submission
from sync.protocol import PREFIX, iso, parse_iso
from sync.server.citizen_pages import BASE_STYLE, REGISTRY_NAMES
from sync.server.citizen_pages import HEADERS as CITIZEN_PAGE_HEADERS
from sync.server.store import Device, ServerStore

LIFETIME = timedelta(days=30)
MAX_WRONG = 60  # unknown tokens per client address within the store's failure window
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS receipt_pages (
    token_sha TEXT PRIMARY KEY, office_id TEXT NOT NULL, submission_id TEXT NOT NULL,
    expires_at TEXT NOT NULL);
"""
Authenticate = Callable[[Request], Device]

HEADERS: Final = {
    # The token is in the URL: never sent on, never framed, never cached or indexed (the
    # citizen pages' headers, with no form to post and no robots).
    **CITIZEN_PAGE_HEADERS,
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Robots-Tag": "noindex, nofollow",
}
_STYLE = (
    BASE_STYLE
    + """
main{padding:18px;max-width:640px;margin:0 auto}
h2{font-size:21px;margin:22px 0 8px}
.code{font-size:34px;font-weight:700;letter-spacing:2px;margin:4px 0}
.box{border:1px solid #b1b4b6;border-left:6px solid #003375;padding:12px;margin:12px 0}
dl{margin:0}dt{font-weight:700;margin-top:10px}dd{margin:0}
ul{padding-left:22px}li{margin:6px 0}
.note{color:#505a5f;font-size:16px}
@media print{header{background:none;color:#000;border-bottom:2px solid #000}
body{font-size:12pt}.en{color:#333}main{max-width:none}}
"""
)
_STATUS_WORDS: Final = {
    "verified": ("πληρωμένο, ελεγμένο", "paid, checked"),
    "pending": ("ο έλεγχος εκκρεμεί", "check pending"),
    "failed": ("δεν επιβεβαιώθηκε", "not confirmed"),
}


def _ready(store: ServerStore) -> ServerStore:
    store.ensure_tables("receipt_pages", _SCHEMA)
    return store


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register_receipt(store: ServerStore, device: Device, submission: Submission) -> None:
    """The submission was accepted: its receipt digest now opens its page. First
    binding wins (an identical re-send changes nothing)."""
    digest = submission.receipt_token_sha256
    if digest is None:
        return
    ack = store.acknowledgement(str(submission.submission_id), device.office_id)
    if ack is None:
        return
    _ready(store)
    # Expired digests open nothing: they go as new ones come, so the table stays small.
    store.write("DELETE FROM receipt_pages WHERE expires_at <= ?", iso(store.clock()))
    store.write(
        "INSERT OR IGNORE INTO receipt_pages VALUES (?, ?, ?, ?)",
        digest,
        device.office_id,
        str(submission.submission_id),
        iso(ack.received_at + LIFETIME),
    )


def _document(title: str, body: str, status: int) -> HTMLResponse:
    page = (
        '<!doctype html><html lang="el"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        "<header>gov.gr · Περιφέρεια</header>"
        f"<main>{body}</main></body></html>"
    )
    return HTMLResponse(page, status_code=status, headers=HEADERS)


def _both(el: str, en: str) -> str:
    return f'{escape(el)}<br><span class="en" lang="en">{escape(en)}</span>'


NEUTRAL: Final = (
    f"<h1>{_both('Η απόδειξη δεν είναι ακόμη διαθέσιμη', 'The receipt is not available yet')}"
    "</h1><p>"
    + _both(
        "Η απόδειξη εμφανίζεται εδώ όταν η αίτηση φτάσει στην υπηρεσία· αν το περίπτερο "
        "ήταν εκτός σύνδεσης, ξαναδοκιμάστε αργότερα. Οι αποδείξεις μένουν εδώ 30 ημέρες.",
        "The receipt shows here once the application has reached the office; if the kiosk "
        "was offline, try again later. Receipts stay here for 30 days.",
    )
    + "</p>"
)


def neutral_page(status: int = 404) -> HTMLResponse:
    return _document("Απόδειξη · Receipt", NEUTRAL, status)


def _mask_id(value: str) -> str:
    digits = "".join(c for c in value if c.isdigit())
    return "•" * max(len(digits) - 3, 3) + digits[-3:]


def _applicant(submission: Submission) -> list[tuple[str, str]]:
    answers = submission.answers
    rows = []
    name = " ".join(str(answers[k]) for k in ("first_name", "surname") if answers.get(k))
    if name:
        rows.append(("Αιτών/ούσα · Applicant", mask_name(name)))
    for key, words in (("afm", "ΑΦΜ · Tax number"), ("amka", "ΑΜΚΑ · Social security")):
        if isinstance(answers.get(key), str | int) and str(answers[key]).strip():
            rows.append((words, _mask_id(str(answers[key]))))
    return rows


Served = Callable[[str, str], Procedure | None]


def receipt_body(
    submission: Submission, office_id: str, accepted: tuple[str, str], served: Served
) -> str:
    """The receipt's HTML: what the paper receipt says, less personal data. `office_id`:
    the office whose device sent it; `accepted`: its protocol number and time."""
    number, received = accepted
    procedure = served(submission.procedure_id, submission.procedure_version)
    title = procedure.title if procedure is not None else None
    region = regions.regions().get(submission.region_code)
    facts: list[tuple[str, str]] = [
        ("Διαδικασία · Procedure", title.el if title else submission.procedure_id),
        ("Αριθμός πρωτοκόλλου · Protocol number", number),
        ("Κωδικός ελέγχου · Check code", check_code(submission.submission_id)),
        ("Υποβλήθηκε · Submitted", athens_time(submission.finalised_at, "el")),
        ("Παραλήφθηκε · Received", athens_time(parse_iso(received), "el")),
        (
            "Υπηρεσία · Office",
            f"ΠΕΡΙΦΕΡΕΙΑ {region.name_el} · {office_id}" if region else office_id,
        ),
        *_applicant(submission),
    ]
    if title is not None and title.en:
        facts.insert(1, ("Procedure (English)", title.en))
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    titles = {d.id: d.title for d in procedure.documents} if procedure is not None else {}
    bring = [
        titles[d.document_id].el if d.document_id in titles else d.document_id
        for d in submission.documents
        if d.status == "bring"
    ]
    fetched = [
        f"{' / '.join(REGISTRY_NAMES.get(e.registry, (e.registry, e.registry)))}: "
        f"{e.evidence_type}" + (f" ({athens_time(e.fetched_at, 'el')})" if e.fetched_at else "")
        for e in submission.evidence
        if e.choice == "fetch"
    ]
    fees = [
        f"{line.label}: {line.amount} € — "
        + " / ".join(_STATUS_WORDS.get(line.payment_status or "pending", ("", "")))
        + (f" (e-παράβολο {line.payment_code})" if line.payment_code else "")
        for line in submission.fees
    ]
    return (
        f"<h1>{_both('Απόδειξη υποβολής', 'Submission receipt')}</h1>"
        f'<div class="box"><p>{_both("Κωδικός αίτησης", "Application code")}</p>'
        f'<p class="code">{escape(short_reference(submission.submission_id))}</p></div>'
        f"<dl>{rows}</dl>"
        + _list(("Έγγραφα που πρέπει να φέρετε", "Documents still to bring"), bring, NOTHING)
        + _list(("Αναζητήθηκαν από μητρώα με αίτησή σας", "Fetched from registries"), fetched)
        + _list(("Παράβολα", "Fees"), fees, ("Χωρίς παράβολο", "No fee"))
        + '<p class="note">'
        + _both(
            "Για την ιδιωτικότητά σας τα στοιχεία σας εμφανίζονται μερικώς. "
            "Η σελίδα ισχύει 30 ημέρες.",
            "Your details are partly hidden for your privacy. This page works for 30 days.",
        )
        + "</p>"
    )


NOTHING: Final = ("Κανένα", "None")


def _list(heading: tuple[str, str], items: list[str], empty: tuple[str, str] = NOTHING) -> str:
    if not items:
        return f"<h2>{_both(*heading)}</h2><p>{_both(*empty)}</p>"
    inner = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<h2>{_both(*heading)}</h2><ul>{inner}</ul>"


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _locked(store: ServerStore, address: str) -> bool:
    row = store.query(
        "SELECT locked_until FROM sign_in_failures WHERE scope='receipt' AND key=?", address
    )
    return bool(row and row[0][0] and parse_iso(str(row[0][0])) > store.clock())


def _wrong(store: ServerStore, address: str) -> None:
    with store._lock:
        store._count_failure("receipt", address, MAX_WRONG, store.clock())


def receipt_routes() -> list[Route]:
    async def page(request: Request) -> Response:
        store = _ready(request.app.state.store)
        address = _address(request)
        if _locked(store, address):
            return neutral_page(429)
        token = request.path_params["token"]
        found = None
        if TOKEN_SHAPE.fullmatch(token):
            rows = store.query(
                "SELECT r.expires_at, s.protocol_number, s.received_at, s.body, r.office_id "
                "FROM receipt_pages r JOIN submissions s "
                "ON s.office_id = r.office_id AND s.submission_id = r.submission_id "
                "WHERE r.token_sha = ?",
                token_digest(token),
            )
            found = rows[0] if rows else None
        if found is None or parse_iso(str(found[0])) <= store.clock():
            _wrong(store, address)
            return neutral_page()
        try:
            submission = Submission.from_json_bytes(bytes(found[3]))
        except msgspec.DecodeError:  # a body from an older schema: still no traceback
            return neutral_page()
        accepted = str(found[1]), str(found[2])
        body = receipt_body(submission, str(found[4]), accepted, request.app.state.catalog)
        return _document("Απόδειξη υποβολής · Submission receipt", body, 200)

    return [Route(f"{PREFIX}/receipt/{{token:path}}", page, methods=["GET"])]
