"""The citizen's pages on their own phone: enter the kiosk's code, sign in (a stand-in
for TaxisNet with FAKE accounts, marked as such), then approve or refuse what the kiosk
asks to fetch (RFC 8628 §3.3). Plain HTML forms, no JavaScript, Greek first.

Each phone gets a session cookie (HttpOnly, SameSite=Strict, path /citizen) holding a
random id whose digest the database keeps with the CSRF token every form carries. The
first phone to enter a code holds it: another phone entering the same code is told it
is in use. Wrong passwords are counted in the database per AFM and per address and
lock out, as clerks' do. A used, refused, expired or unknown code gets a page saying so.
"""

from __future__ import annotations

import hmac
from html import escape
from typing import Final
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from sync.server import fixtures
from sync.server.errors import ApiError
from sync.server.limits import read_limited
from sync.server.onceonly_store import (
    USER_CODE_ALPHABET,
    WEB_SESSION_TTL,
    Authorization,
    OnceOnlyStore,
    WebSession,
)

COOKIE: Final = "citizen_session"
MAX_FORM = 2048
CITIZEN_MAX_FAILURES = 5  # wrong passwords per AFM
ADDRESS_MAX_FAILURES = 20  # wrong passwords or codes per address
_LOOK_ALIKES = str.maketrans("ΒΗΚΜΝΡΤΧΖ", "BHKMNPTXZ")
REGISTRY_NAMES: Final = {
    "taxpayer": ("Μητρώο φορολογουμένων (ΑΑΔΕ)", "Taxpayer registry (AADE)"),
    "identity": ("Μητρώο πολιτών (ΑΜΚΑ)", "Citizen registry (AMKA)"),
    "vehicle": ("Μητρώο οχημάτων", "Vehicle registry"),
}
ATTRIBUTE_NAMES: Final = {
    "surname": "επώνυμο / surname",
    "name": "όνομα / first name",
    "tax_office": "ΔΟΥ / tax office",
    "birth_date": "ημερομηνία γέννησης / date of birth",
    "make": "μάρκα / make",
    "model": "μοντέλο / model",
    "owner_afm": "ΑΦΜ κατόχου / owner's AFM",
}
# The gov.gr look of every page the platform serves to a citizen's phone.
BASE_STYLE: Final = """
body{margin:0;font-family:Roboto,"Noto Sans",Arial,sans-serif;color:#0b0c0c;background:#fff;
font-size:18px;line-height:1.45}
header{background:#003375;color:#fff;padding:14px 18px;font-weight:700;font-size:20px}
h1{font-size:26px;margin:8px 0 14px}
.en{color:#505a5f;font-size:16px}
"""
_STYLE = (
    BASE_STYLE
    + """
main{padding:18px;max-width:560px;margin:0 auto}
.fake{background:#fff4d6;border-left:6px solid #c98a00;padding:10px 12px;margin:0 0 16px;
font-weight:700}
.error{border-left:6px solid #b10e1e;padding:10px 12px;background:#fdeeee;margin:0 0 16px}
label{display:block;font-weight:700;margin:14px 0 6px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;font-size:22px;
padding:12px;border:2px solid #0b0c0c;border-radius:0}
button{display:block;width:100%;font-size:20px;padding:14px;margin:16px 0 0;border:0;
background:#00703c;color:#fff;font-weight:700;cursor:pointer}
button.deny{background:#b10e1e}
ul{padding-left:22px}
li{margin:6px 0}
.box{border:1px solid #b1b4b6;padding:12px;margin:12px 0}
.box p:first-child,.error p{margin-top:0}
.error p{margin-bottom:0}
"""
)
HEADERS: Final = {
    # The code travels in the URL: never to another site, never framed, never cached.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def normalise_code(text: str) -> str | None:
    """`BCDF-GHJK` from what a person typed: any case, with or without the dash or
    spaces, Greek look-alike capitals as Latin. None if it cannot be a code."""
    letters = "".join(text.upper().split()).replace("-", "").translate(_LOOK_ALIKES)
    if len(letters) != 8 or any(c not in USER_CODE_ALPHABET for c in letters):
        return None
    return f"{letters[:4]}-{letters[4:]}"


def _page(title: tuple[str, str], body: str, status: int = 200) -> HTMLResponse:
    el, en = (escape(t) for t in title)
    document = (
        '<!doctype html><html lang="el"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{el}</title><style>{_STYLE}</style></head><body>"
        "<header>gov.gr · Περιφέρεια <span class='en'>(reference server)</span></header>"
        f'<main><h1>{el}<br><span class="en" lang="en">{en}</span></h1>{body}</main>'
        "</body></html>"
    )
    return HTMLResponse(document, status_code=status, headers=HEADERS)


def _p(el: str, en: str) -> str:
    return f'<p>{escape(el)}<br><span class="en" lang="en">{escape(en)}</span></p>'


def _error(el: str, en: str) -> str:
    return f'<div class="error" role="alert">{_p(el, en)}</div>'


def _form(action: str, csrf: str, inner: str) -> str:
    return (
        f'<form method="post" action="{escape(action)}">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">{inner}</form>'
    )


_ENDED: Final = {
    "unknown": (
        ("Άγνωστος κωδικός", "Unknown code"),
        "Ο κωδικός δεν υπάρχει. Ελέγξτε τον στην οθόνη του περιπτέρου.",
        "There is no such code. Check it on the kiosk's screen.",
        404,
    ),
    "expired": (
        ("Ο κωδικός έληξε", "The code has expired"),
        "Ζητήστε νέο κωδικό στο περίπτερο. Μπορείτε πάντα να φέρετε τα έγγραφα.",
        "Ask the kiosk for a new code. You can always bring the documents instead.",
        410,
    ),
    "used": (
        ("Ο κωδικός χρησιμοποιήθηκε ήδη", "This code was already used"),
        "Κάθε κωδικός ισχύει μία φορά, σε ένα κινητό. Ζητήστε νέο στο περίπτερο.",
        "Each code works once, on one phone. Ask the kiosk for a new one.",
        410,
    ),
    "refused": (
        ("Η αίτηση απορρίφθηκε", "The request was refused"),
        "Αρνηθήκατε· τίποτα δεν ανακτήθηκε. Στο περίπτερο μπορείτε να συνεχίσετε "
        "φέρνοντας τα έγγραφα.",
        "You refused; nothing was fetched. At the kiosk you can go on and bring the "
        "documents instead.",
        410,
    ),
    "session": (
        ("Η σύνδεση έληξε", "Your session has ended"),
        "Ξεκινήστε ξανά πληκτρολογώντας τον κωδικό του περιπτέρου.",
        "Start again by typing the kiosk's code.",
        403,
    ),
}


def _ended(kind: str) -> HTMLResponse:
    title, el, en, status = _ENDED[kind]
    return _page(title, _p(el, en) + '<p><a href="/citizen">Αρχή · Start</a></p>', status)


def _state_of(onceonly: OnceOnlyStore, found: Authorization | None) -> str:
    if found is None:
        return "unknown"
    if found.state == "denied":
        return "refused"
    if found.state != "pending":
        return "used"
    if found.expires_at <= onceonly.clock():
        return "expired"
    return "pending"


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _with_cookie(response: Response, request: Request, session: str) -> Response:
    response.set_cookie(
        COOKIE,
        session,
        max_age=int(WEB_SESSION_TTL.total_seconds()),
        path="/citizen",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


def citizen_page_routes() -> list[Route]:
    def store(request: Request) -> OnceOnlyStore:
        onceonly: OnceOnlyStore = request.app.state.store.onceonly
        return onceonly

    def session_of(request: Request) -> tuple[str, WebSession] | None:
        token = request.cookies.get(COOKIE, "")
        found = store(request).web_session(token) if token else None
        return (token, found) if found else None

    async def posted(request: Request) -> tuple[str, WebSession, dict[str, str]] | None:
        """The form's fields when the session and its CSRF token are right."""
        try:
            raw = await read_limited(request, MAX_FORM)
        except ApiError:
            return None
        fields = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
        current = session_of(request)
        if current is None or not hmac.compare_digest(
            fields.get("csrf", "").encode(), current[1].csrf.encode()
        ):
            return None
        return current[0], current[1], fields

    def code_page(csrf: str, code: str, problem: str = "") -> str:
        return problem + _form(
            "/citizen",
            csrf,
            _p(
                "Πληκτρολογήστε τον κωδικό που δείχνει το περίπτερο.",
                "Type the code the kiosk shows.",
            )
            + '<label for="code">Κωδικός · Code</label>'
            f'<input id="code" name="code" type="text" value="{escape(code)}" '
            'autocomplete="off" autocapitalize="characters" spellcheck="false">'
            "<button type=submit>Συνέχεια · Continue</button>",
        )

    async def enter(request: Request) -> Response:
        onceonly = store(request)
        current = session_of(request)  # a reload reuses the phone's session
        session, csrf = (current[0], current[1].csrf) if current else onceonly.open_web_session()
        code = request.query_params.get("code", "")[:32]
        body = code_page(csrf, normalise_code(code) or code)
        response = _page(("Σύνδεση στο περίπτερο", "Sign in at the kiosk"), body)
        return _with_cookie(response, request, session)

    async def submit_code(request: Request) -> Response:
        form = await posted(request)
        if form is None:
            return _ended("session")
        session, web, fields = form
        onceonly = store(request)
        address = _address(request)
        if onceonly.locked_for([("citizen-address", address)]) is not None:
            return _locked()
        code = normalise_code(fields.get("code", ""))
        found = onceonly.authorization_by_user_code(code) if code else None
        state = _state_of(onceonly, found)
        if state == "unknown":
            onceonly.count_failure("citizen-address", address, ADDRESS_MAX_FAILURES)
            problem = _error(
                "Δεν υπάρχει τέτοιος κωδικός. Ελέγξτε τον στην οθόνη του περιπτέρου.",
                "There is no such code. Check it on the kiosk's screen.",
            )
            return _page(
                ("Σύνδεση στο περίπτερο", "Sign in at the kiosk"),
                code_page(web.csrf, fields.get("code", "")[:32], problem),
                404,
            )
        if state != "pending" or code is None:
            return _ended(state)
        if not onceonly.claim(code, session):
            return _ended("used")  # another phone holds it
        onceonly.set_web_code(session, code)
        return RedirectResponse("/citizen/sign-in", status_code=303, headers=HEADERS)

    def current_authorization(
        request: Request, session: str, web: WebSession
    ) -> Authorization | HTMLResponse:
        onceonly = store(request)
        found = onceonly.authorization_by_user_code(web.user_code) if web.user_code else None
        if found is None:
            return _ended("session")
        state = _state_of(onceonly, found)
        if state != "pending":
            return _ended(state)
        if not onceonly.claimed_by(found, session):
            return _ended("used")
        return found

    def sign_in_page(csrf: str, problem: str = "", status: int = 200) -> HTMLResponse:
        accounts = "".join(
            f"<li>ΑΦΜ {escape(afm)} · {escape(password)}</li>"
            for afm, (_, password) in fixtures.FAKE_CITIZENS.items()
        )
        body = (
            '<div class="fake">ΔΟΚΙΜΑΣΤΙΚΟ — FAKE<br><span class="en" lang="en">'
            "A stand-in for TaxisNet on the reference server: invented accounts only."
            f"</span><ul>{accounts}</ul></div>"
            + problem
            + _form(
                "/citizen/sign-in",
                csrf,
                '<label for="afm">ΑΦΜ · Tax number</label>'
                '<input id="afm" name="afm" type="text" inputmode="numeric" '
                'autocomplete="username">'
                '<label for="password">Κωδικός πρόσβασης · Password</label>'
                '<input id="password" name="password" type="password" '
                'autocomplete="current-password">'
                "<button type=submit>Σύνδεση · Sign in</button>",
            )
        )
        return _page(("Σύνδεση με κωδικούς TaxisNet", "Sign in with TaxisNet"), body, status)

    async def sign_in_form(request: Request) -> Response:
        current = session_of(request)
        if current is None:
            return _ended("session")
        found = current_authorization(request, *current)
        if isinstance(found, HTMLResponse):
            return found
        if current[1].subject_afm:
            return RedirectResponse("/citizen/consent", status_code=303, headers=HEADERS)
        return sign_in_page(current[1].csrf)

    async def sign_in(request: Request) -> Response:
        form = await posted(request)
        if form is None:
            return _ended("session")
        session, web, fields = form
        found = current_authorization(request, session, web)
        if isinstance(found, HTMLResponse):
            return found
        onceonly = store(request)
        afm = fields.get("afm", "").strip()[:16]
        address = _address(request)
        keys = [("citizen", afm), ("citizen-address", address)]
        if onceonly.locked_for(keys) is not None:
            return _locked()
        account = fixtures.FAKE_CITIZENS.get(afm)
        password = fields.get("password", "")[:256].encode()
        if account is None or not hmac.compare_digest(password, account[1].encode()):
            left = onceonly.count_failure("citizen", afm, CITIZEN_MAX_FAILURES)
            onceonly.count_failure("citizen-address", address, ADDRESS_MAX_FAILURES)
            if left == 0:
                return _locked()
            problem = _error(
                f"Λάθος ΑΦΜ ή κωδικός. Απομένουν {left} προσπάθειες.",
                f"Wrong tax number or password. {left} attempts left.",
            )
            return sign_in_page(web.csrf, problem, 401)
        onceonly.forgive("citizen", afm)
        new = onceonly.sign_in_web_session(session, afm, web.user_code)
        response = RedirectResponse("/citizen/consent", status_code=303, headers=HEADERS)
        return _with_cookie(response, request, new)

    async def consent_form(request: Request) -> Response:
        current = session_of(request)
        if current is None or not current[1].subject_afm:
            return _ended("session")
        found = current_authorization(request, *current)
        if isinstance(found, HTMLResponse):
            return found
        return consent_page(request, current[1], found)

    def consent_page(request: Request, web: WebSession, found: Authorization) -> HTMLResponse:
        procedure = request.app.state.catalog(found.procedure_id, found.procedure_version)
        title_el = procedure.title.el if procedure else found.procedure_id
        title_en = (procedure.title.en or "") if procedure else ""
        evidence = "".join(
            "<li><b>{}</b> <span class='en' lang='en'>({})</span><br>{}</li>".format(
                escape(REGISTRY_NAMES[item["registry"]][0]),
                escape(REGISTRY_NAMES[item["registry"]][1]),
                escape(", ".join(ATTRIBUTE_NAMES.get(a, a) for a in item["attributes"])),
            )
            for item in found.scope
        )
        name = fixtures.FAKE_CITIZENS.get(web.subject_afm or "", ("", ""))[0]
        body = (
            '<div class="fake">ΔΟΚΙΜΑΣΤΙΚΟ — FAKE</div>'
            + _p(
                f"Συνδεθήκατε ως {name} (ΑΦΜ {web.subject_afm}).",
                f"Signed in as {name} (tax number {web.subject_afm}).",
            )
            + '<div class="box">'
            + _p(f"Υπηρεσία: {found.office_id}", f"Office: {found.office_id}")
            + _p(f"Διαδικασία: {title_el}", f"Procedure: {title_en or title_el}")
            + _p(
                "Ζητά να ανακτήσει για λογαριασμό σας, μόνο για αυτή την αίτηση και για "
                "15 λεπτά το πολύ:",
                "asks to fetch on your behalf, for this application only and for at most "
                "15 minutes:",
            )
            + f"<ul>{evidence}</ul></div>"
            + _p(
                "Θα δείτε τα στοιχεία στο περίπτερο πριν χρησιμοποιηθούν. Αν αρνηθείτε, "
                "φέρνετε τα έγγραφα.",
                "You will see the data at the kiosk before it is used. If you refuse, "
                "you bring the documents instead.",
            )
            + _form(
                "/citizen/consent",
                web.csrf,
                '<button type=submit name="decision" value="approve">Έγκριση · Approve</button>'
                '<button type=submit name="decision" value="deny" class="deny">'
                "Άρνηση · Refuse</button>",
            )
        )
        return _page(("Έγκριση ανάκτησης στοιχείων", "Approve fetching your data"), body)

    async def consent(request: Request) -> Response:
        form = await posted(request)
        if form is None:
            return _ended("session")
        session, web, fields = form
        found = current_authorization(request, session, web)
        if isinstance(found, HTMLResponse):
            return found
        decision = fields.get("decision")
        if decision not in ("approve", "deny") or not web.subject_afm or not web.user_code:
            return consent_page(request, web, found)
        approve = decision == "approve"
        if not store(request).decide(web.user_code, session, web.subject_afm, approve):
            return _ended("used")
        if not approve:
            return _ended("refused")
        return _page(
            ("Εγκρίθηκε", "Approved"),
            _p(
                "Επιστρέψτε στο περίπτερο: θα δείτε εκεί τα στοιχεία πριν χρησιμοποιηθούν.",
                "Go back to the kiosk: you will see the data there before it is used.",
            ),
        )

    return [
        Route("/citizen", enter, methods=["GET"]),
        Route("/citizen", submit_code, methods=["POST"]),
        Route("/citizen/sign-in", sign_in_form, methods=["GET"]),
        Route("/citizen/sign-in", sign_in, methods=["POST"]),
        Route("/citizen/consent", consent_form, methods=["GET"]),
        Route("/citizen/consent", consent, methods=["POST"]),
    ]


def _locked() -> HTMLResponse:
    return _page(
        ("Προσωρινό κλείδωμα", "Temporarily locked"),
        _p(
            "Πολλές λανθασμένες προσπάθειες. Δοκιμάστε ξανά σε 15 λεπτά.",
            "Too many wrong attempts. Try again in 15 minutes.",
        ),
        429,
    )
