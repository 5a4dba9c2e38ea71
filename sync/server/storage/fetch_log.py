"""The registry fetch log: one line per registry look-up, with who acted and what was
answered. Identifiers looked up are kept only as an HMAC under a key held in
`server_settings`, so the log can say "the same identifier again" but never which.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.server.storage.base import StoreBase, _stamp

HMAC_SETTING = "registry_fetch_hmac_key"


@dataclass(frozen=True)
class FetchEntry:
    """One line of the registry fetch log, as written (identifier as an HMAC)."""

    office_id: str
    device_id: str
    registry: str
    evidence_type: str | None
    submission_id: str | None
    procedure_id: str | None
    acting: str  # citizen_grant, clerk, none
    grant_id: str | None
    clerk_id: str | None
    identity_document: str | None  # the document type the clerk checked, no number
    representation: str | None  # JSON {relation, document}
    identifier: str | None
    attributes: list[str]
    outcome: str  # answered, not_found, or the refusal's error code


class FetchLogMixin(StoreBase):
    _settings: tuple[Callable[[str], bytes | None], Callable[[str, bytes], None]]
    _hmac_key: bytes | None

    def identifier_hmac(self, identifier: str) -> str:
        """The HMAC under which an identifier is logged; its key is made on first use
        and kept in server_settings, so a restart logs the same identifier alike."""
        if self._hmac_key is None:  # read outside self._lock: setting() takes it
            read, write = self._settings
            stored = read(HMAC_SETTING)
            if stored is None:
                stored = secrets.token_bytes(32)
                write(HMAC_SETTING, stored)
            self._hmac_key = stored
        return hmac.new(self._hmac_key, identifier.encode(), hashlib.sha256).hexdigest()

    def log_fetch(self, entry: FetchEntry) -> tuple[str, datetime]:
        """Write the entry; returns (fetch_id, when)."""
        digest = self.identifier_hmac(entry.identifier) if entry.identifier is not None else None
        fetch_id, now = str(uuid.uuid4()), self.clock()
        with self._lock:
            self._db.execute(
                "INSERT INTO registry_fetches VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    fetch_id,
                    _stamp(now),
                    entry.office_id,
                    entry.device_id,
                    entry.registry,
                    entry.evidence_type,
                    entry.submission_id,
                    entry.procedure_id,
                    entry.acting,
                    entry.grant_id,
                    entry.clerk_id,
                    entry.identity_document,
                    entry.representation,
                    digest,
                    json.dumps(entry.attributes),
                    entry.outcome,
                ),
            )
        return fetch_id, now

    def fetches(self, office_id: str, limit: int = 500) -> list[dict[str, Any]]:
        """The office's log, newest first, without identifiers (not even their HMAC)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT fetch_id, fetched_at, device_id, registry, evidence_type, "
                "submission_id, procedure_id, acting, grant_id, clerk_id, identity_document, "
                "representation, attributes, outcome FROM registry_fetches WHERE office_id=? "
                "ORDER BY fetched_at DESC, fetch_id LIMIT ?",
                (office_id, limit),
            ).fetchall()
        names = [
            "fetch_id",
            "fetched_at",
            "device_id",
            "registry",
            "evidence_type",
            "submission_id",
            "procedure_id",
            "acting",
            "grant_id",
            "clerk_id",
            "identity_document",
            "representation",
            "attributes",
            "outcome",
        ]
        listed = []
        for row in rows:
            item = dict(zip(names, row, strict=True))
            item["attributes"] = json.loads(item["attributes"])
            item["representation"] = (
                json.loads(item["representation"]) if item["representation"] else None
            )
            listed.append(item)
        return listed

    def logged_fetch(
        self, fetch_id: str, device_id: str, submission_id: str
    ) -> tuple[str, str | None] | None:
        """Who acted (`citizen_grant` or `clerk`, and the clerk id) for this fetch, if it
        was answered for this device and this application; None otherwise."""
        with self._lock:
            row = self._one(
                "SELECT acting, clerk_id FROM registry_fetches WHERE fetch_id=? "
                "AND device_id=? AND submission_id=? AND outcome IN ('answered', 'not_found')",
                fetch_id,
                device_id,
                submission_id,
            )
        return (str(row[0]), row[1]) if row else None
