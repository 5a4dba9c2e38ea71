"""What the network lane fetches and reports for the office, after each drain:

- the office's applications (every channel and device), page by page from the cursor
  the local copy holds, with the parked drafts waiting on the platform; the copy
  (kiosk.store.office_copy) keeps the newest of each. `fetched_at` moves only when
  every page came: the counter's "offline: as of HH:MM" is then the truth;
- the heartbeat for the Region's fleet page, at most every HEARTBEAT_EVERY;
- on a kiosk, the applications the platform refused (quarantined: no clerk at a kiosk to
  correct them) handed to the office's counters (RefusedReporter); at a counter, the list
  of those waiting (OfficeFeed, with the applications).

Neither fails a drain: a link failure leaves the copy and the last heartbeat as they
were, for the next drain."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

from kiosk.office_applications import OfficeApplication, RefusedElsewhere, WaitingParked
from kiosk.ports import DraftRecord
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.heartbeat import Heartbeat
from sync.protocol import now_utc

log = logging.getLogger(__name__)
HEARTBEAT_EVERY = timedelta(minutes=5)
MAX_PAGES = 50  # per drain: a long history arrives over a few drains


class RefusedQueue(Protocol):
    """The device's refused applications (kiosk.store's outbox and drafts)."""

    def quarantined(self) -> list[DraftRecord]: ...
    def reopen_for_correction(self, submission_id: UUID, actor: str) -> None: ...


class OfficeCopyPort(Protocol):
    def cursor(self) -> int: ...
    def apply(
        self,
        applications: Sequence[OfficeApplication],
        cursor: int,
        parked: Sequence[WaitingParked] | None = None,
        fetched_at: datetime | None = None,
    ) -> int: ...
    def keep_refused(self, refused: Sequence[RefusedElsewhere]) -> None: ...


class OfficeFeed:
    def __init__(
        self,
        office_id: str,
        copy: OfficeCopyPort,
        clock: Callable[[], datetime] = now_utc,
        page_size: int = 100,
    ) -> None:
        self.office_id = office_id
        self.page_size = page_size
        self._copy = copy
        self._clock = clock

    def pull(self, client: PlatformClient, should_stop: Callable[[], bool]) -> int:
        """Fetch what changed since the copy's cursor; returns how many rows changed."""
        changed = 0
        try:
            for _ in range(MAX_PAGES):
                if should_stop():
                    return changed
                page, cursor, more = client.office_applications(self.office_id, self._copy.cursor())
                if not more:
                    parked = client.office_parked(self.office_id)
                    self._copy.keep_refused(client.office_refused(self.office_id))
                    return changed + self._copy.apply(page, cursor, parked, self._clock())
                changed += self._copy.apply(page, cursor)
        except SyncError as failure:
            log.info("office applications not refreshed: %s", failure)
        return changed


class RefusedReporter:
    """A kiosk's refused applications, handed to the office's counters at every drain
    (the platform's PUT is idempotent: the same report again answers its state). Once a
    counter has taken one (or the platform holds it after all), the kiosk stops holding
    it as refused: it goes back to a draft here, purged with the abandoned kiosk drafts."""

    def __init__(
        self, office_id: str, outbox: RefusedQueue, export: Callable[[UUID], bytes]
    ) -> None:
        self.office_id = office_id
        self._outbox, self._export = outbox, export

    def push(self, client: PlatformClient, should_stop: Callable[[], bool]) -> int:
        """Returns how many were taken by a counter since the last drain."""
        taken = 0
        for record in self._outbox.quarantined():
            if should_stop():
                break
            reason = record.quarantine_reason
            try:
                state = client.report_refused(
                    self.office_id,
                    record.submission_id,
                    self._export(record.submission_id),
                    reason.reason[:500] if reason else "",
                    list(reason.fields) if reason else [],
                )
            except SyncError as failure:
                log.info("refused application not handed over yet: %s", failure)
                break
            if state in ("taken", "accepted"):
                self._outbox.reopen_for_correction(record.submission_id, "platform")
                taken += 1
        return taken


class HeartbeatSender:
    """Sends `build(last_sync_at)` at most every `every`; a failure tries next drain."""

    def __init__(
        self,
        build: Callable[[datetime | None], Heartbeat],
        every: timedelta = HEARTBEAT_EVERY,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self._build, self._every, self._clock = build, every, clock
        self._sent_at: datetime | None = None

    def maybe_send(self, client: PlatformClient, last_sync_at: datetime | None) -> bool:
        now = self._clock()
        if self._sent_at is not None and now - self._sent_at < self._every:
            return False
        try:
            client.put_heartbeat(self._build(last_sync_at))
        except SyncError as failure:
            log.info("heartbeat not sent: %s", failure)
            return False
        self._sent_at = now
        return True
