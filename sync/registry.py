"""Once Only look-ups through the platform: kiosk.ports.RegistryLookupPort over HTTP.

The platform answers only for a person (issue #16): a citizen's grant or a signed-in
clerk's session with an identity check. Who acts is asked of `credentials` at each
look-up; without one, nothing is asked of the platform at all and the look-up is
`RegistryNotAuthorisedError` (a RegistryUnavailableError, so an engine that does not
know it yet keeps the check pending and the person types or brings the document).
Each answered fetch is reported to `on_fetch` (its fetch_id goes in the submission)."""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from kiosk.ports import LookupPurpose as PortPurpose
from kiosk.ports import RegistryLookupPort, RegistryRecord, RegistryUnavailableError
from sync.citizen import (
    IdentityCheck,
    LookupPurpose,
    LookupRefusedError,
    RegistryAnswer,
    Representation,
)
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.protocol import REGISTRIES


class RegistryNotAuthorisedError(RegistryUnavailableError):
    """Nobody who may ask (no citizen grant, no clerk with an identity check), or the
    platform refused who asked (`code`): the registry is not asked for this person."""

    def __init__(self, message: str, code: str = "grant_required") -> None:
        super().__init__(message)
        self.code = code


class RegistryCredentials(msgspec.Struct, frozen=True):
    """Who acts, and why, for the look-ups made now. `attributes` maps a registry to
    the attributes the procedure binds (and the grant's scope allows)."""

    purpose: LookupPurpose
    attributes: dict[str, list[str]]
    grant: str | None = None
    clerk_session: str | None = None
    identity_check: IdentityCheck | None = None
    on_behalf_of: Representation | None = None


CredentialsProvider = Callable[[], RegistryCredentials | None]


class PlatformRegistry(RegistryLookupPort):
    def __init__(
        self,
        client: PlatformClient,
        credentials: CredentialsProvider = lambda: None,
        on_fetch: Callable[[RegistryAnswer], None] = lambda answer: None,
    ) -> None:
        self._client = client
        self._credentials = credentials
        self._on_fetch = on_fetch

    def lookup(
        self, registry: str, identifier: str, purpose: PortPurpose | None = None
    ) -> RegistryRecord | None:
        """`purpose` (the engine's: this application, its procedure, the evidence and its
        attributes) is what the platform checks and logs; without it, the credentials'."""
        if registry not in REGISTRIES:
            raise ValueError(f"unknown registry {registry!r}; known: {', '.join(REGISTRIES)}")
        credentials = self._credentials()
        if credentials is None or not (credentials.grant or credentials.clerk_session):
            raise RegistryNotAuthorisedError(f"{registry}: nobody signed in, not asked")
        attributes = list(purpose.attributes) if purpose and purpose.attributes else None
        attributes = attributes or credentials.attributes.get(registry)
        if not attributes:
            raise RegistryNotAuthorisedError(f"{registry}: not in what was approved")
        if purpose is not None:
            credentials = msgspec.structs.replace(
                credentials,
                purpose=LookupPurpose(
                    purpose.submission_id,
                    purpose.procedure_id,
                    purpose.evidence_type,
                    credentials.purpose.procedure_version,
                ),
            )
        answer = self.fetch(registry, identifier, attributes, credentials)
        if not answer.found:
            return None
        return RegistryRecord(
            registry=registry,
            identifier=identifier,
            attributes=answer.record,
            fetch_id=answer.fetch_id,
            fetched_at=answer.fetched_at,
        )

    def fetch(
        self,
        registry: str,
        identifier: str,
        attributes: list[str],
        credentials: RegistryCredentials,
    ) -> RegistryAnswer:
        """One look-up with its receipt (fetch_id, fetched_at) for the submission."""
        try:
            answer = self._client.lookup(
                registry,
                identifier,
                attributes=attributes,
                purpose=credentials.purpose,
                grant=credentials.grant,
                clerk_session=credentials.clerk_session,
                identity_check=credentials.identity_check,
                on_behalf_of=credentials.on_behalf_of,
            )
        except LookupRefusedError as error:
            raise RegistryNotAuthorisedError(f"{registry}: {error}", error.code) from error
        except SyncError as error:
            # Link down, registry down, token refused: the check stays pending either way.
            raise RegistryUnavailableError(f"{registry} registry unavailable") from error
        self._on_fetch(answer)
        return answer
