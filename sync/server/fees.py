"""e-παράβολο codes on the reference server: FAKE paid codes, demos and tests only.

The real platform asks gsis.gr whether a code is paid; this one keeps a table of
invented codes (FAKE_CODES, printed in docs/protocol.md). A device asks:
- `POST /v1/fees/check`: is the code paid, for this amount, and free (or already this
  application's)? It changes nothing;
- `POST /v1/fees/bind`: the same checks, then the code is bound to this application,
  exactly once. Binding is one conditional UPDATE under the store's lock: of two devices
  that try one code for two applications, one wins and the other is told 409
  `code_bound`. Binding again for the same application and fee answers the same (a
  resend after a lost answer).
A submission that arrives with a code has it bound when it is accepted (again, if the
device bound it before: its "verified" is not taken on its word); a code that cannot be
bound then is recorded in `fee_disputes` for the back office, because the application
itself is already in. The fee's amount is the catalog's for the application's answers,
checked on arrival (sync.server.checks), never the device's claim alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.submission import Submission
from sync.protocol import PREFIX, iso, now_utc
from sync.server.errors import ApiError, ok
from sync.server.limits import read_json
from sync.server.store import Device, ServerStore

_SCHEMA = """
CREATE TABLE IF NOT EXISTS fee_codes (
    code TEXT PRIMARY KEY, amount TEXT NOT NULL, paid INTEGER NOT NULL,
    office_id TEXT, submission_id TEXT, fee_id TEXT, bound_at TEXT);
CREATE TABLE IF NOT EXISTS fee_disputes (
    code TEXT NOT NULL, office_id TEXT NOT NULL, submission_id TEXT NOT NULL,
    reason TEXT NOT NULL, at TEXT NOT NULL);
"""

# code -> (amount, paid). Invented: gsis.gr never issued them.
FAKE_CODES: Final = {
    "12345678901234567890": ("50.00", True),
    "12345678901234567891": ("50.00", True),
    "12345678901234567892": ("50.00", True),
    "12345678901234567893": ("30.00", True),
    "12345678901234567899": ("50.00", False),
    "RF110123456789012345678": ("50.00", True),
}
_CODE = re.compile(r"^(\d{20}|RF\d{2}[0-9A-Z]{1,21})$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

Authenticate = Callable[[Request], Device]


def _ledger(store: ServerStore) -> ServerStore:
    """The store, with the fee tables made and the fake codes in (once per store)."""
    if not getattr(store, "_fees_ready", False):
        with store._lock:
            store._db.executescript(_SCHEMA)
            store._db.executemany(
                "INSERT OR IGNORE INTO fee_codes (code, amount, paid) VALUES (?, ?, ?)",
                [(code, amount, int(paid)) for code, (amount, paid) in FAKE_CODES.items()],
            )
            store._fees_ready = True  # type: ignore[attr-defined]
    return store


def _refuse(status: int, reason: str, message: str) -> ApiError:
    # `reason` also in field_errors["code"], where the client reads which refusal it is.
    return ApiError(status, reason, message, {"code": reason})


def _checked(store: ServerStore, office: str, claim: dict[str, Any]) -> str | None:
    """Raises the refusal; returns the application the code is bound to, if any."""
    row = store._one(
        "SELECT amount, paid, office_id, submission_id, fee_id FROM fee_codes WHERE code = ?",
        claim["code"],
    )
    if row is None:
        raise _refuse(404, "unknown_code", "no e-paravolo was issued under this code")
    amount, paid, bound_office, bound_to, bound_fee = row
    if not paid:
        raise _refuse(409, "unpaid", "this e-paravolo is not paid yet")
    if Decimal(amount) != claim["amount"]:
        raise _refuse(
            409, "wrong_amount", f"this e-paravolo is for {amount}, not {claim['amount']}"
        )
    mine = (bound_office, bound_to, bound_fee) == (office, claim["submission_id"], claim["fee_id"])
    if bound_to is not None and not mine:
        raise _refuse(409, "code_bound", "this e-paravolo is already used by another application")
    return str(bound_to) if bound_to is not None else None


async def _claim(request: Request) -> dict[str, Any]:
    document = await read_json(request)
    if not isinstance(document, dict):
        raise ApiError(422, "invalid", "expected a JSON object")
    code, fee_id = document.get("code"), document.get("fee_id")
    submission_id = document.get("submission_id")
    problems = {}
    if not isinstance(code, str) or not _CODE.match(code):
        problems["code"] = "20 digits, or an RF reference"
    if not isinstance(fee_id, str) or not 0 < len(fee_id) <= 64:
        problems["fee_id"] = "required"
    if not isinstance(submission_id, str) or not _UUID.match(submission_id):
        problems["submission_id"] = "a UUID"
    try:
        amount = Decimal(str(document.get("amount")))
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0:
        problems["amount"] = "a decimal amount"
    if problems:
        raise ApiError(422, "invalid", "the claim is invalid", problems)
    return {"code": code, "fee_id": fee_id, "submission_id": submission_id, "amount": amount}


def bind_code(store: ServerStore, office: str, claim: dict[str, Any]) -> str:
    """Bind, exactly once; the time it was bound. Raises the refusal."""
    store = _ledger(store)
    with store._lock:
        if _checked(store, office, claim) is None:
            store._db.execute(
                "UPDATE fee_codes SET office_id=?, submission_id=?, fee_id=?, bound_at=? "
                "WHERE code=? AND submission_id IS NULL",
                (office, claim["submission_id"], claim["fee_id"], iso(now_utc()), claim["code"]),
            )
        row = store._one("SELECT bound_at FROM fee_codes WHERE code = ?", claim["code"])
    assert row is not None
    return str(row[0])


def bind_submitted_codes(store: ServerStore, device: Device, submission: Submission) -> None:
    """Every code the application names is bound now (again, for one the device says
    it had bound: binding is idempotent for the same application and fee, and a device's
    word is not proof), or noted for the back office when it cannot be. The amounts were
    checked against the catalog before (sync.server.checks)."""
    for line in submission.fees:
        if line.payment_code is None:
            continue
        claim = {
            "code": line.payment_code,
            "fee_id": line.fee_id,
            "submission_id": str(submission.submission_id),
            "amount": line.amount,
        }
        try:
            bind_code(store, device.office_id, claim)
        except ApiError as refused:
            with store._lock:
                store._db.execute(
                    "INSERT INTO fee_disputes VALUES (?, ?, ?, ?, ?)",
                    (
                        line.payment_code,
                        device.office_id,
                        claim["submission_id"],
                        refused.code,
                        iso(now_utc()),
                    ),
                )


def disputes(store: ServerStore) -> list[tuple[str, str, str]]:
    """(code, submission id, reason) of the codes that could not be bound at arrival."""
    with _ledger(store)._lock:
        rows = store._db.execute(
            "SELECT code, submission_id, reason FROM fee_disputes ORDER BY rowid"
        ).fetchall()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def fee_routes(authenticate: Authenticate) -> list[Route]:
    async def check(request: Request) -> Response:
        device = authenticate(request)
        claim = await _claim(request)
        store = _ledger(request.app.state.store)
        with store._lock:
            bound_to = _checked(store, device.office_id, claim)
        return ok(code=claim["code"], paid=True, bound=bound_to is not None)

    async def bind(request: Request) -> Response:
        device = authenticate(request)
        claim = await _claim(request)
        bound_at = bind_code(request.app.state.store, device.office_id, claim)
        return ok(code=claim["code"], bound=True, bound_at=bound_at)

    return [
        Route(f"{PREFIX}/fees/check", check, methods=["POST"]),
        Route(f"{PREFIX}/fees/bind", bind, methods=["POST"]),
    ]
