"""Citizen device authorizations (RFC 8628): a kiosk asks for one, the citizen's phone
claims its user code and approves or denies it, and the kiosk's polls get an RFC 8628
answer until the approved authorization is spent, once. Device codes are kept only as
SHA-256 digests.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sync.protocol import parse_iso
from sync.server.storage.base import StoreBase, _sha, _stamp

DEVICE_CODE_TTL = timedelta(minutes=10)
POLL_INTERVAL = 5  # seconds, RFC 8628 §3.2's default
SLOW_DOWN_STEP = 5  # seconds added to the interval on each slow_down (RFC 8628 §3.5)
USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"  # RFC 8628 §6.1: no vowels, no look-alikes


def new_user_code() -> str:
    letters = "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


@dataclass(frozen=True)
class Authorization:
    user_code: str
    office_id: str
    device_id: str
    submission_id: str
    procedure_id: str
    procedure_version: str
    scope: list[dict[str, Any]]
    expires_at: datetime
    interval: int
    last_polled_at: datetime | None
    state: str  # pending, approved, denied, exchanged
    claimed_by: str | None
    subject_afm: str | None


class AuthorizationsMixin(StoreBase):
    def start_authorization(
        self,
        office_id: str,
        device_id: str,
        submission_id: str,
        procedure: tuple[str, str],
        scope: list[dict[str, Any]],
    ) -> tuple[str, str]:
        """(device_code, user_code) for a new pending authorization."""
        device_code = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            for _ in range(5):  # 20^8 codes: a collision with a live one is rare
                user_code = new_user_code()
                if self._one("SELECT 1 FROM citizen_authorizations WHERE user_code=?", user_code):
                    continue
                self._db.execute(
                    "DELETE FROM citizen_authorizations WHERE expires_at < ?",
                    (_stamp(now - timedelta(days=1)),),
                )
                self._db.execute(
                    "INSERT INTO citizen_authorizations (device_code_sha256, user_code, "
                    "office_id, device_id, submission_id, procedure_id, procedure_version, "
                    "scope, created_at, expires_at, interval) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        _sha(device_code),
                        user_code,
                        office_id,
                        device_id,
                        submission_id,
                        *procedure,
                        json.dumps(scope, ensure_ascii=False),
                        _stamp(now),
                        _stamp(now + DEVICE_CODE_TTL),
                        POLL_INTERVAL,
                    ),
                )
                return device_code, user_code
        raise RuntimeError("no free user code")

    _AUTH_COLUMNS = (
        "user_code, office_id, device_id, submission_id, procedure_id, procedure_version, "
        "scope, expires_at, interval, last_polled_at, state, claimed_by, subject_afm"
    )

    @staticmethod
    def _authorization(row: tuple[Any, ...]) -> Authorization:
        return Authorization(
            str(row[0]),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            str(row[4]),
            str(row[5]),
            json.loads(row[6]),
            parse_iso(str(row[7])),
            int(row[8]),
            parse_iso(str(row[9])) if row[9] else None,
            str(row[10]),
            row[11],
            row[12],
        )

    def authorization_by_user_code(self, user_code: str) -> Authorization | None:
        with self._lock:
            row = self._one(
                f"SELECT {self._AUTH_COLUMNS} FROM citizen_authorizations WHERE user_code=?",
                user_code,
            )
        return self._authorization(row) if row else None

    def claim(self, user_code: str, web_session: str) -> bool:
        """The first phone that enters a pending code holds it; another phone is refused."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE citizen_authorizations SET claimed_by=? WHERE user_code=? "
                "AND state='pending' AND (claimed_by IS NULL OR claimed_by=?)",
                (_sha(web_session), user_code, _sha(web_session)),
            )
        return cursor.rowcount == 1

    def claimed_by(self, authorization: Authorization, web_session: str) -> bool:
        return authorization.claimed_by == _sha(web_session)

    def decide(self, user_code: str, web_session: str, subject_afm: str, approve: bool) -> bool:
        """Approve or deny, once, by the phone that claimed the code, before expiry."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE citizen_authorizations SET state=?, subject_afm=?, decided_at=? "
                "WHERE user_code=? AND state='pending' AND claimed_by=? AND expires_at > ?",
                (
                    "approved" if approve else "denied",
                    subject_afm,
                    _stamp(self.clock()),
                    user_code,
                    _sha(web_session),
                    _stamp(self.clock()),
                ),
            )
        return cursor.rowcount == 1

    def poll(self, device_code: str, device_id: str) -> tuple[str, Authorization | None]:
        """What the token endpoint answers: an RFC 8628 error name, or `approved` with
        the authorization, which is then spent (`exchanged`) in the same transaction."""
        now = self.clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                outcome, found = self._poll(device_code, device_id, now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return outcome, found

    def _poll(
        self, device_code: str, device_id: str, now: datetime
    ) -> tuple[str, Authorization | None]:
        key = _sha(device_code)
        row = self._one(
            f"SELECT {self._AUTH_COLUMNS} FROM citizen_authorizations WHERE device_code_sha256=?",
            key,
        )
        if row is None:
            return "invalid_grant", None
        found = self._authorization(row)
        if found.device_id != device_id:
            return "invalid_grant", None
        if found.state == "exchanged" or found.expires_at <= now:
            return "expired_token", None
        too_soon = found.last_polled_at is not None and now < found.last_polled_at + timedelta(
            seconds=found.interval
        )
        interval = found.interval + SLOW_DOWN_STEP if too_soon else found.interval
        self._db.execute(
            "UPDATE citizen_authorizations SET last_polled_at=?, interval=? "
            "WHERE device_code_sha256=?",
            (_stamp(now), interval, key),
        )
        if too_soon:
            return "slow_down", found
        if found.state == "denied":
            return "access_denied", None
        if found.state != "approved":
            return "authorization_pending", None
        self._db.execute(
            "UPDATE citizen_authorizations SET state='exchanged' WHERE device_code_sha256=?",
            (key,),
        )
        return "approved", found
