"""The citizen phone's web session: a cookie (kept as a digest) and a CSRF token,
renewed at sign-in so that an id a page may have leaked before does not carry over.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sync.server.storage.base import StoreBase, _sha, _stamp

WEB_SESSION_TTL = timedelta(minutes=20)


@dataclass(frozen=True)
class WebSession:
    csrf: str
    user_code: str | None
    subject_afm: str | None


class WebSessionsMixin(StoreBase):
    def open_web_session(self) -> tuple[str, str]:
        """(session id for the cookie, CSRF token for the forms)."""
        session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._db.execute(
                "DELETE FROM citizen_web_sessions WHERE expires_at < ?", (_stamp(now),)
            )
            self._db.execute(
                "INSERT INTO citizen_web_sessions VALUES (?, ?, NULL, NULL, ?, ?)",
                (_sha(session), csrf, _stamp(now), _stamp(now + WEB_SESSION_TTL)),
            )
        return session, csrf

    def web_session(self, session: str) -> WebSession | None:
        with self._lock:
            row = self._one(
                "SELECT csrf, user_code, subject_afm FROM citizen_web_sessions "
                "WHERE session_sha256=? AND expires_at > ?",
                _sha(session),
                _stamp(self.clock()),
            )
        return WebSession(str(row[0]), row[1], row[2]) if row else None

    def set_web_code(self, session: str, user_code: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE citizen_web_sessions SET user_code=? WHERE session_sha256=?",
                (user_code, _sha(session)),
            )

    def sign_in_web_session(self, old: str, subject_afm: str, web_code: str | None) -> str:
        """A new session id for the signed-in phone (the old one, which a page may have
        leaked before sign-in, ends); the claim on the code moves with it."""
        new, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._db.execute(
                "DELETE FROM citizen_web_sessions WHERE session_sha256=?", (_sha(old),)
            )
            self._db.execute(
                "INSERT INTO citizen_web_sessions VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _sha(new),
                    csrf,
                    web_code,
                    subject_afm,
                    _stamp(now),
                    _stamp(now + WEB_SESSION_TTL),
                ),
            )
            self._db.execute(
                "UPDATE citizen_authorizations SET claimed_by=? WHERE claimed_by=?",
                (_sha(new), _sha(old)),
            )
        return new
