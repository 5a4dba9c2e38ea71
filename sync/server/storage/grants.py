"""Citizen grants: what an approved authorization is exchanged for, a short-lived
token (kept as a digest) that lets one device fetch the scope the citizen approved
for one application, until it expires or is revoked.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sync.protocol import parse_iso
from sync.server.storage.authorizations import Authorization
from sync.server.storage.base import StoreBase, _sha, _stamp

GRANT_TTL = timedelta(minutes=15)


@dataclass(frozen=True)
class Grant:
    grant_id: str
    office_id: str
    device_id: str
    submission_id: str
    subject_afm: str
    display_name: str
    scope: list[dict[str, Any]]
    expires_at: datetime
    revoked: bool


class GrantsMixin(StoreBase):
    def issue_grant(self, authorization: Authorization, display_name: str) -> tuple[str, Grant]:
        assert authorization.subject_afm is not None
        token = secrets.token_urlsafe(32)
        now = self.clock()
        expires = now + GRANT_TTL
        grant = Grant(
            str(uuid.uuid4()),
            authorization.office_id,
            authorization.device_id,
            authorization.submission_id,
            authorization.subject_afm,
            display_name,
            authorization.scope,
            expires,
            False,
        )
        with self._lock:
            # Past grants go after a day (the fetch log keeps their ids, not them).
            self._db.execute(
                "DELETE FROM citizen_grants WHERE expires_at < ?",
                (_stamp(now - timedelta(days=1)),),
            )
            self._db.execute(
                "INSERT INTO citizen_grants VALUES (?,?,?,?,?,?,?,?,?,?,NULL)",
                (
                    _sha(token),
                    grant.grant_id,
                    grant.office_id,
                    grant.device_id,
                    grant.submission_id,
                    grant.subject_afm,
                    display_name,
                    json.dumps(grant.scope, ensure_ascii=False),
                    _stamp(now),
                    _stamp(expires),
                ),
            )
        return token, grant

    def grant(self, token: str) -> Grant | None:
        with self._lock:
            row = self._one(
                "SELECT grant_id, office_id, device_id, submission_id, subject_afm, "
                "display_name, scope, expires_at, revoked_at FROM citizen_grants "
                "WHERE grant_sha256=?",
                _sha(token),
            )
        if row is None:
            return None
        return Grant(
            str(row[0]),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            str(row[4]),
            str(row[5]),
            json.loads(row[6]),
            parse_iso(str(row[7])),
            row[8] is not None,
        )

    def grant_usable(self, grant: Grant) -> bool:
        return not grant.revoked and self.clock() < grant.expires_at

    def revoke_grant(self, token: str, device_id: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE citizen_grants SET revoked_at=? WHERE grant_sha256=? AND device_id=? "
                "AND revoked_at IS NULL",
                (_stamp(self.clock()), _sha(token), device_id),
            )

    def revoke_grants_of_submission(self, device_id: str, submission_id: str) -> int:
        with self._lock:
            cursor = self._db.execute(
                "UPDATE citizen_grants SET revoked_at=? WHERE device_id=? AND submission_id=? "
                "AND revoked_at IS NULL",
                (_stamp(self.clock()), device_id, submission_id),
            )
        return int(cursor.rowcount)
